import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { convert } from "../../lib/parser/convert.js";
import { nativeWalker, parseFlat } from "../../lib/parser/native-walker.js";
import { parseTree, treeSitterInput } from "../../lib/parser/tree-sitter.js";
import { findStdlib, pythonFiles, repoRoot, stringifyAst } from "../helpers.js";

/**
 * The native walker (lib/native) against the tree-sitter binding's cursor walk: the same AST, token for token,
 * on a sample of the CPython standard library; one parser per thread (worker threads parse concurrently); syntax
 * errors left to the binding's path.
 */
const serialize = (value: unknown) => stringifyAst(value);

function sample(): Array<{ path: string; text: string }> {
  const stdlib = findStdlib();
  const files = stdlib
    ? pythonFiles(stdlib)
        .sort()
        .filter((_, i) => i % 15 === 0)
    : [];
  return files
    .map((path) => ({ path, text: readFileSync(path, "utf8").replace(/^\uFEFF/u, "") }))
    .filter(({ text }) => !parseTree(text).rootNode.hasError);
}

describe("native walker", function () {
  this.timeout(120_000);

  it("is built on this machine (npm ci runs scripts/build-native.mjs)", function () {
    if (process.env.PYTHON_AUDIT_NATIVE === "0") this.skip();
    assert.ok(
      nativeWalker(),
      "lib/native/build/Release/python_audit_walker.node did not load: run `node scripts/build-native.mjs`",
    );
  });

  it("gives the same AST and tokens as the binding's cursor walk (stdlib sample)", function () {
    if (!nativeWalker()) this.skip();
    const files = sample();
    assert.ok(files.length > 50, `${files.length} files`);
    for (const { path, text } of files) {
      const input = treeSitterInput(text);
      const flat = parseFlat(input);
      assert.ok(flat, `${path}: native parse found errors the binding did not`);
      assert.equal(serialize(convert(flat, text).program), serialize(convert(parseTree(input), text).program), path);
    }
  });

  it("leaves files with syntax errors to the binding (returns null)", function () {
    if (!nativeWalker()) this.skip();
    assert.equal(parseFlat("def f(:\n    pass\n"), null);
    assert.ok(parseFlat("x = 1\n"));
    assert.ok(parseFlat(""));
  });

  it("grows its reused record buffer for a large file, and refuses a tree whose records were overwritten", function () {
    if (!nativeWalker()) this.skip();
    const large = "a = b\n".repeat(60_000);
    const first = parseFlat(large)!;
    assert.ok(first.records.length >= 1_500_000, `${first.records.length} int32`);
    assert.equal(serialize(convert(first, large).program), serialize(convert(parseTree(large), large).program));
    const stale = parseFlat("x = 1\n")!;
    parseFlat("y = 2\n");
    assert.throws(() => convert(stale, "x = 1\n"), /overwritten by a later parse/u);
  });

  it("parses in a per-thread arena, and past its limit spills to libc with the same result", function () {
    const walker = nativeWalker();
    if (!walker) this.skip();
    const large = "def f(a, b=[1, 2]):\n    return g(a)[b] + 'x' * 3\n".repeat(2_000);
    const expected = serialize(convert(parseTree(large), large).program);
    assert.equal(serialize(convert(parseFlat(large)!, large).program), expected);
    assert.equal(walker.arenaLimit().spilled, false);
    const { limit } = walker.arenaLimit(4 << 20);
    try {
      assert.equal(serialize(convert(parseFlat(large)!, large).program), expected);
      assert.equal(walker.arenaLimit().spilled, true, "the file should have needed more than 4 MB of arena");
      // Right after a spill, the arena serves the next file again.
      assert.equal(
        serialize(convert(parseFlat("x = [1]\n")!, "x = [1]\n").program),
        serialize(convert(parseTree("x = [1]\n"), "x = [1]\n").program),
      );
      assert.equal(walker.arenaLimit().spilled, false);
    } finally {
      walker.arenaLimit(limit);
    }
  });

  it("handles non-BMP text and CRLF: offsets are JS string indices", function () {
    if (!nativeWalker()) this.skip();
    const text = "s = '😀é'\r\nt = s  # ✓\r\n";
    assert.equal(
      serialize(convert(parseFlat(treeSitterInput(text))!, text).program),
      serialize(convert(parseTree(text), text).program),
    );
  });

  it("keeps one parser per thread: workers parsing at once get the main thread's results", async function () {
    if (!nativeWalker()) this.skip();
    const files = sample().slice(0, 40);
    const expected = files.map(({ text }) => serialize(convert(parseFlat(treeSitterInput(text))!, text).program));
    const script = `
      const { parentPort, workerData } = require("node:worker_threads");
      const { convert } = require(${JSON.stringify(join(repoRoot, "dist/lib/parser/convert.js"))});
      const { parseFlat } = require(${JSON.stringify(join(repoRoot, "dist/lib/parser/native-walker.js"))});
      const { treeSitterInput } = require(${JSON.stringify(join(repoRoot, "dist/lib/parser/tree-sitter.js"))});
      const { stringifyAst } = require(${JSON.stringify(join(repoRoot, "dist/tests/helpers.js"))});
      const out = [];
      for (let round = 0; round < 3; round++) out.length = 0, workerData.forEach((text) => out.push(stringifyAst(convert(parseFlat(treeSitterInput(text)), text).program)));
      parentPort.postMessage(out);
    `;
    const run = () =>
      new Promise<string[]>((resolve, reject) => {
        const worker = new Worker(script, { eval: true, workerData: files.map((f) => f.text) });
        worker.once("message", resolve);
        worker.once("error", reject);
      });
    const results = await Promise.all([run(), run(), run()]);
    for (const result of results) assert.deepEqual(result, expected);
  });
});

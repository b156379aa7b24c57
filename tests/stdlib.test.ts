import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parsePython } from "../lib/parser/index.js";
import { parseTree } from "../lib/parser/tree-sitter.js";
import { eslintVersions, findStdlib, modeConfig, pythonFiles, repoRoot } from "./helpers.js";
import { checkInvariants } from "./parser/invariants.js";

/**
 * Robustness on real code: every .py file of the CPython standard library on this machine is linted through
 * ESLint. Files `ast.parse` accepts must lint without a parse error; nothing may throw; files Python rejects
 * should give a parse error, and those that slip through are listed with Python's reason.
 */
describe("CPython standard library @slow", function () {
  this.timeout(600_000);
  const stdlib = findStdlib();
  if (!stdlib) {
    it.skip("python3 is not on PATH: cannot locate the standard library");
    return;
  }
  const files = pythonFiles(stdlib).sort();
  const verdicts: Record<string, [string | null, string | null]> = JSON.parse(
    execFileSync("python3", [join(repoRoot, "scripts", "python-parse-check.py")], {
      input: files.join("\0"),
      maxBuffer: 64 << 20,
      encoding: "utf8",
    }),
  );
  /** `ast.parse`'s verdict: null when it accepts the file. */
  const pythonVerdicts = Object.fromEntries(Object.entries(verdicts).map(([path, [astError]]) => [path, astError]));

  it(`lints all ${files.length} files: no parse error on valid files, no crash`, async () => {
    const eslint = eslintVersions[0].module;
    const instance = new eslint.ESLint({
      cwd: stdlib,
      overrideConfigFile: true,
      overrideConfig: [modeConfig("language", { "probe/visits": "error" })] as any,
      ignore: false,
      warnIgnored: false,
    });
    const results = await instance.lintFiles(files);
    assert.equal(results.length, files.length);
    const falseErrors: string[] = [];
    const refusedEncodings: string[] = [];
    const compilerRejects: string[] = [];
    const caught: string[] = [];
    const slipped: string[] = [];
    for (const result of results) {
      const fatal = result.messages.find((m) => m.fatal);
      const verdict = pythonVerdicts[result.filePath];
      const name = relative(stdlib, result.filePath);
      // A file in another encoding is valid Python, but ESLint reads UTF-8: linting (and --fix writing back) its
      // misdecoded text would be wrong, so the parser refuses it with a clear message. Counted apart.
      if (verdict === null && fatal && /declares encoding/.test(fatal.message)) refusedEncodings.push(name);
      // ast.parse accepts a few files that the bytecode compiler rejects (`from __future__ import *`); a parse
      // error there is what running the file gives too.
      else if (verdict === null && fatal && verdicts[result.filePath][1])
        compilerRejects.push(`${name} (compile: ${verdicts[result.filePath][1]})`);
      else if (verdict === null && fatal) falseErrors.push(`${name}:${fatal.line}:${fatal.column} ${fatal.message}`);
      else if (verdict && fatal) caught.push(name);
      else if (verdict && !fatal) slipped.push(`${name} (Python: ${verdict})`);
    }
    const rejected = Object.values(pythonVerdicts).filter(Boolean).length;
    console.log(
      `      ${files.length} files; Python rejects ${rejected}: ${caught.length} give a parse error, ${slipped.length} slip through`,
    );
    for (const line of slipped) console.log(`        slips through: ${line}`);
    console.log(`      refused for a non-UTF-8 encoding declaration: ${refusedEncodings.join(", ") || "none"}`);
    for (const line of compilerRejects) console.log(`        parse error where only the compiler rejects: ${line}`);
    for (const line of falseErrors) console.log(`        parse error on a valid file: ${line}`);
    assert.deepEqual(falseErrors, [], "files Python accepts must lint without a parse error");
    assert.ok(caught.length >= slipped.length, "most rejected files are caught");
  });

  it("AST invariants hold on a sample of 60 files (every node checked against tree-sitter)", () => {
    const valid = files.filter((f) => pythonVerdicts[f] === null);
    const step = Math.max(1, Math.floor(valid.length / 60));
    for (let i = 0; i < valid.length; i += step) {
      const text = readFileSync(valid[i], "utf8").replace(/^\uFEFF/u, "");
      if (text.length > 400_000) continue;
      checkInvariants(text, parsePython(text), parseTree(text));
    }
  });
});

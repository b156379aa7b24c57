import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { eslintVersions, lintText, modeConfig, modes, repoRoot } from "../helpers.js";

/** Hostile shapes give findings or one clean parse error through ESLint: never a crash or a stack overflow. */
const eslint = eslintVersions[0].module;

function generatedModule(targetBytes: number): string {
  const chunk = [
    "def handler_{n}(request, retries=3):",
    "    '''Handle request {n}.'''",
    "    for attempt in range(retries):",
    "        try:",
    "            return process(request, attempt, key=f'{{request}}-{n}')",
    "        except (OSError, ValueError) as exc:",
    "            log(exc)",
    "    return None",
    "",
    "",
  ].join("\n");
  const parts: string[] = [];
  let size = 0;
  for (let n = 0; size < targetBytes; n++) {
    const piece = chunk.replaceAll("{n}", String(n));
    parts.push(piece);
    size += piece.length;
  }
  return parts.join("");
}

describe("huge files against a small heap", function () {
  this.timeout(240_000);
  // A child Node with a 256 MB heap: a file just under the limit (1/100 of the heap limit) is linted with every
  // rule without running out of memory; one just over it gets one clear parse error instead.
  const script = (fraction: number) => `
    const { ESLint } = require(${JSON.stringify(require.resolve("eslint"))});
    const plugin = require(${JSON.stringify(join(repoRoot, "dist", "index.js"))});
    const limit = Math.floor(require("v8").getHeapStatistics().heap_size_limit / 100);
    const chunk = ${JSON.stringify(generatedModule(4096))};
    const code = chunk.repeat(Math.floor((${fraction} * limit) / chunk.length));
    new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: [plugin.configs.all] })
      .lintText(code, { filePath: "big.py" })
      .then(([result]) => console.log(JSON.stringify(result.messages.filter((m) => m.fatal).map((m) => m.message))));
  `;
  const run = (fraction: number) => {
    const child = spawnSync(process.execPath, ["--max-old-space-size=256", "-e", script(fraction)], {
      encoding: "utf8",
    });
    assert.equal(child.status, 0, child.stderr);
    return JSON.parse(child.stdout) as string[];
  };

  it("just under the limit: linted", () => {
    assert.deepEqual(run(0.95), []);
  });

  it("over the limit: 'too large to audit', naming the limit and how to raise it", () => {
    const [message, ...rest] = run(1.1);
    assert.deepEqual(rest, []);
    assert.match(
      message,
      /^Parsing error: the file is too large to audit \([\d.]+ MB; the limit is [\d.]+ MB, .*--max-old-space-size/u,
    );
  });
});

for (const mode of modes) {
  describe(`hostile inputs (${mode} mode)`, function () {
    this.timeout(240_000);

    it("a 50,000-term expression: one clean parse error (Python's own parser gives up too)", async () => {
      const code = `x = ${Array(50_000).fill("1").join(" + ")}\n`;
      const result = await lintText(eslint, mode, code);
      assert.equal(result.messages.length, 1);
      assert.equal(result.messages[0].fatal, true);
      assert.match(result.messages[0].message, /nested more than 3000 levels/);
    });

    it("nesting 1,000 levels deep (unary operators): linted, every node visited", async () => {
      const code = `x = ${"-".repeat(1000)}f(1)\ny = ${"not ".repeat(1000)}z\n`;
      const result = await lintText(eslint, mode, code, { rules: { "probe/calls": "error", "probe/visits": "error" } });
      // Program, 2 statements, 2 assignments, 2 targets, 2,000 unary operators, the call, its name, arguments and
      // 1, and z.
      const expectedNodes = 1 + 2 + 2 + 2 + 2000 + 4 + 1;
      assert.deepEqual(result.messages.map((m) => m.message).sort(), [`${expectedNodes} nodes`, "call to f"]);
    });

    it("more than 200 nested brackets: Python's 'too many nested parentheses', at the 201st", async () => {
      const ok = await lintText(eslint, mode, `x = ${"(".repeat(200)}1${")".repeat(200)}\n`, { rules: {} });
      assert.deepEqual(ok.messages, []);
      const deep = await lintText(eslint, mode, `x = ${"[".repeat(201)}${"]".repeat(201)}\n`, { rules: {} });
      assert.deepEqual(
        deep.messages.map((m) => [m.fatal, m.line, m.column, m.message]),
        [[true, 1, 205, "Parsing error: too many nested parentheses"]],
      );
    });

    // One mode suffices for size (both share the producer) and it is the slowest test (~45 s).
    (mode === "language" ? it : it.skip)("a 20 MB generated file: linted with findings", async () => {
      const code = generatedModule(20 * 1024 * 1024);
      const result = await lintText(eslint, mode, code, { rules: { "probe/visits": "error" } });
      assert.equal(result.messages.length, 1);
      assert.match(result.messages[0].message, /^\d+ nodes$/);
      assert.ok(Number(result.messages[0].message.split(" ")[0]) > 3_000_000);
    });

    it("an empty file and a file of only comments: no errors", async () => {
      for (const code of ["", "\n\n", "# only\n# comments\n", "#!/usr/bin/env python3\n"]) {
        const result = await lintText(eslint, mode, code, { rules: { "probe/visits": "error" } });
        assert.deepEqual(
          result.messages.map((m) => m.message),
          ["1 nodes"],
          JSON.stringify(code),
        );
      }
    });

    it("NUL bytes: one clean parse error", async () => {
      const result = await lintText(eslint, mode, "x = 1\ny = '\0'\n");
      assert.deepEqual(
        result.messages.map((m) => [m.fatal, m.line, m.message]),
        [[true, 2, "Parsing error: source code cannot contain NUL bytes"]],
      );
    });

    it("invalid UTF-8 on disk: refused with the byte named, and --fix never writes U+FFFD back", async () => {
      const dir = mkdtempSync(join(tmpdir(), "pa-utf8-"));
      const latin1 = Buffer.concat([
        Buffer.from("s = 'caf"),
        Buffer.from([0xe9]),
        Buffer.from("'\ntry:\n    print(s)\nexcept:\n    pass\n"),
      ]);
      writeFileSync(join(dir, "latin1.py"), latin1);
      writeFileSync(
        join(dir, "bad-code.py"),
        Buffer.concat([Buffer.from("x = "), Buffer.from([0xff]), Buffer.from("\n")]),
      );
      // U+FFFD written as UTF-8 is a character like any other.
      writeFileSync(join(dir, "real-replacement-character.py"), "s = '\uFFFD'\nprint(s)\n");
      const instance = new eslint.ESLint({
        cwd: dir,
        fix: true,
        overrideConfigFile: true,
        overrideConfig: [
          modeConfig(mode, { "probe/calls": "error", "python-audit/no-broad-except": ["error", { autofix: true }] }),
        ] as any,
      });
      const results = await instance.lintFiles(["*.py"]);
      await eslint.ESLint.outputFixes(results);
      const byName = Object.fromEntries(
        results.map((r) => [
          r.filePath.slice(dir.length + 1),
          r.messages.map((m) => [m.fatal ?? false, m.line, m.message]),
        ]),
      );
      assert.deepEqual(byName["latin1.py"], [
        [
          true,
          1,
          "Parsing error: the file is not valid UTF-8 (byte 0xE9 at offset 8): ESLint reads it as U+FFFD and a fix would write that back; convert the file to UTF-8",
        ],
      ]);
      assert.deepEqual(readFileSync(join(dir, "latin1.py")), latin1, "the file's bytes are unchanged");
      assert.match(String(byName["bad-code.py"][0][2]), /not valid UTF-8 \(byte 0xFF at offset 4\)/);
      assert.deepEqual(byName["real-replacement-character.py"], [[false, 2, "call to print"]]);
    });
  });
}

import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eslintVersions, lintText, loadPlugin, modeConfig, modes } from "../helpers.js";

const SAMPLE = [
  "#!/usr/bin/env python3",
  "import subprocess as sp",
  "",
  "def run(cmd):",
  "    return sp.check_output(['ls', cmd])",
  "",
  "print(run('x'))",
  "",
].join("\n");

for (const { label, module: eslint } of eslintVersions) {
  describe(`${label} (${eslint.ESLint.version})`, () => {
    for (const mode of modes) {
      describe(`${mode} mode`, () => {
        it("visits Python nodes with correct 1-based locations (shebang restored)", async () => {
          const result = await lintText(eslint, mode, SAMPLE);
          assert.deepEqual(
            result.messages.map((m) => [m.line, m.column, m.endLine, m.endColumn, m.message, m.fatal ?? false]),
            [
              [5, 12, 5, 40, "call to sp.check_output", false],
              [7, 1, 7, 16, "call to print", false],
              [7, 7, 7, 15, "call to run", false],
            ],
          );
        });

        it("reports a syntax error as one fatal parsing error with line and column", async () => {
          const result = await lintText(eslint, mode, "def f():\n    x = (1,\n\n");
          assert.equal(result.messages.length, 1);
          const [message] = result.messages;
          assert.equal(message.fatal, true);
          assert.equal(message.severity, 2);
          assert.match(message.message, /^Parsing error: '\(' was never closed/);
          assert.deepEqual([message.line, message.column], [2, 9]);
        });

        it("traverses every node (enter count equals the node count of the AST)", async () => {
          const plugin = loadPlugin();
          const ast = plugin.parser.parse("x = [i * 2 for i in range(3) if i]\n");
          let count = 0;
          const stack = [ast];
          while (stack.length) {
            const node = stack.pop();
            count++;
            for (const key of plugin.languages.python.visitorKeys[node.type] ?? []) {
              const value = node[key];
              if (Array.isArray(value)) stack.push(...value);
              else if (value) stack.push(value);
            }
          }
          const result = await lintText(eslint, mode, "x = [i * 2 for i in range(3) if i]\n", {
            rules: { "probe/visits": "error" },
          });
          assert.equal(result.messages[0].message, `${count} nodes`);
        });

        it("works with --cache (the parser and language serialise by meta)", async () => {
          const dir = mkdtempSync(join(tmpdir(), "pa-cache-"));
          writeFileSync(join(dir, "a.py"), "print(1)\n");
          const make = () =>
            new eslint.ESLint({
              cwd: dir,
              overrideConfigFile: true,
              overrideConfig: [modeConfig(mode)] as any,
              cache: true,
              cacheLocation: join(dir, ".eslintcache"),
            });
          const first = await make().lintFiles(["a.py"]);
          const second = await make().lintFiles(["a.py"]);
          assert.equal(first[0].messages.length, 1);
          assert.deepEqual(second[0].messages, first[0].messages);
          const config = await make().calculateConfigForFile(join(dir, "a.py"));
          assert.ok(config, "calculateConfigForFile (what --print-config uses) returns a config");
          JSON.stringify(config); // --print-config serialises it
        });
      });
    }

    it("offers configs.recommended as an object and by name inside defineConfig", async () => {
      const plugin = loadPlugin();
      const { defineConfig } = require(eslint === eslintVersions[0].module ? "eslint/config" : "eslint9/config");
      for (const extendsEntry of [plugin.configs.recommended, "python-audit/recommended"]) {
        const config = defineConfig({
          files: ["**/*.py"],
          plugins: { "python-audit": plugin },
          extends: [extendsEntry],
        });
        const instance = new eslint.ESLint({ overrideConfigFile: true, overrideConfig: config });
        const [result] = await instance.lintText("import os\nos.system('ls')\n", { filePath: "x.py" });
        assert.equal(result.messages.filter((m) => m.fatal).length, 0);
        const computed = await instance.calculateConfigForFile("x.py");
        assert.ok(
          computed.language === "python-audit/python" || computed.language === plugin.languages.python,
          "the file gets the python-audit/python language",
        );
      }
    });

    it("rejects unknown language options with a clear error", async () => {
      const plugin = loadPlugin();
      const instance = new eslint.ESLint({
        overrideConfigFile: true,
        overrideConfig: [
          {
            files: ["**/*.py"],
            plugins: { "python-audit": plugin },
            language: "python-audit/python",
            languageOptions: { pythonVersion: "2.7" },
          },
        ] as any,
      });
      await assert.rejects(
        instance.lintText("x = 1\n", { filePath: "x.py" }),
        /Unknown language option "pythonVersion"/,
      );
    });
  });
}

describe("native binding", () => {
  it("loads tree-sitter and tree-sitter-python (an install that skipped their build scripts fails here)", () => {
    const Parser = require("tree-sitter");
    const parser = new Parser();
    parser.setLanguage(require("tree-sitter-python"));
    assert.equal(parser.parse("x = 1\n").rootNode.type, "module");
  });
});

import assert from "node:assert/strict";
import { eslintVersions, lintText, modeConfig, modes } from "../helpers.js";

/** ESLint directives written as Python `#` comments, in both modes and on both ESLint majors. */
const calls = (result: { messages: Array<{ line: number; message: string; ruleId: string | null }> }) =>
  result.messages.map((m) => `${m.line}:${m.ruleId ?? "-"}:${m.message}`);

for (const { label, module: eslint } of eslintVersions) {
  for (const mode of modes) {
    describe(`${label}, ${mode} mode: directives in # comments`, () => {
      it("eslint-disable-line, -next-line, disable/enable blocks (with and without rule names, with justification)", async () => {
        const code = [
          "print(1)  # eslint-disable-line probe/calls",
          "# eslint-disable-next-line probe/calls -- reviewed: constant argument",
          "print(2)",
          "# eslint-disable probe/calls",
          "print(3)",
          "# eslint-enable probe/calls",
          "print(4)",
          "# eslint-disable",
          "print(5)",
          "# eslint-enable",
          "print(6)  #eslint-disable-line",
          "print(7)",
          "",
        ].join("\n");
        assert.deepEqual(calls(await lintText(eslint, mode, code)), [
          "7:probe/calls:call to print",
          "12:probe/calls:call to print",
        ]);
      });

      it("# eslint rule: severity configures a rule inline", async () => {
        const off = await lintText(eslint, mode, "# eslint probe/calls: off\nprint(1)\n");
        assert.deepEqual(calls(off), []);
        const on = await lintText(eslint, mode, "# eslint probe/calls: 'warn'\nprint(1)\n", { rules: {} });
        assert.deepEqual(
          on.messages.map((m) => [m.line, m.severity]),
          [[2, 1]],
        );
        const broken = await lintText(eslint, mode, "# eslint probe/calls: [\nprint(1)\n");
        assert.equal(
          broken.messages.filter((m) => m.ruleId === null && /Failed to parse/.test(m.message)).length,
          1,
          "a malformed inline config is reported",
        );
      });

      it("reports unused disable directives when asked (--report-unused-disable-directives)", async () => {
        const result = await lintText(eslint, mode, "x = 1  # eslint-disable-line probe/calls\nprint(1)\n", {
          eslintOptions: {
            overrideConfig: [modeConfig(mode), { linterOptions: { reportUnusedDisableDirectives: "error" } }],
          },
        });
        assert.equal(result.messages.length, 2);
        const unused = result.messages.find((m) => m.ruleId === null);
        assert.ok(unused && /Unused eslint-disable directive/.test(unused.message), JSON.stringify(result.messages));
        assert.deepEqual([unused.line, unused.severity], [1, 2]);
      });

      it("removing an unused directive or nosec entry keeps a CRLF file's line endings", async () => {
        const code = ["x = 1  # eslint-disable-line probe/calls", "y = 2  # nosec B602", "print(3)", ""].join("\r\n");
        const fixed = await lintText(eslint, mode, code, {
          rules: { "probe/calls": "error", "python-audit/no-unused-nosec": "error" },
          eslintOptions: {
            fix: true,
            overrideConfig: [
              modeConfig(mode, { "probe/calls": "error", "python-audit/no-unused-nosec": "error" }),
              { linterOptions: { reportUnusedDisableDirectives: "error" } },
            ],
          },
        });
        // ESLint leaves the blank that held the comment; what matters is that every line still ends in CRLF.
        assert.deepEqual(
          fixed.output?.split("\r\n").map((line) => line.trimEnd()),
          ["x = 1", "y = 2  # nosec B602", "print(3)", ""],
        );
        assert.doesNotMatch(fixed.output!, /[^\r]\n/u);
        // no-unused-nosec runs at the language's file-end step, which parser mode does not have.
        if (mode === "parser") return;
        const result = await lintText(eslint, mode, code, {
          rules: { "python-audit/no-unused-nosec": "error", "python-audit/no-command-injection": "error" },
        });
        const [suggestion] = result.messages.find((m) => m.ruleId === "python-audit/no-unused-nosec")!.suggestions!;
        const applied =
          code.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + code.slice(suggestion.fix.range[1]);
        assert.equal(applied, ["x = 1  # eslint-disable-line probe/calls", "y = 2", "print(3)", ""].join("\r\n"));
      });

      it("# eslint-env, # global and # exported are ordinary comments in both modes", async () => {
        const code = "# eslint-env node\n# global https://bugs.example.org/1\n# exported x\nprint(1)\n";
        assert.deepEqual(calls(await lintText(eslint, mode, code)), ["4:probe/calls:call to print"]);
      });

      it("a # comment that merely mentions eslint is not a directive", async () => {
        const code = "# configure eslint-disable later\nprint(1)\n";
        assert.deepEqual(calls(await lintText(eslint, mode, code)), ["2:probe/calls:call to print"]);
      });
    });
  }
}

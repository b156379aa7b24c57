import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eslintVersions, loadPlugin, repoRoot } from "../helpers.js";
import { loadAllFixtures } from "./harness.js";

/**
 * Every example in docs/rules/<id>.md is linted: fences opened with ```python incorrect must report the rule,
 * fences opened with ```python correct must not (with the options given on the fence as JSON, if any:
 * ```python correct {"allowLogged": true}).
 */
const plugin = loadPlugin();
const fixtures = loadAllFixtures();
const FENCE = /^```python (incorrect|correct)(?: (\{.*\}))?\n([\s\S]*?)^```$/gmu;

for (const id of Object.keys(plugin.rules)) {
  describe(`docs/rules/${id}.md examples`, () => {
    const doc = readFileSync(join(repoRoot, "docs", "rules", `${id}.md`), "utf8");
    const examples = [...doc.matchAll(FENCE)];
    it("has incorrect and correct examples", () => {
      assert.ok(examples.some((m) => m[1] === "incorrect") && examples.some((m) => m[1] === "correct"));
    });
    examples.forEach(([, kind, options, code], index) => {
      it(`example ${index + 1} (${kind}) ${kind === "incorrect" ? "reports" : "does not report"}`, async () => {
        const eslint = new eslintVersions[0].module.ESLint({
          overrideConfigFile: true,
          overrideConfig: [
            {
              files: ["**/*.py"],
              plugins: { "python-audit": plugin },
              language: "python-audit/python",
              rules: {
                // Rules that judge the others' results (no-unused-nosec) run next to them, as their fixtures' rule.json says.
                ...(fixtures.get(id)?.settings.withRecommendedRules ? plugin.configs.recommended.rules : {}),
                [`python-audit/${id}`]: options ? ["error", JSON.parse(options)] : "error",
              },
            },
          ] as any,
        });
        const [result] = await eslint.lintText(code, { filePath: "example.py" });
        assert.deepEqual(
          result.messages.filter((m) => m.fatal),
          [],
          "the example parses",
        );
        const count = result.messages.filter((m) => m.ruleId === `python-audit/${id}`).length;
        if (kind === "incorrect") assert.ok(count > 0, `expected a report in:\n${code}`);
        else assert.equal(count, 0, `expected no report in:\n${code}\n${JSON.stringify(result.messages)}`);
      });
    });
  });
}

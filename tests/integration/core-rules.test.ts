import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eslintVersions, fixturesDir, lintText, modes } from "../helpers.js";

/**
 * A user who enables `js.configs.recommended` (or every core rule) without `files` applies JS rules to `.py`
 * files too. They must not crash on Python: run every core rule, with its default options, on a realistic file.
 */
const pythonFile = readFileSync(join(fixturesDir, "core-rules-sample.py"), "utf8");

for (const { label, module: eslint } of eslintVersions) {
  const builtinRules: Map<string, any> = require(
    eslint === eslintVersions[0].module ? "eslint/use-at-your-own-risk" : "eslint9/use-at-your-own-risk",
  ).builtinRules;

  describe(`${label}: every core rule on a Python file`, () => {
    for (const mode of modes) {
      it(`${mode} mode: ${builtinRules.size} core rules run without crashing`, async () => {
        const rules = Object.fromEntries([...builtinRules.keys()].map((id) => [id, "error"]));
        const result = await lintText(eslint, mode, pythonFile, { rules });
        const fatal = result.messages.filter((m) => m.fatal);
        assert.deepEqual(fatal, []);
      });
    }

    it("js.configs.recommended applied to all files leaves Python alone", async () => {
      const js = require(eslint === eslintVersions[0].module ? "@eslint/js" : "@eslint/js");
      const result = await lintText(eslint, "language", pythonFile, { rules: js.configs.recommended.rules });
      assert.deepEqual(result.messages, []);
    });
  });
}

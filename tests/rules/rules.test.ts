import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { eslintVersions, loadPlugin, repoRoot } from "../helpers.js";
import { fixedOutputs, loadCases } from "./harness.js";

/**
 * Every rule: its RuleTester cases (tests/rules/cases/<id>.ts) in language mode on ESLint 10 and 9 and in parser
 * mode on ESLint 10; its place in the plugin (exported, documented, in the right configs); every fix and
 * suggestion output accepted by python3's ast.parse; --fix converging.
 */
const plugin = loadPlugin();
const cases = loadCases();
const ruleIds = Object.keys(plugin.rules);

describe("rules: meta", () => {
  it("every rule has a case file and every case file a rule", () => {
    assert.deepEqual([...cases.keys()].sort(), [...ruleIds].sort());
  });
  for (const id of ruleIds) {
    it(`${id}: documented, described, in the right configs`, () => {
      const rule = plugin.rules[id];
      const doc = join(repoRoot, "docs", "rules", `${id}.md`);
      assert.ok(existsSync(doc), `docs/rules/${id}.md exists`);
      assert.ok(rule.meta.docs.description, "meta.docs.description");
      assert.equal(typeof rule.meta.docs.recommended, "boolean");
      assert.match(rule.meta.docs.url, new RegExp(`docs/rules/${id}\\.md$`));
      assert.ok(Array.isArray(rule.meta.schema), "an options schema");
      assert.match(rule.meta.docs.severity, /^(error|warn)$/u, "meta.docs.severity");
      assert.ok(rule.meta.docs.category, "meta.docs.category (the audit report heading)");
      assert.ok(rule.meta.docs.remediation?.length > 40, "meta.docs.remediation (the audit report's Solution)");
      const setting = (config: { rules: Record<string, unknown> }) => {
        const value = config.rules[`python-audit/${id}`];
        return Array.isArray(value) ? value[0] : value;
      };
      assert.equal(setting(plugin.configs.all), rule.meta.docs.severity);
      assert.equal(`python-audit/${id}` in plugin.configs.recommended.rules, rule.meta.docs.recommended);
      assert.equal(`python-audit/${id}` in plugin.configs.openstack.rules, rule.meta.docs.recommended);
      if (rule.meta.docs.recommended) assert.equal(setting(plugin.configs.recommended), rule.meta.docs.severity);
      assert.ok(readFileSync(doc, "utf8").includes(rule.meta.docs.description), "the doc states the description");
      // The audit report's "Solution" is this text: the docs must say the same.
      assert.ok(readFileSync(doc, "utf8").includes(`## How to fix\n\n${rule.meta.docs.remediation}\n`), "the doc's How to fix section is meta.docs.remediation");
    });

    it(`${id}: rejects unknown options with a clear error`, async () => {
      const eslint = new eslintVersions[0].module.ESLint({
        overrideConfigFile: true,
        overrideConfig: [{ files: ["**/*.py"], plugins: { "python-audit": plugin }, language: "python-audit/python", rules: { [`python-audit/${id}`]: ["error", { bogusOption: true }] } }] as any,
      });
      await assert.rejects(eslint.lintText("x = 1\n", { filePath: "x.py" }), /bogusOption|additional properties/u);
    });
  }
});

for (const [id, ruleCases] of cases) {
  describe(`rule ${id}`, () => {
    if (ruleCases instanceof Error) {
      it("loads its cases", () => {
        throw ruleCases;
      });
      return;
    }
    it("has at least 40 cases", () => {
      assert.ok(ruleCases.valid.length + ruleCases.invalid.length >= 40, `${ruleCases.valid.length + ruleCases.invalid.length} cases`);
    });
    const otherRules = ruleCases.withRecommendedRules ? { rules: plugin.configs.recommended.rules } : {};
    const languageConfig = { plugins: { "python-audit": plugin }, language: "python-audit/python", ...otherRules };
    const runs = [
      { label: "language mode, ESLint 10", eslint: eslintVersions[0].module, config: languageConfig },
      { label: "language mode, ESLint 9", eslint: eslintVersions[1].module, config: languageConfig },
      ...(ruleCases.languageModeOnly ? [] : [{ label: "parser mode, ESLint 10", eslint: eslintVersions[0].module, config: { languageOptions: { parser: plugin.parser } } }]),
    ];
    for (const { label, eslint, config } of runs) {
      describe(label, () => {
        new eslint.RuleTester(config as any).run(id, plugin.rules[id], { valid: ruleCases.valid, invalid: ruleCases.invalid } as any);
      });
    }

    it("every fix and suggestion yields code python3's ast.parse accepts", function () {
      const outputs = fixedOutputs(ruleCases);
      if (!outputs.length) this.skip();
      const verdicts: Array<string | null> = JSON.parse(
        execFileSync("python3", ["-c", PARSE_ALL], { input: JSON.stringify(outputs.map((o) => o.output)), encoding: "utf8" }),
      );
      const bad = verdicts.map((v, i) => (v ? `${v}\n--- source\n${outputs[i].source}--- output\n${outputs[i].output}` : null)).filter(Boolean);
      assert.deepEqual(bad, []);
    });

    it("--fix converges: a second pass changes nothing", async () => {
      const eslint = eslintVersions[0].module;
      const instance = new eslint.ESLint({
        overrideConfigFile: true,
        fix: true,
        overrideConfig: [{ files: ["**/*.py"], plugins: { "python-audit": plugin }, language: "python-audit/python", rules: { [`python-audit/${id}`]: "error" } }] as any,
      });
      for (const c of ruleCases.invalid) {
        const [first] = await instance.lintText(c.code, { filePath: "x.py" });
        if (first.output === undefined) continue;
        const [second] = await instance.lintText(first.output, { filePath: "x.py" });
        assert.equal(second.output, undefined, `fixing twice changed:\n${first.output}`);
      }
    });
  });
}

const PARSE_ALL = `
import ast, json, sys
out = []
for code in json.load(sys.stdin):
    try:
        ast.parse(code)
        out.append(None)
    except SyntaxError as e:
        out.append(f"{e.msg} (line {e.lineno})")
json.dump(out, sys.stdout)
`;

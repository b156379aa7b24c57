import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join, relative } from "node:path";
import { eslintVersions, loadPlugin, repoRoot } from "../helpers.js";
import {
  fixedOutputs,
  loadAllFixtures,
  type RuleFixtures,
  schemaOptionPaths,
  toRuleTesterCase,
  usedOptionPaths,
} from "./harness.js";
import { expectations, lintCase, writeExpectations } from "./update.js";
import { assertRuleMeta } from "./meta-checks.js";

/**
 * Every rule: its fixtures (tests/fixtures/rules/<id>/, see harness.ts) as RuleTester cases in language mode on
 * ESLint 10 and 9 and in parser mode on ESLint 10; every option and every message id covered by a case; its
 * place in the plugin (exported, documented, in the right configs); every fix and suggestion output accepted by
 * python3's ast.parse; --fix converging.
 *
 * UPDATE_FIXTURES=1 (npm run fixtures:update) asserts nothing about the invalid cases: it rewrites their
 * errors.json and output files from what the rule reports now, for review with git diff. A valid case that
 * reports, or an invalid case that reports nothing, still fails.
 */
const plugin = loadPlugin();
const fixtures = loadAllFixtures();
const ruleIds = Object.keys(plugin.rules);
const updating = Boolean(process.env.UPDATE_FIXTURES);

describe("rules: meta", () => {
  it("every rule has a fixture folder and every fixture folder a rule", () => {
    assert.deepEqual([...fixtures.keys()].sort(), [...ruleIds].sort());
  });
  for (const id of ruleIds) {
    it(`${id}: documented, described, in the right configs`, () => assertRuleMeta(plugin, id, repoRoot));

    it(`${id}: rejects unknown options with a clear error`, async () => {
      const eslint = new eslintVersions[0].module.ESLint({
        overrideConfigFile: true,
        overrideConfig: [
          {
            files: ["**/*.py"],
            plugins: { "python-audit": plugin },
            language: "python-audit/python",
            rules: { [`python-audit/${id}`]: ["error", { bogusOption: true }] },
          },
        ] as any,
      });
      await assert.rejects(eslint.lintText("x = 1\n", { filePath: "x.py" }), /bogusOption|additional properties/u);
    });
  }
});

for (const [id, ruleFixtures] of fixtures) {
  const folder = relative(repoRoot, ruleFixtures.dir);
  if (!plugin.rules[id]) continue; // reported by the meta test
  if (updating) describe(`rule ${id} (UPDATE_FIXTURES: writing ${folder})`, () => updateRule(id, ruleFixtures));
  else describe(`rule ${id}`, () => testRule(id, ruleFixtures));
}

function testRule(id: string, ruleFixtures: RuleFixtures) {
  const rule = plugin.rules[id];
  const folder = relative(repoRoot, ruleFixtures.dir);
  const { settings } = ruleFixtures;

  it("its fixtures are well-formed", () => {
    if (ruleFixtures.problems.length) assert.fail(`${folder}:\n  ${ruleFixtures.problems.join("\n  ")}`);
  });

  const valid = ruleFixtures.valid.map(toRuleTesterCase);
  const invalid = ruleFixtures.invalid.filter((c) => c.errors).map(toRuleTesterCase);
  const otherRules = settings.withRecommendedRules ? { rules: plugin.configs.recommended.rules } : {};
  const languageConfig = { plugins: { "python-audit": plugin }, language: "python-audit/python", ...otherRules };
  const runs = [
    { label: "language mode, ESLint 10", eslint: eslintVersions[0].module, config: languageConfig },
    { label: "language mode, ESLint 9", eslint: eslintVersions[1].module, config: languageConfig },
    ...(settings.languageModeOnly
      ? []
      : [
          {
            label: "parser mode, ESLint 10",
            eslint: eslintVersions[0].module,
            config: { languageOptions: { parser: plugin.parser } },
          },
        ]),
  ];
  for (const { label, eslint, config } of runs) {
    describe(label, () => {
      try {
        new eslint.RuleTester(config as any).run(id, rule, { valid, invalid } as any);
      } catch (error) {
        // RuleTester refuses a test set without valid or invalid cases before it declares any test.
        it("runs its cases", () => {
          throw error;
        });
      }
    });
  }

  it("every option of meta.schema has a valid and an invalid case", () => {
    const missing: string[] = [];
    for (const path of schemaOptionPaths(rule.meta.schema)) {
      const sides = (["valid", "invalid"] as const).filter(
        (side) => !ruleFixtures[side].some((c) => usedOptionPaths(c.options).has(path)),
      );
      if (sides.length) missing.push(`${path}: no ${sides.join(" and no ")} case sets it (in <case>.config.json)`);
    }
    assert.deepEqual(missing, [], `${folder}: every option needs a case on each side`);
  });

  it("every message id of meta.messages is produced by an invalid case", () => {
    const produced = new Set<string>();
    for (const c of ruleFixtures.invalid) {
      for (const error of c.errors ?? []) {
        produced.add(error.messageId);
        for (const s of error.suggestions ?? []) produced.add(s.messageId);
      }
    }
    const missing = Object.keys(rule.meta.messages ?? {}).filter((messageId) => !produced.has(messageId));
    assert.deepEqual(
      missing,
      [],
      `${folder}: no invalid case expects these message ids (as a finding, or as a suggestion)`,
    );
  });

  it("every finding carries a check: its message id has a meta.docs.checks entry", () => {
    const checks = rule.meta.docs.checks ?? {};
    const unchecked = new Set<string>();
    for (const c of ruleFixtures.invalid)
      for (const error of c.errors ?? []) if (!(error.messageId in checks)) unchecked.add(error.messageId);
    assert.deepEqual([...unchecked], [], `${folder}: findings whose message id has no check`);
  });

  it("every fix and suggestion yields code python3's ast.parse accepts", function () {
    const outputs = fixedOutputs(ruleFixtures);
    if (!outputs.length) this.skip();
    const verdicts: Array<string | null> = JSON.parse(
      execFileSync("python3", ["-c", PARSE_ALL], {
        input: JSON.stringify(outputs.map((o) => o.output)),
        encoding: "utf8",
      }),
    );
    const bad = verdicts
      .map((v, i) =>
        v ? `${outputs[i].label}: ${v}\n--- source\n${outputs[i].source}--- output\n${outputs[i].output}` : null,
      )
      .filter(Boolean);
    assert.deepEqual(bad, []);
  });

  it("--fix converges: a second pass changes nothing", async () => {
    const eslint = eslintVersions[0].module;
    const instance = new eslint.ESLint({
      overrideConfigFile: true,
      fix: true,
      overrideConfig: [
        {
          files: ["**/*.py"],
          plugins: { "python-audit": plugin },
          language: "python-audit/python",
          rules: { [`python-audit/${id}`]: "error" },
        },
      ] as any,
    });
    for (const c of ruleFixtures.invalid) {
      const [first] = await instance.lintText(c.code, { filePath: "x.py" });
      if (first.output === undefined) continue;
      const [second] = await instance.lintText(first.output, { filePath: "x.py" });
      assert.equal(second.output, undefined, `${c.file}: fixing twice changed:\n${first.output}`);
    }
  });
}

function updateRule(id: string, ruleFixtures: RuleFixtures) {
  const rule = plugin.rules[id];
  const folder = relative(repoRoot, ruleFixtures.dir);
  const describeMessages = (
    messages: Array<{ ruleId: string | null; line: number; column: number; message: string }>,
  ) => messages.map((m) => `  ${m.line}:${m.column} ${m.ruleId ?? "(parse error)"}: ${m.message}`).join("\n");

  for (const c of ruleFixtures.valid) {
    it(`valid/${c.name} reports nothing`, () => {
      const { messages, unexpected } = lintCase(plugin, id, ruleFixtures.settings, c.code, c.options);
      const all = [...messages, ...unexpected];
      if (all.length)
        assert.fail(
          `${folder}/${c.file} is a valid case but is reported (move it to invalid/ and run the update again, or fix the rule):\n${describeMessages(all)}`,
        );
    });
  }
  for (const c of ruleFixtures.invalid) {
    it(`invalid/${c.name}: writes its expectations`, () => {
      const { messages, unexpected } = lintCase(plugin, id, ruleFixtures.settings, c.code, c.options);
      if (unexpected.length)
        assert.fail(
          `${folder}/${c.file}: reports of other rules or parse errors (RuleTester would count them):\n${describeMessages(unexpected)}`,
        );
      if (!messages.length)
        assert.fail(
          `${folder}/${c.file} is an invalid case but ${id} reports nothing (move it to valid/, or fix the rule)`,
        );
      const changed = writeExpectations(
        join(ruleFixtures.dir, "invalid"),
        c.name.slice(0, -3),
        expectations(rule, c.name.slice(0, -3), c.code, messages),
      );
      if (changed.length) console.log(`      wrote ${folder}/invalid/{${changed.join(", ")}}`);
    });
  }
  it("its fixtures are well-formed after the update", () => {
    const problems = loadAllFixtures().get(id)?.problems ?? [];
    if (problems.length) assert.fail(`${folder}:\n  ${problems.join("\n  ")}`);
  });
}

// Each text is parsed as the UTF-8 bytes of a file, the way python3 reads a module (so a BOM is accepted).
const PARSE_ALL = `
import ast, json, sys
out = []
for code in json.load(sys.stdin):
    try:
        ast.parse(code.encode("utf-8", "surrogatepass"))
        out.append(None)
    except (SyntaxError, ValueError) as e:
        out.append(f"{getattr(e, 'msg', e)} (line {getattr(e, 'lineno', '?')})")
json.dump(out, sys.stdout)
`;

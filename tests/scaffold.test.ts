import assert from "node:assert/strict";
import { assertRuleMeta } from "./rules/meta-checks.js";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eslintVersions, repoRoot } from "./helpers.js";

/**
 * `npm run new-rule` on a copy of the repository: it writes the rule, its doc and its fixtures, regenerates the
 * rules index, the README list and the doc header (`npm run update`), the copy builds, and the new rule passes the
 * meta assertions of tests/rules/rules.test.ts while reporting nothing. Bad ids and existing ids are usage errors.
 */
const ID = "no-scaffolded-check";
const DESCRIPTION = "Disallow calls that the scaffold test pretends are dangerous";
const CATEGORY = "Scaffold test";
const REMEDIATION = "Call the safe variant instead, with every argument validated first; nothing else fixes it.";

function run(script: string, args: string[], cwd: string) {
  return spawnSync(process.execPath, [join(repoRoot, "scripts", script), ...args], { cwd, encoding: "utf8" });
}

describe("npm run new-rule (scaffold) on a copy of the repository", function () {
  this.timeout(60_000);
  let copy: string;
  let scaffold: ReturnType<typeof spawnSync>;

  before(() => {
    copy = mkdtempSync(join(tmpdir(), "python-audit-scaffold-"));
    for (const entry of ["lib", "scripts", "docs", "index.ts", "package.json", "tsconfig.json", "README.md"]) {
      cpSync(join(repoRoot, entry), join(copy, entry), { recursive: true });
    }
    // tsconfig.json includes tests/**/*.ts: only the helpers come along, so the copy builds fast.
    mkdirSync(join(copy, "tests"));
    cpSync(join(repoRoot, "tests", "helpers.ts"), join(copy, "tests", "helpers.ts"));
    symlinkSync(join(repoRoot, "node_modules"), join(copy, "node_modules"), "dir");
    // The repository's script with --root: the scaffold works on the copy only.
    scaffold = run(
      "new-rule.mjs",
      [
        ID,
        "--description",
        DESCRIPTION,
        "--severity",
        "error",
        "--category",
        CATEGORY,
        "--recommended",
        "--remediation",
        REMEDIATION,
        "--bandit",
        "B999,made_up_check",
        "--ruff",
        "S999",
        "--root",
        copy,
      ],
      copy,
    );
  });

  after(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  const read = (path: string) => readFileSync(join(copy, path), "utf8");

  it("exits 0 and prints the next steps", () => {
    assert.equal(scaffold.status, 0, `${scaffold.stderr}${scaffold.stdout}`);
    assert.match(String(scaffold.stdout), new RegExp(`edit lib/rules/${ID}\\.ts`));
    assert.match(String(scaffold.stdout), /npm run fixtures:update/);
    assert.match(String(scaffold.stdout), /git diff/);
  });

  it("writes the rule, its doc and one valid and one invalid fixture (expectations are left to fixtures:update)", () => {
    for (const path of [
      `lib/rules/${ID}.ts`,
      `docs/rules/${ID}.md`,
      `tests/fixtures/rules/${ID}/valid/basic.py`,
      `tests/fixtures/rules/${ID}/invalid/basic.py`,
    ]) {
      assert.ok(existsSync(join(copy, path)), path);
    }
    assert.ok(!existsSync(join(copy, "tests", "fixtures", "rules", ID, "invalid", "basic.errors.json")));
  });

  it("the doc: eslint-doc-generator's header, the sections, How to fix = the remediation, examples = the fixtures", () => {
    const doc = read(`docs/rules/${ID}.md`);
    assert.ok(
      doc.startsWith(
        `# python-audit/${ID}\n\n📝 ${DESCRIPTION}.\n\n💼 This rule is enabled in the following [configs](https://github.com/python-audit/eslint-plugin-python-audit#configs): 🌐 \`all\`, 🩹 \`fix\`, ☁️ \`openstack\`, ✅ \`recommended\`.\n\n<!-- end auto-generated rule header -->\n`,
      ),
      doc.slice(0, 600),
    );
    const headings = [...doc.matchAll(/^## (.*)$/gmu)].map((m) => m[1]);
    assert.deepEqual(headings, ["Rule details", "Options", "Checks", "How to fix", "When not to use it"]);
    assert.ok(doc.includes(`## How to fix\n\n${REMEDIATION}\n`));
    const fence = (kind: string) => doc.match(new RegExp(`^\`\`\`python ${kind}\\n([\\s\\S]*?)^\`\`\`$`, "mu"))?.[1];
    assert.equal(fence("incorrect"), read(`tests/fixtures/rules/${ID}/invalid/basic.py`));
    assert.equal(fence("correct"), read(`tests/fixtures/rules/${ID}/valid/basic.py`));
  });

  it("npm run update ran: the rule is in the generated index and the README rule list", () => {
    assert.match(
      read("lib/rules/index.ts"),
      new RegExp(`import noScaffoldedCheck from "\\./${ID}\\.js";[\\s\\S]*"${ID}": noScaffoldedCheck,`),
    );
    assert.match(
      read("README.md"),
      new RegExp(`^\\| \\[${ID}\\]\\(docs/rules/${ID}\\.md\\) +\\| ${DESCRIPTION} +\\| 🌐 🩹 ☁️ ✅ \\|`, "mu"),
    );
  });

  it("the copy builds and everything generated is up to date (update --check)", () => {
    assert.ok(existsSync(join(copy, "dist", "lib", "rules", `${ID}.js`)), "tsc built the new rule");
    const check = run("update.mjs", ["--check", "--root", copy], copy);
    assert.equal(check.status, 0, `${check.stderr}${check.stdout}`);
  });

  it("the new rule passes the meta assertions of tests/rules/rules.test.ts", async () => {
    const plugin = require(join(copy, "dist", "index.js"));
    const rule = plugin.rules[ID];
    assert.ok(rule, "exported by the built plugin");
    assertRuleMeta(plugin, ID, copy);
    // What the options gave.
    assert.deepEqual(
      {
        severity: rule.meta.docs.severity,
        recommended: rule.meta.docs.recommended,
        category: rule.meta.docs.category,
        remediation: rule.meta.docs.remediation,
        codes: rule.meta.docs.suppressionCodes,
      },
      {
        severity: "error",
        recommended: true,
        category: CATEGORY,
        remediation: REMEDIATION,
        codes: { bandit: ["B999", "made_up_check"], ruff: ["S999"] },
      },
    );

    const eslint = eslintWithNewRule(copy, plugin, ["error", { bogusOption: true }]);
    await assert.rejects(
      eslint.lintText("x = 1\n", { filePath: join(copy, "x.py") }),
      /bogusOption|additional properties/u,
    );
  });

  it("the new rule reports nothing until its check is written (its own examples and a call-heavy file)", async () => {
    const plugin = require(join(copy, "dist", "index.js"));
    const eslint = eslintWithNewRule(copy, plugin, "error");
    const results = await eslint.lintFiles([`tests/fixtures/rules/${ID}/**/*.py`]);
    assert.equal(results.length, 2);
    const [other] = await eslint.lintText(
      "import os, subprocess\nos.system(cmd)\nsubprocess.call(cmd, shell=True)\nprint(open(p).read())\n",
      { filePath: join(copy, "calls.py") },
    );
    assert.deepEqual(
      [...results, other].flatMap((r) => r.messages),
      [],
    );
  });

  describe("usage errors: exit 2, a message, nothing written", () => {
    const cases: Array<[string, string[], RegExp]> = [
      ["not kebab-case", ["No_Such_Rule"], /invalid rule id "No_Such_Rule": kebab-case/],
      ["a single word", ["nothing"], /invalid rule id "nothing"/],
      ["no verb", ["hardcoded-tmp-dir"], /start with "no-" or a verb/],
      ["an existing id", ["no-broad-except"], /rule "no-broad-except" exists already: lib\/rules\/no-broad-except\.ts/],
      ["an id the scaffold just created", [ID], new RegExp(`rule "${ID}" exists already`)],
      ["no description", ["no-other-check"], /--description "\.\.\." is required/],
      ["a bad severity", ["no-other-check", "--severity", "fatal"], /--severity must be error or warn/],
      ["a bad Bandit code", ["no-other-check", "--bandit", "B1"], /--bandit: invalid code\(s\) B1/],
      ["an unknown option", ["no-other-check", "--frobnicate"], /Unknown option '--frobnicate'/],
    ];
    for (const [label, args, message] of cases) {
      it(label, () => {
        const withDescription = label === "no description" ? args : [...args, "--description", "Disallow something"];
        const result = run("new-rule.mjs", [...withDescription, "--root", copy], copy);
        assert.equal(result.status, 2, `${result.stderr}${result.stdout}`);
        assert.match(result.stderr, message);
        assert.match(result.stderr, /usage: npm run new-rule -- <id>/);
        assert.ok(!existsSync(join(copy, "lib", "rules", "no-other-check.ts")));
      });
    }
  });

  it("update --check fails on a stale README rule list without writing it", () => {
    const readme = read("README.md");
    const stale = readme.replace(/^\| \[no-scaffolded-check\].*\n/mu, "");
    assert.notEqual(stale, readme);
    writeFileSync(join(copy, "README.md"), stale);
    const check = run("update.mjs", ["--check", "--root", copy], copy);
    assert.equal(check.status, 1, `${check.stderr}${check.stdout}`);
    assert.match(check.stderr, /rules table in README\.md is out-of-date/);
    assert.equal(read("README.md"), stale, "--check writes nothing");
    writeFileSync(join(copy, "README.md"), readme);
  });
});

/** ESLint 10 in the copy with only the scaffolded rule, set to `setting`. */
function eslintWithNewRule(copy: string, plugin: unknown, setting: unknown) {
  return new eslintVersions[0].module.ESLint({
    cwd: copy,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ["**/*.py"],
        plugins: { "python-audit": plugin },
        language: "python-audit/python",
        rules: { [`python-audit/${ID}`]: setting },
      },
    ] as any,
  });
}

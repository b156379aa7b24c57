import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../helpers.js";
import { createPackedProject, type PackedProject } from "./packed-project.js";

/**
 * docs/custom-rules.md, run as written: the fenced blocks whose info string names a file (```js eslint.config.js)
 * are written into a fresh project with the packed package, and the real `eslint` CLI must report exactly the
 * findings the page promises, for both setups (inline virtual plugin, eslint-plugin-local-rules).
 */

interface Section {
  heading: string;
  /** Blocks with a file name: path -> content. */
  files: Record<string, string>;
  /** Every block by its whole info string (`text output`, `python`, ...). */
  blocks: Array<{ info: string; content: string }>;
}

function sections(markdown: string): Section[] {
  return markdown.split(/^(?=## )/mu).map((text) => {
    const section: Section = { heading: text.split("\n")[0].replace(/^## /u, ""), files: {}, blocks: [] };
    for (const match of text.matchAll(/^```(\S+)(?: +([^\n]*))?\n([\s\S]*?)^```$/gmu)) {
      const [, lang, name, content] = match;
      section.blocks.push({ info: name ? `${lang} ${name}` : lang, content });
      if (name && /^[\w./-]+\.\w+$/u.test(name)) {
        assert.ok(!(name in section.files), `${name} appears twice under "${section.heading}"`);
        section.files[name] = content;
      }
    }
    return section;
  });
}

const doc = readFileSync(join(repoRoot, "docs", "custom-rules.md"), "utf8");
const all = sections(doc);
const section = (prefix: string): Section => {
  const found = all.find((s) => s.heading.startsWith(prefix));
  assert.ok(found, `docs/custom-rules.md has a "## ${prefix}..." section`);
  return found;
};

interface Finding {
  file: string;
  line: number;
  column: number;
  ruleId: string | null;
  messageId?: string;
  message: string;
  suggestions?: Array<{ messageId?: string; desc: string; fix: { range: [number, number]; text: string } }>;
}

function lint(project: PackedProject): { status: number; findings: Finding[]; stderr: string } {
  const { status, stdout, stderr } = project.run(project.eslintBin, ["-f", "json", "."]);
  let results: Array<{ filePath: string; messages: Array<Omit<Finding, "file">> }>;
  try {
    results = JSON.parse(stdout);
  } catch {
    throw new Error(`eslint printed no JSON (exit ${status}):\n${stdout}\n${stderr}`);
  }
  const findings = results.flatMap((r) =>
    r.messages.map((m) => ({ file: r.filePath.slice(project.dir.length + 1), ...m })),
  );
  return { status, findings, stderr };
}

/** What app.py must produce, in the page's own terms: [line, column, messageId]. */
const EXPECTED = [
  [9, 12, "missingTimeout"], // requests.get(url)
  [13, 12, "missingTimeout"], // r.post(...) after `import requests as r`
  [17, 12, "missingTimeout"], // get(url) after `from requests import get`
  [21, 41, "noneTimeout"], // send(..., timeout=None) after `from requests import post as send`
];

/** The section's ```text output block is exactly what `eslint .` printed (stylish drops a message's final period). */
function assertShownOutput(heading: string, findings: Finding[]): void {
  const output = section(heading).blocks.find((b) => b.info === "text output");
  assert.ok(output, `a \`\`\`text output block under "${heading}"`);
  const shown = [...output.content.matchAll(/^\s+(\d+):(\d+)\s+error\s+(.+?)\s{2,}(\S+)$/gmu)].map((m) => [
    Number(m[1]),
    Number(m[2]),
    m[3],
    m[4],
  ]);
  assert.deepEqual(
    shown,
    findings.map((f) => [f.line, f.column, f.message.replace(/\.$/u, ""), f.ruleId]),
  );
}

function checkFindings(findings: Finding[], ruleId: string): void {
  assert.deepEqual(
    findings.map((f) => [f.file, f.line, f.column, f.ruleId, f.messageId]),
    EXPECTED.map(([line, column, messageId]) => ["app.py", line, column, ruleId, messageId]),
    "exactly the documented findings, and nothing from the recommended rules or in the JS files",
  );
  assert.match(
    findings[1].message,
    /^`requests\.post\(\)` without `timeout=`/u,
    "the alias is resolved in the message",
  );
  // The suggestion adds the keyword after the last argument.
  const [first] = findings;
  assert.deepEqual(
    first.suggestions?.map((s) => [s.messageId, s.desc, s.fix.text]),
    [["addTimeout", "Add `timeout=10`.", ", timeout=10"]],
  );
  const app = section("The example project").files["app.py"];
  assert.equal(
    app.slice(first.suggestions![0].fix.range[0] - "(url".length, first.suggestions![0].fix.range[1]),
    "(url",
  );
}

describe("docs/custom-rules.md, run as written in a project with the packed package", function () {
  const projects: PackedProject[] = [];
  const app = section("The example project").files;

  after(() => {
    for (const project of projects) project.remove();
  });

  it("names its files in the blocks the test runs", () => {
    assert.deepEqual(Object.keys(app), ["app.py"]);
    assert.deepEqual(Object.keys(section("Setup A").files), ["eslint.config.js"]);
    assert.deepEqual(Object.keys(section("Setup B").files).sort(), [
      "eslint-local-rules.cjs",
      "eslint-rules/no-requests-without-timeout.cjs",
      "eslint.config.js",
    ]);
    assert.deepEqual(Object.keys(section("Testing the rule").files), ["tests/no-requests-without-timeout.test.js"]);
    assert.deepEqual(Object.keys(section("Setup C").files).sort(), ["eslint.config.js", "rootwrap.py"]);
  });

  describe("Setup A: a virtual plugin in eslint.config.js", () => {
    let result: ReturnType<typeof lint>;
    before(() => {
      const project = createPackedProject();
      projects.push(project);
      project.write({ ...app, ...section("Setup A").files });
      result = lint(project);
    });

    it("reports exactly the documented calls as team/no-requests-without-timeout", () => {
      assert.equal(result.status, 1, result.stderr);
      checkFindings(result.findings, "team/no-requests-without-timeout");
    });

    it("prints what the page shows (`npx eslint .`)", () => {
      assertShownOutput("Setup A", result.findings);
    });
  });

  describe("Setup C: a team sink on the taint engine of ./analysis", () => {
    let project: PackedProject;
    before(() => {
      project = createPackedProject();
      projects.push(project);
      project.write(section("Setup C").files);
    });

    it("reports the documented calls with their traces, and the page shows exactly that output", () => {
      const result = lint(project);
      assert.equal(result.status, 1, result.stderr);
      assert.deepEqual(
        result.findings.map((f) => [f.file, f.line, f.ruleId]),
        [
          ["rootwrap.py", 6, "team/no-untrusted-rootwrap"],
          ["rootwrap.py", 17, "team/no-untrusted-rootwrap"],
        ],
      );
      assert.match(result.findings[1].message, /\(parameter `route`, via `cmd` at line 16\)/u);
      assertShownOutput("Setup C", result.findings);
    });

    it("fails when the team's validator is not in the spec (the validated call is reported too)", () => {
      const config = section("Setup C").files["eslint.config.js"];
      const withoutValidator = config.replace('validators: ["team.checks.is_device"]', "validators: []");
      assert.notEqual(withoutValidator, config);
      project.write({ "eslint.config.js": withoutValidator });
      try {
        assert.deepEqual(
          lint(project).findings.map((f) => f.line),
          [6, 12, 17],
        );
      } finally {
        project.write({ "eslint.config.js": config });
      }
    });
  });

  describe("Setup B: eslint-plugin-local-rules with CommonJS rule files", () => {
    let project: PackedProject;
    before(() => {
      project = createPackedProject({ extraModules: ["eslint-plugin-local-rules"] });
      projects.push(project);
      project.write({ ...app, ...section("Setup B").files, ...section("Testing the rule").files });
    });

    it("reports exactly the documented calls as local/no-requests-without-timeout", () => {
      const result = lint(project);
      assert.equal(result.status, 1, result.stderr);
      checkFindings(result.findings, "local/no-requests-without-timeout");
    });

    it("matches `# nosec B113` to the rule only through its suppressionCodes", () => {
      // Without the rule's Bandit/Ruff codes, `# nosec B113` names another check and line 41 is reported.
      const rulePath = "eslint-rules/no-requests-without-timeout.cjs";
      const original = section("Setup B").files[rulePath];
      const withoutCodes = original.replace(/^\s*suppressionCodes: .*\n/mu, "");
      assert.notEqual(withoutCodes, original);
      project.write({ [rulePath]: withoutCodes });
      try {
        assert.deepEqual(
          lint(project).findings.map((f) => f.line),
          [9, 13, 17, 21, 41],
        );
      } finally {
        project.write({ [rulePath]: original });
      }
    });

    it("passes the page's RuleTester file (and that file fails on a broken rule)", () => {
      const testFile = "tests/no-requests-without-timeout.test.js";
      const passing = project.run(testFile, []);
      assert.equal(passing.status, 0, passing.stderr);
      // The same tests against a rule that ignores `timeout=`: RuleTester must throw (so the run above tested something).
      const rulePath = "eslint-rules/no-requests-without-timeout.cjs";
      const original = section("Setup B").files[rulePath];
      project.write({
        [rulePath]: original.replace('keywordArgument(node, "timeout")', 'keywordArgument(node, "no_such_keyword")'),
      });
      try {
        const failing = project.run(testFile, []);
        assert.notEqual(failing.status, 0);
        assert.match(failing.stderr, /AssertionError|Should have no errors/u);
      } finally {
        project.write({ [rulePath]: original });
      }
    });
  });
});

import assert from "node:assert/strict";
import { join } from "node:path";
import formatAudit = require("../../lib/formatters/audit.js");
import { eslintVersions, loadPlugin, repoRoot } from "../helpers.js";

/** The audit report formatter on real lint results and on the edge cases a report generator meets. */
const plugin = loadPlugin();

async function lint(files: Record<string, string>, config: object = plugin.configs.recommended) {
  const eslint = new eslintVersions[0].module.ESLint({
    cwd: repoRoot,
    overrideConfigFile: true,
    overrideConfig: [config] as any,
  });
  const results = [];
  for (const [path, text] of Object.entries(files))
    results.push(...(await eslint.lintText(text, { filePath: join(repoRoot, path) })));
  return { results, context: { cwd: repoRoot, rulesMeta: eslint.getRulesMetaForResults(results) } };
}

const SHELL =
  'import subprocess\n\n\nclass Router:\n    def run(self, cmd):\n        subprocess.call("ip netns exec " + cmd, shell=True)\n';

describe("audit formatter", () => {
  it("groups by category with Location (file, line, class/function), Issue (message, source) and Solution (rule meta)", async () => {
    const { results, context } = await lint({ "agent/router.py": SHELL });
    const report = formatAudit(results, context);
    // The finding's check (shell mode, B602) gives the Solution and the CWE.
    const check = plugin.rules["no-command-injection"].meta.docs.checks.shellInjection;
    const remediation = check.remediation;
    assert.notEqual(remediation, plugin.rules["no-command-injection"].meta.docs.remediation);
    assert.equal(
      report,
      [
        "# Security audit report",
        "",
        "Audited 1 file: 1 finding (1 defect, 0 hardening advice items).",
        "",
        "## Roll-up",
        "",
        "| Check | Category | Findings | Defects |",
        "| --- | --- | ---: | ---: |",
        "| `B602` | Command execution without validation | 1 | 1 |",
        "",
        "| File | Findings | Defects |",
        "| --- | ---: | ---: |",
        "| `agent/router.py` | 1 | 1 |",
        "",
        "## 1. Command execution without validation",
        "",
        "Rule: `python-audit/no-command-injection`. 1 finding.",
        "",
        "### 1.1 Check `B602` (CWE-78): 1 finding",
        "",
        `**Solution:** ${remediation}`,
        "",
        "#### 1.1.1 agent/router.py:6 (defect)",
        "",
        "**Location:** `agent/router.py`, line 6, in `Router.run()`",
        "",
        `**Issue:** ${results[0].messages[0].message}`,
        "",
        "```python",
        'subprocess.call("ip netns exec " + cmd, shell=True)',
        "```",
        "",
        "## Conclusion",
        "",
        "| Category | Defects (error) | Hardening advice (warning) |",
        "| --- | ---: | ---: |",
        "| Command execution without validation | 1 | 0 |",
        "| **Total** | **1** | **0** |",
        "",
      ].join("\n"),
    );
  });

  it("says exactly that no defects are detected when only warnings remain, listing them as hardening advice", async () => {
    const { results, context } = await lint({
      "a.py": "def f(p):\n    fh = open(p)\n    data = fh.read()\n    fh.close()\n    return data\n",
    });
    const report = formatAudit(results, context);
    assert.match(report, /^#### 1\.1\.1 a\.py:2 \(hardening advice\)$/mu);
    assert.match(
      report,
      /## Conclusion\n\nNo security defects are detected in the code\n\n1 warning above is hardening advice\.\n/u,
    );
  });

  it("prints the data flow of a taint finding as numbered steps, source first", async () => {
    const code =
      "import subprocess\n\n\ndef update(route):\n    cmd = ['ip', 'route', 'replace', route['destination']]\n    subprocess.run(cmd)\n";
    const { results, context } = await lint({ "agent/routes.py": code });
    const report = formatAudit(results, context);
    assert.match(results[0].messages[0].message, /\(parameter `route`, via `cmd` at line 5\) reaches /u);
    assert.ok(
      report.includes(
        [
          "**Data flow:**",
          "",
          "1. parameter `route` (the source)",
          "2. through `cmd` at line 5",
          "3. reaches the call at line 6",
          "",
        ].join("\n"),
      ),
      report,
    );
  });

  it("groups a check's findings under one heading, shows a broad handler's body, and rolls up by check and file", async () => {
    // A generated project: 40 files with a swallowing handler each, 3 of them with a command finding too.
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) {
      files[`svc/m${String(i).padStart(2, "0")}.py`] =
        "import logging\nimport subprocess\nLOG = logging.getLogger(__name__)\n\n\ndef f(arg):\n" +
        "    try:\n        run()\n    except Exception:\n        LOG.warning('failed')\n        return None\n" +
        (i % 13 === 0 ? "    subprocess.run(['ip', arg])\n" : "");
    }
    const { results, context } = await lint(files);
    const report = formatAudit(results, context);
    // Roll-up first: per check, then per file (25 rows, then the rest summed).
    const rollUp = report.slice(report.indexOf("## Roll-up"), report.indexOf("## 1."));
    assert.ok(
      rollUp.includes("| `no-broad-except/logged-but-swallowed` | Broad exception handling | 40 | 0 |"),
      rollUp,
    );
    assert.ok(rollUp.includes("| `B603` | Command execution without validation | 4 | 4 |"), rollUp);
    assert.ok(rollUp.includes("| `svc/m00.py` | 2 | 1 |"), rollUp);
    assert.ok(rollUp.includes("| 15 more files | 15 | 0 |"), rollUp);
    // One heading and one Solution per check, however many findings.
    assert.equal(
      [...report.matchAll(/^### \d+\.\d+ Check `no-broad-except\/logged-but-swallowed` \(CWE-396\): 40 findings$/gmu)]
        .length,
      1,
    );
    assert.equal([...report.matchAll(/^\*\*Solution:\*\*/gmu)].length, 2);
    // The handler's body is shown, not only its `except` line.
    assert.ok(
      report.includes("```python\nexcept Exception:\n    LOG.warning('failed')\n    return None\n```"),
      report.slice(0, 3000),
    );
    // Deterministic: the same report for the results in another order.
    assert.equal(formatAudit([...results].reverse(), context), report);
  });

  it("handles zero files, and clean files", () => {
    assert.match(
      formatAudit([], { cwd: repoRoot }),
      /Audited 0 files: 0 findings[\s\S]*No security defects are detected in the code\n\nNo files were audited/u,
    );
  });

  it("lists parse errors separately and does not call the code clean", async () => {
    const { results, context } = await lint({ "bad.py": "def f(:\n    pass\n", "ok.py": "x = 1\n" });
    const report = formatAudit(results, context);
    assert.match(report, /## Files that could not be audited\n\n- `bad\.py:1:\d+`: /u);
    assert.doesNotMatch(report, /No security defects/u);
    assert.match(report, /\| Not audited \(parse errors, unreadable or ignored files\) \| 1 \| 0 \|/u);
    assert.match(report, /^Audited 1 file: 0 findings .*, 1 file not audited\.$/mu);
  });

  it("lists files not audited without a position (unreadable, ignored) apart from findings", () => {
    const results = [
      {
        filePath: join(process.cwd(), "pipe.py"),
        messages: [
          { ruleId: null, fatal: true, severity: 2, message: "Not audited: not a regular file (a named pipe)." },
        ],
        suppressedMessages: [],
        errorCount: 1,
        fatalErrorCount: 1,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
      {
        filePath: join(process.cwd(), "build", "gen.py"),
        messages: [{ ruleId: null, severity: 1, message: "File ignored because of a matching ignore pattern." }],
        suppressedMessages: [],
        errorCount: 0,
        fatalErrorCount: 0,
        warningCount: 1,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
    ] as unknown as Parameters<typeof formatAudit>[0];
    const report = formatAudit(results, { cwd: process.cwd() } as never);
    assert.match(report, /^Audited 0 files: 0 findings .*, 2 files not audited\.$/mu);
    assert.match(
      report,
      /- `build\/gen\.py`: File ignored because of a matching ignore pattern\.\n- `pipe\.py`: Not audited: not a regular file \(a named pipe\)\./u,
    );
    assert.doesNotMatch(report, /undefined/u);
    assert.match(report, /\| \*\*Total\*\* \| \*\*2\*\* \| \*\*0\*\* \|/u);
  });

  it("is deterministic: the same report whatever order results and messages come in", async () => {
    const { results, context } = await lint({
      "b.py": SHELL,
      "a.py": SHELL + 'import os\nos.system("x " + input())\n',
    });
    const reversed = results.map((r) => ({ ...r, messages: [...r.messages].reverse() })).reverse();
    assert.equal(formatAudit(reversed, context), formatAudit(results, context));
    assert.ok(formatAudit(results, context).indexOf("a.py:6") < formatAudit(results, context).indexOf("b.py:6"));
  });

  it("keeps source with backticks inside its fence, and names rules of other plugins by id", () => {
    const result = {
      filePath: join(repoRoot, "t.py"),
      source: "x = '```'  # odd\n",
      messages: [
        { ruleId: "other/rule", severity: 2 as const, message: "Odd.", line: 1, column: 1, endLine: 1, endColumn: 5 },
      ],
      suppressedMessages: [],
      errorCount: 1,
      warningCount: 0,
      fatalErrorCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    };
    const report = formatAudit([result as never], {
      cwd: repoRoot,
      rulesMeta: { "other/rule": { docs: { description: "Disallow odd things" } } },
    });
    assert.match(report, /^## 1\. other\/rule$/mu);
    assert.match(report, /^````python\nx = '```'  # odd\n````$/mu);
    assert.match(report, /\*\*Solution:\*\* Disallow odd things/u);
  });

  it("formats thousands of findings quickly and in order", async () => {
    const text = "import os\n" + Array.from({ length: 3000 }, (_, i) => `os.system("x" + v${i})\n`).join("");
    const { results, context } = await lint({ "big.py": text });
    assert.equal(results[0].messages.length, 3000);
    const report = formatAudit(results, context);
    // One check: one heading with its Solution once, then the 3,000 locations in order.
    assert.equal([...report.matchAll(/^### 1\.1 Check `B602` \(CWE-78\): 3000 findings$/gmu)].length, 1);
    assert.equal([...report.matchAll(/^\*\*Solution:\*\*/gmu)].length, 1);
    const numbers = [...report.matchAll(/^#### 1\.1\.(\d+) big\.py:(\d+) /gmu)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    assert.equal(numbers.length, 3000);
    assert.ok(numbers.every(([n, line]) => line === n + 1));
  });
});

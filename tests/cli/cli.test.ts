import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { copyExamples, createPackedProject, type PackedProject } from "./packed-project.js";

/**
 * The pipeline a user runs, through the real command lines in a temporary project that installs the packed
 * package: the `python-audit` bin (formats, exit codes, .gitignore, the user's own config), and ESLint's CLI with
 * --cache, --concurrency, --fix / --fix-type, --print-config, --max-warnings, bulk suppressions, unused directive
 * reports and the SARIF formatter.
 */

const CLEAN_PY =
  "import subprocess\n\n\ndef restart():\n    subprocess.check_call(['systemctl', 'restart', 'neutron-l3-agent'])\n";
const WARN_PY = "def read(path):\n    fh = open(path)\n    data = fh.read()\n    fh.close()\n    return data\n";

const json = <T>(text: string): T => JSON.parse(text) as T;
type Result = {
  filePath: string;
  messages: Array<{
    ruleId: string | null;
    line: number;
    column: number;
    severity: number;
    fatal?: boolean;
    message: string;
  }>;
  suppressedMessages?: unknown[];
};
const findings = (results: Result[], root: string) =>
  results
    .flatMap((r) => r.messages.map((m) => `${r.filePath.slice(root.length + 1)}:${m.line}:${m.column} ${m.ruleId}`))
    .sort();

describe("python-audit bin (packed package)", function () {
  this.timeout(120_000);
  let project: PackedProject;
  before(() => {
    project = createPackedProject({ extraModules: ["@microsoft/eslint-formatter-sarif"] });
    copyExamples(project);
  });
  after(() => project.remove());

  it("stylish output and exit 1 on the examples; the recommended config without any eslint.config", () => {
    const { status, stdout, stderr } = project.run(project.pluginBin, []);
    assert.equal(status, 1, stderr);
    assert.match(stdout, /python-audit\/no-command-injection/u);
    assert.match(stdout, /26 problems \(16 errors, 10 warnings\)/u);
    assert.doesNotMatch(stderr, /using your ESLint config/u);
  });

  it("--format audit writes the Markdown review; json and sarif are machine-readable", () => {
    const audit = project.run(project.pluginBin, ["--format", "audit", "agent"]);
    assert.equal(audit.status, 1);
    assert.match(audit.stdout, /^# Security audit report$/mu);
    assert.match(audit.stdout, /^## 1\. Command execution without validation$/mu);
    assert.match(audit.stdout, /^\*\*Location:\*\* `agent\/utils\.py`, line 24, in `send_gratuitous_arp\(\)`$/mu);
    assert.match(audit.stdout, /^\| \*\*Total\*\* \| \*\*16\*\* \| \*\*10\*\* \|$/mu);
    const results = json<Result[]>(project.run(project.pluginBin, ["-f", "json"]).stdout);
    assert.equal(results.length, 6);
    type Sarif = {
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; properties?: { tags?: string[] }; help?: { text: string } }> } };
        results: Array<{ ruleId: string; properties?: { checkId?: string; tags?: string[] } }>;
      }>;
    };
    const sarif = json<Sarif>(project.run(project.pluginBin, ["-f", "sarif"]).stdout);
    assert.equal(sarif.runs[0].results.length, 26);
    // Per check: every finding of the audit rules carries its check id and CWE tags; descriptors carry the CWE.
    const commandResults = sarif.runs[0].results.filter((r) => r.ruleId === "python-audit/no-command-injection");
    assert.ok(commandResults.length);
    for (const result of commandResults) {
      assert.match(String(result.properties?.checkId), /^B60[23]$/u);
      assert.ok(result.properties?.tags?.includes("external/cwe/cwe-078"), JSON.stringify(result.properties));
    }
    const descriptor = sarif.runs[0].tool.driver.rules.find((r) => r.id === "python-audit/no-command-injection");
    assert.ok(descriptor?.properties?.tags?.includes("external/cwe/cwe-078"));
    assert.match(String(descriptor?.help?.text), /^B602: .*\nB603: /su);
  });

  it("exit 0 and exactly the no-defects conclusion when only warnings remain", () => {
    project.write({ "clean/restart.py": CLEAN_PY, "clean/read.py": WARN_PY });
    const { status, stdout } = project.run(project.pluginBin, ["-f", "audit", "clean"]);
    assert.equal(status, 0);
    assert.match(
      stdout,
      /^## Conclusion\n\nNo security defects are detected in the code\n\n1 warning above is hardening advice\.$/mu,
    );
    assert.equal(project.run(project.pluginBin, ["--max-warnings", "0", "clean"]).status, 1);
    assert.equal(project.run(project.pluginBin, ["--quiet", "-f", "json", "clean"]).stdout.trim(), "[]");
  });

  it("usage errors exit 2 with a clear message", () => {
    for (const args of [
      ["--format", "xml"],
      ["--bogus"],
      ["--concurrency", "many"],
      ["--config", "strict"],
      ["no-such-dir/"],
    ]) {
      const { status, stderr } = project.run(project.pluginBin, args);
      assert.equal(status, 2, args.join(" "));
      assert.match(stderr, /^python-audit: .+\n\nUsage: python-audit/u);
    }
    assert.equal(project.run(project.pluginBin, ["--help"]).status, 0);
    assert.match(project.run(project.pluginBin, ["--version"]).stdout, /^\d+\.\d+\.\d+/u);
  });

  it("skips what git ignores (nested .gitignore included) and, without git, what .gitignore lists", () => {
    project.write({
      "build/lib/agent/utils.py": readFileSync(join(project.dir, "agent", "utils.py"), "utf8"),
      "vendor/.gitignore": "*.py\n",
      "vendor/lib.py": 'import os\nos.system("x " + input())\n',
    });
    const before = json<Result[]>(project.run(project.pluginBin, ["-f", "json"]).stdout).map((r) => r.filePath);
    assert.ok(
      before.some((f) => f.includes("/build/")),
      "not ignored yet",
    );
    writeFileSync(join(project.dir, ".gitignore"), "build/\n");
    // Without a git repository: the top-level .gitignore is read.
    const noGit = json<Result[]>(project.run(project.pluginBin, ["-f", "json"]).stdout).map((r) => r.filePath);
    assert.ok(!noGit.some((f) => f.includes("/build/")));
    execFileSync("git", ["init", "-q"], { cwd: project.dir });
    const withGit = json<Result[]>(project.run(project.pluginBin, ["-f", "json"]).stdout).map((r) => r.filePath);
    assert.ok(!withGit.some((f) => f.includes("/build/") || f.includes("/vendor/")), withGit.join("\n"));
    assert.ok(withGit.some((f) => f.endsWith("agent/utils.py")));
    // Run from inside an ignored folder, everything there is audited: the user chose that folder.
    const inside = json<Result[]>(
      project.run(project.pluginBin, ["-f", "json", "--no-config-lookup"], { cwd: join(project.dir, "build") }).stdout,
    );
    assert.deepEqual(
      inside.map((r) => r.filePath.slice(project.dir.length + 1)),
      ["build/lib/agent/utils.py"],
    );
  });

  it("audits paths outside the working directory (no 'outside of base path'), with their positions", () => {
    const outside = mkdtempSync(join(tmpdir(), "pa-outside-"));
    try {
      writeFileSync(join(outside, "app.py"), 'import os\n\n\ndef run(x):\n    os.system("ls " + x)\n');
      mkdirSync(join(project.dir, "empty"), { recursive: true });
      for (const cwd of [join(project.dir, "empty"), project.dir]) {
        const result = project.run(project.pluginBin, ["-f", "json", join(outside, "app.py")], { cwd });
        assert.equal(result.status, 1, result.stderr);
        assert.deepEqual(
          json<Result[]>(result.stdout).flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)),
          ["5:5 python-audit/no-command-injection"],
        );
        const audit = project.run(project.pluginBin, ["-f", "audit", relative(cwd, outside)], { cwd }).stdout;
        assert.match(audit, /^Audited 1 file: 1 finding/mu);
        assert.doesNotMatch(audit, /undefined|not audited/u);
      }
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("--concurrency 2 works (the config reaches the workers as a file) and finds what one thread finds", () => {
    const one = project.run(project.pluginBin, ["-f", "json", "--no-config-lookup", "agent"]);
    const two = project.run(project.pluginBin, ["-f", "json", "--no-config-lookup", "--concurrency", "2", "agent"]);
    assert.equal(two.status, one.status, two.stderr);
    assert.doesNotMatch(two.stderr, /cannot be cloned|TypeError/u);
    assert.deepEqual(findings(json(two.stdout), project.dir), findings(json(one.stdout), project.dir));
  });

  it("links, pipes and devices: reported as not audited with the reason, every other file audited; -o creates its folder", () => {
    project.write({ "edge/ok.py": 'import os\n\n\ndef run(x):\n    os.system("ls " + x)\n' });
    const edge = join(project.dir, "edge");
    symlinkSync("nowhere.py", join(edge, "dangling.py"));
    symlinkSync("loop.py", join(edge, "loop.py"));
    execFileSync("mkfifo", [join(edge, "pipe.py")]);
    try {
      const result = project.run(project.pluginBin, ["-f", "json", "--no-config-lookup", "edge", "/dev/zero"]);
      assert.equal(result.status, 1, result.stderr);
      assert.doesNotMatch(result.stderr, /at .*\.js:\d+/u, "no stack trace");
      const byFile = Object.fromEntries(
        json<Result[]>(result.stdout).map((r) => [
          r.filePath.startsWith(project.dir) ? r.filePath.slice(project.dir.length + 1) : r.filePath,
          r.messages.map((m) => m.ruleId ?? m.message),
        ]),
      );
      assert.deepEqual(byFile, {
        "/dev/zero": ["Not audited: not a regular file (a character device)."],
        "edge/dangling.py": ["Not audited: a dangling symbolic link."],
        "edge/loop.py": ["Not audited: a symbolic link that loops."],
        "edge/ok.py": ["python-audit/no-command-injection"],
        "edge/pipe.py": ["Not audited: not a regular file (a named pipe)."],
      });
      const report = project.run(project.pluginBin, ["-f", "audit", "-o", "reports/new/audit.md", "edge"]);
      assert.equal(report.status, 1, report.stderr);
      const markdown = readFileSync(join(project.dir, "reports", "new", "audit.md"), "utf8");
      assert.match(markdown, /^Audited 1 file: 1 finding .*, 3 files not audited\.$/mu);
      assert.match(markdown, /- `edge\/pipe\.py`: Not audited: not a regular file \(a named pipe\)\./u);
    } finally {
      rmSync(edge, { recursive: true, force: true });
      rmSync(join(project.dir, "reports"), { recursive: true, force: true });
    }
  });

  it("a git-ignored file whose name starts with # is skipped (its pattern is escaped, not read as a comment)", () => {
    const repo = mkdtempSync(join(tmpdir(), "pa-hash-"));
    try {
      const code = 'import os\n\n\ndef run(x):\n    os.system("ls " + x)\n';
      writeFileSync(join(repo, "#generated.py"), code);
      writeFileSync(join(repo, "kept.py"), code);
      writeFileSync(join(repo, ".gitignore"), "\\#generated.py\n");
      execFileSync("git", ["init", "-q"], { cwd: repo });
      const result = project.run(project.pluginBin, ["-f", "json", "--no-config-lookup"], { cwd: repo });
      assert.deepEqual(
        json<Result[]>(result.stdout).map((r) => r.filePath.slice(repo.length + 1)),
        ["kept.py"],
      );
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it("uses the user's eslint.config.* and says so; --no-config-lookup ignores it", () => {
    project.write({
      "eslint.config.mjs":
        'import pythonAudit from "eslint-plugin-python-audit";\nexport default [pythonAudit.configs.recommended, { files: ["**/*.py"], rules: { "python-audit/no-broad-except": "off" } }];\n',
    });
    try {
      const own = project.run(project.pluginBin, ["-f", "json", "agent"]);
      assert.match(own.stderr, /using your ESLint config .*eslint\.config\.mjs/u);
      // The config lints .py files with the plugin (ESLint 10 reports the language as an object): no false warning.
      assert.doesNotMatch(own.stderr, /does not lint/u);
      assert.ok(!own.stdout.includes("no-broad-except"));
      const plain = project.run(project.pluginBin, ["-f", "json", "--no-config-lookup", "agent"]);
      assert.ok(plain.stdout.includes("no-broad-except"));
      // A config that does not lint .py files: the plugin's own config audits them, and says so (never exit 0 unaudited).
      project.write({ "eslint.config.mjs": "export default [];\n" });
      const fallback = project.run(project.pluginBin, ["-f", "json", "agent"]);
      assert.match(
        fallback.stderr,
        /does not lint \.py files with python-audit, so the plugin's recommended config audits them/u,
      );
      assert.equal(fallback.status, 1);
      assert.ok(fallback.stdout.includes("no-broad-except"));
    } finally {
      project.write({ "eslint.config.mjs": "" });
      execFileSync("rm", [join(project.dir, "eslint.config.mjs")]);
    }
  });
});

describe("ESLint CLI with the packed package", function () {
  this.timeout(120_000);
  let project: PackedProject;
  before(() => {
    project = createPackedProject({ extraModules: ["@microsoft/eslint-formatter-sarif"] });
    copyExamples(project);
    project.write({
      // A rule that records which files it is created for: how the --cache test sees what was linted again.
      "eslint.config.mjs": `import { appendFileSync } from "node:fs";
import pythonAudit from "eslint-plugin-python-audit";
const probe = { meta: { type: "problem", schema: [] }, create(context) { if (process.env.LINT_LOG) appendFileSync(process.env.LINT_LOG, context.filename + "\\n"); return {}; } };
export default [pythonAudit.configs.recommended, { files: ["**/*.py"], plugins: { probe: { rules: { linted: probe } } }, rules: { "probe/linted": "error" } }];
`,
    });
  });
  after(() => project.remove());
  const eslint = (args: string[], env?: Record<string, string>) => project.run(project.eslintBin, args, { env });

  it("configs.fix: eslint --fix applies the opt-in fixes; the result parses, converges, and only fixed findings change", () => {
    copyExamples(project, "fixme");
    project.write({
      "eslint.fix.config.mjs":
        'import pythonAudit from "eslint-plugin-python-audit";\nexport default [pythonAudit.configs.fix];\n',
    });
    type Message = { ruleId: string; messageId: string; fix?: unknown };
    const lint = (extra: string[]) => {
      const run = eslint(["--config", "eslint.fix.config.mjs", "-f", "json", ...extra, "fixme"]);
      return json<Array<{ filePath: string; messages: Message[] }>>(run.stdout);
    };
    const key = (m: Message) => `${m.ruleId} ${m.messageId}`;
    const count = (results: Array<{ messages: Message[] }>, keep: (m: Message) => boolean) =>
      results.flatMap((r) => r.messages.filter(keep).map(key)).sort();
    const before = lint([]);
    const fixable = before.flatMap((r) => r.messages).filter((m) => m.fix);
    assert.ok(fixable.length >= 3, `the examples have findings with an opt-in fix (${fixable.length})`);
    const after = lint(["--fix"]);
    // Every fixed file is still Python.
    for (const result of after) {
      const check = spawnSync("python3", [
        "-c",
        "import ast,sys; ast.parse(open(sys.argv[1]).read())",
        result.filePath,
      ]);
      assert.equal(check.status, 0, `${result.filePath} parses after --fix: ${check.stderr}`);
    }
    // Converged: nothing is left with a fix, and a second --fix pass changes no byte.
    assert.deepEqual(
      after
        .flatMap((r) => r.messages)
        .filter((m) => m.fix)
        .map(key),
      [],
    );
    const snapshot = after.map((r) => readFileSync(r.filePath, "utf8"));
    lint(["--fix"]);
    assert.deepEqual(
      after.map((r) => readFileSync(r.filePath, "utf8")),
      snapshot,
    );
    // Findings without a fix are unchanged; fixed ones are gone, except a bare `except:` turned `except Exception:`,
    // which still swallows (the fix narrows what it catches; only a person can make it re-raise).
    const unchanged = (m: Message) => !m.fix || m.ruleId === "python-audit/no-broad-except";
    assert.deepEqual(
      count(after, () => true),
      count(before, unchanged),
    );
  });

  it("--cache: a warm run re-lints nothing, a changed file only itself", () => {
    const log = join(project.dir, "lint.log");
    const linted = () => {
      const text = readFileSync(log, "utf8");
      writeFileSync(log, "");
      return text
        .split("\n")
        .filter(Boolean)
        .map((f) => f.slice(project.dir.length + 1))
        .sort();
    };
    writeFileSync(log, "");
    const cold = eslint(["--cache", "-f", "json", "agent"], { LINT_LOG: log });
    assert.equal(cold.status, 1);
    assert.equal(linted().length, 6);
    const warm = eslint(["--cache", "-f", "json", "agent"], { LINT_LOG: log });
    assert.deepEqual(linted(), []);
    assert.deepEqual(
      findings(json(warm.stdout), project.dir),
      findings(json(cold.stdout), project.dir),
      "cached results are the same",
    );
    const path = join(project.dir, "agent", "utils.py");
    writeFileSync(path, `${readFileSync(path, "utf8")}\n# touched\n`);
    eslint(["--cache", "-f", "json", "agent"], { LINT_LOG: log });
    assert.deepEqual(linted(), ["agent/utils.py"]);
  });

  it("--concurrency=auto gives the same results as one thread", () => {
    const single = eslint(["-f", "json", "agent"]);
    const parallel = eslint(["--concurrency=auto", "-f", "json", "agent"]);
    assert.equal(parallel.status, 1, parallel.stderr);
    assert.deepEqual(findings(json(parallel.stdout), project.dir), findings(json(single.stdout), project.dir));
  });

  it("--fix never rewrites code (the rules only suggest); --fix-type directive removes unused disable comments, --fix-type suggestion does not", () => {
    const before = readFileSync(join(project.dir, "agent", "utils.py"), "utf8");
    eslint(["--fix", "agent"]);
    assert.equal(
      readFileSync(join(project.dir, "agent", "utils.py"), "utf8"),
      before,
      "suggestions are not applied by --fix",
    );
    const stale = "def f():\n    return 1  # eslint-disable-line python-audit/no-broad-except\n";
    project.write({ "stale/f.py": stale });
    eslint(["--fix", "--fix-type", "suggestion", "--report-unused-disable-directives", "stale"]);
    assert.equal(readFileSync(join(project.dir, "stale", "f.py"), "utf8"), stale);
    const report = eslint(["-f", "json", "--report-unused-disable-directives", "stale"]);
    assert.match(report.stdout, /Unused eslint-disable directive/u);
    eslint(["--fix", "--fix-type", "directive", "--report-unused-disable-directives", "stale"]);
    const fixed = readFileSync(join(project.dir, "stale", "f.py"), "utf8");
    assert.equal(fixed.trimEnd(), "def f():\n    return 1");
    execFileSync("python3", ["-c", "import ast,sys; ast.parse(sys.stdin.read())"], { input: fixed });
  });

  it("--print-config on a .py file shows the python-audit language and rules", () => {
    const { status, stdout } = eslint(["--print-config", "agent/utils.py"]);
    assert.equal(status, 0);
    const config = json<{ language: string; rules: Record<string, unknown> }>(stdout);
    assert.equal(config.language, "python-audit/python");
    assert.equal((config.rules["python-audit/no-command-injection"] as unknown[])[0], 2);
    assert.equal((config.rules["python-audit/no-resource-leak"] as unknown[])[0], 1);
  });

  it("--max-warnings: warnings alone pass until the limit is exceeded", () => {
    project.write({ "warn/read.py": WARN_PY });
    assert.equal(eslint(["warn"]).status, 0);
    assert.equal(eslint(["--max-warnings", "1", "warn"]).status, 0);
    const over = eslint(["--max-warnings", "0", "warn"]);
    assert.equal(over.status, 1);
    assert.match(over.stdout + over.stderr, /too many warnings/iu);
  });

  it("bulk suppressions: --suppress-all records .py findings, later runs report only new ones", () => {
    project.write({ "bulk/a.py": 'import os\n\ndef f(x):\n    os.system("ls " + x)\n' });
    const suppressed = eslint(["--suppress-all", "bulk"]);
    assert.equal(suppressed.status, 0, suppressed.stdout + suppressed.stderr);
    const file = json<Record<string, Record<string, { count: number }>>>(
      readFileSync(join(project.dir, "eslint-suppressions.json"), "utf8"),
    );
    assert.deepEqual(file["bulk/a.py"], { "python-audit/no-command-injection": { count: 1 } });
    assert.equal(eslint(["bulk"]).status, 0);
    project.write({ "bulk/a.py": 'import os\n\ndef f(x):\n    os.system("ls " + x)\n    os.system("rm " + x)\n' });
    const grown = eslint(["-f", "json", "bulk"]);
    assert.equal(grown.status, 1);
    assert.equal(json<Result[]>(grown.stdout)[0].messages.length, 2, "ESLint reports all once the count is exceeded");
  });

  it("the packed package builds its native walker at install, and lints the same with it as without", () => {
    const before = findings(json(eslint(["-f", "json", "agent"]).stdout), project.dir);
    const packageDir = join(project.dir, "node_modules", "eslint-plugin-python-audit");
    const build = project.run(join(packageDir, "scripts", "build-native.mjs"), [], { cwd: packageDir });
    assert.equal(build.status, 0);
    assert.match(build.stdout, /native walker built/u, build.stdout + build.stderr);
    const loaded = spawnSync(
      process.execPath,
      [
        "-e",
        `console.log(!!require(${JSON.stringify(join(packageDir, "dist", "lib", "parser", "native-walker.js"))}).nativeWalker())`,
      ],
      { encoding: "utf8" },
    );
    assert.equal(loaded.stdout.trim(), "true", loaded.stderr);
    assert.deepEqual(findings(json(eslint(["-f", "json", "agent"]).stdout), project.dir), before);
  });

  it("the audit formatter loads by path with eslint -f", () => {
    const { stdout } = eslint([
      "-f",
      "./node_modules/eslint-plugin-python-audit/dist/lib/formatters/audit.js",
      "agent/utils.py",
    ]);
    assert.match(stdout, /^# Security audit report/u);
    assert.match(stdout, /^\*\*Solution:\*\* Pass the command as an argument list without a shell/mu);
  });

  it("SARIF (@microsoft/eslint-formatter-sarif): rule ids, help URIs to the rule docs, locations and levels", () => {
    const { stdout } = eslint(["-f", "@microsoft/sarif", "agent/utils.py"]);
    type Sarif = {
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; helpUri: string }> } };
        results: Array<{
          ruleId: string;
          level: string;
          locations: Array<{
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
          }>;
        }>;
      }>;
    };
    const run = json<Sarif>(stdout).runs[0];
    const rules = new Map(run.tool.driver.rules.map((r) => [r.id, r.helpUri]));
    assert.match(rules.get("python-audit/no-command-injection")!, /\/docs\/rules\/no-command-injection\.md$/u);
    const lint = json<Result[]>(eslint(["-f", "json", "agent/utils.py"]).stdout)[0];
    const expected = lint.messages
      .map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.severity === 2 ? "error" : "warning"}`)
      .sort();
    const actual = run.results
      .map(
        (r) =>
          `${r.ruleId} ${r.locations[0].physicalLocation.region.startLine}:${r.locations[0].physicalLocation.region.startColumn} ${r.level}`,
      )
      .sort();
    assert.deepEqual(actual, expected);
    assert.ok(
      run.results.every((r) => r.locations[0].physicalLocation.artifactLocation.uri.endsWith("agent/utils.py")),
    );
  });
});

describe("python-audit progress line", () => {
  it("on a terminal shows files done and elapsed time, then clears the line; silent elsewhere", async () => {
    const { startProgress } = await import("../../lib/cli/python-audit.js");
    const written: string[] = [];
    let done = 0;
    const stop = startProgress(
      { isTTY: true, write: (text: string) => written.push(text) > 0 } as never,
      () => (done += 7),
      20,
    );
    await new Promise((resolve) => setTimeout(resolve, 70));
    stop();
    assert.match(written[0], /^\rpython-audit: 7 files audited, 0 s$/u);
    assert.equal(written.at(-1), "\r\u001b[2K");
    const quiet: string[] = [];
    startProgress({ isTTY: false, write: (text: string) => quiet.push(text) > 0 } as never, () => 1, 5)();
    assert.deepEqual(quiet, []);
  });
});

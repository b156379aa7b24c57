#!/usr/bin/env node
// `npm run bench`: lints real corpora through ESLint's CLI with the recommended config (the four audit rules) and
// times the peers on the same files in the same run: Bandit (all checks, and the subset matching our rules) and
// Ruff (WebAssembly build, rules S, BLE, E722, SIM115). Several runs, medians, files/s, MB/s, peak RSS, and
// ratios ours/peer. A split of our time comes from variants: ESLint with an empty parser (fixed cost), our
// language with no rules (parse + conversion + traversal), and TIMING=all for the rules.
//
//   npm run bench [-- --runs 3] [-- --corpus neutron|stdlib|all]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { join } from "node:path";
import { ensureNeutron, findStdlib, pythonFiles, repoRoot } from "./lib/corpora.mjs";

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option("--runs", 3));
const corpusChoice = option("--corpus", "all");
const benchDir = join(repoRoot, ".cache", "bench");
mkdirSync(benchDir, { recursive: true });

const eslintBin = join(repoRoot, "node_modules", "eslint", "bin", "eslint.js");
const rssReporter = join(benchDir, "report-rss.cjs");
writeFileSync(
  rssReporter,
  `process.on("exit", () => process.stderr.write("\\nPEAK_RSS_KB " + process.resourceUsage().maxRSS + "\\n"));\n`,
);
const emptyParser = join(benchDir, "empty-parser.cjs");
writeFileSync(
  emptyParser,
  `exports.meta = { name: "empty", version: "1" };
exports.parseForESLint = (code) => ({ ast: { type: "Program", sourceType: "module", body: [], comments: [], tokens: [], range: [0, code.length], loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } } }, visitorKeys: { Program: ["body"] } });\n`,
);
const configs = {
  recommended: `import plugin from ${JSON.stringify(join(repoRoot, "dist", "index.js"))};\nexport default [plugin.configs.recommended];\n`,
  all: `import plugin from ${JSON.stringify(join(repoRoot, "dist", "index.js"))};\nexport default [plugin.configs.all];\n`,
  "no rules": `import plugin from ${JSON.stringify(join(repoRoot, "dist", "index.js"))};\nexport default [{ ...plugin.configs.recommended, rules: {} }];\n`,
  "empty parser": `import parser from ${JSON.stringify(emptyParser)};\nexport default [{ files: ["**/*.py", "**/*.pyi"], languageOptions: { parser } }];\n`,
};
for (const [name, text] of Object.entries(configs))
  writeFileSync(join(benchDir, `${name.replace(/ /gu, "-")}.config.mjs`), text);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs a command `runs` times; returns median wall seconds and the median and largest peak RSS (MB) when reported:
 * V8 sizes its heap from how much is live at each full collection, so one run in several can peak far higher.
 */
function time(command, commandArgs, options = {}) {
  const walls = [];
  const peaks = [];
  let output = "";
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = spawnSync(command, commandArgs, { encoding: "utf8", maxBuffer: 1 << 30, ...options });
    walls.push((performance.now() - started) / 1000);
    if (result.error) throw result.error;
    const match = /PEAK_RSS_KB (\d+)/u.exec(result.stderr ?? "");
    if (match) peaks.push(Number(match[1]) / 1024);
    output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
    if (result.status !== 0 && result.status !== 1)
      throw new Error(`${command} ${commandArgs.join(" ")} failed (${result.status}):\n${output.slice(-2000)}`);
  }
  return { seconds: median(walls), rss: peaks.length ? median(peaks) : 0, rssMax: Math.max(0, ...peaks), output };
}

// The stdlib folder holds site-packages (third-party code): every tool skips it, as pythonFiles() does.
const IGNORED = "site-packages";

function eslint(corpusDir, config, extra = [], env = {}) {
  return time(
    process.execPath,
    [
      "--require",
      rssReporter,
      eslintBin,
      "--config",
      join(benchDir, `${config.replace(/ /gu, "-")}.config.mjs`),
      "--ignore-pattern",
      `${IGNORED}/**`,
      "--format",
      "json",
      "--output-file",
      join(benchDir, "out.json"),
      ...extra,
      ".",
    ],
    {
      cwd: corpusDir,
      env: { ...process.env, ...env },
    },
  );
}

function ensureBandit() {
  if (spawnSync("bandit", ["--version"]).status === 0) return true;
  if (process.getuid?.() === 0) spawnSync("apt-get", ["install", "-y", "bandit"], { stdio: "ignore" });
  return spawnSync("bandit", ["--version"]).status === 0;
}

function ruffScript(files) {
  const list = join(benchDir, "ruff-files.json");
  writeFileSync(list, JSON.stringify(files));
  const script = join(benchDir, "ruff-run.cjs");
  writeFileSync(
    script,
    `const { Workspace, PositionEncoding } = require(${JSON.stringify(require.resolve("@astral-sh/ruff-wasm-nodejs"))});
const fs = require("fs");
const ws = new Workspace({ lint: { select: ["S", "BLE", "E722", "SIM115"] } }, PositionEncoding.Utf16);
let n = 0;
for (const f of JSON.parse(fs.readFileSync(${JSON.stringify(list)}, "utf8"))) { try { n += ws.check(fs.readFileSync(f, "utf8")).length; } catch {} }
process.stdout.write("FINDINGS " + n + "\\n");\n`,
  );
  return script;
}

const corpora = [];
if (corpusChoice === "neutron" || corpusChoice === "all")
  corpora.push({ name: "Neutron 21.0.0", dir: ensureNeutron() });
if (corpusChoice === "stdlib" || corpusChoice === "all") {
  const stdlib = findStdlib();
  if (stdlib) corpora.push({ name: "CPython stdlib", dir: stdlib });
  else console.log("python3 not found: CPython stdlib corpus skipped");
}

const eslintVersion = require(join(repoRoot, "node_modules", "eslint", "package.json")).version;
console.log(`# Benchmark, ${new Date().toISOString().slice(0, 10)}\n`);
const nativeWalker = require(join(repoRoot, "dist", "lib", "parser", "native-walker.js")).nativeWalker()
  ? "native walker built"
  : "native walker NOT built (binding's cursor walk)";
console.log(
  `Machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; ESLint ${eslintVersion}; ${nativeWalker}; median of ${runs} runs.\n`,
);

const plugin = require(join(repoRoot, "dist", "index.js"));
/** How many rules a config of the plugin turns on. */
const ruleCount = (config) => Object.values(plugin.configs[config].rules).filter((level) => level !== "off").length;
const allRatios = [];

for (const { name, dir } of corpora) {
  const files = pythonFiles(dir);
  const megabytes = files.reduce((n, f) => n + statSync(f).size, 0) / 1e6;
  const rows = [];
  const add = (label, result, note = "") => {
    rows.push({ label, ...result, note });
    process.stderr.write(`${name}: ${label}: ${result.seconds.toFixed(2)} s\n`);
  };
  const ours = eslint(dir, "recommended");
  add(`python-audit, recommended (${ruleCount("recommended")} rules), ESLint CLI`, ours);
  const every = eslint(dir, "all");
  add(`python-audit, all (${ruleCount("all")} rules), ESLint CLI`, every);
  allRatios.push(`${name}: all / recommended = ${(every.seconds / ours.seconds).toFixed(2)}`);
  add("  same, --concurrency=2", eslint(dir, "recommended", ["--concurrency=2"]));
  // The zero-config bin (its own ESLint instance, no config lookup): #14 wants it no slower than the CLI. It lints
  // what the CLI lints only where nothing is ignored (Neutron); the stdlib's site-packages it would not skip.
  if (!existsSync(join(dir, IGNORED)))
    add(
      "  the `python-audit` bin, --no-config-lookup",
      time(
        process.execPath,
        [
          "--require",
          rssReporter,
          join(repoRoot, "dist", "lib", "cli", "python-audit.js"),
          "--no-config-lookup",
          "-f",
          "json",
          ".",
        ],
        { cwd: dir },
      ),
    );
  add(
    "  same, without the native walker (PYTHON_AUDIT_NATIVE=0)",
    eslint(dir, "recommended", [], { PYTHON_AUDIT_NATIVE: "0" }),
  );
  const cacheFile = join(benchDir, `cache-${name.replace(/\W+/gu, "-")}`);
  rmSync(cacheFile, { force: true });
  eslint(dir, "recommended", ["--cache", "--cache-location", cacheFile]);
  add(
    "  same, --cache, warm (nothing changed)",
    eslint(dir, "recommended", ["--cache", "--cache-location", cacheFile]),
  );
  add("  ESLint with an empty parser (fixed cost)", eslint(dir, "empty parser"));
  add("  python-audit language, no rules (parse + convert + traverse)", eslint(dir, "no rules"));
  const timing = eslint(dir, "recommended", [], { TIMING: "all" });
  if (ensureBandit()) {
    add(
      "Bandit, all checks",
      time("bandit", ["-r", "-q", "-x", `./${IGNORED}`, "-f", "json", "-o", join(benchDir, "bandit.json"), "."], {
        cwd: dir,
      }),
    );
    add(
      "Bandit, B602-B607, B110, B112",
      time(
        "bandit",
        [
          "-r",
          "-q",
          "-x",
          `./${IGNORED}`,
          "-t",
          "B602,B603,B604,B605,B606,B607,B110,B112",
          "-f",
          "json",
          "-o",
          join(benchDir, "bandit-subset.json"),
          ".",
        ],
        { cwd: dir },
      ),
    );
  } else console.log("Bandit not installed and cannot be (`apt-get install bandit` needs root): skipped");
  try {
    add("Ruff (wasm), S, BLE, E722, SIM115", time(process.execPath, ["--require", rssReporter, ruffScript(files)]));
  } catch (error) {
    console.log(`Ruff (wasm) skipped: ${error.message.split("\n")[0]}`);
  }
  console.log(`## ${name}: ${files.length} files, ${megabytes.toFixed(1)} MB\n`);
  console.log(
    "| tool | wall time | files/s | MB/s | peak RSS (median, max) | ours / tool |\n|---|---|---|---|---|---|",
  );
  for (const row of rows) {
    const ratio = row === rows[0] ? "1.00" : (ours.seconds / row.seconds).toFixed(2);
    console.log(
      `| ${row.label} | ${row.seconds.toFixed(2)} s | ${(files.length / row.seconds).toFixed(0)} | ${(megabytes / row.seconds).toFixed(2)} | ${row.rss ? `${row.rss.toFixed(0)} MB, ${row.rssMax.toFixed(0)} MB` : "n/a"} | ${ratio} |`,
    );
  }
  const timingTable = timing.output
    .split("\n")
    .filter((line) => /\|/u.test(line) && !/^\s*\[/u.test(line))
    .slice(0, 8)
    .join("\n");
  console.log(`\nRule time (TIMING=all, one run):\n\n\`\`\`\n${timingTable}\n\`\`\`\n`);
}
console.log(allRatios.map((line) => `- ${line}`).join("\n"));
void readFileSync;

#!/usr/bin/env node
// Audits the non-test code of an OpenStack service from Debian's packages with the plugin and with Bandit (the
// checks that map to our rules), side by side: how many findings each tool reports, where they agree, and each
// finding only one of them has, for hand triage (docs/accuracy.md).
//
//   node scripts/compare-bandit.mjs --package python3-octavia --name octavia [--config openstack] [--list]
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { ensureDebianPackage, pythonFiles, repoRoot } from "./lib/corpora.mjs";

const require = createRequire(import.meta.url);
const { ESLint } = require("eslint");
const plugin = require(`${repoRoot}/dist/index.js`);

const { values } = parseArgs({
  options: {
    package: { type: "string" },
    name: { type: "string" },
    config: { type: "string", default: "openstack" },
    list: { type: "boolean", default: false },
  },
});
if (!values.package || !values.name) {
  console.error("usage: node scripts/compare-bandit.mjs --package python3-<service> --name <package folder> [--list]");
  process.exit(2);
}
const root = ensureDebianPackage(values.package, values.name);
// Non-test code: what a service ships and runs.
const files = pythonFiles(root).filter((f) => !/(^|\/)tests?\//u.test(relative(root, f)));

/** Bandit test ids -> our rule and check id (the checks whose `# nosec` codes list them). */
const MAPPED = {
  B602: "no-command-injection/B602",
  B604: "no-command-injection/B602",
  B605: "no-command-injection/B602",
  B603: "no-command-injection/B603",
  B606: "no-command-injection/B603",
  B607: "no-command-injection/B603",
  B110: "no-broad-except",
  B112: "no-broad-except",
};

const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [plugin.configs[values.config]] });
const started = performance.now();
const results = await eslint.lintFiles(files);
const oursSeconds = (performance.now() - started) / 1000;
const meta = eslint.getRulesMetaForResults(results);
const ours = [];
for (const result of results)
  for (const m of result.messages) {
    if (!m.ruleId) continue;
    const rule = m.ruleId.replace("python-audit/", "");
    const check = meta[m.ruleId]?.docs?.checks?.[m.messageId]?.id ?? m.messageId;
    ours.push({
      file: relative(root, result.filePath),
      line: m.line,
      endLine: m.endLine ?? m.line,
      rule,
      check,
      message: m.message,
    });
  }

const bandit = spawnSync("bandit", ["-q", "-f", "json", "-t", Object.keys(MAPPED).join(","), ...files], {
  encoding: "utf8",
  maxBuffer: 1 << 28,
});
if (bandit.error) throw new Error(`bandit: ${bandit.error.message} (apt-get install bandit)`);
const theirs = JSON.parse(bandit.stdout).results.map((r) => ({
  file: relative(root, r.filename),
  line: r.line_number,
  id: r.test_id,
  mapped: MAPPED[r.test_id],
  code: r.code,
}));

const key = (file, line) => `${file}:${line}`;
const ourLines = new Map();
for (const f of ours) for (let l = f.line; l <= f.endLine; l++) ourLines.set(key(f.file, l), f);
const matchedOurs = new Set();
const onlyBandit = [];
let both = 0;
for (const t of theirs) {
  const f = ourLines.get(key(t.file, t.line));
  if (f && t.mapped.startsWith(f.rule)) {
    both++;
    matchedOurs.add(f);
  } else onlyBandit.push(t);
}
const mappedRules = new Set(["no-command-injection", "no-broad-except"]);
const onlyOurs = ours.filter((f) => !matchedOurs.has(f) && mappedRules.has(f.rule));
const count = (list, keyOf) => list.reduce((m, x) => m.set(keyOf(x), (m.get(keyOf(x)) ?? 0) + 1), new Map());

console.log(
  `${values.package}: ${files.length} non-test files (${oursSeconds.toFixed(1)} s for python-audit, config ${values.config})`,
);
console.log(`\n| python-audit check | findings |\n|---|---|`);
for (const [check, n] of [...count(ours, (f) => f.check)].sort()) console.log(`| ${check} | ${n} |`);
console.log(`\n| Bandit test | findings |\n|---|---|`);
for (const [id, n] of [...count(theirs, (t) => t.id)].sort()) console.log(`| ${id} | ${n} |`);
console.log(
  `\nOn the mapped checks: ${both} reported by both, ${onlyOurs.length} only by python-audit, ${onlyBandit.length} only by Bandit.`,
);
if (values.list) {
  const line = (file, n) => (readFileSync(`${root}/${file}`, "utf8").split("\n")[n - 1] ?? "").trim();
  console.log("\n## Only python-audit");
  for (const f of onlyOurs) console.log(`${f.file}:${f.line} [${f.check}] ${f.message}\n    ${line(f.file, f.line)}`);
  console.log("\n## Only Bandit");
  for (const t of onlyBandit) console.log(`${t.file}:${t.line} [${t.id}]\n    ${line(t.file, t.line)}`);
}

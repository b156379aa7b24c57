#!/usr/bin/env node
// Lints OpenStack Neutron 21.0.0 (Debian's python3-neutron, fetched into .cache/) with the plugin's rules and
// prints counts per rule and per message: the real-code check behind docs/accuracy.md.
//
//   npm run corpus:neutron                       counts for every rule of configs.all
//   npm run corpus:neutron -- --rule no-broad-except --list     every finding with its source line (triage)
//   npm run corpus:neutron -- --json findings.json              all findings as JSON
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { relative } from "node:path";
import { ensureNeutron, findStdlib, repoRoot } from "./lib/corpora.mjs";

const require = createRequire(import.meta.url);
const { ESLint } = require("eslint");
const plugin = require(`${repoRoot}/dist/index.js`);

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const only = option("--rule");
// `--stdlib` lints CPython's standard library instead (more material for rules that rarely fire on Neutron).
const stdlib = args.includes("--stdlib");
const root = stdlib ? findStdlib() : ensureNeutron();
const corpusName = stdlib ? "CPython stdlib" : "Neutron 21.0.0";
const rules = Object.fromEntries(
  Object.keys(plugin.rules)
    .filter((id) => !only || id === only)
    .map((id) => [`python-audit/${id}`, "error"]),
);
if (!Object.keys(rules).length) throw new Error(`no rule ${only}; rules: ${Object.keys(plugin.rules).join(", ")}`);

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    { ignores: ["site-packages/**"] },
    { files: ["**/*.py"], plugins: { "python-audit": plugin }, language: "python-audit/python", rules },
  ],
  ignore: true,
});
const started = performance.now();
const results = await eslint.lintFiles(stdlib ? ["**/*.py"] : ["."]);
const seconds = (performance.now() - started) / 1000;

const findings = [];
let parseErrors = 0;
for (const result of results) {
  const lines = readFileSync(result.filePath, "utf8").split(/\r\n|[\r\n]/u);
  for (const m of result.messages) {
    if (m.fatal) {
      parseErrors++;
      console.error(`parse error: ${relative(root, result.filePath)}:${m.line}:${m.column} ${m.message}`);
      continue;
    }
    findings.push({
      file: relative(root, result.filePath),
      line: m.line,
      column: m.column,
      rule: m.ruleId,
      messageId: m.messageId,
      message: m.message,
      source: (lines[m.line - 1] ?? "").trim(),
    });
  }
}

const count = (key) => findings.reduce((map, f) => map.set(key(f), (map.get(key(f)) ?? 0) + 1), new Map());
console.log(
  `${corpusName}: ${results.length} files in ${seconds.toFixed(1)} s, ${parseErrors} parse errors, ${findings.length} findings\n`,
);
console.log("| rule | findings |\n|---|---|");
for (const id of Object.keys(rules)) console.log(`| ${id} | ${count((f) => f.rule).get(id) ?? 0} |`);
console.log("\n| rule | messageId | findings |\n|---|---|---|");
for (const [key, n] of [...count((f) => `${f.rule} | ${f.messageId}`)].sort()) console.log(`| ${key} | ${n} |`);
if (args.includes("--list")) {
  console.log("");
  for (const f of findings) console.log(`${f.file}:${f.line}:${f.column} [${f.rule}] ${f.message}\n    ${f.source}`);
}
const json = option("--json");
if (json) writeFileSync(json, JSON.stringify(findings, null, 2));

#!/usr/bin/env node
// `npm start`: audits the bundled examples/ with ESLint and the plugin's recommended config, prints the
// findings (stylish), writes the Markdown audit report to examples/AUDIT.md (deterministic: a fresh run on an
// unchanged tree rewrites it identically; a test checks it is current), then a summary. Findings in examples/ are deliberate, so they do not fail the command;
// a parse error or a crash does (exit 2), as it would mean the plugin is broken.
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./lib/corpora.mjs";

const require = createRequire(import.meta.url);
const { ESLint } = require("eslint");

const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: join(repoRoot, "eslint.config.mjs") });
const results = await eslint.lintFiles(["examples/"]);
const formatter = await eslint.loadFormatter("stylish");
const output = await formatter.format(results);
if (output) console.log(output);
const formatAudit = require(join(repoRoot, "dist", "lib", "formatters", "audit.js"));
writeFileSync(
  join(repoRoot, "examples", "AUDIT.md"),
  formatAudit(results, { cwd: repoRoot, rulesMeta: eslint.getRulesMetaForResults(results) }),
);

const fatal = results.flatMap((r) =>
  r.messages.filter((m) => m.fatal).map((m) => `${r.filePath}:${m.line}:${m.column} ${m.message}`),
);
const findings = results.reduce((n, r) => n + r.messages.filter((m) => !m.fatal).length, 0);
const rules = Object.keys((await eslint.calculateConfigForFile(join(repoRoot, "examples", "x.py"))).rules ?? {}).filter(
  (id) => id.startsWith("python-audit/"),
);
console.log(
  `Audited ${results.length} Python files in examples/ with ${rules.length} python-audit rule(s): ` +
    `${findings} finding(s), ${fatal.length} parse error(s).` +
    (rules.length === 0
      ? " (No audit rules are enabled yet: this run checks that every file parses.)"
      : " See examples/EXPECTED.md; the audit report is in examples/AUDIT.md."),
);
if (fatal.length) process.exit(2);

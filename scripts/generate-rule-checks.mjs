#!/usr/bin/env node
// Writes the "Checks" table of each docs/rules/<id>.md from the built plugin's `meta.docs.checks`: the id each
// finding carries, the Bandit and Ruff codes that silence it in `# nosec` / `# noqa:`, and its CWE. The table sits
// between markers before "## How to fix" (or at the end); `--check` exits 1 when a table is stale.
//
//   node scripts/generate-rule-checks.mjs [--check] [--root DIR]
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

const BEGIN = "<!-- begin auto-generated checks -->";
const END = "<!-- end auto-generated checks -->";

const { values } = parseArgs({ options: { check: { type: "boolean", default: false }, root: { type: "string" } } });
const root = values.root ? resolve(values.root) : resolve(fileURLToPath(new URL("..", import.meta.url)));
const plugin = createRequire(join(root, "package.json"))(join(root, "dist", "index.js"));

const codes = (list) => (list?.length ? list.map((c) => `\`${c}\``).join(", ") : "—");
const cwe = (list) =>
  list?.length ? list.map((n) => `[CWE-${n}](https://cwe.mitre.org/data/definitions/${n}.html)`).join(", ") : "—";

export function checksTable(rule) {
  const checks = Object.entries(rule.meta.docs.checks ?? {});
  if (!checks.length) return null;
  const rows = checks.map(
    ([messageId, check]) =>
      `| \`${check.id}\` | \`${messageId}\` | ${codes(check.bandit)} | ${codes(check.ruff)} | ${cwe(check.cwe)} |`,
  );
  return [
    BEGIN,
    "",
    "## Checks",
    "",
    "Each finding carries the id of its check. A `# nosec` or `# noqa:` comment silences a finding only when it names",
    "one of the check's codes (or the rule id, or is a bare `# nosec`).",
    "",
    "| check | message id | Bandit (`# nosec`) | Ruff (`# noqa:`) | CWE |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
    END,
  ].join("\n");
}

let stale = 0;
for (const [id, rule] of Object.entries(plugin.rules)) {
  const path = join(root, "docs", "rules", `${id}.md`);
  if (!existsSync(path)) continue;
  const table = checksTable(rule);
  if (!table) continue;
  const text = readFileSync(path, "utf8");
  let next;
  if (text.includes(BEGIN)) {
    next = text.slice(0, text.indexOf(BEGIN)) + table + text.slice(text.indexOf(END) + END.length);
  } else if (text.includes("\n## How to fix")) {
    const at = text.indexOf("\n## How to fix") + 1;
    next = `${text.slice(0, at)}${table}\n\n${text.slice(at)}`;
  } else next = `${text.trimEnd()}\n\n${table}\n`;
  if (next === text) continue;
  stale++;
  if (values.check) console.error(`docs/rules/${id}.md: the Checks table is stale`);
  else writeFileSync(path, next);
}
if (values.check && stale) process.exit(1);

#!/usr/bin/env node
// Audits the non-test code of a corpus (an OpenStack service from Debian's packages, or a folder such as the
// CPython standard library) with the plugin and with Bandit (the checks that map to our rules), side by side: how
// many findings each tool reports per check, where they agree, and each finding only one of them has, for hand
// triage (docs/accuracy.md). `--sample N` prints a seeded random sample of our findings and of the Bandit-only
// ones per check, with the line they are on.
//
//   node scripts/compare-bandit.mjs --package python3-octavia --name octavia [--config openstack] [--list]
//   node scripts/compare-bandit.mjs --dir /usr/lib/python3.11 --config all --group A --sample 10 --seed 1
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ensureDebianPackage, findStdlib, pythonFiles, repoRoot } from "./lib/corpora.mjs";

const require = createRequire(import.meta.url);
const { ESLint } = require("eslint");
const plugin = require(`${repoRoot}/dist/index.js`);

const { values } = parseArgs({
  options: {
    package: { type: "string" },
    name: { type: "string" },
    dir: { type: "string" },
    config: { type: "string", default: "openstack" },
    group: { type: "string", default: "all" },
    list: { type: "boolean", default: false },
    sample: { type: "string", default: "0" },
    seed: { type: "string", default: "1" },
    json: { type: "string" },
  },
});
const root =
  values.dir === "stdlib"
    ? findStdlib()
    : values.dir
      ? resolve(values.dir)
      : values.package && values.name
        ? ensureDebianPackage(values.package, values.name)
        : null;
if (!root) {
  console.error(
    "usage: node scripts/compare-bandit.mjs (--package python3-<service> --name <package folder> | --dir <folder>|stdlib) [--config C] [--group core|A|all] [--list] [--sample N --seed S]",
  );
  process.exit(2);
}
// Non-test code: what a service ships and runs.
const files = pythonFiles(root).filter((f) => !/(^|\/)(tests?|idle_test|test_\w+\.py)(\/|$)/u.test(relative(root, f)));

/** Bandit test ids -> our rule and check id (the checks whose `# nosec` codes list them), by group of the parity plan. */
const GROUPS = {
  core: {
    B602: "no-command-injection/B602",
    B604: "no-command-injection/B602",
    B605: "no-command-injection/B602",
    B603: "no-command-injection/B603",
    B606: "no-command-injection/B603",
    B110: "no-broad-except",
    B112: "no-broad-except",
  },
  A: {
    B102: "no-eval/B102",
    B307: "no-eval/B307",
    B301: "no-unsafe-deserialization/B301",
    B302: "no-unsafe-deserialization/B302",
    B506: "no-unsafe-deserialization/B506",
    B614: "no-unsafe-deserialization/B614",
    B608: "no-sql-injection/B608",
    B610: "no-sql-injection/B610",
    B611: "no-sql-injection/B611",
    B308: "no-unescaped-template/B703",
    B703: "no-unescaped-template/B703",
    B701: "no-unescaped-template/B701",
    B702: "no-unescaped-template/B702",
    B601: "no-command-injection/B601",
    B609: "no-command-injection/B609",
  },
};
const MAPPED = values.group === "all" ? { ...GROUPS.core, ...GROUPS.A } : GROUPS[values.group];
if (!MAPPED) throw new Error(`--group: core, A or all, not ${values.group}`);
const mappedChecks = new Set(Object.values(MAPPED));
const mappedRules = new Set([...mappedChecks].map((c) => c.split("/")[0]));
/** Bandit reports a SQL string where it is built; we report the call that runs it, up to this many lines later. */
const BUILT_BEFORE = 20;

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
    if (!mappedRules.has(rule)) continue;
    const check = meta[m.ruleId]?.docs?.checks?.[m.messageId]?.id ?? m.messageId;
    const full = check.includes("/") ? check : `${rule}/${check}`;
    // A check of a mapped rule that no Bandit id maps to (B603 of the argv mode is mapped; partial paths are not).
    if (![...mappedChecks].some((c) => c === full || c === rule)) continue;
    ours.push({
      file: relative(root, result.filePath),
      line: m.line,
      endLine: m.endLine ?? m.line,
      rule,
      check: full,
      message: m.message,
    });
  }

// This machine's Bandit may predate some ids (Debian's 1.6.2 has no B614): ask it which tests it has.
const known = new Set(spawnSync("bandit", ["-h"], { encoding: "utf8" }).stdout?.match(/B\d{3}/gu) ?? []);
const banditIds = Object.keys(MAPPED).filter((id) => known.has(id));
const missingIds = Object.keys(MAPPED).filter((id) => !known.has(id));
if (missingIds.length) console.log(`(this Bandit has no ${missingIds.join(", ")}: not compared)`);
const bandit = spawnSync("bandit", ["-q", "-f", "json", "-t", banditIds.join(","), ...files], {
  encoding: "utf8",
  maxBuffer: 1 << 28,
});
if (bandit.error) throw new Error(`bandit: ${bandit.error.message} (apt-get install bandit)`);
const theirs = JSON.parse(bandit.stdout).results.map((r) => ({
  file: relative(root, r.filename),
  line: r.line_number,
  id: r.test_id,
  mapped: MAPPED[r.test_id],
  tool: "bandit",
}));

// Ruff (wasm, a devDependency) for the same checks by their S codes: Debian's Bandit 1.6.2 predates Python 3.8's
// ast.Constant, so its string checks (B608) find nothing on this python3; Ruff's S608 is the working peer.
const RUFF = {
  B102: "S102",
  B307: "S307",
  B301: "S301",
  B302: "S302",
  B506: "S506",
  B614: "S614",
  B608: "S608",
  B610: "S610",
  B611: "S611",
  B308: "S308",
  B703: "S308",
  B701: "S701",
  B702: "S702",
  B601: "S601",
  B609: "S609",
  B602: "S602",
  B604: "S604",
  B605: "S605",
  B603: "S603",
  B606: "S606",
  B110: "S110",
  B112: "S112",
};
const ruffMapped = {};
for (const [id, code] of Object.entries(RUFF)) if (MAPPED[id]) ruffMapped[code] = MAPPED[id];
ruffMapped.S704 = MAPPED.B703 ?? undefined;
if (!ruffMapped.S704) delete ruffMapped.S704;
const { Workspace, PositionEncoding } = require("@astral-sh/ruff-wasm-nodejs");
// Preview rules (S614, S704) need `preview`, under which diagnostics carry rule names instead of codes: skip them.
const ruffCodes = Object.keys(ruffMapped).filter((code) => {
  try {
    return Boolean(new Workspace({ lint: { select: [code] } }, PositionEncoding.Utf16));
  } catch {
    console.log(`(Ruff has no stable ${code}: not compared)`);
    return false;
  }
});
const ruff = new Workspace({ lint: { select: ruffCodes } }, PositionEncoding.Utf16);
const ruffErrors = [];
for (const file of files) {
  let diagnostics = [];
  try {
    diagnostics = ruff.check(readFileSync(file, "utf8"));
  } catch (error) {
    ruffErrors.push(`${relative(root, file)}: ${String(error).slice(0, 200)}`);
    continue;
  }
  for (const d of diagnostics)
    if (ruffMapped[d.code])
      theirs.push({
        file: relative(root, file),
        line: d.start_location.row,
        id: d.code,
        mapped: ruffMapped[d.code],
        tool: "ruff",
      });
}

if (ruffErrors.length) console.log(`(Ruff could not check ${ruffErrors.length} files, e.g. ${ruffErrors[0]})`);
const matchedOurs = new Set();
const onlyPeers = [];
const both = [];
const byFile = new Map();
for (const f of ours) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
for (const t of theirs) {
  const candidates = byFile.get(t.file) ?? [];
  const sameCheck = (f) => f.check === t.mapped || t.mapped === f.rule;
  const f =
    candidates.find((c) => sameCheck(c) && t.line >= c.line && t.line <= c.endLine) ??
    (t.id === "B608"
      ? candidates.find((c) => sameCheck(c) && t.line <= c.endLine && t.line >= c.line - BUILT_BEFORE)
      : undefined);
  if (f) {
    both.push(t);
    matchedOurs.add(f);
  } else onlyPeers.push(t);
}
const onlyOurs = ours.filter((f) => !matchedOurs.has(f));
const count = (list, keyOf) => list.reduce((m, x) => m.set(keyOf(x), (m.get(keyOf(x)) ?? 0) + 1), new Map());

console.log(
  `${values.package ?? root}: ${files.length} non-test files (${oursSeconds.toFixed(1)} s for python-audit, config ${values.config})`,
);
const checks = [...mappedChecks].sort();
const oursBy = count(ours, (f) => f.check);
/** A peer's findings among `list`, counted by the check of ours they map to. */
const countOf = (list, tool) =>
  count(
    list.filter((t) => t.tool === tool),
    (t) => t.mapped,
  );
const banditBy = countOf(theirs, "bandit");
const ruffBy = countOf(theirs, "ruff");
const matchedBy = count([...matchedOurs], (f) => f.check);
const onlyOursBy = count(onlyOurs, (f) => f.check);
const onlyPeersBy = countOf(onlyPeers, "bandit");
const onlyRuffBy = countOf(onlyPeers, "ruff");
const onlyTheirsBy = count(onlyPeers, (t) => t.mapped);
console.log(
  `\n| check | Bandit / Ruff ids | python-audit | Bandit | Ruff | ours also by a peer | only python-audit | only Bandit | only Ruff |\n|---|---|---|---|---|---|---|---|---|`,
);
for (const check of checks) {
  const ids = Object.entries(MAPPED)
    .filter(([, c]) => c === check)
    .map(([id]) => id);
  const codes = Object.entries(ruffMapped)
    .filter(([, c]) => c === check)
    .map(([code]) => code);
  const row = [oursBy, banditBy, ruffBy, matchedBy, onlyOursBy, onlyPeersBy, onlyRuffBy].map((m) => m.get(check) ?? 0);
  if (row.every((n) => n === 0)) continue;
  console.log(`| \`${check}\` | ${[...ids, ...codes].join(", ")} | ${row.join(" | ")} |`);
}

const sourceLine = (file, n) => (readFileSync(`${root}/${file}`, "utf8").split("\n")[n - 1] ?? "").trim().slice(0, 160);
/** A seeded shuffle (mulberry32), so that a sample can be drawn again. */
function sample(list, n, seed) {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}
const n = Number(values.sample);
if (n > 0) {
  for (const check of checks) {
    const mine = sample(
      ours.filter((f) => f.check === check),
      n,
      Number(values.seed),
    );
    const missed = sample(
      onlyPeers.filter((t) => t.mapped === check),
      n,
      Number(values.seed),
    );
    if (!mine.length && !missed.length) continue;
    console.log(`\n## ${check}: sample of python-audit findings (${mine.length} of ${oursBy.get(check) ?? 0})`);
    for (const f of mine) console.log(`${f.file}:${f.line}\n    ${sourceLine(f.file, f.line)}\n    ${f.message}`);
    console.log(`\n## ${check}: sample of peer-only findings (${missed.length} of ${onlyTheirsBy.get(check) ?? 0})`);
    for (const t of missed) console.log(`${t.file}:${t.line} [${t.id}]\n    ${sourceLine(t.file, t.line)}`);
  }
}
if (values.list) {
  console.log("\n## Only python-audit");
  for (const f of onlyOurs)
    console.log(`${f.file}:${f.line} [${f.check}] ${f.message}\n    ${sourceLine(f.file, f.line)}`);
  console.log("\n## Only Bandit");
  for (const t of onlyPeers) console.log(`${t.file}:${t.line} [${t.id}]\n    ${sourceLine(t.file, t.line)}`);
}
if (values.json) {
  const { writeFileSync } = await import("node:fs");
  writeFileSync(values.json, JSON.stringify({ root, ours, theirs, onlyOurs, onlyPeers }, null, 1));
}

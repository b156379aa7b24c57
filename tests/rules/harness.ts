import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fixturesDir } from "../helpers.js";

/**
 * Rule test cases as files: tests/fixtures/rules/<rule-id>/
 *
 *   rule.json                          optional: {"withRecommendedRules": true, "languageModeOnly": true}
 *   valid/<case>.py                    code the rule must not report
 *   valid/<case>.config.json           optional: {"options": [...]}
 *   invalid/<case>.py                  code the rule must report
 *   invalid/<case>.config.json         optional: {"options": [...]}
 *   invalid/<case>.errors.json         the findings: [{messageId, data?, line, column, endLine, endColumn,
 *                                        suggestions?: [{messageId, data?, output: "<case>.suggestion-<e>-<s>.py"}]}]
 *   invalid/<case>.output.py           the code after one --fix pass, only when a fix changes it
 *   invalid/<case>.suggestion-<e>-<s>.py   the code after suggestion s of finding e (0-based)
 *
 * Case names are kebab-case file names; `.py` files hold exactly the case's code (read and written as UTF-8, byte
 * for byte: BOM, CRLF, tabs, a missing final newline are the case). `UPDATE_FIXTURES=1` (npm run fixtures:update)
 * rewrites the expectations of the invalid cases from what the rules report now (see update.ts).
 *
 * Loading never throws: whatever is wrong with a rule's folder becomes a `problem` (the rule's tests fail on it),
 * and the cases that did load still run.
 */
export const ruleFixturesDir = join(fixturesDir, "rules");

export interface RuleSettings {
  /** Run next to the recommended rules (for rules that judge the others' results); default false. */
  withRecommendedRules: boolean;
  /** Language mode only (for rules that need the language's end-of-file event); default false. */
  languageModeOnly: boolean;
}

/** One finding as errors.json states it (suggestion outputs as file names). */
export interface FixtureError {
  messageId: string;
  data?: Record<string, string>;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  suggestions?: Array<{ messageId: string; data?: Record<string, string>; output: string }>;
}

export interface ValidFixture {
  /** The file name (`reraise-after-logging.py`): RuleTester's case name. */
  name: string;
  /** Path relative to the repository's tests/fixtures/rules/<id> folder, for messages (`valid/x.py`). */
  file: string;
  code: string;
  options?: unknown[];
}

export interface InvalidFixture extends ValidFixture {
  /** The findings with suggestion outputs read from their files; undefined when errors.json is missing or broken. */
  errors?: Array<
    Omit<FixtureError, "suggestions"> & {
      suggestions?: Array<{ messageId: string; data?: Record<string, string>; output: string }>;
    }
  >;
  /** The code after one --fix pass, when <case>.output.py exists. */
  output?: string;
}

export interface RuleFixtures {
  id: string;
  dir: string;
  settings: RuleSettings;
  valid: ValidFixture[];
  /** Every invalid case whose code and config loaded (with `errors` undefined where its errors.json is unusable). */
  invalid: InvalidFixture[];
  /** What is wrong with the folder, one line each (`invalid/x.errors.json: ...`). */
  problems: string[];
}

export const CASE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
const SETTINGS_KEYS: Array<keyof RuleSettings> = ["withRecommendedRules", "languageModeOnly"];
const ERROR_KEYS = new Set(["messageId", "data", "line", "column", "endLine", "endColumn", "suggestions"]);
const LOCATION_KEYS = ["line", "column", "endLine", "endColumn"] as const;
const SUGGESTION_KEYS = new Set(["messageId", "data", "output"]);
export const UPDATE_HINT = "run `npm run fixtures:update` to write it from what the rule reports, then review the diff";

export const suggestionFile = (name: string, error: number, suggestion: number) =>
  `${name}.suggestion-${error}-${suggestion}.py`;
export const outputFile = (name: string) => `${name}.output.py`;

/** Every rule folder under tests/fixtures/rules, by rule id. */
export function loadAllFixtures(dir = ruleFixturesDir): Map<string, RuleFixtures> {
  const out = new Map<string, RuleFixtures>();
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir).sort()) {
    if (statSync(join(dir, entry)).isDirectory()) out.set(entry, loadRuleFixtures(join(dir, entry), entry));
  }
  return out;
}

/** One rule's folder. */
export function loadRuleFixtures(dir: string, id: string): RuleFixtures {
  const problems: string[] = [];
  const settings: RuleSettings = { withRecommendedRules: false, languageModeOnly: false };
  const entries = readdirSync(dir).filter((f) => !f.startsWith("."));
  for (const entry of entries) {
    if (!["rule.json", "valid", "invalid"].includes(entry))
      problems.push(`${entry}: unexpected (a rule folder holds rule.json, valid/ and invalid/)`);
  }
  if (entries.includes("rule.json")) {
    const json = readJson(join(dir, "rule.json"), "rule.json", problems);
    if (json !== undefined) {
      if (!isPlainObject(json)) problems.push(`rule.json: expected an object like {"withRecommendedRules": true}`);
      else {
        for (const [key, value] of Object.entries(json)) {
          if (!(SETTINGS_KEYS as string[]).includes(key))
            problems.push(`rule.json: unknown key "${key}" (known: ${SETTINGS_KEYS.join(", ")})`);
          else if (typeof value !== "boolean") problems.push(`rule.json: "${key}" must be true or false`);
          else settings[key as keyof RuleSettings] = value;
        }
      }
    }
  }
  const valid = loadSide(dir, "valid", problems) as ValidFixture[];
  const invalid = loadSide(dir, "invalid", problems) as InvalidFixture[];
  if (!valid.length && !problems.some((p) => p.startsWith("valid/")))
    problems.push("valid/: no cases (every rule needs at least one valid case)");
  if (!invalid.length && !problems.some((p) => p.startsWith("invalid/")))
    problems.push("invalid/: no cases (every rule needs at least one invalid case)");
  return { id, dir, settings, valid, invalid, problems };
}

function loadSide(
  ruleDir: string,
  side: "valid" | "invalid",
  problems: string[],
): Array<ValidFixture | InvalidFixture> {
  const dir = join(ruleDir, side);
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => !f.startsWith("."))
    .sort();
  const cases = files
    .filter((f) => f.endsWith(".py") && !/\.(?:output|suggestion-\d+-\d+)\.py$/u.test(f))
    .map((f) => f.slice(0, -3));
  const used = new Set<string>();
  const out: Array<ValidFixture | InvalidFixture> = [];
  for (const name of cases) {
    const file = `${side}/${name}.py`;
    used.add(`${name}.py`);
    if (!CASE_NAME.test(name)) {
      problems.push(`${file}: case names are kebab-case (lower-case letters, digits and single hyphens)`);
      continue;
    }
    const fixture: InvalidFixture = { name: `${name}.py`, file, code: readFileSync(join(dir, `${name}.py`), "utf8") };
    let ok = true;
    if (files.includes(`${name}.config.json`)) {
      used.add(`${name}.config.json`);
      const config = readJson(join(dir, `${name}.config.json`), `${side}/${name}.config.json`, problems);
      if (config === undefined) ok = false;
      else if (
        !isPlainObject(config) ||
        Object.keys(config).some((k) => k !== "options") ||
        !Array.isArray(config.options)
      ) {
        problems.push(`${side}/${name}.config.json: expected {"options": [...]} and nothing else`);
        ok = false;
      } else fixture.options = config.options;
    }
    if (side === "invalid") {
      if (files.includes(outputFile(name))) {
        used.add(outputFile(name));
        fixture.output = readFileSync(join(dir, outputFile(name)), "utf8");
      }
      for (const f of files) if (f.startsWith(`${name}.suggestion-`)) used.add(f);
      if (!files.includes(`${name}.errors.json`)) problems.push(`${file}: no ${name}.errors.json; ${UPDATE_HINT}`);
      else {
        used.add(`${name}.errors.json`);
        const json = readJson(join(dir, `${name}.errors.json`), `${side}/${name}.errors.json`, problems);
        if (json !== undefined)
          fixture.errors = checkErrors(json, name, dir, files, `${side}/${name}.errors.json`, problems);
      }
    }
    if (ok) out.push(fixture);
  }
  for (const f of files) if (!used.has(f)) problems.push(`${side}/${f}: ${orphanReason(f, side)}`);
  return out;
}

function orphanReason(file: string, side: string): string {
  if (side === "valid" && /\.(?:errors\.json|output\.py|suggestion-\d+-\d+\.py)$/u.test(file))
    return "valid cases have no findings, fixes or suggestions";
  if (/\.(?:config\.json|errors\.json|output\.py|suggestion-\d+-\d+\.py)$/u.test(file))
    return "belongs to no case (its <case>.py is missing)";
  return "unexpected file (cases are <case>.py with <case>.config.json, .errors.json, .output.py, .suggestion-<e>-<s>.py)";
}

/** errors.json, checked and with suggestion outputs read; undefined (and problems) when anything is off. */
function checkErrors(
  json: unknown,
  name: string,
  dir: string,
  files: string[],
  label: string,
  problems: string[],
): InvalidFixture["errors"] {
  const before = problems.length;
  const fail = (message: string) => problems.push(`${label}: ${message}`);
  if (!Array.isArray(json) || json.length === 0) {
    fail(`expected a non-empty array of findings; ${UPDATE_HINT}`);
    return undefined;
  }
  const referenced = new Set<string>();
  const errors = json.map((error: unknown, e) => {
    if (!isPlainObject(error)) {
      fail(`finding ${e} is not an object`);
      return undefined;
    }
    for (const key of Object.keys(error))
      if (!ERROR_KEYS.has(key)) fail(`finding ${e}: unknown key "${key}" (known: ${[...ERROR_KEYS].join(", ")})`);
    if (typeof error.messageId !== "string") fail(`finding ${e} has no "messageId"`);
    const missing = LOCATION_KEYS.filter((k) => !Number.isInteger(error[k]) || (error[k] as number) < 1);
    if (missing.length)
      fail(
        `finding ${e} has no valid ${missing.map((k) => `"${k}"`).join(", ")} (every finding states line, column, endLine and endColumn, 1-based)`,
      );
    if ("data" in error && !isStringRecord(error.data)) fail(`finding ${e}: "data" must be an object of strings`);
    if ("suggestions" in error && !Array.isArray(error.suggestions))
      fail(`finding ${e}: "suggestions" must be an array`);
    const suggestions = Array.isArray(error.suggestions)
      ? error.suggestions.map((s: unknown, i: number) => {
          const expected = suggestionFile(name, e, i);
          if (!isPlainObject(s)) return fail(`finding ${e}, suggestion ${i} is not an object`);
          for (const key of Object.keys(s))
            if (!SUGGESTION_KEYS.has(key))
              fail(`finding ${e}, suggestion ${i}: unknown key "${key}" (known: ${[...SUGGESTION_KEYS].join(", ")})`);
          if (typeof s.messageId !== "string") fail(`finding ${e}, suggestion ${i} has no "messageId"`);
          if ("data" in s && !isStringRecord(s.data))
            fail(`finding ${e}, suggestion ${i}: "data" must be an object of strings`);
          if (s.output !== expected)
            return fail(`finding ${e}, suggestion ${i}: "output" must name the file "${expected}"`);
          if (!files.includes(expected))
            return fail(`finding ${e}, suggestion ${i}: ${expected} is missing; ${UPDATE_HINT}`);
          referenced.add(expected);
          return { ...(s as object), output: readFileSync(join(dir, expected), "utf8") };
        })
      : undefined;
    return { ...(error as object), ...(suggestions ? { suggestions } : {}) };
  });
  for (const f of files) {
    if (f.startsWith(`${name}.suggestion-`) && !referenced.has(f) && problems.length === before)
      fail(`${f} is named by no suggestion (stale? ${UPDATE_HINT})`);
  }
  return problems.length === before ? (errors as InvalidFixture["errors"]) : undefined;
}

function readJson(path: string, label: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    problems.push(`${label}: not valid JSON (${(error as Error).message})`);
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isPlainObject(value) && Object.values(value).every((v) => typeof v === "string");
}

/** A fixture as a RuleTester case (invalid cases need their `errors`). */
export function toRuleTesterCase(fixture: ValidFixture | InvalidFixture): Record<string, unknown> {
  const item: Record<string, unknown> = { name: fixture.name, code: fixture.code };
  if (fixture.options) item.options = fixture.options;
  if ("errors" in fixture && fixture.errors) item.errors = fixture.errors;
  if ("output" in fixture && fixture.output !== undefined) item.output = fixture.output;
  return item;
}

/** Every Python text the invalid cases expect from a fix or a suggestion, with where it comes from. */
export function fixedOutputs(fixtures: RuleFixtures): Array<{ label: string; source: string; output: string }> {
  const out: Array<{ label: string; source: string; output: string }> = [];
  for (const c of fixtures.invalid) {
    const base = c.file.slice(0, -3);
    if (c.output !== undefined) out.push({ label: `${base}.output.py`, source: c.code, output: c.output });
    (c.errors ?? []).forEach((error, e) =>
      (error.suggestions ?? []).forEach((s, i) =>
        out.push({ label: `${base}.suggestion-${e}-${i}.py`, source: c.code, output: s.output }),
      ),
    );
  }
  return out;
}

/**
 * The option names a rule's options schema declares, as paths (`allowLogged`, `extraSinks`, `extraSinks[].mode`):
 * every `properties` key, nested ones included (through `items`, `anyOf`/`oneOf`/`allOf` and local `$ref`s).
 */
export function schemaOptionPaths(schema: unknown): string[] {
  const out = new Set<string>();
  const root = schema;
  const walk = (node: unknown, prefix: string, seen: Set<unknown>) => {
    if (!isPlainObject(node) || seen.has(node)) return;
    seen = new Set(seen).add(node);
    if (typeof node.$ref === "string" && node.$ref.startsWith("#/")) {
      let target: unknown = root;
      for (const part of node.$ref.slice(2).split("/"))
        target = isPlainObject(target) || Array.isArray(target) ? (target as any)[part] : undefined;
      walk(target, prefix, seen);
    }
    if (isPlainObject(node.properties)) {
      for (const [key, value] of Object.entries(node.properties)) {
        const path = prefix ? `${prefix}.${key}` : key;
        out.add(path);
        walk(value, path, seen);
      }
    }
    if (Array.isArray(node.items)) node.items.forEach((item) => walk(item, prefix ? `${prefix}[]` : prefix, seen));
    else if (node.items) walk(node.items, prefix ? `${prefix}[]` : prefix, seen);
    for (const key of ["anyOf", "oneOf", "allOf"])
      if (Array.isArray(node[key])) (node[key] as unknown[]).forEach((n) => walk(n, prefix, seen));
  };
  // ESLint's `schema` is an array (one schema per option position) or one schema for the whole options array.
  if (Array.isArray(schema)) schema.forEach((s) => walk(s, "", new Set()));
  else walk(schema, "", new Set());
  return [...out].sort();
}

/** The option paths a case's options use, in the notation of schemaOptionPaths. */
export function usedOptionPaths(options: unknown[] | undefined): Set<string> {
  const out = new Set<string>();
  const walk = (value: unknown, prefix: string) => {
    if (Array.isArray(value)) value.forEach((v) => walk(v, prefix ? `${prefix}[]` : prefix));
    else if (isPlainObject(value)) {
      for (const [key, v] of Object.entries(value)) {
        const path = prefix ? `${prefix}.${key}` : key;
        out.add(path);
        walk(v, path);
      }
    }
  };
  for (const option of options ?? []) walk(option, "");
  return out;
}

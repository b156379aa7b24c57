import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { eslintVersions } from "../helpers.js";
import { type FixtureError, outputFile, type RuleSettings, suggestionFile } from "./harness.js";

/**
 * The UPDATE_FIXTURES mode (npm run fixtures:update): lint a case the way RuleTester does (language mode, ESLint 10,
 * the rule's options, the recommended rules beside it when rule.json asks) and turn what the rule reports into
 * the case's expectation files, for review with git diff.
 */

// RuleTester computes a case's `output` and each suggestion's output with ESLint's own fixer (one pass); so does
// the update, so that what it writes is what the tests compare.
const { applyFixes } = require(
  join(dirname(require.resolve("eslint/package.json")), "lib", "linter", "source-code-fixer.js"),
) as {
  applyFixes(text: string, messages: unknown[]): { output: string };
};

interface LintSuggestion {
  desc: string;
  messageId?: string;
  data?: Record<string, unknown>;
  fix: { range: [number, number]; text: string };
}
export interface LintMessage {
  ruleId: string | null;
  messageId?: string;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  fix?: unknown;
  suggestions?: LintSuggestion[];
}

/** Lints one case's code: the rule's messages, and everything else it reported (parse errors, other rules). */
export function lintCase(
  plugin: any,
  id: string,
  settings: RuleSettings,
  code: string,
  options: unknown[] | undefined,
): { messages: LintMessage[]; unexpected: LintMessage[] } {
  const linter = new eslintVersions[0].module.Linter({ configType: "flat" });
  const rules = {
    ...(settings.withRecommendedRules ? plugin.configs.recommended.rules : {}),
    [`python-audit/${id}`]: ["error", ...(options ?? [])],
  };
  const all = linter.verify(
    code,
    [{ files: ["**/*.py"], plugins: { "python-audit": plugin }, language: "python-audit/python", rules }] as any,
    "case.py",
  ) as unknown as LintMessage[];
  return {
    messages: all.filter((m) => m.ruleId === `python-audit/${id}` && !m.fatal),
    unexpected: all.filter((m) => m.ruleId !== `python-audit/${id}` || m.fatal),
  };
}

/** The findings of `messages` as errors.json states them, and the output files they imply (name → text). */
export function expectations(
  rule: any,
  name: string,
  code: string,
  messages: LintMessage[],
): { errors: FixtureError[]; files: Map<string, string> } {
  const files = new Map<string, string>();
  const errors = messages.map((message, e): FixtureError => {
    const template: string = rule.meta.messages[message.messageId!];
    if (message.endLine === undefined || message.endColumn === undefined) {
      throw new Error(
        `finding ${e} (${message.messageId} at ${message.line}:${message.column}) has no end location; the fixtures state line, column, endLine and endColumn`,
      );
    }
    const error: FixtureError = {
      messageId: message.messageId!,
      ...dataEntry(template, undefined, message.message),
      line: message.line,
      column: message.column,
      endLine: message.endLine,
      endColumn: message.endColumn,
    };
    if (message.suggestions?.length) {
      error.suggestions = message.suggestions.map((s, i) => {
        const file = suggestionFile(name, e, i);
        files.set(file, applyFixes(code, [s]).output);
        return {
          messageId: s.messageId!,
          ...dataEntry(rule.meta.messages[s.messageId!], s.data, s.desc),
          output: file,
        };
      });
    }
    return error;
  });
  if (messages.some((m) => m.fix)) {
    const output = applyFixes(code, messages).output;
    if (output !== code) files.set(outputFile(name), output);
  }
  return { errors, files };
}

/**
 * `{data}` for a message with placeholders: the report's own data when ESLint passes it on (suggestions), else
 * read back from the text by matching it against the template. Always checked by interpolating it again.
 */
function dataEntry(
  template: string,
  given: Record<string, unknown> | undefined,
  text: string,
): { data?: Record<string, string> } {
  const names = [...template.matchAll(/\{\{([^{}]+)\}\}/gu)].map((m) => m[1].trim());
  if (!names.length) return {};
  const interpolate = (data: Record<string, string>) =>
    template.replace(/\{\{([^{}]+)\}\}/gu, (all, term: string) => (term.trim() in data ? data[term.trim()] : all));
  if (given) {
    const data = Object.fromEntries(names.filter((n) => n in given).map((n) => [n, String(given[n])]));
    if (interpolate(data) === text) return { data };
  }
  const first = new Map<string, number>();
  let pattern = "^";
  let last = 0;
  for (const m of template.matchAll(/\{\{([^{}]+)\}\}/gu)) {
    pattern += escapeRegExp(template.slice(last, m.index));
    const term = m[1].trim();
    if (first.has(term)) pattern += `\\${first.get(term)}`;
    else {
      first.set(term, first.size + 1);
      pattern += "([\\s\\S]*?)";
    }
    last = m.index! + m[0].length;
  }
  pattern += `${escapeRegExp(template.slice(last))}$`;
  const match = new RegExp(pattern, "u").exec(text);
  if (!match) return {};
  const data = Object.fromEntries([...first].map(([term, group]) => [term, match[group]]));
  return interpolate(data) === text ? { data } : {};
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/gu, "\\$&");
}

/** Writes a case's errors.json and output files, removes the output files it no longer has; the files changed. */
export function writeExpectations(
  dir: string,
  name: string,
  result: { errors: FixtureError[]; files: Map<string, string> },
): string[] {
  const changed: string[] = [];
  const write = (file: string, text: string) => {
    const path = join(dir, file);
    if (existsSync(path) && readFileSync(path, "utf8") === text) return;
    writeFileSync(path, text, "utf8");
    changed.push(file);
  };
  write(`${name}.errors.json`, `${JSON.stringify(result.errors, null, 2)}\n`);
  for (const [file, text] of result.files) write(file, text);
  for (const file of readdirSync(dir)) {
    const generated = file === outputFile(name) || (file.startsWith(`${name}.suggestion-`) && file.endsWith(".py"));
    if (generated && !result.files.has(file)) {
      unlinkSync(join(dir, file));
      changed.push(`${file} (removed)`);
    }
  }
  return changed;
}

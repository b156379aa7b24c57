import type { PyComment } from "../ast/base.js";
import type { Program } from "../ast/generated/node-types.js";

/**
 * Bandit's `# nosec [B602, B607]` and Ruff's `# noqa: S602` comments, honoured by every rule of this plugin
 * (see `createRule`). A comment suppresses a report when it sits on any physical line of the reported
 * statement (for a compound statement: of its header, `with ...:` / `except ...:`).
 */

/** The codes that name a rule in other tools' suppression comments (kept in each rule's `meta.docs`). */
export interface SuppressionCodes {
  /** Bandit test ids (`B602`) and names (`subprocess_popen_with_shell_equals_true`). */
  bandit?: readonly string[];
  /** Ruff / flake8 codes (`S602`, `BLE001`). */
  ruff?: readonly string[];
}

export interface SuppressionEntry {
  /** `nosec` or `noqa`. */
  kind: "nosec" | "noqa";
  /** The code as written (`B602`), or null for a bare `# nosec`. */
  code: string | null;
  comment: PyComment;
  /** Where the code is written in the source (for removal), or the whole marker for a bare `# nosec`. */
  range: [number, number];
  /** Rules this entry has suppressed a report of, in this file. */
  usedBy: Set<string>;
}

/** `# nosec` (right after a `#`, as Bandit reads it), an optional `:` and a list of ids up to the next `#`. */
const NOSEC = /(^|#)(\s*)nosec\b:?([^#]*)/iu;
/**
 * `# noqa: CODE[, CODE]` (right after a `#`, as flake8 and Ruff read it). A bare `# noqa` (flake8's
 * "everything") is not honoured: it is usually written for style checkers.
 */
const NOQA = /(^|#)\s*noqa:\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*)/iu;
/** One item of a `nosec` list: separators, then an id. */
const CODE_LIST_ITEM = /([\s,]*)([A-Za-z][A-Za-z0-9_/-]*)/;

/** Parses the suppression entries of one comment (`comment.value` is the text after `#`). */
export function parseSuppressionComment(comment: PyComment): SuppressionEntry[] {
  const entries: SuppressionEntry[] = [];
  const textStart = comment.range[0] + 1;
  const nosec = NOSEC.exec(comment.value);
  if (nosec) {
    const list = nosec[3];
    const listStart = nosec.index + nosec[0].length - list.length;
    const codes: SuppressionEntry[] = [];
    // The list ends at the first word that is not an id (`# nosec B602 - validated above`).
    const item = new RegExp(CODE_LIST_ITEM.source, "uy");
    for (let match = item.exec(list); match && isBanditId(match[2]); match = item.exec(list)) {
      const start = textStart + listStart + match.index + match[1].length;
      codes.push({
        kind: "nosec",
        code: match[2],
        comment,
        range: [start, start + match[2].length],
        usedBy: new Set(),
      });
    }
    if (codes.length) entries.push(...codes);
    else {
      const markerStart = textStart + nosec.index + nosec[1].length + nosec[2].length;
      entries.push({
        kind: "nosec",
        code: null,
        comment,
        range: [markerStart, markerStart + "nosec".length],
        usedBy: new Set(),
      });
    }
  }
  const noqa = NOQA.exec(comment.value);
  if (noqa) {
    const listStart = noqa.index + noqa[0].length - noqa[2].length;
    for (const item of noqa[2].matchAll(/[A-Z]+[0-9]+/giu)) {
      const start = textStart + listStart + item.index;
      entries.push({
        kind: "noqa",
        code: item[0].toUpperCase(),
        comment,
        range: [start, start + item[0].length],
        usedBy: new Set(),
      });
    }
  }
  return entries;
}

/**
 * Bandit ids (`B602`), Bandit test names (all snake_case with an underscore: `try_except_pass`) and our rule
 * ids. Any other word ends the list, and a list without ids is a bare `# nosec` (as in Bandit).
 */
function isBanditId(word: string): boolean {
  return (
    /^B\d{3}$/u.test(word) ||
    /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/u.test(word) ||
    /^([a-z0-9@-]+\/)?[a-z0-9]+(-[a-z0-9]+)+$/u.test(word)
  );
}

/** Whether `entry` names the rule `ruleName` (its id, its Bandit ids and names, its Ruff codes). */
export function entryMatchesRule(
  entry: SuppressionEntry,
  ruleName: string,
  codes: SuppressionCodes | undefined,
): boolean {
  if (entry.code === null) return true;
  if (entry.kind === "noqa") return codes?.ruff?.includes(entry.code) ?? false;
  // A rule id with any plugin prefix (`python-audit/no-x`, a team plugin's `team/no-x`) or none.
  if (entry.code === ruleName || entry.code.endsWith(`/${ruleName}`)) return true;
  return codes?.bandit?.some((id) => id.toLowerCase() === entry.code!.toLowerCase()) ?? false;
}

/** Whether `entry` could name any of our rules at all (an id of another tool's check is never "unused" here). */
export function entryNamesAnyRule(
  entry: SuppressionEntry,
  rules: Iterable<{ name: string; codes?: SuppressionCodes }>,
): boolean {
  for (const rule of rules) if (entryMatchesRule(entry, rule.name, rule.codes)) return true;
  return false;
}

/** The suppression comments of one file, by line, and which of them were used. Shared by all rules of a file. */
export class SuppressionIndex {
  readonly entries: SuppressionEntry[] = [];
  readonly #byLine = new Map<number, SuppressionEntry[]>();
  /** Rules of this plugin that ran on the file (created with suppressions on). */
  readonly rulesRun = new Map<string, SuppressionCodes | undefined>();

  constructor(comments: readonly PyComment[]) {
    for (const comment of comments) {
      if (!/nosec|noqa/iu.test(comment.value)) continue;
      for (const entry of parseSuppressionComment(comment)) {
        this.entries.push(entry);
        const line = comment.loc.start.line;
        const list = this.#byLine.get(line);
        if (list) list.push(entry);
        else this.#byLine.set(line, [entry]);
      }
    }
  }

  /** The entries that suppress a report of `ruleName` on the statement of `node` (marked used), or none. */
  suppress(ruleName: string, codes: SuppressionCodes | undefined, lines: [number, number]): SuppressionEntry[] {
    if (!this.entries.length) return [];
    const matched: SuppressionEntry[] = [];
    for (let line = lines[0]; line <= lines[1]; line++) {
      for (const entry of this.#byLine.get(line) ?? []) {
        if (entryMatchesRule(entry, ruleName, codes)) matched.push(entry);
      }
    }
    for (const entry of matched) entry.usedBy.add(ruleName);
    return matched;
  }
}

const indexes = new WeakMap<Program, SuppressionIndex>();

/** The file's suppression index, built once per AST. */
export function getSuppressionIndex(ast: Program): SuppressionIndex {
  let index = indexes.get(ast);
  if (!index) indexes.set(ast, (index = new SuppressionIndex(ast.comments)));
  return index;
}

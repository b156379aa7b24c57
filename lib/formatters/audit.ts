import { readFileSync } from "node:fs";
import { relative } from "node:path";
import type { ESLint, Linter } from "eslint";
import { scopeAt, scopeSpans, type ScopeSpan } from "./python-scopes.js";

/**
 * `eslint -f <this file>`: a Markdown security review of the linted files, written the way a reviewer writes
 * one. Findings are grouped by audit category (`meta.docs.category` of the rule), each with its Location
 * (file, line, enclosing class/function), Issue (message and offending source) and Solution (the rule's
 * `meta.docs.remediation`, the same text as its docs); then a Conclusion. Deterministic: no dates, stable order.
 */

/** The exact conclusion when no error-severity finding remains. */
const NO_DEFECTS = "No security defects are detected in the code";

interface CheckMetaLike {
  id: string;
  cwe?: number[];
  category?: string;
  remediation?: string;
}
interface RuleMetaLike {
  docs?: {
    description?: string;
    url?: string;
    category?: string;
    remediation?: string;
    checks?: Record<string, CheckMetaLike>;
  };
}
interface FormatterContext {
  cwd?: string;
  rulesMeta?: Record<string, RuleMetaLike>;
}
interface Finding {
  file: string;
  message: Linter.LintMessage;
  scope: string | null;
  source: string[];
  /** The check behind the finding (per message id), when the rule declares checks. */
  check: CheckMetaLike | null;
  solution: string;
}
interface Category {
  title: string;
  ruleIds: Set<string>;
  findings: Finding[];
}

/** The text of a linted file as ESLint saw it (after fixes, if any), or null when it cannot be read. */
function resultText(result: ESLint.LintResult): string | null {
  if (typeof result.output === "string") return result.output;
  if (typeof result.source === "string") return result.source;
  try {
    return readFileSync(result.filePath, "utf8");
  } catch {
    return null;
  }
}

/** A fence longer than any run of backticks in `lines`, so source with backticks cannot break the Markdown. */
function fence(lines: string[]): string {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...[...l.matchAll(/`+/gu)].map((m) => m[0].length))));
  return "`".repeat(longest + 1);
}

/**
 * The hops of a taint trace in a message, source first: rules on the taint engine write it as
 * "(parameter `route`, via `cmd` at line 12)" (see `describeFlow`). Null for messages without a trace.
 */
/** Findings grouped by check (message id) in the order of their first finding; each group keeps location order. */
function checkGroups(findings: Finding[]): Array<{ key: string; findings: Finding[] }> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.message.ruleId}|${finding.check?.id ?? ""}`;
    const list = groups.get(key);
    if (list) list.push(finding);
    else groups.set(key, [finding]);
  }
  return [...groups].map(([key, list]) => ({ key, findings: list }));
}

/** How many roll-up rows of files to print before summing up the rest (the full list is in the sections below). */
const ROLL_UP_FILES = 25;

/** The report's first table: findings per check and per file, most first, so that large groups are triaged as one. */
function rollUp(categories: Category[]): string[] {
  const byCheck = new Map<string, { label: string; category: string; findings: number; defects: number }>();
  const byFile = new Map<string, { findings: number; defects: number }>();
  for (const category of categories)
    for (const finding of category.findings) {
      const label = finding.check ? `\`${finding.check.id}\`` : `\`${finding.message.ruleId}\``;
      const defect = finding.message.severity === 2 ? 1 : 0;
      const check = byCheck.get(label) ?? { label, category: category.title, findings: 0, defects: 0 };
      check.findings++;
      check.defects += defect;
      byCheck.set(label, check);
      const file = byFile.get(finding.file) ?? { findings: 0, defects: 0 };
      file.findings++;
      file.defects += defect;
      byFile.set(finding.file, file);
    }
  const most = <T extends { findings: number }>(a: [string, T], b: [string, T]) =>
    b[1].findings - a[1].findings || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const out = ["## Roll-up", "", "| Check | Category | Findings | Defects |", "| --- | --- | ---: | ---: |"];
  for (const [, c] of [...byCheck].sort(most))
    out.push(`| ${c.label} | ${c.category} | ${c.findings} | ${c.defects} |`);
  out.push("", "| File | Findings | Defects |", "| --- | ---: | ---: |");
  const files = [...byFile].sort(most);
  for (const [file, f] of files.slice(0, ROLL_UP_FILES)) out.push(`| \`${file}\` | ${f.findings} | ${f.defects} |`);
  if (files.length > ROLL_UP_FILES) {
    const rest = files.slice(ROLL_UP_FILES);
    const sum = (key: "findings" | "defects") => rest.reduce((n, [, f]) => n + f[key], 0);
    out.push(`| ${plural(rest.length, "more file")} | ${sum("findings")} | ${sum("defects")} |`);
  }
  return out;
}

function traceSteps(message: string): string[] | null {
  const trace = /^`[^`]*` \((.+?)\) reaches `/u.exec(message);
  if (!trace) return null;
  const [source, ...hops] = trace[1].split(", via ");
  return [
    `${source} (the source)`,
    ...hops.map((hop) => hop.replace(/^(`[^`]+`) at line (\d+)$/u, "through $1 at line $2")),
  ];
}

/**
 * The reported lines (at most 6), without their common indentation. When they end a compound statement's header
 * (`except Exception:`), the start of its body follows (up to 6 more lines): what a handler does with the
 * exception is the finding.
 */
function sourceExcerpt(lines: string[], message: Linter.LintMessage): string[] {
  const first = message.line - 1;
  let last = Math.min((message.endLine ?? message.line) - 1, first + 5);
  const indentOf = (line: string) => /^[ \t]*/u.exec(line)![0].length;
  if (/:\s*(#.*)?$/u.test(lines[last] ?? "")) {
    const header = indentOf(lines[first] ?? "");
    let end = last;
    for (let i = last + 1; i < lines.length && i <= last + 6; i++) {
      if (lines[i].trim() && indentOf(lines[i]) <= header) break;
      end = i;
    }
    while (end > last && !lines[end].trim()) end--;
    last = end;
  }
  const excerpt = lines.slice(first, last + 1).map((l) => l.replace(/\s+$/u, ""));
  const indent = Math.min(...excerpt.filter((l) => l.trim()).map((l) => /^\s*/u.exec(l)![0].length));
  return excerpt.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

function formatAudit(results: ESLint.LintResult[], context: FormatterContext = {}): string {
  const cwd = context.cwd ?? process.cwd();
  const rulesMeta = context.rulesMeta ?? {};
  const categories = new Map<string, Category>();
  // Files with a parse error, or that ESLint or the bin did not audit (unreadable, ignored): never findings.
  const notAudited: Array<{ file: string; message: Linter.LintMessage }> = [];
  let suppressed = 0;

  const sorted = [...results].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  for (const result of sorted) {
    const file = relative(cwd, result.filePath).split("\\").join("/") || result.filePath;
    suppressed += result.suppressedMessages?.length ?? 0;
    const ruleMessages = result.messages.filter((m) => !m.fatal && m.ruleId);
    for (const message of result.messages) {
      if (message.fatal || !message.ruleId) notAudited.push({ file, message });
    }
    if (!ruleMessages.length) continue;
    const text = resultText(result);
    const lines = text?.split(/\r\n|[\r\n\u2028\u2029]/u) ?? [];
    let spans: ScopeSpan[] = [];
    if (text !== null && /\.pyi?$/u.test(result.filePath)) spans = scopeSpans(text);
    for (const message of ruleMessages) {
      const ruleId = message.ruleId!;
      const docs = rulesMeta[ruleId]?.docs;
      // Category, Solution and CWE per check where the rule declares them, else the rule's.
      const checks = docs?.checks ?? {};
      const check = message.messageId && Object.hasOwn(checks, message.messageId) ? checks[message.messageId] : null;
      const title = check?.category ?? docs?.category ?? ruleId;
      let category = categories.get(title);
      if (!category) categories.set(title, (category = { title, ruleIds: new Set(), findings: [] }));
      category.ruleIds.add(ruleId);
      category.findings.push({
        file,
        message,
        scope: scopeAt(spans, message.line),
        source: text === null ? [] : sourceExcerpt(lines, message),
        check,
        solution: check?.remediation ?? docs?.remediation ?? docs?.description ?? "See the rule's documentation.",
      });
    }
  }

  const byLocation = (a: Finding, b: Finding) =>
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.message.line - b.message.line ||
    a.message.column - b.message.column ||
    String(a.message.ruleId).localeCompare(String(b.message.ruleId));
  const errorCount = (c: Category) => c.findings.filter((f) => f.message.severity === 2).length;
  // Categories with errors first, then by size and title: the reader meets the defects before the advice.
  const ordered = [...categories.values()].sort(
    (a, b) => errorCount(b) - errorCount(a) || b.findings.length - a.findings.length || a.title.localeCompare(b.title),
  );
  for (const category of ordered) category.findings.sort(byLocation);

  const totalFindings = ordered.reduce((n, c) => n + c.findings.length, 0);
  const totalErrors = ordered.reduce((n, c) => n + errorCount(c), 0);
  const out: string[] = ["# Security audit report", ""];
  out.push(
    `Audited ${plural(results.length - new Set(notAudited.map((entry) => entry.file)).size, "file")}: ${plural(totalFindings, "finding")} (${plural(totalErrors, "defect")}, ${plural(totalFindings - totalErrors, "hardening advice item")})` +
      (notAudited.length ? `, ${plural(notAudited.length, "file")} not audited` : "") +
      ".",
    "",
  );

  if (totalFindings) out.push(...rollUp(ordered), "");

  ordered.forEach((category, index) => {
    const number = index + 1;
    const rules = [...category.ruleIds]
      .sort()
      .map((id) => `\`${id}\``)
      .join(", ");
    out.push(
      `## ${number}. ${category.title}`,
      "",
      `Rule: ${rules}. ${plural(category.findings.length, "finding")}.`,
      "",
    );
    // One heading per check, its Solution once, then each location: 130 similar findings read as one group.
    checkGroups(category.findings).forEach((group, g) => {
      const { check } = group.findings[0];
      const cwe = check?.cwe?.length ? ` (${check.cwe.map((n) => `CWE-${n}`).join(", ")})` : "";
      const name = check ? `Check \`${check.id}\`${cwe}` : `Rule \`${group.findings[0].message.ruleId}\``;
      out.push(`### ${number}.${g + 1} ${name}: ${plural(group.findings.length, "finding")}`, "");
      out.push(`**Solution:** ${group.findings[0].solution}`, "");
      group.findings.forEach((finding, i) => {
        const { message } = finding;
        const severity = message.severity === 2 ? "defect" : "hardening advice";
        const where =
          `\`${finding.file}\`, line ${message.line}` +
          (finding.scope ? `, in \`${finding.scope}\`` : ", at module level");
        out.push(`#### ${number}.${g + 1}.${i + 1} ${finding.file}:${message.line} (${severity})`, "");
        out.push(`**Location:** ${where}`, "");
        out.push(`**Issue:** ${message.message}`, "");
        const steps = traceSteps(message.message);
        if (steps) {
          out.push("**Data flow:**", "");
          steps.forEach((step, k) => out.push(`${k + 1}. ${step}`));
          out.push(`${steps.length + 1}. reaches the call at line ${message.line}`, "");
        }
        if (finding.source.length) {
          const marker = fence(finding.source);
          out.push(`${marker}python`, ...finding.source, marker, "");
        }
      });
    });
  });

  if (notAudited.length) {
    out.push("## Files that could not be audited", "");
    for (const { file, message } of notAudited) {
      // A parse error has a position; an unreadable or ignored file has none.
      const where = message.line ? `${file}:${message.line}:${message.column}` : file;
      out.push(`- \`${where}\`: ${message.message}`);
    }
    out.push("");
  }

  out.push("## Conclusion", "");
  if (totalErrors === 0 && notAudited.length === 0) {
    out.push(NO_DEFECTS, "");
    if (results.length === 0)
      out.push("No files were audited: check the paths given and the `files` patterns of the config.", "");
    if (totalFindings)
      out.push(`${plural(totalFindings, "warning")} above ${totalFindings === 1 ? "is" : "are"} hardening advice.`, "");
  } else {
    out.push("| Category | Defects (error) | Hardening advice (warning) |", "| --- | ---: | ---: |");
    for (const category of ordered)
      out.push(`| ${category.title} | ${errorCount(category)} | ${category.findings.length - errorCount(category)} |`);
    if (notAudited.length)
      out.push(`| Not audited (parse errors, unreadable or ignored files) | ${notAudited.length} | 0 |`);
    out.push(`| **Total** | **${totalErrors + notAudited.length}** | **${totalFindings - totalErrors}** |`, "");
  }
  if (suppressed)
    out.push(
      `${plural(suppressed, "finding")} suppressed by \`eslint-disable\` comments or bulk suppressions ${suppressed === 1 ? "is" : "are"} not listed.`,
      "",
    );
  return out.join("\n");
}

export = formatAudit;

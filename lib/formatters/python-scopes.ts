// The audit report names the function or class around each finding (`DvrRouter.run_cmd()`). The formatter sees
// only ESLint's results, and runs where no parser may be loaded (a formatter is a plain module), so it reads
// `def`/`class` headers from the text: one pass that skips strings, comments and bracketed continuation lines
// and closes a scope at the first logical line indented no deeper than its header. tests/formatters compares
// it with the parser's answer on every line of the bundled examples and of CPython stdlib files.

/** Where a function or class spans (1-based lines, inclusive). */
export interface ScopeSpan {
  name: string;
  start: number;
  end: number;
}

const HEADER = /^(?:async[ \t]+)?(def|class)[ \t]+([^\W\d]\w*)/u;
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/gu;

/** Indentation width of a line prefix as Python counts it (a tab advances to the next multiple of 8). */
function indentWidth(prefix: string): number {
  let width = 0;
  for (const ch of prefix) width = ch === "\t" ? width - (width % 8) + 8 : width + 1;
  return width;
}

/** The functions and classes of a Python text, nested names joined by dots (`C.m()`). */
export function scopeSpans(text: string): ScopeSpan[] {
  const lines = text.split(LINE_BREAK);
  const spans: ScopeSpan[] = [];
  // Open scopes, innermost last; `last` is the last line that belongs to the scope so far.
  const open: Array<{ span: ScopeSpan; indent: number; last: number }> = [];
  let quote: string | null = null; // the closing delimiter of a string that spans lines
  let depth = 0; // open brackets
  let continued = false; // the previous line ended in a backslash
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const lineNumber = index + 1;
    const logicalStart = quote === null && depth === 0 && !continued;
    let i = 0;
    if (logicalStart) {
      while (i < line.length && (line[i] === " " || line[i] === "\t" || line[i] === "\f")) i++;
      const indent = indentWidth(line.slice(0, i).replace(/\f/gu, ""));
      if (i < line.length && line[i] === "#") {
        // A comment closes nothing; indented deeper than a header, it belongs to that scope (as the parser's blocks).
        for (const entry of open) if (entry.indent < indent) entry.last = lineNumber;
      } else if (i < line.length) {
        while (open.length && open[open.length - 1].indent >= indent) {
          const closed = open.pop()!;
          closed.span.end = closed.last;
        }
        const header = HEADER.exec(line.slice(i));
        if (header) {
          const prefix = open.length ? `${open[open.length - 1].span.name.replace(/\(\)$/u, "")}.` : "";
          const span = {
            name: `${prefix}${header[2]}${header[1] === "def" ? "()" : ""}`,
            start: lineNumber,
            end: lineNumber,
          };
          spans.push(span);
          open.push({ span, indent, last: lineNumber });
        }
      }
    }
    let code = quote !== null && line.trim() !== "";
    continued = false;
    while (i < line.length) {
      const ch = line[i];
      if (quote !== null) {
        if (ch === "\\") {
          i += 2;
          continue;
        }
        if (line.startsWith(quote, i)) {
          i += quote.length;
          quote = null;
          code = true;
          continue;
        }
        i++;
        continue;
      }
      if (ch === "#") break;
      if (ch === "'" || ch === '"') {
        const triple = line.startsWith(ch.repeat(3), i);
        quote = triple ? ch.repeat(3) : ch;
        i += quote.length;
        code = true;
        continue;
      }
      if (ch === "(" || ch === "[" || ch === "{") depth++;
      else if ((ch === ")" || ch === "]" || ch === "}") && depth > 0) depth--;
      else if (ch === "\\" && i === line.length - 1) continued = true;
      if (ch !== " " && ch !== "\t") code = true;
      i++;
    }
    // A one-quote string cannot span lines (only a backslash continues it); recover at the line end.
    if (quote !== null && quote.length === 1 && !line.endsWith("\\")) quote = null;
    if (code) for (const entry of open) entry.last = lineNumber;
  }
  for (const { span, last } of open) span.end = last;
  return spans;
}

/** The innermost function/class around `line` (`DvrRouter.run_cmd()`), or null at module level. */
export function scopeAt(spans: ScopeSpan[], line: number): string | null {
  let best: ScopeSpan | null = null;
  for (const span of spans) {
    if (span.start <= line && line <= span.end && (!best || span.start >= best.start)) best = span;
  }
  return best?.name ?? null;
}

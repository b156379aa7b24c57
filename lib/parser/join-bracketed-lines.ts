/**
 * tree-sitter-python's scanner emits INDENT/DEDENT tokens for line breaks inside brackets when the next line is
 * indented less than the enclosing block, so valid code such as
 *
 *     def f():
 *         (bar.
 *     baz)
 *
 * gets an ERROR node, although Python joins lines inside brackets. When a tree has errors, the parser retries
 * on a copy of the text in which every line break inside brackets is a space: the same length, so all offsets
 * still index the original text. Comments inside brackets are blanked in the copy (a comment would swallow the
 * joined line) and handed back so they still reach `Program.comments`. So are comment-only lines anywhere: the
 * scanner mistakes one indented less than its block between a decorator and its `def` for a dedent.
 *
 * Returns null when nothing would change.
 */
export function joinBracketedLines(text: string): { input: string; comments: Array<[number, number]> } | null {
  const chars = text.split("");
  const comments: Array<[number, number]> = [];
  let depth = 0;
  let changed = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c === "#") {
      const end = commentEnd(text, i);
      if (depth > 0 || onlyBlanksBefore(text, i)) {
        comments.push([i, end]);
        for (let k = i; k < end; k++) chars[k] = " ";
        changed = true;
      }
      i = end - 1;
    } else if (c === "'" || c === '"') i = stringEnd(text, i) - 1;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth = Math.max(0, depth - 1);
    else if ((c === "\n" || c === "\r") && depth > 0) {
      chars[i] = " ";
      changed = true;
    }
  }
  return changed ? { input: chars.join(""), comments } : null;
}

/** Where the comment starting at `start` (a `#`) ends: at the line break. */
export function commentEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && text[end] !== "\n" && text[end] !== "\r") end++;
  return end;
}

/** Where the string literal whose quote is at `start` ends (after its closing quote, or where it breaks off). */
export function stringEnd(text: string, start: number): number {
  const c = text[start];
  const triple = text.startsWith(c.repeat(3), start);
  const quote = triple ? c.repeat(3) : c;
  let j = start + quote.length;
  while (j < text.length && !text.startsWith(quote, j)) {
    if (text[j] === "\\") j++;
    else if (!triple && (text[j] === "\n" || text[j] === "\r")) break;
    j++;
  }
  return Math.min(text.length, j + quote.length);
}

/** Whether only spaces, tabs and form feeds precede `at` on its line. */
function onlyBlanksBefore(text: string, at: number): boolean {
  for (let k = at - 1; k >= 0; k--) {
    const c = text[k];
    if (c === "\n" || c === "\r") return true;
    if (c !== " " && c !== "\t" && c !== "\f") return false;
  }
  return true;
}

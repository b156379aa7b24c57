import { readFileSync } from "node:fs";
import type TreeSitter from "tree-sitter";
import { LineIndex } from "./line-index.js";

/**
 * A syntax error in the shape ESLint expects from a parser: `lineNumber` (1-based), `column` (1-based) and
 * `index`. ESLint reports it as one fatal "Parsing error: <message>"; the language maps it to `{ok: false}`.
 */
export class PythonSyntaxError extends SyntaxError {
  readonly lineNumber: number;
  readonly column: number;
  readonly index: number;

  constructor(message: string, index: number, lineNumber: number, column: number) {
    super(message);
    this.name = "PythonSyntaxError";
    this.index = index;
    this.lineNumber = lineNumber;
    this.column = column;
  }

  static at(text: string, index: number, message: string, lines = new LineIndex(text)): PythonSyntaxError {
    // The \n of a CRLF is no position of its own: report the line's end.
    if (text[index] === "\n" && text[index - 1] === "\r") index--;
    const { line, column } = lines.position(index);
    return new PythonSyntaxError(message, index, line, column + 1);
  }
}

/** PEP 263: a coding declaration in a comment on line 1 or 2. */
const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const UTF8_COMPATIBLE = new Set(["utf-8", "utf8", "utf-8-sig", "ascii", "us-ascii", "646"]);

/** Checks that need only the text: NUL bytes, encoding declarations other than UTF-8. */
export function checkSourceText(text: string): void {
  const nul = text.indexOf("\0");
  if (nul !== -1) throw PythonSyntaxError.at(text, nul, "source code cannot contain NUL bytes");
  const firstLines = text.split(/\r\n|[\r\n]/u, 2);
  for (let i = 0; i < firstLines.length; i++) {
    const match = CODING.exec(firstLines[i]);
    if (!match) {
      // Only a comment or blank line 1 lets line 2 declare the encoding.
      if (i === 0 && !/^[ \t\f]*(#.*)?$/u.test(firstLines[0])) break;
      continue;
    }
    const encoding = match[1].toLowerCase().replace(/_/g, "-");
    // Pure ASCII reads the same in any ASCII-compatible encoding, so only non-ASCII text is at risk.
    if (!UTF8_COMPATIBLE.has(encoding) && /[^\p{ASCII}]/u.test(text)) {
      const offset =
        (i === 0
          ? 0
          : firstLines[0].length +
            (text[firstLines[0].length] === "\r" && text[firstLines[0].length + 1] === "\n" ? 2 : 1)) + match.index;
      throw PythonSyntaxError.at(
        text,
        offset,
        `the file declares encoding '${match[1]}', but ESLint reads files as UTF-8, so its non-ASCII text would be misread; convert the file to UTF-8`,
      );
    }
    break;
  }
}

/**
 * ESLint decodes every file as UTF-8, turning bytes that are not UTF-8 (a latin-1 `é`) into U+FFFD, and `--fix`
 * then writes EF BF BD back in their place. Text holding U+FFFD is checked against the file on disk: when the
 * file is not valid UTF-8 and its lossy decoding is this text, the file is refused, so no fix is ever applied.
 */
export function checkDecoding(text: string, filePath: string | undefined): void {
  const replacement = text.indexOf("\uFFFD");
  if (replacement === -1 || !filePath) return;
  let bytes: Buffer;
  try {
    bytes = readFileSync(filePath);
  } catch {
    return; // Text without a file (stdin, an editor buffer): nothing to compare with.
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return; // Valid UTF-8: the U+FFFD is really in the file.
  } catch {
    // Not UTF-8: find the first byte that is not, for the message.
  }
  const lossy = new TextDecoder("utf-8").decode(bytes);
  // Only when this text is what ESLint read from that file (not an editor's buffer or a processor's block).
  if (lossy !== (text.startsWith("\uFEFF") ? text.slice(1) : text)) return;
  const offset = firstInvalidUtf8Byte(bytes);
  throw PythonSyntaxError.at(
    text,
    replacement,
    `the file is not valid UTF-8 (byte 0x${bytes[offset].toString(16).toUpperCase().padStart(2, "0")} at offset ${offset}): ESLint reads it as U+FFFD and a fix would write that back; convert the file to UTF-8`,
  );
}

/** The offset where the first sequence that is not UTF-8 starts (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i];
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead <= 0xdf
          ? 2
          : lead >= 0xe0 && lead <= 0xef
            ? 3
            : lead >= 0xf0 && lead <= 0xf4
              ? 4
              : 0;
    if (!length || i + length > bytes.length) return i;
    const second = bytes[i + 1];
    if (
      (lead === 0xe0 && second < 0xa0) ||
      (lead === 0xed && second > 0x9f) ||
      (lead === 0xf0 && second < 0x90) ||
      (lead === 0xf4 && second > 0x8f)
    )
      return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return bytes.length - 1;
}

const CLOSERS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
const OPENERS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** Describes the first ERROR or MISSING node of a tree that has errors. */
export function findTreeError(tree: TreeSitter.Tree, text: string): PythonSyntaxError {
  const lines = new LineIndex(text);
  const cursor = tree.walk();
  for (;;) {
    if (cursor.nodeIsMissing) {
      const what = cursor.nodeIsNamed ? cursor.nodeType.replace(/_/g, " ") : `'${cursor.nodeType}'`;
      return PythonSyntaxError.at(text, cursor.startIndex, `missing ${what}`, lines);
    }
    if (cursor.nodeType === "ERROR") return describeErrorNode(cursor.currentNode, text, lines);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return PythonSyntaxError.at(text, 0, "invalid syntax", lines);
    }
  }
}

function describeErrorNode(node: TreeSitter.SyntaxNode, text: string, lines: LineIndex): PythonSyntaxError {
  if (node.childCount === 0) {
    const found = text.slice(node.startIndex, node.endIndex);
    if (found.length === 0) return PythonSyntaxError.at(text, node.startIndex, "invalid syntax", lines);
    return PythonSyntaxError.at(text, node.startIndex, `unexpected character ${quote(found.slice(0, 1))}`, lines);
  }
  // The leaves of the error region, in order.
  const leaves: TreeSitter.SyntaxNode[] = [];
  const cursor = node.walk();
  const end = node.endIndex;
  for (;;) {
    if (cursor.startIndex >= end && leaves.length) break;
    if (cursor.nodeType === "ERROR" && cursor.currentNode.childCount === 0 && cursor.endIndex > cursor.startIndex) {
      const found = text.slice(cursor.startIndex, cursor.endIndex);
      return PythonSyntaxError.at(text, cursor.startIndex, `unexpected character ${quote(found.slice(0, 1))}`, lines);
    }
    if (!cursor.gotoFirstChild()) {
      if (cursor.nodeType !== "comment") leaves.push(cursor.currentNode);
      let moved = cursor.gotoNextSibling();
      while (!moved) {
        if (!cursor.gotoParent() || (cursor.startIndex === node.startIndex && cursor.endIndex === end)) {
          moved = false;
          break;
        }
        moved = cursor.gotoNextSibling();
      }
      if (!moved) break;
    }
  }
  const lineEnds = new PythonLineEnds(text);
  const at = (leaf: TreeSitter.SyntaxNode | number, message: string) =>
    PythonSyntaxError.at(text, typeof leaf === "number" ? leaf : leaf.startIndex, message, lines);
  // A string the region starts but never ends.
  const stringStart = leaves.find((leaf) => leaf.type === "string_start");
  if (stringStart && !leaves.some((leaf) => leaf.type === "string_end" && leaf.startIndex > stringStart.startIndex)) {
    return at(stringStart, "unterminated string literal");
  }
  // An opening bracket that the region never closes is what Python reports too.
  const open: TreeSitter.SyntaxNode[] = [];
  for (const leaf of leaves) {
    if (CLOSERS[leaf.type]) open.push(leaf);
    else if (OPENERS[leaf.type] && open.length && open[open.length - 1].type === OPENERS[leaf.type]) open.pop();
  }
  if (open.length) return at(open[0], `'${open[0].type}' was never closed`);
  // A compound statement header without its colon.
  const first = leaves[0];
  if (first && COMPOUND_KEYWORDS.has(first.type)) {
    const lineEnd = lineEnds.after(first.startIndex);
    const header = leaves.filter((leaf) => leaf.startIndex < lineEnd);
    if (!header.some((leaf) => leaf.type === ":")) return at(header[header.length - 1].endIndex, "expected ':'");
  }
  // An operator or keyword with nothing after it on its line. Only a leaf with no other token after it on its line
  // can qualify, so the text read is the gaps between tokens: linear in the region, even on one long line.
  let nextStart = Infinity;
  const followedOnLine: boolean[] = [];
  for (let i = leaves.length - 1; i >= 0; i--) {
    followedOnLine[i] = nextStart < lineEnds.after(leaves[i].endIndex);
    if (leaves[i].endIndex > leaves[i].startIndex) nextStart = leaves[i].startIndex;
  }
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i];
    if (leaf.isNamed || CLOSE_OK.has(leaf.type) || followedOnLine[i]) continue;
    if (/^\s*(#.*)?$/u.test(text.slice(leaf.endIndex, lineEnds.after(leaf.endIndex))))
      return at(leaf, `unexpected end of line after ${quote(text.slice(leaf.startIndex, leaf.endIndex))}`);
  }
  // Otherwise the first token the parser could not place: a keyword or operator directly inside an ERROR node
  // (nested ones included), or failing that its first leaf.
  const inError = leaves.filter((leaf) => leaf.parent?.type === "ERROR" && leaf.endIndex > leaf.startIndex);
  const culprit = inError.find((leaf) => !leaf.isNamed) ?? inError[0] ?? first;
  if (!culprit) return at(node.startIndex, "invalid syntax");
  return at(culprit, `unexpected ${quote(text.slice(culprit.startIndex, culprit.endIndex))}`);
}

const COMPOUND_KEYWORDS = new Set([
  "if",
  "elif",
  "else",
  "while",
  "for",
  "with",
  "def",
  "class",
  "try",
  "except",
  "finally",
  "async",
  "match",
  "case",
]);
/** Tokens that may legitimately end a line. */
const CLOSE_OK = new Set([
  ")",
  "]",
  "}",
  ":",
  "pass",
  "break",
  "continue",
  "return",
  "None",
  "True",
  "False",
  "...",
  "string_end",
]);

/** Where Python's lines end (at \r or \n; U+2028 does not end a Python line), found once per error. */
class PythonLineEnds {
  readonly #ends: number[] = [];
  readonly #length: number;

  constructor(text: string) {
    this.#length = text.length;
    for (const match of text.matchAll(/\r\n?|\n/gu)) this.#ends.push(match.index);
  }

  /** The end of the line holding `offset`: the first line break at or after it, else the end of the text. */
  after(offset: number): number {
    const ends = this.#ends;
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (ends[mid] < offset) low = mid + 1;
      else high = mid;
    }
    return low < ends.length ? ends[low] : this.#length;
  }
}

function quote(found: string): string {
  const oneLine = found.length > 30 ? `${found.slice(0, 27)}...` : found;
  return `'${oneLine.replace(/\r\n|[\r\n]/gu, "\\n")}'`;
}

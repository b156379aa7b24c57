import type { Position } from "../ast/base.js";

/** Maps UTF-16 offsets to ESLint positions (1-based line, 0-based column). */
export class LineIndex {
  /** Offset at which each line starts. */
  readonly lineStarts: number[] = [0];

  constructor(text: string) {
    const starts = this.lineStarts;
    // Most files break lines with \n alone: indexOf finds them without a match object per line.
    // (ESLint's line breaks, `astUtils.createGlobalLinebreakMatcher`, are \r\n, \r, \n, U+2028 and U+2029.)
    if (!text.includes("\r") && !text.includes("\u2028") && !text.includes("\u2029")) {
      for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 0x2028 || c === 0x2029) starts.push(i + 1);
      else if (c === 13) starts.push(text.charCodeAt(i + 1) === 10 ? ++i + 1 : i + 1);
    }
  }

  /** 0-based line containing `offset`, searching forward from `hint` (a line known not to be after it). */
  lineOf(offset: number, hint = 0): number {
    const starts = this.lineStarts;
    let line = hint;
    // Nodes are created in source order, so the line is usually `hint` or just after it.
    for (let steps = 0; line + 1 < starts.length && starts[line + 1] <= offset; line++) {
      if (++steps === 8) return this.search(offset, line);
    }
    return line;
  }

  private search(offset: number, low: number): number {
    const starts = this.lineStarts;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  position(offset: number, hint = 0): Position {
    const line = this.lineOf(offset, hint);
    return { line: line + 1, column: offset - this.lineStarts[line] };
  }
}

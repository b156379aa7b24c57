import type { Position } from "../ast/base.js";

/** ESLint's line-break rule (`astUtils.createGlobalLinebreakMatcher`): lines end at \r\n, \r, \n, U+2028, U+2029. */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/gu;

/** Maps UTF-16 offsets to ESLint positions (1-based line, 0-based column). */
export class LineIndex {
  /** Offset at which each line starts. */
  readonly lineStarts: number[] = [0];

  constructor(text: string) {
    LINE_BREAK.lastIndex = 0;
    for (let m = LINE_BREAK.exec(text); m; m = LINE_BREAK.exec(text)) this.lineStarts.push(m.index + m[0].length);
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

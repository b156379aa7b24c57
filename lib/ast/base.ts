/** A 1-based line and 0-based column, as ESLint uses them. */
export interface Position {
  line: number;
  column: number;
}

export interface SourceLocation {
  start: Position;
  end: Position;
}

/** `[start, end)` as UTF-16 offsets into the text ESLint reads. */
export type Range = [number, number];

/** What every AST node has besides its type-specific fields. */
export interface PyNodeBase {
  type: string;
  range: Range;
  /**
   * Computed from `range` when read: a getter on the node's prototype, not an own property (`JSON.stringify` and
   * object spread leave it out). Defined for every node the parser produced, each of which reaches its `Program`.
   */
  readonly loc: SourceLocation;
}

/**
 * Token kinds. ESLint's token store only needs `type`, `value`, `range` and `loc`; the names follow ESTree where
 * the meaning is the same so that tools that switch on token types behave sensibly.
 */
export type PyTokenType = "Keyword" | "Punctuator" | "Identifier" | "Numeric" | "String" | "LineContinuation";

export interface PyToken {
  type: PyTokenType;
  value: string;
  range: Range;
  loc: SourceLocation;
}

/** A `# ...` comment. Typed `Block` so that every ESLint directive form works (see docs/ast.md). */
export interface PyComment {
  type: "Block";
  /** The text after `#`. */
  value: string;
  range: Range;
  loc: SourceLocation;
}

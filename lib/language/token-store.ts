import type { PyComment, PyToken, Range } from "../ast/base.js";
import { lowerBound } from "../ast/ranges.js";

type TokenOrComment = PyToken | PyComment;
type Filter = (token: TokenOrComment) => boolean;
/** ESLint's cursor options: a skip count, a filter, or `{ includeComments, filter, skip, count }`. */
export type CursorOptions =
  number | Filter | { includeComments?: boolean; filter?: Filter; skip?: number; count?: number } | undefined;
type HasRange = { range: Range };

interface Normalized {
  includeComments: boolean;
  filter: Filter | undefined;
  skip: number;
  count: number;
}

/** A bare number means `skip` for the single-token methods and `count` for the plural ones, as in ESLint. */
function normalize(options: CursorOptions, defaultCount = 1, numberIs: "skip" | "count" = "skip"): Normalized {
  if (typeof options === "number") {
    return numberIs === "skip"
      ? { includeComments: false, filter: undefined, skip: options, count: defaultCount }
      : { includeComments: false, filter: undefined, skip: 0, count: options };
  }
  if (typeof options === "function") return { includeComments: false, filter: options, skip: 0, count: defaultCount };
  return {
    includeComments: !!options?.includeComments,
    filter: options?.filter,
    skip: options?.skip ?? 0,
    count: options?.count ?? defaultCount,
  };
}

/**
 * ESLint's token-store API over the sorted, disjoint tokens and comments of one file (binary search, no index
 * maps): what core rules and plugin rules call on `sourceCode`.
 */
export class TokenStore {
  #all: TokenOrComment[] | undefined;

  constructor(
    readonly tokens: ReadonlyArray<PyToken>,
    readonly comments: ReadonlyArray<PyComment>,
  ) {}

  /** Tokens and comments merged in source order, built on first use. */
  get all(): ReadonlyArray<TokenOrComment> {
    if (!this.#all) {
      const merged: TokenOrComment[] = [];
      let t = 0;
      let c = 0;
      while (t < this.tokens.length || c < this.comments.length) {
        if (
          c >= this.comments.length ||
          (t < this.tokens.length && this.tokens[t].range[0] < this.comments[c].range[0])
        )
          merged.push(this.tokens[t++]);
        else merged.push(this.comments[c++]);
      }
      this.#all = merged;
    }
    return this.#all;
  }

  #list(includeComments: boolean): ReadonlyArray<TokenOrComment> {
    return includeComments ? this.all : this.tokens;
  }

  /** Walks from `index` in `step` direction inside [low, high), applying skip/filter, collecting up to `count`. */
  #collect(
    list: ReadonlyArray<TokenOrComment>,
    index: number,
    step: 1 | -1,
    o: Normalized,
    low = 0,
    high = list.length,
  ): TokenOrComment[] {
    const out: TokenOrComment[] = [];
    let skip = o.skip;
    for (let i = index; i >= low && i < high && (o.count <= 0 || out.length < o.count); i += step) {
      const token = list[i];
      if (o.filter && !o.filter(token)) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      out.push(token);
    }
    return out;
  }

  getTokenByRangeStart(offset: number, options?: { includeComments?: boolean }): TokenOrComment | null {
    const list = this.#list(!!options?.includeComments);
    const token = list[lowerBound(list, offset)];
    return token && token.range[0] === offset ? token : null;
  }

  getFirstToken(node: HasRange, options?: CursorOptions): TokenOrComment | null {
    return this.getFirstTokens(node, normalizeCount(options, 1))[0] ?? null;
  }

  getFirstTokens(node: HasRange, options?: CursorOptions): TokenOrComment[] {
    const o = normalize(options, 0, "count");
    const list = this.#list(o.includeComments);
    return this.#collect(list, lowerBound(list, node.range[0]), 1, o, 0, lowerBound(list, node.range[1]));
  }

  getLastToken(node: HasRange, options?: CursorOptions): TokenOrComment | null {
    return this.getLastTokens(node, normalizeCount(options, 1))[0] ?? null;
  }

  getLastTokens(node: HasRange, options?: CursorOptions): TokenOrComment[] {
    const o = normalize(options, 0, "count");
    const list = this.#list(o.includeComments);
    const low = lowerBound(list, node.range[0]);
    return this.#collect(list, lowerBound(list, node.range[1]) - 1, -1, o, low).reverse();
  }

  getTokenBefore(node: HasRange, options?: CursorOptions): TokenOrComment | null {
    return this.getTokensBefore(node, normalizeCount(options, 1))[0] ?? null;
  }

  getTokensBefore(node: HasRange, options?: CursorOptions): TokenOrComment[] {
    const o = normalize(options, 0, "count");
    const list = this.#list(o.includeComments);
    return this.#collect(list, lowerBound(list, node.range[0]) - 1, -1, o).reverse();
  }

  getTokenAfter(node: HasRange, options?: CursorOptions): TokenOrComment | null {
    return this.getTokensAfter(node, normalizeCount(options, 1))[0] ?? null;
  }

  getTokensAfter(node: HasRange, options?: CursorOptions): TokenOrComment[] {
    const o = normalize(options, 0, "count");
    const list = this.#list(o.includeComments);
    return this.#collect(list, lowerBound(list, node.range[1]), 1, o);
  }

  /** `getTokens(node, beforeCount, afterCount)` or `getTokens(node, options)`. */
  getTokens(node: HasRange, beforeOrOptions?: number | CursorOptions, afterCount?: number): TokenOrComment[] {
    if (typeof beforeOrOptions === "number" || typeof afterCount === "number") {
      const before = typeof beforeOrOptions === "number" ? beforeOrOptions : 0;
      const list = this.tokens;
      const start = Math.max(0, lowerBound(list, node.range[0]) - before);
      const end = Math.min(list.length, lowerBound(list, node.range[1]) + (afterCount ?? 0));
      return list.slice(start, end);
    }
    return this.getFirstTokens(node, beforeOrOptions);
  }

  getTokensBetween(left: HasRange, right: HasRange, paddingOrOptions?: number | CursorOptions): TokenOrComment[] {
    if (typeof paddingOrOptions === "number") {
      const list = this.tokens;
      const start = Math.max(0, lowerBound(list, left.range[1]) - paddingOrOptions);
      return list.slice(start, Math.min(list.length, lowerBound(list, right.range[0]) + paddingOrOptions));
    }
    const o = normalize(paddingOrOptions, 0);
    const list = this.#list(o.includeComments);
    return this.#collect(list, lowerBound(list, left.range[1]), 1, o, 0, lowerBound(list, right.range[0]));
  }

  getFirstTokenBetween(left: HasRange, right: HasRange, options?: CursorOptions): TokenOrComment | null {
    return this.getTokensBetween(left, right, normalizeCount(options, 1))[0] ?? null;
  }

  getLastTokenBetween(left: HasRange, right: HasRange, options?: CursorOptions): TokenOrComment | null {
    const between = this.getTokensBetween(left, right, normalizeCount(options, 0));
    return between[between.length - 1] ?? null;
  }

  getCommentsBefore(nodeOrToken: HasRange): PyComment[] {
    const out: PyComment[] = [];
    const all = this.all;
    for (let i = lowerBound(all, nodeOrToken.range[0]) - 1; i >= 0 && all[i].type === "Block"; i--)
      out.unshift(all[i] as PyComment);
    return out;
  }

  getCommentsAfter(nodeOrToken: HasRange): PyComment[] {
    const out: PyComment[] = [];
    const all = this.all;
    for (let i = lowerBound(all, nodeOrToken.range[1]); i < all.length && all[i].type === "Block"; i++)
      out.push(all[i] as PyComment);
    return out;
  }

  getCommentsInside(node: HasRange): PyComment[] {
    return this.comments.slice(lowerBound(this.comments, node.range[0]), lowerBound(this.comments, node.range[1]));
  }

  commentsExistBetween(left: HasRange, right: HasRange): boolean {
    const i = lowerBound(this.comments, left.range[1]);
    return i < this.comments.length && this.comments[i].range[1] <= right.range[0];
  }
}

function normalizeCount(options: CursorOptions, count: number): CursorOptions {
  const o = normalize(options, count);
  return { ...o, count };
}

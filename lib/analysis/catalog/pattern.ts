/**
 * The one callee grammar of the plugin. A pattern is
 * - `a.b.c`: exactly that qualified name (after imports and aliases);
 * - `a.b.*`: anything under `a.b` (`a.b.c`, `a.b.c.d`), not `a.b` itself;
 * - `*.b.c`: a suffix, for wrappers reached through objects we cannot name (`*.netns.execute` matches
 *   `ip_lib.IPWrapper().netns.execute` and a bare `netns.execute`).
 * A receiver built by a known call is named with `()`: `requests.Session().get`, `re.compile().match`.
 *
 * A matcher compiles any number of patterns into three maps, so matching one name costs a few lookups per
 * dotted segment whatever the number of patterns (Ruff's single `match` over qualified names is the model).
 */
export type CalleePattern = string;

const PATTERN = /^(\*\.)?[A-Za-z_][\w]*(\(\))?(\.[A-Za-z_][\w]*(\(\))?)*(\.\*)?$/u;

/** Why a pattern is not in the grammar, or null when it is. Options that take patterns report this to the user. */
export function patternError(pattern: string): string | null {
  if (typeof pattern !== "string" || !pattern) return "a callee pattern must be a non-empty string";
  if (pattern.startsWith("*.") && pattern.endsWith(".*"))
    return `\`${pattern}\`: a pattern is a qualified name (\`a.b.c\`), a module wildcard (\`a.b.*\`) or a suffix (\`*.b.c\`), not both`;
  if (!PATTERN.test(pattern))
    return `\`${pattern}\` is not a callee pattern: write a dotted name (\`subprocess.run\`), \`module.*\` or \`*.suffix.name\``;
  return null;
}

export class CalleeMatcher<Entry = true> {
  readonly #exact = new Map<string, Entry[]>();
  readonly #under = new Map<string, Entry[]>();
  readonly #suffix = new Map<string, Entry[]>();
  readonly #cache = new Map<string, readonly Entry[]>();
  /** The patterns, as given (for docs and error messages). */
  readonly patterns: string[] = [];

  constructor(entries: Iterable<readonly [CalleePattern, Entry]> = []) {
    for (const [pattern, entry] of entries) this.add(pattern, entry);
  }

  /** A copy, to extend without changing this one. */
  clone(): CalleeMatcher<Entry> {
    const copy = new CalleeMatcher<Entry>();
    for (const [from, to] of [
      [this.#exact, copy.#exact],
      [this.#under, copy.#under],
      [this.#suffix, copy.#suffix],
    ] as const)
      for (const [key, list] of from) to.set(key, [...list]);
    copy.patterns.push(...this.patterns);
    return copy;
  }

  /** A matcher whose entries are the patterns themselves. */
  static of(patterns: Iterable<CalleePattern>): CalleeMatcher<CalleePattern> {
    return new CalleeMatcher([...patterns].map((p) => [p, p] as const));
  }

  add(pattern: CalleePattern, entry: Entry): this {
    const error = patternError(pattern);
    if (error) throw new TypeError(error);
    this.patterns.push(pattern);
    this.#cache.clear();
    if (pattern.startsWith("*.")) push(this.#suffix, pattern.slice(2), entry);
    else if (pattern.endsWith(".*")) push(this.#under, pattern.slice(0, -2), entry);
    else push(this.#exact, pattern, entry);
    return this;
  }

  /** The entries whose pattern matches `name`, in the order exact, module, suffix (memoised per name). */
  match(name: string | null | undefined): readonly Entry[] {
    if (!name) return NONE as readonly Entry[];
    let found = this.#cache.get(name);
    if (found) return found;
    const out: Entry[] = [];
    const exact = this.#exact.get(name);
    if (exact) out.push(...exact);
    if (this.#under.size || this.#suffix.size) {
      // Every dot splits the name into a module part (for `a.b.*`) and a suffix part (for `*.b.c`).
      for (let dot = name.indexOf("."); dot !== -1; dot = name.indexOf(".", dot + 1)) {
        const under = this.#under.get(name.slice(0, dot));
        if (under) out.push(...under);
      }
      const whole = this.#suffix.get(name);
      if (whole) out.push(...whole);
      for (let dot = name.indexOf("."); dot !== -1; dot = name.indexOf(".", dot + 1)) {
        const suffix = this.#suffix.get(name.slice(dot + 1));
        if (suffix) out.push(...suffix);
      }
    }
    found = out.length ? out : (NONE as readonly Entry[]);
    this.#cache.set(name, found);
    return found;
  }

  matches(name: string | null | undefined): boolean {
    return this.match(name).length > 0;
  }

  first(name: string | null | undefined): Entry | undefined {
    return this.match(name)[0];
  }
}

const NONE: readonly never[] = Object.freeze([]);

function push<Entry>(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * The optional native walker (lib/native): tree-sitter-python compiled into a small addon that parses and
 * returns the tree as one flat Int32Array (see walker.c for the layout). Conversion then reads a typed array
 * instead of crossing into native code for every cursor step (~6x cheaper on Neutron). When the addon was not
 * built (no compiler at install time) or `PYTHON_AUDIT_NATIVE=0` is set, everything goes through the tree-sitter
 * binding as before; the ASTs are the same (a test compares them).
 */

interface Grammar {
  symbols: string[];
  named: boolean[];
  fields: string[];
}
interface Addon {
  /** Int32 values written into `target`, minus that count when `target` is too small, null on syntax errors. */
  parse(text: string, target: Int32Array): number | null;
  copyLast(target: Int32Array): void;
  /** Sets this thread's arena limit in bytes when given (tests); says whether the last parse spilled past it. */
  arenaLimit(bytes?: number): { limit: number; spilled: boolean };
  grammar(): Grammar;
}

const RECORD = 5;
/** Where `node-gyp rebuild -C lib/native` puts the addon, seen from dist/lib/parser (the code that runs). */
const ADDON_PATH = join(__dirname, "..", "..", "..", "lib", "native", "build", "Release", "python_audit_walker.node");

let addon: Addon | null | undefined;
let grammar: Grammar;

/** The addon, loaded once per thread; null when it is absent, disabled or fails to load. */
export function nativeWalker(): Addon | null {
  if (addon !== undefined) return addon;
  addon = null;
  if (process.env.PYTHON_AUDIT_NATIVE === "0") return addon;
  if (!existsSync(ADDON_PATH)) return addon;
  try {
    const loaded = require(ADDON_PATH) as Addon;
    grammar = loaded.grammar();
    addon = loaded;
  } catch {
    // A stale or foreign binary (another Node ABI, another platform): the binding's path still works.
    addon = null;
  }
  return addon;
}

/**
 * Parses `text` natively: a tree to convert, `null` when tree-sitter found syntax errors (the caller then asks
 * the binding, which can explain them), or `undefined` when there is no native walker.
 */
export function parseFlat(text: string): FlatTree | null | undefined {
  const walker = nativeWalker();
  if (!walker) return undefined;
  let count = walker.parse(text, buffer);
  if (count === null) return null;
  if (count < 0) {
    count = -count;
    buffer = new Int32Array(Math.max(count, buffer.length * 2));
    walker.copyLast(buffer);
  } else if (buffer.length > SHRINK_ABOVE && count < buffer.length / 8) {
    // After an unusually large file, give the memory back rather than keep it for the rest of the run.
    const smaller = new Int32Array(INITIAL_BUFFER);
    if (count <= smaller.length) {
      smaller.set(buffer.subarray(0, count));
      buffer = smaller;
    }
  }
  return new FlatTree(buffer, ++currentGeneration);
}

/** One record buffer per thread, reused for every file: an ArrayBuffer per file would be returned to the OS late. */
const INITIAL_BUFFER = 1 << 20;
const SHRINK_ABOVE = 1 << 24;
let buffer = new Int32Array(INITIAL_BUFFER);
let currentGeneration = 0;

/** A parsed tree as flat records, walkable with the TreeCursor subset the converter uses. */
export class FlatTree {
  constructor(
    readonly records: Int32Array,
    readonly generation: number,
  ) {}
  /** Walks the records; only until the next parse, which reuses the buffer. */
  walk(): FlatCursor {
    if (this.generation !== currentGeneration)
      throw new Error("FlatTree: the records were overwritten by a later parse; convert a tree right after parsing it");
    return new FlatCursor(this.records);
  }
}

/** TreeCursor over flat records: plain typed-array reads, no native calls. */
export class FlatCursor {
  #index = 0;
  readonly #parents: number[] = [];
  readonly #records: Int32Array;
  constructor(records: Int32Array) {
    this.#records = records;
  }
  get nodeTypeId(): number {
    return this.#records[this.#index];
  }
  get currentFieldId(): number {
    return this.#records[this.#index + 1];
  }
  get startIndex(): number {
    return this.#records[this.#index + 2];
  }
  get endIndex(): number {
    return this.#records[this.#index + 3];
  }
  get nodeType(): string {
    return grammar.symbols[this.nodeTypeId];
  }
  get nodeIsNamed(): boolean {
    return grammar.named[this.nodeTypeId];
  }
  get currentFieldName(): string {
    return grammar.fields[this.currentFieldId];
  }
  gotoFirstChild(): boolean {
    if (this.#records[this.#index + 4] === 1) return false;
    this.#parents.push(this.#index);
    this.#index += RECORD;
    return true;
  }
  gotoNextSibling(): boolean {
    const parents = this.#parents;
    if (!parents.length) return false;
    const parent = parents[parents.length - 1];
    const next = this.#index + this.#records[this.#index + 4] * RECORD;
    if (next >= parent + this.#records[parent + 4] * RECORD) return false;
    this.#index = next;
    return true;
  }
  gotoParent(): boolean {
    const parent = this.#parents.pop();
    if (parent === undefined) return false;
    this.#index = parent;
    return true;
  }
}

import type { CalleePattern } from "./pattern.js";

/** Other tools' names for a check, carried by catalog entries so that rules, `# nosec` and reports agree. */
export interface CheckReference {
  /** Bandit test id (`B602`). */
  bandit?: string;
  /** Ruff rule code (`S602`). */
  ruff?: string;
  /** CWE number (78 for OS command injection). */
  cwe?: number;
}

/** What a sink does with the value that reaches it. */
export type SinkKind =
  | "shell" // a shell command line
  | "argv" // an argument vector run without a shell
  | "sql"
  | "template"
  | "url"
  | "path"
  | "deserialise"
  | "eval";

/** Where in a call a value is: a position, one of several keywords, or every positional argument (varargs). */
export interface ArgumentSlot {
  position?: number;
  keywords?: readonly string[];
  /** Every positional argument from `position` (default 0) on is one element (`os.execl(path, arg0, ...)`). */
  varargs?: boolean;
  /** Decided per call: `varargs` when the call has several positional arguments, else the one at `position`. */
  auto?: boolean;
}

export interface SinkEntry extends CheckReference {
  callee: CalleePattern;
  kind: SinkKind;
  /** The argument that carries the command, query, template, ... */
  argument: ArgumentSlot;
  /** A keyword that switches the sink to another kind when truthy (`subprocess.run(..., shell=True)`). */
  switch?: { keyword: string; whenTruthy: SinkKind } & CheckReference;
  /** Skip this many leading argv elements of a varargs sink (`os.spawnl(mode, path, ...)`: the mode). */
  skip?: number;
  /** Positional arguments that are argv elements besides the list (`os.execv(path, args)`: the path). */
  elements?: readonly number[];
  /** The command name may be looked up in `PATH` (a standard-library process call: Bandit B607 applies). */
  searchesPath?: boolean;
}

/** A sanitizer makes a value safe for the given sink kinds (`shlex.quote` for a shell). */
export interface SanitizerEntry {
  callee: CalleePattern;
  for: readonly SinkKind[];
}

/** A source of untrusted data: a call (`input()`), or a value (`sys.argv`). */
export interface SourceEntry {
  callee?: CalleePattern;
  value?: CalleePattern;
  /** Where the data comes from, in words ("the command line"); the trace adds the expression. */
  description?: string;
}

/** A resource-creating callee and the methods that release what it returns. */
export interface ResourceEntry {
  callee: CalleePattern;
  release: readonly string[];
}

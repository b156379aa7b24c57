import type { CalleePattern } from "./pattern.js";
import type { SourceEntry } from "./types.js";

/** Where untrusted data enters a process besides a function's parameters. */
export const PROCESS_INPUT_SOURCES: readonly SourceEntry[] = [
  { callee: "os.getenv" },
  { callee: "os.environ.get" },
  { callee: "input" },
  { callee: "raw_input" },
  { callee: "sys.stdin.read" },
  { callee: "sys.stdin.readline" },
  { callee: "sys.stdin.readlines" },
  { value: "sys.argv" },
  { value: "os.environ" },
];

/** Calls whose result carries the taint of their arguments. */
export const PROPAGATING_CALLS: readonly CalleePattern[] = [
  "str",
  "repr",
  "format",
  "os.path.join",
  "os.path.basename",
  "os.path.dirname",
  "os.path.abspath",
  "os.path.normpath",
  "os.fspath",
  "pathlib.Path",
];

/** String methods whose result carries the taint of the string they are called on (`.format`/`.join`: and of their arguments). */
export const PROPAGATING_METHODS: readonly string[] = [
  "strip",
  "lstrip",
  "rstrip",
  "lower",
  "upper",
  "replace",
  "split",
  "rsplit",
  "format",
  "join",
  "encode",
  "decode",
  "title",
  "casefold",
  "splitlines",
  "partition",
];
export const ARGUMENT_PROPAGATING_METHODS: readonly string[] = ["format", "join"];

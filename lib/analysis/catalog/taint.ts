import type { CalleePattern } from "./pattern.js";
import type { SourceEntry } from "./types.js";

/** Where untrusted data enters a process besides a function's parameters. */
export const PROCESS_INPUT_SOURCES: readonly SourceEntry[] = [
  { callee: "os.getenv", description: "the environment" },
  { callee: "os.environ.get", description: "the environment" },
  { callee: "input", description: "user input" },
  { callee: "raw_input", description: "user input" },
  { callee: "sys.stdin.read", description: "standard input" },
  { callee: "sys.stdin.readline", description: "standard input" },
  { callee: "sys.stdin.readlines", description: "standard input" },
  { value: "sys.argv", description: "the command line" },
  { value: "os.environ", description: "the environment" },
  // Request objects of web frameworks: everything on them comes from the client.
  { value: "flask.request.*", description: "the HTTP request" },
  { callee: "flask.request.*", description: "the HTTP request" },
  { value: "pecan.request.*", description: "the HTTP request" },
  { callee: "pecan.request.*", description: "the HTTP request" },
];

/**
 * A program's own arguments passed on whole (`os.execv(sys.executable, [sys.executable] + sys.argv)` re-executes
 * itself): not an injection, whoever gave them.
 */
export const PASS_THROUGH_ARGV: readonly string[] = ["sys.argv"];

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

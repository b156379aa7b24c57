import type { CalleePattern } from "./pattern.js";
import type { ResourceEntry } from "./types.js";

/** Resource-creating callees and the methods that release what they return. */
export const RESOURCES: readonly ResourceEntry[] = [
  ...[
    "open",
    "io.open",
    "codecs.open",
    "os.fdopen",
    "gzip.open",
    "bz2.open",
    "lzma.open",
    "tarfile.open",
    "zipfile.ZipFile",
    "tempfile.NamedTemporaryFile",
    "tempfile.TemporaryFile",
    "tempfile.SpooledTemporaryFile",
    "socket.socket",
    "socket.create_connection",
    "sqlite3.connect",
    "urllib.request.urlopen",
  ].map((callee) => ({ callee, release: ["close"] })),
  { callee: "tempfile.TemporaryDirectory", release: ["cleanup"] },
  { callee: "subprocess.Popen", release: ["wait", "communicate"] },
];

/** Lock factories: `acquire()` on what they return must be paired with `release()`. */
export const LOCK_FACTORIES: readonly CalleePattern[] = [
  "threading.Lock",
  "threading.RLock",
  "threading.Semaphore",
  "threading.BoundedSemaphore",
  "threading.Condition",
  "multiprocessing.Lock",
  "multiprocessing.RLock",
  "multiprocessing.Semaphore",
];

/** Calls that read from a resource they are given but do not close it: passing a fresh resource to them leaks it. */
export const CONSUMING_CALLS: readonly CalleePattern[] = [
  "json.load",
  "pickle.load",
  "yaml.load",
  "yaml.safe_load",
  "yaml.full_load",
  "csv.reader",
  "csv.writer",
  "csv.DictReader",
  "csv.DictWriter",
  "list",
  "tuple",
  "set",
  "sorted",
  "enumerate",
  "zip",
  "len",
  "sum",
  "next",
  "iter",
  "dict",
  "str",
  "bytes",
  "print",
  "*.jsonutils.load",
];

/** Calls that take ownership of a resource so that it is released (`contextlib.closing(x)`). */
export const OWNERSHIP_TAKERS: readonly CalleePattern[] = ["*.closing"];
/** Methods that take ownership of what they are given (`stack.enter_context(x)`, `stack.callback(x.close)`). */
export const OWNERSHIP_METHODS: readonly string[] = ["enter_context", "push", "callback", "enter_async_context"];

/** Methods through which a resource is handed to another owner (entered by hand, or its raw handle detached). */
export const HANDOFF_METHODS: readonly string[] = ["__enter__", "detach"];

/** Keyword arguments of process calls that take a file the caller keeps owning (`subprocess.Popen(..., stdout=f)`). */
export const STDIO_KEYWORDS: readonly string[] = ["stdin", "stdout", "stderr"];

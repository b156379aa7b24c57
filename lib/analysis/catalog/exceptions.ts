import type { CalleePattern } from "./pattern.js";

/** Handlers catching these catch (nearly) everything. */
export const BROAD_EXCEPTIONS: readonly CalleePattern[] = [
  "Exception",
  "BaseException",
  "builtins.Exception",
  "builtins.BaseException",
];

/** Context managers that re-raise the active exception on exit (unless told not to with `.reraise = False`). */
export const RERAISING_CONTEXT_MANAGERS: readonly CalleePattern[] = [
  "oslo_utils.excutils.save_and_reraise_exception",
  "*.excutils.save_and_reraise_exception",
];

/** Calls that never return normally: process exits, and test-framework failures that always raise. */
export const NEVER_RETURNING_CALLS: readonly CalleePattern[] = [
  "sys.exit",
  "os._exit",
  "os.abort",
  "exit",
  "quit",
  "self.fail",
  "self.skipTest",
  "pytest.fail",
  "pytest.skip",
  "pytest.exit",
];

/** Context managers inside which code is expected to raise (`with self.assertRaises(...)`). */
export const EXPECTED_FAILURE_CONTEXTS: readonly CalleePattern[] = [
  "*.assertRaises",
  "*.assertRaisesRegex",
  "*.assertRaisesRegexp",
  "*.assertWarns",
  "*.assertWarnsRegex",
  "*.raises",
];

/**
 * What a call is known to raise, for narrowing a broad handler to what its `try` body can raise; `[]` for calls
 * that raise nothing worth catching. A call that matches nothing here is unknown, and then nothing is suggested.
 * The first matching entry wins.
 */
export const KNOWN_EXCEPTIONS: ReadonlyArray<readonly [CalleePattern, readonly string[]]> = [
  ["open", ["OSError"]],
  ["io.open", ["OSError"]],
  ["codecs.open", ["OSError"]],
  ["os.path.join", []],
  ["os.path.basename", []],
  ["os.path.dirname", []],
  ["os.path.splitext", []],
  ["os.path.split", []],
  ["os.path.normpath", []],
  ["os.path.abspath", []],
  ["os.path.*", []],
  ["os.*", ["OSError"]],
  ["shutil.*", ["OSError"]],
  ["socket.*", ["OSError"]],
  ["int", ["ValueError"]],
  ["float", ["ValueError"]],
  ["json.loads", ["ValueError"]],
  ["uuid.UUID", ["ValueError"]],
  ["ipaddress.ip_address", ["ValueError"]],
  ["ipaddress.ip_network", ["ValueError"]],
  ["ipaddress.ip_interface", ["ValueError"]],
  ["json.load", ["OSError", "ValueError"]],
  ["subprocess.check_call", ["OSError", "subprocess.CalledProcessError"]],
  ["subprocess.check_output", ["OSError", "subprocess.CalledProcessError"]],
  ["str", []],
  ["len", []],
  ["repr", []],
  ["bool", []],
  ["isinstance", []],
];

/** The attribute of a re-raising manager's `as` target that turns re-raising off (`ctx.reraise = False`). */
export const RERAISE_SWITCH_ATTRIBUTE = "reraise";

/** Methods that record a caught exception for later (a list of failures, a future's result, a queue). */
export const EXCEPTION_RECORDING_METHODS: readonly string[] = ["append", "add", "put", "put_nowait", "set_exception"];

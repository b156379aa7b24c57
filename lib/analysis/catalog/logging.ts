import type { CalleePattern } from "./pattern.js";

/** Methods of the stdlib/oslo logger API. */
export const LOG_METHODS: readonly string[] = [
  "debug",
  "info",
  "warning",
  "warn",
  "error",
  "exception",
  "critical",
  "fatal",
  "log",
];

/** Modules that are loggers themselves (`logging.warning(...)`). */
export const LOGGER_MODULES: readonly CalleePattern[] = ["logging"];

/** Calls that return a logger: a name bound to one is a logger. */
export const LOGGER_FACTORIES: readonly CalleePattern[] = ["*.getLogger", "*.get_logger", "*.getChild"];

/** Conventional logger names (oslo's `LOG`, the stdlib's `logger`), recognised without a `getLogger` binding. */
export const CONVENTIONAL_LOGGER_NAMES: readonly string[] = [
  "LOG",
  "log",
  "logger",
  "LOGGER",
  "_LOG",
  "_LOGGER",
  "_log",
  "_logger",
];
/** Logger attributes of `self`/`cls` (`self.log.debug(...)`). */
export const CONVENTIONAL_LOGGER_ATTRIBUTES: readonly string[] = ["log", "logger", "LOG", "_log", "_logger", "_LOG"];

/** Calls that write the active exception's traceback (for handlers that log it). */
export const TRACEBACK_WRITERS: readonly CalleePattern[] = [
  "traceback.print_exc",
  "traceback.print_exception",
  "traceback.format_exc",
  "traceback.format_exception",
];

/**
 * Calls that report an error without the logging module: standard error, and the error-logging methods of
 * frameworks (`self.log_error(...)` in lib2to3 and Twisted-style code). A handler that calls one is "logged".
 */
export const ERROR_REPORTERS: readonly CalleePattern[] = [
  "sys.stderr.write",
  "sys.__stderr__.write",
  "*.log_error",
  "*.log_exception",
];

/**
 * Objects that hold every setting or variable at once (passwords included), by qualified name or as written. A
 * name such as `conf` is no evidence: a value is a configuration object when it comes from one of these or from
 * a `CONFIG_FACTORIES` call (lib/analysis/logging.ts `isWholeObject`).
 */
export const WHOLE_OBJECTS: readonly CalleePattern[] = [
  "oslo_config.cfg.CONF",
  "os.environ",
  "request.headers",
  "self.request.headers",
];
/** Calls that construct a whole configuration. */
export const CONFIG_FACTORIES: readonly CalleePattern[] = ["oslo_config.cfg.ConfigOpts"];
/** Calls that return every variable of a scope. */
export const WHOLE_SCOPE_CALLS: readonly CalleePattern[] = ["locals", "vars", "globals"];

/** Known masking functions; besides them, any callee whose name says it masks (`MASKING_NAME`). */
export const MASKING_FUNCTIONS: readonly CalleePattern[] = [
  "oslo_utils.strutils.mask_password",
  "oslo_utils.strutils.mask_dict_password",
  "strutils.mask_password",
  "strutils.mask_dict_password",
];
export const MASKING_NAME = /mask|redact|sanitize|scrub|obfuscate/iu;

/** The import a masking function needs when a suggestion writes it as `module.function(...)`. */
export const MASKER_IMPORTS: Readonly<Record<string, string>> = {
  "strutils.mask_password": "from oslo_utils import strutils",
  "strutils.mask_dict_password": "from oslo_utils import strutils",
};

/** Functions whose result says nothing about the value itself. */
export const HARMLESS_CALLS: readonly CalleePattern[] = [
  "len",
  "bool",
  "type",
  "id",
  "hash",
  "isinstance",
  "callable",
  "sorted",
  "list",
  // The policy view of a request context: roles, user, project and domain ids (oslo.context), no secrets.
  "*.to_policy_values",
];

/**
 * Policy checks (oslo.policy `Enforcer.enforce`/`authorize` and the services' wrappers): the "credentials" they are
 * given are the caller's roles and ids, so a value handed to one in the same function is not a secret whatever its
 * name.
 */
export const POLICY_ENFORCERS: readonly CalleePattern[] = ["*.enforce", "*.authorize", "*.check_is_admin"];

/** Keyword arguments of logging calls: the one that records the traceback, and the one whose dict is logged too. */
export const LOG_TRACEBACK_KEYWORD = "exc_info";
export const LOG_EXTRA_KEYWORD = "extra";
/** The logging method that records the traceback by itself. */
export const LOG_EXCEPTION_METHOD = "exception";

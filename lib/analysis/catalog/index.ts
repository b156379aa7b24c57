/**
 * The catalog: everything the plugin knows about Python APIs, as data (sinks, sources, sanitizers, validators,
 * resources, loggers, exceptions), compiled once into matchers over qualified names. Rules and the analyses read
 * it here and nowhere else; rule options and team rules extend it with `extendMatcher`.
 */
import { COMMAND_SANITIZERS, COMMAND_SINKS } from "./commands.js";
import {
  BROAD_EXCEPTIONS,
  EXPECTED_FAILURE_CONTEXTS,
  KNOWN_EXCEPTIONS,
  NEVER_RETURNING_CALLS,
  RERAISING_CONTEXT_MANAGERS,
} from "./exceptions.js";
import {
  HARMLESS_CALLS,
  LOGGER_FACTORIES,
  LOGGER_MODULES,
  ERROR_REPORTERS,
  MASKING_FUNCTIONS,
  POLICY_ENFORCERS,
  TRACEBACK_WRITERS,
  WHOLE_OBJECTS,
  CONFIG_FACTORIES,
  WHOLE_SCOPE_CALLS,
} from "./logging.js";
import { CalleeMatcher, type CalleePattern } from "./pattern.js";
import { CONSUMING_CALLS, LOCK_FACTORIES, OWNERSHIP_TAKERS, RESOURCES } from "./resources.js";
import { PROCESS_INPUT_SOURCES, PROPAGATING_CALLS } from "./taint.js";
import { REGEX_VALIDATORS, VALIDATING_CONVERSIONS, VALUE_PRESERVING_CONVERSIONS } from "./validation.js";

export * from "./code-execution.js";
export * from "./commands.js";
export * from "./deserialization.js";
export * from "./constants.js";
export * from "./exceptions.js";
export * from "./logging.js";
export * from "./modules.js";
export * from "./openstack.js";
export * from "./pattern.js";
export * from "./resources.js";
export * from "./sql.js";
export * from "./taint.js";
export * from "./templates.js";
export * from "./types.js";
export * from "./validation.js";

const set = (patterns: readonly CalleePattern[]) => CalleeMatcher.of(patterns);

/** The compiled catalog (matchers built once per process). */
export const catalog = {
  commandSinks: new CalleeMatcher(COMMAND_SINKS.map((entry) => [entry.callee, entry] as const)),
  commandSanitizers: new CalleeMatcher(COMMAND_SANITIZERS.map((entry) => [entry.callee, entry] as const)),
  processInputCalls: new CalleeMatcher(
    PROCESS_INPUT_SOURCES.filter((s) => s.callee).map((entry) => [entry.callee!, entry] as const),
  ),
  processInputValues: new CalleeMatcher(
    PROCESS_INPUT_SOURCES.filter((s) => s.value).map((entry) => [entry.value!, entry] as const),
  ),
  propagatingCalls: set(PROPAGATING_CALLS),
  validatingConversions: set(VALIDATING_CONVERSIONS),
  valuePreservingConversions: set(VALUE_PRESERVING_CONVERSIONS),
  regexValidators: new CalleeMatcher(REGEX_VALIDATORS.map((entry) => [entry.callee, entry] as const)),
  resources: new CalleeMatcher(RESOURCES.map((entry) => [entry.callee, entry] as const)),
  lockFactories: set(LOCK_FACTORIES),
  consumingCalls: set(CONSUMING_CALLS),
  ownershipTakers: set(OWNERSHIP_TAKERS),
  loggerModules: set(LOGGER_MODULES),
  loggerFactories: set(LOGGER_FACTORIES),
  tracebackWriters: set(TRACEBACK_WRITERS),
  errorReporters: set(ERROR_REPORTERS),
  wholeObjects: set(WHOLE_OBJECTS),
  configFactories: set(CONFIG_FACTORIES),
  wholeScopeCalls: set(WHOLE_SCOPE_CALLS),
  maskingFunctions: set(MASKING_FUNCTIONS),
  harmlessCalls: set(HARMLESS_CALLS),
  policyEnforcers: set(POLICY_ENFORCERS),
  broadExceptions: set(BROAD_EXCEPTIONS),
  reraisingContextManagers: set(RERAISING_CONTEXT_MANAGERS),
  neverReturningCalls: set(NEVER_RETURNING_CALLS),
  expectedFailureContexts: set(EXPECTED_FAILURE_CONTEXTS),
  knownExceptions: new CalleeMatcher(KNOWN_EXCEPTIONS.map(([callee, raised]) => [callee, raised] as const)),
} as const;

export type Catalog = typeof catalog;

const extended = new WeakMap<CalleeMatcher<unknown>, Map<string, CalleeMatcher<unknown>>>();

/**
 * A matcher with the entries of `base` and more (from rule options or a team's config), cached per base and
 * extension so that a rule's `create` does not recompile it for every file.
 */
export function extendMatcher<Entry>(
  base: CalleeMatcher<Entry>,
  more: ReadonlyArray<readonly [CalleePattern, Entry]>,
): CalleeMatcher<Entry> {
  if (!more.length) return base;
  const key = JSON.stringify(more);
  let byKey = extended.get(base as CalleeMatcher<unknown>);
  if (!byKey) extended.set(base as CalleeMatcher<unknown>, (byKey = new Map()));
  let matcher = byKey.get(key) as CalleeMatcher<Entry> | undefined;
  if (!matcher) {
    matcher = base.clone();
    for (const [pattern, entry] of more) matcher.add(pattern, entry);
    byKey.set(key, matcher as CalleeMatcher<unknown>);
  }
  return matcher;
}

/** `extendMatcher` for matchers whose entries are their patterns. */
export function extendPatterns(
  base: CalleeMatcher<CalleePattern>,
  more: readonly CalleePattern[],
): CalleeMatcher<CalleePattern> {
  return extendMatcher(
    base,
    more.map((p) => [p, p] as const),
  );
}

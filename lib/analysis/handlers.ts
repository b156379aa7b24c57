import {
  blockStatements,
  caughtName,
  isStatement,
  handlerBody,
  keywordArgument,
  unparenthesize,
  withItems,
} from "../ast/accessors.js";
import type { PyCall, PyExceptClause, PyNode } from "../ast/generated/node-types.js";
import type { PythonModel } from "./model.js";
import type { Binding } from "./scopes.js";
import {
  catalog,
  extendPatterns,
  LOG_EXCEPTION_METHOD,
  LOG_METHODS,
  LOG_TRACEBACK_KEYWORD,
  RERAISE_SWITCH_ATTRIBUTE,
  EXCEPTION_RECORDING_METHODS,
  type CalleeMatcher,
  type CalleePattern,
} from "./catalog/index.js";
import { alwaysExits, contains } from "./statements.js";
import { truthiness } from "./values.js";

/** The calls of a statement list, not looking into nested functions, lambdas or classes. */
export function callsIn(statements: PyNode[], model: PythonModel): PyCall[] {
  const out: PyCall[] = [];
  if (!statements.length) return out;
  const start = statements[0].range[0];
  const end = statements[statements.length - 1].range[1];
  for (const node of model.nodesWithin(start, end)) {
    if (node.type !== "PyCall" || node.range[1] > end) continue;
    let nested = false;
    for (let p = node.parent as PyNode | null; p && p.range[0] >= start; p = p.parent as PyNode | null) {
      if (p.type === "PyFunctionDefinition" || p.type === "PyLambda" || p.type === "PyClassDefinition") nested = true;
    }
    if (!nested) out.push(node);
  }
  return out;
}

/** Whether a call is a logging call (`LOG.error(...)`, `logging.warning(...)`, `self.logger.error(...)`). */
export function isLoggingCall(call: PyCall, model: PythonModel, extraLoggers?: ReadonlySet<string>): boolean {
  const callee = call.function;
  return (
    callee.type === "PyAttribute" &&
    LOG_METHOD_SET.has(callee.attribute.name) &&
    model.isLogger(callee.object, extraLoggers)
  );
}
const LOG_METHOD_SET = new Set(LOG_METHODS);

/**
 * The function a call runs when it is defined in this file: a module-level or local `def` called by name, or a
 * method of the caller's class called as `self.method(...)`.
 */
export function localDefinition(call: PyCall, model: PythonModel): PyNode | null {
  const callee = unparenthesize(call.function);
  let binding: Binding | undefined;
  if (callee?.type === "PyIdentifier") binding = model.reachingBindings(callee.name, callee).at(-1);
  else if (callee?.type === "PyAttribute") {
    const receiver = unparenthesize(callee.object);
    if (receiver?.type !== "PyIdentifier") return null;
    const method = model.resolveScope(receiver.name, receiver);
    if (method?.kind !== "function" || method.parent?.kind !== "class" || method.parameters[0] !== receiver.name)
      return null;
    const defs = method.parent.bindings.get(callee.attribute.name);
    binding = defs?.length === 1 ? defs[0] : undefined;
  }
  return binding?.kind === "def" && binding.value?.type === "PyFunctionDefinition" ? binding.value : null;
}

/**
 * Whether a call is a logging call, or calls a function of this file that makes one (a project's own
 * `self._log_failure()` helper), one level deep.
 */
export function logs(call: PyCall, model: PythonModel): boolean {
  if (isLoggingCall(call, model) || logsTraceback(call, model)) return true;
  if (model.matchCallee(call, catalog.errorReporters).length) return true;
  const helper = localDefinition(call, model);
  if (!helper || helper.type !== "PyFunctionDefinition") return false;
  return callsIn(blockStatements(helper.body), model).some(
    (inner) =>
      isLoggingCall(inner, model) ||
      logsTraceback(inner, model) ||
      model.matchCallee(inner, catalog.errorReporters).length > 0,
  );
}

/** Whether a logging call records the traceback: `LOG.exception(...)`, `exc_info=True`, `traceback.print_exc()`. */
export function logsTraceback(call: PyCall, model: PythonModel): boolean {
  if (model.matchCallee(call, catalog.tracebackWriters).length) return true;
  if (!isLoggingCall(call, model)) return false;
  if (call.function.type === "PyAttribute" && call.function.attribute.name === LOG_EXCEPTION_METHOD) return true;
  const excInfo = keywordArgument(call, LOG_TRACEBACK_KEYWORD);
  // `exc_info=True`, `exc_info=err`, `exc_info=sys.exc_info()`: anything not known to be false.
  return !!excInfo && truthiness(model, excInfo) !== false;
}

/** The catalog's re-raising context managers plus a rule's (each a qualified name, a suffix, or a pattern). */
export function reraisingManagersWith(names: readonly string[]): CalleeMatcher<CalleePattern> {
  return extendPatterns(catalog.reraisingContextManagers, names.map(asSuffixPattern));
}

/** A name from a rule option: a pattern as it is, else the name or any longer name ending with it (`*.name`). */
export function asSuffixPattern(name: string): CalleePattern {
  return name.includes("*") ? name : `*.${name}`;
}

/**
 * Whether a `with` statement enters a re-raising context manager (`with excutils.save_and_reraise_exception():`)
 * — unless its body sets `<alias>.reraise = False`.
 */
export function isReraisingWith(statement: PyNode, model: PythonModel, managers: CalleeMatcher<unknown>): boolean {
  if (statement.type !== "PyWithStatement") return false;
  for (const { value, target } of withItems(statement)) {
    const alias = target?.type === "PyIdentifier" ? target.name : null;
    if (value.type !== "PyCall" || !model.matchCallee(value, managers).length) continue;
    if (alias && suppressesReraise(statement, alias, model)) return false;
    return true;
  }
  return false;
}

function suppressesReraise(statement: PyNode, alias: string, model: PythonModel): boolean {
  for (const node of model.nodesWithin(statement.range[0], statement.range[1])) {
    if (node.type !== "PyAssignment") continue;
    const left = node.left;
    if (
      left.type === "PyAttribute" &&
      left.attribute.name === RERAISE_SWITCH_ATTRIBUTE &&
      left.object.type === "PyIdentifier" &&
      left.object.name === alias
    ) {
      return node.right?.type === "PyFalse";
    }
  }
  return false;
}

/** Whether every path out of a handler's body raises (re-raise, raise X, a re-raising context manager, exit). */
export function alwaysReraises(handler: PyExceptClause, model: PythonModel, managers: CalleeMatcher<unknown>): boolean {
  const exits = alwaysExits(handlerBody(handler), {
    ...model.exitRules,
    isRaisingContext: (w) => isReraisingWith(w, model, managers),
  });
  return !!exits && [...exits].every((exit) => exit === "raise");
}

/**
 * Whether a handler hands the caught exception on instead of dropping it: the name it binds (`except E as e`)
 * is part of the returned value (`return {"fault": str(e)}`), stored on an attribute or in a subscript
 * (`self.error = e`), or recorded for later (`errors.append(e)`, `future.set_exception(e)`). Error translation is
 * handling, not swallowing; inspecting the exception (`isinstance(e, ...)`) or printing it is not.
 */
export function handsOnException(handler: PyExceptClause, model: PythonModel): boolean {
  const name = caughtName(handler);
  if (!name || name.type !== "PyIdentifier") return false;
  const body = handlerBody(handler);
  if (!body.length) return false;
  for (const node of model.nodesWithin(body[0].range[0], body[body.length - 1].range[1])) {
    if (node.type !== "PyIdentifier" || node.name !== name.name || node === name) continue;
    if (model.resolveScope(node.name, node) !== model.scopeOf(handler)) continue;
    for (let up = node.parent as PyNode | null; up && up !== handler; up = up.parent as PyNode | null) {
      if (up.type === "PyReturnStatement") return true;
      if (up.type === "PyAssignment" && up.left.type !== "PyIdentifier" && contains(up.right ?? up, node)) return true;
      if (
        up.type === "PyCall" &&
        up.function.type === "PyAttribute" &&
        EXCEPTION_RECORDING_METHODS.includes(up.function.attribute.name) &&
        !contains(up.function, node)
      )
        return true;
      if (isStatement(up)) break;
    }
  }
  return false;
}

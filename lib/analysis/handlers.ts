import { handlerBody, keywordArgument, withItems } from "../ast/accessors.js";
import type { PyCall, PyExceptClause, PyNode } from "../ast/generated/node-types.js";
import type { PythonModel } from "./model.js";
import { alwaysExits } from "./statements.js";

/** Logging methods of the stdlib/oslo logger API. */
export const LOG_METHODS = new Set([
  "debug",
  "info",
  "warning",
  "warn",
  "error",
  "exception",
  "critical",
  "fatal",
  "log",
]);

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

/** Whether a call is a logging call (`LOG.error(...)`, `logging.warning(...)`). */
export function isLoggingCall(call: PyCall, model: PythonModel, extraLoggers?: ReadonlySet<string>): boolean {
  const callee = call.function;
  return (
    callee.type === "PyAttribute" &&
    LOG_METHODS.has(callee.attribute.name) &&
    model.isLogger(callee.object, extraLoggers)
  );
}

/** Whether a logging call records the traceback: `LOG.exception(...)`, `exc_info=True`, `traceback.print_exc()`. */
export function logsTraceback(call: PyCall, model: PythonModel): boolean {
  const name = model.calleeName(call) ?? "";
  if (/^traceback\.(print_exc|print_exception|format_exc|format_exception)$/u.test(name)) return true;
  if (!isLoggingCall(call, model)) return false;
  if (call.function.type === "PyAttribute" && call.function.attribute.name === "exception") return true;
  const excInfo = keywordArgument(call, "exc_info");
  return !!excInfo && excInfo.type !== "PyFalse" && excInfo.type !== "PyNone";
}

/**
 * Whether a `with` statement is a re-raising context manager from `names` (qualified or as written), e.g.
 * `with excutils.save_and_reraise_exception():` — unless its body sets `<alias>.reraise = False`.
 */
export function isReraisingWith(statement: PyNode, model: PythonModel, names: ReadonlySet<string>): boolean {
  if (statement.type !== "PyWithStatement") return false;
  for (const { value, target } of withItems(statement)) {
    const alias = target?.type === "PyIdentifier" ? target.name : null;
    if (value.type !== "PyCall") continue;
    const qualified = model.calleeName(value);
    const written =
      model.qualifiedName(value.function) === null
        ? null
        : model.text.slice(value.function.range[0], value.function.range[1]);
    const matches = [...names].some(
      (n) =>
        qualified === n ||
        written === n ||
        (qualified !== null && qualified.endsWith(`.${n}`)) ||
        (qualified !== null && n.endsWith(`.${qualified}`)),
    );
    if (!matches) continue;
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
      left.attribute.name === "reraise" &&
      left.object.type === "PyIdentifier" &&
      left.object.name === alias
    ) {
      return node.right?.type === "PyFalse";
    }
  }
  return false;
}

/** Whether every path out of a handler's body raises (re-raise, raise X, a re-raising context manager, exit). */
export function alwaysReraises(
  handler: PyExceptClause,
  model: PythonModel,
  reraisingContexts: ReadonlySet<string>,
): boolean {
  const exits = alwaysExits(handlerBody(handler), (w) => isReraisingWith(w, model, reraisingContexts));
  return !!exits && [...exits].every((exit) => exit === "raise");
}

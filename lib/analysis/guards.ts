import { argument, blockStatements, callArguments, unparenthesize } from "../ast/accessors.js";
import type { PyNode } from "../ast/generated/node-types.js";
import type { PythonModel } from "./model.js";
import { alwaysExits, dominatingStatements } from "./statements.js";

/** Conversions that reject anything but a well-formed value (raise otherwise): their result is validated. */
const VALIDATING_CONVERSIONS =
  /^(int|float|bool|uuid\.UUID|netaddr\.(IPNetwork|IPAddress|EUI|IPRange)|ipaddress\.(ip_address|ip_network|ip_interface|IPv4Address|IPv6Address|IPv4Network|IPv6Network))$/u;
const REGEX_MATCHERS = /^re\.(fullmatch|match)$|\.(fullmatch|match)$/u;

/** Whether a call is a validating conversion (`int(x)`, `netaddr.IPNetwork(x)`), or `str()` of one. */
export function isValidatingConversion(
  call: PyNode,
  model: PythonModel,
  extra: ReadonlySet<string> = new Set(),
): boolean {
  if (call.type !== "PyCall") return false;
  const name = model.calleeName(call) ?? "";
  if (VALIDATING_CONVERSIONS.test(name) || extra.has(name)) return true;
  if (name === "str" || name === "format") {
    const arg = argument(call, { position: 0 });
    return !!arg && isValidatingConversion(unparenthesize(arg)!, model, extra);
  }
  return false;
}

/** Whether `expr` mentions the variable `name` as itself (not as an attribute name). */
function mentions(expr: PyNode | null | undefined, name: string): boolean {
  const node = unparenthesize(expr);
  return !!node && node.type === "PyIdentifier" && node.name === name;
}

/** A constant container (literal tuple/list/set/dict, or a name bound once to one). */
function isConstantContainer(expr: PyNode | null | undefined, model: PythonModel): boolean {
  const node = unparenthesize(expr);
  if (!node) return false;
  if (node.type === "PyDictionary")
    return node.children.every((pair) => pair.type === "PyPair" && model.isConstant(pair.key));
  if (node.type === "PyIdentifier") {
    const binding = model.singleAssignment(node);
    if (binding && isConstantContainer(binding.value, model)) return true;
  }
  if (node.type === "PyAttribute") return false;
  return model.isConstant(node) && ["PyTuple", "PyList", "PySet", "PyIdentifier"].includes(node.type);
}

/**
 * Whether `condition` being FALSE proves `name` valid (so `if condition: <leave>` guards it):
 * `name not in CONSTANT`, `not re.fullmatch(p, name)`, `not validator(name)`, `name is None` (a None check is
 * not validation: no), `a or b` of such.
 */
function rejectsInvalid(
  condition: PyNode | null,
  name: string,
  model: PythonModel,
  validators: ReadonlySet<string>,
): boolean {
  const node = unparenthesize(condition);
  if (!node) return false;
  if (node.type === "PyBooleanOperator" && node.operator === "or") {
    return rejectsInvalid(node.left, name, model, validators) || rejectsInvalid(node.right, name, model, validators);
  }
  if (node.type === "PyComparisonOperator" && node.operators.length === 1 && node.operators[0] === "not in") {
    return mentions(node.children[0], name) && isConstantContainer(node.children[1], model);
  }
  if (node.type === "PyNotOperator") return acceptsValid(node.argument, name, model, validators);
  return false;
}

/** Whether `condition` being TRUE proves `name` valid: `name in CONSTANT`, `re.fullmatch(p, name)`, `validator(name)`. */
export function acceptsValid(
  condition: PyNode | null,
  name: string,
  model: PythonModel,
  validators: ReadonlySet<string>,
): boolean {
  const node = unparenthesize(condition);
  if (!node) return false;
  if (node.type === "PyBooleanOperator" && node.operator === "and") {
    return acceptsValid(node.left, name, model, validators) || acceptsValid(node.right, name, model, validators);
  }
  if (node.type === "PyComparisonOperator" && node.operators.length === 1) {
    const [left, right] = node.children;
    if (node.operators[0] === "in") return mentions(left, name) && isConstantContainer(right, model);
    if (node.operators[0] === "==")
      return (mentions(left, name) && model.isConstant(right)) || (mentions(right, name) && model.isConstant(left));
  }
  if (node.type === "PyCall") {
    const callee = model.calleeName(node) ?? "";
    const args = callArguments(node);
    if (REGEX_MATCHERS.test(callee)) return args.some((arg) => mentions(arg, name));
    if (validators.has(callee) || /(^|\.)(is_valid|validate)[a-z_]*$/u.test(callee))
      return args.some((arg) => mentions(arg, name));
  }
  return false;
}

/**
 * Whether the variable `name` is validated before `at` on every path: a dominating `if <invalid>: raise/return`,
 * `assert <valid>`, an if/elif chain of `name == literal` tests whose `else` leaves, or `at` inside the true branch
 * of `if <valid>:`.
 */
export function isGuarded(
  name: string,
  at: PyNode,
  model: PythonModel,
  validators: ReadonlySet<string> = new Set(),
): boolean {
  for (const statement of dominatingStatements(at)) {
    if (statement.type === "PyAssertStatement") {
      if (acceptsValid(statement.test, name, model, validators)) return true;
      continue;
    }
    if (statement.type !== "PyIfStatement") continue;
    const leaves = alwaysExits(blockStatements(statement.consequence));
    if (
      leaves &&
      !leaves.has("continue") &&
      !leaves.has("break") &&
      rejectsInvalid(statement.condition, name, model, validators)
    )
      return true;
    // if name == 'a': ... elif name == 'b': ... else: raise
    const elseClause = statement.alternative.find((alt) => alt.type === "PyElseClause");
    if (elseClause && alwaysExits(blockStatements(elseClause.type === "PyElseClause" ? elseClause.body : null))) {
      const conditions = [
        statement.condition,
        ...statement.alternative
          .filter((a) => a.type === "PyElifClause")
          .map((a) => (a.type === "PyElifClause" ? a.condition : null)),
      ];
      if (conditions.every((c) => acceptsValid(c, name, model, validators))) return true;
    }
  }
  // Inside the true branch of `if <valid>:` (or of an elif of such a chain).
  for (let current = at.parent as PyNode | null; current; current = current.parent as PyNode | null) {
    if (current.type === "PyFunctionDefinition" || current.type === "PyLambda") break;
    const parent = current.parent as PyNode | null;
    if (
      parent?.type === "PyIfStatement" &&
      parent.consequence === current &&
      acceptsValid(parent.condition, name, model, validators)
    )
      return true;
    if (
      parent?.type === "PyElifClause" &&
      parent.consequence === current &&
      acceptsValid(parent.condition, name, model, validators)
    )
      return true;
  }
  return false;
}

import { isStatic, staticString } from "./values.js";
import { argument, blockStatements, callArguments, unparenthesize } from "../ast/accessors.js";
import type { PyNode } from "../ast/generated/node-types.js";
import type { PythonModel } from "./model.js";
import { catalog, CalleeMatcher, extendPatterns, VALIDATOR_NAME, type CalleePattern } from "./catalog/index.js";
import { alwaysExits, dominatingStatements } from "./statements.js";

/**
 * What validates a value: conversions whose result is validated (`int(x)`), and predicates whose truth in a
 * guard validates their argument (`is_valid_name(x)`, besides the naming convention and anchored regexes).
 */
export interface Validation {
  conversions: CalleeMatcher<unknown>;
  predicates: CalleeMatcher<unknown>;
}

/** The catalog's validation, with a rule's or spec's extra validator callees (conversions and predicates alike). */
export function validationWith(extra: readonly CalleePattern[] = []): Validation {
  return {
    conversions: extendPatterns(catalog.validatingConversions, extra),
    predicates: extendPatterns(NO_PATTERNS, extra),
  };
}
const NO_PATTERNS = CalleeMatcher.of([]);

/** Whether a call is a validating conversion (`int(x)`, `netaddr.IPNetwork(x)`), or `str()` of one. */
export function isValidatingConversion(call: PyNode, model: PythonModel, validation: Validation): boolean {
  if (call.type !== "PyCall") return false;
  const name = model.calleeName(call);
  if (validation.conversions.matches(name)) return true;
  if (catalog.valuePreservingConversions.matches(name)) {
    const arg = argument(call, { position: 0 });
    return !!arg && isValidatingConversion(unparenthesize(arg)!, model, validation);
  }
  return false;
}

/**
 * Whether a regex call validates `name`: `re.fullmatch(p, name)`, or `re.match(p, name)` whose constant pattern
 * ends in `$`/`\Z` (`re.search`: also starts with `^`/`\A`), or the same methods of a pattern traced to its
 * `re.compile(p)`. `re.match(r"[a-z]", x)` (a prefix check) and `obj.match(x)` of an unknown object validate nothing.
 */
function regexValidates(call: PyNode & { type: "PyCall" }, name: string, model: PythonModel): boolean {
  const entry = model.matchCallee(call, catalog.regexValidators)[0];
  if (!entry) return false;
  let pattern: PyNode | null;
  let subject: PyNode | null;
  let flags: PyNode | null;
  if (entry.compiled) {
    const compile = call.function.type === "PyAttribute" ? model.originCall(call.function.object) : null;
    pattern = compile ? argument(compile, { position: 0, name: "pattern" }) : null;
    flags = compile ? argument(compile, { position: 1, name: "flags" }) : null;
    subject = argument(call, { position: 0, name: "string" });
  } else {
    pattern = argument(call, { position: 0, name: "pattern" });
    subject = argument(call, { position: 1, name: "string" });
    flags = argument(call, { position: 2, name: "flags" });
  }
  if (!mentions(subject, name)) return false;
  if (entry.anchoring === "full") return true;
  const text = staticString(model, pattern);
  if (text === null) return false;
  // With re.MULTILINE, `$` and `^` match at every line: only `\A` and `\Z` anchor.
  const multiline = !!flags && /\b(M|MULTILINE)\b/u.test(model.text.slice(flags.range[0], flags.range[1]));
  const endAnchored = text.endsWith("\\Z") || (!multiline && /(^|[^\\])\$$/u.test(text));
  const startAnchored = text.startsWith("\\A") || (!multiline && text.startsWith("^"));
  return endAnchored && (entry.anchoring === "start" || startAnchored);
}

/** Whether `expr` mentions the variable `name` as itself (not as an attribute name). */
function mentions(expr: PyNode | null | undefined, name: string): boolean {
  const node = unparenthesize(expr);
  return !!node && node.type === "PyIdentifier" && node.name === name;
}

/**
 * A value fixed by the program: static (`'start'`, `3`), or a named constant of an imported module
 * (`consts.AMP_ACTION_START`, `constants.DEVICE_OWNER_ROUTER_GW`): an UPPER_CASE attribute of an import, which
 * a caller cannot choose.
 */
function isFixed(expr: PyNode | null | undefined, model: PythonModel): boolean {
  if (isStatic(model, expr)) return true;
  const node = unparenthesize(expr);
  if (node?.type !== "PyAttribute" || !/^[A-Z][A-Z0-9_]*$/u.test(node.attribute.name)) return false;
  const root = rootName(node);
  return !!root && model.reachingBindings(root.name, root).every((b) => b.kind === "import");
}

function rootName(node: PyNode): (PyNode & { type: "PyIdentifier" }) | null {
  let current: PyNode | null = node;
  while (current?.type === "PyAttribute") current = unparenthesize(current.object);
  return current?.type === "PyIdentifier" ? current : null;
}

/** A constant container (a display of fixed values, or a name bound once to one). */
function isConstantContainer(expr: PyNode | null | undefined, model: PythonModel): boolean {
  const node = unparenthesize(expr);
  if (!node) return false;
  if (node.type === "PyDictionary")
    return node.children.every((pair) => pair.type === "PyPair" && isFixed(pair.key, model));
  if (node.type === "PyTuple" || node.type === "PyList" || node.type === "PySet")
    return node.children.every((child) => isFixed(child, model));
  if (node.type === "PyIdentifier") {
    const binding = model.singleAssignment(node);
    if (binding && isConstantContainer(binding.value, model)) return true;
    return isStatic(model, node);
  }
  // `consts.ALLOWED_ACTIONS`: a named constant of an imported module.
  return isFixed(node, model);
}

/**
 * Whether `condition` being FALSE proves `name` valid (so `if condition: <leave>` guards it):
 * `name not in CONSTANT`, `not re.fullmatch(p, name)`, `not validator(name)`, `name is None` (a None check is
 * not validation: no), `a or b` of such.
 */
function rejectsInvalid(condition: PyNode | null, name: string, model: PythonModel, validation: Validation): boolean {
  const node = unparenthesize(condition);
  if (!node) return false;
  if (node.type === "PyBooleanOperator" && node.operator === "or") {
    return rejectsInvalid(node.left, name, model, validation) || rejectsInvalid(node.right, name, model, validation);
  }
  if (node.type === "PyComparisonOperator" && node.operators.length === 1 && node.operators[0] === "not in") {
    return mentions(node.children[0], name) && isConstantContainer(node.children[1], model);
  }
  if (node.type === "PyNotOperator") return acceptsValid(node.argument, name, model, validation);
  // `re.match(P, name) is None`: false exactly when the match succeeded.
  const matched = noneTest(node, "is");
  if (matched) return acceptsValid(matched, name, model, validation);
  return false;
}

/**
 * `x is None` / `x == None` (with `operator` "is"), or `x is not None` / `x != None` (with "is not"): the `x` tested,
 * else null. A regex match object is None exactly when the match failed.
 */
function noneTest(node: PyNode, operator: "is" | "is not"): PyNode | null {
  if (node.type !== "PyComparisonOperator" || node.operators.length !== 1) return null;
  const op = node.operators[0].replace(/\s+/gu, " ");
  if (op !== operator && op !== (operator === "is" ? "==" : "!=")) return null;
  const [left, right] = node.children.map((child) => unparenthesize(child));
  if (right?.type === "PyNone") return left ?? null;
  if (left?.type === "PyNone") return right ?? null;
  return null;
}

/** Whether `condition` being TRUE proves `name` valid: `name in CONSTANT`, `re.fullmatch(p, name)`, `validator(name)`. */
export function acceptsValid(
  condition: PyNode | null,
  name: string,
  model: PythonModel,
  validation: Validation,
): boolean {
  const node = unparenthesize(condition);
  if (!node) return false;
  if (node.type === "PyBooleanOperator" && node.operator === "and") {
    return acceptsValid(node.left, name, model, validation) || acceptsValid(node.right, name, model, validation);
  }
  const matched = noneTest(node, "is not");
  if (matched) return acceptsValid(matched, name, model, validation);
  if (node.type === "PyComparisonOperator" && node.operators.length === 1) {
    const [left, right] = node.children;
    if (node.operators[0] === "in") return mentions(left, name) && isConstantContainer(right, model);
    if (node.operators[0] === "==")
      return (mentions(left, name) && isFixed(right, model)) || (mentions(right, name) && isFixed(left, model));
  }
  if (node.type === "PyCall") {
    if (model.matchCallee(node, catalog.regexValidators).length) return regexValidates(node, name, model);
    const callee = model.calleeName(node);
    const args = callArguments(node);
    const lastSegment = callee?.slice(callee.lastIndexOf(".") + 1) ?? "";
    if (validation.predicates.matches(callee) || VALIDATOR_NAME.test(lastSegment))
      return args.some((arg) => mentions(arg, name));
  }
  return false;
}

/**
 * Whether the variable `name` is validated before `at` on every path: a dominating `if <invalid>: raise/return`,
 * `assert <valid>`, an if/elif chain of `name == literal` tests whose `else` leaves, or `at` inside the true branch
 * of `if <valid>:`.
 */
export function isGuarded(name: string, at: PyNode, model: PythonModel, validation: Validation): boolean {
  for (const statement of dominatingStatements(at)) {
    if (statement.type === "PyAssertStatement") {
      if (acceptsValid(statement.test, name, model, validation)) return true;
      continue;
    }
    if (statement.type !== "PyIfStatement") continue;
    const leaves = alwaysExits(blockStatements(statement.consequence), model.exitRules);
    if (
      leaves &&
      !leaves.has("continue") &&
      !leaves.has("break") &&
      rejectsInvalid(statement.condition, name, model, validation)
    )
      return true;
    // if name == 'a': ... elif name == 'b': ... else: raise
    const elseClause = statement.alternative.find((alt) => alt.type === "PyElseClause");
    if (
      elseClause &&
      alwaysExits(blockStatements(elseClause.type === "PyElseClause" ? elseClause.body : null), model.exitRules)
    ) {
      const conditions = [
        statement.condition,
        ...statement.alternative
          .filter((a) => a.type === "PyElifClause")
          .map((a) => (a.type === "PyElifClause" ? a.condition : null)),
      ];
      if (conditions.every((c) => acceptsValid(c, name, model, validation))) return true;
    }
  }
  // Inside the true branch of `if <valid>:` (or of an elif of such a chain).
  for (let current = at.parent as PyNode | null; current; current = current.parent as PyNode | null) {
    if (current.type === "PyFunctionDefinition" || current.type === "PyLambda") break;
    const parent = current.parent as PyNode | null;
    if (
      parent?.type === "PyIfStatement" &&
      parent.consequence === current &&
      acceptsValid(parent.condition, name, model, validation)
    )
      return true;
    if (
      parent?.type === "PyElifClause" &&
      parent.consequence === current &&
      acceptsValid(parent.condition, name, model, validation)
    )
      return true;
  }
  return false;
}

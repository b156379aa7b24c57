import { staticString } from "./values.js";
import { argument, callArguments, keywordArgument, unparenthesize } from "../ast/accessors.js";
import type { PyCall, PyNode } from "../ast/generated/node-types.js";
import type { PythonModel } from "./model.js";
import { catalog, LOG_EXTRA_KEYWORD } from "./catalog/index.js";

/** A value a logging call writes, with the key it is written under (`%(token)s`, `extra={'key': ...}`). */
export interface LoggedValue {
  value: PyNode;
  key: string | null;
}

/**
 * The values a logging call writes: positional arguments after the message (the values of a `%(name)s` mapping
 * when that is the only one), fields of an f-string message, arguments of `.format()` or `%` applied to the
 * message, and the values of the `extra=` dict.
 */
export function loggedValues(call: PyCall, model: PythonModel): LoggedValue[] {
  const out: LoggedValue[] = [];
  const positional = callArguments(call).filter(
    (a) => a.type !== "PyKeywordArgument" && a.type !== "PyDictionarySplat",
  );
  const isLog = call.function.type === "PyAttribute" && call.function.attribute.name === "log";
  const [message, ...rest] = isLog ? positional.slice(1) : positional;
  const addMapping = (node: PyNode | null | undefined) => {
    const dict = unparenthesize(node);
    if (dict?.type !== "PyDictionary") return false;
    for (const pair of dict.children) {
      if (pair.type === "PyPair") out.push({ value: pair.value, key: staticString(model, pair.key) });
    }
    return true;
  };
  const addValues = (node: PyNode | null | undefined) => {
    const value = unparenthesize(node);
    if (!value) return;
    if (addMapping(value)) return;
    if (value.type === "PyTuple") for (const item of value.children) out.push({ value: item, key: null });
    else out.push({ value, key: null });
  };
  if (rest.length === 1 && addMapping(rest[0])) {
    // `LOG.debug("token=%(token)s", {"token": t})`
  } else for (const value of rest) out.push({ value, key: null });
  const messageNode = unparenthesize(message);
  if (messageNode?.type === "PyString") {
    for (const part of messageNode.children)
      if (part.type === "PyInterpolation") out.push({ value: part.expression, key: null });
  } else if (messageNode?.type === "PyBinaryOperator" && messageNode.operator === "%") {
    addValues(messageNode.right);
  } else if (
    messageNode?.type === "PyCall" &&
    messageNode.function.type === "PyAttribute" &&
    messageNode.function.attribute.name === "format"
  ) {
    for (const arg of callArguments(messageNode)) {
      if (arg.type === "PyKeywordArgument")
        out.push({ value: arg.value, key: arg.name.type === "PyIdentifier" ? arg.name.name : null });
      else if (arg.type !== "PyDictionarySplat") out.push({ value: arg, key: null });
    }
  }
  addMapping(keywordArgument(call, LOG_EXTRA_KEYWORD));
  // `token if verbose else '-'`: either branch may be what is written.
  return out.flatMap(function branches(logged: LoggedValue): LoggedValue[] {
    const value = unparenthesize(logged.value);
    if (value?.type !== "PyConditionalExpression") return [logged];
    return [...branches({ ...logged, value: value.body }), ...branches({ ...logged, value: value.orelse })];
  });
}

/** The words of an identifier: `authToken` / `auth_token` / `AUTH_TOKEN` -> ["auth", "token"]. */
export function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/gu, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/gu, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/u)
    .filter(Boolean);
}

/** The name a value is known by: its identifier, attribute, string subscript key, or the callee of a getter. */
export function valueName(node: PyNode, model: PythonModel): string | null {
  const value = unparenthesize(node);
  if (!value) return null;
  if (value.type === "PyIdentifier") return value.name;
  if (value.type === "PyAttribute") return value.attribute.name;
  if (value.type === "PySubscript")
    return value.subscript.length === 1 ? staticString(model, value.subscript[0]) : null;
  if (value.type === "PyCall" && value.function.type === "PyAttribute" && value.function.attribute.name === "get") {
    const key = argument(value, { position: 0 });
    return key ? staticString(model, key) : null;
  }
  return null;
}

/**
 * Whether `expr` holds a whole configuration or environment: a catalog whole object (`oslo_config.cfg.CONF`,
 * `os.environ`, by qualified name), a configuration a catalog factory builds (`cfg.ConfigOpts()`), or a name or
 * `self` attribute every assignment of which (a parameter's default included) holds one. A name alone (`conf`,
 * which may hold a file path) is no evidence.
 */
export function isWholeObject(expr: PyNode | null | undefined, model: PythonModel, depth = 0): boolean {
  const node = unparenthesize(expr);
  if (!node || depth > 8) return false;
  if (catalog.wholeObjects.matches(model.qualifiedName(node))) return true;
  switch (node.type) {
    case "PyCall":
      return catalog.configFactories.matches(model.calleeName(node));
    case "PyIdentifier": {
      const bindings = model.reachingBindings(node.name, node);
      return (
        bindings.length > 0 &&
        bindings.every(
          (b) => (b.kind === "assign" || b.kind === "param") && !!b.value && isWholeObject(b.value, model, depth + 1),
        )
      );
    }
    case "PyAttribute": {
      const values = model.selfAttributeValues(node);
      return !!values?.length && values.every((value) => isWholeObject(value, model, depth + 1));
    }
    // `conf or cfg.CONF`, `conf if conf else cfg.CONF`: a fallback to a configuration says what the value is.
    case "PyBooleanOperator":
      return isWholeObject(node.left, model, depth + 1) || isWholeObject(node.right, model, depth + 1);
    case "PyConditionalExpression":
      return isWholeObject(node.body, model, depth + 1) || isWholeObject(node.orelse, model, depth + 1);
    default:
      return false;
  }
}

/**
 * Whether a logged name is also handed to a policy check in the same function (`enforce(credentials, action,
 * target)`): policy "credentials" are the caller's roles and ids, not secrets.
 */
export function isPolicyCredentials(node: PyNode, at: PyCall, model: PythonModel): boolean {
  if (node.type !== "PyIdentifier") return false;
  const scope = model.scopeOf(at);
  return model.calls.some(
    (call) =>
      model.scopeOf(call) === scope &&
      catalog.policyEnforcers.matches(model.calleeName(call)) &&
      callArguments(call).some((arg) => {
        const value = unparenthesize(arg.type === "PyKeywordArgument" ? arg.value : arg);
        return value?.type === "PyIdentifier" && value.name === node.name;
      }),
  );
}

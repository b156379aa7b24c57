import type { PyNode } from "../ast/generated/node-types.js";
import { isGuarded, isValidatingConversion } from "./guards.js";
import type { PythonModel } from "./model.js";
import { callArguments, unparenthesize } from "../ast/accessors.js";

/** Where untrusted data comes from in a function: its parameters, or the process's environment and input. */
const EXTERNAL_CALLS = /^(os\.getenv|os\.environ\.get|input|raw_input|sys\.stdin\.(read|readline|readlines))$/u;
const EXTERNAL_VALUES = /^(sys\.argv|os\.environ)$/u;
/** String methods whose result carries the taint of the string they are called on. */
const PRESERVING_METHODS = new Set([
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
]);

export interface TaintOptions {
  /** Extra validating conversions (qualified names). */
  validators?: ReadonlySet<string>;
}

/**
 * Whether `expr`, evaluated at `at`, may hold untrusted data that nothing validated first: a parameter of the
 * enclosing function (not `self`/`cls`) or anything derived from one (subscript, attribute, concatenation,
 * formatting, `str()`), or `sys.argv`, `os.environ`, `os.getenv()`, `input()`. Values from other calls, `self.*`
 * and module-level names are trusted (precision first). Returns a description of the source, or null.
 */
export function untrustedSource(
  expr: PyNode | null | undefined,
  at: PyNode,
  model: PythonModel,
  options: TaintOptions = {},
  depth = 0,
): string | null {
  const node = unparenthesize(expr);
  if (!node || depth > 12) return null;
  const validators = options.validators ?? new Set<string>();
  const recurse = (child: PyNode | null | undefined, where: PyNode = at) =>
    untrustedSource(child, where, model, options, depth + 1);
  switch (node.type) {
    case "PyIdentifier": {
      if (node.name === "self" || node.name === "cls") return null;
      const scope = model.resolveScope(node.name, node);
      if (!scope || scope.kind === "module" || scope.kind === "class") return null;
      let source: string | null = null;
      for (const binding of model.reachingBindings(node.name, node)) {
        if (binding.kind === "param") source ??= `parameter \`${node.name}\``;
        else if (
          binding.kind === "assign" ||
          binding.kind === "augmented" ||
          binding.kind === "for" ||
          binding.kind === "unpack" ||
          binding.kind === "with"
        ) {
          if (binding.value && isValidatingConversion(binding.value, model, validators)) continue;
          source ??= recurse(binding.value, binding.target);
        }
      }
      if (source && isGuarded(node.name, at, model, validators)) return null;
      return source;
    }
    case "PyAttribute": {
      const qualified = model.qualifiedName(node);
      if (qualified && EXTERNAL_VALUES.test(qualified)) return qualified;
      return recurse(node.object);
    }
    case "PySubscript": {
      const qualified = model.qualifiedName(node.value);
      if (qualified && EXTERNAL_VALUES.test(qualified)) return qualified;
      // A lookup in a constant table (`COMMANDS[op]`) yields one of its known values.
      const table = unparenthesize(node.value);
      if (table && (model.isConstant(table) || isConstantTable(table, model))) return null;
      return recurse(node.value);
    }
    case "PyBinaryOperator": {
      // `'-%d' % sig`: numeric conversions accept only numbers (anything else raises), like int().
      if (node.operator === "%") {
        const format = model.constantString(node.left);
        if (format !== null && /%/u.test(format) && !/%(\([^)]*\))?[-#0 +]*\d*(\.\d+)?[srac]/u.test(format))
          return null;
      }
      return recurse(node.left) ?? recurse(node.right);
    }
    case "PyConditionalExpression":
      return recurse(node.body) ?? recurse(node.orelse);
    case "PyString":
      for (const part of node.children)
        if (part.type === "PyInterpolation") {
          const source = recurse(part.expression);
          if (source) return source;
        }
      return null;
    case "PyConcatenatedString":
    case "PyList":
    case "PyTuple":
    case "PyExpressionList":
      for (const child of node.children) {
        const source = recurse(child);
        if (source) return source;
      }
      return null;
    case "PyListSplat":
      return recurse(node.value);
    case "PyCall": {
      if (isValidatingConversion(node, model, validators)) return null;
      const callee = model.calleeName(node) ?? "";
      if (EXTERNAL_CALLS.test(callee)) return `${callee}()`;
      if (
        callee === "str" ||
        callee === "repr" ||
        callee === "format" ||
        callee === "os.path.join" ||
        callee === "os.path.basename"
      ) {
        for (const arg of callArguments(node)) {
          const source = recurse(arg.type === "PyKeywordArgument" ? arg.value : arg);
          if (source) return source;
        }
        return null;
      }
      if (node.function.type === "PyAttribute" && PRESERVING_METHODS.has(node.function.attribute.name)) {
        const fromObject = recurse(node.function.object);
        if (fromObject) return fromObject;
        if (["format", "join"].includes(node.function.attribute.name) && node.arguments.type === "PyArgumentList") {
          for (const arg of node.arguments.children) {
            const source = recurse(arg.type === "PyKeywordArgument" ? arg.value : arg);
            if (source) return source;
          }
        }
        return null;
      }
      return null;
    }
    default:
      return null;
  }
}

/** A module-level name bound once to a literal dict/tuple/list of constants (a lookup table). */
function isConstantTable(node: PyNode, model: PythonModel): boolean {
  if (node.type !== "PyIdentifier") return false;
  const binding = model.singleAssignment(node);
  const value = unparenthesize(binding?.value);
  if (!value) return false;
  if (value.type === "PyDictionary")
    return value.children.every((pair) => pair.type === "PyPair" && model.isConstant(pair.value));
  return model.isConstant(value);
}

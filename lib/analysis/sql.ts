import { NUMERIC_BUILTINS, SQL_STATEMENT_START } from "./catalog/index.js";
import type { PyNode } from "../ast/generated/node-types.js";
import { callArguments, positionalArguments, unparenthesize } from "../ast/accessors.js";
import type { PythonModel } from "./model.js";
import { NUMERIC_CONVERSIONS, stringParts, type StringPart } from "./strings.js";
import { isConstantChoice, isStatic, staticValue } from "./values.js";

const MAX_DEPTH = 6;

export interface SqlQuery {
  /** The parts of the query text in order (literal text and inserted values). */
  parts: StringPart[];
  /** The inserted values that are neither constant nor numeric: what the taint analysis must clear. */
  inserted: PyNode[];
}

/**
 * The SQL statement an expression builds, when it reads as one: its text starts with a statement (`SELECT ...
 * FROM`, `INSERT INTO`, `UPDATE ... SET`, `DELETE FROM`, DDL) after optional whitespace, and some value is
 * inserted into it (`%`, `.format()`, f-string fields, `+`, `sep.join(...)`). A local name is followed to what
 * built it, `+=` pieces included. Null for anything else: constant SQL, parameterised queries, non-SQL text.
 * With `fragment`, any string built from inserted values counts (the call says it is SQL).
 */
export function builtSqlQuery(
  model: PythonModel,
  expr: PyNode | null | undefined,
  at: PyNode,
  options: { fragment?: boolean } = {},
): SqlQuery | null {
  const parts = queryParts(model, expr, at, 0);
  if (!parts?.some((p) => p.kind === "dynamic")) return null;
  // The text with each inserted value as a word: the statement keywords are literal (`"UPDATE %s SET x = 1" % t`).
  // A fragment (Django's `extra(where=[...])`) is SQL by where it goes, whatever it starts with.
  const text = parts.map((p) => (p.kind === "literal" ? p.text : " x ")).join("");
  if (!options.fragment && !SQL_STATEMENT_START.test(text)) return null;
  const inserted = parts.flatMap((p) => (p.kind === "dynamic" && !isSqlSafePart(model, p) ? [p.node] : []));
  return { parts, inserted };
}

/** The parts of a query, following a local name through its assignments and `+=` extensions before `at`. */
function queryParts(
  model: PythonModel,
  expr: PyNode | null | undefined,
  at: PyNode,
  depth: number,
): StringPart[] | null {
  const node = unparenthesize(expr);
  if (!node || depth > MAX_DEPTH) return null;
  if (node.type !== "PyIdentifier") return stringParts(model, node, { expandLocals: true });
  const bindings = model.reachingBindings(node.name, at);
  if (!bindings.length || bindings.some((b) => b.scope !== model.scopeOf(node))) return null;
  // Several reaching assignments (`if a: sql = "SELECT ..." else: sql = "SELECT ..."`): the first that builds a
  // query stands for them; `sql += " AND x = %s" % v` adds its parts to what reached it.
  for (const binding of bindings) {
    if (binding.kind === "assign" && binding.value) {
      const parts = stringParts(model, binding.value, { expandLocals: true });
      if (bindings.length === 1 || parts.some((p) => p.kind === "dynamic")) return parts;
    } else if (binding.kind === "augmented" && binding.value) {
      const before = queryParts(model, binding.target, binding.target, depth + 1);
      if (before) return [...before, ...stringParts(model, binding.value, { expandLocals: true })];
    }
  }
  return null;
}

/**
 * An inserted value that cannot carry SQL syntax: a number (`%d`, `int(x)`, `len(xs)`), a constant, or a list of
 * placeholders (`", ".join(["%s"] * len(ids))`, `",".join("?" for _ in ids)`).
 */
function isSqlSafePart(model: PythonModel, part: StringPart & { kind: "dynamic" }): boolean {
  if (part.conversion && NUMERIC_CONVERSIONS.has(part.conversion)) return true;
  const node = unparenthesize(part.node);
  if (!node || isConstantChoice(model, node)) return true;
  // `sep.join(seq)` whose elements are not all known stands as `seq`: placeholders (`['%s'] * n`) insert nothing.
  if (isStaticElements(model, node)) return true;
  if (node.type === "PyCall") {
    const callee = model.calleeName(node);
    if (callee && NUMERIC_BUILTINS.has(callee) && model.callsBuiltin(node, callee)) return true;
    if (node.function.type === "PyAttribute" && node.function.attribute.name === "join") {
      const [sequence] = positionalArguments(node);
      return !!sequence && callArguments(node).length === 1 && isStaticElements(model, sequence);
    }
  }
  if (node.type === "PyIdentifier") {
    const bindings = model.reachingBindings(node.name, node);
    return (
      bindings.length > 0 &&
      bindings.every(
        (b) =>
          b.kind === "assign" &&
          b.value &&
          b.scope === model.scopeOf(node) &&
          isSqlSafePart(model, { kind: "dynamic", node: b.value }),
      )
    );
  }
  return false;
}

/** A sequence whose every element is a constant: `["%s"] * n`, `("?" for _ in xs)`, `["%s" for x in xs]`. */
function isStaticElements(model: PythonModel, expr: PyNode): boolean {
  const node = unparenthesize(expr);
  if (!node) return false;
  if (staticValue(model, node)) return true;
  if (node.type === "PyBinaryOperator" && node.operator === "*")
    return isStaticElements(model, node.left) || isStaticElements(model, node.right);
  if (
    node.type === "PyGeneratorExpression" ||
    node.type === "PyListComprehension" ||
    node.type === "PySetComprehension"
  )
    return isStatic(model, node.body);
  if (node.type === "PyList" || node.type === "PyTuple") return node.children.every((c) => isStatic(model, c));
  return false;
}

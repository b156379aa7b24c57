// Pure accessors over the AST: each answers a question about syntax alone (no scopes, no imports), so every
// layer above can share them. Semantic questions (what a name refers to, whether a value is constant) belong to
// lib/analysis.
import type { PyCall, PyExceptClause, PyNode, PyString, PyWithStatement } from "./generated/node-types.js";

/** Compound statements: those holding a block (their header is one logical line, the rest is in the block). */
export const COMPOUND_STATEMENT_TYPES: ReadonlySet<string> = new Set([
  "PyIfStatement",
  "PyForStatement",
  "PyWhileStatement",
  "PyTryStatement",
  "PyWithStatement",
  "PyFunctionDefinition",
  "PyClassDefinition",
  "PyDecoratedDefinition",
  "PyMatchStatement",
]);

/** Statement node types (anything that can stand in a block or at module level). */
const STATEMENT_TYPES = new Set([
  "PyExpressionStatement",
  "PyReturnStatement",
  "PyRaiseStatement",
  "PyPassStatement",
  "PyBreakStatement",
  "PyContinueStatement",
  "PyImportStatement",
  "PyImportFromStatement",
  "PyFutureImportStatement",
  "PyAssertStatement",
  "PyDeleteStatement",
  "PyGlobalStatement",
  "PyNonlocalStatement",
  "PyTypeAliasStatement",
  "PyExecStatement",
  "PyPrintStatement",
  ...COMPOUND_STATEMENT_TYPES,
]);

export function isStatement(node: PyNode): boolean {
  return STATEMENT_TYPES.has(node.type);
}

/** The statement that contains `node` (itself if it is one). */
export function statementOf(node: PyNode): PyNode | null {
  for (let current: PyNode | null = node; current; current = current.parent as PyNode | null) {
    if (isStatement(current)) return current;
  }
  return null;
}

/** Strips parentheses: `((x))` -> `x`. */
export function unparenthesize(node: PyNode | null | undefined): PyNode | null {
  let current = node ?? null;
  while (current?.type === "PyParenthesizedExpression") current = current.expression;
  return current;
}

/** The expression of an expression statement (`f(x)` alone on a line), else null. */
export function statementExpression(statement: PyNode | null | undefined): PyNode | null {
  return statement?.type === "PyExpressionStatement" ? statement.expression : null;
}

/** `a.b.c` for a name or attribute chain (`os.path.join`), the callee's for a call; null for anything else. */
export function dottedName(node: PyNode | null | undefined): string | null {
  const parts: string[] = [];
  let current: PyNode | null | undefined = node;
  while (current) {
    switch (current.type) {
      case "PyIdentifier":
        parts.push(current.name);
        return parts.reverse().join(".");
      case "PyAttribute":
        parts.push(current.attribute.name);
        current = current.object;
        break;
      case "PyCall":
        if (parts.length) return null;
        current = current.function;
        break;
      default:
        return null;
    }
  }
  return null;
}

/**
 * Every argument of a call as written: positional values, `*args` (`PyListSplat`), `name=value`
 * (`PyKeywordArgument`) and `**kwargs` (`PyDictionarySplat`). `f(x for x in y)` has one argument, the generator.
 */
export function callArguments(call: PyCall): PyNode[] {
  return call.arguments.type === "PyArgumentList" ? call.arguments.children : [call.arguments];
}

/** Positional arguments of a call (not `*args`, keywords or `**kwargs`). */
export function positionalArguments(call: PyCall): PyNode[] {
  return callArguments(call).filter(
    (arg) => arg.type !== "PyKeywordArgument" && arg.type !== "PyListSplat" && arg.type !== "PyDictionarySplat",
  );
}

/** The value of keyword argument `name=` of a call, or null. */
export function keywordArgument(call: PyCall, name: string): PyNode | null {
  for (const arg of callArguments(call)) {
    if (arg.type === "PyKeywordArgument" && arg.name.type === "PyIdentifier" && arg.name.name === name)
      return arg.value;
  }
  return null;
}

/**
 * The value passed for a parameter that can be given by keyword `name` or at `position` (0-based), or null when it
 * is not passed. A positional argument after a `*args` splat cannot be placed, so it is not returned.
 */
export function argument(call: PyCall, { name, position }: { name?: string; position?: number }): PyNode | null {
  if (name !== undefined) {
    const value = keywordArgument(call, name);
    if (value) return value;
  }
  if (position === undefined) return null;
  let index = 0;
  for (const arg of callArguments(call)) {
    if (arg.type === "PyListSplat") return null;
    if (arg.type === "PyKeywordArgument" || arg.type === "PyDictionarySplat") continue;
    if (index++ === position) return arg;
  }
  return null;
}

/** The items of a `with` statement: `with open(p) as f, lock:` -> `[{value: open(p), target: f}, {value: lock, target: null}]`. */
export function withItems(statement: PyWithStatement): Array<{ value: PyNode; target: PyNode | null }> {
  return statement.items.map((item) => {
    const value = item.value;
    if (value.type === "PyAsPattern" && value.alias?.type === "PyAsPatternTarget") {
      return { value: value.value, target: value.alias.target };
    }
    return { value, target: null };
  });
}

/**
 * The exception types an `except` clause names, parentheses and tuples unpacked: `except (A, B) as e:` and
 * `except A, B:` -> `[A, B]`; `except:` -> `[]`.
 */
export function caughtTypes(handler: PyExceptClause): PyNode[] {
  const out: PyNode[] = [];
  for (const written of handler.types) {
    const expression = unparenthesize(written.type === "PyAsPattern" ? written.value : written);
    if (!expression) continue;
    if (expression.type === "PyTuple" || expression.type === "PyExpressionList") {
      for (const item of expression.children) out.push(unparenthesize(item) ?? item);
    } else out.push(expression);
  }
  return out;
}

/** The name an `except ... as e:` clause binds, or null. */
export function caughtName(handler: PyExceptClause): PyNode | null {
  for (const written of handler.types) {
    if (written.type === "PyAsPattern" && written.alias?.type === "PyAsPatternTarget") return written.alias.target;
  }
  return handler.name;
}

/** The statements of a block-like node (a `PyBlock`'s children; anything else stands for itself). */
export function blockStatements(block: PyNode | null | undefined): PyNode[] {
  if (!block) return [];
  if (block.type === "PyBlock") return block.children;
  return [block];
}

/** The statements of an `except` clause's body. */
export function handlerBody(handler: PyExceptClause): PyNode[] {
  return blockStatements(handler.body);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
  "\n": "",
};

/**
 * The value of a string literal without interpolation (`'a' "b"` concatenations included), or null for
 * f-strings with fields, byte strings and anything else. `text` is the source text (`sourceCode.text`).
 */
export function stringValue(node: PyNode | null | undefined, text: string): string | null {
  if (!node) return null;
  if (node.type === "PyConcatenatedString") {
    let value = "";
    for (const part of node.children) {
      const partValue = stringValue(part, text);
      if (partValue === null) return null;
      value += partValue;
    }
    return value;
  }
  if (node.type !== "PyString") return null;
  const prefix = node.prefix.toLowerCase();
  if (prefix.includes("b")) return null;
  let value = "";
  for (const part of node.children) {
    if (part.type === "PyInterpolation") return null;
    const raw = text.slice(part.range[0], part.range[1]);
    value += prefix.includes("r") ? raw : unescape(raw);
  }
  return value;
}

function unescape(raw: string): string {
  return raw.replace(
    /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|\r\n|[\s\S])/gu,
    (match, esc: string) => {
      if (esc in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[esc];
      if (esc === "\r\n") return "";
      if (/^[xuU]/u.test(esc)) return String.fromCodePoint(parseInt(esc.slice(1), 16));
      if (/^[0-7]/u.test(esc)) return String.fromCodePoint(parseInt(esc, 8));
      return match;
    },
  );
}

/** Whether a string node is an f-string with at least one `{field}`. */
export function isInterpolated(node: PyString): boolean {
  return node.children.some((part) => part.type === "PyInterpolation");
}

/** The nearest enclosing function or lambda of a node, or null at module/class level. */
export function enclosingFunction(node: PyNode): PyNode | null {
  for (let current = node.parent as PyNode | null; current; current = current.parent as PyNode | null) {
    if (current.type === "PyFunctionDefinition" || current.type === "PyLambda") return current;
  }
  return null;
}

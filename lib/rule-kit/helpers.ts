import type { PyCall, PyNode, PyString } from "../ast/generated/node-types.js";

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

/** Positional arguments of a call (not `*args`, keywords or `**kwargs`). */
export function positionalArguments(call: PyCall): PyNode[] {
  if (call.arguments.type !== "PyArgumentList") return [call.arguments];
  return call.arguments.children.filter(
    (arg) => arg.type !== "PyKeywordArgument" && arg.type !== "PyListSplat" && arg.type !== "PyDictionarySplat",
  );
}

/** The value of keyword argument `name=` of a call, or null. */
export function keywordArgument(call: PyCall, name: string): PyNode | null {
  if (call.arguments.type !== "PyArgumentList") return null;
  for (const arg of call.arguments.children) {
    if (arg.type === "PyKeywordArgument" && arg.name.type === "PyIdentifier" && arg.name.name === name) return arg.value;
  }
  return null;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v", "\n": "" };

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
  const start = node.children[0];
  const prefix = start && start.type === "PyStringStart" ? text.slice(start.range[0], start.range[1]).replace(/['"]+$/u, "").toLowerCase() : "";
  if (prefix.includes("b")) return null;
  let value = "";
  for (const part of node.children) {
    if (part.type === "PyInterpolation") return null;
    if (part.type !== "PyStringContent") continue;
    const raw = text.slice(part.range[0], part.range[1]);
    value += prefix.includes("r") ? raw : unescape(raw);
  }
  return value;
}

function unescape(raw: string): string {
  return raw.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|\r\n|[\s\S])/gu, (match, esc: string) => {
    if (esc in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[esc];
    if (esc === "\r\n") return "";
    if (/^[xuU]/u.test(esc)) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    if (/^[0-7]/u.test(esc)) return String.fromCodePoint(parseInt(esc, 8));
    return match;
  });
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

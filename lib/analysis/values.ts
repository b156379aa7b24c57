import { stringValue, unparenthesize } from "../ast/accessors.js";
import type { PyNode } from "../ast/generated/node-types.js";
import { MODULE_CONSTANTS } from "./catalog/index.js";
import type { PythonModel } from "./model.js";

/** A Python value known before the program runs. */
export type PyValue =
  | { kind: "str"; value: string }
  | { kind: "bytes"; value: string }
  | { kind: "int"; value: bigint }
  | { kind: "float"; value: number }
  | { kind: "bool"; value: boolean }
  | { kind: "None" }
  | { kind: "tuple" | "list" | "set"; elements: PyValue[] }
  | { kind: "dict"; entries: Array<[PyValue, PyValue]> };

const NONE: PyValue = { kind: "None" };
const MAX_DEPTH = 32;
/** Results of `*` and `<<` beyond this many characters/elements/bits are left unknown (no runaway values). */
const MAX_SIZE = 1 << 16;

const memo = new WeakMap<PythonModel, Map<PyNode, PyValue | null>>();

/**
 * The value an expression always has, or null when it is not known statically: literals (strings decoded as
 * Python does, bytes, ints of any size, floats, `True`/`False`/`None`), displays of constants, names bound once
 * to a constant (in the module or the function), `stat.S_I*` constants, and `+ - * // % ** << >> | & ^ ~`,
 * `%`-formatting, f-strings of constants, `str()`/`int()` of constants and conditional expressions whose test is
 * known. Memoised per node; never throws.
 */
export function staticValue(model: PythonModel, expr: PyNode | null | undefined): PyValue | null {
  return evaluate(model, unparenthesize(expr), 0);
}

function evaluate(model: PythonModel, node: PyNode | null, depth: number): PyValue | null {
  if (!node || depth > MAX_DEPTH) return null;
  let cache = memo.get(model);
  if (!cache) memo.set(model, (cache = new Map()));
  if (cache.has(node)) return cache.get(node)!;
  // A name whose value refers to itself (`x = x + 1` in a loop) is unknown, not a recursion.
  cache.set(node, null);
  let value: PyValue | null = null;
  try {
    value = compute(model, node, depth);
  } catch {
    value = null;
  }
  cache.set(node, value);
  return value;
}

function compute(model: PythonModel, node: PyNode, depth: number): PyValue | null {
  const sub = (child: PyNode | null | undefined) => evaluate(model, unparenthesize(child), depth + 1);
  switch (node.type) {
    case "PyInteger":
      return parseInteger(model.text.slice(node.range[0], node.range[1]));
    case "PyFloat": {
      const text = model.text.slice(node.range[0], node.range[1]).replaceAll("_", "");
      if (/[jJ]$/u.test(text)) return null;
      const number = Number(text);
      return Number.isNaN(number) ? null : { kind: "float", value: number };
    }
    case "PyTrue":
      return { kind: "bool", value: true };
    case "PyFalse":
      return { kind: "bool", value: false };
    case "PyNone":
      return NONE;
    case "PyString":
      return stringLiteral(model, node, depth);
    case "PyConcatenatedString": {
      let out: PyValue | null = null;
      for (const part of node.children) {
        const value = sub(part);
        if (!value || (out && value.kind !== out.kind)) return null;
        out = out
          ? { kind: value.kind as "str", value: (out as { value: string }).value + (value as { value: string }).value }
          : value;
      }
      return out;
    }
    case "PyTuple":
    case "PyList":
    case "PySet": {
      const elements: PyValue[] = [];
      for (const child of node.children) {
        const value = sub(child);
        if (!value) return null;
        elements.push(value);
      }
      const kind = node.type === "PyTuple" ? "tuple" : node.type === "PyList" ? "list" : "set";
      return { kind, elements };
    }
    case "PyDictionary": {
      const entries: Array<[PyValue, PyValue]> = [];
      for (const pair of node.children) {
        if (pair.type !== "PyPair") return null;
        const key = sub(pair.key);
        const value = sub(pair.value);
        if (!key || !value) return null;
        entries.push([key, value]);
      }
      return { kind: "dict", entries };
    }
    case "PyUnaryOperator": {
      const value = sub(node.argument);
      if (!value) return null;
      const number = value.kind === "bool" ? { kind: "int" as const, value: value.value ? 1n : 0n } : value;
      if (node.operator === "~") return number.kind === "int" ? { kind: "int", value: ~number.value } : null;
      if (number.kind === "int") return { kind: "int", value: node.operator === "-" ? -number.value : number.value };
      if (number.kind === "float")
        return { kind: "float", value: node.operator === "-" ? -number.value : number.value };
      return null;
    }
    case "PyBinaryOperator": {
      const left = sub(node.left);
      if (!left) return null;
      const right = sub(node.right);
      if (!right) return null;
      return binary(node.operator, left, right);
    }
    case "PyConditionalExpression": {
      const test = truthiness(model, node.test);
      return test === null ? null : sub(test ? node.body : node.orelse);
    }
    case "PyIdentifier":
      return nameValue(model, node, depth);
    case "PyAttribute": {
      const qualified = model.qualifiedName(node);
      if (qualified && Object.hasOwn(MODULE_CONSTANTS, qualified))
        return { kind: "int", value: MODULE_CONSTANTS[qualified] };
      return null;
    }
    case "PyCall":
      return conversion(model, node, depth);
    default:
      return null;
  }
}

function nameValue(model: PythonModel, node: PyNode & { type: "PyIdentifier" }, depth: number): PyValue | null {
  const qualified = model.qualifiedName(node);
  if (qualified && qualified !== node.name && Object.hasOwn(MODULE_CONSTANTS, qualified))
    return { kind: "int", value: MODULE_CONSTANTS[qualified] };
  const bindings = model.reachingBindings(node.name, node);
  if (bindings.length !== 1 || bindings[0].kind !== "assign" || !bindings[0].value) return null;
  // A module or class name rebound anywhere else in its scope is not a constant.
  const scope = bindings[0].scope;
  if ((scope.kind === "module" || scope.kind === "class") && (scope.bindings.get(node.name)?.length ?? 0) > 1)
    return null;
  const value = evaluate(model, unparenthesize(bindings[0].value), depth + 1);
  // `bits = []` then `bits.append(x)`: the container the name holds is not the literal any more.
  if (value && (value.kind === "list" || value.kind === "dict" || value.kind === "set")) {
    const mutated = model
      .callsOn(node.name, scope)
      .some((call) => MUTATING_METHODS.has((call.function as PyNode & { type: "PyAttribute" }).attribute.name));
    if (mutated) return null;
  }
  return value;
}

/** Methods that change a list, dict or set in place. */
const MUTATING_METHODS = new Set([
  "append",
  "extend",
  "insert",
  "update",
  "add",
  "setdefault",
  "pop",
  "popitem",
  "remove",
  "discard",
  "clear",
  "sort",
  "reverse",
  "__setitem__",
  "__delitem__",
  "__iadd__",
]);

/** `str(c)`, `int(c)`, `float(c)`, `bool(c)`, `len(c)` of constants, `sep.join(constants)`. */
function conversion(model: PythonModel, call: PyNode & { type: "PyCall" }, depth: number): PyValue | null {
  if (call.arguments.type !== "PyArgumentList") return null;
  const args = call.arguments.children;
  if (args.some((arg) => arg.type !== "PyIdentifier" && arg.type.endsWith("Argument"))) return null;
  if (args.some((arg) => arg.type === "PyListSplat" || arg.type === "PyDictionarySplat")) return null;
  const values = args.map((arg) => evaluate(model, unparenthesize(arg), depth + 1));
  if (values.some((v) => v === null)) return null;
  const [first] = values as PyValue[];
  if (call.function.type === "PyAttribute" && call.function.attribute.name === "join" && values.length === 1) {
    const separator = evaluate(model, unparenthesize(call.function.object), depth + 1);
    if (separator?.kind !== "str" || !("elements" in first)) return null;
    const parts = first.elements.map((e) => (e.kind === "str" ? e.value : null));
    return parts.includes(null) ? null : { kind: "str", value: parts.join(separator.value) };
  }
  const callee = model.calleeName(call);
  if (callee === "str" && values.length <= 1) {
    const text = first ? pyStr(first) : "";
    return text === null ? null : { kind: "str", value: text };
  }
  if (callee === "int" && values.length === 1) {
    if (first.kind === "int") return first;
    if (first.kind === "bool") return { kind: "int", value: first.value ? 1n : 0n };
    if (first.kind === "str" && /^\s*[+-]?\d+(_\d+)*\s*$/u.test(first.value))
      return { kind: "int", value: BigInt(first.value.trim().replaceAll("_", "")) };
    return null;
  }
  if (callee === "bool" && values.length === 1) return { kind: "bool", value: truthOf(first) };
  if (callee === "len" && values.length === 1) {
    const size = sizeOf(first);
    return size === null ? null : { kind: "int", value: BigInt(size) };
  }
  return null;
}

function stringLiteral(model: PythonModel, node: PyNode & { type: "PyString" }, depth: number): PyValue | null {
  const prefix = node.prefix.toLowerCase();
  if (prefix.includes("b")) {
    // Bytes: the same escapes over ASCII; `\u` is not an escape in bytes, so any non-ASCII result is refused.
    let value = "";
    for (const part of node.children) {
      const raw = model.text.slice(part.range[0], part.range[1]);
      if (!prefix.includes("r") && /\\[uUN]/u.test(raw)) return null;
      value += raw;
    }
    const decoded = prefix.includes("r") ? value : stringValue({ ...node, prefix: "" } as PyNode, model.text);
    return decoded === null || [...decoded].some((ch) => ch.codePointAt(0)! > 0xff)
      ? null
      : { kind: "bytes", value: decoded };
  }
  if (!prefix.includes("f")) {
    const value = stringValue(node, model.text);
    return value === null ? null : { kind: "str", value };
  }
  let value = "";
  for (const part of node.children) {
    if (part.type !== "PyInterpolation") {
      const raw = model.text.slice(part.range[0], part.range[1]).replace(/\{\{/gu, "{").replace(/\}\}/gu, "}");
      const literal = prefix.includes("r") ? raw : unescapeFragment(raw);
      if (literal === null) return null;
      value += literal;
      continue;
    }
    if (part.formatSpecifier) return null;
    const inner = evaluate(model, unparenthesize(part.expression), depth + 1);
    if (!inner) return null;
    const conversionText = part.typeConversion
      ? model.text.slice(part.typeConversion.range[0], part.typeConversion.range[1])
      : "";
    const text =
      conversionText === "!r" ? pyRepr(inner) : conversionText === "" || conversionText === "!s" ? pyStr(inner) : null;
    if (text === null) return null;
    value += text;
  }
  return { kind: "str", value };
}

/** Decodes the escapes of a literal chunk through the one decoder the AST layer has (a string of just this chunk). */
export function unescapeFragment(raw: string): string | null {
  if (!raw.includes("\\")) return raw;
  const node = { type: "PyString", prefix: "", children: [{ type: "PyStringContent", range: [0, raw.length] }] };
  return stringValue(node as unknown as PyNode, raw);
}

function parseInteger(text: string): PyValue | null {
  const clean = text.replaceAll("_", "").toLowerCase();
  if (/[lj]$/u.test(clean)) return null;
  try {
    if (/^0[box]/u.test(clean)) return { kind: "int", value: BigInt(clean) };
    if (/^0+$/u.test(clean)) return { kind: "int", value: 0n };
    if (/^[1-9]\d*$/u.test(clean)) return { kind: "int", value: BigInt(clean) };
  } catch {
    return null;
  }
  return null;
}

type Numeric = { kind: "int"; value: bigint } | { kind: "float"; value: number };

function numeric(value: PyValue): Numeric | null {
  if (value.kind === "int" || value.kind === "float") return value;
  if (value.kind === "bool") return { kind: "int", value: value.value ? 1n : 0n };
  return null;
}

function binary(operator: string, left: PyValue, right: PyValue): PyValue | null {
  if (operator === "%" && left.kind === "str") {
    const text = percentFormat(left.value, right);
    return text === null ? null : { kind: left.kind, value: text };
  }
  if (operator === "+") {
    if ((left.kind === "str" && right.kind === "str") || (left.kind === "bytes" && right.kind === "bytes"))
      return { kind: left.kind, value: left.value + right.value };
    if ((left.kind === "list" || left.kind === "tuple") && left.kind === right.kind)
      return { kind: left.kind, elements: [...left.elements, ...right.elements] };
  }
  if (operator === "*") {
    const [sequence, count] = numeric(right)?.kind === "int" ? [left, numeric(right)] : [right, numeric(left)];
    if (count?.kind === "int" && sequence.kind !== "int" && sequence.kind !== "bool" && sequence.kind !== "float") {
      const times = count.value < 0n ? 0 : Number(count.value);
      if (sequence.kind === "str" || sequence.kind === "bytes") {
        if (times * sequence.value.length > MAX_SIZE) return null;
        return { kind: sequence.kind, value: sequence.value.repeat(times) };
      }
      if (sequence.kind === "list" || sequence.kind === "tuple") {
        if (times * sequence.elements.length > MAX_SIZE) return null;
        return { kind: sequence.kind, elements: Array.from({ length: times }, () => sequence.elements).flat() };
      }
      return null;
    }
  }
  const a = numeric(left);
  const b = numeric(right);
  if (!a || !b) return null;
  if (a.kind === "int" && b.kind === "int") return intBinary(operator, a.value, b.value);
  const x = Number(a.value);
  const y = Number(b.value);
  switch (operator) {
    case "+":
      return { kind: "float", value: x + y };
    case "-":
      return { kind: "float", value: x - y };
    case "*":
      return { kind: "float", value: x * y };
    case "/":
      return y === 0 ? null : { kind: "float", value: x / y };
    default:
      return null;
  }
}

function intBinary(operator: string, a: bigint, b: bigint): PyValue | null {
  switch (operator) {
    case "+":
      return { kind: "int", value: a + b };
    case "-":
      return { kind: "int", value: a - b };
    case "*":
      return { kind: "int", value: a * b };
    case "//":
      return b === 0n ? null : { kind: "int", value: floorDiv(a, b) };
    case "%":
      return b === 0n ? null : { kind: "int", value: a - b * floorDiv(a, b) };
    case "/":
      return b === 0n ? null : { kind: "float", value: Number(a) / Number(b) };
    case "**":
      return b < 0n || b > 4096n ? null : { kind: "int", value: a ** b };
    case "<<":
      return b < 0n || b > BigInt(MAX_SIZE) ? null : { kind: "int", value: a << b };
    case ">>":
      return b < 0n ? null : { kind: "int", value: a >> b };
    case "|":
      return { kind: "int", value: a | b };
    case "&":
      return { kind: "int", value: a & b };
    case "^":
      return { kind: "int", value: a ^ b };
    default:
      return null;
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** `format % values` for the conversions whose output is exact: s r a d i u x X o c and `%%`, with flags, width, precision. */
function percentFormat(format: string, values: PyValue): string | null {
  const args = values.kind === "tuple" ? values.elements : [values];
  const mapping = values.kind === "dict" ? values : null;
  let next = 0;
  let out = "";
  const spec = /%(?:\(([^)]*)\))?([-#0 +]*)(\d+|\*)?(?:\.(\d+|\*))?([diouxXeEfFgGcrsa%])/gu;
  let last = 0;
  for (const match of format.matchAll(spec)) {
    out += format.slice(last, match.index);
    last = match.index + match[0].length;
    const [, key, flags, width, precision, type] = match;
    if (type === "%") {
      out += "%";
      continue;
    }
    if (width === "*" || precision === "*") return null;
    let value: PyValue | undefined;
    if (key !== undefined) {
      if (!mapping) return null;
      value = mapping.entries.find(([k]) => k.kind === "str" && k.value === key)?.[1];
    } else value = mapping && args.length === 1 && !key ? undefined : args[next++];
    if (!value) return null;
    let text: string | null;
    switch (type) {
      case "s":
        text = pyStr(value);
        break;
      case "r":
      case "a":
        text = pyRepr(value);
        break;
      case "d":
      case "i":
      case "u": {
        const n = numeric(value);
        text = n?.kind === "int" ? n.value.toString() : null;
        break;
      }
      case "x":
      case "X":
      case "o": {
        const n = numeric(value);
        if (n?.kind !== "int") return null;
        const base = type === "o" ? 8 : 16;
        const digits = (n.value < 0n ? -n.value : n.value).toString(base);
        const alt = flags.includes("#") ? (type === "o" ? "0o" : type === "x" ? "0x" : "0X") : "";
        text = `${n.value < 0n ? "-" : ""}${alt}${type === "X" ? digits.toUpperCase() : digits}`;
        break;
      }
      default:
        return null;
    }
    if (text === null) return null;
    if (precision !== undefined && "sra".includes(type)) text = text.slice(0, Number(precision));
    if ((flags.includes("+") || flags.includes(" ")) && "diu".includes(type) && !text.startsWith("-"))
      text = (flags.includes("+") ? "+" : " ") + text;
    const size = width === undefined ? 0 : Number(width);
    if (text.length < size) {
      if (flags.includes("-")) text = text.padEnd(size);
      else if (flags.includes("0") && "diuxXo".includes(type)) {
        const sign = /^[-+ ]/u.test(text) ? text[0] : "";
        text = sign + text.slice(sign.length).padStart(size - sign.length, "0");
      } else text = text.padStart(size);
    }
    out += text;
  }
  out += format.slice(last);
  // Python raises when arguments are left over (not with a mapping).
  if (!mapping && values.kind === "tuple" && next !== args.length) return null;
  if (!mapping && values.kind !== "tuple" && next === 0) return null;
  return out;
}

/** The value of an expression when it is a known `str`, else null. */
export function staticString(model: PythonModel, expr: PyNode | null | undefined): string | null {
  const value = staticValue(model, expr);
  return value?.kind === "str" ? value.value : null;
}

/** Whether an expression's value is known before the program runs. */
export function isStatic(model: PythonModel, expr: PyNode | null | undefined): boolean {
  return staticValue(model, expr) !== null;
}

/**
 * Whether an expression can only hold constants, one of several: a static value, `a if t else b` of constants, or
 * a local name every reaching binding of which is a constant or a loop over a constant sequence (`for cmd in
 * ('ver', 'cmd /c ver'):`). Checks that ask "is this value written in the program?" use it.
 */
export function isConstantChoice(model: PythonModel, expr: PyNode | null | undefined, depth = 0): boolean {
  const node = unparenthesize(expr);
  if (!node || depth > MAX_DEPTH) return false;
  if (isStatic(model, node)) return true;
  if (node.type === "PyConditionalExpression")
    return isConstantChoice(model, node.body, depth + 1) && isConstantChoice(model, node.orelse, depth + 1);
  if (node.type !== "PyIdentifier") return false;
  const bindings = model.reachingBindings(node.name, node);
  return (
    bindings.length > 0 &&
    bindings.every((b) => {
      if (b.kind === "assign") return isConstantChoice(model, b.value, depth + 1);
      if (b.kind !== "for") return false;
      const sequence = staticValue(model, b.value);
      return sequence?.kind === "tuple" || sequence?.kind === "list" || sequence?.kind === "set";
    })
  );
}

/** `str(value)` as Python writes it, or null where it is not exact here (unusual floats, containers of them). */
export function pyStr(value: PyValue): string | null {
  return value.kind === "str" ? value.value : pyRepr(value);
}

/** `repr(value)` as Python writes it, or null where it is not exact here. */
export function pyRepr(value: PyValue): string | null {
  switch (value.kind) {
    case "str":
      return strRepr(value.value);
    case "bytes": {
      const quote = value.value.includes("'") && !value.value.includes('"') ? '"' : "'";
      let out = `b${quote}`;
      for (const ch of value.value) {
        const code = ch.charCodeAt(0);
        if (ch === quote || ch === "\\") out += `\\${ch}`;
        else if (ch === "\n") out += "\\n";
        else if (ch === "\r") out += "\\r";
        else if (ch === "\t") out += "\\t";
        else if (code < 0x20 || code >= 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
        else out += ch;
      }
      return out + quote;
    }
    case "int":
      return value.value.toString();
    case "bool":
      return value.value ? "True" : "False";
    case "None":
      return "None";
    case "float": {
      if (!Number.isFinite(value.value)) return value.value > 0 ? "inf" : Number.isNaN(value.value) ? "nan" : "-inf";
      const text = String(value.value);
      if (/e/u.test(text) || Math.abs(value.value) >= 1e16) return null;
      return Number.isInteger(value.value) ? `${text}.0` : text;
    }
    case "tuple":
    case "list":
    case "set": {
      const items = value.elements.map(pyRepr);
      if (items.includes(null)) return null;
      if (value.kind === "set") return items.length ? `{${items.join(", ")}}` : "set()";
      if (value.kind === "list") return `[${items.join(", ")}]`;
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    }
    case "dict": {
      const items = value.entries.map(([k, v]) => {
        const key = pyRepr(k);
        const item = pyRepr(v);
        return key === null || item === null ? null : `${key}: ${item}`;
      });
      return items.includes(null) ? null : `{${items.join(", ")}}`;
    }
  }
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

function strRepr(text: string): string | null {
  // Python escapes non-printable characters by its own Unicode tables: letters, marks, numbers, punctuation and
  // symbols are printable; any other non-ASCII character (format, separators, private use) leaves repr unknown.
  for (const ch of text) if (ch.codePointAt(0)! > 0x7f && !PRINTABLE.test(ch)) return null;
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch < " " || ch === "\x7f") out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}

function sizeOf(value: PyValue): number | null {
  if (value.kind === "str" || value.kind === "bytes") return [...value.value].length;
  if ("elements" in value) return value.elements.length;
  if (value.kind === "dict") return value.entries.length;
  return null;
}

/** Python's truth value of a known value. */
export function truthOf(value: PyValue): boolean {
  switch (value.kind) {
    case "None":
      return false;
    case "bool":
      return value.value;
    case "int":
      return value.value !== 0n;
    case "float":
      return value.value !== 0;
    default:
      return sizeOf(value) !== 0;
  }
}

/**
 * Whether an expression is true, false or unknown (null) wherever it is evaluated: static values by Python's
 * truth rules, `not`, `and`/`or`, and comparisons of two static values.
 */
export function truthiness(model: PythonModel, expr: PyNode | null | undefined): boolean | null {
  const node = unparenthesize(expr);
  if (!node) return null;
  switch (node.type) {
    case "PyNotOperator": {
      const inner = truthiness(model, node.argument);
      return inner === null ? null : !inner;
    }
    case "PyBooleanOperator": {
      const left = truthiness(model, node.left);
      const right = truthiness(model, node.right);
      if (node.operator === "and") return left === false || right === false ? false : left && right ? true : null;
      return left === true || right === true ? true : left === false && right === false ? false : null;
    }
    case "PyComparisonOperator": {
      if (node.operators.length !== 1) break;
      const left = staticValue(model, node.children[0]);
      const right = staticValue(model, node.children[1]);
      if (!left || !right) return null;
      return compare(node.operators[0], left, right);
    }
    default:
      break;
  }
  const value = staticValue(model, node);
  return value ? truthOf(value) : null;
}

function compare(operator: string, left: PyValue, right: PyValue): boolean | null {
  switch (operator) {
    case "==":
      return equals(left, right);
    case "!=":
      return equals(left, right) === null ? null : !equals(left, right);
    case "is":
      return left.kind === "None" || right.kind === "None" ? left.kind === right.kind : null;
    case "is not":
      return left.kind === "None" || right.kind === "None" ? left.kind !== right.kind : null;
    case "in":
    case "not in": {
      let found: boolean | null;
      if (right.kind === "str" && left.kind === "str") found = right.value.includes(left.value);
      else if ("elements" in right) found = right.elements.some((e) => equals(e, left) === true);
      else if (right.kind === "dict") found = right.entries.some(([k]) => equals(k, left) === true);
      else return null;
      return operator === "in" ? found : !found;
    }
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const a = numeric(left);
      const b = numeric(right);
      if (a && b) {
        const order =
          a.kind === "int" && b.kind === "int"
            ? a.value < b.value
              ? -1
              : a.value > b.value
                ? 1
                : 0
            : Math.sign(Number(a.value) - Number(b.value));
        return operator === "<"
          ? order < 0
          : operator === "<="
            ? order <= 0
            : operator === ">"
              ? order > 0
              : order >= 0;
      }
      if (left.kind === "str" && right.kind === "str") {
        const order = left.value < right.value ? -1 : left.value > right.value ? 1 : 0;
        return operator === "<"
          ? order < 0
          : operator === "<="
            ? order <= 0
            : operator === ">"
              ? order > 0
              : order >= 0;
      }
      return null;
    }
    default:
      return null;
  }
}

function equals(left: PyValue, right: PyValue): boolean | null {
  const a = numeric(left);
  const b = numeric(right);
  if (a && b) return a.kind === "int" && b.kind === "int" ? a.value === b.value : Number(a.value) === Number(b.value);
  if (left.kind !== right.kind) return left.kind === "set" || right.kind === "set" ? null : false;
  switch (left.kind) {
    case "str":
    case "bytes":
      return left.value === (right as { value: string }).value;
    case "None":
      return true;
    case "tuple":
    case "list": {
      const other = (right as { elements: PyValue[] }).elements;
      if (other.length !== left.elements.length) return false;
      for (let i = 0; i < other.length; i++) {
        const same = equals(left.elements[i], other[i]);
        if (same !== true) return same;
      }
      return true;
    }
    default:
      return null;
  }
}

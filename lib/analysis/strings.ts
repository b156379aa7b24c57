import { callArguments, positionalArguments, unparenthesize } from "../ast/accessors.js";
import type { PyNode } from "../ast/generated/node-types.js";
import type { PythonModel } from "./model.js";
import { pyRepr, pyStr, staticValue, unescapeFragment, type PyValue } from "./values.js";

/**
 * One piece of a string built at run time: literal text, or a value inserted into it. `conversion` is the
 * `%`-conversion or `{!r}` that inserts a dynamic value (`d` inserts only numbers, anything else raises).
 */
export type StringPart =
  { kind: "literal"; text: string; node: PyNode } | { kind: "dynamic"; node: PyNode; conversion?: string };

export interface StringPartsOptions {
  /** Follow a local name bound once in the same scope to what it was built from (parts then lie in that value). */
  expandLocals?: boolean;
}

const MAX_DEPTH = 12;

/** `%`-conversions that insert only numbers (anything else raises), so nothing a shell or SQL would parse. */
export const NUMERIC_CONVERSIONS: ReadonlySet<string> = new Set([
  "d",
  "i",
  "u",
  "x",
  "X",
  "o",
  "e",
  "E",
  "f",
  "F",
  "g",
  "G",
]);

/**
 * The literal and dynamic parts of a string built by f-strings, `%`, `.format()`, `+` and `sep.join(...)`, in the
 * order of the resulting text; a static value is one literal part; anything else is one dynamic part. Shared by
 * the checks of shell commands, SQL, wildcards and temporary paths.
 */
export function stringParts(
  model: PythonModel,
  expr: PyNode | null | undefined,
  options: StringPartsOptions = {},
): StringPart[] {
  const node = unparenthesize(expr);
  return node ? parts(model, node, options, 0) : [];
}

function parts(model: PythonModel, node: PyNode, options: StringPartsOptions, depth: number): StringPart[] {
  const dynamic: StringPart[] = [{ kind: "dynamic", node }];
  if (depth > MAX_DEPTH) return dynamic;
  const value = staticValue(model, node);
  if (value) {
    const text = pyStr(value);
    return text === null ? dynamic : [{ kind: "literal", text, node }];
  }
  const sub = (child: PyNode | null | undefined) => {
    const inner = unparenthesize(child);
    return inner ? parts(model, inner, options, depth + 1) : [];
  };
  switch (node.type) {
    case "PyString": {
      if (node.prefix.toLowerCase().includes("b")) return dynamic;
      const out: StringPart[] = [];
      for (const part of node.children) {
        if (part.type !== "PyInterpolation") {
          const raw = model.text.slice(part.range[0], part.range[1]).replace(/\{\{/gu, "{").replace(/\}\}/gu, "}");
          const text = node.prefix.toLowerCase().includes("r") ? raw : unescapeFragment(raw);
          out.push({ kind: "literal", text: text ?? raw, node: part });
          continue;
        }
        const conversion = part.typeConversion
          ? model.text.slice(part.typeConversion.range[0] + 1, part.typeConversion.range[1])
          : undefined;
        if (part.formatSpecifier || conversion) out.push({ kind: "dynamic", node: part.expression, conversion });
        else out.push(...sub(part.expression));
      }
      return out;
    }
    case "PyConcatenatedString":
      return node.children.flatMap((child) => sub(child));
    case "PyBinaryOperator":
      if (node.operator === "+") return [...sub(node.left), ...sub(node.right)];
      if (node.operator === "%") return percentParts(model, node, options, depth) ?? dynamic;
      return dynamic;
    case "PyCall": {
      if (node.function.type !== "PyAttribute") return dynamic;
      const method = node.function.attribute.name;
      const receiver = staticValue(model, node.function.object);
      if (receiver?.kind !== "str") return dynamic;
      if (method === "format") return formatParts(model, node, receiver.value, options, depth) ?? dynamic;
      if (method === "join") {
        const [sequence] = positionalArguments(node);
        if (!sequence || callArguments(node).length !== 1) return dynamic;
        const { elements, complete } = sequenceElements(model, sequence, node);
        if (!complete) return [{ kind: "dynamic", node: sequence }];
        const out: StringPart[] = [];
        elements.forEach((element, i) => {
          if (i) out.push({ kind: "literal", text: receiver.value, node: node.function });
          out.push(...sub(element));
        });
        return out;
      }
      return dynamic;
    }
    case "PyIdentifier": {
      if (!options.expandLocals) return dynamic;
      const bindings = model.reachingBindings(node.name, node);
      const binding = bindings[0];
      if (bindings.length !== 1 || binding.kind !== "assign" || !binding.value || binding.scope !== model.scopeOf(node))
        return dynamic;
      return sub(binding.value);
    }
    default:
      return dynamic;
  }
}

/** `format % values` with a static format: literal text between conversions, each conversion its value's parts. */
function percentParts(
  model: PythonModel,
  node: PyNode & { type: "PyBinaryOperator" },
  options: StringPartsOptions,
  depth: number,
): StringPart[] | null {
  const format = staticValue(model, node.left);
  if (format?.kind !== "str") return null;
  const right = unparenthesize(node.right);
  if (!right) return null;
  const tuple = right.type === "PyTuple" ? right.children : null;
  const mapping = right.type === "PyDictionary" ? right : null;
  const out: StringPart[] = [];
  let next = 0;
  let last = 0;
  const spec = /%(?:\(([^)]*)\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?([diouxXeEfFgGcrsa%])/gu;
  for (const match of format.value.matchAll(spec)) {
    if (match.index > last) out.push({ kind: "literal", text: format.value.slice(last, match.index), node: node.left });
    last = match.index + match[0].length;
    const [, key, conversion] = match;
    if (conversion === "%") {
      out.push({ kind: "literal", text: "%", node: node.left });
      continue;
    }
    let argument: PyNode | undefined;
    if (key !== undefined) {
      const pair = mapping?.children.find(
        (p) =>
          p.type === "PyPair" &&
          staticValue(model, p.key)?.kind === "str" &&
          (staticValue(model, p.key) as { value: string }).value === key,
      );
      argument = pair?.type === "PyPair" ? pair.value : undefined;
      if (!argument) return null;
    } else argument = tuple ? tuple[next++] : next++ === 0 ? right : undefined;
    if (!argument) return null;
    out.push(...insertedParts(model, argument, conversion, options, depth));
  }
  if (last < format.value.length) out.push({ kind: "literal", text: format.value.slice(last), node: node.left });
  return out;
}

/** `"...{}...{name!r}".format(a, name=b)`: literal text between fields, each field its argument's parts. */
function formatParts(
  model: PythonModel,
  call: PyNode & { type: "PyCall" },
  template: string,
  options: StringPartsOptions,
  depth: number,
): StringPart[] | null {
  const args = callArguments(call);
  if (args.some((a) => a.type === "PyListSplat" || a.type === "PyDictionarySplat")) return null;
  const positional = args.filter((a) => a.type !== "PyKeywordArgument");
  const keyword = new Map<string, PyNode>();
  for (const arg of args)
    if (arg.type === "PyKeywordArgument" && arg.name.type === "PyIdentifier") keyword.set(arg.name.name, arg.value);
  const out: StringPart[] = [];
  let automatic = 0;
  let literal = "";
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if ((ch === "{" || ch === "}") && template[i + 1] === ch) {
      literal += ch;
      i++;
      continue;
    }
    if (ch === "}") return null;
    if (ch !== "{") {
      literal += ch;
      continue;
    }
    const close = template.indexOf("}", i);
    if (close === -1) return null;
    const field = template.slice(i + 1, close);
    i = close;
    if (literal) out.push({ kind: "literal", text: literal, node: call.function });
    literal = "";
    const [, name, conversion, spec] = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/su.exec(field) ?? [];
    if (name === undefined || /[.[{]/u.test(name) || /[{}]/u.test(spec ?? "")) return null;
    const argument =
      name === "" ? positional[automatic++] : /^\d+$/u.test(name) ? positional[Number(name)] : keyword.get(name);
    if (!argument) return null;
    out.push(...insertedParts(model, argument, spec ? "spec" : (conversion ?? "s"), options, depth));
  }
  if (literal) out.push({ kind: "literal", text: literal, node: call.function });
  return out;
}

/** The parts one inserted value contributes: its own parts for `%s`/`{}`, its text when static, else one dynamic part. */
function insertedParts(
  model: PythonModel,
  argument: PyNode,
  conversion: string,
  options: StringPartsOptions,
  depth: number,
): StringPart[] {
  const value: PyValue | null = staticValue(model, argument);
  if (value && (conversion === "s" || conversion === "r" || conversion === "a")) {
    const text = conversion === "s" ? pyStr(value) : pyRepr(value);
    if (text !== null) return [{ kind: "literal", text, node: argument }];
  }
  if (conversion === "s") return parts(model, unparenthesize(argument)!, options, depth + 1);
  return [{ kind: "dynamic", node: argument, conversion }];
}

export interface SequenceElements {
  /** The element expressions the sequence was built from, in order as far as it is known. */
  elements: PyNode[];
  /** Expressions whose elements are not known (a call result, a loop variable, an attribute, ...). */
  unknown: PyNode[];
  /** Uses of the enclosing function's parameters whose elements are not known (the caller built them). */
  parameters: PyNode[];
  /** Whether `elements` is the whole sequence. */
  complete: boolean;
}

/**
 * The elements a list or tuple value was built from: literal items, `*x` of a known sequence, `+`, copies
 * (`x[:]`, `list(x)`, `tuple(x)`), a local name through its reaching bindings (`=`, `+=`, loop-carried ones) and the
 * `name.append(v)`, `name.insert(i, v)`, `name.extend(seq)` calls made before `at` in its scope.
 */
export function sequenceElements(model: PythonModel, expr: PyNode, at: PyNode): SequenceElements {
  const result: SequenceElements = { elements: [], unknown: [], parameters: [], complete: true };
  collect(model, unparenthesize(expr)!, at, 0, new Set(), result);
  return result;
}

function collect(
  model: PythonModel,
  node: PyNode,
  at: PyNode,
  depth: number,
  expanding: Set<PyNode>,
  out: SequenceElements,
): void {
  const unknown = () => {
    out.unknown.push(node);
    out.complete = false;
  };
  const sub = (child: PyNode, where: PyNode = at) =>
    collect(model, unparenthesize(child)!, where, depth + 1, expanding, out);
  if (depth > MAX_DEPTH) return unknown();
  switch (node.type) {
    case "PyList":
    case "PyTuple":
      for (const child of node.children) {
        if (child.type === "PyListSplat") sub(child.value);
        else out.elements.push(child);
      }
      return;
    case "PyListSplat":
      return sub(node.value);
    case "PyBinaryOperator":
      if (node.operator !== "+") return unknown();
      sub(node.left);
      sub(node.right);
      return;
    case "PySubscript":
      // `args[:]`, `args[1:]`: a copy of (part of) the list; which elements stay is not tracked.
      if (!node.subscript.some((s) => s.type === "PySlice")) return unknown();
      sub(node.value);
      out.complete = false;
      return;
    case "PyCall": {
      const callee = model.calleeName(node);
      const [first] = positionalArguments(node);
      if ((callee === "list" || callee === "tuple") && first && callArguments(node).length === 1) return sub(first);
      return unknown();
    }
    case "PyIdentifier": {
      const scope = model.resolveScope(node.name, node);
      if (!scope) return unknown();
      if (scope.kind === "module" || scope.kind === "class") {
        // A module constant (`BASE = ['ip', 'netns']`) is followed; a name rebound or mutated anywhere is not.
        const binding = model.singleAssignment(node);
        if (!binding?.value || model.callsOn(node.name, scope).length) return unknown();
        return sub(binding.value, binding.target);
      }
      for (const binding of model.reachingBindings(node.name, node)) {
        // A loop-carried `cmd = cmd + [x]` reaches its own value: follow it once.
        if (expanding.has(binding.target)) continue;
        if ((binding.kind === "assign" || binding.kind === "augmented") && binding.value) {
          expanding.add(binding.target);
          sub(binding.value, binding.target);
        } else {
          (binding.kind === "param" ? out.parameters : out.unknown).push(node);
          out.complete = false;
        }
      }
      for (const call of model.callsOn(node.name, scope)) {
        if (call.range[0] >= at.range[0] || call.function.type !== "PyAttribute") continue;
        const args = positionalArguments(call);
        const method = call.function.attribute.name;
        if (method === "append" && args[0]) out.elements.push(args[0]);
        else if (method === "insert" && args[1]) out.elements.push(args[1]);
        else if (method === "extend" && args[0]) sub(args[0], call);
      }
      return;
    }
    default:
      return unknown();
  }
}

/**
 * The values a string built at run time inserts (see `stringParts`), looking into `sep.join(...)` of a generator or
 * comprehension (its element expression) and of a local list; empty for a constant. A check asks whether each is
 * safe for its sink (escaped, quoted, numeric).
 */
export function insertedValues(model: PythonModel, expr: PyNode | null | undefined): PyNode[] {
  const whole = unparenthesize(expr);
  // `a if test else b`: what either branch inserts (a constant in each branch inserts nothing).
  if (whole?.type === "PyConditionalExpression")
    return [...insertedValues(model, whole.body), ...insertedValues(model, whole.orelse)];
  const out: PyNode[] = [];
  for (const part of stringParts(model, expr, { expandLocals: true })) {
    if (part.kind === "literal") continue;
    const node = unparenthesize(part.node)!;
    const isJoin =
      node.type === "PyCall" &&
      node.function.type === "PyAttribute" &&
      node.function.attribute.name === "join" &&
      callArguments(node).length === 1;
    const joined = isJoin ? unparenthesize(positionalArguments(node)[0]) : null;
    if (joined && (joined.type === "PyGeneratorExpression" || joined.type === "PyListComprehension"))
      out.push(...insertedValues(model, joined.body));
    else out.push(part.node);
  }
  return out;
}

import type { Program, PyCall, PyNode } from "../ast/generated/node-types.js";
import { preorder } from "../ast/traverse.js";

/** How a name got bound. */
export type BindingKind =
  | "assign" // x = value, x: T = value, (x := value)
  | "augmented" // x += value
  | "unpack" // a, b = value / for a, b in ... (value is the whole right-hand side)
  | "for" // for x in value / comprehension
  | "with" // with value as x
  | "except" // except E as x
  | "param" // def f(x)
  | "import" // import / from-import (see `imported`)
  | "def" // def x / class x
  | "delete"; // del x (a binding that ends the previous ones)

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The identifier node that is bound. */
  target: PyNode;
  /** The bound expression where there is one (right-hand side, iterable, context expression, default). */
  value: PyNode | null;
  /** For `import`: the qualified name the local name stands for (`import os.path as p` -> `os.path`). */
  imported?: string;
  scope: Scope;
}

export type ScopeKind = "module" | "class" | "function" | "lambda" | "comprehension";

export class Scope {
  readonly bindings = new Map<string, Binding[]>();
  /** Names declared `global` (resolved in the module scope) or `nonlocal` (in an enclosing function). */
  readonly globals = new Set<string>();
  readonly nonlocals = new Set<string>();
  readonly children: Scope[] = [];
  /** `<name>.<attribute> = value` statements in this scope (`self.client = ...`), for the model's receivers. */
  readonly attributeAssignments: Array<{ object: string; attribute: string; value: PyNode | null }> = [];

  constructor(
    readonly kind: ScopeKind,
    readonly node: PyNode,
    readonly parent: Scope | null,
  ) {
    parent?.children.push(this);
  }

  /** Parameter names in order (functions and lambdas). */
  readonly parameters: string[] = [];

  /** Records a binding (in the module scope for a name declared `global` here). `binding` becomes the record. */
  add(binding: Omit<Binding, "scope">): void {
    let scope: Scope = this;
    if (this.globals.size && this.globals.has(binding.name)) scope = this.module;
    // Every caller passes a fresh object: it becomes the record itself rather than a copy per binding.
    const full = binding as Binding;
    full.scope = scope;
    const list = scope.bindings.get(binding.name);
    if (binding.kind === "param" && scope === this) this.parameters.push(binding.name);
    if (list) list.push(full);
    else scope.bindings.set(binding.name, [full]);
  }

  get module(): Scope {
    let scope: Scope = this;
    while (scope.parent) scope = scope.parent;
    return scope;
  }
}

const SCOPE_NODES: Record<string, ScopeKind> = {
  PyFunctionDefinition: "function",
  PyLambda: "lambda",
  PyClassDefinition: "class",
  PyListComprehension: "comprehension",
  PySetComprehension: "comprehension",
  PyDictionaryComprehension: "comprehension",
  PyGeneratorExpression: "comprehension",
};

/** Identifiers bound by a target expression (`a`, `a, b`, `[a, *b]`, `(a, b)`); attributes/subscripts bind none. */
export function targetNames(target: PyNode | null | undefined): PyNode[] {
  const out: PyNode[] = [];
  const pending: PyNode[] = target ? [target] : [];
  while (pending.length) {
    const node = pending.pop()!;
    switch (node.type) {
      case "PyIdentifier":
        out.push(node);
        break;
      case "PyPatternList":
      case "PyTuplePattern":
      case "PyListPattern":
      case "PyExpressionList":
      case "PyTuple":
      case "PyList":
        pending.push(...node.children);
        break;
      case "PyParenthesizedExpression":
        pending.push(node.expression);
        break;
      case "PyListSplatPattern":
      case "PyListSplat":
        pending.push(node.value);
        break;
      case "PyAsPatternTarget":
        pending.push(node.target);
        break;
      default:
        break;
    }
  }
  return out.reverse();
}

/**
 * Builds the scope tree and all bindings of a module in one iterative pass, collecting on the way the calls (the
 * model's call index) and every node in source order (the model's `nodes`): one walk of the tree, not three.
 */
export function buildScopes(program: Program): {
  module: Scope;
  scopeByNode: Map<PyNode, Scope>;
  calls: PyCall[];
  nodes: readonly PyNode[];
} {
  const calls: PyCall[] = [];
  const { nodes, ends } = preorder(program);
  const module = new Scope("module", program, null);
  const scopeByNode = new Map<PyNode, Scope>([[program, module]]);
  // The scopes entered and where their subtrees end (indices into `nodes`), innermost last.
  const open: Scope[] = [module];
  const openEnds: number[] = [nodes.length];
  recordBindings(program, module);
  for (let index = 1; index < nodes.length; index++) {
    const node = nodes[index];
    while (openEnds[openEnds.length - 1] <= index) {
      open.pop();
      openEnds.pop();
    }
    const outer = open[open.length - 1];
    let scope = outer;
    const kind = SCOPE_NODES[node.type];
    if (kind) {
      // The name of a def/class is bound in the enclosing scope; its parameters and body in the new one.
      if (node.type === "PyFunctionDefinition" || node.type === "PyClassDefinition") {
        outer.add({ name: node.name.name, kind: "def", target: node.name, value: node });
      }
      scope = new Scope(kind, node, outer);
      scopeByNode.set(node, scope);
      if (node.type === "PyFunctionDefinition") addParameters(scope, node.parameters.children);
      if (node.type === "PyLambda" && node.parameters) addParameters(scope, node.parameters.children);
      // Defaults and decorators are evaluated in the enclosing scope; keep it simple: everything below a scope
      // node belongs to it except the def's own name (already bound above).
      open.push(scope);
      openEnds.push(ends[index]);
    }
    recordBindings(node, scope);
    if (node.type === "PyCall") calls.push(node);
  }
  return { module, scopeByNode, calls, nodes };
}

function addParameters(scope: Scope, parameters: PyNode[]): void {
  for (const parameter of parameters) {
    switch (parameter.type) {
      case "PyIdentifier":
        scope.add({ name: parameter.name, kind: "param", target: parameter, value: null });
        break;
      case "PyDefaultParameter":
      case "PyTypedDefaultParameter":
        for (const id of targetNames(parameter.name))
          scope.add({ name: (id as { name: string }).name, kind: "param", target: id, value: parameter.value });
        break;
      case "PyTypedParameter":
        addParameters(scope, [parameter.parameter]);
        break;
      case "PyListSplatPattern":
      case "PyDictionarySplatPattern":
        addParameters(scope, [parameter.value]);
        break;
      default:
        break;
    }
  }
}

function bindTargets(scope: Scope, target: PyNode | null, kind: Binding["kind"], value: PyNode | null): void {
  if (!target) return;
  if (target.type === "PyIdentifier") {
    scope.add({ name: target.name, kind, target, value });
    return;
  }
  if (target.type === "PyAttribute" || target.type === "PySubscript") return;
  // Several names (or one inside a tuple or list): each is bound to a part of the value.
  for (const id of targetNames(target)) {
    scope.add({
      name: (id as { name: string }).name,
      kind: kind === "assign" ? "unpack" : kind,
      target: id,
      value,
    });
  }
}

function recordBindings(node: PyNode, scope: Scope): void {
  switch (node.type) {
    case "PyAssignment": {
      // `self.x = value` (one target): the value; in a chain or a tuple target, the attribute holds something else.
      const value = node.right?.type === "PyAssignment" ? assignedValue(node.right) : node.right;
      recordAttributeAssignment(scope, node.left, node.right?.type === "PyAssignment" ? null : value);
      if (node.right?.type === "PyAssignment") recordAttributeAssignment(scope, node.right.left, null);
      // `a = b = value`: the right side is another assignment.
      bindTargets(scope, node.left, "assign", value);
      break;
    }
    case "PyAugmentedAssignment":
      bindTargets(scope, node.left, "augmented", node.right);
      recordAttributeAssignment(scope, node.left, null);
      break;
    case "PyNamedExpression": {
      // A walrus inside a comprehension binds in the enclosing function scope.
      let target = scope;
      while (target.kind === "comprehension" && target.parent) target = target.parent;
      target.add({ name: node.name.name, kind: "assign", target: node.name, value: node.value });
      break;
    }
    case "PyForStatement":
      bindTargets(scope, node.left, "for", node.right);
      break;
    case "PyForInClause":
      bindTargets(scope, node.left, "for", node.right[0] ?? null);
      break;
    case "PyWithItem": {
      const value = node.value;
      if (value.type === "PyAsPattern") bindTargets(scope, value.alias, "with", value.value);
      break;
    }
    case "PyExceptClause": {
      const first = node.types[0];
      if (first?.type === "PyAsPattern") bindTargets(scope, first.alias, "except", first.value);
      else if (node.name) bindTargets(scope, node.name, "except", first ?? null);
      break;
    }
    case "PyImportStatement":
      for (const item of node.name) {
        if (item.type === "PyAliasedImport") {
          scope.add({
            name: item.alias.name,
            kind: "import",
            target: item.alias,
            value: null,
            imported: dotted(item.name),
          });
        } else {
          // `import a.b.c` binds `a`, which stands for the package `a`.
          const first = item.children[0];
          scope.add({ name: first.name, kind: "import", target: first, value: null, imported: first.name });
        }
      }
      break;
    case "PyImportFromStatement": {
      const from = node.moduleName.type === "PyDottedName" ? dotted(node.moduleName) : relativeModule(node.moduleName);
      for (const item of node.name) {
        if (item.type === "PyAliasedImport") {
          scope.add({
            name: item.alias.name,
            kind: "import",
            target: item.alias,
            value: null,
            imported: join(from, dotted(item.name)),
          });
        } else {
          const name = dotted(item);
          scope.add({ name, kind: "import", target: item, value: null, imported: join(from, name) });
        }
      }
      break;
    }
    case "PyGlobalStatement":
      for (const id of node.children) scope.globals.add(id.name);
      break;
    case "PyNonlocalStatement":
      for (const id of node.children) scope.nonlocals.add(id.name);
      break;
    case "PyDeleteStatement":
      for (const id of targetNames(node.target)) {
        scope.add({ name: (id as { name: string }).name, kind: "delete", target: id, value: null });
      }
      break;
    default:
      break;
  }
}

function recordAttributeAssignment(scope: Scope, target: PyNode | null, value: PyNode | null): void {
  if (target?.type !== "PyAttribute" || target.object.type !== "PyIdentifier") return;
  scope.attributeAssignments.push({ object: target.object.name, attribute: target.attribute.name, value });
}

function assignedValue(node: PyNode): PyNode | null {
  let current: PyNode | null = node;
  while (current?.type === "PyAssignment") current = current.right;
  return current;
}

function dotted(node: PyNode): string {
  return node.type === "PyDottedName" ? node.children.map((id) => id.name).join(".") : "";
}

/** `from . import x` / `from .utils import y`: the module part without the dots (relative to the package). */
function relativeModule(node: PyNode): string {
  if (node.type !== "PyRelativeImport") return "";
  return node.name ? dotted(node.name) : "";
}

function join(from: string, name: string): string {
  return from ? `${from}.${name}` : name;
}

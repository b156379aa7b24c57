import { statementOf, stringValue, unparenthesize } from "../ast/accessors.js";
import type { Program, PyCall, PyNode } from "../ast/generated/node-types.js";
import { lowerBound } from "../ast/ranges.js";
import { childNodes } from "../ast/traverse.js";
import { buildScopes, type Binding, type Scope } from "./scopes.js";
import { debugCounters } from "../debug-counters.js";
import { contains, dominatingStatements } from "./statements.js";

/** Conventional logger names (oslo's `LOG`, the stdlib's `logger`), recognised without a `getLogger` binding. */
export const CONVENTIONAL_LOGGER_NAMES = new Set([
  "LOG",
  "log",
  "logger",
  "LOGGER",
  "_LOG",
  "_LOGGER",
  "_log",
  "_logger",
]);
const CONVENTIONAL_LOGGER_ATTRIBUTES = new Set(["log", "logger", "LOG", "_log", "_logger", "_LOG"]);

/**
 * The shared semantic model of one Python module: scopes and bindings, qualified names through imports and
 * aliases, constants, list building and loggers. Built once per file, lazily, and shared by every rule through
 * `parserServices.getPythonModel()`.
 */
export class PythonModel {
  readonly module: Scope;
  readonly #scopeByNode: Map<PyNode, Scope>;
  #callsByReceiver: Map<Scope, Map<string, PyCall[]>> | undefined;
  #allNodes: PyNode[] | undefined;

  constructor(
    readonly program: Program,
    readonly text: string,
  ) {
    const { module, scopeByNode } = buildScopes(program);
    this.module = module;
    this.#scopeByNode = scopeByNode;
  }

  /** Every node in source order (computed once). */
  get nodes(): PyNode[] {
    if (!this.#allNodes) {
      const out: PyNode[] = [];
      const stack: PyNode[] = [this.program];
      while (stack.length) {
        const node = stack.pop()!;
        out.push(node);
        const children = childNodes(node);
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      }
      this.#allNodes = out;
    }
    return this.#allNodes;
  }

  /**
   * The nodes that start inside `[start, end)`, in source order, found by binary search in `nodes` (pre-order
   * start offsets never decrease), so range queries cost their size, not the file's.
   */
  *nodesWithin(start: number, end: number): Iterable<PyNode> {
    const nodes = this.nodes;
    for (let i = lowerBound(nodes, start); i < nodes.length && nodes[i].range[0] < end; i++) yield nodes[i];
  }

  /** The scope a node is evaluated in (its function, lambda, class, comprehension or the module). */
  scopeOf(node: PyNode): Scope {
    for (let current = node.parent as PyNode | null; current; current = current.parent as PyNode | null) {
      const scope = this.#scopeByNode.get(current);
      if (scope) return scope;
    }
    return this.module;
  }

  /** The scope object created by a scope node (function definition, lambda, class, comprehension). */
  scopeFor(node: PyNode): Scope | undefined {
    return this.#scopeByNode.get(node);
  }

  /** The scope that binds `name` as seen from `at` (Python's LEGB rule; class scopes are skipped from inside). */
  resolveScope(name: string, at: PyNode): Scope | null {
    let scope: Scope | null = this.scopeOf(at);
    const start = scope;
    if (scope.globals.has(name)) return this.module.bindings.has(name) ? this.module : null;
    while (scope) {
      if ((scope === start || scope.kind !== "class") && scope.bindings.has(name) && !scope.nonlocals.has(name))
        return scope;
      scope = scope.parent;
    }
    return null;
  }

  /** All bindings of `name` in the scope that resolves it from `at`. */
  bindingsOf(name: string, at: PyNode): Binding[] {
    const scope = this.resolveScope(name, at);
    return scope ? (scope.bindings.get(name) ?? []) : [];
  }

  /**
   * The bindings of `name` that may reach `at`: in the same function, those written before it in source order,
   * except one whose value contains `at`, and none before the last one that certainly runs before `at` (a
   * dominating assignment or `del` hides earlier ones); from an enclosing scope or the module, all of them.
   */
  reachingBindings(name: string, at: PyNode): Binding[] {
    const scope = this.resolveScope(name, at);
    if (!scope) return [];
    const all = scope.bindings.get(name) ?? [];
    if (scope !== this.scopeOf(at) || scope.kind === "module") return all;
    // A use inside a binding's own value (`cmd = ['sudo'] + cmd`) sees the earlier bindings, not that one.
    const before = all.filter(
      (b) => b.target.range[0] < at.range[0] && !contains(b.target, at) && !(b.value && contains(b.value, at)),
    );
    // A binding whose statement certainly runs before `at` (it dominates it) hides all earlier ones:
    // `idx = int(idx)` replaces the parameter. So does `del`.
    const dominating = new Set(dominatingStatements(at));
    let first = 0;
    before.forEach((b, i) => {
      if (b.kind === "delete") first = i + 1;
      else if (KILLING_KINDS.has(b.kind) && dominating.has(statementOf(b.target) as PyNode)) first = i;
    });
    return before.slice(first);
  }

  /**
   * The qualified name of a name or attribute chain, through imports and simple aliases:
   * `sp.check_output` -> `subprocess.check_output` after `import subprocess as sp`; `system` -> `os.system` after
   * `from os import system`. Unbound names stay as written (`open`, `eval`). Null for other expressions.
   */
  qualifiedName(expr: PyNode | null | undefined, depth = 0): string | null {
    const node = unparenthesize(expr);
    if (!node || depth > 8) return null;
    if (node.type === "PyAttribute") {
      const base = this.qualifiedName(node.object, depth + 1);
      return base === null ? null : `${base}.${node.attribute.name}`;
    }
    if (node.type !== "PyIdentifier") return null;
    const bindings = this.reachingBindings(node.name, node);
    const binding = bindings[bindings.length - 1];
    if (!binding) return node.name;
    if (binding.kind === "import") return binding.imported ?? node.name;
    // `run = subprocess.run` (a single alias binding of the name in its scope).
    if (
      binding.kind === "assign" &&
      bindings.length === 1 &&
      binding.value &&
      (binding.value.type === "PyIdentifier" || binding.value.type === "PyAttribute")
    ) {
      return this.qualifiedName(binding.value, depth + 1) ?? node.name;
    }
    return node.name;
  }

  /** The qualified name of what a call calls (see `qualifiedName`). */
  calleeName(call: PyCall): string | null {
    return this.qualifiedName(call.function);
  }

  /**
   * The constant string value of an expression: a literal, a concatenation of constants, or a name bound once in
   * its scope (or at module level) to a constant. Null when not a compile-time constant.
   */
  constantString(expr: PyNode | null | undefined, depth = 0): string | null {
    const node = unparenthesize(expr);
    if (!node || depth > 8) return null;
    const literal = stringValue(node, this.text);
    if (literal !== null) return literal;
    if (node.type === "PyBinaryOperator" && node.operator === "+") {
      const left = this.constantString(node.left, depth + 1);
      const right = left === null ? null : this.constantString(node.right, depth + 1);
      return left !== null && right !== null ? left + right : null;
    }
    if (node.type === "PyIdentifier") {
      const binding = this.singleAssignment(node);
      return binding ? this.constantString(binding.value, depth + 1) : null;
    }
    return null;
  }

  /** Whether an expression is a compile-time constant: literals, containers of constants, constant names. */
  isConstant(expr: PyNode | null | undefined, depth = 0): boolean {
    const node = unparenthesize(expr);
    if (!node || depth > 8) return false;
    switch (node.type) {
      case "PyInteger":
      case "PyFloat":
      case "PyTrue":
      case "PyFalse":
      case "PyNone":
        return true;
      case "PyString":
      case "PyConcatenatedString":
        return stringValue(node, this.text) !== null;
      case "PyUnaryOperator":
        return this.isConstant(node.argument, depth + 1);
      case "PyTuple":
      case "PyList":
      case "PySet":
        return node.children.every((child) => this.isConstant(child, depth + 1));
      case "PyBinaryOperator":
        return this.isConstant(node.left, depth + 1) && this.isConstant(node.right, depth + 1);
      case "PyIdentifier": {
        const binding = this.singleAssignment(node);
        return !!binding && this.isConstant(binding.value, depth + 1);
      }
      default:
        return false;
    }
  }

  /** The one `name = value` binding of a name in its resolving scope, when there is exactly one. */
  singleAssignment(id: PyNode & { type: "PyIdentifier" }): Binding | null {
    const bindings = this.bindingsOf(id.name, id);
    return bindings.length === 1 && bindings[0].kind === "assign" ? bindings[0] : null;
  }

  /** Calls `receiver.method(...)` on a plain name, by scope and name (`cmd.append(x)`, `f.close()`). */
  callsOn(name: string, scope: Scope): PyCall[] {
    if (!this.#callsByReceiver) {
      const index = new Map<Scope, Map<string, PyCall[]>>();
      for (const node of this.nodes) {
        if (node.type !== "PyCall" || node.function.type !== "PyAttribute") continue;
        const receiver = unparenthesize(node.function.object);
        if (receiver?.type !== "PyIdentifier") continue;
        const owner = this.resolveScope(receiver.name, node) ?? this.scopeOf(node);
        let byName = index.get(owner);
        if (!byName) index.set(owner, (byName = new Map()));
        const list = byName.get(receiver.name);
        if (list) list.push(node);
        else byName.set(receiver.name, [node]);
      }
      this.#callsByReceiver = index;
    }
    return this.#callsByReceiver.get(scope)?.get(name) ?? [];
  }

  /**
   * Whether an expression is a logger: the `logging` module, a name bound to a `getLogger(...)` call (through
   * any import), a conventional logger name (`LOG`, `logger`, ...), or `self.log`/`self.logger`/`self.LOG`.
   */
  isLogger(expr: PyNode | null | undefined, extraNames: ReadonlySet<string> = new Set()): boolean {
    const node = unparenthesize(expr);
    if (!node) return false;
    if (node.type === "PyIdentifier") {
      if (this.qualifiedName(node) === "logging") return true;
      const binding = this.reachingBindings(node.name, node).at(-1);
      if (binding?.kind === "assign" && binding.value?.type === "PyCall") {
        const callee = this.calleeName(binding.value);
        if (callee && /(^|\.)getLogger$|(^|\.)get_logger$|(^|\.)getChild$/u.test(callee)) return true;
      }
      return CONVENTIONAL_LOGGER_NAMES.has(node.name) || extraNames.has(node.name);
    }
    if (node.type === "PyAttribute") {
      const object = unparenthesize(node.object);
      if (object?.type === "PyIdentifier" && (object.name === "self" || object.name === "cls")) {
        return CONVENTIONAL_LOGGER_ATTRIBUTES.has(node.attribute.name) || extraNames.has(`self.${node.attribute.name}`);
      }
      const name = this.qualifiedName(node);
      return name !== null && extraNames.has(name);
    }
    return false;
  }
}

/** Bindings that replace the previous value (`x += ...` extends it instead). */
const KILLING_KINDS = new Set(["assign", "unpack", "import", "def"]);

const models = new WeakMap<Program, PythonModel>();

/** The model of a module, built on first use and cached for the lifetime of its AST. */
export function getPythonModel(program: Program, text: string): PythonModel {
  let model = models.get(program);
  if (!model) debugCounters.modelsBuilt++;
  if (!model) models.set(program, (model = new PythonModel(program, text)));
  return model;
}

/** What `parserServices` holds in both modes: `getPythonModel()` builds (once) and returns the model. */
export type PythonParserServices = {
  getPythonModel(): PythonModel;
};

export function createParserServices(program: Program, text: string): PythonParserServices {
  return { getPythonModel: () => getPythonModel(program, text) };
}

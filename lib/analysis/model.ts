import { statementOf, unparenthesize } from "../ast/accessors.js";
import type { Program, PyCall, PyNode } from "../ast/generated/node-types.js";
import { lowerBound } from "../ast/ranges.js";
import { buildScopes, type Binding, type Scope } from "./scopes.js";
import { debugCounters } from "../debug-counters.js";
import { contains, dominatingStatements, type ExitRules } from "./statements.js";
import { MODULE_ALIASES, catalog, CONVENTIONAL_LOGGER_ATTRIBUTES, CONVENTIONAL_LOGGER_NAMES } from "./catalog/index.js";
import type { CalleeMatcher } from "./catalog/pattern.js";

/**
 * The shared semantic model of one Python module: scopes and bindings, qualified names through imports and
 * aliases, constants, list building and loggers. Built once per file, lazily, and shared by every rule through
 * `parserServices.getPythonModel()`.
 */
/** The qualified-name prefix of functions and classes defined in the file itself. */
const LOCAL_PREFIX = "__local__.";

export class PythonModel {
  readonly module: Scope;
  readonly #scopeByNode: Map<PyNode, Scope>;
  #callsByReceiver: Map<Scope, Map<string, PyCall[]>> | undefined;
  readonly #allNodes: readonly PyNode[];
  readonly #names = new Map<PyNode, string | null>();
  readonly #selfAttributes = new Map<Scope, Map<string, Array<PyNode | null>>>();
  #callIndex: Map<string, PyCall[]> | undefined;
  readonly #callsTo = new WeakMap<CalleeMatcher<unknown>, unknown>();

  constructor(
    readonly program: Program,
    readonly text: string,
  ) {
    const { module, scopeByNode, calls, nodes } = buildScopes(program);
    this.module = module;
    this.calls = calls;
    this.#scopeByNode = scopeByNode;
    this.#allNodes = nodes;
  }

  /** Every node in source order (collected while the scopes are built). */
  get nodes(): readonly PyNode[] {
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
    // Resolving one name asks for its scope two or three times in a row (receiver class, reaching bindings).
    if (node === this.#lastScopeOf.node) return this.#lastScopeOf.scope;
    let found = this.module;
    for (let current = node.parent as PyNode | null; current; current = current.parent as PyNode | null) {
      const scope = this.#scopeByNode.get(current);
      if (scope) {
        found = scope;
        break;
      }
    }
    this.#lastScopeOf.node = node;
    this.#lastScopeOf.scope = found;
    return found;
  }

  readonly #lastScopeOf: { node: PyNode | null; scope: Scope } = { node: null, scope: null as unknown as Scope };

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

  /**
   * Whether the callee of `call` is Python's builtin `name` (`eval`, `builtins.eval`), not a function or import of
   * the file that shadows it.
   */
  callsBuiltin(call: PyCall, name: string): boolean {
    const callee = unparenthesize(call.function);
    if (callee?.type === "PyIdentifier") return callee.name === name && !this.resolveScope(name, callee);
    return this.calleeName(call) === `builtins.${name}`;
  }

  /** Whether the file imports module `name` or a module under it, anywhere (`import paramiko`, `from django.db import models`). */
  importsModule(name: string): boolean {
    let found = this.#importedModules.get(name);
    if (found === undefined) {
      found = false;
      for (const scope of this.#allScopes())
        for (const bindings of scope.bindings.values())
          for (const b of bindings)
            if (b.kind === "import" && (b.imported === name || b.imported?.startsWith(`${name}.`))) found = true;
      this.#importedModules.set(name, found);
    }
    return found;
  }

  readonly #importedModules = new Map<string, boolean>();

  *#allScopes(): Generator<Scope> {
    const stack: Scope[] = [this.module];
    while (stack.length) {
      const scope = stack.pop()!;
      yield scope;
      stack.push(...scope.children);
    }
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
    const isBefore = (b: Binding) =>
      b.target.range[0] < at.range[0] && !contains(b.target, at) && !(b.value && contains(b.value, at));
    const before = all.filter(isBefore);
    const loops = before.length < all.length ? enclosingLoops(at, scope.node) : NO_LOOPS;
    let first = 0;
    let killer: Binding | null = null;
    // A binding whose statement certainly runs before `at` (it dominates it) hides all earlier ones:
    // `idx = int(idx)` replaces the parameter. So does `del`. Only worth computing when there is something to hide.
    if (before.length > 1 || loops.length || before[0]?.kind === "delete") {
      const dominating = new Set(dominatingStatements(at));
      before.forEach((b, i) => {
        if (b.kind === "delete") {
          first = i + 1;
          killer = b;
        } else if (KILLING_KINDS.has(b.kind) && dominating.has(statementOf(b.target) as PyNode)) {
          first = i;
          killer = b;
        }
      });
    }
    const reaching = before.slice(first);
    // Loop-carried definitions: a binding later in the body of a loop that encloses `at` reaches `at` through
    // the loop's back edge (`for it in items: run(["ip", arg]); arg = it`), unless a killing binding inside that
    // loop runs before `at` on every iteration. Structured code has no other back edges, so this is the fixpoint
    // of reaching definitions over the function's control-flow graph.
    if (loops.length) {
      for (const b of all) {
        if (isBefore(b)) continue;
        const loop = loops.find((l) => contains(loopBody(l), b.target));
        if (!loop) continue;
        if (killer && contains(loopBody(loop), (killer as Binding).target)) continue;
        reaching.push(b);
      }
    }
    return reaching;
  }

  /**
   * The qualified name of a name or attribute chain, through imports and simple aliases:
   * `sp.check_output` -> `subprocess.check_output` after `import subprocess as sp`; `system` -> `os.system` after
   * `from os import system`. A value built by a known call is named after it with `()`: `s.get` ->
   * `requests.Session().get` after `s = requests.Session()`; `t.extractall` -> `tarfile.open().extractall` inside
   * `with tarfile.open(p) as t:`; `self.client.exec_command` -> `paramiko.SSHClient().exec_command` when the class
   * only ever assigns `self.client = paramiko.SSHClient()`. Unbound names stay as written (`open`, `eval`).
   * Null for other expressions. Memoised per node.
   */
  qualifiedName(expr: PyNode | null | undefined): string | null {
    const node = unparenthesize(expr);
    if (!node) return null;
    const cached = this.#names.get(node);
    if (cached !== undefined) return cached;
    // A name whose resolution comes back to itself (`x = f(x)` in a loop) is named as written.
    this.#names.set(node, node.type === "PyIdentifier" ? node.name : null);
    const name = standardModuleName(this.#resolveName(node));
    this.#names.set(node, name);
    return name;
  }

  #resolveName(node: PyNode): string | null {
    switch (node.type) {
      case "PyAttribute": {
        const fromClass = this.#selfAttributeOrigin(node);
        const base = fromClass ? `${this.calleeName(fromClass)}()` : null;
        if (fromClass && base !== "null()") return base;
        const object = this.qualifiedName(node.object);
        return object === null ? null : `${object}.${node.attribute.name}`;
      }
      case "PyCall": {
        const callee = this.calleeName(node);
        return callee === null ? null : `${callee}()`;
      }
      case "PyIdentifier": {
        const bindings = this.reachingBindings(node.name, node);
        const binding = bindings[bindings.length - 1];
        if (!binding) return node.name;
        if (binding.kind === "import") return binding.imported ?? node.name;
        // A function or class of this file shadows a builtin or library name (`def open(url)` in webbrowser.py is
        // not the builtin `open`): named under `__local__`, it matches only suffix patterns (`*.execute`).
        if (binding.kind === "def") return `${LOCAL_PREFIX}${node.name}`;
        // `run = subprocess.run` (a single alias binding of the name in its scope).
        if (
          binding.kind === "assign" &&
          bindings.length === 1 &&
          binding.value &&
          (binding.value.type === "PyIdentifier" || binding.value.type === "PyAttribute")
        ) {
          return this.qualifiedName(binding.value) ?? node.name;
        }
        const origin = this.#sameOrigin(bindings);
        if (origin) {
          const callee = this.calleeName(origin);
          if (callee !== null) return `${callee}()`;
        }
        return node.name;
      }
      default:
        return null;
    }
  }

  /** The call all of `bindings` assign (`x = f()` / `with f() as x`), when they all call the same callee. */
  #sameOrigin(bindings: readonly Binding[]): PyCall | null {
    let origin: PyCall | null = null;
    for (const binding of bindings) {
      const value = unparenthesize(binding.value);
      if ((binding.kind !== "assign" && binding.kind !== "with") || value?.type !== "PyCall") return null;
      if (origin && this.calleeName(origin) !== this.calleeName(value)) return null;
      origin = value;
    }
    return origin;
  }

  /**
   * For `self.attr` inside a method: the call the class assigns to `self.attr`, when every `self.attr = ...` of
   * the class assigns a call of the same callee (`self.client = paramiko.SSHClient()` in `__init__`).
   */
  #selfAttributeOrigin(node: PyNode & { type: "PyAttribute" }): PyCall | null {
    const values = this.selfAttributeValues(node);
    if (!values?.length) return null;
    let origin: PyCall | null = null;
    for (const value of values) {
      const call = unparenthesize(value);
      if (call?.type !== "PyCall") return null;
      if (origin && this.calleeName(origin) !== this.calleeName(call)) return null;
      origin = call;
    }
    return origin;
  }

  /**
   * For `self.attr` inside a method: every value the class assigns to `self.attr` in its methods (null where the
   * assignment has no single value, as in tuple unpacking), or null when `node` is not such an attribute.
   */
  selfAttributeValues(node: PyNode & { type: "PyAttribute" }): ReadonlyArray<PyNode | null> | null {
    const classScope = this.#receiverClass(node.object);
    return classScope ? (this.#selfAttributesOf(classScope).get(node.attribute.name) ?? null) : null;
  }

  /**
   * The function of this file a call runs, when it is certain: a name bound once by a `def` (`build(x)`), or
   * `self.method(...)` inside a method of the class that defines `method`. `skip` is how many leading parameters
   * the call does not pass (1 for the bound `self`/`cls`).
   */
  /**
   * The attribute names the methods of the class of `self` assign on it (`self.password = ...`), for a receiver
   * `self` of a method; null elsewhere.
   */
  selfAttributeNames(receiver: PyNode): string[] | null {
    const classScope = this.#receiverClass(receiver);
    return classScope ? [...this.#selfAttributesOf(classScope).keys()] : null;
  }

  /**
   * The values `self.<name>` can have when the class defines `<name>` as a `@property`: what its `return`s give
   * (`def loader(self): return yaml.Loader`). Null when the class has no such property.
   */
  propertyReturns(node: PyNode & { type: "PyAttribute" }): PyNode[] | null {
    const bindings = this.#receiverClass(node.object)?.bindings.get(node.attribute.name);
    const definition = bindings?.length === 1 && bindings[0].kind === "def" ? bindings[0].value : null;
    if (definition?.type !== "PyFunctionDefinition") return null;
    const decorated = definition.parent as PyNode | null;
    if (decorated?.type !== "PyDecoratedDefinition") return null;
    if (!/^\s*@property\s*$/u.test(this.text.slice(decorated.range[0], definition.range[0]))) return null;
    const scope = this.scopeFor(definition);
    return scope ? this.returnStatements(scope).map((statement) => statement.value!) : [];
  }

  /** The `return <value>` statements of a function's own body (not of functions nested in it), in source order. */
  returnStatements(scope: Scope): Array<PyNode & { type: "PyReturnStatement" }> {
    const fn = scope.node;
    const out: Array<PyNode & { type: "PyReturnStatement" }> = [];
    for (const node of this.nodesWithin(fn.range[0], fn.range[1]))
      if (node.type === "PyReturnStatement" && node.value && this.scopeOf(node) === scope) out.push(node);
    return out;
  }

  /** The class whose method `receiver` is the first parameter of (`self`), or null. */
  #receiverClass(receiver: PyNode | null | undefined): Scope | null {
    const object = unparenthesize(receiver);
    return object?.type === "PyIdentifier" ? this.#methodReceiverClass(object) : null;
  }

  /** `self.<name> = value` assignments of a class's methods, by name (collected once per class). */
  #selfAttributesOf(classScope: Scope): Map<string, Array<PyNode | null>> {
    let byAttribute = this.#selfAttributes.get(classScope);
    if (!byAttribute) this.#selfAttributes.set(classScope, (byAttribute = this.#collectSelfAttributes(classScope)));
    return byAttribute;
  }

  localFunction(call: PyCall): { scope: Scope; skip: number } | null {
    const fn = unparenthesize(call.function);
    let definition: PyNode | null = null;
    let skip = 0;
    if (fn?.type === "PyIdentifier") {
      const bindings = this.reachingBindings(fn.name, fn);
      if (bindings.length === 1 && bindings[0].kind === "def") definition = bindings[0].value;
    } else if (fn?.type === "PyAttribute") {
      const bindings = this.#receiverClass(fn.object)?.bindings.get(fn.attribute.name);
      if (bindings?.length === 1 && bindings[0].kind === "def") definition = bindings[0].value;
      skip = 1;
    }
    if (definition?.type !== "PyFunctionDefinition") return null;
    const decorated = definition.parent as PyNode | null;
    if (decorated?.type === "PyDecoratedDefinition") {
      // Only plain functions and methods: a decorator may replace the function; staticmethod takes no receiver.
      const decorators = this.text.slice(decorated.range[0], definition.range[0]);
      if (!/^\s*@(staticmethod|classmethod)\s*$/u.test(decorators)) return null;
      if (/staticmethod/u.test(decorators)) skip = 0;
    }
    const scope = this.scopeFor(definition);
    return scope ? { scope, skip } : null;
  }

  /** The class scope when `id` is the first parameter (`self`/`cls`) of a method defined directly in a class. */
  #methodReceiverClass(id: PyNode & { type: "PyIdentifier" }): Scope | null {
    const functionScope = this.resolveScope(id.name, id);
    if (functionScope?.kind !== "function" || functionScope.parent?.kind !== "class") return null;
    // Only the first parameter, never rebound in the method (`self = other` makes it something else).
    const bindings = functionScope.bindings.get(id.name);
    if (bindings?.length !== 1 || bindings[0].kind !== "param") return null;
    if (functionScope.parameters[0] !== id.name) return null;
    const decorated = functionScope.node.parent as PyNode | null;
    if (
      decorated?.type === "PyDecoratedDefinition" &&
      /staticmethod/u.test(this.text.slice(decorated.range[0], functionScope.node.range[0]))
    )
      return null;
    return functionScope.parent;
  }

  #collectSelfAttributes(classScope: Scope): Map<string, Array<PyNode | null>> {
    const out = new Map<string, Array<PyNode | null>>();
    for (const method of classScope.children) {
      const receiver = method.kind === "function" ? method.parameters[0] : undefined;
      if (!receiver) continue;
      for (const { object, attribute, value } of method.attributeAssignments) {
        if (object !== receiver) continue;
        const list = out.get(attribute);
        if (list) list.push(value);
        else out.set(attribute, [value]);
      }
    }
    return out;
  }

  /**
   * The call whose result `expr` holds: the call itself, a local name every reaching binding of which assigns
   * the same callee's result (the last of them), or `self.attr` assigned one call in its class.
   */
  originCall(expr: PyNode | null | undefined): PyCall | null {
    const node = unparenthesize(expr);
    if (!node) return null;
    if (node.type === "PyCall") return node;
    if (node.type === "PyIdentifier") return this.#sameOrigin(this.reachingBindings(node.name, node));
    if (node.type === "PyAttribute") return this.#selfAttributeOrigin(node);
    return null;
  }

  /** The qualified name of what a call calls (see `qualifiedName`). */
  calleeName(call: PyCall): string | null {
    return this.qualifiedName(call.function);
  }

  /** Calls that never return, from the catalog, by resolved name (`import sys as s; s.exit()` counts). */
  readonly exitRules: ExitRules = {
    neverReturns: (call) => this.matchCallee(call, catalog.neverReturningCalls).length > 0,
  };

  /** Every call of the file, in source order. */
  readonly calls: readonly PyCall[];

  /** The file's calls grouped by resolved callee name, built once (each name resolved once). */
  get callIndex(): ReadonlyMap<string, readonly PyCall[]> {
    if (!this.#callIndex) {
      const index = new Map<string, PyCall[]>();
      for (const call of this.calls) {
        const name = this.calleeName(call);
        if (name === null) continue;
        const list = index.get(name);
        if (list) list.push(call);
        else index.set(name, [call]);
      }
      this.#callIndex = index;
    }
    return this.#callIndex;
  }

  /**
   * The calls whose callee matches, with the matched entries, in source order. The cost is one match per
   * distinct callee name of the file (memoised per matcher), not per call or per pattern.
   */
  callsTo<Entry>(matcher: CalleeMatcher<Entry>): Array<{ call: PyCall; name: string; entries: readonly Entry[] }> {
    const cached = this.#callsTo.get(matcher as CalleeMatcher<unknown>);
    if (cached) return cached as Array<{ call: PyCall; name: string; entries: readonly Entry[] }>;
    const out: Array<{ call: PyCall; name: string; entries: readonly Entry[] }> = [];
    for (const [name, calls] of this.callIndex) {
      const entries = matcher.match(name);
      if (entries.length) for (const call of calls) out.push({ call, name, entries });
    }
    out.sort((a, b) => a.call.range[0] - b.call.range[0]);
    this.#callsTo.set(matcher as CalleeMatcher<unknown>, out);
    return out;
  }

  /** The entries of `matcher` that the callee of `call` matches (one lookup; names are memoised). */
  matchCallee<Entry>(call: PyCall, matcher: CalleeMatcher<Entry>): readonly Entry[] {
    return matcher.match(this.calleeName(call));
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
   * Whether an expression is a logger: a logger module (`logging`), a name whose value comes from a logger
   * factory (`getLogger(...)` through any import), a conventional logger name (`LOG`, `logger`, ...), or
   * `self.log`/`self.logger`/`self.LOG`; `extraNames` adds names and `self.<attr>` as written, or qualified names.
   */
  isLogger(expr: PyNode | null | undefined, extraNames: ReadonlySet<string> = NO_NAMES): boolean {
    const node = unparenthesize(expr);
    if (!node) return false;
    if (node.type === "PyIdentifier") {
      if (catalog.loggerModules.matches(this.qualifiedName(node))) return true;
      const origin = this.originCall(node);
      if (origin && this.matchCallee(origin, catalog.loggerFactories).length) return true;
      return CONVENTIONAL_LOGGER_NAME_SET.has(node.name) || extraNames.has(node.name);
    }
    if (node.type === "PyAttribute") {
      const object = unparenthesize(node.object);
      if (object?.type === "PyIdentifier" && (object.name === "self" || object.name === "cls")) {
        return (
          CONVENTIONAL_LOGGER_ATTRIBUTE_SET.has(node.attribute.name) || extraNames.has(`self.${node.attribute.name}`)
        );
      }
      const name = this.qualifiedName(node);
      return name !== null && extraNames.has(name);
    }
    return false;
  }
}

const NO_NAMES: ReadonlySet<string> = new Set();
const CONVENTIONAL_LOGGER_NAME_SET = new Set(CONVENTIONAL_LOGGER_NAMES);
const CONVENTIONAL_LOGGER_ATTRIBUTE_SET = new Set(CONVENTIONAL_LOGGER_ATTRIBUTES);

/** The `for`/`while` loops around `node` inside `scopeNode`, outermost first (only where `node` is in the body). */
function enclosingLoops(node: PyNode, scopeNode: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (
    let current = node.parent as PyNode | null;
    current && current !== scopeNode;
    current = current.parent as PyNode | null
  ) {
    if ((current.type === "PyForStatement" || current.type === "PyWhileStatement") && contains(loopBody(current), node))
      out.unshift(current);
  }
  return out;
}

const NO_LOOPS: PyNode[] = [];

function loopBody(loop: PyNode): PyNode {
  return (loop as { body: PyNode }).body;
}

/**
 * A qualified name with a green or compatibility module prefix replaced by the standard module it stands for
 * (`eventlet.green.subprocess.Popen` -> `subprocess.Popen`, `six.moves.cPickle` -> `pickle`).
 */
function standardModuleName(name: string | null): string | null {
  if (name === null || !(name.startsWith("eventlet.") || name.startsWith("six."))) return name;
  // The longest aliased prefix wins (`six.moves.urllib.request` before `six.moves.urllib`).
  for (let end = name.length; end > 0; end = name.lastIndexOf(".", end - 1)) {
    const prefix = name.slice(0, end);
    if (Object.hasOwn(MODULE_ALIASES, prefix)) return MODULE_ALIASES[prefix] + name.slice(end);
    if (end === -1) break;
  }
  return name;
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

import { isStatic, staticString } from "./values.js";
import { NUMERIC_CONVERSIONS, sequenceElements, stringParts } from "./strings.js";
import { callArguments, keywordArgument, unparenthesize } from "../ast/accessors.js";
import type { PyNode } from "../ast/generated/node-types.js";
import {
  ARGUMENT_PROPAGATING_METHODS,
  catalog,
  CalleeMatcher,
  extendMatcher,
  PROPAGATING_METHODS,
  type CalleePattern,
  type SourceEntry,
} from "./catalog/index.js";
import { isGuarded, isValidatingConversion, validationWith, type Validation } from "./guards.js";
import type { PythonModel } from "./model.js";
import type { Binding, Scope } from "./scopes.js";

/**
 * What a taint analysis looks for: where untrusted data comes from, what carries it on, and what makes it safe.
 * Specs are data: build one with `defineTaintSpec` (the catalog's defaults plus yours) and pass it to `analyze`.
 */
export interface TaintSpec {
  /** Shown in debugging output and docs. */
  readonly name: string;
  /** Parameters of the enclosing function (other than `self`/`cls`) are untrusted. */
  readonly parameters: boolean;
  /** Calls whose result is untrusted (`input()`, `os.getenv()`). */
  readonly sourceCalls: CalleeMatcher<SourceEntry>;
  /** Values that are untrusted themselves, by qualified name (`sys.argv`, `os.environ`). */
  readonly sourceValues: CalleeMatcher<SourceEntry>;
  /** Calls whose result carries the taint of any argument (`str(x)`, `os.path.join(a, b)`). */
  readonly propagatingCalls: CalleeMatcher<unknown>;
  /** Methods whose result carries the taint of the receiver (`x.strip()`); some also of their arguments. */
  readonly propagatingMethods: ReadonlySet<string>;
  readonly argumentPropagatingMethods: ReadonlySet<string>;
  /** Calls whose result is safe for this sink whatever the input (`shlex.quote(x)` for a shell). */
  readonly sanitizers: CalleeMatcher<unknown>;
  /** Conversions and guard predicates that validate a value. */
  readonly validation: Validation;
}

export interface TaintSpecInit {
  name: string;
  parameters?: boolean;
  /** Extra source calls and values, on top of the catalog's process inputs. */
  sourceCalls?: readonly CalleePattern[];
  sourceValues?: readonly CalleePattern[];
  /** Extra propagating calls, sanitizers and validators (conversions or predicates). */
  propagatingCalls?: readonly CalleePattern[];
  sanitizers?: readonly CalleePattern[];
  validators?: readonly CalleePattern[];
}

/** A spec from the catalog's defaults and `init`'s additions. */
export function defineTaintSpec(init: TaintSpecInit): TaintSpec {
  return {
    name: init.name,
    parameters: init.parameters ?? true,
    sourceCalls: extendMatcher<SourceEntry>(
      catalog.processInputCalls,
      (init.sourceCalls ?? []).map((callee) => [callee, { callee }] as const),
    ),
    sourceValues: extendMatcher<SourceEntry>(
      catalog.processInputValues,
      (init.sourceValues ?? []).map((value) => [value, { value }] as const),
    ),
    propagatingCalls: extendMatcher(
      catalog.propagatingCalls as CalleeMatcher<unknown>,
      (init.propagatingCalls ?? []).map((p) => [p, p] as const),
    ),
    propagatingMethods: new Set(PROPAGATING_METHODS),
    argumentPropagatingMethods: new Set(ARGUMENT_PROPAGATING_METHODS),
    sanitizers: CalleeMatcher.of(init.sanitizers ?? []),
    validation: validationWith(init.validators),
  };
}

/** One hop of a trace: the value flowed through the binding of `name` at `node`. */
export interface TaintStep {
  node: PyNode;
  name: string;
  line: number;
}

/** Where an untrusted value came from, and the names it went through on its way to the sink (sink side first). */
export interface TaintFlow {
  /**
   * `origin`: where the data comes from in words ("the command line", "a parameter of `f()`"); `expression`: the
   * source as written (`sys.argv`, `route`); `description`: both, for messages.
   */
  source: { description: string; node: PyNode; origin?: string; expression?: string };
  steps: TaintStep[];
}

/**
 * Whether `expr`, evaluated at `at`, may hold untrusted data that nothing validated or sanitized first, and how
 * it got there. Follows reaching definitions (loop-carried ones included), subscripts, attributes, string
 * building, propagating calls and methods; values from other calls, `self.*` and module-level names are trusted
 * (precision first). Memoised per (spec, expression, use site).
 */
export function analyze(
  model: PythonModel,
  spec: TaintSpec,
  expr: PyNode | null | undefined,
  at: PyNode,
): TaintFlow | null {
  const node = unparenthesize(expr);
  if (!node) return null;
  let bySpec = memo.get(model);
  if (!bySpec) memo.set(model, (bySpec = new WeakMap()));
  let byNode = bySpec.get(spec);
  if (!byNode) bySpec.set(spec, (byNode = new Map()));
  const key = `${node.range[0]}:${node.range[1]}:${node.type}@${at.range[0]}:${at.range[1]}`;
  if (byNode.has(key)) return byNode.get(key)!;
  const flow = new Analysis(model, spec).visit(node, at, 0);
  byNode.set(key, flow);
  return flow;
}

const memo = new WeakMap<PythonModel, WeakMap<TaintSpec, Map<string, TaintFlow | null>>>();

/**
 * A trace for messages, from the source to the sink: "parameter `route`, via `cmd` at line 12". The audit report
 * prints each hop of this form as a step of the issue.
 */
export function describeFlow(flow: TaintFlow, valueText?: string): string {
  const hops = [...flow.steps].reverse().map((step) => `via \`${step.name}\` at line ${step.line}`);
  // `sys.argv` (sys.argv) says nothing: when the value is the source itself, say where it comes from in words.
  const { origin, expression, description } = flow.source;
  const source = !hops.length && origin && valueText !== undefined && valueText === expression ? origin : description;
  // A name assigned from itself (`cmd = cmd + [x]`) is one hop, not two.
  return [source, ...hops.filter((hop, i) => hop !== hops[i - 1])].join(", ");
}

function sourceOf(entry: SourceEntry, expression: string, node: PyNode): TaintFlow["source"] {
  return {
    description: entry.description ? `${entry.description}, \`${expression}\`` : `\`${expression}\``,
    node,
    origin: entry.description,
    expression: expression.replace(/\(\)$/u, ""),
  };
}

const MAX_DEPTH = 24;

class Analysis {
  /** Bindings being followed, so that loop-carried definitions (`x = x + y` in a loop) end instead of cycling. */
  readonly #visiting = new Set<PyNode>();

  constructor(
    readonly model: PythonModel,
    readonly spec: TaintSpec,
  ) {}

  visit(expr: PyNode | null | undefined, at: PyNode, depth: number): TaintFlow | null {
    const node = unparenthesize(expr);
    if (!node || depth > MAX_DEPTH) return null;
    const { model, spec } = this;
    const recurse = (child: PyNode | null | undefined, where: PyNode = at) => this.visit(child, where, depth + 1);
    switch (node.type) {
      case "PyIdentifier":
        return this.#identifier(node, at, depth);
      case "PyAttribute": {
        const qualified = model.qualifiedName(node);
        const source = spec.sourceValues.first(qualified);
        if (source) return { source: sourceOf(source, qualified!, node), steps: [] };
        const fromConstructor = this.#constructorParameter(node, depth);
        if (fromConstructor) return fromConstructor;
        return recurse(node.object);
      }
      case "PySubscript": {
        const qualified = model.qualifiedName(node.value);
        const source = spec.sourceValues.first(qualified);
        if (source) return { source: sourceOf(source, qualified!, node), steps: [] };
        // A lookup in a constant table (`COMMANDS[op]`) yields one of its known values.
        const table = unparenthesize(node.value);
        if (table && (isStatic(model, table) || isConstantTable(table, model))) return null;
        return recurse(node.value);
      }
      case "PyBinaryOperator": {
        // `'-%d' % sig`: numeric conversions accept only numbers (anything else raises), like int().
        if (node.operator === "%") {
          const format = staticString(model, node.left);
          if (format !== null && /%/u.test(format) && !/%(\([^)]*\))?[-#0 +]*\d*(\.\d+)?[srac]/u.test(format))
            return null;
          // Per conversion: `'%s=%d' % (NAME, value)` inserts `value` as a number only.
          const parts = format === null ? [] : stringParts(model, node);
          if (parts.length > 1 || parts[0]?.node !== node) {
            for (const part of parts) {
              if (
                part.kind === "literal" ||
                (part.kind === "dynamic" && NUMERIC_CONVERSIONS.has(part.conversion ?? ""))
              )
                continue;
              const flow = recurse(part.node);
              if (flow) return flow;
            }
            return null;
          }
        }
        return recurse(node.left) ?? recurse(node.right);
      }
      case "PyConditionalExpression":
        return recurse(node.body) ?? recurse(node.orelse);
      case "PyString":
        for (const part of node.children)
          if (part.type === "PyInterpolation") {
            const flow = recurse(part.expression);
            if (flow) return flow;
          }
        return null;
      case "PyConcatenatedString":
      case "PyList":
      case "PyTuple":
      case "PyExpressionList":
        for (const child of node.children) {
          const flow = recurse(child);
          if (flow) return flow;
        }
        return null;
      case "PyListSplat":
        return recurse(node.value);
      case "PyCall": {
        if (spec.sanitizers.matches(model.calleeName(node))) return null;
        if (isValidatingConversion(node, model, spec.validation)) return null;
        const callee = model.calleeName(node);
        const source = spec.sourceCalls.first(callee);
        if (source) return { source: sourceOf(source, `${callee}()`, node), steps: [] };
        if (spec.propagatingCalls.matches(callee)) {
          for (const arg of callArguments(node)) {
            const flow = recurse(arg.type === "PyKeywordArgument" ? arg.value : arg);
            if (flow) return flow;
          }
          return null;
        }
        const returned = this.#returnedFlow(node, at, depth);
        if (returned) return returned;
        if (node.function.type === "PyAttribute" && spec.propagatingMethods.has(node.function.attribute.name)) {
          const fromObject = recurse(node.function.object);
          if (fromObject) return fromObject;
          if (spec.argumentPropagatingMethods.has(node.function.attribute.name)) {
            for (const arg of callArguments(node)) {
              const flow = recurse(arg.type === "PyKeywordArgument" ? arg.value : arg);
              if (flow) return flow;
            }
          }
        }
        return null;
      }
      default:
        return null;
    }
  }

  /**
   * `self.name` where the class only ever assigns `self.name = name` from a parameter of `__init__`: the value the
   * constructor's caller passed, unvalidated there (a guard before the assignment clears it). Any other assignment
   * of the attribute (a constant, a call, another method) leaves it trusted, as attributes are.
   */
  #constructorParameter(node: PyNode & { type: "PyAttribute" }, depth: number): TaintFlow | null {
    if (!this.spec.parameters) return null;
    const values = this.model.selfAttributeValues(node);
    if (!values?.length) return null;
    let flow: TaintFlow | null = null;
    for (const value of values) {
      const id = unparenthesize(value);
      if (id?.type !== "PyIdentifier") return null;
      const bindings = this.model.reachingBindings(id.name, id);
      const fn = bindings[0]?.scope.node;
      if (
        !bindings.length ||
        !bindings.every((b) => b.kind === "param") ||
        fn?.type !== "PyFunctionDefinition" ||
        fn.name.name !== "__init__"
      )
        return null;
      const inner = this.visit(id, id, depth + 1);
      if (!inner) return null;
      flow ??= inner;
    }
    if (!flow) return null;
    const name = `self.${node.attribute.name}`;
    return { source: flow.source, steps: [{ node, name, line: node.loc.start.line }, ...flow.steps] };
  }

  /** Functions whose returns are being followed, so that recursion ends. */
  readonly #following = new Set<PyNode>();

  /**
   * A call to a function of this file returns untrusted data when one of its `return`s does: a source inside it
   * (`return sys.argv[1]`), or one of its parameters, when the caller passes untrusted data there
   * (`def build(name): return ['ip', 'netns', 'add', name]`). The trace crosses the call.
   */
  #returnedFlow(call: PyNode & { type: "PyCall" }, at: PyNode, depth: number): TaintFlow | null {
    const { model } = this;
    const target = model.localFunction(call);
    if (!target || this.#following.has(target.scope.node)) return null;
    const fn = target.scope.node as PyNode & { type: "PyFunctionDefinition" };
    this.#following.add(fn);
    try {
      for (const node of model.returnStatements(target.scope)) {
        const inner = this.#returnValueFlow(node.value!, node, depth + 1);
        if (!inner) continue;
        const step: TaintStep = { node: call, name: `${fn.name.name}()`, line: call.loc.start.line };
        const parameter = parameterOf(inner.source.node, target.scope);
        if (parameter === null) return { source: inner.source, steps: [...inner.steps, step] };
        const argument = argumentFor(call, target.scope.parameters, parameter, target.skip);
        const outer = argument ? this.visit(argument, at, depth + 1) : null;
        if (outer) return { source: outer.source, steps: [...inner.steps, step, ...outer.steps] };
      }
      return null;
    } finally {
      this.#following.delete(fn);
    }
  }

  /** A returned value, and for a list built step by step (`cmd.append(name)`) each element it was built from. */
  #returnValueFlow(value: PyNode, at: PyNode, depth: number): TaintFlow | null {
    const whole = this.visit(value, at, depth);
    if (whole) return whole;
    const { elements, unknown, parameters } = sequenceElements(this.model, value, at);
    for (const element of [...elements, ...unknown, ...parameters]) {
      const flow = this.visit(element, at, depth);
      if (flow) return flow;
    }
    return null;
  }

  #identifier(node: PyNode & { type: "PyIdentifier" }, at: PyNode, depth: number): TaintFlow | null {
    const { model, spec } = this;
    if (node.name === "self" || node.name === "cls") return null;
    const scope = model.resolveScope(node.name, node);
    if (!scope || scope.kind === "module" || scope.kind === "class") return null;
    let flow: TaintFlow | null = null;
    for (const binding of model.reachingBindings(node.name, node)) {
      if (binding.kind === "param") {
        if (spec.parameters) flow ??= { source: parameterSource(node.name, binding), steps: [] };
        continue;
      }
      if (!["assign", "augmented", "for", "unpack", "with"].includes(binding.kind)) continue;
      if (binding.value && isValidatingConversion(binding.value, model, spec.validation)) continue;
      if (flow || this.#visiting.has(binding.target)) continue;
      this.#visiting.add(binding.target);
      const inner = this.visit(binding.value, binding.target, depth + 1);
      this.#visiting.delete(binding.target);
      if (inner) {
        flow = {
          source: inner.source,
          steps: [{ node: binding.target, name: node.name, line: binding.target.loc.start.line }, ...inner.steps],
        };
      }
    }
    if (flow && isGuarded(node.name, at, model, spec.validation)) return null;
    return flow;
  }
}

/** The name of the parameter of `scope` that `node` (a source's node) binds, or null. */
function parameterOf(node: PyNode, scope: Scope): string | null {
  if (node.type !== "PyIdentifier") return null;
  const bindings = scope.bindings.get(node.name);
  return bindings?.some((b) => b.kind === "param" && b.target === node) ? node.name : null;
}

/** The argument a call passes for `parameter` (by keyword, or by position after `skip` implicit ones). */
function argumentFor(
  call: PyNode & { type: "PyCall" },
  parameters: readonly string[],
  parameter: string,
  skip: number,
): PyNode | null {
  const byKeyword = keywordArgument(call, parameter);
  if (byKeyword) return byKeyword;
  const position = parameters.indexOf(parameter) - skip;
  const positional = callArguments(call).filter((arg) => arg.type !== "PyKeywordArgument");
  // After a `*args` the positions are unknown.
  const splat = positional.findIndex((arg) => arg.type === "PyListSplat" || arg.type === "PyDictionarySplat");
  if (position < 0 || (splat !== -1 && splat <= position)) return null;
  return positional[position] ?? null;
}

function parameterSource(name: string, binding: Binding): TaintFlow["source"] {
  const fn = binding.scope.node;
  const owner = fn.type === "PyFunctionDefinition" ? `\`${fn.name.name}()\`` : "a lambda";
  return {
    description: `parameter \`${name}\``,
    node: binding.target,
    origin: `a parameter of ${owner}`,
    expression: name,
  };
}

/** A module-level name bound once to a literal dict/tuple/list of constants (a lookup table). */
function isConstantTable(node: PyNode, model: PythonModel): boolean {
  if (node.type !== "PyIdentifier") return false;
  const binding = model.singleAssignment(node);
  const value = unparenthesize(binding?.value);
  if (!value) return false;
  if (value.type === "PyDictionary")
    return value.children.every((pair) => pair.type === "PyPair" && isStatic(model, pair.value));
  return isStatic(model, value);
}

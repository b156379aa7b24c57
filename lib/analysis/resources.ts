import type { PyCall, PyNode } from "../ast/generated/node-types.js";
import type { PythonModel } from "./model.js";
import { catalog, HANDOFF_METHODS, OWNERSHIP_METHODS, STDIO_KEYWORDS } from "./catalog/index.js";
import type { Scope } from "./scopes.js";
import { statementExpression, statementOf, unparenthesize, withItems } from "../ast/accessors.js";
import { contains } from "./statements.js";

/** Calls that take ownership of a resource so that it is released: `closing(x)`, `stack.enter_context(x)`. */
export function takesOwnership(call: PyCall, model: PythonModel): boolean {
  if (model.matchCallee(call, catalog.ownershipTakers).length) return true;
  const callee = call.function;
  return callee.type === "PyAttribute" && OWNERSHIP_METHOD_SET.has(callee.attribute.name);
}
const OWNERSHIP_METHOD_SET = new Set(OWNERSHIP_METHODS);

/** Nodes that hand a value they hold to someone else: returned, yielded, stored in a container, a keyword argument or a lambda. */
export const ESCAPING_HOLDERS = new Set([
  "PyReturnStatement",
  "PyYield",
  "PyList",
  "PyTuple",
  "PySet",
  "PyPair",
  "PyExpressionList",
  "PyKeywordArgument",
  "PyLambda",
]);

/** Where a freshly created value goes: the node that holds it, looking through parentheses. */
export function holderOf(node: PyNode): { holder: PyNode; child: PyNode } {
  let child = node;
  let holder = node.parent as PyNode;
  while (holder?.type === "PyParenthesizedExpression") {
    child = holder;
    holder = holder.parent as PyNode;
  }
  return { holder, child };
}

export type Use =
  | { kind: "release"; node: PyCall }
  | { kind: "passed"; node: PyNode }
  | { kind: "returned"; node: PyNode }
  | { kind: "escape"; node: PyNode }
  | { kind: "with"; node: PyNode }
  | { kind: "other"; node: PyNode };

/**
 * How a local name holding a resource is used after `after` in its scope: released (`name.<release>()`),
 * escaping (returned, yielded, stored on an attribute or in a container, passed to a call that is not a known
 * consumer, aliased, declared global), managed later (`with name:`), or just used.
 */
export function usesOf(
  name: string,
  scope: Scope,
  after: PyNode,
  releaseMethods: readonly string[],
  model: PythonModel,
): Use[] {
  const uses: Use[] = [];
  const scopeNode = scope.node;
  for (const node of model.nodesWithin(after.range[1], scopeNode.range[1])) {
    if (node.type !== "PyIdentifier" || node.name !== name) continue;
    if (model.resolveScope(name, node) !== scope) continue;
    const { holder, child } = holderOf(node);
    if (!holder) continue;
    switch (holder.type) {
      case "PyAttribute": {
        if (holder.object !== child) break;
        const call = holder.parent as PyNode;
        if (call?.type === "PyCall" && call.function === holder && releaseMethods.includes(holder.attribute.name)) {
          uses.push({ kind: "release", node: call });
          continue;
        }
        // `self.addCleanup(f.close)`, `atexit.register(f.close)`: the release is registered for later.
        const registered =
          releaseMethods.includes(holder.attribute.name) && !(call?.type === "PyCall" && call.function === holder);
        if (registered || HANDOFF_METHODS.includes(holder.attribute.name)) {
          uses.push({ kind: "escape", node });
          continue;
        }
        uses.push({ kind: "other", node });
        continue;
      }
      case "PyGlobalStatement":
      case "PyNonlocalStatement":
        uses.push({ kind: "escape", node });
        continue;
      case "PyAssignment":
        if (holder.right === child) uses.push({ kind: "escape", node });
        continue;
      case "PyWithItem":
        uses.push({ kind: "with", node });
        continue;
      case "PyAsPattern":
        uses.push({ kind: holder.parent?.type === "PyWithItem" && holder.value === child ? "with" : "other", node });
        continue;
      case "PyArgumentList": {
        // Passed to a call: the callee may keep it, unless it is known only to read it; the caller still owns
        // it when it releases it itself later.
        const call = holder.parent as PyCall;
        uses.push({ kind: model.matchCallee(call, catalog.consumingCalls).length ? "other" : "passed", node });
        continue;
      }
      case "PyKeywordArgument": {
        // `stdout=f` of a process call: the child writes to it, the caller keeps it and must close it.
        const keyword = holder.name.type === "PyIdentifier" ? holder.name.name : "";
        const inCall = holder.parent?.type === "PyArgumentList";
        uses.push({ kind: inCall && STDIO_KEYWORDS.includes(keyword) ? "other" : inCall ? "passed" : "escape", node });
        continue;
      }
      case "PyReturnStatement":
        uses.push({ kind: "returned", node: holder });
        continue;
      default:
        if (ESCAPING_HOLDERS.has(holder.type)) {
          uses.push({ kind: "escape", node });
          continue;
        }
        break;
    }
    uses.push({ kind: "other", node });
  }
  // A use inside a nested function (a closure) may run at any time: treat it as an escape. A list, set or dict
  // comprehension runs where it stands, so a use there is the function's own.
  return uses.map((use) =>
    runsLater(model.scopeOf(use.node), scope) && use.kind !== "escape" ? { kind: "escape", node: use.node } : use,
  );
}

/** Whether code in `inner` may run after `outer` has moved on: a nested function, lambda or generator expression. */
function runsLater(inner: Scope, outer: Scope): boolean {
  for (let current: Scope | null = inner; current && current !== outer; current = current.parent) {
    if (current.kind !== "comprehension" || current.node.type === "PyGeneratorExpression") return true;
  }
  return false;
}

/** Inside `with self.assertRaises(...)` / `pytest.raises(...)`: code there is expected to fail before it creates anything. */
export function insideExpectedFailure(node: PyNode, model: PythonModel): boolean {
  for (let current = node.parent as PyNode | null; current; current = current.parent as PyNode | null) {
    if (current.type === "PyFunctionDefinition" || current.type === "PyLambda") return false;
    if (current.type !== "PyWithStatement") continue;
    for (const { value } of withItems(current)) {
      if (value.type === "PyCall" && model.matchCallee(value, catalog.expectedFailureContexts).length) return true;
    }
  }
  return false;
}

/** Whether `node` lies in the `finally:` clause of a try statement that starts after `after`, or encloses it. */
export function inFinally(node: PyNode): boolean {
  for (let current = node.parent as PyNode | null; current; current = current.parent as PyNode | null) {
    if (current.type === "PyFinallyClause") return true;
    if (current.type === "PyFunctionDefinition" || current.type === "PyLambda" || current.type === "PyClassDefinition")
      return false;
  }
  return false;
}

/**
 * Whether some code between `from` and `to` (exclusive, same scope) may raise: any call other than `ignore`,
 * a subscript, a `raise` or an `assert`. Nested function bodies do not run there and are skipped.
 */
export function mayRaiseBetween(
  from: PyNode,
  to: PyNode,
  scope: Scope,
  model: PythonModel,
  ignore: ReadonlySet<PyNode> = new Set(),
): boolean {
  const start = from.range[1];
  const end = to.range[0];
  const unreachable = handlersOnlyForFailureOf(from);
  for (const node of model.nodesWithin(start, end)) {
    if (unreachable.some((h) => contains(h, node))) continue;
    // Calls that enclose the release (`self.assertEqual(p.wait(), 0)`) run it; they do not stand before it.
    if (ignore.has(node) || runsLater(model.scopeOf(node), scope) || contains(node, to)) continue;
    if (
      node.type === "PyCall" ||
      node.type === "PyRaiseStatement" ||
      node.type === "PyAssertStatement" ||
      node.type === "PyAwait"
    )
      return true;
  }
  return false;
}

/**
 * When the statement creating a resource is the last one of a `try` body, that try's `except` handlers run only
 * if the creation itself failed (nothing to release), so code in them does not stand between creation and
 * release (`try: f = open(p) except OSError: self.fail() else: f.close()`).
 */
function handlersOnlyForFailureOf(creation: PyNode): PyNode[] {
  const statement = statementOf(creation);
  const block = statement?.parent as PyNode | null;
  const tryStatement = block?.parent as PyNode | null;
  if (!statement || block?.type !== "PyBlock" || tryStatement?.type !== "PyTryStatement" || tryStatement.body !== block)
    return [];
  if (block.children[block.children.length - 1] !== statement) return [];
  return tryStatement.handlers;
}

/** The statement holding a release call, when it is a plain expression statement (`f.close()`). */
export function releaseStatement(call: PyCall): PyNode | null {
  const statement = statementOf(call);
  return unparenthesize(statementExpression(statement)) === call ? statement : null;
}

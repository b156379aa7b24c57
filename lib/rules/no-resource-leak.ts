import type { PyCall, PyNode } from "../ast/generated/node-types.js";
import { statementExpression, statementOf } from "../ast/accessors.js";
import type { PythonModel } from "../analysis/index.js";
import { catalog, extendMatcher, type ResourceEntry } from "../analysis/catalog/index.js";
import {
  ESCAPING_HOLDERS,
  holderOf,
  inFinally,
  insideExpectedFailure,
  mayRaiseBetween,
  releaseStatement,
  takesOwnership,
  usesOf,
} from "../analysis/resources.js";
import { AUTOFIX_OPTION, createRule, shortText, type PythonRuleSourceCode } from "../rule-kit/index.js";

type Options = [
  {
    extraResources: Array<{ name: string; release: string[] }>;
    extraPairs: Array<{ acquire: string; release: string }>;
    lockNamePattern: string;
    autofix: boolean;
  },
];
type MessageIds =
  | "unbound"
  | "neverReleased"
  | "notReleasedOnError"
  | "leakedBeforeReturn"
  | "lockNotReleasedOnError"
  | "lockNeverReleased"
  | "useWith"
  | "useWithLock";

export default createRule<Options, MessageIds>({
  name: "no-resource-leak",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow files, sockets, processes and locks that are not released on every path",
      recommended: true,
      severity: "warn",
      category: "Resource leaks",
      remediation:
        "Open files, sockets and processes in a `with` statement (or `contextlib.closing`/`ExitStack`), and hold locks with `with lock:`; where that does not fit, release the resource in a `finally:` block so that an exception cannot leak it.",
      checks: {
        // Ruff's SIM115 (open without a context manager) covers the file cases; locks have no peer check.
        unbound: { id: "no-resource-leak/unbound", ruff: ["SIM115"], cwe: [772] },
        neverReleased: { id: "no-resource-leak/never-released", ruff: ["SIM115"], cwe: [772] },
        notReleasedOnError: { id: "no-resource-leak/not-released-on-error", ruff: ["SIM115"], cwe: [404] },
        leakedBeforeReturn: { id: "no-resource-leak/leaked-before-return", cwe: [404] },
        lockNeverReleased: { id: "no-resource-leak/lock-never-released", cwe: [667] },
        lockNotReleasedOnError: { id: "no-resource-leak/lock-not-released-on-error", cwe: [667] },
      },
    },
    hasSuggestions: true,
    messages: {
      unbound:
        "`{{call}}` is used without being bound to a name, so nothing ever closes it; use `with {{call}} as ...:`.",
      neverReleased:
        "`{{name}}` (from `{{call}}`) is never released: nothing calls `{{name}}.{{release}}()`; manage it with `with` or release it in `finally:`.",
      notReleasedOnError:
        "`{{name}}` (from `{{call}}`) is released only on the normal path: an exception before `{{name}}.{{release}}()` leaks it; use `with` or `try/finally`.",
      leakedBeforeReturn:
        "`{{name}}` (from `{{call}}`) is returned to the caller, but an exception before the `return` leaks it: release it on that path (`except BaseException: {{name}}.{{release}}(); raise`).",
      lockNotReleasedOnError:
        "`{{lock}}.{{acquire}}()` is released only on the normal path: an exception before `{{lock}}.{{release}}()` keeps it held forever; use `with {{lock}}:` or `try/finally`.",
      lockNeverReleased: "`{{lock}}.{{acquire}}()` has no matching `{{lock}}.{{release}}()` in this function.",
      useWith: "Use `with {{call}} as {{name}}:` around the statements that use it.",
      useWithLock: "Use `with {{lock}}:` around the statements between acquire and release.",
    },
    schema: [
      {
        type: "object",
        properties: {
          extraResources: {
            type: "array",
            description:
              "More resource-creating callees (qualified, e.g. `paramiko.SSHClient`) and the methods that release them.",
            items: {
              type: "object",
              properties: {
                name: { type: "string", description: "Qualified callee name." },
                release: {
                  type: "array",
                  items: { type: "string" },
                  description: 'Release method names, e.g. ["close"].',
                },
              },
              required: ["name", "release"],
              additionalProperties: false,
            },
          },
          extraPairs: {
            type: "array",
            description: "More acquire/release method pairs checked like `lock.acquire()`/`lock.release()`.",
            items: {
              type: "object",
              properties: {
                acquire: { type: "string", description: "Acquiring method name." },
                release: { type: "string", description: "Releasing method name." },
              },
              required: ["acquire", "release"],
              additionalProperties: false,
            },
          },
          lockNamePattern: {
            type: "string",
            description:
              "Regular expression (case-insensitive) for receiver names treated as locks when their creation is not visible.",
          },
          ...AUTOFIX_OPTION,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [
      { extraResources: [], extraPairs: [], lockNamePattern: "(lock|(^|_)sem|semaphore|mutex)$", autofix: false },
    ],
    fixable: "code",
  },
  create(context, tools) {
    const [{ extraResources, extraPairs, lockNamePattern, autofix }] = context.options;
    const resources = extendMatcher<ResourceEntry>(
      catalog.resources,
      extraResources.map(({ name, release }) => [name, { callee: name, release }] as const),
    );
    const pairs = new Map<string, string>([
      ["acquire", "release"],
      ...extraPairs.map((p) => [p.acquire, p.release] as [string, string]),
    ]);
    const lockName = new RegExp(lockNamePattern, "iu");
    const sourceCode = context.sourceCode;
    // Set by Program before any check runs: the checks are called from it.
    let model: PythonModel;

    function checkResource(call: PyCall, releaseMethods: readonly string[]): void {
      if (insideExpectedFailure(call, model)) return;
      const callText = shortText(sourceCode.getText(call));
      const { holder, child } = holderOf(call);
      if (!holder || ESCAPING_HOLDERS.has(holder.type)) return;
      switch (holder.type) {
        case "PyWithItem":
        case "PyAsPattern":
          return;
        case "PyArgumentList": {
          const outer = holder.parent as PyCall;
          if (takesOwnership(outer, model) || !model.matchCallee(outer, catalog.consumingCalls).length) return;
          context.report({ node: call, messageId: "unbound", data: { call: callText } });
          return;
        }
        case "PyAttribute":
        case "PyForStatement":
        case "PyForInClause":
        case "PyExpressionStatement":
          if (holder.type === "PyForStatement" && holder.right !== child) return;
          // `open(p, "w").close()` (touch a file) releases it at once.
          if (
            holder.type === "PyAttribute" &&
            releaseMethods.includes(holder.attribute.name) &&
            holder.parent?.type === "PyCall"
          )
            return;
          context.report({ node: call, messageId: "unbound", data: { call: callText } });
          return;
        case "PyAssignment": {
          if (holder.right !== child || holder.left.type !== "PyIdentifier") return;
          // A name declared `global`/`nonlocal` outlives the function.
          if (model.resolveScope(holder.left.name, holder.left) !== model.scopeOf(call)) return;
          // `opened = f = open(p)`: one object, two names; released through either, it is released.
          for (
            let outer = holder.parent as PyNode | null;
            outer?.type === "PyAssignment";
            outer = outer.parent as PyNode | null
          ) {
            if (outer.left.type !== "PyIdentifier") return;
            const aliasUses = usesOf(outer.left.name, model.scopeOf(call), call, releaseMethods, model);
            if (aliasUses.some((use) => use.kind !== "other")) return;
          }
          checkBoundResource(call, holder.left.name, releaseMethods, callText);
          return;
        }
        default:
          return;
      }
    }

    function checkBoundResource(call: PyCall, name: string, releaseMethods: readonly string[], callText: string): void {
      const scope = model.scopeOf(call);
      const uses = usesOf(name, scope, call, releaseMethods, model);
      if (uses.some((use) => use.kind === "escape" || use.kind === "with")) return;
      const released = uses.filter((use) => use.kind === "release").map((use) => use.node as PyCall);
      const returned = uses.filter((use) => use.kind === "returned").map((use) => use.node);
      const release = releaseMethods[0];
      if (returned.length) {
        // Handed to the caller, who will release it, but only if nothing raises before the `return`.
        if (released.length) return;
        const first = returned[0];
        if (mayRaiseBetween(call, first, scope, model, new Set([first])))
          context.report({ node: call, messageId: "leakedBeforeReturn", data: { name, call: callText, release } });
        return;
      }
      if (!released.length) {
        // Passed to a call that may keep it (`self._files.append(f)`, `register(f)`): its owner now.
        if (uses.some((use) => use.kind === "passed")) return;
        context.report({ node: call, messageId: "neverReleased", data: { name, call: callText, release } });
        return;
      }
      if (released.some((r) => inFinally(r))) return;
      const first = released[0];
      const ignore = new Set<PyNode>([first]);
      if (!mayRaiseBetween(call, first, scope, model, ignore)) return;
      const used = (first.function as { attribute: { name: string } }).attribute.name;
      const suggest = withSuggestion(
        sourceCode,
        model,
        statementOf(call),
        releaseStatement(first),
        `${sourceCode.getText(call)} as ${name}`,
        uses,
        first,
      );
      context.report({
        node: call,
        messageId: "notReleasedOnError",
        data: { name, call: callText, release: used },
        // `autofix`: the `with` rewrite releases on the error path too, and only applies where nothing after the
        // release uses the resource and no multi-line string is re-indented (see withSuggestion).
        ...(autofix && suggest ? { fix: suggest } : {}),
        suggest: suggest ? [{ messageId: "useWith", data: { call: callText, name }, fix: suggest }] : [],
      });
    }

    /**
     * A lock acquired on purpose without a release after it: the function released it earlier (re-acquiring after a
     * wait, `release(); ...; acquire()`), or it is the object's own lock (`self._lock`) that another method of the
     * class releases (the Condition/RLock protocols: `_acquire_restore`, `_release_save`), or a module's lock that
     * another function of the module releases (`_acquireLock()` / `_releaseLock()`).
     */
    function releasedElsewhere(lock: string, releaseMethod: string, call: PyCall): boolean {
      const scope = model.scopeOf(call);
      const releases = (node: PyNode, inScope: (n: PyCall) => boolean) =>
        [...model.nodesWithin(node.range[0], node.range[1])].some(
          (n) =>
            n.type === "PyCall" &&
            n.function.type === "PyAttribute" &&
            n.function.attribute.name === releaseMethod &&
            sourceCode.getText(n.function.object) === lock &&
            inScope(n),
        );
      if (releases(scope.node, (n) => model.scopeOf(n) === scope && n.range[1] <= call.range[0])) return true;
      const owner = scope.parent;
      if (scope.kind !== "function" || !owner) return false;
      // `self._lock` released by another method; a module's `_lock` released by another function of the module.
      const shared =
        (lock.startsWith("self.") && owner.kind === "class") ||
        (/^\w+$/u.test(lock) && owner.kind === "module" && model.resolveScope(lock, call) === model.module);
      return (
        shared && owner.children.some((fn) => fn !== scope && fn.kind === "function" && releases(fn.node, () => true))
      );
    }

    function checkAcquire(call: PyCall, method: string): void {
      const callee = call.function;
      if (callee.type !== "PyAttribute") return;
      const statement = statementOf(call);
      if (statementExpression(statement) !== call) return;
      if (!isLockLike(callee.object, model, lockName)) return;
      // A method that exists to acquire (`def acquire(self): self.lock.acquire()`, `__enter__`) releases elsewhere.
      const scopeNode = model.scopeOf(call).node;
      if (
        scopeNode.type === "PyFunctionDefinition" &&
        [method, "__enter__", "__aenter__", "lock", "acquire_lock"].includes(scopeNode.name.name)
      )
        return;
      const lock = sourceCode.getText(callee.object);
      const releaseMethod = pairs.get(method)!;
      const scope = model.scopeOf(call);
      const released = [...model.nodesWithin(call.range[1], scope.node.range[1])].filter(
        (n): n is PyCall =>
          n.type === "PyCall" &&
          n.function.type === "PyAttribute" &&
          n.function.attribute.name === releaseMethod &&
          model.scopeOf(n) === scope &&
          sourceCode.getText(n.function.object) === lock,
      );
      const data = { lock, acquire: method, release: releaseMethod };
      if (!released.length) {
        // Only a lock this file creates (`threading.Lock()`): one from elsewhere (`inqueue._rlock`, a thread's state
        // lock) is held on purpose by protocols this file cannot see.
        const created = model.originCall(callee.object);
        const ownLock = !!created && model.matchCallee(created, catalog.lockFactories).length > 0;
        if (ownLock && !releasedElsewhere(lock, releaseMethod, call))
          context.report({ node: call, messageId: "lockNeverReleased", data });
        return;
      }
      if (released.some((r) => inFinally(r))) return;
      if (!mayRaiseBetween(call, released[0], scope, model, new Set([released[0]]))) return;
      const fix = withSuggestion(sourceCode, model, statement, releaseStatement(released[0]), lock, [], released[0]);
      context.report({
        node: call,
        messageId: "lockNotReleasedOnError",
        data,
        ...(autofix && fix && method === "acquire" ? { fix } : {}),
        suggest: fix && method === "acquire" ? [{ messageId: "useWithLock", data, fix }] : [],
      });
    }

    return {
      Program() {
        model = tools.model;
        const resourceCalls = new Set<PyNode>();
        for (const { call, entries } of model.callsTo(resources)) {
          resourceCalls.add(call);
          checkResource(call, entries[0].release);
        }
        for (const call of model.calls) {
          if (resourceCalls.has(call)) continue;
          if (call.function.type === "PyAttribute" && pairs.has(call.function.attribute.name))
            checkAcquire(call, call.function.attribute.name);
        }
      },
    };
  },
});

/** A receiver is a lock when it was created by a lock factory or its name looks like one. */
function isLockLike(receiver: PyNode, model: PythonModel, lockName: RegExp): boolean {
  const origin = model.originCall(receiver);
  if (origin && model.matchCallee(origin, catalog.lockFactories).length) return true;
  if (receiver.type === "PyIdentifier") return lockName.test(receiver.name);
  if (receiver.type === "PyAttribute") return lockName.test(receiver.attribute.name);
  return false;
}

/**
 * The `with` rewrite: `x = open(...)` ... `x.close()` in one block, nothing after the release using `x`, and no
 * multi-line string among the statements between (re-indenting would change it). The statements (and comments)
 * between creation and release move into the `with` block, indented by four spaces. Returns a fixer or null.
 */
/** The indentation one level adds: a tab in tab-indented code (the statement's own, else the file's first indented line). */
function indentUnit(text: string, indent: string): string {
  if (indent) return indent.includes("\t") ? "\t" : "    ";
  const firstIndented = /^([ \t]+)\S/mu.exec(text);
  return firstIndented?.[1].startsWith("\t") ? "\t" : "    ";
}

function withSuggestion(
  sourceCode: PythonRuleSourceCode,
  model: PythonModel,
  creation: PyNode | null,
  release: PyNode | null,
  header: string,
  uses: ReturnType<typeof usesOf>,
  releaseCall: PyCall,
): ((fixer: any) => any) | null {
  if (!creation || !release || creation.parent !== release.parent) return null;
  if (uses.some((use) => use.node.range[0] > releaseCall.range[1])) return null;
  const text = sourceCode.text;
  const lineStartOf = (offset: number) =>
    Math.max(text.lastIndexOf("\n", offset - 1), text.lastIndexOf("\r", offset - 1)) + 1;
  const lineEndOf = (offset: number) => {
    const match = /\r\n|\r|\n/u.exec(text.slice(offset));
    return match ? offset + match.index : text.length;
  };
  const indent = text.slice(lineStartOf(creation.range[0]), creation.range[0]);
  if (!/^[ \t]*$/u.test(indent) || text.slice(release.range[1], lineEndOf(release.range[1])).trim() !== "") return null;
  if (lineStartOf(release.range[0]) + indent.length !== release.range[0]) return null;
  const creationLineEnd = lineEndOf(creation.range[1]);
  const trailing = text.slice(creation.range[1], creationLineEnd);
  if (trailing.trim() !== "" && !trailing.trim().startsWith("#")) return null;
  const eol = /\r\n|\r|\n/u.exec(text.slice(creationLineEnd))?.[0] ?? "\n";
  const chunkStart = creationLineEnd + eol.length;
  const chunkEnd = lineStartOf(release.range[0]);
  // Re-indenting a multi-line string would change its value.
  for (const node of model.nodesWithin(chunkStart, chunkEnd)) {
    if (
      (node.type === "PyString" || node.type === "PyConcatenatedString") &&
      /[\r\n]/u.test(text.slice(node.range[0], node.range[1]))
    )
      return null;
  }
  const lines = text.slice(chunkStart, chunkEnd).split(/\r\n|\r|\n/u);
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  // One more level in the file's own style: a tab where the code is indented with tabs (spaces would be a
  // TabError), else four spaces.
  const unit = indentUnit(text, indent);
  const body = lines.some((line) => line.trim() !== "")
    ? lines.map((line) => (line.trim() === "" ? line : `${unit}${line}`)).join(eol)
    : `${indent}${unit}pass`;
  return (fixer) =>
    fixer.replaceTextRange([creation.range[0], release.range[1]], `with ${header}:${trailing}${eol}${body}`);
}

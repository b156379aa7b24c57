import type { PyExceptClause, PyNode, PyTryStatement } from "../ast/generated/node-types.js";
import type { PythonModel } from "../analysis/index.js";
import { catalog } from "../analysis/catalog/index.js";
import {
  alwaysReraises,
  callsIn,
  handsOnException,
  isLoggingCall,
  logs,
  logsTraceback,
  reraisingManagersWith,
} from "../analysis/handlers.js";
import { blockStatements, caughtTypes, handlerBody } from "../ast/accessors.js";
import { AUTOFIX_OPTION, createRule } from "../rule-kit/index.js";

type Options = [{ reraisingContextManagers: string[]; allowLogged: boolean; autofix: boolean }];
type MessageIds = "swallowed" | "loggedButSwallowed" | "useException" | "narrow";

export default createRule<Options, MessageIds>({
  name: "no-broad-except",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow broad exception handlers (`except:`, `except Exception`) that swallow errors instead of re-raising them",
      recommended: true,
      severity: "warn",
      category: "Broad exception handling",
      remediation:
        "Catch only the exceptions the `try` body is expected to raise; where a broad handler is needed (a top-level loop that must survive), log the traceback (`LOG.exception`) and re-raise, or run the handler inside `excutils.save_and_reraise_exception()`.",
      checks: {
        // Bandit reports only `except ...: pass` (B110) and `: continue` (B112); their ids silence this check,
        // which also covers handlers that swallow by returning or doing other work without logging.
        swallowed: {
          id: "no-broad-except/swallowed",
          bandit: ["B110", "try_except_pass", "B112", "try_except_continue"],
          ruff: ["BLE001", "E722", "S110", "S112"],
          cwe: [396, 390],
        },
        // Ruff's blind-except (BLE001) also reports a broad handler that logs without the traceback.
        loggedButSwallowed: {
          id: "no-broad-except/logged-but-swallowed",
          ruff: ["BLE001", "E722"],
          cwe: [396],
        },
      },
    },
    hasSuggestions: true,
    messages: {
      swallowed:
        "`{{handler}}` swallows every exception silently: nothing is logged and nothing re-raises it. Catch the specific exceptions or re-raise.",
      loggedButSwallowed:
        "`{{handler}}` logs but swallows every exception, so callers never learn of the failure. Catch the specific exceptions or re-raise after logging.",
      useException: "Catch `Exception` instead of everything (lets KeyboardInterrupt and SystemExit through).",
      narrow: "Catch only {{exceptions}}, what the `try` body can raise.",
    },
    schema: [
      {
        type: "object",
        properties: {
          reraisingContextManagers: {
            type: "array",
            items: { type: "string" },
            description:
              "More context managers that re-raise the active exception on exit, besides oslo's `excutils.save_and_reraise_exception` (a qualified name, a suffix such as `utils.reraising`, or a callee pattern); a handler whose body runs inside one is not reported.",
          },
          allowLogged: {
            type: "boolean",
            description:
              "Do not report handlers that log the exception with its traceback (`LOG.exception`, `exc_info=True`, `traceback.print_exc()`).",
          },
          ...AUTOFIX_OPTION,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [
      {
        reraisingContextManagers: [],
        allowLogged: false,
        autofix: false,
      },
    ],
    fixable: "code",
  },
  create(context, tools) {
    const [{ reraisingContextManagers, allowLogged, autofix }] = context.options;
    const reraising = reraisingManagersWith(reraisingContextManagers);
    const sourceCode = context.sourceCode;

    return {
      PyExceptClause(node: PyExceptClause) {
        const model = tools.model;
        const caught = caughtTypes(node);
        const bare = caught.length === 0;
        const broad = bare || caught.some((expr) => catalog.broadExceptions.matches(model.qualifiedName(expr)));
        if (!broad || alwaysReraises(node, model, reraising) || handsOnException(node, model)) return;
        const calls = callsIn(handlerBody(node), model);
        if (allowLogged && calls.some((call) => logsTraceback(call, model))) return;
        // Logging through a helper of this file (`self._log_failure()`) is logging too.
        const logged = calls.some((call) => logs(call, model));

        // The header ends at the first `:` after the caught expressions (found in the text: asking the token
        // store would make the language build this file's tokens).
        const text = sourceCode.text;
        const lastHeaderPart = node.name ?? node.types.at(-1);
        const colonIndex = text.indexOf(
          ":",
          lastHeaderPart ? lastHeaderPart.range[1] : node.range[0] + "except".length,
        );
        const colonEnd = sourceCode.getLocFromIndex(colonIndex + 1);
        const header = text.slice(node.range[0], colonIndex).replace(/\s+/gu, " ").trim();
        const exceptKeyword = { range: [node.range[0], node.range[0] + "except".length] as [number, number] };

        const suggest: Array<{ messageId: MessageIds; data?: Record<string, string>; fix: (fixer: any) => any }> = [];
        if (bare) {
          suggest.push({
            messageId: "useException",
            fix: (fixer) => fixer.insertTextAfterRange(exceptKeyword.range, " Exception"),
          });
        }
        const narrowed = narrowTo(node, model);
        if (narrowed) {
          const replacement = narrowed.length === 1 ? narrowed[0] : `(${narrowed.join(", ")})`;
          const target = caughtTarget(node);
          suggest.push({
            messageId: "narrow",
            data: { exceptions: narrowed.map((e) => `\`${e}\``).join(", ") },
            fix: (fixer) =>
              target
                ? fixer.replaceTextRange(target.range, replacement)
                : fixer.insertTextAfterRange(exceptKeyword.range, ` ${replacement}`),
          });
        }
        context.report({
          node,
          loc: { start: node.loc.start, end: colonEnd },
          messageId: logged ? "loggedButSwallowed" : "swallowed",
          data: { handler: header },
          // `autofix`: `except:` -> `except Exception:` lets KeyboardInterrupt and SystemExit through, which is
          // what a handler that means "anything went wrong" wants; narrowing stays a suggestion (it needs review).
          ...(autofix && bare ? { fix: suggest[0].fix } : {}),
          suggest,
        });
      },
    };
  },
});

/** The expression to replace when narrowing: the caught expression (inside `as`), or null for a bare except. */
function caughtTarget(handler: PyExceptClause): PyNode | null {
  const first = handler.types[0];
  if (!first) return null;
  return first.type === "PyAsPattern" ? first.value : first;
}

/** The exceptions the `try` body can raise, when every call in it is known; null otherwise. */
function narrowTo(handler: PyExceptClause, model: PythonModel): string[] | null {
  const tryStatement = handler.parent as PyTryStatement;
  if (tryStatement.type !== "PyTryStatement") return null;
  const exceptions = new Set<string>();
  for (const call of callsIn(blockStatements(tryStatement.body), model)) {
    if (isLoggingCall(call, model)) continue;
    const callee = model.calleeName(call);
    const known = catalog.knownExceptions.first(callee);
    if (!known) return null;
    for (const e of known) {
      // `subprocess.CalledProcessError` is only nameable where its module is imported as such.
      const root = e.includes(".") ? e.split(".")[0] : null;
      if (root && !model.bindingsOf(root, handler).some((b) => b.kind === "import" && b.imported === root)) return null;
      exceptions.add(e);
    }
  }
  if (!exceptions.size) return null;
  return [...exceptions].sort();
}

import { CODE_EVALUATORS, CODE_EXECUTORS } from "../analysis/catalog/index.js";
import { isConstantChoice } from "../analysis/values.js";
import type { PyCall, PyNode } from "../ast/generated/node-types.js";
import { callArguments, canImportModule, defineCallRule, moduleImportFixes, shortText } from "../rule-kit/index.js";
import type { CallCheckContext } from "../rule-kit/index.js";

/** The code a call evaluates: its first argument when given by position (`eval(source, globals)`). */
function evaluatedCode(call: PyCall): PyNode | null {
  const first = callArguments(call)[0];
  return first && first.type !== "PyKeywordArgument" && first.type !== "PyDictionarySplat" ? first : null;
}

/** `eval`/`exec` of code that is not a constant: a parameter, an attribute, a call's result, a built string. */
function runsDynamicCode(builtin: string) {
  return ({ call, model }: CallCheckContext<unknown>) => {
    if (!model.callsBuiltin(call, builtin)) return false;
    const code = evaluatedCode(call);
    return !!code && !isConstantChoice(model, code);
  };
}

export default defineCallRule({
  name: "no-eval",
  description: "Disallow `eval()` and `exec()` of code that is not a constant",
  recommended: true,
  severity: "error",
  category: "Code execution",
  remediation:
    "Parse data with `ast.literal_eval()` (Python literals) or `json.loads()`; map names to functions with a dictionary instead of evaluating them; import plugins with `importlib.import_module()` of an allow-listed name.",
  suggestions: {
    useLiteralEval: "Parse the text as a Python literal with ast.literal_eval() instead.",
  },
  checks: [
    {
      id: "B307",
      messageId: "evalOfDynamicCode",
      message:
        "`{{callee}}()` runs `{{code}}` as Python code, and it is not a constant: whoever controls it runs code in this process. Parse data with ast.literal_eval() or json.loads(), or dispatch through a table.",
      callee: CODE_EVALUATORS,
      when: runsDynamicCode("eval"),
      data: ({ call, text }) => ({ code: shortText(text(evaluatedCode(call)!)) }),
      // `eval(text)` with no namespaces reads like parsing a value; literal_eval accepts only literals (a change
      // of behaviour for anything else), so this is a suggestion.
      suggest: ({ call, model, sourceCode }) =>
        callArguments(call).length === 1 && canImportModule(model, "ast")
          ? [
              {
                messageId: "useLiteralEval",
                fix: (fixer) => [
                  fixer.replaceTextRange(call.function.range, "ast.literal_eval"),
                  ...(moduleImportFixes(fixer, sourceCode, model, "ast") ?? []),
                ],
              },
            ]
          : [],
      remediation:
        "Parse data with `ast.literal_eval()` (Python literals) or `json.loads()`; map names to functions with a dictionary instead of evaluating them.",
      bandit: ["B307", "eval"],
      ruff: ["S307", "PGH001"],
      cwe: [95],
    },
    {
      id: "B102",
      messageId: "execOfDynamicCode",
      message:
        "`{{callee}}()` runs `{{code}}` as Python code, and it is not a constant: whoever controls it runs code in this process. Call the code directly, or dispatch through a table of functions.",
      callee: CODE_EXECUTORS,
      when: runsDynamicCode("exec"),
      data: ({ call, text }) => ({ code: shortText(text(evaluatedCode(call)!)) }),
      remediation:
        "Call the code directly, import it as a module (`importlib.import_module` of an allow-listed name) or dispatch through a dictionary of functions; never build code from data.",
      bandit: ["B102", "exec_used"],
      ruff: ["S102"],
      cwe: [95],
    },
  ],
});

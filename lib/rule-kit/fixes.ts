import { statementExpression } from "../ast/accessors.js";
import type { PyNode } from "../ast/generated/node-types.js";
import type { PythonRuleSourceCode } from "./create-rule.js";

/**
 * The `autofix` option of rules whose safe remedy can be a `fix` (default off: a `fix` may not change behaviour
 * by ESLint's policy, and these remedies do, on purpose). `configs.fix` turns it on for every such rule.
 */
export const AUTOFIX_OPTION = {
  autofix: {
    type: "boolean",
    description:
      'Apply the remedy that is safe in practice with `eslint --fix` (see the rule doc\'s "What `--fix` changes"); other remedies stay suggestions.',
  },
} as const;

/** Source text on one line, cut to `max` characters, for messages. */
export function shortText(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/gu, " ");
  return oneLine.length > max ? `${oneLine.slice(0, max - 3)}...` : oneLine;
}

/** A fix that inserts an import after the module docstring, `__future__` imports and the other top-level imports. */
export function importFix(fixer: any, sourceCode: PythonRuleSourceCode, statement: string) {
  const body: PyNode[] = sourceCode.ast.body;
  let after: PyNode | null = null;
  for (const [index, node] of body.entries()) {
    const isDocstring = index === 0 && statementExpression(node)?.type === "PyString";
    if (
      isDocstring ||
      node.type === "PyImportStatement" ||
      node.type === "PyImportFromStatement" ||
      node.type === "PyFutureImportStatement"
    )
      after = node;
    else break;
  }
  const eol = sourceCode.text.includes("\r\n") ? "\r\n" : "\n";
  return after
    ? fixer.insertTextAfterRange(after.range, `${eol}${statement}`)
    : fixer.insertTextBeforeRange([0, 0], `${statement}${eol}`);
}

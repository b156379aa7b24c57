import { callArguments, keywordArgument, statementExpression } from "../ast/accessors.js";
import type { PyCall, PyNode } from "../ast/generated/node-types.js";
import type { PythonModel } from "../analysis/index.js";
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

/**
 * The edits that make module `name` usable by that name in a fix: none when the file imports it at the top level,
 * `import name` otherwise; null when the name is bound to something else (the fix would change its meaning).
 */
export function moduleImportFixes(
  fixer: any,
  sourceCode: PythonRuleSourceCode,
  model: PythonModel,
  name: string,
): unknown[] | null {
  const bindings = model.module.bindings.get(name);
  if (!bindings?.length) return [importFix(fixer, sourceCode, `import ${name}`)];
  return bindings.every((b) => b.kind === "import" && b.imported === name) ? [] : null;
}

/** Whether module `name` can be referred to by that name in a fix (imported, or free to import). */
export function canImportModule(model: PythonModel, name: string): boolean {
  const bindings = model.module.bindings.get(name);
  return !bindings?.length || bindings.every((b) => b.kind === "import" && b.imported === name);
}

/**
 * An edit that makes a call pass `name=value`: replaces the value of an existing `name=` argument, or adds the
 * keyword after the last argument (after a trailing comma when there is one). Null for a call whose argument is a
 * bare generator expression (`f(x for x in y)`), which cannot take more arguments as written.
 */
export function keywordArgumentFix(
  fixer: any,
  sourceCode: PythonRuleSourceCode,
  call: PyCall,
  name: string,
  value: string,
): unknown | null {
  const existing = keywordArgument(call, name);
  if (existing) return fixer.replaceTextRange(existing.range, value);
  if (call.arguments.type !== "PyArgumentList") return null;
  const args = callArguments(call);
  const close = call.arguments.range[1] - 1;
  if (!args.length) return fixer.insertTextBeforeRange([close, close], `${name}=${value}`);
  const last = args[args.length - 1];
  // After a trailing comma the keyword goes right after it, keeping the comma last (`f(\n  a, k=v,\n)`).
  const comma = /^\s*,/u.exec(sourceCode.text.slice(last.range[1], close));
  if (comma) {
    const at = last.range[1] + comma[0].length;
    return fixer.insertTextAfterRange([at, at], ` ${name}=${value},`);
  }
  return fixer.insertTextAfterRange(last.range, `, ${name}=${value}`);
}

export { createRule, ruleDocsUrl } from "./create-rule.js";
export { defineCallRule, suggestKeyword } from "./define-call-rule.js";
export type { CallCheck, CallCheckContext, CallCheckSuggestion, CallRuleSpec } from "./define-call-rule.js";
export type {
  PythonRuleContext,
  PythonRuleDocs,
  PythonRuleListener,
  PythonRuleSourceCode,
  PythonRuleSpec,
  CheckDocs,
  RuleTools,
} from "./create-rule.js";
export {
  argument,
  callArguments,
  caughtName,
  caughtTypes,
  dottedName,
  enclosingFunction,
  isInterpolated,
  keywordArgument,
  positionalArguments,
  statementOf,
  stringValue,
  unparenthesize,
  withItems,
} from "../ast/accessors.js";
export { childNodes } from "../ast/traverse.js";
export {
  AUTOFIX_OPTION,
  canImportModule,
  importFix,
  keywordArgumentFix,
  moduleImportFixes,
  shortText,
} from "./fixes.js";
/** The semantic model of a file (scopes, imports, qualified names, def-use), shared by all rules of the file. */
export { getModel } from "../analysis/index.js";
export type { PythonModel } from "../analysis/index.js";

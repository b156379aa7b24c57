export { createRule, ruleDocsUrl } from "./create-rule.js";
export type { PythonRuleContext, PythonRuleDocs, PythonRuleListener, PythonRuleSourceCode, PythonRuleSpec } from "./create-rule.js";
export { dottedName, enclosingFunction, isInterpolated, keywordArgument, positionalArguments, stringValue } from "./helpers.js";
export { childNodes } from "../ast/traverse.js";
export { importFix, shortText } from "./fixes.js";

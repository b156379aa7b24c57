/**
 * The shared Python semantic model every rule uses (never re-implemented per rule): scopes and bindings,
 * qualified names through imports, constants and list building (model.ts), statement structure and exits
 * (statements.ts). Rules reach it through `getModel(context)`; team-local rules through
 * `context.sourceCode.parserServices.getPythonModel()`.
 */
export * from "./model.js";
export * from "./scopes.js";
export * from "./statements.js";
import type { RuleContext } from "@eslint/core";
import type { Program } from "../ast/generated/node-types.js";
import { getPythonModel, type PythonModel } from "./model.js";

/** The model for the file a rule is linting, in language mode and in parser mode alike. */
export function getModel(context: { sourceCode: RuleContext["sourceCode"] }): PythonModel {
  const sourceCode = context.sourceCode as unknown as {
    ast: Program;
    text: string;
    parserServices?: { getPythonModel?: () => PythonModel };
  };
  return sourceCode.parserServices?.getPythonModel?.() ?? getPythonModel(sourceCode.ast, sourceCode.text);
}

import type { Program } from "../ast/generated/node-types.js";
import { visitorKeys } from "../ast/generated/visitor-keys.js";
import { convert } from "./convert.js";
import { checkPython3 } from "./python3-checks.js";
import { checkSourceText, findTreeError } from "./syntax-errors.js";
import { parseTree } from "./tree-sitter.js";
import { packageMeta } from "../package-meta.js";

export { PythonSyntaxError } from "./syntax-errors.js";
export { NativeBindingError } from "./tree-sitter.js";
export { MAX_NESTING_DEPTH } from "./convert.js";

/** Visitor keys of every node type, `Program` included (generated from tree-sitter-python's grammar). */
export const VISITOR_KEYS: Readonly<Record<string, readonly string[]>> = visitorKeys;

/**
 * Parses Python source into the ESLint AST: the one producer behind both the `python` language and the
 * `languageOptions.parser` route. Throws `PythonSyntaxError` for code Python 3 would reject.
 */
export function parsePython(text: string): Program {
  checkSourceText(text);
  const tree = parseTree(text);
  if (tree.rootNode.hasError) throw findTreeError(tree, text);
  const { program, lines, watched } = convert(tree, text);
  checkPython3(program, watched, text, lines);
  return program;
}

/** What `parseForESLint` returns; `scopeManager` stays unset so ESLint's JS rules see an empty global scope. */
export interface ParseForESLintResult {
  ast: Program;
  visitorKeys: Readonly<Record<string, readonly string[]>>;
  services: Record<string, unknown>;
}

/**
 * The custom-parser entry point (`languageOptions: { parser }`). ESLint rewrites a leading `#!` line to `//`
 * before calling a custom parser (a JS-ism); Python code cannot start with `//`, so it is restored here.
 */
export function parseForESLint(code: string, _options?: unknown): ParseForESLintResult {
  const text = code.startsWith("//") ? `#!${code.slice(2)}` : code;
  return { ast: parsePython(text), visitorKeys: VISITOR_KEYS, services: {} };
}

export function parse(code: string, options?: unknown): Program {
  return parseForESLint(code, options).ast;
}

/** Needed by `--cache` and `--print-config`, which serialise the parser by name. */
export const meta = { name: `${packageMeta.name}/parser`, version: packageMeta.version };

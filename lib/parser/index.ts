import type { Program } from "../ast/generated/node-types.js";
import { visitorKeys } from "../ast/generated/visitor-keys.js";
import { convert, type WalkableTree } from "./convert.js";
import { parseFlat } from "./native-walker.js";
import { getHeapStatistics } from "node:v8";
import { checkDecoding, checkSourceText, findTreeError, PythonSyntaxError } from "./syntax-errors.js";
import { checkBracketNesting, checkPython3, MAX_BRACKET_NESTING } from "./python3-checks.js";
import { parseTree, treeSitterInput } from "./tree-sitter.js";
import { joinBracketedLines } from "./join-bracketed-lines.js";
import type { LineIndex } from "./line-index.js";
import { packageMeta } from "../package-meta.js";
import { debugCounters } from "../debug-counters.js";

export { PythonSyntaxError } from "./syntax-errors.js";
export { NativeBindingError } from "./tree-sitter.js";
export { MAX_NESTING_DEPTH } from "./convert.js";

/** Visitor keys of every node type, `Program` included (generated from tree-sitter-python's grammar). */
export const VISITOR_KEYS: Readonly<Record<string, readonly string[]>> = visitorKeys;

/**
 * Parses Python source into the ESLint AST: the one producer behind both the `python` language and the
 * `languageOptions.parser` route. Throws `PythonSyntaxError` for code Python 3 would reject.
 */
export function parsePython(text: string, options: { lazyTokens?: boolean; filePath?: string } = {}): Program {
  checkSize(text);
  checkSourceText(text);
  checkDecoding(text, options.filePath);
  let input = text;
  let tree = parseValid(input);
  let blankedComments: Array<[number, number]> = [];
  if (!tree) {
    const joined = joinBracketedLines(text);
    const retry = joined && parseValid(joined.input);
    if (!retry) throw findTreeError(parseTree(text), text);
    tree = retry;
    input = joined.input;
    blankedComments = joined.comments;
  }
  const lazyTokens = options.lazyTokens === true;
  const { program, lines, watched, depth } = convert(tree, text, { tokens: !lazyTokens });
  if (blankedComments.length) restoreComments(program, blankedComments, text, lines);
  checkPython3(program, watched, text, lines);
  if (depth > MAX_BRACKET_NESTING) checkBracketNesting(text, lines);
  if (lazyTokens) defineLazyTokens(program, input, text);
  return program;
}

/**
 * The largest text audited: the tree, the AST and the model take about 75 bytes of memory per character, so a
 * file over 1/100 of the V8 heap limit (41 MB with Node's default 4 GB heap) is refused before it exhausts it.
 */
let maxAuditedLength: number | undefined;

function checkSize(text: string): void {
  // The heap limit is fixed for the process (and each worker): read once.
  const limit = (maxAuditedLength ??= Math.floor(getHeapStatistics().heap_size_limit / 100));
  if (text.length <= limit) return;
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
  throw new PythonSyntaxError(
    `the file is too large to audit (${mb(text.length)}; the limit is ${mb(limit)}, 1/100 of Node's heap limit: raise that with NODE_OPTIONS=--max-old-space-size=<MB>)`,
    0,
    1,
    1,
  );
}

/** A tree without syntax errors for `input`, or null: the native walker when it is built, else the binding. */
function parseValid(input: string): WalkableTree | null {
  const flat = parseFlat(treeSitterInput(input));
  if (flat !== undefined) return flat;
  const tree = parseTree(input);
  return tree.rootNode.hasError ? null : tree;
}

/**
 * Tokens cost about a third of the conversion and most rules never ask for them, so the language builds them on
 * first access (re-parsing the file once); parser mode needs them at once (ESLint's SourceCode reads them).
 */
function defineLazyTokens(program: Program, input: string, text: string): void {
  Object.defineProperty(program, "tokens", {
    configurable: true,
    enumerable: true,
    get() {
      debugCounters.tokenListsBuilt++;
      const tokens = convert(parseValid(input)!, text).program.tokens;
      Object.defineProperty(program, "tokens", { value: tokens, writable: true, configurable: true, enumerable: true });
      return tokens;
    },
  });
}

/** Puts comments blanked for the bracket-joining retry back into `Program.comments`, in order. */
function restoreComments(program: Program, ranges: Array<[number, number]>, text: string, lines: LineIndex): void {
  for (const [start, end] of ranges) {
    program.comments.push({
      type: "Block",
      value: text.slice(start + 1, end),
      range: [start, end],
      loc: { start: lines.position(start), end: lines.position(end) },
    });
  }
  program.comments.sort((a, b) => a.range[0] - b.range[0]);
}

/** What `parseForESLint` returns; `scopeManager` stays unset so ESLint's JS rules see an empty global scope. */
export interface ParseForESLintResult {
  ast: Program;
  visitorKeys: Readonly<Record<string, readonly string[]>>;
  services: Record<string, unknown>;
}

/**
 * What a host attaches to every parse as `parserServices` (the plugin: the semantic model). The parser knows
 * nothing of it, so the `./parser` export does not load the analysis layer.
 */
export type ServicesFactory = (ast: Program, text: string) => Record<string, unknown>;

/** A custom parser (`languageOptions: { parser }`) whose parse results carry `services(ast, text)`. */
export function createParser(services: ServicesFactory = () => ({})) {
  /**
   * ESLint rewrites a leading `#!` line to `//` before calling a custom parser (a JS-ism); Python code cannot
   * start with `//`, so it is restored here.
   */
  function parseForESLint(code: string, options?: { filePath?: string }): ParseForESLintResult {
    const text = code.startsWith("//") ? `#!${code.slice(2)}` : code;
    const ast = parsePython(text, { filePath: options?.filePath });
    markJsOnlyDirectiveComments(ast);
    return { ast, visitorKeys: VISITOR_KEYS, services: services(ast, text) };
  }
  return {
    meta: { name: `${packageMeta.name}/parser`, version: packageMeta.version },
    parseForESLint,
    parse: (code: string, options?: { filePath?: string }): Program => parseForESLint(code, options).ast,
  };
}

/**
 * `# eslint-env node` or `# global x` is an ordinary comment to the python language, but ESLint's JS source code,
 * which parser mode uses, reads Block comments labelled eslint-env (a removed directive: an error on ESLint 10),
 * global(s) or exported as directives. Typed Line, they are not directives there either (Line comments carry only
 * the -line/-next-line forms), so the two modes agree.
 */
function markJsOnlyDirectiveComments(ast: Program): void {
  for (const comment of ast.comments)
    if (/^\s*(?:eslint-env|globals?|exported)(?:\s|$)/u.test(comment.value))
      (comment as { type: string }).type = "Line";
}

const standalone = createParser();
/** The standalone parser (no services): rules reach the model through `getModel(context)` from `/rule-kit`. */
export const { meta, parseForESLint, parse } = standalone;

import type { DirectiveType, FileProblem, RulesConfig, SourceLocation } from "@eslint/core";
import { CallMethodStep, ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from "@eslint/plugin-kit";
import type { PyComment, PyToken, Range } from "../ast/base.js";
import type { Program, PyNode } from "../ast/generated/node-types.js";
import { visitorKeys } from "../ast/generated/visitor-keys.js";
import { childNodes, preorder } from "../ast/traverse.js";
import { TokenStore, type CursorOptions } from "./token-store.js";
import { createEmptyScopeManager, createProgramCodePath, type EmptyScopeManager } from "./js-compat.js";

type Element = PyNode | PyToken | PyComment;

/** The event emitted once per file after the whole traversal (language mode only). */
export const PYTHON_FILE_END = "onPythonFileEnd";
const commentParser = new ConfigCommentParser();
const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;
const KEYS = visitorKeys as unknown as Record<string, readonly string[]>;

/**
 * `sourceCode` for Python files in language mode: text, lines and locations from `TextSourceCodeBase`,
 * directives from `#` comments, an iterative traversal in source order, ESLint's token-store API, and the
 * JS-only members core rules reach for (an empty scope manager), so `js.configs.recommended` applied to every
 * file does not crash on `.py` files.
 */
export class PythonSourceCode extends TextSourceCodeBase<{
  LangOptions: Record<string, unknown>;
  RootNode: Program;
  SyntaxElementWithLoc: Element;
  ConfigNode: PyComment;
}> {
  declare ast: Program;
  readonly visitorKeys = KEYS as Record<string, string[]>;
  /** Services for rules: `getPythonModel()` (lib/analysis), the same object as in parser mode. */
  readonly parserServices: Record<string, unknown>;
  #tokenStore: TokenStore | undefined;
  #inlineConfigNodes: PyComment[] | undefined;
  #scopeManager: EmptyScopeManager | undefined;

  constructor({ text, ast, services = {} }: { text: string; ast: Program; services?: Record<string, unknown> }) {
    super({ text, ast, lineEndingPattern: /\r\n|[\r\n\u2028\u2029]/u });
    this.ast = ast;
    this.parserServices = services;
  }

  get tokensAndComments(): ReadonlyArray<PyToken | PyComment> {
    return this.#store.all;
  }

  get #store(): TokenStore {
    return (this.#tokenStore ??= new TokenStore(this.ast.tokens, this.ast.comments));
  }

  getAllComments(): PyComment[] {
    return this.ast.comments;
  }

  override getParent(node: Element): Element | undefined {
    return ("parent" in node ? (node.parent as PyNode | null) : undefined) ?? undefined;
  }

  /**
   * Visits every node once on entry and once on exit, in source order, without recursion (any depth works). The
   * steps are produced one at a time into one reused step object: ESLint (9 and 10) applies each step before it
   * asks for the next, and 4 M step objects per Neutron run were a measurable share of the garbage collector's work.
   */
  override traverse(): Iterable<VisitNodeStep | CallMethodStep> {
    // Code-path rules (`consistent-return`, ...) expect the JS language's code-path events around Program.
    const { codePath, segment } = createProgramCodePath();
    return new AstSteps(
      this.ast,
      [
        new CallMethodStep({ target: "onCodePathStart", args: [codePath, this.ast] }),
        new CallMethodStep({ target: "onCodePathSegmentStart", args: [segment, this.ast] }),
      ],
      [
        new CallMethodStep({ target: "onCodePathSegmentEnd", args: [segment, this.ast] }),
        new CallMethodStep({ target: "onCodePathEnd", args: [codePath, this.ast] }),
        // After every rule's `Program:exit`: rules that judge the other rules' results (no-unused-nosec) listen here.
        new CallMethodStep({ target: PYTHON_FILE_END, args: [this.ast] }),
      ],
    );
  }

  // ---- directives

  getInlineConfigNodes(): PyComment[] {
    return (this.#inlineConfigNodes ??= this.ast.comments.filter((comment) => INLINE_CONFIG.test(comment.value)));
  }

  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    const problems: FileProblem[] = [];
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const { label, value, justification } = commentParser.parseDirective(comment.value)!;
      switch (label) {
        case "eslint-disable":
        case "eslint-enable":
        case "eslint-disable-next-line":
        case "eslint-disable-line":
          directives.push(
            new Directive({
              type: label.slice("eslint-".length) as DirectiveType,
              node: comment,
              value,
              justification,
            }),
          );
          break;
        default:
          break;
      }
    }
    return { problems, directives };
  }

  applyInlineConfig(): {
    configs: Array<{ config: { rules: RulesConfig }; loc: SourceLocation }>;
    problems: FileProblem[];
  } {
    const configs: Array<{ config: { rules: RulesConfig }; loc: SourceLocation }> = [];
    const problems: FileProblem[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const { label, value } = commentParser.parseDirective(comment.value)!;
      if (label !== "eslint") continue;
      const result = commentParser.parseJSONLikeConfig(value);
      if (result.ok) configs.push({ config: { rules: result.config }, loc: comment.loc });
      else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
    }
    return { configs, problems };
  }

  // ---- token store (ESLint's API)

  getTokenBefore(node: { range: Range }, options?: CursorOptions) {
    return this.#store.getTokenBefore(node, options);
  }
  getTokenAfter(node: { range: Range }, options?: CursorOptions) {
    return this.#store.getTokenAfter(node, options);
  }
  getTokensBefore(node: { range: Range }, options?: CursorOptions) {
    return this.#store.getTokensBefore(node, options);
  }
  getTokensAfter(node: { range: Range }, options?: CursorOptions) {
    return this.#store.getTokensAfter(node, options);
  }
  getFirstToken(node: { range: Range }, options?: CursorOptions) {
    return this.#store.getFirstToken(node, options);
  }
  getFirstTokens(node: { range: Range }, options?: CursorOptions) {
    return this.#store.getFirstTokens(node, options);
  }
  getLastToken(node: { range: Range }, options?: CursorOptions) {
    return this.#store.getLastToken(node, options);
  }
  getLastTokens(node: { range: Range }, options?: CursorOptions) {
    return this.#store.getLastTokens(node, options);
  }
  getTokens(node: { range: Range }, before?: number | CursorOptions, after?: number) {
    return this.#store.getTokens(node, before, after);
  }
  getTokensBetween(left: { range: Range }, right: { range: Range }, padding?: number | CursorOptions) {
    return this.#store.getTokensBetween(left, right, padding);
  }
  getFirstTokenBetween(left: { range: Range }, right: { range: Range }, options?: CursorOptions) {
    return this.#store.getFirstTokenBetween(left, right, options);
  }
  getLastTokenBetween(left: { range: Range }, right: { range: Range }, options?: CursorOptions) {
    return this.#store.getLastTokenBetween(left, right, options);
  }
  getTokenByRangeStart(offset: number, options?: { includeComments?: boolean }) {
    return this.#store.getTokenByRangeStart(offset, options);
  }
  getCommentsBefore(node: { range: Range }) {
    return this.#store.getCommentsBefore(node);
  }
  getCommentsAfter(node: { range: Range }) {
    return this.#store.getCommentsAfter(node);
  }
  getCommentsInside(node: { range: Range }) {
    return this.#store.getCommentsInside(node);
  }
  commentsExistBetween(left: { range: Range }, right: { range: Range }) {
    return this.#store.commentsExistBetween(left, right);
  }

  /** ESLint 9's deprecated name of `isSpaceBetween`. */
  isSpaceBetweenTokens(first: { range: Range }, second: { range: Range }): boolean {
    return this.isSpaceBetween(first, second);
  }

  /** Whether there is whitespace (not a comment or token) between two nodes or tokens. */
  isSpaceBetween(first: { range: Range }, second: { range: Range }): boolean {
    const [start, end] =
      first.range[1] <= second.range[0] ? [first.range[1], second.range[0]] : [second.range[1], first.range[0]];
    return /\s/u.test(this.text.slice(start, end));
  }

  /** The deepest node whose range contains `index`, or null. */
  getNodeByRangeIndex(index: number): PyNode | null {
    let found: PyNode | null = null;
    let node: PyNode | undefined = this.ast;
    while (node && node.range[0] <= index && index < node.range[1]) {
      found = node;
      node = childNodes(node).find((child) => child.range[0] <= index && index < child.range[1]);
    }
    return found;
  }

  // ---- JS compatibility surface: Python has no JS scopes; core rules get an empty global scope.

  get scopeManager(): EmptyScopeManager {
    return (this.#scopeManager ??= createEmptyScopeManager(this.ast));
  }

  getScope(_node?: unknown) {
    return this.scopeManager.globalScope;
  }

  getDeclaredVariables(_node?: unknown): never[] {
    return [];
  }

  markVariableAsUsed(_name?: string, _node?: unknown): boolean {
    return false;
  }

  isGlobalReference(_node?: unknown): boolean {
    return false;
  }

  getJSDocComment(_node?: unknown): null {
    return null;
  }

  getLines(): string[] {
    return this.lines;
  }

  get hasBOM(): boolean {
    return false;
  }

  get lineStartIndices(): number[] {
    const starts = [0];
    const pattern = /\r\n|[\r\n\u2028\u2029]/gu;
    for (let m = pattern.exec(this.text); m; m = pattern.exec(this.text)) starts.push(m.index + m[0].length);
    return starts;
  }
}

type MutableVisitStep = VisitNodeStep & { target: PyNode; phase: 1 | 2 };

/**
 * The traversal steps of an AST: `before`, an entry and an exit step per node (source order, read off the tree's
 * shared `preorder`: a node's exit is due once the walk passes the end of its subtree), then `after`. One step
 * object and one result object are reused: a step is valid until the next one is asked for, which is how ESLint
 * consumes them.
 */
class AstSteps implements Iterable<VisitNodeStep | CallMethodStep>, Iterator<VisitNodeStep | CallMethodStep> {
  readonly #nodes: readonly PyNode[];
  readonly #ends: Int32Array;
  /** Indices of the entered nodes whose exit step is still due, innermost last. */
  readonly #open: number[] = [];
  #next = 0;
  readonly #step: MutableVisitStep;
  readonly #result: { done: boolean; value: VisitNodeStep | CallMethodStep };
  #before = 0;
  #after = 0;

  constructor(
    program: Program,
    readonly before: CallMethodStep[],
    readonly after: CallMethodStep[],
  ) {
    ({ nodes: this.#nodes, ends: this.#ends } = preorder(program));
    this.#step = new VisitNodeStep({ target: program, phase: 1, args: undefined as never }) as MutableVisitStep;
    this.#result = { done: false, value: this.#step };
  }

  [Symbol.iterator](): Iterator<VisitNodeStep | CallMethodStep> {
    return this;
  }

  next(): IteratorResult<VisitNodeStep | CallMethodStep> {
    const result = this.#result;
    if (this.#before < this.before.length) {
      result.value = this.before[this.#before++];
      return result as IteratorResult<VisitNodeStep | CallMethodStep>;
    }
    const open = this.#open;
    const next = this.#next;
    if (open.length && this.#ends[open[open.length - 1]] <= next) {
      const step = this.#step;
      step.target = this.#nodes[open.pop()!];
      step.phase = 2;
      result.value = step;
      return result as IteratorResult<VisitNodeStep | CallMethodStep>;
    }
    if (next < this.#nodes.length) {
      const step = this.#step;
      step.target = this.#nodes[next];
      step.phase = 1;
      open.push(next);
      this.#next = next + 1;
      result.value = step;
      return result as IteratorResult<VisitNodeStep | CallMethodStep>;
    }
    if (this.#after < this.after.length) {
      result.value = this.after[this.#after++];
      return result as IteratorResult<VisitNodeStep | CallMethodStep>;
    }
    result.done = true;
    return result as IteratorResult<VisitNodeStep | CallMethodStep>;
  }
}

import type TreeSitter from "tree-sitter";
import type { PyComment, PyToken, PyTokenType, Position, Range } from "../ast/base.js";
import type { Program, PyNode } from "../ast/generated/node-types.js";
import { typeSpecs, type ChildSpec, type FieldSpec, type TypeSpec } from "../ast/generated/grammar-table.js";
import { LineIndex } from "./line-index.js";
import { hintTreeSize } from "../ast/traverse.js";
import { PythonSyntaxError } from "./syntax-errors.js";
import { FlatTree } from "./native-walker.js";

/**
 * Deeper syntax than this is refused with a parse error. CPython itself gives up near 3,000 levels
 * (RecursionError in `ast.parse` for `1 + 1 + ...` with 3,000 terms), and ESLint's JS traverser and eslint-scope
 * recurse once per level in parser mode.
 */
export const MAX_NESTING_DEPTH = 3000;

/** tree-sitter types that tree-sitter-python accepts in shapes Python 3 rejects; `python3-checks.ts` looks at them. */
const WATCHED_TYPES = new Set([
  "print_statement",
  "exec_statement",
  "comparison_operator",
  "string",
  "integer",
  "block",
  "try_statement",
  "raise_statement",
  "delete_statement",
  "argument_list",
  "augmented_assignment",
  "parameters",
  "lambda_parameters",
  "decorated_definition",
  "elif_clause",
  "else_clause",
  "except_clause",
  "except_group_clause",
  "finally_clause",
  "assignment",
  "list_splat",
  "import_statement",
  "import_from_statement",
]);

export interface Conversion {
  program: Program;
  lines: LineIndex;
  /** Converted nodes of `WATCHED_TYPES`, in source order. */
  watched: ReadonlyArray<PyNode>;
  /** The deepest nesting of the tree (no bracket nesting can be deeper). */
  depth: number;
}

/** The mutable shape the converter builds; the typed view is `PyNode`. */
interface MutableNode {
  type: string;
  range: Range;
  loc: { start: Position; end: Position };
  parent: MutableNode | null;
  [field: string]: unknown;
}

/**
 * An `owners` entry for a node that is not kept (`with_clause`): its sub-nodes go into `into[prop]`
 * (`with_statement.items`).
 */
class Hoisted {
  constructor(
    readonly into: MutableNode,
    readonly prop: string,
  ) {}
}
type Owner = MutableNode | Hoisted | null;

/**
 * Appends to a list field. The first element replaces the empty list with a one-element array literal, a quarter
 * the size of an empty array grown by `push` (V8 reserves 17 slots on the first push); most lists hold one.
 */
function append(owner: MutableNode, prop: string, value: unknown): void {
  const list = owner[prop] as unknown[];
  if (list.length === 0) owner[prop] = [value];
  else list.push(value);
}

/** AstNodes made so far (a converted tree's node count is the difference, for `preorder`'s arrays). */
let nodesCreated = 0;

/** The line index of each converted Program, for nodes' lazy `loc`. */
const programLines = new WeakMap<object, LineIndex>();

/**
 * A converted node. `loc` is computed from `range` when read: most nodes' locations are never read, and building
 * them eagerly was three objects per node, ~1/3 of the AST's allocation. `range` and every other field are own
 * properties, as before; assigning `loc` makes it an own property.
 */
class AstNode {
  type: string;
  range: Range;
  parent: MutableNode | null = null;
  constructor(type: string, start: number, end: number) {
    this.type = type;
    this.range = [start, end];
    nodesCreated++;
  }
  get loc(): { start: Position; end: Position } {
    let root: { parent: unknown } = this;
    while (root.parent) root = root.parent as { parent: unknown };
    const lines = programLines.get(root);
    if (!lines) throw new Error(`${this.type}: loc is only known once the node is part of a converted Program`);
    const start = lines.lineOf(this.range[0]);
    const end = lines.lineOf(this.range[1], start);
    // Not cached as an own property: that would change the node's keys, which RuleTester reports as
    // "Rule should not modify AST". Reads are rare (reports, a few statement-level checks).
    return {
      start: { line: start + 1, column: this.range[0] - lines.lineStarts[start] },
      end: { line: end + 1, column: this.range[1] - lines.lineStarts[end] },
    };
  }
  set loc(loc: { start: Position; end: Position }) {
    Object.defineProperty(this, "loc", { value: loc, writable: true, enumerable: true, configurable: true });
  }
}

/** Named leaves and their token types; any other named leaf is a `Keyword` if it is a word, else `Punctuator`. */
const NAMED_TOKEN_TYPES: Record<string, PyTokenType> = {
  identifier: "Identifier",
  integer: "Numeric",
  float: "Numeric",
  string_start: "String",
  string_content: "String",
  string_end: "String",
  escape_sequence: "String",
  escape_interpolation: "String",
  line_continuation: "LineContinuation",
};
/** Named nodes emitted as one token although they have children (escape sequences inside string content). */
const WHOLE_TOKEN_TYPES = new Set(["string_content"]);
const WORD = /^[A-Za-z_]+$/;

/** Per tree-sitter symbol id: what the converter needs, looked up once per id instead of once per node. */
interface SymbolInfo {
  name: string;
  named: boolean;
  spec: TypeSpec | undefined;
  /** For named types: the properties to initialise, so that every node of a type has the same shape. */
  fieldInit: ReadonlyArray<readonly [prop: string, multiple: boolean]>;
  /** For kept node types: where their sub-nodes go. */
  plan: Plan | undefined;
  watched: boolean;
  wholeToken: boolean;
}

/**
 * Per AST type, what the converter asks of a node while its sub-nodes are attached, looked up once per node
 * created (kept on a stack beside the owners) instead of by type name for every sub-node and token.
 */
interface Plan {
  fields: Readonly<Record<string, FieldSpec>>;
  children: ChildSpec;
  /** Whether some field holds a node (else field ids need not be read for sub-nodes). */
  nodeFields: boolean;
  /** Whether some field holds a token's text (`binary_operator.operator`). */
  tokenFields: boolean;
  /** The token that moves to the next slot (`slice`: `:`). */
  separator: string | undefined;
}

const plans = new Map<string, Plan>();

function planOf(astType: string): Plan {
  let plan = plans.get(astType);
  if (!plan) {
    const spec = specByAstType.get(astType);
    plan = {
      fields: spec?.[1] ?? {},
      children: spec?.[2] ?? (astType === "Program" ? PROGRAM_CHILDREN : null),
      nodeFields: NODE_FIELD_TYPES.has(astType),
      tokenFields: TOKEN_FIELD_TYPES.has(astType),
      separator: SEPARATORS.get(astType),
    };
    plans.set(astType, plan);
  }
  return plan;
}

/** The properties a type's sub-nodes without a field go into (see scripts/ast-overlay.mjs). */
function childProps(children: ChildSpec): Array<readonly [prop: string, multiple: boolean]> {
  if (!children) return [];
  switch (children.kind) {
    case "list":
      return [[children.prop, true]];
    case "slots":
      return children.props.map((prop) => [prop, false] as const);
    case "byType":
      return Object.values(children.map).map(([prop, multiple]) => [prop, multiple] as const);
    default:
      return [];
  }
}
/** The TreeCursor subset the converter reads: the binding's cursor, or the native walker's `FlatCursor`. */
export type CursorLike = Pick<
  TreeSitter.TreeCursor,
  | "nodeTypeId"
  | "nodeType"
  | "nodeIsNamed"
  | "startIndex"
  | "endIndex"
  | "currentFieldId"
  | "currentFieldName"
  | "gotoFirstChild"
  | "gotoNextSibling"
  | "gotoParent"
>;
/** A tree to convert, with the caches for its kind's ids (the binding's and the native walker's ids are kept apart). */
export interface WalkableTree {
  walk(): CursorLike;
}
interface IdCaches {
  symbols: SymbolInfo[];
  fields: string[];
}
const bindingCaches: IdCaches = { symbols: [], fields: [] };
const flatCaches: IdCaches = { symbols: [], fields: [] };
let caches = bindingCaches;

function symbolInfo(cursor: CursorLike, id: number): SymbolInfo {
  const symbols = caches.symbols;
  let info = symbols[id];
  if (!info) {
    const name = cursor.nodeType;
    const spec = typeSpecs[name];
    info = {
      name,
      named: cursor.nodeIsNamed,
      spec,
      fieldInit: spec
        ? [...Object.values(spec[1]).map(([prop, multiple]) => [prop, multiple] as const), ...childProps(spec[2])]
        : [],
      plan: spec?.[0] ? planOf(spec[0]) : undefined,
      watched: WATCHED_TYPES.has(name),
      wholeToken: WHOLE_TOKEN_TYPES.has(name),
    };
    symbols[id] = info;
  }
  return info;
}

function fieldName(cursor: CursorLike, id: number): string {
  return (caches.fields[id] ??= cursor.currentFieldName);
}

/**
 * Converts a tree-sitter tree without syntax errors into the ESLint AST, in one iterative TreeCursor walk that
 * reads numeric ids and offsets only (no per-node SyntaxNode objects, no recursion: any nesting depth works).
 * The node binding parses the JS string as UTF-16, so `startIndex`/`endIndex` are already string offsets.
 */
export function convert(tree: WalkableTree, text: string, options: { tokens?: boolean } = {}): Conversion {
  caches = tree instanceof FlatTree ? flatCaches : bindingCaches;
  const lines = new LineIndex(text);
  const watched: MutableNode[] = [];
  const tokens: PyToken[] = [];
  const comments: PyComment[] = [];
  let lineHint = 0;
  const locate = (start: number, end: number) => {
    lineHint = lines.lineOf(start, lineHint);
    const startPos = { line: lineHint + 1, column: start - lines.lineStarts[lineHint] };
    const endLine = lines.lineOf(end, lineHint);
    return { start: startPos, end: { line: endLine + 1, column: end - lines.lineStarts[endLine] } };
  };

  const program: MutableNode = {
    type: "Program",
    range: [0, text.length],
    loc: { start: { line: 1, column: 0 }, end: lines.position(text.length) },
    parent: null,
    sourceType: "module",
    body: [],
    comments,
    tokens,
  };
  programLines.set(program, lines);

  const cursor = tree.walk();
  // Stack of the AST nodes that own the current cursor position's children; `null` marks an anonymous node.
  const owners: Owner[] = [program];
  // Per owner: its plan when it is a node (null for anonymous and hoisted levels).
  const ownerPlans: Array<Plan | null> = [planOf("Program")];
  // Per owner: how many slots its unnamed sub-nodes (or separator tokens) have filled so far.
  const filled: number[] = [0];
  // Whether tokens are being emitted below this depth (false inside a node emitted as one token).
  const tokenize: boolean[] = [options.tokens !== false];
  let maxDepth = 0;
  const createdBefore = nodesCreated;
  const result = () => {
    hintTreeSize(program as unknown as Program, nodesCreated - createdBefore + 1);
    return { program: program as unknown as Program, lines, watched: watched as unknown as PyNode[], depth: maxDepth };
  };
  if (!cursor.gotoFirstChild()) return result();
  for (;;) {
    const info = symbolInfo(cursor, cursor.nodeTypeId);
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const depth = owners.length;
    const owner = owners[depth - 1];
    const emitTokens = tokenize[depth - 1];
    let pushed: Owner = null;
    let pushedPlan: Plan | null = null;
    let childTokens = emitTokens;

    if (info.named && info.spec) {
      const [astType, , children] = info.spec;
      if (children?.kind === "drop") {
        // string_start / string_end: the start's text becomes the string's `prefix` and `quote`.
        if (info.name === "string_start" && owner && !(owner instanceof Hoisted)) {
          const startText = text.slice(start, end);
          const quoteAt = startText.search(/['"`]/u);
          owner.prefix = startText.slice(0, quoteAt);
          owner.quote = startText.slice(quoteAt);
        }
      } else if (children?.kind === "hoist") {
        pushed = new Hoisted(nodeAt(owners, nearestLevel(owners)), children.prop);
      } else {
        const node = new AstNode(astType, start, end) as unknown as MutableNode;
        const fieldInit = info.fieldInit;
        for (let i = 0; i < fieldInit.length; i++) node[fieldInit[i][0]] = fieldInit[i][1] ? [] : null;
        if (info.name === "identifier") node.name = text.slice(start, end);
        else if (info.name === "string") {
          node.prefix = "";
          node.quote = "";
        }
        attach(owners, ownerPlans, node, info.name, cursor, filled);
        pushed = node;
        pushedPlan = info.plan!;
        if (info.watched) watched.push(node);
        if (emitTokens && info.wholeToken) {
          pushToken(tokens, "String", text, start, end, locate);
          childTokens = false;
        }
      }
    } else if (info.name === "comment") {
      // tree-sitter's comment runs to the \n, so it holds a CRLF line's \r: removing the comment would drop it.
      let commentEnd = end;
      while (commentEnd > start && text.charCodeAt(commentEnd - 1) === 13) commentEnd--;
      comments.push({
        type: "Block",
        value: text.slice(start + 1, commentEnd),
        range: [start, commentEnd],
        loc: locate(start, commentEnd),
      });
      if (gotoNext(cursor, owners, ownerPlans, filled, tokenize)) continue;
      break;
    } else if (!info.named && ownerPlans[depth - 1]) {
      const plan = ownerPlans[depth - 1]!;
      const ownerNode = owner as MutableNode;
      if (plan.tokenFields) {
        // An operator held in a field (`binary_operator.operator`) is stored as its text.
        const fieldId = cursor.currentFieldId;
        const spec = fieldId ? plan.fields[fieldName(cursor, fieldId)] : undefined;
        if (spec && spec[2]) {
          const value = text.slice(start, end).replace(/\s+/gu, " ");
          if (spec[1]) append(ownerNode, spec[0], value);
          else ownerNode[spec[0]] = value;
        }
      }
      // A separator token moves to the next slot (`slice`: `a[::2]` fills only `step`).
      const separator = plan.separator;
      if (separator !== undefined && text.slice(start, end) === separator) filled[depth - 1]++;
    }

    if (cursor.gotoFirstChild()) {
      if (depth > maxDepth) maxDepth = depth;
      if (depth >= MAX_NESTING_DEPTH) {
        throw PythonSyntaxError.at(
          text,
          start,
          `code nested more than ${MAX_NESTING_DEPTH} levels deep; Python's own parser gives up on it too`,
          lines,
        );
      }
      owners.push(pushed);
      ownerPlans.push(pushedPlan);
      filled.push(0);
      tokenize.push(childTokens);
      continue;
    }
    // A leaf: a token unless it is empty (tree-sitter gives zero-width nodes for empty string content).
    if (emitTokens && end > start && !(pushed && info.wholeToken)) {
      const tokenType = info.named
        ? (NAMED_TOKEN_TYPES[info.name] ?? wordOrPunctuator(text, start, end))
        : wordOrPunctuator(text, start, end);
      pushToken(tokens, tokenType, text, start, end, locate);
    }
    if (!gotoNext(cursor, owners, ownerPlans, filled, tokenize)) break;
  }
  return result();
}

function wordOrPunctuator(text: string, start: number, end: number): PyTokenType {
  return WORD.test(text.slice(start, end)) ? "Keyword" : "Punctuator";
}

function pushToken(
  tokens: PyToken[],
  type: PyTokenType,
  text: string,
  start: number,
  end: number,
  locate: (start: number, end: number) => { start: Position; end: Position },
): void {
  tokens.push({ type, value: text.slice(start, end), range: [start, end], loc: locate(start, end) });
}

/** Moves to the next sibling, climbing out of finished subtrees. Returns false at the end of the tree. */
function gotoNext(
  cursor: CursorLike,
  owners: Owner[],
  ownerPlans: Array<Plan | null>,
  filled: number[],
  tokenize: boolean[],
): boolean {
  while (!cursor.gotoNextSibling()) {
    if (owners.length === 1 || !cursor.gotoParent()) return false;
    owners.pop();
    ownerPlans.pop();
    filled.pop();
    tokenize.pop();
  }
  return true;
}

/** The level of the nearest owner that is kept (a node, or a hoisted node's receiver). */
function nearestLevel(owners: Owner[]): number {
  for (let i = owners.length - 1; i > 0; i--) if (owners[i]) return i;
  return 0;
}

function nodeAt(owners: Owner[], level: number): MutableNode {
  const owner = owners[level];
  return owner instanceof Hoisted ? owner.into : (owner as MutableNode);
}

const specByAstType = new Map<string, TypeSpec>(
  Object.values(typeSpecs)
    .filter((spec) => spec[0])
    .map((spec) => [spec[0], spec]),
);
// Each `currentFieldId` read crosses into native code; skip it where the parent type has no such field.
const TOKEN_FIELD_TYPES = new Set(
  Object.values(typeSpecs)
    .filter(([, fields]) => Object.values(fields).some((f) => f[2]))
    .map(([type]) => type),
);
const NODE_FIELD_TYPES = new Set(
  Object.values(typeSpecs)
    .filter(([, fields]) => Object.values(fields).some((f) => !f[2]))
    .map(([type]) => type),
);
/** Types whose slots are counted by a separator token (`slice`: `:`), not by sub-nodes. */
const SEPARATORS = new Map<string, string>();
for (const [type, , children] of Object.values(typeSpecs))
  if (children?.kind === "slots" && children.separator) SEPARATORS.set(type, children.separator);

/**
 * Puts `node` where it belongs: the tree-sitter field of the cursor position, else where the overlay puts sub-nodes
 * without a field (a list, the next slot, a property chosen by type; a hoisted owner's receiver), else `children`.
 * Sub-nodes of an anonymous node go to the nearest kept owner as sub-nodes without a field.
 */
function attach(
  owners: Owner[],
  ownerPlans: Array<Plan | null>,
  node: MutableNode,
  tsType: string,
  cursor: CursorLike,
  filled: number[],
): void {
  const level = nearestLevel(owners);
  const owner = owners[level];
  const parent = nodeAt(owners, level);
  node.parent = parent;
  if (owner instanceof Hoisted) {
    append(parent, owner.prop, node);
    return;
  }
  const plan = ownerPlans[level]!;
  if (level === owners.length - 1 && plan.nodeFields) {
    const fieldId = cursor.currentFieldId;
    if (fieldId) {
      const spec = plan.fields[fieldName(cursor, fieldId)];
      if (spec && !spec[2]) {
        if (spec[1]) append(parent, spec[0], node);
        else parent[spec[0]] = node;
        return;
      }
    }
  }
  const children = plan.children;
  switch (children?.kind) {
    case "list":
      append(parent, children.prop, node);
      return;
    case "byType": {
      const place = children.map[tsType];
      if (!place) break;
      if (place[1]) append(parent, place[0], node);
      else parent[place[0]] = node;
      return;
    }
    case "slots": {
      const separated = plan.separator !== undefined;
      const index = filled[level];
      if (!separated) filled[level]++;
      if (index < children.props.length && parent[children.props[index]] === null) {
        parent[children.props[index]] = node;
        return;
      }
      if (children.wrapExtra) {
        wrapExtra(parent, children.props[children.props.length - 1], children.wrapExtra, node);
        return;
      }
      break;
    }
  }
  // A sub-node in a position the grammar description does not list (should not happen); keep it reachable.
  ((parent.children as MutableNode[] | undefined) ?? (parent.children = [])).push(node);
}

const PROGRAM_CHILDREN: ChildSpec = { kind: "list", prop: "body" };

/**
 * More sub-nodes than slots (`a, b` as a statement): the last slot holds one synthetic node of `type` (an expression
 * list) spanning them all, as tree-sitter itself writes `return a, b`.
 */
function wrapExtra(parent: MutableNode, prop: string, type: string, node: MutableNode): void {
  let list = parent[prop] as MutableNode;
  if (list.type !== type || !SYNTHETIC.has(list)) {
    const first = list;
    list = new AstNode(type, first.range[0], first.range[1]) as unknown as MutableNode;
    list.children = [first];
    list.parent = parent;
    first.parent = list;
    SYNTHETIC.add(list);
    parent[prop] = list;
  }
  (list.children as MutableNode[]).push(node);
  node.parent = list;
  list.range[1] = node.range[1];
}
/** The nodes `wrapExtra` made (no tree-sitter node of their own). */
const SYNTHETIC = new WeakSet<object>();

/** Whether the converter made `node` without a tree-sitter node of its own (`a, b` as a statement). */
export function isSynthetic(node: object): boolean {
  return SYNTHETIC.has(node);
}

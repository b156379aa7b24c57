import type { RuleContext, RuleDefinition, RuleDefinitionTypeOptions, RuleVisitor } from "@eslint/core";
import type { PyComment, PyToken } from "../ast/base.js";
import type { Program, PyNode, PyNodeTypeMap } from "../ast/generated/node-types.js";

type Located = { range: [number, number] };
type CursorOptions = number | ((token: PyToken | PyComment) => boolean) | { includeComments?: boolean; filter?: (token: PyToken | PyComment) => boolean; skip?: number; count?: number };

/**
 * What a Python rule can use of `context.sourceCode` in both modes: the language's PythonSourceCode and ESLint's
 * JS SourceCode (parser mode) both provide it.
 */
export interface PythonRuleSourceCode {
  text: string;
  ast: Program;
  lines: string[];
  parserServices: Record<string, unknown>;
  getText(node?: Located, beforeCount?: number, afterCount?: number): string;
  getAllComments(): PyComment[];
  getTokenBefore(node: Located, options?: CursorOptions): PyToken | null;
  getTokenAfter(node: Located, options?: CursorOptions): PyToken | null;
  getFirstToken(node: Located, options?: CursorOptions): PyToken | null;
  getLastToken(node: Located, options?: CursorOptions): PyToken | null;
  getTokens(node: Located): PyToken[];
  getCommentsInside(node: Located): PyComment[];
  getAncestors(node: PyNode): PyNode[];
  getLocFromIndex(index: number): { line: number; column: number };
}
import { packageMeta } from "../package-meta.js";

/** `meta.docs` of a Python rule. `recommended` decides membership of `configs.recommended` (derived, not listed). */
export interface PythonRuleDocs {
  description: string;
  recommended: boolean;
  /** Filled in by `createRule` from the rule name. */
  url?: string;
}

/** Listeners keyed by node type get the node typed; any other key is an esquery selector. */
export type PythonRuleListener = {
  [Type in keyof PyNodeTypeMap]?: (node: PyNodeTypeMap[Type]) => void;
} & {
  [Type in keyof PyNodeTypeMap as `${Type}:exit`]?: (node: PyNodeTypeMap[Type]) => void;
} & Record<string, ((node: never) => void) | undefined>;

export interface PythonRuleTypes<Options extends unknown[], MessageIds extends string> extends RuleDefinitionTypeOptions {
  LangOptions: Record<string, unknown>;
  Code: PythonRuleSourceCode & RuleContext["sourceCode"];
  RuleOptions: Options;
  Visitor: RuleVisitor;
  Node: object;
  MessageIds: MessageIds;
  ExtRuleDocs: PythonRuleDocs;
}

export type PythonRuleContext<Options extends unknown[], MessageIds extends string> = RuleContext<
  PythonRuleTypes<Options, MessageIds>
>;

export interface PythonRuleSpec<Options extends unknown[], MessageIds extends string> {
  /** The rule id without the plugin prefix; also the name of its docs page. */
  name: string;
  meta: {
    type: "problem" | "suggestion" | "layout";
    docs: Omit<PythonRuleDocs, "url">;
    messages: Record<MessageIds, string>;
    schema: NonNullable<RuleDefinition["meta"]>["schema"];
    /** Merged with the user's options by ESLint (deeply, for objects). */
    defaultOptions?: Options;
    fixable?: "code" | "whitespace";
    hasSuggestions?: boolean;
    deprecated?: boolean;
  };
  create(context: PythonRuleContext<Options, MessageIds>): PythonRuleListener;
}

/** Where a rule's docs live: `docs/rules/<name>.md` in the repository named by package.json. */
export function ruleDocsUrl(name: string): string {
  return `${packageMeta.repositoryUrl}/blob/main/docs/rules/${name}.md`;
}

/**
 * Defines a rule on `@eslint/core`'s types with the docs URL filled in and message ids checked by the type
 * system (`context.report({ messageId })` accepts only keys of `meta.messages`).
 */
export function createRule<Options extends unknown[] = [], MessageIds extends string = string>(
  spec: PythonRuleSpec<Options, MessageIds>,
): RuleDefinition<PythonRuleTypes<Options, MessageIds>> & { name: string } {
  return {
    name: spec.name,
    meta: { ...spec.meta, docs: { ...spec.meta.docs, url: ruleDocsUrl(spec.name) } },
    create: (context) => spec.create(context as unknown as PythonRuleContext<Options, MessageIds>) as RuleVisitor,
  } as RuleDefinition<PythonRuleTypes<Options, MessageIds>> & { name: string };
}

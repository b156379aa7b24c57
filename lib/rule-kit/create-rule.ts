import type { RuleContext, RuleDefinition, RuleDefinitionTypeOptions, RuleVisitor } from "@eslint/core";
import type { PyComment, PyToken } from "../ast/base.js";
import type { Program, PyNode, PyNodeTypeMap } from "../ast/generated/node-types.js";

type Located = { range: [number, number] };
type CursorOptions =
  | number
  | ((token: PyToken | PyComment) => boolean)
  | { includeComments?: boolean; filter?: (token: PyToken | PyComment) => boolean; skip?: number; count?: number };

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
import { logicalLines } from "../analysis/statements.js";
import { getModel, type PythonModel } from "../analysis/index.js";
import { getSuppressionIndex, type SuppressionCodes } from "./suppressions.js";

/** `meta.docs` of a Python rule. `recommended` decides membership of `configs.recommended` (derived, not listed). */
export interface PythonRuleDocs {
  description: string;
  recommended: boolean;
  /** Severity in the configs (default `error`): `error` for security defects, `warn` for hardening advice. */
  severity?: "error" | "warn";
  /** The audit category this rule reports under (the heading in the audit report). */
  category?: string;
  /** How to fix a finding, in a sentence or two: the "Solution" of the audit report and the docs. */
  remediation?: string;
  /**
   * Other tools' ids for this rule, honoured in `# nosec` / `# noqa:` comments. Derived from `checks` (their union)
   * when the rule has checks; give it for a rule without checks.
   */
  suppressionCodes?: SuppressionCodes;
  /** Filled in by `createRule` from the rule name unless given. */
  url?: string;
  /** Per finding message id: the check that reports it (id, other tools' codes, CWE, category, remediation). */
  checks?: Record<string, CheckDocs>;
}

/**
 * One check of a rule: what one finding message id reports. `# nosec <Bandit id>` and `# noqa: <Ruff code>`
 * silence a finding only when its check lists the code; the audit report and SARIF show the id, CWE, category and
 * remediation per check (the rule's category and remediation when the check gives none).
 */
export interface CheckDocs {
  /** The Bandit id where the check is one (`B602`), else `<rule>/<name>`. */
  id: string;
  /** Bandit ids and test names honoured in `# nosec`. */
  bandit?: string[];
  /** Ruff / flake8 codes honoured in `# noqa:`. */
  ruff?: string[];
  cwe?: number[];
  category?: string;
  remediation?: string;
}

/** The rule's suppression codes: the given ones and every check's, without repeats. */
export function ruleSuppressionCodes(docs: PythonRuleDocs): SuppressionCodes | undefined {
  // Asked once per rule and file (`# nosec` handling): computed once per docs object.
  if (suppressionCodesByDocs.has(docs)) return suppressionCodesByDocs.get(docs);
  const codes = computeSuppressionCodes(docs);
  suppressionCodesByDocs.set(docs, codes);
  return codes;
}

const suppressionCodesByDocs = new WeakMap<PythonRuleDocs, SuppressionCodes | undefined>();

function computeSuppressionCodes(docs: PythonRuleDocs): SuppressionCodes | undefined {
  const checks = Object.values(docs.checks ?? {});
  if (!checks.length) return docs.suppressionCodes;
  const bandit = new Set([...(docs.suppressionCodes?.bandit ?? []), ...checks.flatMap((c) => c.bandit ?? [])]);
  const ruff = new Set([...(docs.suppressionCodes?.ruff ?? []), ...checks.flatMap((c) => c.ruff ?? [])]);
  return { bandit: [...bandit], ruff: [...ruff] };
}

/** Listeners keyed by node type get the node typed; any other key is an esquery selector. */
export type PythonRuleListener = {
  [Type in keyof PyNodeTypeMap]?: (node: PyNodeTypeMap[Type]) => void;
} & {
  [Type in keyof PyNodeTypeMap as `${Type}:exit`]?: (node: PyNodeTypeMap[Type]) => void;
} & Record<string, ((node: never) => void) | undefined>;

export interface PythonRuleTypes<
  Options extends unknown[],
  MessageIds extends string,
> extends RuleDefinitionTypeOptions {
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
    /** `url` defaults to this plugin's docs/rules/<name>.md; a team's own rules give theirs. */
    docs: PythonRuleDocs;
    messages: Record<MessageIds, string>;
    schema: NonNullable<RuleDefinition["meta"]>["schema"];
    /** Merged with the user's options by ESLint (deeply, for objects). */
    defaultOptions?: Options;
    fixable?: "code" | "whitespace";
    hasSuggestions?: boolean;
    deprecated?: boolean;
  };
  /** False for rules about suppression comments themselves, which `# nosec` must not silence. */
  suppressible?: boolean;
  create(context: PythonRuleContext<Options, MessageIds>, tools: RuleTools): PythonRuleListener;
}

/** What `createRule` hands every rule besides its context. */
export interface RuleTools {
  /** The file's shared semantic model, built on first use (once per file, whichever rule asks first). */
  readonly model: PythonModel;
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
    meta: {
      ...spec.meta,
      docs: {
        ...spec.meta.docs,
        url: spec.meta.docs.url ?? ruleDocsUrl(spec.name),
        suppressionCodes: ruleSuppressionCodes(spec.meta.docs),
      },
    },
    create: (context) => {
      let model: PythonModel | undefined;
      const tools: RuleTools = {
        get model() {
          return (model ??= getModel(context as unknown as { sourceCode: RuleContext["sourceCode"] }));
        },
      };
      return spec.create(
        withSuppressions(spec, context as unknown as PythonRuleContext<Options, MessageIds>),
        tools,
      ) as RuleVisitor;
    },
  } as RuleDefinition<PythonRuleTypes<Options, MessageIds>> & { name: string };
}

/** Whether `# nosec` / `# noqa:` comments are honoured: the language option `nosec` (parser mode: `parserOptions.nosec`). */
export function nosecEnabled(languageOptions: Record<string, unknown> | undefined): boolean {
  const parserOptions = languageOptions?.parserOptions as Record<string, unknown> | undefined;
  return (languageOptions?.nosec ?? parserOptions?.nosec) !== false;
}

/**
 * The rule's context with `report` dropping reports that a `# nosec` / `# noqa:` comment on the reported
 * statement suppresses (recording the use, for `no-unused-nosec`).
 */
function withSuppressions<Options extends unknown[], MessageIds extends string>(
  spec: PythonRuleSpec<Options, MessageIds>,
  context: PythonRuleContext<Options, MessageIds>,
): PythonRuleContext<Options, MessageIds> {
  if (spec.suppressible === false || !nosecEnabled(context.languageOptions as Record<string, unknown>)) return context;
  const index = getSuppressionIndex(context.sourceCode.ast);
  const ruleCodes = ruleSuppressionCodes(spec.meta.docs);
  index.rulesRun.set(spec.name, ruleCodes);
  if (!index.entries.length) return context;
  const checks = spec.meta.docs.checks ?? {};
  const report = context.report.bind(context);
  const filtered = (descriptor: Parameters<typeof report>[0]) => {
    const node = (descriptor as { node?: PyNode }).node;
    const loc = (descriptor as { loc?: { start: { line: number }; end?: { line: number } } }).loc;
    const lines: [number, number] = node ? logicalLines(node) : [loc!.start.line, loc!.end?.line ?? loc!.start.line];
    // Per check: `# nosec B602` silences a shell-mode finding, not an argv finding of the same rule.
    const messageId = (descriptor as { messageId?: string }).messageId;
    const check = messageId !== undefined && Object.hasOwn(checks, messageId) ? checks[messageId] : undefined;
    const codes = check ? { bandit: check.bandit ?? [], ruff: check.ruff ?? [] } : ruleCodes;
    if (index.suppress(spec.name, codes, lines).length) return;
    report(descriptor);
  };
  return Object.create(context, { report: { value: filtered } }) as PythonRuleContext<Options, MessageIds>;
}

import type { PyCall } from "../ast/generated/node-types.js";
import type { PythonModel } from "../analysis/index.js";
import { CalleeMatcher, type CalleePattern } from "../analysis/catalog/index.js";
import { keywordArgumentFix } from "./fixes.js";
import {
  createRule,
  type PythonRuleContext,
  type PythonRuleDocs,
  type PythonRuleSourceCode,
  type PythonRuleSpec,
} from "./create-rule.js";

/** What a catalog check knows about the call it matched, for its predicates and message data. */
export interface CallCheckContext<Options> {
  call: PyCall;
  /** The resolved callee name that matched (`requests.Session().get`). */
  callee: string;
  model: PythonModel;
  options: Options;
  /** The source text of a node, for message data. */
  text(node: { range: [number, number] }): string;
  sourceCode: PythonRuleSourceCode;
}

/** A remedy offered as an editor quick fix: a message id of the rule's `suggestions` and the edit. */
export interface CallCheckSuggestion {
  messageId: string;
  fix: (fixer: any) => unknown;
}

/**
 * One Bandit-style check: the callees it applies to and when a matching call is a finding. A simple check is
 * this entry, a paragraph of docs and two fixtures; the traversal, the dispatch and the suppression codes are
 * shared.
 */
export interface CallCheck<Options = unknown> {
  /** The check's id: the Bandit id where one exists (`B113`), else `<rule>/<name>`; also its message id. */
  id: string;
  messageId: string;
  message: string;
  callee: CalleePattern | readonly CalleePattern[];
  /** Report only when this holds (default: always). */
  when?: (context: CallCheckContext<Options>) => boolean;
  /** Do not report when this holds. */
  unless?: (context: CallCheckContext<Options>) => boolean;
  /** Placeholders of `message` (`{{callee}}` is always filled). */
  data?: (context: CallCheckContext<Options>) => Record<string, string>;
  /** Safe remedies for this finding, as suggestions (never applied by `--fix`: they change behaviour). */
  suggest?: (context: CallCheckContext<Options>) => CallCheckSuggestion[];
  remediation: string;
  bandit?: readonly string[];
  ruff?: readonly string[];
  cwe?: readonly number[];
  category?: string;
}

/** A check's suggestion to pass `name=value` (added, or replacing the value given): `weights_only=True`. */
export function suggestKeyword<Options>(messageId: string, name: string, value: string) {
  return ({ call, sourceCode }: CallCheckContext<Options>): CallCheckSuggestion[] => [
    { messageId, fix: (fixer) => keywordArgumentFix(fixer, sourceCode, call, name, value) },
  ];
}

export interface CallRuleSpec<Options extends unknown[]> {
  name: string;
  description: string;
  recommended: boolean;
  severity?: "error" | "warn";
  category: string;
  /** How to fix a finding of any check: the audit report's Solution and the doc's "How to fix". */
  remediation: string;
  type?: "problem" | "suggestion";
  checks: ReadonlyArray<CallCheck<Options>>;
  /** Messages of the checks' suggestions, by message id. */
  suggestions?: Record<string, string>;
  schema?: PythonRuleSpec<Options, string>["meta"]["schema"];
  defaultOptions?: Options;
  url?: string;
}

/**
 * A rule made of catalog checks: its messages, per-check docs and suppression codes come from the checks, and
 * one `Program` listener matches the file's call index once against all of them (a map lookup per distinct
 * callee name, so a check more costs nothing per call).
 */
export function defineCallRule<Options extends unknown[] = []>(spec: CallRuleSpec<Options>) {
  const matcher = new CalleeMatcher<CallCheck<Options>>();
  const messages: Record<string, string> = { ...spec.suggestions };
  const checks: NonNullable<PythonRuleDocs["checks"]> = {};
  for (const check of spec.checks) {
    if (messages[check.messageId])
      throw new TypeError(`${spec.name}: two checks use the message id ${check.messageId}`);
    messages[check.messageId] = check.message;
    checks[check.messageId] = {
      id: check.id,
      bandit: check.bandit ? [...check.bandit] : undefined,
      ruff: check.ruff ? [...check.ruff] : undefined,
      cwe: check.cwe ? [...check.cwe] : undefined,
      category: check.category,
      remediation: check.remediation,
    };
    for (const pattern of typeof check.callee === "string" ? [check.callee] : check.callee) matcher.add(pattern, check);
  }
  return createRule<Options, string>({
    name: spec.name,
    meta: {
      type: spec.type ?? "problem",
      docs: {
        description: spec.description,
        recommended: spec.recommended,
        severity: spec.severity,
        category: spec.category,
        remediation: spec.remediation,
        checks,
        url: spec.url,
      },
      messages,
      hasSuggestions: spec.suggestions ? true : undefined,
      schema: spec.schema ?? [],
      defaultOptions: spec.defaultOptions,
    },
    create(context: PythonRuleContext<Options, string>, tools) {
      const text = (node: { range: [number, number] }) => context.sourceCode.text.slice(node.range[0], node.range[1]);
      return {
        Program() {
          const model = tools.model;
          for (const { call, name, entries } of model.callsTo(matcher)) {
            const seen = new Set<string>();
            for (const check of entries) {
              if (seen.has(check.messageId)) continue;
              seen.add(check.messageId);
              const at: CallCheckContext<Options> = {
                call,
                callee: name,
                model,
                options: context.options,
                text,
                sourceCode: context.sourceCode,
              };
              if ((check.when && !check.when(at)) || check.unless?.(at)) continue;
              const suggest = check.suggest?.(at);
              context.report({
                node: call,
                messageId: check.messageId,
                data: { callee: name, ...check.data?.(at) },
                ...(suggest?.length ? { suggest: suggest as never } : {}),
              });
            }
          }
        },
      };
    },
  });
}

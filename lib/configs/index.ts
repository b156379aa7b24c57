import type { ESLint, Linter } from "eslint";
import type { RuleDefinition } from "@eslint/core";
import {
  OPENSTACK_COMMAND_SINKS,
  OPENSTACK_MASK_FUNCTION,
  OPENSTACK_PRIVILEGED_KEYWORDS,
  OPENSTACK_VALIDATORS,
} from "../analysis/catalog/index.js";

export const PYTHON_FILES = ["**/*.py", "**/*.pyi"];

type RuleWithDocs = RuleDefinition & { meta?: { docs?: { recommended?: boolean; severity?: "error" | "warn" } } };

/**
 * Options of the `openstack` config: the catalog's OpenStack tables (`lib/analysis/catalog/openstack.ts`) on top of
 * the defaults. Rule options extend the catalog, so oslo's masking functions and re-raising managers, known to
 * every config, need no entry here.
 */
export const OPENSTACK_RULE_OPTIONS: Record<string, unknown[]> = {
  "no-command-injection": [
    {
      extraSinks: [...OPENSTACK_COMMAND_SINKS],
      privilegedKeywords: [...OPENSTACK_PRIVILEGED_KEYWORDS],
      validators: [...OPENSTACK_VALIDATORS],
    },
  ],
  "no-sensitive-data-in-logs": [{ suggestedMaskFunction: OPENSTACK_MASK_FUNCTION }],
};

/** The rule settings of a config, derived from each rule's `meta.docs` (`recommended`, `severity`), never listed by hand. */
export function ruleSettings(
  namespace: string,
  rules: Record<string, RuleWithDocs>,
  include: (rule: RuleWithDocs) => boolean,
  options: Record<string, unknown[]> = {},
): Linter.RulesRecord {
  return Object.fromEntries(
    Object.entries(rules)
      .filter(([, rule]) => include(rule))
      .map(([id, rule]) => {
        const severity = rule.meta?.docs?.severity ?? "error";
        return [`${namespace}/${id}`, options[id] ? [severity, ...options[id]] : severity];
      }),
  );
}

/** Flat configs: usable as `extends: [plugin.configs.recommended]` or `extends: ["python-audit/recommended"]`. */
export function createConfigs(plugin: ESLint.Plugin, namespace: string, rules: Record<string, RuleWithDocs>) {
  const base = (
    name: string,
    include: (rule: RuleWithDocs) => boolean,
    options?: Record<string, unknown[]>,
  ): Linter.Config => ({
    name: `${namespace}/${name}`,
    files: PYTHON_FILES,
    plugins: { [namespace]: plugin },
    language: `${namespace}/python`,
    rules: ruleSettings(namespace, rules, include, options),
  });
  const recommended = (rule: RuleWithDocs) => rule.meta?.docs?.recommended === true;
  // `fix`: the recommended rules with `autofix` on wherever a rule has an opt-in fix (`meta.fixable`).
  const autofix = Object.fromEntries(
    Object.entries(rules)
      .filter(([, rule]) => (rule.meta as { fixable?: string } | undefined)?.fixable)
      .map(([id]) => [id, [{ autofix: true }]]),
  );
  return {
    recommended: base("recommended", recommended),
    openstack: base("openstack", recommended, OPENSTACK_RULE_OPTIONS),
    fix: base("fix", recommended, autofix),
    all: base("all", () => true),
  };
}

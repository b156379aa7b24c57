import type { ESLint, Linter } from "eslint";
import type { RuleDefinition } from "@eslint/core";

export const PYTHON_FILES = ["**/*.py", "**/*.pyi"];

type RuleWithDocs = RuleDefinition & { meta?: { docs?: { recommended?: boolean } } };

/** The rule settings of a config, derived from each rule's `meta.docs.recommended` (never listed by hand). */
export function ruleSettings(
  namespace: string,
  rules: Record<string, RuleWithDocs>,
  include: (rule: RuleWithDocs) => boolean,
): Linter.RulesRecord {
  return Object.fromEntries(
    Object.entries(rules)
      .filter(([, rule]) => include(rule))
      .map(([id]) => [`${namespace}/${id}`, "error" as const]),
  );
}

/** Flat configs: usable as `extends: [plugin.configs.recommended]` or `extends: ["python-audit/recommended"]`. */
export function createConfigs(plugin: ESLint.Plugin, namespace: string, rules: Record<string, RuleWithDocs>) {
  const base = (name: string, include: (rule: RuleWithDocs) => boolean): Linter.Config => ({
    name: `${namespace}/${name}`,
    files: PYTHON_FILES,
    plugins: { [namespace]: plugin },
    language: `${namespace}/python`,
    rules: ruleSettings(namespace, rules, include),
  });
  return {
    recommended: base("recommended", (rule) => rule.meta?.docs?.recommended === true),
    all: base("all", () => true),
  };
}

import type { ESLint, Linter } from "eslint";
import type { RuleDefinition } from "@eslint/core";

export const PYTHON_FILES = ["**/*.py", "**/*.pyi"];

type RuleWithDocs = RuleDefinition & { meta?: { docs?: { recommended?: boolean; severity?: "error" | "warn" } } };

/**
 * Options of the `openstack` config: the oslo / Neutron idioms on top of the defaults (which already know
 * `processutils.execute`, `utils.execute`, `netns.execute`, `excutils.save_and_reraise_exception`, `LOG` and
 * `strutils.mask_password`). Listed here, not in the rules, because they only make sense in OpenStack code.
 */
export const OPENSTACK_RULE_OPTIONS: Record<string, unknown[]> = {
  "no-command-injection": [
    {
      extraSinks: [
        { name: "utils.create_process", mode: "exec" },
        { name: "agent_utils.create_process", mode: "exec" },
        { name: "async_process.AsyncProcess", mode: "exec" },
        { name: "priv_utils.execute", mode: "exec" },
      ],
      // `netutils.is_valid_*` need no entry: `is_valid*` / `validate*` functions validate in every config.
      validators: [
        "uuidutils.is_uuid_like",
        "oslo_utils.uuidutils.is_uuid_like",
        "strutils.is_int_like",
        "oslo_utils.strutils.is_int_like",
      ],
    },
  ],
  "no-sensitive-data-in-logs": [
    {
      maskingFunctions: [
        "strutils.mask_password",
        "strutils.mask_dict_password",
        "oslo_utils.strutils.mask_password",
        "oslo_utils.strutils.mask_dict_password",
      ],
      suggestedMaskFunction: "strutils.mask_password",
    },
  ],
  "no-broad-except": [
    {
      reraisingContextManagers: [
        "excutils.save_and_reraise_exception",
        "oslo_utils.excutils.save_and_reraise_exception",
      ],
    },
  ],
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
  return {
    recommended: base("recommended", recommended),
    openstack: base("openstack", recommended, OPENSTACK_RULE_OPTIONS),
    all: base("all", () => true),
  };
}

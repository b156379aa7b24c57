import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * What every rule's meta must satisfy: a doc that states the description and whose "How to fix" is
 * `meta.docs.remediation` (the audit report's Solution), severity and category for the report, and config
 * membership that follows `recommended` and `severity`. Shared by the rule suite and the scaffold test.
 */
export function assertRuleMeta(plugin: any, id: string, root: string): void {
  const rule = plugin.rules[id];
  const doc = join(root, "docs", "rules", `${id}.md`);
  assert.ok(existsSync(doc), `docs/rules/${id}.md exists`);
  assert.ok(rule.meta.docs.description, "meta.docs.description");
  assert.equal(typeof rule.meta.docs.recommended, "boolean");
  assert.match(rule.meta.docs.url, new RegExp(`docs/rules/${id}\\.md$`));
  assert.ok(Array.isArray(rule.meta.schema), "an options schema");
  assert.match(rule.meta.docs.severity, /^(error|warn)$/u, "meta.docs.severity");
  assert.ok(rule.meta.docs.category, "meta.docs.category (the audit report heading)");
  assert.ok(rule.meta.docs.remediation?.length > 40, "meta.docs.remediation (the audit report's Solution)");
  const setting = (config: { rules: Record<string, unknown> }) => {
    const value = config.rules[`python-audit/${id}`];
    return Array.isArray(value) ? value[0] : value;
  };
  assert.equal(setting(plugin.configs.all), rule.meta.docs.severity);
  assert.equal(`python-audit/${id}` in plugin.configs.recommended.rules, rule.meta.docs.recommended);
  assert.equal(`python-audit/${id}` in plugin.configs.openstack.rules, rule.meta.docs.recommended);
  if (rule.meta.docs.recommended) assert.equal(setting(plugin.configs.recommended), rule.meta.docs.severity);
  // Per-check ids: every check is a finding message id, ids are unique, and the doc's generated table lists them.
  const checks = Object.entries(rule.meta.docs.checks ?? {}) as Array<[string, { id: string }]>;
  assert.ok(checks.length, "meta.docs.checks: the check behind each finding message id");
  for (const [messageId] of checks) assert.ok(messageId in rule.meta.messages, `check ${messageId} is a message id`);
  assert.equal(new Set(checks.map(([, check]) => check.id)).size, checks.length, "check ids are unique");
  const text = readFileSync(doc, "utf8");
  for (const [, check] of checks)
    assert.ok(text.includes(`| \`${check.id}\` |`), `the doc's Checks table lists ${check.id}`);
  assert.ok(text.includes(rule.meta.docs.description), "the doc states the description");
  assert.ok(
    text.includes(`## How to fix\n\n${rule.meta.docs.remediation}\n`),
    "the doc's How to fix section is meta.docs.remediation",
  );
}

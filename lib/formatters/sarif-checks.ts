import type { ESLint } from "eslint";

/**
 * Per-check data for SARIF (from `@microsoft/eslint-formatter-sarif`, which knows rules, not checks): each rule
 * descriptor gets the CWE tags of its checks (`external/cwe/cwe-078`, as CodeQL and GitHub code scanning write
 * them) and a help text listing each check's remediation; each result gets its check id and CWE tags in
 * `properties`. Results keep the ESLint rule id, so code scanning groups alerts by rule as before.
 */

interface CheckMeta {
  id: string;
  cwe?: number[];
  remediation?: string;
}
interface RuleMeta {
  docs?: { remediation?: string; checks?: Record<string, CheckMeta> };
}
interface SarifResult {
  ruleId?: string;
  message?: { text?: string };
  locations?: Array<{ physicalLocation?: { region?: { startLine?: number; startColumn?: number } } }>;
  properties?: Record<string, unknown>;
}
interface SarifRule {
  id: string;
  help?: { text?: string; markdown?: string };
  properties?: Record<string, unknown> & { tags?: string[] };
}
interface SarifLog {
  runs?: Array<{ tool?: { driver?: { rules?: SarifRule[] } }; results?: SarifResult[] }>;
}

const cweTag = (n: number) => `external/cwe/cwe-${String(n).padStart(3, "0")}`;

export function addChecksToSarif(
  sarifText: string,
  results: ESLint.LintResult[],
  rulesMeta: Record<string, RuleMeta>,
): string {
  let log: SarifLog;
  try {
    log = JSON.parse(sarifText) as SarifLog;
  } catch {
    return sarifText;
  }
  const checkOf = (ruleId: string | null | undefined, messageId: string | undefined) => {
    const checks = (ruleId && rulesMeta[ruleId]?.docs?.checks) || {};
    return messageId && Object.hasOwn(checks, messageId) ? checks[messageId] : undefined;
  };
  // The formatter's results carry no message id: find each one's ESLint message by rule, position and text.
  const byKey = new Map<string, CheckMeta>();
  for (const result of results)
    for (const message of result.messages) {
      const check = checkOf(message.ruleId, message.messageId);
      if (check) byKey.set(`${message.ruleId}|${message.line}|${message.column}|${message.message}`, check);
    }
  for (const run of log.runs ?? []) {
    for (const rule of run.tool?.driver?.rules ?? []) {
      const checks = Object.values(rulesMeta[rule.id]?.docs?.checks ?? {});
      if (!checks.length) continue;
      const tags = [...new Set(checks.flatMap((check) => (check.cwe ?? []).map(cweTag)))];
      rule.properties = {
        ...rule.properties,
        tags: [...new Set([...(rule.properties?.tags ?? []), "security", ...tags])],
      };
      const lines = checks.map(
        (check) => `${check.id}: ${check.remediation ?? rulesMeta[rule.id]?.docs?.remediation ?? ""}`,
      );
      rule.help = { text: lines.join("\n"), markdown: lines.map((line) => `- ${line}`).join("\n") };
    }
    for (const result of run.results ?? []) {
      const region = result.locations?.[0]?.physicalLocation?.region;
      const check = byKey.get(`${result.ruleId}|${region?.startLine}|${region?.startColumn}|${result.message?.text}`);
      if (!check) continue;
      result.properties = { ...result.properties, checkId: check.id, tags: (check.cwe ?? []).map(cweTag) };
    }
  }
  return JSON.stringify(log, null, 2);
}

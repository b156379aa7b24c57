import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** One RuleTester case (ESLint's shape; `code` is Python). */
export interface ValidCase {
  code: string;
  options?: unknown[];
  name?: string;
}
export interface InvalidCase extends ValidCase {
  output?: string | null;
  errors: Array<{
    messageId?: string;
    message?: string;
    data?: Record<string, unknown>;
    line?: number;
    column?: number;
    endLine?: number;
    endColumn?: number;
    suggestions?: Array<{ messageId?: string; desc?: string; data?: Record<string, unknown>; output: string }> | null;
  }>;
}
export interface RuleCases {
  valid: Array<string | ValidCase>;
  invalid: InvalidCase[];
  /** Run next to the recommended rules (for rules that judge the others' results); default false. */
  withRecommendedRules?: boolean;
  /** Language mode only (for rules that need the language's end-of-file event); default false. */
  languageModeOnly?: boolean;
}

/** The case files in tests/rules/cases, by rule id (each default-exports `RuleCases`); a broken file maps to its error. */
export function loadCases(): Map<string, RuleCases | Error> {
  const dir = join(__dirname, "cases");
  const out = new Map<string, RuleCases | Error>();
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
    try {
      out.set(file.slice(0, -3), require(join(dir, file)).default);
    } catch (error) {
      out.set(file.slice(0, -3), error as Error);
    }
  }
  return out;
}

/** Every Python text a case set produces when fixes or suggestions are applied. */
export function fixedOutputs(cases: RuleCases): Array<{ source: string; output: string }> {
  const out: Array<{ source: string; output: string }> = [];
  for (const c of cases.invalid) {
    if (typeof c.output === "string") out.push({ source: c.code, output: c.output });
    for (const error of c.errors) for (const s of error.suggestions ?? []) out.push({ source: c.code, output: s.output });
  }
  return out;
}

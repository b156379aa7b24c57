import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  CODE_EVALUATORS,
  CODE_EXECUTORS,
  JINJA2_ENVIRONMENTS,
  MAKO_TEMPLATES,
  MARKUP_CONSTRUCTORS,
  MARSHAL_LOADERS,
  PICKLE_LOADERS,
  SAFE_MARKUP_MARKERS,
  TORCH_LOADERS,
  YAML_LOADERS,
  YAML_UNSAFE_LOADERS,
} from "../../lib/analysis/catalog/index.js";
import { fixturesDir } from "../helpers.js";

/**
 * Every callee of a catalog check is exercised: some invalid fixture of its rule has a finding whose resolved
 * callee is that entry (so an entry nobody tests, or one that stopped matching, fails here).
 */
const CHECKED: Record<string, readonly string[]> = {
  "no-eval": [...CODE_EVALUATORS, ...CODE_EXECUTORS],
  "no-unsafe-deserialization": [
    ...PICKLE_LOADERS,
    ...MARSHAL_LOADERS,
    ...YAML_LOADERS,
    ...YAML_UNSAFE_LOADERS,
    ...TORCH_LOADERS,
  ],
  "no-unescaped-template": [...JINJA2_ENVIRONMENTS, ...MAKO_TEMPLATES, ...SAFE_MARKUP_MARKERS, ...MARKUP_CONSTRUCTORS],
};

/** The callee names (message data `callee`) of every expected finding of a rule's invalid fixtures. */
function reportedCallees(rule: string): Set<string> {
  const dir = join(fixturesDir, "rules", rule, "invalid");
  const out = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".errors.json")))
    for (const error of JSON.parse(readFileSync(join(dir, file), "utf8")) as Array<{ data?: { callee?: string } }>)
      if (error.data?.callee) out.add(error.data.callee);
  return out;
}

describe("catalog coverage: every callee of a catalog check has a reported fixture", () => {
  for (const [rule, patterns] of Object.entries(CHECKED)) {
    it(rule, () => {
      const reported = reportedCallees(rule);
      const missing = patterns.filter((pattern) => !reported.has(pattern));
      assert.deepEqual(missing, [], `catalog entries of ${rule} that no invalid fixture reports`);
    });
  }
});

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import formatAudit = require("../../lib/formatters/audit.js");
import { eslintVersions, repoRoot } from "../helpers.js";

/**
 * `npm start` audits examples/ with the recommended config: it must report exactly the defects listed in
 * examples/EXPECTED.md and none of the safe counterparts listed there.
 */
function table(markdown: string, heading: string): Array<{ location: string; rule: string }> {
  const section = markdown.split(/^## /mu).find((s) => s.startsWith(heading)) ?? "";
  return [...section.matchAll(/^\| (dvr_agent\/[^ |]+:\d+) \| ([a-z-]+) \|/gmu)].map((m) => ({
    location: m[1],
    rule: m[2],
  }));
}

describe("examples/ (npm start)", () => {
  it("reports exactly the defects of EXPECTED.md and none of its safe counterparts", async () => {
    const expected = readFileSync(join(repoRoot, "examples", "EXPECTED.md"), "utf8");
    const defects = table(expected, "Defects");
    const safe = table(expected, "Safe counterparts");
    assert.ok(defects.length >= 16 && safe.length >= 10);
    const eslint = new eslintVersions[0].module.ESLint({
      cwd: repoRoot,
      overrideConfigFile: join(repoRoot, "eslint.config.mjs"),
    });
    const results = await eslint.lintFiles(["examples/"]);
    const found = results.flatMap((r) =>
      r.messages.map(
        (m) =>
          `${r.filePath.slice(join(repoRoot, "examples").length + 1)}:${m.line} ${m.fatal ? "parse-error" : m.ruleId!.replace("python-audit/", "")}`,
      ),
    );
    assert.deepEqual(found.sort(), defects.map((d) => `${d.location} ${d.rule}`).sort());
    for (const s of safe)
      assert.ok(!found.includes(`${s.location} ${s.rule}`), `${s.location} must not be reported by ${s.rule}`);
  });

  it("examples/AUDIT.md is the audit formatter's current report (npm start rewrites it)", async () => {
    const eslint = new eslintVersions[0].module.ESLint({
      cwd: repoRoot,
      overrideConfigFile: join(repoRoot, "eslint.config.mjs"),
    });
    const results = await eslint.lintFiles(["examples/"]);
    const report = formatAudit(results, { cwd: repoRoot, rulesMeta: eslint.getRulesMetaForResults(results) });
    assert.equal(
      readFileSync(join(repoRoot, "examples", "AUDIT.md"), "utf8"),
      report,
      "run `npm start` to refresh examples/AUDIT.md",
    );
  });
});

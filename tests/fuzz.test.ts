import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./helpers.js";

/**
 * CI's share of `npm run fuzz`: a small seeded budget of stdlib mutants in both modes. It fails on a crash, a hang,
 * a report location outside the text or a fix or suggestion that breaks valid Python (the script's exit code);
 * disagreements with ast.parse are printed, not failures.
 */
describe("fuzz (npm run fuzz, small budget)", function () {
  this.timeout(300_000);

  it("400 seeded mutants: no crash, hang, out-of-text location or broken fix", () => {
    const run = spawnSync(
      process.execPath,
      [join(repoRoot, "scripts", "fuzz.mjs"), "--mutants", "400", "--seed", "20261204", "--timeout", "60"],
      { encoding: "utf8" },
    );
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /^\| crashes \(an exception out of ESLint\) \| 0 \|$/mu);
    assert.match(run.stdout, /^# Fuzz run: 400 mutants of \d+ files/mu);
  });
});

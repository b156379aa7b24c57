import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./helpers.js";

/**
 * Generated files (AST types, visitor keys, converter table, docs/ast.md, rule index; the README rule table and
 * each rule doc's header by eslint-doc-generator) match their generators.
 */
describe("generated files are up to date", () => {
  for (const script of ["generate-ast.mjs", "generate-rules-index.mjs"]) {
    it(`scripts/${script} --check`, () => {
      const result = spawnSync(process.execPath, [join(repoRoot, "scripts", script), "--check"], { encoding: "utf8" });
      assert.equal(result.status, 0, `${result.stderr}${result.stdout}`);
    });
  }

  it("eslint-doc-generator --check (README rule list, rule doc headers)", function () {
    this.timeout(60_000);
    const bin = join(repoRoot, "node_modules", "eslint-doc-generator", "dist", "bin", "eslint-doc-generator.js");
    const result = spawnSync(process.execPath, [bin, "--check"], { cwd: repoRoot, encoding: "utf8" });
    assert.equal(result.status, 0, `run \`npm run docs\`:\n${result.stderr}${result.stdout}`);
  });
});

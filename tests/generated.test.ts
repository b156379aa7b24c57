import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./helpers.js";

/** Generated files (AST types, visitor keys, converter table, docs/ast.md, rule index) match their generators. */
describe("generated files are up to date", () => {
  for (const script of ["generate-ast.mjs", "generate-rules-index.mjs"]) {
    it(`scripts/${script} --check`, () => {
      const result = spawnSync(process.execPath, [join(repoRoot, "scripts", script), "--check"], { encoding: "utf8" });
      assert.equal(result.status, 0, `${result.stderr}${result.stdout}`);
    });
  }
});

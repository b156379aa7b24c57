import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Program } from "../../lib/ast/generated/node-types.js";
import { visitorKeys } from "../../lib/ast/generated/visitor-keys.js";
import { convert } from "../../lib/parser/convert.js";
import { parsePython } from "../../lib/parser/index.js";
import { parseTree } from "../../lib/parser/tree-sitter.js";
import { allNodes, fixturesDir, stringifyAst } from "../helpers.js";
import { checkInvariants } from "./invariants.js";

/**
 * Executable AST documentation: every fixture in tests/fixtures/ast/*.py is converted and compared with its
 * snapshot (*.json: the tree without `parent`, ranges as "start..end", locations as "line:column-line:column"); the invariants hold on
 * every node; together the fixtures contain every node type. `UPDATE_SNAPSHOTS=1 npm test` rewrites snapshots.
 * Files named python2-*.py hold shapes Python 3 rejects: they are converted (to document the nodes) and
 * `parsePython` must refuse them.
 */
const dir = join(fixturesDir, "ast");
const fixtures = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith(".py"))
      .sort()
  : [];

function snapshot(program: Program): string {
  const compactLoc = (loc: { start: { line: number; column: number }; end: { line: number; column: number } }) =>
    `${loc.start.line}:${loc.start.column}-${loc.end.line}:${loc.end.column}`;
  return `${stringifyAst(
    program,
    (key, value: any) => {
      if (key === "loc") return compactLoc(value);
      if (key === "range") return `${value[0]}..${value[1]}`;
      if (key === "tokens")
        return (value as Program["tokens"]).map((t) => `${t.type} ${JSON.stringify(t.value)} ${compactLoc(t.loc)}`);
      return value;
    },
    1,
  )}\n`;
}

describe("AST fixtures", () => {
  const seen = new Set<string>();
  for (const file of fixtures) {
    it(file, () => {
      const text = readFileSync(join(dir, file), "utf8");
      const tree = parseTree(text);
      assert.equal(tree.rootNode.hasError, false, "tree-sitter parses the fixture");
      const { program } = convert(tree, text);
      if (file.startsWith("python2-")) assert.throws(() => parsePython(text), /Python 2/);
      else assert.deepEqual(snapshot(parsePython(text)), snapshot(program));
      checkInvariants(text, program, tree);
      for (const node of allNodes(program)) seen.add(node.type);
      const snapshotFile = join(dir, file.replace(/\.py$/u, ".json"));
      const actual = snapshot(program);
      if (process.env.UPDATE_SNAPSHOTS || !existsSync(snapshotFile)) {
        if (process.env.CI) assert.fail(`missing snapshot ${snapshotFile} (run UPDATE_SNAPSHOTS=1 npm test)`);
        writeFileSync(snapshotFile, actual);
      }
      assert.equal(actual, readFileSync(snapshotFile, "utf8"), `snapshot ${file.replace(/\.py$/u, ".json")} differs`);
    });
  }

  it("together the fixtures contain every node type", () => {
    const missing = Object.keys(visitorKeys).filter((type) => !seen.has(type));
    assert.deepEqual(missing, []);
  });
});

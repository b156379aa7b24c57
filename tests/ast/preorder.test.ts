import assert from "node:assert/strict";
import type { PyNode } from "../../lib/ast/generated/node-types.js";
import { childNodes, preorder } from "../../lib/ast/traverse.js";
import { parsePython } from "../../lib/parser/index.js";

/**
 * `preorder` (lib/ast/traverse.ts), the one walk the language's traversal and the model's scopes share: every node
 * in source order with the end of its subtree, whether the parser hinted the tree's size (a parsed Program) or not
 * (any other root, whose arrays grow).
 */
function recursiveWalk(root: PyNode): { nodes: PyNode[]; ends: number[] } {
  const nodes: PyNode[] = [];
  const ends: number[] = [];
  const visit = (node: PyNode) => {
    const index = nodes.length;
    nodes.push(node);
    ends.push(0);
    for (const child of childNodes(node)) visit(child);
    ends[index] = nodes.length;
  };
  visit(root);
  return { nodes, ends };
}

// More than the 256 nodes an unhinted walk starts with, nested, with a decorator, a lambda and a comprehension.
const body = Array.from({ length: 60 }, (_, i) => `    x${i} = [f(y, k=${i}) for y in z if y]`).join("\n");
const text = `import os\n\n@dec(1)\ndef big(a, *b, c=lambda q: q + 1):\n${body}\n    return os.path.join(a, *b)\n`;

describe("preorder", () => {
  it("lists a parsed Program's nodes in source order with their subtree ends (sized from the parser's hint)", () => {
    const program = parsePython(text);
    const walk = preorder(program);
    const expected = recursiveWalk(program);
    assert.ok(walk.nodes.length > 500, `${walk.nodes.length} nodes`);
    assert.deepEqual(walk.nodes, expected.nodes);
    assert.deepEqual([...walk.ends], expected.ends);
    assert.equal(preorder(program), walk, "memoised per root");
  });

  it("walks any other root the same way, growing its arrays past the initial size", () => {
    const program = parsePython(text);
    const fn = program.body.find((statement) => statement.type === "PyDecoratedDefinition")!;
    const walk = preorder(fn);
    const expected = recursiveWalk(fn);
    assert.ok(walk.nodes.length > 256, `${walk.nodes.length} nodes`);
    assert.deepEqual(walk.nodes, expected.nodes);
    assert.deepEqual([...walk.ends], expected.ends);
  });
});

import assert from "node:assert/strict";
import {
  argument,
  callArguments,
  caughtName,
  caughtTypes,
  statementExpression,
  unparenthesize,
  withItems,
} from "../../lib/ast/accessors.js";
import type { PyCall, PyExceptClause, PyNode, PyWithStatement } from "../../lib/ast/generated/node-types.js";
import { parsePython } from "../../lib/parser/index.js";
import { allNodes } from "../helpers.js";

/** The pure AST accessors every layer above shares (lib/ast/accessors.ts). */
function nodesOf<T extends PyNode>(text: string, type: T["type"]): { text: string; nodes: T[] } {
  return { text, nodes: allNodes(parsePython(text)).filter((n): n is T => n.type === type) };
}
const source = (text: string, node: PyNode | null) => (node ? text.slice(node.range[0], node.range[1]) : null);

describe("AST accessors", () => {
  it("callArguments lists every argument as written; a lone generator is one argument", () => {
    const { text, nodes } = nodesOf<PyCall>("run(a, *rest, k=1, **kw)\nsum(x for x in y)\n", "PyCall");
    assert.deepEqual(
      callArguments(nodes[0]).map((n) => n.type),
      ["PyIdentifier", "PyListSplat", "PyKeywordArgument", "PyDictionarySplat"],
    );
    assert.deepEqual(
      callArguments(nodes[1]).map((n) => source(text, n)),
      ["(x for x in y)"],
    );
  });

  it("argument finds a parameter by keyword or position, and gives up after a *splat", () => {
    const { text, nodes } = nodesOf<PyCall>("f(a, b, key=c)\ng(*args, d)\nh(x)\n", "PyCall");
    const [f, g, h] = nodes;
    assert.equal(source(text, argument(f, { name: "key", position: 0 })), "c");
    assert.equal(source(text, argument(f, { name: "other", position: 1 })), "b");
    assert.equal(argument(f, { position: 2 }), null);
    assert.equal(argument(g, { position: 0 }), null, "after *args no position is known");
    assert.equal(argument(h, { name: "x" }), null, "a keyword-only lookup ignores positions");
  });

  it("withItems pairs each context expression with its target", () => {
    const { text, nodes } = nodesOf<PyWithStatement>(
      "with open(p) as f, lock, (open(q)) as (a, b):\n    pass\n",
      "PyWithStatement",
    );
    assert.deepEqual(
      withItems(nodes[0]).map(({ value, target }) => [source(text, value), source(text, target)]),
      [
        ["open(p)", "f"],
        ["lock", null],
        ["(open(q))", "(a, b)"],
      ],
    );
  });

  it("caughtTypes unpacks tuples, parentheses and `except A, B`; caughtName is the `as` name", () => {
    const code = [
      "try:\n    x()\nexcept (A, (B)) as e:\n    pass",
      "except C:\n    pass",
      "except D, E:\n    pass",
      "except F as g:\n    pass",
      "except:\n    pass\n",
    ].join("\n");
    const { text, nodes } = nodesOf<PyExceptClause>(code, "PyExceptClause");
    assert.deepEqual(
      nodes.map((h) => caughtTypes(h).map((n) => source(text, n))),
      [["A", "B"], ["C"], ["D", "E"], ["F"], []],
    );
    assert.deepEqual(
      nodes.map((h) => source(text, caughtName(h))),
      ["e", null, null, "g", null],
    );
  });

  it("statementExpression and unparenthesize", () => {
    const program = parsePython("((f(x)))\ny = 1\na, b\n");
    const [call, assignment, pair] = program.body.map((s) => statementExpression(s));
    assert.equal(unparenthesize(call)?.type, "PyCall");
    assert.equal(assignment?.type, "PyAssignment");
    assert.equal(pair?.type, "PyExpressionList");
    assert.equal(statementExpression(parsePython("pass\n").body[0]), null);
  });
});

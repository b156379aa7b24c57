import assert from "node:assert/strict";
import type TreeSitter from "tree-sitter";
import type { Program, PyNode } from "../../lib/ast/generated/node-types.js";
import { isSynthetic } from "../../lib/parser/convert.js";
import { allNodes } from "../helpers.js";

const BREAK = /\r\n|[\r\n\u2028\u2029]/gu;

/** line/column of every offset, computed independently of the parser's LineIndex. */
function positions(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (const m of text.matchAll(BREAK)) starts.push(m.index! + m[0].length);
  return (offset) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    return { line: line + 1, column: offset - starts[line] };
  };
}

/**
 * The named, non-extra nodes of a tree-sitter tree in pre-order, via the node API (independent of the converter),
 * less those the AST does not keep: string start/end pieces (`PyString.prefix`/`quote`) and `with_clause` (its items
 * are `PyWithStatement.items`).
 */
function treeSitterNodes(tree: TreeSitter.Tree): TreeSitter.SyntaxNode[] {
  const out: TreeSitter.SyntaxNode[] = [];
  const stack = [...tree.rootNode.namedChildren].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "comment" || node.type === "line_continuation") continue;
    if (node.type !== "string_start" && node.type !== "string_end" && node.type !== "with_clause") out.push(node);
    stack.push(...[...node.namedChildren].reverse());
  }
  return out;
}

/**
 * Checks the AST contract on every node: the converted nodes are exactly tree-sitter's named nodes (same order,
 * same text), `loc` agrees with `range`, children lie inside parents and point back to them, no `start`/`end`,
 * tokens and comments sorted and disjoint and covering no text twice.
 */
export function checkInvariants(
  text: string,
  program: Program,
  tree?: TreeSitter.Tree,
  options: { lines?: boolean } = {},
): void {
  const nodes = allNodes(program);
  const locate = options.lines === false ? null : positions(text);
  assert.deepEqual(program.range, [0, text.length]);
  for (const node of nodes) {
    assert.ok(!("start" in node) && !("end" in node), `${node.type} has start/end`);
    assert.ok(node.range[0] <= node.range[1], `${node.type} range`);
    if (locate) {
      assert.deepEqual(node.loc.start, locate(node.range[0]), `${node.type} loc.start at ${node.range[0]}`);
      assert.deepEqual(node.loc.end, locate(node.range[1]), `${node.type} loc.end at ${node.range[1]}`);
    }
    const parent = node.parent as PyNode | null;
    if (node.type === "Program") continue;
    assert.ok(parent, `${node.type} has a parent`);
    assert.ok(
      parent.range[0] <= node.range[0] && node.range[1] <= parent.range[1],
      `${node.type} inside ${parent.type}`,
    );
  }
  if (tree) {
    const expected = treeSitterNodes(tree);
    // `a, b` alone on a line: the converter wraps the expressions in one expression list of its own.
    const actual = nodes.slice(1).filter((node) => !isSynthetic(node));
    assert.equal(actual.length, expected.length, "one AST node per named tree-sitter node");
    for (let i = 0; i < actual.length; i++) {
      const [a, e] = [actual[i], expected[i]];
      if (a.range[0] !== e.startIndex || a.range[1] !== e.endIndex || text.slice(...a.range) !== e.text) {
        assert.fail(`node ${i}: ${a.type} ${a.range} differs from tree-sitter ${e.type} ${e.startIndex},${e.endIndex}`);
      }
    }
  }
  const items = [...program.tokens, ...program.comments].sort((a, b) => a.range[0] - b.range[0]);
  for (let i = 1; i < items.length; i++) {
    assert.ok(items[i - 1].range[1] <= items[i].range[0], `token/comment overlap at ${items[i].range[0]}`);
  }
  for (let i = 1; i < program.tokens.length; i++)
    assert.ok(program.tokens[i - 1].range[0] < program.tokens[i].range[0]);
  for (const item of items) {
    assert.equal(
      item.value,
      item.type === "Block" ? text.slice(item.range[0] + 1, item.range[1]) : text.slice(...item.range),
    );
    if (locate) assert.deepEqual(item.loc.start, locate(item.range[0]));
  }
}

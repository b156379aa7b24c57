import type { PyNode } from "./generated/node-types.js";
import { visitorKeys } from "./generated/visitor-keys.js";

const KEYS = visitorKeys as unknown as Record<string, readonly string[]>;

/** The child nodes of `node` in source order (visitor keys are in grammar order; interleaved fields are sorted). */
export function childNodes(node: PyNode): PyNode[] {
  const out: PyNode[] = [];
  pushChildrenForPopping(node, out);
  return out.reverse();
}

/**
 * Pushes the child nodes of `node` onto `stack` so that popping yields them in source order (the last child is
 * pushed first), without allocating a list per node: traversals of the whole AST (2 M nodes for Neutron) call it
 * once per node. Returns how many were pushed.
 */
export function pushChildrenForPopping(node: PyNode, stack: PyNode[]): number {
  const keys = KEYS[node.type];
  if (!keys) return 0;
  const record = node as unknown as Record<string, PyNode | PyNode[] | null>;
  const base = stack.length;
  let sorted = true;
  let last = -1;
  for (const key of keys) {
    const value = record[key];
    if (!value) continue;
    if (Array.isArray(value)) {
      for (const child of value) {
        if (child.range[0] < last) sorted = false;
        last = child.range[0];
        stack.push(child);
      }
    } else {
      if (value.range[0] < last) sorted = false;
      last = value.range[0];
      stack.push(value);
    }
  }
  const count = stack.length - base;
  if (count < 2) return count;
  if (!sorted) {
    const children = stack.splice(base, count).sort((a, b) => a.range[0] - b.range[0]);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    return count;
  }
  for (let i = base, j = stack.length - 1; i < j; i++, j--) {
    const swap = stack[i];
    stack[i] = stack[j];
    stack[j] = swap;
  }
  return count;
}

/**
 * Every node of a tree in source order (preorder) with, for each, the index just past its subtree: the one walk of
 * a tree that ESLint's traversal (the language's steps) and the semantic model (scopes, calls) share, memoised per
 * root. `nodes.slice(i + 1, ends[i])` are the descendants of `nodes[i]`.
 */
export interface Preorder {
  readonly nodes: readonly PyNode[];
  readonly ends: Int32Array;
}

const preorders = new WeakMap<PyNode, Preorder>();
const sizeHints = new WeakMap<PyNode, number>();

/** The parser says how many nodes a tree it made has, so that `preorder` sizes its arrays once. */
export function hintTreeSize(root: PyNode, nodes: number): void {
  sizeHints.set(root, nodes);
}

export function preorder(root: PyNode): Preorder {
  const cached = preorders.get(root);
  if (cached) return cached;
  const hint = sizeHints.get(root) ?? 0;
  let nodes: PyNode[] = [];
  nodes.length = hint; // sized once; every slot is filled below
  let ends = new Int32Array(hint || 256);
  let count = 0;
  // A number on the stack is the index of a node whose subtree ends when it is popped.
  const stack: Array<PyNode | number> = [root];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item === "number") {
      ends[item] = count;
      continue;
    }
    const index = count++;
    if (index === ends.length) {
      // More nodes than hinted (a tree changed or built by hand): grow.
      const grown = new Int32Array(ends.length * 2);
      grown.set(ends);
      ends = grown;
    }
    nodes[index] = item;
    ends[index] = index + 1;
    stack.push(index);
    if (pushChildrenForPopping(item, stack as PyNode[]) === 0) stack.pop();
  }
  if (nodes.length !== count) nodes = nodes.slice(0, count);
  const walk = { nodes, ends: count === ends.length ? ends : ends.subarray(0, count) };
  preorders.set(root, walk);
  return walk;
}

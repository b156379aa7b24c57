import type { PyNode } from "./generated/node-types.js";
import { visitorKeys } from "./generated/visitor-keys.js";

const KEYS = visitorKeys as unknown as Record<string, readonly string[]>;

/** The child nodes of `node` in source order (visitor keys are in grammar order; interleaved fields are sorted). */
export function childNodes(node: PyNode): PyNode[] {
  const out: PyNode[] = [];
  const keys = KEYS[node.type];
  if (!keys) return out;
  const record = node as unknown as Record<string, PyNode | PyNode[] | null>;
  let sorted = true;
  for (const key of keys) {
    const value = record[key];
    if (!value) continue;
    if (Array.isArray(value)) {
      for (const child of value) {
        if (out.length && out[out.length - 1].range[0] > child.range[0]) sorted = false;
        out.push(child);
      }
    } else {
      if (out.length && out[out.length - 1].range[0] > value.range[0]) sorted = false;
      out.push(value);
    }
  }
  if (!sorted) out.sort((a, b) => a.range[0] - b.range[0]);
  return out;
}

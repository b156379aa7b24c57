import assert from "node:assert/strict";
import { childNodes } from "../../lib/ast/traverse.js";
import type { PyNode } from "../../lib/ast/generated/node-types.js";
import { PythonLanguage } from "../../lib/language/python-language.js";

/**
 * The language's `traverse()`: code-path calls first, then an entry and an exit step per node in source order
 * (the order a recursive walk over `childNodes` gives), then the closing calls. The steps are produced lazily into
 * one reused object, so each is read before the next is asked for, as ESLint does.
 */
const CODE = [
  "import os",
  "class A(B, metaclass=M):",
  "    @decorator(1)",
  "    def f(self, a, *args, b=2, **kw) -> int:",
  "        return [x for x in a if x] + f'{a!r:>{b}}'",
  "try:",
  "    pass",
  "except (E1, E2) as e:",
  "    raise",
  "",
].join("\n");

function expectedOrder(node: PyNode, out: string[] = []): string[] {
  out.push(`enter ${node.type}@${node.range[0]}`);
  for (const child of childNodes(node)) expectedOrder(child, out);
  out.push(`exit ${node.type}@${node.range[0]}`);
  return out;
}

describe("language traversal", () => {
  it("visits every node on entry and exit in source order, between the code-path calls", () => {
    const language = new PythonLanguage();
    const file = { body: CODE, path: "t.py", physicalPath: "t.py", bom: false } as never;
    const parsed = language.parse(file);
    assert.ok(parsed.ok);
    const sourceCode = language.createSourceCode(file, parsed as never);
    const seen: string[] = [];
    for (const step of sourceCode.traverse() as Iterable<any>) {
      if (step.kind === 1)
        seen.push(`${step.phase === 1 ? "enter" : "exit"} ${step.target.type}@${step.target.range[0]}`);
      else seen.push(`call ${step.target}`);
    }
    const calls = seen.filter((s) => s.startsWith("call "));
    assert.deepEqual(calls.slice(0, 2), ["call onCodePathStart", "call onCodePathSegmentStart"]);
    assert.equal(seen.indexOf("call onCodePathSegmentStart"), 1);
    assert.deepEqual(
      seen.filter((s) => !s.startsWith("call ")),
      expectedOrder(sourceCode.ast as unknown as PyNode),
    );
    assert.deepEqual(
      seen.slice(-3).map((s) => s.split(" ")[0]),
      ["call", "call", "call"],
    );
  });
});

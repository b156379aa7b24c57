import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Program, PyNode } from "../../lib/ast/generated/node-types.js";
import { childNodes } from "../../lib/ast/traverse.js";
import { scopeAt, scopeSpans, type ScopeSpan } from "../../lib/formatters/python-scopes.js";
import { parsePython } from "../../lib/parser/index.js";
import { repoRoot } from "../helpers.js";

/**
 * The audit formatter names the function/class around a finding from the text alone (lib/formatters may not load
 * the parser). Reference: the same spans read from the AST. Every line of every sample file must get the same name.
 */
function astSpans(program: Program): ScopeSpan[] {
  const spans: ScopeSpan[] = [];
  const stack: Array<{ node: PyNode; prefix: string }> = [{ node: program as unknown as PyNode, prefix: "" }];
  while (stack.length) {
    const { node, prefix } = stack.pop()!;
    let childPrefix = prefix;
    if (node.type === "PyFunctionDefinition" || node.type === "PyClassDefinition") {
      const name = `${prefix}${node.name.name}`;
      spans.push({
        name: node.type === "PyFunctionDefinition" ? `${name}()` : name,
        start: node.loc.start.line,
        end: node.loc.end.line,
      });
      childPrefix = `${name}.`;
    }
    for (const child of childNodes(node)) stack.push({ node: child, prefix: childPrefix });
  }
  return spans;
}

function pythonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...pythonFiles(path));
    else if (entry.endsWith(".py")) out.push(path);
  }
  return out;
}

const stdlib = execFileSync("python3", ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], {
  encoding: "utf8",
}).trim();
const SAMPLE = [
  ...pythonFiles(join(repoRoot, "examples")),
  ...[
    "subprocess.py",
    "argparse.py",
    "shutil.py",
    "tempfile.py",
    "logging/__init__.py",
    "asyncio/base_events.py",
    "email/_header_value_parser.py",
    "textwrap.py",
  ].map((f) => join(stdlib, f)),
];

describe("audit formatter: enclosing function/class from the text", () => {
  for (const file of SAMPLE) {
    it(file.replace(`${stdlib}/`, "stdlib/").replace(`${repoRoot}/`, ""), () => {
      const text = readFileSync(file, "utf8");
      const reference = astSpans(parsePython(text));
      const spans = scopeSpans(text);
      const lineCount = text.split(/\r\n|[\r\n\u2028\u2029]/u).length;
      const differences: string[] = [];
      for (let line = 1; line <= lineCount; line++) {
        const [expected, actual] = [scopeAt(reference, line), scopeAt(spans, line)];
        if (expected !== actual) differences.push(`line ${line}: ${actual} (parser: ${expected})`);
      }
      assert.deepEqual(differences.slice(0, 10), []);
    });
  }

  it("handles strings, brackets, continuations, tabs and decorators", () => {
    const text = [
      "@decorator(",
      "    arg)",
      "class A:",
      '    """Doc',
      "def not_a_def(): at column 0 inside a string",
      '    """',
      "\tdef tabbed(self, x=(1,",
      "2)):",
      "\t\treturn \\",
      "x",
      "",
      "    # a comment at the class's indent does not close it",
      "async def top(): pass",
      "",
    ].join("\n");
    const spans = scopeSpans(text);
    assert.deepEqual(
      spans.map((s) => `${s.name} ${s.start}-${s.end}`),
      ["A 3-12", "A.tabbed() 7-10", "top() 13-13"],
    );
  });
});

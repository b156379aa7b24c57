import assert from "node:assert/strict";
import { getPythonModel } from "../../lib/analysis/model.js";
import { sequenceElements, stringParts } from "../../lib/analysis/strings.js";
import type { PyNode } from "../../lib/ast/generated/node-types.js";
import { parsePython } from "../../lib/parser/index.js";
import { allNodes } from "../helpers.js";

/** The last call's first argument in `code`, with the model (the expression under test is written as `use(...)`). */
function argumentOfUse(code: string) {
  const program = parsePython(code);
  const model = getPythonModel(program, code);
  const use = allNodes(program)
    .filter((n) => n.type === "PyCall" && code.slice(n.range[0], n.range[0] + 4) === "use(")
    .at(-1) as { arguments: { children: PyNode[] } } & PyNode;
  return { model, code, use, arg: use.arguments.children[0] };
}

function partsOf(code: string, options = {}) {
  const { model, arg } = argumentOfUse(code);
  return stringParts(model, arg, options).map((p) =>
    p.kind === "literal"
      ? p.text
      : `<${code.slice(p.node.range[0], p.node.range[1])}${p.conversion ? `!${p.conversion}` : ""}>`,
  );
}

describe("stringParts", () => {
  const cases: Array<[string, string[]]> = [
    ["use('ip link ' + dev)", ["ip link ", "<dev>"]],
    [
      "use(f'ip {dev} up {n!r} {x:>3}')",
      ["ip ", "<dev>", " up ", "<n!r>", " ", "<x!spec>"].map((s) => s.replace("!spec", "")),
    ],
    ["use('a %s b %d c %%' % (x, y))", ["a ", "<x>", " b ", "<y!d>", " c ", "%"]],
    ["use('%(dev)s up' % {'dev': d})", ["<d>", " up"]],
    ["use('{} and {name} {0!r}'.format(a, name=b))", ["<a>", " and ", "<b>", " ", "<a!r>"]],
    ["use(' '.join(['ip', dev, 'up']))", ["ip", " ", "<dev>", " ", "up"]],
    ["use(' '.join(cmd))", ["<cmd>"]],
    ["N = 3\nuse(f'{N} items')", ["3 items"]],
    ["use(fmt % x)", ["<fmt % x>"]],
    ["use(f'{{literal}} {x}')", ["{literal} ", "<x>"]],
  ];
  for (const [code, expected] of cases) it(code.split("\n").at(-1)!, () => assert.deepEqual(partsOf(code), expected));

  it("follows a local built once when asked (expandLocals)", () => {
    const code = "def f(dev):\n    cmd = 'ip link del ' + dev\n    use(cmd)\n";
    assert.deepEqual(partsOf(code), ["<cmd>"]);
    assert.deepEqual(partsOf(code, { expandLocals: true }), ["ip link del ", "<dev>"]);
  });
});

describe("sequenceElements", () => {
  function elements(code: string) {
    const { model, arg, use } = argumentOfUse(code);
    const result = sequenceElements(model, arg, use);
    const text = (n: PyNode) => code.slice(n.range[0], n.range[1]);
    return {
      elements: result.elements.map(text),
      unknown: result.unknown.map(text),
      parameters: result.parameters.map(text),
      complete: result.complete,
    };
  }

  it("lists literal, concatenated, spread and copied elements", () => {
    assert.deepEqual(elements("use(['ip', *base, 'x'] + ['y'])"), {
      elements: ["'ip'", "'x'", "'y'"],
      unknown: ["base"],
      parameters: [],
      complete: false,
    });
    assert.deepEqual(elements("base = ['a']\nuse(list(base) + ['b'])"), {
      elements: ["'a'", "'b'"],
      unknown: [],
      parameters: [],
      complete: true,
    });
  });

  it("follows a local list through =, += and append/insert/extend made before the use", () => {
    const code = [
      "def f(dev, extra):",
      "    cmd = ['ip', 'link']",
      "    cmd += ['del']",
      "    cmd.append(dev)",
      "    cmd.insert(0, 'sudo')",
      "    cmd.extend(extra)",
      "    use(cmd)",
      "    cmd.append('late')",
      "",
    ].join("\n");
    assert.deepEqual(elements(code), {
      elements: ["'ip'", "'link'", "'del'", "dev", "'sudo'"],
      unknown: [],
      parameters: ["extra"],
      complete: false,
    });
  });

  it("sees a list extended in a loop (loop-carried) once, and marks parameters unknown", () => {
    const code =
      "def f(args, parts):\n    cmd = ['ls']\n    for p in parts:\n        use(cmd)\n        cmd = cmd + [p]\n";
    assert.deepEqual(elements(code), { elements: ["'ls'", "p"], unknown: [], parameters: [], complete: true });
    assert.deepEqual(elements("def f(args):\n    use(args)\n"), {
      elements: [],
      unknown: [],
      parameters: ["args"],
      complete: false,
    });
  });
});

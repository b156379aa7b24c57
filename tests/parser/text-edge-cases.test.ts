import assert from "node:assert/strict";
import { parsePython } from "../../lib/parser/index.js";
import { parseTree } from "../../lib/parser/tree-sitter.js";
import { checkInvariants } from "./invariants.js";

/** Offsets are UTF-16 string indices and lines break where ESLint breaks them. */
const cases: Array<[string, string]> = [
  ["non-ASCII identifiers and strings", "naïve = 'café'\nπ = 3.14\nprint(naïve, π)\n"],
  ["astral characters (emoji, surrogate pairs)", "s = '😀😀'\nt = s + '𝔘'  # 🎉 comment\nu = f'{s}😀{t!r}'\n"],
  ["CRLF line ends", "if x:\r\n    y = 1\r\nelse:\r\n    y = 2\r\n"],
  ["lone CR line ends", "x = 1\ry = 2\rprint(x)\r"],
  ["form feed and tabs", "x = 1\n\x0c\ndef f():\n\treturn x\n"],
  ["U+2028 inside a string (ESLint breaks the line there too)", "s = 'a\u2028b'\nt = 1\n"],
  ["a BOM left in the text", "\uFEFFx = 1\n"],
  ["line continuation", "x = 1 + \\\n    2\n"],
  ["no trailing newline", "x = 1"],
  ["empty file", ""],
  ["only comments", "# one\n# two\n"],
  ["triple-quoted multi-line string", 's = """a\nb\r\nc"""\nx = 1\n'],
];

describe("text edge cases", () => {
  for (const [name, text] of cases) {
    it(name, () => {
      const program = parsePython(text);
      checkInvariants(text, program, parseTree(text));
    });
  }

  it("ranges index the UTF-16 text: the emoji string spans its code units", () => {
    const text = "s = '😀'\n";
    const program = parsePython(text);
    const string = program.tokens.find((t) => t.value === "😀");
    assert.deepEqual(string?.range, [5, 7]);
    assert.deepEqual(program.body[0].loc.end, { line: 1, column: 8 });
  });

  it("a line inside brackets dedented below its block (tree-sitter-python scanner bug) still parses", () => {
    const text = 'def f():\n    (bar.  # why\nbaz)\n    x = [1,\n# note\n  2]\n    return """(\n"""\n';
    const program = parsePython(text);
    checkInvariants(text, program);
    assert.deepEqual(
      program.comments.map((c) => [c.value, c.loc.start.line]),
      [
        [" why", 2],
        [" note", 5],
      ],
    );
    const fn = program.body[0];
    assert.equal(fn.type, "PyFunctionDefinition");
    assert.equal(fn.type === "PyFunctionDefinition" && fn.body.children.length, 3);
  });

  it("lazy tokens (language mode) equal eager tokens, also after the bracket-joining retry", () => {
    for (const text of ["x = f(a, 'é😀')  # c\n", "def f():\n    (bar.\nbaz)\n"]) {
      const lazy = parsePython(text, { lazyTokens: true });
      assert.equal(Object.getOwnPropertyDescriptor(lazy, "tokens")?.get !== undefined, true, "not built before use");
      assert.deepEqual(lazy.tokens, parsePython(text).tokens);
      assert.ok(lazy.tokens.length > 3);
    }
  });

  it("CR alone starts a new line", () => {
    const program = parsePython("x = 1\ry = 2\r");
    assert.deepEqual(
      program.body.map((s) => s.loc.start.line),
      [1, 2],
    );
  });

  it("comments are Block comments holding the text after #", () => {
    const program = parsePython("x = 1  # eslint-disable-line foo\n#!not a shebang here\n");
    assert.deepEqual(
      program.comments.map((c) => [c.type, c.value]),
      [
        ["Block", " eslint-disable-line foo"],
        ["Block", "!not a shebang here"],
      ],
    );
  });

  it("a shebang rewritten to // by ESLint is restored before parsing", () => {
    const { parseForESLint } = require("../../lib/parser/index.js");
    const { ast } = parseForESLint("///usr/bin/env python3\nx = 1\n");
    assert.equal(ast.comments[0].value, "!/usr/bin/env python3");
    assert.equal(ast.body[0].type, "PyExpressionStatement");
  });
});

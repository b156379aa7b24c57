import assert from "node:assert/strict";
import { parsePython, PythonSyntaxError } from "../../lib/parser/index.js";

/** [description, code, line, 1-based column, message pattern] */
const cases: Array<[string, string, number, number, RegExp]> = [
  ["stray else", "x = 1\nelse:\n    pass\n", 2, 1, /^unexpected 'else'$/],
  ["unclosed parenthesis", "x = (1,\n     2\n", 1, 5, /^'\(' was never closed$/],
  ["unclosed bracket followed by more code", "x = [1, 2\ny = 3\n", 1, 5, /^'\[' was never closed$/],
  ["missing ) in a parameter list", "def f(:\n    pass\n", 1, 7, /^missing '\)'$/],
  ["missing colon after if", "if x\n    pass\n", 1, 5, /^expected ':'$/],
  ["missing colon after class", "class A\n    pass\n", 1, 8, /^expected ':'$/],
  ["double =", "x = = 1\n", 1, 5, /^unexpected '='$/],
  ["dangling operator", "x = 1 +\n", 1, 7, /^unexpected end of line after '\+'$/],
  ["unterminated string", "x = 'abc\n", 1, 5, /^unterminated string literal$/],
  ["illegal character", "x = 1\ny = $\n", 2, 5, /^unexpected character '\$'$/],
  ["missing indented block", "def f():\nreturn 1\n", 1, 9, /^expected an indented block$/],
  ["unexpected indent", "x = 1\n    y = 2\n", 2, 5, /^unexpected indent$/],
  ["try without except", "try:\n    pass\nx = 1\n", 1, 1, /^expected 'except' or 'finally' block$/],
  ["Python 2 print statement", "import sys\nprint 'hello'\n", 2, 1, /Python 2 print statement/],
  ["Python 2 exec statement", "exec 'x = 1'\n", 1, 1, /Python 2 exec statement/],
  ["Python 2 <> operator", "if a <> b:\n    pass\n", 1, 6, /'<>' is Python 2/],
  ["Python 2 backquotes", "x = `y`\n", 1, 5, /backquotes are Python 2/],
  ["Python 2 raise form", "raise ValueError, 'x'\n", 1, 7, /Python 2 'raise E, V' form/],
  ["Python 2 long literal", "x = 10L\n", 1, 5, /Python 2 long suffix/],
  ["octal without 0o", "x = 0777\n", 1, 5, /leading zeros/],
  ["delete a call", "del f()\n", 1, 5, /^cannot delete call$/],
  ["NUL byte", "x = 1\n\0\n", 2, 1, /NUL bytes/],
  ["unexpected indent inside a block", "def f():\n    x = 1\n        y = 2\n", 3, 9, /^unexpected indent$/],
  [
    "unindent to no outer level",
    "if a:\n    if b:\n        x = 1\n      y = 2\n",
    4,
    7,
    /^unindent does not match any outer indentation level$/,
  ],
  ["tabs and spaces mixed", "if True:\n\tx = 1\n        y = 2\n", 3, 9, /^inconsistent use of tabs and spaces/],
  ["tabs and spaces against the parent", "if a:\n        if b:\n\t x = 1\n", 3, 3, /^inconsistent use of tabs/],
  [
    "positional argument after a keyword argument",
    "f(a=1, 2)\n",
    1,
    8,
    /^positional argument follows keyword argument$/,
  ],
  ["positional argument after **", "f(**k, 2)\n", 1, 8, /^positional argument follows keyword argument unpacking$/],
  ["* after **", "f(**k, *a)\n", 1, 8, /^iterable argument unpacking follows keyword argument unpacking$/],
  ["parameter without a default after one with", "def f(a=1, b): pass\n", 1, 12, /^non-default argument follows/],
  ["lambda parameter without a default after one with", "g = lambda a=1, b: 0\n", 1, 17, /^non-default argument/],
  ["augmented assignment to a tuple", "a, b += 1\n", 1, 1, /^illegal expression for augmented assignment$/],
  ["a value on the next line without brackets", "x =\n1\n", 1, 4, /^invalid syntax \(a statement continues/],
  ["a class header across lines", "class A\n(B): pass\n", 1, 8, /^invalid syntax \(a statement continues/],
  ["a lone CR inside a statement", "from a\r.b import c\n", 1, 7, /^invalid syntax \(a statement continues/],
  ["a def indented under its decorator", "@dec\n    def f(): pass\n", 2, 5, /^unexpected indent$/],
  ["a block as deep as its header in tab-8", "def f():\n        def g():\n \tpass\n", 3, 3, /^inconsistent use/],
  ["a string prefix Python 3 lacks", "x = rr'a'\n", 1, 5, /^invalid syntax \(string prefix\)$/],
  ["an annotation on a chained assignment", "p = a.Q: P\n", 1, 10, /^invalid syntax \(only a single target/],
  ["a starred operand", "g = y - *i\n", 1, 9, /^invalid syntax \(a starred expression/],
  [
    "a trailing comma in an import",
    "import a,\n",
    1,
    9,
    /^trailing comma not allowed without surrounding parentheses$/,
  ],
  ["an error at the end of a CRLF line", "x = 1 +\r\ny = 2\r\n", 1, 7, /^unexpected end of line after '\+'$/],
  [
    "non-UTF-8 encoding declaration with non-ASCII text",
    "# -*- coding: latin-1 -*-\nx = 'é'\n",
    1,
    1,
    /declares encoding 'latin-1'/,
  ],
  [
    "encoding declaration on line 2",
    "#!/usr/bin/python\n# vim: set fileencoding=cp1252 :\nx = '€'\n",
    2,
    1,
    /declares encoding 'cp1252'/,
  ],
];

describe("syntax errors: one clean error with line, 1-based column and index", () => {
  for (const [name, code, line, column, message] of cases) {
    it(name, () => {
      let error: unknown;
      try {
        parsePython(code);
      } catch (caught) {
        error = caught;
      }
      assert.ok(error instanceof PythonSyntaxError, `expected a PythonSyntaxError, got ${String(error)}`);
      assert.match(error.message, message);
      assert.deepEqual([error.lineNumber, error.column], [line, column], error.message);
      const lineStart = code
        .split(/\r\n|[\r\n]/u)
        .slice(0, line - 1)
        .reduce((n, l) => n + l.length + 1, 0);
      assert.equal(error.index, lineStart + column - 1);
    });
  }

  it("accepts what only looks like the errors above", () => {
    for (const code of [
      "# -*- coding: latin-1 -*-\nx = 'ascii only'\n",
      "# -*- coding: utf-8 -*-\nx = 'é'\n",
      "x = 0\ny = 00\nz = 0o777\nw = 0x1F\n",
      "print('hello')\nexec('x = 1')\n",
      "x = 1; y = 2\n",
      "if True:\n    pass\n\nx = (1 +\n     2)\n",
      "del a, b.c, d[0], (e, f)\n",
      // Valid Python 3 (a tuple expression) that tree-sitter-python parses as a Python 2 print statement.
      "print >> sys.stderr, 'message'\n",
      // A form feed at the start of a line resets the indentation count.
      "\fdef f():\n    pass\n",
      "x = 1\n\fy = 2\n",
      "  \fx = 1\n",
      "def f():\n    x = 1\n\f    y = 2\n",
      "f(a=1, *b)\nf(*a, b, c=1, *d, **e)\nf(x for x in y)\n",
      "if True:\n\tx = 1\n\ty = 2\n",
      "if x:\n    y = (1,\n  2)\n    z = 1 + \\\n  3\n",
      "class A:\n    x = 1; y = 2\n    def f(self): pass\n",
      "def f(a, b=1, *args, c, d=2, **kw): pass\ndef g(a=1, /, b=2, *, c): pass\ndef h(a=1, *args: int, b): pass\n",
      "(a) += 1\na.b[0] += 1\n(a.b) -= 2\n",
      "class A:\n    @dec\n  # a comment less indented than the block\n    def f(self): pass\n",
      "x = (1,\r\n2)\r\nif x:  # c\n    pass\ny = 1 + \\\r\n    2\r\n",
      "def f(\n  a,\n):\n    pass\nif (lambda: 1)():\n    pass\n",
      'with open(p) as f, \\\n     open(q) as g:\n    pass\nd = {"a": 1,\n     "b": 2}\ns = """a\nb"""\n',
      "try:\n    pass\nexcept E:\n    pass\nelse:\n    pass\nfinally:\n    pass\n",
      "x = Rb'a' + bR'b' + Fr'{x}' + rf'c' + U'd'\n",
      "from b import (a,)\nimport a, b\nx: int = 1\nf(*a)\nl = [*a, *b]\nt = *a, b\ny = a[*b]\n",
      `x = ${"(".repeat(200)}1${")".repeat(200)}\ns = "${"(".repeat(300)}"  # ${"[".repeat(300)}\n`,
    ]) {
      assert.doesNotThrow(() => parsePython(code), code);
    }
  });
});

/** Median wall time of `runs` calls, in ms. */
function medianMs(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b)[runs >> 1];
}

describe("syntax errors: the message costs time linear in the file", () => {
  // Inputs whose size grows 8-fold: linear work takes about 8 times as long, quadratic about 64 times (the message
  // used to scan to the end of the line for every token: 30 times here). A ratio rather than a bound, so a slow
  // machine does not fail it; 16 leaves room for noise.
  const generators: Array<[string, (n: number) => string]> = [
    ["a one-line list with a stray ']'", (n) => `x = [${Array.from({ length: n }, (_, i) => i).join(", ")}]]\n`],
    ["deeply nested unclosed brackets", (n) => `x = ${"(".repeat(n)}1${"]".repeat(n)}\n`],
    ["a long line of operators", (n) => `x = ${"1 + ".repeat(n)}\n`],
  ];
  for (const [name, generate] of generators) {
    it(name, function () {
      this.timeout(60_000);
      const parseError = (code: string) => () => assert.throws(() => parsePython(code), PythonSyntaxError);
      const small = generate(4_000);
      const large = generate(32_000);
      parseError(small)(); // warm-up
      const ratio = medianMs(3, parseError(large)) / Math.max(medianMs(3, parseError(small)), 0.5);
      assert.ok(ratio < 16, `8 times the input took ${ratio.toFixed(1)} times as long`);
    });
  }
});

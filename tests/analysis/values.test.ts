import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { getPythonModel } from "../../lib/analysis/model.js";
import { pyRepr, staticValue, truthiness } from "../../lib/analysis/values.js";
import type { PyNode } from "../../lib/ast/generated/node-types.js";
import { parsePython } from "../../lib/parser/index.js";

/**
 * staticValue and truthiness against CPython itself: each expression is evaluated by python3 (one process for the
 * whole table) and compared through repr(), so no expectation is written by hand. Expressions marked unknown must
 * give null (the analysis must not guess).
 */
const PRELUDE = [
  "import stat",
  "import stat as st",
  "from stat import S_IWOTH",
  "BASE = 'ip'",
  "CMD = BASE + ' link'",
  "N = 3",
  "MODES = (0o644, 0o600)",
  "TABLE = {'a': 1, 'b': [1, 2]}",
];

const KNOWN = [
  "'a' 'b'",
  "'tab\\tand\\x41\\u00e9'",
  "r'\\d+'",
  "b'bytes\\x00'",
  "0x1F + 0o17 + 0b101 + 1_000",
  "10**30 + 1",
  "-7 // 2",
  "-7 % 3",
  "7 / 2",
  "1.5 * 2",
  "~5",
  "-(3)",
  "1 << 10",
  "0o777 & ~0o022",
  "stat.S_IWOTH | stat.S_IRUSR | st.S_IXGRP",
  "S_IWOTH ^ 3",
  "'%s-%d-%05d-%x-%#o-%-4s|' % ('a', 42, -7, 255, 8, 'b')",
  "'%(name)s is %(n)r' % {'name': 'x', 'n': 'y'}",
  "'%s' % 'single'",
  "'100%%'  % ()",
  "'%r' % (\"it's\",)",
  "'%.2s|%5s' % ('abcdef', 'xy')",
  "f'{BASE} link {N}'",
  "f'{CMD!r} {N + 1}'",
  "f'{{literal}} {BASE}'",
  "CMD",
  "'-' * 3",
  "[1, 'a'] * 2",
  "(1,) + (2, 3)",
  "[1, 2] + [3]",
  "{'k': (1, None)}",
  "{1, 2}",
  "str(N) + 'x'",
  "int('42')",
  "bool('')",
  "len(CMD)",
  "','.join(['a', 'b'])",
  "True + 1",
  "None",
  "1 if N > 2 else 0",
  "MODES",
  "TABLE",
];

const UNKNOWN = ["x", "f(1)", "BASE + x", "'%s' % (x,)", "'%f' % 1.5", "f'{N:>4}'", "'%s %s' % ('a',)", "[x, 1]"];

const TRUTH = [
  "''",
  "'a'",
  "0",
  "0.0",
  "[]",
  "(0,)",
  "not N",
  "N > 2 and CMD",
  "0 or ''",
  "CMD == 'ip link'",
  "'ip' in CMD",
  "None is None",
  "N != 3",
  "1 in MODES",
];

function parseAll(expressions: string[]) {
  const code = `${PRELUDE.join("\n")}\n${expressions.map((e, i) => `v${i} = ${e}`).join("\n")}\n`;
  const program = parsePython(code);
  const model = getPythonModel(program, code);
  const values = program.body.slice(PRELUDE.length).map((statement) => {
    const assignment = (statement as { expression?: { right?: PyNode } }).expression;
    return assignment!.right!;
  });
  return { model, values };
}

function python(expressions: string[], wrap: (e: string) => string): string[] {
  const script = [
    "import json, sys",
    ...PRELUDE,
    "exprs = json.loads(sys.stdin.read())",
    "print(json.dumps([repr(eval(e)) for e in exprs]))",
  ].join("\n");
  return JSON.parse(
    execFileSync("python3", ["-c", script], { input: JSON.stringify(expressions.map(wrap)), encoding: "utf8" }),
  );
}

describe("static values, checked against CPython", () => {
  it("staticValue gives the value python3 computes, as repr", () => {
    const { model, values } = parseAll(KNOWN);
    const expected = python(KNOWN, (e) => e);
    const actual = values.map((node) => {
      const value = staticValue(model, node);
      return value ? pyRepr(value) : null;
    });
    // Sets print in hash order in Python; compare them as sorted text where needed.
    KNOWN.forEach((expression, i) => assert.equal(actual[i], expected[i], expression));
  });

  it("staticValue is null for what is not known before running", () => {
    const { model, values } = parseAll(UNKNOWN);
    UNKNOWN.forEach((expression, i) => assert.equal(staticValue(model, values[i]), null, expression));
  });

  it("truthiness follows Python's truth rules", () => {
    const { model, values } = parseAll(TRUTH);
    const expected = python(TRUTH, (e) => `bool(${e})`);
    TRUTH.forEach((expression, i) =>
      assert.equal(String(truthiness(model, values[i])), expected[i].toLowerCase(), expression),
    );
  });

  it("truthiness is null when unknown, and never throws on odd input", () => {
    const { model, values } = parseAll(["x", "x and 0", "x or 1", "'a' < 1", "1 // 0", "'%d' % 'a'", "2 ** -1"]);
    assert.deepEqual(
      values.map((v) => truthiness(model, v)),
      [null, false, true, null, null, null, null],
    );
  });
});

import assert from "node:assert/strict";
import { getPythonModel } from "../../lib/analysis/model.js";
import { builtSqlQuery } from "../../lib/analysis/sql.js";
import type { PyNode } from "../../lib/ast/generated/node-types.js";
import { parsePython } from "../../lib/parser/index.js";
import { allNodes } from "../helpers.js";

/**
 * `builtSqlQuery` (lib/analysis/sql.ts), the query reading behind `no-sql-injection`: which strings read as SQL
 * statements built at run time, and which inserted values still need the taint engine's verdict.
 */
function inserted(code: string, options: { fragment?: boolean } = {}): string[] | null {
  const program = parsePython(code);
  const model = getPythonModel(program, code);
  const use = allNodes(program)
    .filter((n) => n.type === "PyCall" && code.slice(n.range[0], n.range[0] + 4) === "use(")
    .at(-1) as { arguments: { children: PyNode[] } } & PyNode;
  const query = builtSqlQuery(model, use.arguments.children[0], use, options);
  return query ? query.inserted.map((node) => code.slice(node.range[0], node.range[1])) : null;
}

describe("builtSqlQuery (no-sql-injection)", () => {
  const cases: Array<[string, string[] | null]> = [
    // Statements built from values: the values that need a verdict.
    ["def f(t):\n    use('SELECT * FROM %s' % t)\n", ["t"]],
    ["def f(t, c):\n    use(f'UPDATE {t} SET {c} = 1')\n", ["t", "c"]],
    ["def f(x):\n    use('  delete from users where id = ' + x)\n", ["x"]],
    ["def f(x):\n    use('insert into t (a) values (%s)' % x)\n", ["x"]],
    ["def f(t):\n    use('CREATE TABLE {} (id int)'.format(t))\n", ["t"]],
    // A query built in a variable, `+=` pieces included.
    ["def f(c):\n    q = 'SELECT * FROM t WHERE '\n    q += c + ' = 1'\n    use(q)\n", ["c"]],
    // Numbers, constants and placeholder lists insert nothing SQL would parse.
    ["def f(n, ids):\n    use('SELECT * FROM t LIMIT %d' % n)\n", []],
    ["def f(ids):\n    use('SELECT * FROM t WHERE id IN (%s)' % ', '.join(['%s'] * len(ids)))\n", []],
    ["def f(ids):\n    use('SELECT * FROM t WHERE id IN (%s)' % ','.join('?' for _ in ids))\n", []],
    ["def f(x):\n    use('SELECT * FROM t LIMIT %s' % int(x))\n", []],
    ["T = 'users'\ndef f():\n    use('SELECT * FROM %s' % T)\n", null],
    ["def f():\n    for t in ('a', 'b'):\n        use('SELECT * FROM %s' % t)\n", []],
    // `max` returns one of its arguments: a string among strings is still a string.
    ["def f(a, b):\n    use('SELECT * FROM %s' % max(a, b))\n", ["max(a, b)"]],
    // Not a statement: plain text, a parameterised query, a constant query.
    ["def f(x):\n    use('echo %s' % x)\n", null],
    ["def f(x):\n    use('selection of %s' % x)\n", null],
    ["def f():\n    use('SELECT 1')\n", null],
  ];
  for (const [code, expected] of cases)
    it(code.split("\n").slice(1).join(" ").trim(), () => assert.deepEqual(inserted(code), expected));

  it("a fragment (Django's extra(where=[...])) is SQL by where it goes", () => {
    const code = "def f(x):\n    use(\"name = '%s'\" % x)\n";
    assert.equal(inserted(code), null);
    assert.deepEqual(inserted(code, { fragment: true }), ["x"]);
  });
});

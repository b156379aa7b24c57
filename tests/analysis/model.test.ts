import { staticString } from "../../lib/analysis/values.js";
import assert from "node:assert/strict";
import type { PyCall, PyNode } from "../../lib/ast/generated/node-types.js";
import { alwaysExits, dominatingStatements, getPythonModel } from "../../lib/analysis/index.js";
import { blockStatements } from "../../lib/ast/accessors.js";
import { parsePython } from "../../lib/parser/index.js";
import { allNodes } from "../helpers.js";

function model(code: string) {
  const program = parsePython(code);
  const m = getPythonModel(program, code);
  const calls = allNodes(program).filter((n): n is PyCall => n.type === "PyCall");
  return { m, program, calls, nodes: allNodes(program) };
}

describe("semantic model", () => {
  it("resolves qualified names through imports and aliases, module-level and local", () => {
    const { m, calls } = model(
      [
        "import subprocess as sp",
        "import os.path",
        "from os import system",
        "from oslo_concurrency import processutils as pu",
        "from neutron.agent.linux import utils as agent_utils",
        "run = sp.run",
        "def f():",
        "    import shlex as q",
        "    sp.check_output(x)",
        "    system(y)",
        "    os.path.join(a)",
        "    pu.execute(c)",
        "    agent_utils.execute(d)",
        "    q.quote(e)",
        "    run(z)",
        "    open(p)",
        "",
      ].join("\n"),
    );
    assert.deepEqual(
      calls.map((c) => m.calleeName(c)),
      [
        "subprocess.check_output",
        "os.system",
        "os.path.join",
        "oslo_concurrency.processutils.execute",
        "neutron.agent.linux.utils.execute",
        "shlex.quote",
        "subprocess.run",
        "open",
      ],
    );
  });

  it("finds scopes, parameters and the bindings that reach a use", () => {
    const { m, nodes } = model("x = 1\ndef f(a, b=2, *args, c, **kw):\n    y = a\n    y = y + 1\n    return y\n");
    const ret = nodes.find((n) => n.type === "PyReturnStatement")!;
    const scope = m.scopeOf(ret);
    assert.equal(scope.kind, "function");
    assert.deepEqual(scope.parameters.sort(), ["a", "args", "b", "c", "kw"]);
    // `y = y + 1` replaces `y = a` on every path: only the last assignment reaches the return.
    assert.equal(m.reachingBindings("y", ret).length, 1);
    assert.equal(m.reachingBindings("y", ret)[0].value?.type, "PyBinaryOperator");
    assert.equal(m.reachingBindings("x", ret)[0].scope.kind, "module");
  });

  it("evaluates constants through module-level names, f-strings of constants included", () => {
    const { m, nodes } = model("BASE = 'ip'\nCMD = BASE + ' link'\nx = CMD\ny = f'{CMD}'\n");
    const [, , x, y] = nodes.filter((n) => n.type === "PyAssignment") as Array<{ right: PyNode }>;
    assert.equal(staticString(m, x.right), "ip link");
    assert.equal(staticString(m, y.right), "ip link");
  });

  it("recognises loggers", () => {
    const { m, calls } = model(
      "import logging\nfrom oslo_log import log\nLOG = log.getLogger(__name__)\nmine = logging.getLogger()\nLOG.debug(1)\nmine.info(2)\nlogging.warning(3)\nself.logger.error(4)\nother.info(5)\n",
    );
    assert.deepEqual(
      calls.slice(2).map((c) => m.isLogger((c.function as { object: PyNode }).object)),
      [true, true, true, true, false],
    );
  });

  it("knows which statements dominate a node and how a block exits", () => {
    const { nodes, m } = model(
      "def f(x):\n    if x not in ('a', 'b'):\n        raise ValueError(x)\n    for i in y:\n        run(x)\n",
    );
    const call = nodes.find(
      (n) =>
        n.type === "PyCall" &&
        (n as PyCall).function.type === "PyIdentifier" &&
        ((n as PyCall).function as { name: string }).name === "run",
    )!;
    const dominating = dominatingStatements(call);
    assert.deepEqual(
      dominating.map((s) => s.type),
      ["PyIfStatement"],
    );
    const ifStatement = dominating[0] as { consequence: PyNode };
    assert.deepEqual([...(alwaysExits(blockStatements(ifStatement.consequence), m.exitRules) ?? [])], ["raise"]);
  });
});

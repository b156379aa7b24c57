import assert from "node:assert/strict";
import type { PyCall } from "../../lib/ast/generated/node-types.js";
import { CalleeMatcher, catalog, patternError } from "../../lib/analysis/catalog/index.js";
import { getPythonModel } from "../../lib/analysis/model.js";
import { parsePython } from "../../lib/parser/index.js";
import { allNodes } from "../helpers.js";

function calleesOf(code: string): Array<string | null> {
  const program = parsePython(code);
  const model = getPythonModel(program, code);
  return allNodes(program)
    .filter((n): n is PyCall => n.type === "PyCall")
    .map((call) => model.calleeName(call));
}

describe("callee grammar and matcher", () => {
  const matcher = CalleeMatcher.of(["subprocess.run", "os.path.*", "*.netns.execute"]);

  it("matches exact names, modules and suffixes", () => {
    const cases: Array<[string, string[]]> = [
      ["subprocess.run", ["subprocess.run"]],
      ["subprocess.runner", []],
      ["os.path.join", ["os.path.*"]],
      ["os.path", []],
      ["os.pathlib.x", []],
      ["netns.execute", ["*.netns.execute"]],
      ["ip_lib.IPWrapper().netns.execute", ["*.netns.execute"]],
      ["mynetns.execute", []],
    ];
    for (const [name, expected] of cases) assert.deepEqual(matcher.match(name), expected, name);
  });

  it("rejects what is not a pattern, with a reason", () => {
    assert.match(patternError("*.a.*")!, /not both/u);
    assert.match(patternError("a..b")!, /not a callee pattern/u);
    assert.equal(patternError("requests.Session().get"), null);
    assert.throws(() => CalleeMatcher.of(["a b"]), TypeError);
  });

  it("costs the same whatever the number of patterns (memoised per name)", () => {
    const big = CalleeMatcher.of(Array.from({ length: 500 }, (_, i) => `mod${i}.f`));
    assert.deepEqual(big.match("mod499.f"), ["mod499.f"]);
    assert.equal(big.match("mod499.f"), big.match("mod499.f"), "the second lookup returns the cached list");
  });

  it("knows the catalog's command sinks through the one matcher", () => {
    assert.equal(catalog.commandSinks.first("subprocess.Popen")?.kind, "argv");
    assert.equal(catalog.commandSinks.first("os.system")?.kind, "shell");
    assert.equal(catalog.commandSinks.first("neutron.agent.linux.utils.execute")?.kind, "argv");
  });
});

describe("resolved callee names", () => {
  it("follow imports, aliases and module aliases", () => {
    assert.deepEqual(
      calleesOf("import subprocess as sp\nfrom os import system as s\nsp.run(x)\ns(x)\nimport sys as y\ny.exit(1)\n"),
      ["subprocess.run", "os.system", "sys.exit"],
    );
  });

  it("name a receiver after the call that built it", () => {
    const code = [
      "import requests, tarfile, paramiko",
      "s = requests.Session()",
      "s.get(u)",
      "with tarfile.open(p) as t:",
      "    t.extractall()",
      "class C:",
      "    def __init__(self):",
      "        self.client = paramiko.SSHClient()",
      "    def run(self, cmd):",
      "        self.client.exec_command(cmd)",
      "",
    ].join("\n");
    const names = calleesOf(code);
    assert.ok(names.includes("requests.Session().get"), String(names));
    assert.ok(names.includes("tarfile.open().extractall"), String(names));
    assert.ok(names.includes("paramiko.SSHClient().exec_command"), String(names));
  });

  it("do not guess when a name or attribute holds results of different calls", () => {
    const code = [
      "import requests, httpx",
      "def f(a):",
      "    s = requests.Session() if a else None",
      "    if a:",
      "        c = requests.Session()",
      "    else:",
      "        c = httpx.Client()",
      "    c.get(u)",
      "",
    ].join("\n");
    assert.ok(calleesOf(code).includes("c.get"));
  });

  it("see loop-carried bindings", () => {
    const code =
      "import requests\ndef f(items):\n    c = None\n    for i in items:\n        c.get(i)\n        c = requests.Session()\n";
    // Two reaching bindings (None and the session): the name is not guessed.
    assert.ok(calleesOf(code).includes("c.get"));
  });
});

describe("call index", () => {
  it("lists the calls of a file by resolved callee, and callsTo matches each name once", () => {
    const code = "import subprocess as sp\nsp.run(a)\nsp.run(b)\nprint(sp.run)\nos.system(c)\n";
    const program = parsePython(code);
    const model = getPythonModel(program, code);
    assert.equal(model.callIndex.get("subprocess.run")?.length, 2);
    const found = model.callsTo(catalog.commandSinks);
    assert.deepEqual(
      found.map((f) => [f.name, f.call.loc.start.line]),
      [
        ["subprocess.run", 2],
        ["subprocess.run", 3],
        ["os.system", 5],
      ],
    );
    assert.equal(model.callsTo(catalog.commandSinks), found, "memoised per matcher");
  });
});

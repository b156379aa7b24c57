import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/**
 * The project's own code checks, each as `npm run <script>` (so the test and a developer run the same command):
 * the layer order of lib/ (scripts/check-layers.mjs), oxlint, unused files/exports/dependencies (knip) and the
 * formatting (Prettier). Then the layer check itself, on small trees written for it.
 */
const root = join(__dirname, "..", "..");

function run(command: string, args: string[], cwd = root) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim(), error: result.error };
}

/** `npm run --silent <script> [-- extra]`, with npm as the running npm when there is one (npm test), else from the PATH. */
function npmRun(script: string, ...extra: string[]) {
  const npm = process.env.npm_execpath;
  const args = ["run", "--silent", script, ...(extra.length ? ["--", ...extra] : [])];
  const result = npm?.endsWith(".js")
    ? run(process.execPath, [npm, ...args])
    : run(process.platform === "win32" ? "npm.cmd" : "npm", args);
  assert.ifError(result.error);
  return result;
}

describe("tooling: the project's own code", function () {
  this.timeout(60_000);

  it("keeps the layer order of lib/ and has no import cycle in a layer (npm run lint:layers)", () => {
    const { status, output } = npmRun("lint:layers");
    assert.equal(status, 0, `scripts/check-layers.mjs:\n${output}`);
  });

  it("passes oxlint (npm run lint:ts)", () => {
    const { status, output } = npmRun("lint:ts", "--format=unix"); // one line per finding
    assert.equal(status, 0, `oxlint:\n${output}`);
  });

  it("has no unused file, export or dependency (npm run lint:dead)", () => {
    const { status, output } = npmRun("lint:dead");
    assert.equal(status, 0, `knip:\n${output}`);
  });

  it("is formatted (npm run format:check; `npm run format` fixes it)", () => {
    const { status, output } = npmRun("format:check");
    assert.equal(status, 0, `prettier --check:\n${output}`);
  });
});

describe("tooling: scripts/check-layers.mjs", () => {
  let dir: string;
  const script = join(root, "scripts", "check-layers.mjs");

  /** Writes a tree (index.ts and lib/) and runs the check on it. */
  function check(files: Record<string, string>) {
    rmSync(join(dir, "lib"), { recursive: true, force: true });
    for (const [path, text] of Object.entries({ "index.ts": 'export * from "./lib/plugin.js";\n', ...files })) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return run(process.execPath, [script, "--root", dir]);
  }

  const clean = {
    "lib/package-meta.ts": "export const packageMeta = { name: 'x' };\n",
    "lib/ast/base.ts": "export type Node = { type: string };\n",
    "lib/ast/traverse.ts": 'import type { Node } from "./base.js";\nexport const children = (n: Node) => [n];\n',
    "lib/parser/index.ts": 'import { children } from "../ast/traverse.js";\nexport const parse = () => children;\n',
    "lib/language/index.ts": 'import { parse } from "../parser/index.js";\nexport const language = { parse };\n',
    "lib/analysis/index.ts": 'import type { Node } from "../ast/base.js";\nexport const model = (n: Node) => n;\n',
    "lib/rule-kit/index.ts": 'export { model } from "../analysis/index.js";\nexport * from "../ast/traverse.js";\n',
    "lib/rules/index.ts":
      'import { model } from "../rule-kit/index.js";\nimport "../language/index.js";\nexport const rules = { model };\n',
    "lib/configs/index.ts": 'import { packageMeta } from "../package-meta.js";\nexport const configs = packageMeta;\n',
    "lib/plugin.ts":
      'import { rules } from "./rules/index.js";\nimport { configs } from "./configs/index.js";\nexport const plugin = { rules, configs };\n',
    "lib/formatters/audit.ts": 'import { packageMeta } from "../package-meta.js";\nexport default packageMeta;\n',
    "lib/cli/main.ts":
      'const meta = require("../package-meta.js");\nconst format = require("../formatters/audit.js");\nexport { meta, format };\n',
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "check-layers-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("passes a tree whose imports all go down the order (formatters and CLI: package meta, formatters)", () => {
    const { status, output } = check(clean);
    assert.equal(status, 0, output);
  });

  it("fails on an import up the order, one line per edge with file and line", () => {
    const { status, output } = check({
      ...clean,
      "lib/parser/index.ts":
        '// a comment\nimport { model } from "../analysis/index.js";\nexport const parse = () => model;\n',
      "lib/ast/traverse.ts": 'export const children = () => require("../rules/index.js");\n',
    });
    assert.equal(status, 1, output);
    assert.deepEqual(output.split("\n").slice(0, -1), [
      "lib/ast/traverse.ts:1 imports lib/rules/index.ts (layer ast may not import layer rules)",
      "lib/parser/index.ts:2 imports lib/analysis/index.ts (layer parser may not import layer analysis)",
    ]);
  });

  it("counts type-only imports (`import type`, `typeof import()`) and re-exports", () => {
    const { status, output } = check({
      ...clean,
      "lib/ast/base.ts":
        'import type { Model } from "../analysis/model.js";\nexport type Node = { type: string; m?: Model };\n',
      "lib/analysis/model.ts": "export type Model = {};\n",
      "lib/language/index.ts":
        'let p: typeof import("../rule-kit/index.js") | undefined;\nexport { rules } from "../rules/index.js";\nexport { p };\n',
    });
    assert.equal(status, 1, output);
    assert.match(
      output,
      /^lib\/ast\/base\.ts:1 imports lib\/analysis\/model\.ts \(layer ast may not import layer analysis\)$/mu,
    );
    assert.match(
      output,
      /^lib\/language\/index\.ts:1 imports lib\/rule-kit\/index\.ts \(layer language may not import layer rule-kit\)$/mu,
    );
    assert.match(
      output,
      /^lib\/language\/index\.ts:2 imports lib\/rules\/index\.ts \(layer language may not import layer rules\)$/mu,
    );
  });

  it("keeps formatters off the parser and the AST, the CLI off everything but the plugin; package meta imports nothing", () => {
    const { status, output } = check({
      ...clean,
      "lib/formatters/audit.ts": 'import { parse } from "../parser/index.js";\nexport default parse;\n',
      "lib/cli/main.ts":
        'const plugin = require("../../index.js");\nconst { parse } = require("../parser/index.js");\nexport { plugin, parse };\n',
      "lib/package-meta.ts":
        'import type { Node } from "./ast/base.js";\nexport const packageMeta: Node = { type: "x" };\n',
    });
    assert.equal(status, 1, output);
    assert.deepEqual(output.split("\n").slice(0, -1), [
      "lib/cli/main.ts:2 imports lib/parser/index.ts (layer cli may not import layer parser)",
      "lib/formatters/audit.ts:1 imports lib/parser/index.ts (layer formatters may not import layer parser)",
      "lib/package-meta.ts:1 imports lib/ast/base.ts (layer package-meta may not import layer ast)",
    ]);
  });

  it("fails on a value import cycle inside one layer, not on a type-only one", () => {
    const cycle = check({
      ...clean,
      "lib/ast/base.ts":
        'import { children } from "./traverse.js";\nexport type Node = { type: string };\nexport const c = children;\n',
      "lib/ast/traverse.ts": 'import { c } from "./base.js";\nexport const children = () => c;\n',
    });
    assert.equal(cycle.status, 1, cycle.output);
    assert.match(
      cycle.output,
      /^import cycle: lib\/ast\/base\.ts:1 -> lib\/ast\/traverse\.ts:1 -> lib\/ast\/base\.ts$/mu,
    );

    const typesOnly = check({
      ...clean,
      "lib/ast/base.ts":
        'import type { children } from "./traverse.js";\nexport type Node = { type: string; c?: typeof children };\n',
    });
    assert.equal(typesOnly.status, 0, typesOnly.output);
  });

  it("ignores imports in comments, strings and templates; fails on a file in no layer or an unresolved import", () => {
    const quiet = check({
      ...clean,
      "lib/ast/traverse.ts":
        '/* import "../rules/index.js" */\nconst s = "import x from \'../rules/index.js\'";\nconst t = `require("../rules/index.js")`;\nconst r = /["`]/u;\nexport const children = () => [s, t, r];\n',
    });
    assert.equal(quiet.status, 0, quiet.output);

    const { status, output } = check({
      ...clean,
      "lib/extra/x.ts": "export const x = 1;\n",
      "lib/rules/index.ts": 'import { missing } from "./missing.js";\nexport const rules = { missing };\n',
    });
    assert.equal(status, 1, output);
    assert.match(output, /^lib\/extra\/x\.ts:1 is in no layer/mu);
    assert.match(output, /^lib\/rules\/index\.ts:1 imports \.\/missing\.js, which resolves to no file$/mu);
  });
});

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type * as ESLintModule from "eslint";
import type { Program, PyNode } from "../lib/ast/generated/node-types.js";
import { childNodes } from "../lib/ast/traverse.js";

/** The repository root (tests run from dist/tests). */
export const repoRoot = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, "package.json")) || dir.endsWith("dist")) dir = dirname(dir);
  return dir;
})();

export const fixturesDir = join(repoRoot, "tests", "fixtures");

/** The plugin as users get it (the built package entry). */
export function loadPlugin() {
  return require(join(repoRoot, "dist", "index.js"));
}

/** ESLint 10 (`eslint`) and ESLint 9 (`eslint9`, an npm alias), so every integration test runs on both. */
export const eslintVersions: Array<{ label: string; module: typeof ESLintModule }> = [
  { label: "ESLint 10", module: require("eslint") },
  { label: "ESLint 9", module: require("eslint9") },
];

/** Every node of a tree in source order, iteratively. */
export function allNodes(program: Program): PyNode[] {
  const out: PyNode[] = [];
  const stack: PyNode[] = [program];
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    const children = childNodes(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

/**
 * A tiny plugin for tests: `probe/calls` reports every call with its dotted callee name, `probe/visits` reports
 * on `Program:exit` how many nodes the traversal entered (so tests can see the traversal, not just the parse).
 */
export function probePlugin() {
  const { dottedName } = require(join(repoRoot, "dist", "lib", "rule-kit", "index.js"));
  return {
    rules: {
      calls: {
        meta: { type: "problem", messages: { call: "call to {{name}}" }, schema: [] },
        create(context: any) {
          return {
            PyCall(node: any) {
              context.report({ node, messageId: "call", data: { name: dottedName(node) ?? "?" } });
            },
          };
        },
      },
      visits: {
        meta: { type: "problem", messages: { count: "{{count}} nodes" }, schema: [] },
        create(context: any) {
          let count = 0;
          return {
            "*"() {
              count++;
            },
            "Program:exit"(node: any) {
              context.report({ node, messageId: "count", data: { count: String(count) } });
            },
          };
        },
      },
    },
  };
}

/** Flat config for language mode or parser mode, with the probe plugin's rules at `error`. */
export function modeConfig(mode: "language" | "parser", rules: Record<string, unknown> = { "probe/calls": "error" }) {
  const plugin = loadPlugin();
  const base = { files: ["**/*.py", "**/*.pyi"], plugins: { "python-audit": plugin, probe: probePlugin() }, rules };
  return mode === "language"
    ? { ...base, language: "python-audit/python" }
    : { ...base, languageOptions: { parser: plugin.parser } };
}

export const modes = ["language", "parser"] as const;

/** Lints `code` as `file.py` with ESLint class of `eslint`, in `mode`. */
export async function lintText(
  eslint: typeof ESLintModule,
  mode: "language" | "parser",
  code: string,
  options: { rules?: Record<string, unknown>; filePath?: string; eslintOptions?: Record<string, unknown> } = {},
) {
  const instance = new eslint.ESLint({
    cwd: repoRoot,
    overrideConfigFile: true,
    overrideConfig: [modeConfig(mode, options.rules)] as any,
    ...options.eslintOptions,
  });
  const [result] = await instance.lintText(code, { filePath: join(repoRoot, options.filePath ?? "file.py") });
  return result;
}

/** The CPython standard library of this machine's python3, or null without python3. */
export function findStdlib(): string | null {
  const found = spawnSync("python3", ["-c", "import sysconfig;print(sysconfig.get_paths()['stdlib'])"], {
    encoding: "utf8",
  });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** Every .py file under `dir` (site-packages and __pycache__ skipped). */
export function pythonFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (entry === "site-packages" || entry === "__pycache__") continue;
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) pythonFiles(path, out);
    else if (entry.endsWith(".py")) out.push(path);
  }
  return out;
}

/**
 * JSON.stringify of an AST with `parent` left out and each node's `loc` written right after `range` (nodes
 * compute `loc` on first read, so it is not an own property until then).
 */
export function stringifyAst(
  program: unknown,
  replace: (key: string, value: unknown) => unknown = (_key, value) => value,
  indent?: number,
): string {
  return JSON.stringify(
    program,
    function (this: unknown, key, value) {
      if (key === "parent") return undefined;
      if (
        value &&
        typeof value === "object" &&
        !Array.isArray(value) &&
        "range" in value &&
        "type" in value &&
        key !== "tokens"
      ) {
        const withLoc: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
          if (k === "loc") continue;
          withLoc[k] = v;
          if (k === "range") withLoc.loc = (value as { loc: unknown }).loc;
        }
        return replace(key, withLoc);
      }
      return replace(key, value);
    },
    indent,
  );
}

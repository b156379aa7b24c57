#!/usr/bin/env node
// Install step: builds the optional native walker (lib/native) with node-gyp. It never fails the install: without
// a compiler the plugin uses the tree-sitter binding's cursor (same AST, slower conversion) and says nothing.
// `PYTHON_AUDIT_NATIVE=0` skips the build (and, at run time, the walker).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

function nodeGyp() {
  const candidates = [process.env.npm_config_node_gyp];
  try {
    candidates.push(require.resolve("node-gyp/bin/node-gyp.js"));
  } catch {}
  if (process.env.npm_execpath)
    candidates.push(join(dirname(process.env.npm_execpath), "..", "node_modules", "node-gyp", "bin", "node-gyp.js"));
  candidates.push(
    join(
      dirname(process.execPath),
      "..",
      "lib",
      "node_modules",
      "npm",
      "node_modules",
      "node-gyp",
      "bin",
      "node-gyp.js",
    ),
  );
  return candidates.find((path) => path && existsSync(path));
}

if (process.env.PYTHON_AUDIT_NATIVE === "0") process.exit(0);
const gyp = nodeGyp();
if (!gyp) {
  console.warn(
    "eslint-plugin-python-audit: node-gyp not found; the native walker is not built (the plugin works without it, slower).",
  );
  process.exit(0);
}
const env = { ...process.env };
// Debian's nodejs package ships Node's headers in /usr/include/node: use them instead of downloading.
if (!env.npm_config_nodedir && existsSync("/usr/include/node/node.h")) env.npm_config_nodedir = "/usr";
const started = Date.now();
const build = spawnSync(process.execPath, [gyp, "rebuild", "-C", join(root, "lib", "native")], {
  env,
  encoding: "utf8",
});
if (build.status !== 0) {
  const tail = `${build.stdout ?? ""}${build.stderr ?? ""}`.trim().split("\n").slice(-8).join("\n");
  console.warn(
    `eslint-plugin-python-audit: the native walker could not be built; the plugin works without it, slower.\n${tail}`,
  );
  process.exit(0);
}
console.log(`eslint-plugin-python-audit: native walker built (${((Date.now() - started) / 1000).toFixed(1)} s).`);

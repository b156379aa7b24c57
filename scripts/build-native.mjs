#!/usr/bin/env node
// Install step: builds the optional native walker (lib/native) with node-gyp. It never fails the install: without
// a compiler the plugin uses the tree-sitter binding's cursor (same AST, slower conversion) and says nothing.
// `PYTHON_AUDIT_NATIVE=0` skips the build (and, at run time, the walker).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
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
const nativeDir = join(root, "lib", "native");

/** `node-gyp rebuild` with extra compiler and linker flags; the failure's last lines, or null when it built. */
function rebuild(pgoFlags = "") {
  const build = spawnSync(process.execPath, [gyp, "rebuild", "-C", nativeDir], {
    env: { ...env, PYTHON_AUDIT_PGO_FLAGS: pgoFlags },
    encoding: "utf8",
  });
  if (build.status === 0) return null;
  return `${build.stdout ?? ""}${build.stderr ?? ""}`.trim().split("\n").slice(-8).join("\n");
}

/**
 * GCC's profile-guided optimisation: build with instrumentation, parse a sample of CPython's standard library
 * (python3 is there wherever node-gyp can build), rebuild with the recorded profile. tree-sitter's parse loop is
 * branchy table-driven code, and the profile makes it about a fifth faster on Neutron (docs/performance.md). Any failure
 * (clang, an old GCC, no standard library) falls back to the plain build; false then.
 */
function profileGuidedBuild() {
  const compiler = spawnSync(env.CC || "cc", ["--version"], { encoding: "utf8" });
  if (compiler.status !== 0 || !/Free Software Foundation/u.test(compiler.stdout) || /clang/iu.test(compiler.stdout))
    return false;
  const corpus = trainingCorpus();
  if (!corpus.length) return false;
  const profileDir = mkdtempSync(join(tmpdir(), "python-audit-pgo-"));
  // The flags travel through gyp split on whitespace.
  if (/\s/u.test(profileDir)) return (rmSync(profileDir, { recursive: true, force: true }), false);
  try {
    if (rebuild(`-fprofile-generate=${profileDir}`)) return false;
    const training = spawnSync(
      process.execPath,
      ["-e", TRAIN, join(nativeDir, "build", "Release", "python_audit_walker.node")],
      {
        input: JSON.stringify(corpus),
        encoding: "utf8",
      },
    );
    if (training.status !== 0) return false;
    return rebuild(`-fprofile-use=${profileDir} -fprofile-partial-training -Wno-missing-profile`) === null;
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/** Parses every file of the JSON list on stdin with the addon named in argv (the instrumented build). */
const TRAIN = `
const { readFileSync } = require("node:fs");
const addon = require(process.argv[1]);
let buffer = new Int32Array(1 << 20);
for (const file of JSON.parse(readFileSync(0, "utf8"))) {
  let text;
  try { text = readFileSync(file, "utf8"); } catch { continue; }
  const count = addon.parse(text, buffer);
  if (count !== null && count < 0) { buffer = new Int32Array(-count); addon.copyLast(buffer); }
}`;

/** About 3 MB of the standard library's own modules (not its tests), a fixed choice: every 4th file in path order. */
function trainingCorpus() {
  const python = spawnSync("python3", ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], {
    encoding: "utf8",
  });
  const stdlib = python.status === 0 ? python.stdout.trim() : "";
  if (!stdlib || !existsSync(stdlib)) return [];
  const files = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!/^(test|tests|idle_test|site-packages|dist-packages|__pycache__)$/u.test(entry.name)) walk(path);
      } else if (entry.name.endsWith(".py")) files.push(path);
    }
  };
  walk(stdlib);
  const chosen = [];
  let bytes = 0;
  for (let i = 0; i < files.length && bytes < 3_000_000; i += 4) {
    chosen.push(files[i]);
    try {
      bytes += statSync(files[i]).size;
    } catch {}
  }
  return chosen;
}

let optimised = false;
try {
  optimised = process.env.PYTHON_AUDIT_PGO !== "0" && profileGuidedBuild();
} catch {
  // An unwritable temporary directory and the like: the plain build below.
}
if (!optimised) {
  const failure = rebuild();
  if (failure) {
    console.warn(
      `eslint-plugin-python-audit: the native walker could not be built; the plugin works without it, slower.\n${failure}`,
    );
    process.exit(0);
  }
}
console.log(
  `eslint-plugin-python-audit: native walker built${optimised ? " with profile-guided optimisation" : ""} (${((Date.now() - started) / 1000).toFixed(1)} s).`,
);

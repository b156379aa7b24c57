#!/usr/bin/env node
// Regenerates everything generated, in dependency order:
//   1. scripts/generate-ast.mjs          AST types, visitor keys, converter table, docs/ast.md
//   2. scripts/generate-rules-index.mjs  lib/rules/index.ts
//   3. tsc -p tsconfig.json              dist/ (eslint-doc-generator loads the built plugin: package.json `main`)
//   4. scripts/generate-rule-checks.mjs  the Checks table of each docs/rules/<id>.md (from meta.docs.checks)
//   5. eslint-doc-generator              README rule list, the header of each docs/rules/<id>.md
//
//   node scripts/update.mjs                 write what is stale (`npm run update`)
//   node scripts/update.mjs --check         exit 1 when a generated file is stale, writing none of them
//                                           (`npm run update:check`; dist/ is still rebuilt: step 4 reads it)
//   node scripts/update.mjs --root DIR      work on another checkout (default: this script's repository)
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

/** Runs every step on `root`; returns the exit code (0: up to date or updated; 1: stale in check mode or a step failed). */
export function update({ root, check = false, log = console.log }) {
  const requireFromRoot = createRequire(join(root, "package.json"));
  const bin = (pkg, name) => {
    const manifestPath = requireFromRoot.resolve(`${pkg}/package.json`);
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    const relative = typeof manifest.bin === "string" ? manifest.bin : manifest.bin[name];
    return join(dirname(manifestPath), relative);
  };
  const steps = [
    {
      label: "AST (scripts/generate-ast.mjs)",
      args: [join(root, "scripts", "generate-ast.mjs"), ...(check ? ["--check"] : [])],
    },
    {
      label: "rules index (scripts/generate-rules-index.mjs)",
      args: [join(root, "scripts", "generate-rules-index.mjs"), ...(check ? ["--check"] : [])],
    },
    { label: "build (tsc -p tsconfig.json)", args: [bin("typescript", "tsc"), "-p", "tsconfig.json"], required: true },
    {
      label: "rule doc Checks tables (scripts/generate-rule-checks.mjs)",
      args: [join(root, "scripts", "generate-rule-checks.mjs"), "--root", root, ...(check ? ["--check"] : [])],
    },
    {
      label: "README rule list and rule doc headers (eslint-doc-generator)",
      args: [bin("eslint-doc-generator", "eslint-doc-generator"), ...(check ? ["--check"] : [])],
    },
  ];
  const failed = [];
  for (const step of steps) {
    log(`update: ${step.label}${check && !step.required ? " --check" : ""}`);
    const result = spawnSync(process.execPath, step.args, { cwd: root, stdio: "inherit" });
    if (result.status === 0) continue;
    failed.push(step.label);
    // Without a build there is no plugin for eslint-doc-generator to read; outside check mode a failed step
    // leaves the later ones without their input.
    if (step.required || !check) break;
  }
  if (!failed.length) {
    log(check ? "update: everything generated is up to date" : "update: done");
    return 0;
  }
  console.error(
    check
      ? `update --check: stale or failing: ${failed.join("; ")} (run \`npm run update\`)`
      : `update: failed: ${failed.join("; ")}`,
  );
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  let values;
  try {
    ({ values } = parseArgs({ options: { check: { type: "boolean", default: false }, root: { type: "string" } } }));
  } catch (error) {
    console.error(`update: ${error.message}\nusage: node scripts/update.mjs [--check] [--root DIR]`);
    process.exit(2);
  }
  // `npm run` starts scripts in the package root; a relative --root is meant from where npm was run.
  const root = values.root
    ? resolve(process.env.INIT_CWD ?? process.cwd(), values.root)
    : resolve(join(dirname(fileURLToPath(import.meta.url)), ".."));
  if (!existsSync(join(root, "package.json")) || !existsSync(join(root, "lib", "rules"))) {
    console.error(`update: ${root} is not a checkout of this plugin (no package.json or lib/rules)`);
    process.exit(2);
  }
  process.exit(update({ root, check: values.check }));
}

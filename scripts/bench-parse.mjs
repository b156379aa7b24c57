#!/usr/bin/env node
// Parse + convert throughput of the parser on real code: tree-sitter parse time and AST conversion time,
// summed over every file of a corpus (default: Neutron 21.0.0; `--stdlib` for CPython's standard library).
// Several runs; prints the median of each phase, MB/s, node and token counts, parse errors.
//
//   npm run bench:parse [-- --stdlib] [-- --runs 5]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { ensureNeutron, findStdlib, pythonFiles, repoRoot } from "./lib/corpora.mjs";

const require = createRequire(import.meta.url);
const { parseTree } = require(join(repoRoot, "dist/lib/parser/tree-sitter.js"));
const { convert } = require(join(repoRoot, "dist/lib/parser/convert.js"));
const { parsePython } = require(join(repoRoot, "dist/lib/parser/index.js"));

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 3;
const corpusName = args.includes("--stdlib") ? "CPython stdlib" : "Neutron 21.0.0";
const root = args.includes("--stdlib") ? findStdlib() : ensureNeutron();
if (!root) throw new Error("python3 not found: cannot locate the standard library");
const files = pythonFiles(root).map((path) => ({ path, text: readFileSync(path, "utf8").replace(/^\uFEFF/u, "") }));
const megabytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0) / 1e6;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Yielding to the event loop lets tree-sitter's native trees be freed between files (see shared notes).
const tick = () => new Promise((resolve) => setImmediate(resolve));

const parseTimes = [];
const convertTimes = [];
const fullTimes = [];
let nodes = 0;
let tokens = 0;
const errors = [];
for (let run = 0; run < runs; run++) {
  let parseMs = 0;
  let convertMs = 0;
  let fullMs = 0;
  nodes = 0;
  tokens = 0;
  errors.length = 0;
  for (const { path, text } of files) {
    let t = performance.now();
    const tree = parseTree(text);
    parseMs += performance.now() - t;
    if (!tree.rootNode.hasError) {
      t = performance.now();
      const { program } = convert(tree, text);
      convertMs += performance.now() - t;
      tokens += program.tokens.length;
    }
    t = performance.now();
    try {
      parsePython(text);
    } catch (error) {
      errors.push(`${relative(root, path)}: ${error.message}`);
    }
    fullMs += performance.now() - t;
    await tick();
  }
  parseTimes.push(parseMs);
  convertTimes.push(convertMs);
  fullTimes.push(fullMs);
}
// Node count once, outside the timings.
for (const { text } of files) {
  try {
    const stack = [parsePython(text)];
    const keys = require(join(repoRoot, "dist/lib/parser/index.js")).VISITOR_KEYS;
    while (stack.length) {
      const node = stack.pop();
      nodes++;
      for (const key of keys[node.type]) {
        const value = node[key];
        if (Array.isArray(value)) stack.push(...value);
        else if (value) stack.push(value);
      }
    }
  } catch {}
  await tick();
}
const row = (name, ms) => `| ${name} | ${(ms / 1000).toFixed(2)} s | ${(megabytes / (ms / 1000)).toFixed(1)} MB/s |`;
console.log(
  `${corpusName}: ${files.length} files, ${megabytes.toFixed(1)} MB, ${nodes.toLocaleString("en")} AST nodes, ${tokens.toLocaleString("en")} tokens; median of ${runs} runs, node ${process.version}\n`,
);
console.log("| phase | time | throughput |\n|---|---|---|");
console.log(row("tree-sitter parse", median(parseTimes)));
console.log(row("conversion to the ESLint AST", median(convertTimes)));
console.log(row("parsePython (parse + convert + checks)", median(fullTimes)));
console.log(`\nparse errors: ${errors.length}`);
for (const error of errors) console.log(`  ${error}`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

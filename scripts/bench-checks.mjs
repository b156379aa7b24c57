#!/usr/bin/env node
// `npm run bench:checks`: what one more catalog check costs. Lints Neutron 21.0.0 in-process with the
// recommended rules, then with the same rules plus one defineCallRule rule of 50 dummy checks (40 on callees
// that do not occur, 10 on callees that occur thousands of times with a predicate that never reports), and
// prints the medians and the difference. Runs alternate so that warm-up and machine noise hit both sides alike.
//
//   npm run bench:checks -- --runs 5
import { createRequire } from "node:module";
import { ensureNeutron, repoRoot } from "./lib/corpora.mjs";

const require = createRequire(import.meta.url);
const { ESLint } = require("eslint");
const plugin = require(`${repoRoot}/dist/index.js`);
const { defineCallRule } = require(`${repoRoot}/dist/lib/rule-kit/index.js`);

const args = process.argv.slice(2);
const runs = Number(args.includes("--runs") ? args[args.indexOf("--runs") + 1] : 5);
const root = ensureNeutron();

const COMMON = [
  "*.append",
  "*.get",
  "*.format",
  "*.join",
  "*.debug",
  "*.info",
  "*.execute",
  "*.items",
  "len",
  "isinstance",
];
const dummy = defineCallRule({
  name: "dummy-checks",
  description: "50 checks that never report",
  recommended: false,
  category: "Benchmark",
  checks: Array.from({ length: 50 }, (_, i) => ({
    id: `dummy/${i}`,
    messageId: `dummy${i}`,
    message: "never",
    callee: i < 40 ? [`dummy_module_${i}.call`, `*.dummy_method_${i}`, `dummy_package_${i}.*`] : COMMON[i - 40],
    // Reads the call like a real check would, then declines.
    when: ({ call, model }) => model.qualifiedName(call.function) === "never.matches",
    remediation: "none",
  })),
});

function eslintWith(extraRules) {
  return new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      plugin.configs.recommended,
      { files: ["**/*.py"], plugins: { bench: { rules: { "dummy-checks": dummy } } }, rules: extraRules },
    ],
  });
}

async function time(eslint) {
  const started = performance.now();
  const results = await eslint.lintFiles(["."]);
  const seconds = (performance.now() - started) / 1000;
  return { seconds, findings: results.reduce((n, r) => n + r.messages.length, 0) };
}

const base = [];
const withDummies = [];
let findings;
for (let run = 0; run < runs; run++) {
  const a = await time(eslintWith({}));
  const b = await time(eslintWith({ "bench/dummy-checks": "error" }));
  if (a.findings !== b.findings) throw new Error(`the dummy checks reported something: ${a.findings} vs ${b.findings}`);
  findings = a.findings;
  base.push(a.seconds);
  withDummies.push(b.seconds);
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const [m0, m1] = [median(base), median(withDummies)];
console.log(`Neutron 21.0.0, ${runs} alternating runs each, in-process ESLint, ${findings} findings both ways`);
console.log(`| setup | median s |\n|---|---|`);
console.log(`| recommended (4 rules) | ${m0.toFixed(2)} |`);
console.log(`| recommended + 50 dummy catalog checks | ${m1.toFixed(2)} |`);
console.log(`\ndifference: ${(((m1 - m0) / m0) * 100).toFixed(1)} %`);

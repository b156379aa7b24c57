// `npm run fuzz`: seeded mutations of real Python files (the CPython standard library, and Neutron with
// --corpus all), linted with every rule in both modes (the python-audit language and the parser), counting what
// must never happen: crashes, hangs, report locations outside the text, fixes or suggestions that break valid
// Python, and the cases where the parser's verdict differs from Python's `ast.parse`.
//
//   npm run fuzz [-- --mutants 2000] [-- --seed 1] [-- --corpus stdlib|all] [-- --timeout 20] [-- --list]
//
// Exit 1 on a crash, a hang, an out-of-text location or a broken fix/suggestion; disagreements with ast.parse are
// counted and listed (some are known limits: see the README's Parse errors), not failures.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Worker, isMainThread, parentPort } from "node:worker_threads";
import { ensureNeutron, findStdlib, pythonFiles, repoRoot } from "./lib/corpora.mjs";

const require = createRequire(import.meta.url);
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/u;

// ---- the worker: lints one mutant in both modes, reports what it saw

function lintInWorker() {
  const { Linter } = require(join(repoRoot, "node_modules", "eslint"));
  const plugin = require(join(repoRoot, "dist", "index.js"));
  const linter = new Linter({ configType: "flat" });
  const all = plugin.configs.all;
  const configs = {
    language: [{ ...all, files: ["**/*.py"] }],
    parser: [
      {
        files: ["**/*.py"],
        plugins: all.plugins,
        languageOptions: { parser: plugin.parser },
        rules: all.rules,
      },
    ],
  };
  parentPort.on("message", ({ id, text }) => {
    const out = { id, modes: {} };
    for (const [mode, config] of Object.entries(configs)) {
      const seen = { crash: null, fatal: null, badLocations: [], edits: [] };
      try {
        const messages = linter.verify(text, config, { filename: "mutant.py" });
        const lines = text.split(LINE_BREAK);
        for (const m of messages) {
          if (m.fatal) seen.fatal = m.message;
          const where = locationProblem(m, lines);
          if (where) seen.badLocations.push(`${m.ruleId ?? "parse"} ${where}`);
          if (m.fix) seen.edits.push({ kind: `fix ${m.ruleId}`, text: applyEdit(text, m.fix) });
          for (const s of m.suggestions ?? [])
            seen.edits.push({ kind: `suggestion ${m.ruleId}/${s.messageId ?? ""}`, text: applyEdit(text, s.fix) });
        }
      } catch (error) {
        seen.crash = String(error?.stack ?? error)
          .split("\n")
          .slice(0, 3)
          .join(" | ");
      }
      out.modes[mode] = seen;
    }
    parentPort.postMessage(out);
  });
}

function applyEdit(text, fix) {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

/** Why a message's location is outside the text, or null. ESLint positions: 1-based lines and columns. */
function locationProblem(m, lines) {
  const valid = (line, column) =>
    Number.isInteger(line) && line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1].length + 1;
  if (!valid(m.line, m.column)) return `starts at ${m.line}:${m.column}`;
  if (m.endLine !== undefined && !valid(m.endLine, m.endColumn)) return `ends at ${m.endLine}:${m.endColumn}`;
  if (m.endLine !== undefined && (m.endLine < m.line || (m.endLine === m.line && m.endColumn < m.column)))
    return `ends before it starts (${m.line}:${m.column}-${m.endLine}:${m.endColumn})`;
  return null;
}

// ---- the main thread: mutants, the watchdog, Python's verdicts, the tally

async function main() {
  const { values } = parseArgs({
    options: {
      mutants: { type: "string", default: "500" },
      seed: { type: "string", default: "1" },
      corpus: { type: "string", default: "stdlib" },
      timeout: { type: "string", default: "20" },
      list: { type: "boolean", default: false },
      save: { type: "string" },
    },
  });
  const mutants = Number(values.mutants);
  const seed = Number(values.seed);
  const timeoutMs = Number(values.timeout) * 1000;
  if (!Number.isInteger(mutants) || mutants < 1 || !Number.isInteger(seed) || !(timeoutMs > 0))
    throw new Error("--mutants and --seed take whole numbers, --timeout seconds");
  if (values.corpus !== "stdlib" && values.corpus !== "all") throw new Error("--corpus is stdlib or all");

  const files = corpusFiles(values.corpus);
  const random = mulberry32(seed);
  const python = new PythonChecker();
  const worker = new Watchdog(timeoutMs);
  const tally = {
    mutants: 0,
    crashes: [],
    hangs: [],
    badLocations: [],
    brokenEdits: [],
    modesDisagree: [],
    falseErrors: [],
    slipThrough: [],
    editsChecked: 0,
    pythonRejects: 0,
  };
  const started = Date.now();

  for (let n = 0; n < mutants; n++) {
    const file = files[Math.floor(random() * files.length)];
    const original = readFileSync(file.path, "utf8");
    const applied = [];
    let text = original;
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
      const [name, mutate] = MUTATIONS[Math.floor(random() * MUTATIONS.length)];
      text = mutate(text, random);
      applied.push(name);
    }
    // What a file on disk can hold: a lone surrogate is written as U+FFFD.
    text = Buffer.from(text, "utf8").toString("utf8");
    const label = `${file.label} [${applied.join(", ")}] (seed ${seed}, mutant ${n})`;
    tally.mutants++;
    const counted = () =>
      tally.crashes.length +
      tally.hangs.length +
      tally.badLocations.length +
      tally.brokenEdits.length +
      tally.falseErrors.length +
      tally.slipThrough.length +
      tally.modesDisagree.length;
    const before = counted();
    const save = () => {
      if (!values.save || counted() === before) return;
      mkdirSync(values.save, { recursive: true });
      writeFileSync(join(values.save, `mutant-${n}.py`), text);
    };
    const result = await worker.lint(text);
    if (!result) {
      tally.hangs.push(label);
      save();
      continue;
    }
    const verdict = await python.check(text);
    if (!verdict.ok) tally.pythonRejects++;
    for (const [mode, seen] of Object.entries(result.modes)) {
      if (seen.crash) tally.crashes.push(`${mode}: ${label}: ${seen.crash}`);
      for (const where of seen.badLocations) tally.badLocations.push(`${mode}: ${label}: ${where}`);
    }
    const { language, parser } = result.modes;
    if (Boolean(language.fatal) !== Boolean(parser.fatal))
      tally.modesDisagree.push(`${label}: language ${language.fatal ?? "ok"}, parser ${parser.fatal ?? "ok"}`);
    // Refusing a declared non-UTF-8 encoding is by design: ESLint would misread the text.
    if (verdict.ok && language.fatal && !/declares encoding/u.test(language.fatal))
      tally.falseErrors.push(`${label}: ${language.fatal}`);
    if (!verdict.ok && !language.fatal && !language.crash) tally.slipThrough.push(`${label}: Python: ${verdict.error}`);
    // Every fix and suggestion on code Python accepts must leave code Python accepts.
    if (verdict.ok) {
      const edits = new Map();
      for (const seen of Object.values(result.modes)) for (const edit of seen.edits) edits.set(edit.text, edit.kind);
      for (const [edited, kind] of edits) {
        tally.editsChecked++;
        const after = await python.check(edited);
        if (!after.ok) tally.brokenEdits.push(`${label}: ${kind}: ${after.error}`);
      }
    }
    save();
  }
  await worker.close();
  python.close();

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `# Fuzz run: ${tally.mutants} mutants of ${files.length} files (${values.corpus}), seed ${seed}, ${seconds} s\n`,
  );
  console.log(`ast.parse rejects ${tally.pythonRejects} of the mutants.\n`);
  console.log("| what | count |\n|---|---:|");
  const rows = [
    ["crashes (an exception out of ESLint)", tally.crashes],
    [`hangs (no answer within ${values.timeout} s)`, tally.hangs],
    ["report locations outside the text", tally.badLocations],
    [`fixes and suggestions that break valid Python (of ${tally.editsChecked} checked)`, tally.brokenEdits],
    ["language and parser mode disagree on a parse error", tally.modesDisagree],
    ["parse error on code ast.parse accepts", tally.falseErrors],
    ["audited although ast.parse rejects it", tally.slipThrough],
  ];
  for (const [what, list] of rows) console.log(`| ${what} | ${list.length} |`);
  for (const [what, list] of rows) {
    if (!list.length) continue;
    const shown = values.list ? list : list.slice(0, 5);
    console.log(`\n## ${what}\n`);
    for (const line of shown) console.log(`- ${line}`);
    if (shown.length < list.length) console.log(`- ... ${list.length - shown.length} more (--list shows all)`);
  }
  const failures = tally.crashes.length + tally.hangs.length + tally.badLocations.length + tally.brokenEdits.length;
  process.exitCode = failures ? 1 : 0;
}

function corpusFiles(corpus) {
  const roots = [];
  const stdlib = findStdlib();
  if (stdlib) roots.push({ name: "stdlib", dir: stdlib });
  if (corpus === "all") roots.push({ name: "neutron", dir: ensureNeutron() });
  if (!roots.length) throw new Error("no corpus: python3's standard library was not found");
  const files = [];
  for (const { name, dir } of roots)
    for (const path of pythonFiles(dir)) {
      // Small and medium files: many mutants per second; size is the hostile-inputs tests' subject.
      const size = statSync(path).size;
      if (size > 0 && size <= 64 * 1024) files.push({ path, label: `${name}:${path.slice(dir.length + 1)}` });
    }
  return files;
}

/** Runs the linting worker, restarting it after a hang. */
class Watchdog {
  #worker = null;
  #next = 0;

  constructor(timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  #start() {
    this.#worker = new Worker(new URL(import.meta.url));
    this.#worker.unref();
    return this.#worker;
  }

  /** The worker's findings for `text`, or null when it did not answer in time (it is then replaced). */
  lint(text) {
    const worker = this.#worker ?? this.#start();
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        worker.terminate();
        this.#worker = null;
        resolve(null);
      }, this.timeoutMs);
      const onMessage = (message) => {
        if (message.id !== id) return;
        cleanup();
        resolve(message);
      };
      const onError = (error) => {
        cleanup();
        this.#worker = null;
        reject(error);
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.postMessage({ id, text });
    });
  }

  async close() {
    await this.#worker?.terminate();
  }
}

/** One python3 process answering "does ast.parse accept this?" for each line of JSON it reads. */
class PythonChecker {
  #pending = [];
  #buffer = "";

  constructor() {
    const program = [
      "import ast, json, sys",
      "for line in sys.stdin:",
      "    try:",
      "        ast.parse(json.loads(line).encode('utf-8', 'surrogatepass'))",
      "        print(json.dumps({'ok': True}), flush=True)",
      "    except Exception as e:",
      "        print(json.dumps({'ok': False, 'error': type(e).__name__ + ': ' + str(e)}), flush=True)",
    ].join("\n");
    this.process = spawn("python3", ["-c", program], { stdio: ["pipe", "pipe", "inherit"] });
    this.process.stdout.setEncoding("utf8");
    this.process.stdout.on("data", (chunk) => {
      this.#buffer += chunk;
      let newline;
      while ((newline = this.#buffer.indexOf("\n")) !== -1) {
        const line = this.#buffer.slice(0, newline);
        this.#buffer = this.#buffer.slice(newline + 1);
        this.#pending.shift()(JSON.parse(line));
      }
    });
  }

  check(text) {
    return new Promise((resolve) => {
      this.#pending.push(resolve);
      this.process.stdin.write(`${JSON.stringify(text)}\n`);
    });
  }

  close() {
    this.process.stdin.end();
  }
}

// ---- mutations: each takes the text and the random source, returns the mutant

const pick = (random, list) => list[Math.floor(random() * list.length)];
const position = (random, text) => Math.floor(random() * (text.length + 1));
const splitLines = (text) => text.split("\n");

const INSERTED = [
  "\0",
  "\r",
  "\f",
  "\u2028",
  "\u{1F600}",
  "\uD800",
  "\t",
  "\u00E9",
  "(",
  ")",
  "[",
  "]",
  ":",
  "'",
  '"',
  '"""',
  "\\",
  ",",
  "\n",
];
const COMMENTS = [
  "  # nosec",
  "  # nosec B602",
  "  # noqa: S603",
  "  # noqa",
  "  # eslint-disable-line",
  "  # eslint-disable-line python-audit/no-broad-except",
  "\n# eslint-disable\n",
  "\n# eslint-enable\n",
  "\n# eslint-env node\n",
  "  # type: ignore",
];

const MUTATIONS = [
  [
    "delete a line",
    (text, random) => {
      const lines = splitLines(text);
      lines.splice(Math.floor(random() * lines.length), 1);
      return lines.join("\n");
    },
  ],
  [
    "duplicate a line",
    (text, random) => {
      const lines = splitLines(text);
      const i = Math.floor(random() * lines.length);
      lines.splice(i, 0, lines[i]);
      return lines.join("\n");
    },
  ],
  [
    "swap two lines",
    (text, random) => {
      const lines = splitLines(text);
      const i = Math.floor(random() * lines.length);
      const j = Math.floor(random() * lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join("\n");
    },
  ],
  [
    "delete a token",
    (text, random) => {
      const at = position(random, text);
      const match = /[\w.]+|[^\s\w]/u.exec(text.slice(at));
      return match ? text.slice(0, at + match.index) + text.slice(at + match.index + match[0].length) : text;
    },
  ],
  [
    "duplicate a token",
    (text, random) => {
      const at = position(random, text);
      const match = /[\w.]+|[^\s\w]/u.exec(text.slice(at));
      return match ? text.slice(0, at + match.index) + match[0] + text.slice(at + match.index) : text;
    },
  ],
  [
    "insert a character",
    (text, random) => {
      const at = position(random, text);
      return text.slice(0, at) + pick(random, INSERTED) + text.slice(at);
    },
  ],
  ["truncate", (text, random) => text.slice(0, position(random, text))],
  [
    "re-indent a line",
    (text, random) => {
      const lines = splitLines(text);
      const i = Math.floor(random() * lines.length);
      const indent = pick(random, ["", " ", "  ", "    ", "\t", "        ", " \t", "\f"]);
      lines[i] = indent + lines[i].replace(/^[ \t\f]*/u, "");
      return lines.join("\n");
    },
  ],
  [
    "nest deeply",
    (text, random) => {
      const lines = splitLines(text);
      const depth = pick(random, [50, 199, 200, 201, 1000]);
      const [open, close] = pick(random, [
        ["(", ")"],
        ["[", "]"],
        ["{", "}"],
      ]);
      lines.splice(Math.floor(random() * lines.length), 0, `x = ${open.repeat(depth)}1${close.repeat(depth)}`);
      return lines.join("\n");
    },
  ],
  [
    "add a suppression comment",
    (text, random) => {
      const lines = splitLines(text);
      const i = Math.floor(random() * lines.length);
      lines[i] += pick(random, COMMENTS);
      return lines.join("\n");
    },
  ],
  ["CRLF line ends", (text) => text.replace(/\r?\n/gu, "\r\n")],
];

/** A small seeded PRNG (mulberry32): the same seed gives the same mutants on every machine. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Last: the classes and tables above are initialised by now.
if (isMainThread) await main();
else lintInWorker();

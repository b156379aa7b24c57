#!/usr/bin/env node
// Checks the import layers of lib/ and index.ts (`npm run lint:layers`, run by tests/tooling.test.ts). Every
// `import … from "…"`, `export … from "…"`, `import("…")` and `require("…")` with a relative specifier is resolved to
// the layer it lands in; an edge the table below does not allow is printed as
//   file:line imports target (layer A may not import layer B)
// Type-only imports count too: a layer must not even know the types of a higher one.
// Then import cycles between files of one layer are printed. Exit 1 on any finding. `--json` prints them as JSON;
// `--root DIR` checks another checkout (the tests run it on small trees they write).
// Plain Node, no dependency: a small tokenizer (comments, strings, templates, regex literals) instead of a parser.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

// ---------------------------------------------------------------------------------------------------------------------
// THE TABLE. The ordered layers, bottom up: a file may import its own layer and any layer listed before its own
// (a lower one), never one listed after it (a higher one).
const ORDER = [
  { layer: "ast", paths: ["lib/ast/"] },
  { layer: "parser", paths: ["lib/parser/"] },
  { layer: "language", paths: ["lib/language/"] },
  { layer: "analysis", paths: ["lib/analysis/"] },
  { layer: "rule-kit", paths: ["lib/rule-kit/"] },
  { layer: "rules", paths: ["lib/rules/"] },
  { layer: "configs", paths: ["lib/configs/"] },
  { layer: "plugin", paths: ["lib/plugin.ts", "index.ts"] },
];
// Outside the order: each may import its own layer and exactly what it lists, nothing else. Formatters and the CLI
// work on ESLint's results and rule meta, not on the parser or the AST.
const SIDE = [
  { layer: "package-meta", paths: ["lib/package-meta.ts"], mayImport: [] },
  { layer: "debug-counters", paths: ["lib/debug-counters.ts"], mayImport: [] },
  { layer: "formatters", paths: ["lib/formatters/"], mayImport: ["package-meta"] },
  // The bin is a host, like a user's eslint.config: it hands the plugin object to ESLint and reads nothing below it.
  { layer: "cli", paths: ["lib/cli/"], mayImport: ["package-meta", "formatters", "plugin"] },
];
// Any layer may import these.
const IMPORTABLE_BY_ALL = ["package-meta", "debug-counters"];
// The files checked.
const SOURCES = ["index.ts", "lib/"];
// ---------------------------------------------------------------------------------------------------------------------

const rootArg = process.argv.indexOf("--root");
const root = rootArg === -1 ? join(dirname(fileURLToPath(import.meta.url)), "..") : resolve(process.argv[rootArg + 1]);
const rank = new Map(ORDER.map((entry, index) => [entry.layer, index]));
const side = new Map(SIDE.map((entry) => [entry.layer, entry]));
const ALL_LAYERS = [...ORDER, ...SIDE];

/** The layer of a repo-relative path (with `/`), or null. The longest matching path prefix wins. */
function layerOf(path) {
  let best = null;
  let bestLength = -1;
  for (const { layer, paths } of ALL_LAYERS) {
    for (const prefix of paths) {
      const matches = prefix.endsWith("/") ? path.startsWith(prefix) : path === prefix;
      if (matches && prefix.length > bestLength) {
        best = layer;
        bestLength = prefix.length;
      }
    }
  }
  return best;
}

function allowed(from, to) {
  if (from === to || IMPORTABLE_BY_ALL.includes(to)) return true;
  if (side.has(from)) return side.get(from).mayImport.includes(to);
  if (side.has(to)) return false;
  return rank.get(to) < rank.get(from);
}

// ---------------------------------------------------------------------------------------------------------------------
// Tokenizer: names, strings, punctuation and their line; comments, template text and regex literals skipped.

const KEYWORDS_BEFORE_EXPRESSION = new Set([
  "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield",
  "await", "extends",
]); // prettier-ignore

function tokenize(src) {
  const tokens = [];
  const braces = []; // "{" for a block or object, "${" for a template expression
  let i = 0;
  let line = 1;
  const push = (type, value, atLine = line) => tokens.push({ type, value, line: atLine });
  const isIdentStart = (c) => /[\p{L}_$]/u.test(c);
  const isIdentPart = (c) => /[\p{L}\p{N}_$\u200c\u200d]/u.test(c);

  // Scans template text from i (just after "`" or the "}" closing a "${"): to the closing "`", or into a "${".
  const templateText = () => {
    while (i < src.length) {
      const c = src[i];
      if (c === "\\") i += 2;
      else if (c === "`") {
        i++;
        push("template", "`");
        return;
      } else if (c === "$" && src[i + 1] === "{") {
        i += 2;
        braces.push("${");
        return;
      } else {
        if (c === "\n") line++;
        i++;
      }
    }
  };

  while (i < src.length) {
    const c = src[i];
    if (c === "\n") {
      line++;
      i++;
    } else if (/\s/u.test(c)) {
      i++;
    } else if (c === "/" && src[i + 1] === "/") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      const stop = end === -1 ? src.length : end + 2;
      for (let k = i; k < stop; k++) if (src[k] === "\n") line++;
      i = stop;
    } else if (c === '"' || c === "'") {
      const start = line;
      let value = "";
      i++;
      while (i < src.length && src[i] !== c && src[i] !== "\n") {
        if (src[i] === "\\") {
          value += src[i + 1] ?? "";
          if (src[i + 1] === "\n") line++;
          i += 2;
        } else value += src[i++];
      }
      i++;
      push("string", value, start);
    } else if (c === "`") {
      i++;
      templateText();
    } else if (c === "{") {
      braces.push("{");
      push("punct", c);
      i++;
    } else if (c === "}") {
      i++;
      if (braces.pop() === "${") templateText();
      else push("punct", c);
    } else if (c === "/" && !divisionAllowed(tokens.at(-1))) {
      // A regex literal: to the closing "/" outside a character class, then its flags.
      let inClass = false;
      i++;
      while (i < src.length && src[i] !== "\n") {
        if (src[i] === "/" && !inClass) break;
        if (src[i] === "[") inClass = true;
        else if (src[i] === "]") inClass = false;
        i += src[i] === "\\" ? 2 : 1;
      }
      i++;
      while (i < src.length && isIdentPart(src[i])) i++;
      push("regex", "/");
    } else if (isIdentStart(c)) {
      let end = i + 1;
      while (end < src.length && isIdentPart(src[end])) end++;
      push("name", src.slice(i, end));
      i = end;
    } else if (/[0-9]/u.test(c)) {
      let end = i + 1;
      while (end < src.length && /[0-9a-zA-Z_.]/u.test(src[end])) end++;
      push("number", src.slice(i, end));
      i = end;
    } else {
      push("punct", c);
      i++;
    }
  }
  return tokens;
}

/** Whether a "/" after this token is a division (else it starts a regex literal). */
function divisionAllowed(previous) {
  if (!previous) return false;
  if (previous.type === "name") return !KEYWORDS_BEFORE_EXPRESSION.has(previous.value);
  if (previous.type === "punct") return previous.value === ")" || previous.value === "]" || previous.value === "}";
  return true; // number, string, template, regex
}

// ---------------------------------------------------------------------------------------------------------------------
// Imports of one file: { specifier, line, typeOnly }.

function importsOf(src) {
  const tokens = tokenize(src);
  const found = [];
  const at = (k) => tokens[k] ?? { type: "eof", value: "" };
  const is = (k, type, value) => at(k).type === type && (value === undefined || at(k).value === value);
  const afterDot = (k) => is(k - 1, "punct", "."); // obj.import, x.require(…)

  // From the first token of an import/export clause: the `from "…"` specifier, or null where the clause ends first.
  // Only the tokens a clause can hold are crossed: names, strings, `{`, `}`, `,`, `*`.
  const clause = (k) => {
    const names = [];
    let defaultOrNamespace = false;
    let depth = 0;
    let previousTypeKeyword = false;
    for (let j = k; j < tokens.length; j++) {
      const t = tokens[j];
      if (t.type === "name" && t.value === "from" && depth === 0 && is(j + 1, "string")) {
        return { specifier: at(j + 1).value, names, defaultOrNamespace };
      }
      if (t.type === "punct" && t.value === "{") depth++;
      else if (t.type === "punct" && t.value === "}") depth--;
      else if (t.type === "punct" && t.value === "*") defaultOrNamespace = true;
      else if (t.type === "name" || t.type === "string") {
        // Inside braces: each specifier, and whether it starts with `type`. Outside: a default import.
        const startsSpecifier = is(j - 1, "punct", "{") || is(j - 1, "punct", ",");
        if (depth > 0 && startsSpecifier) {
          previousTypeKeyword = t.value === "type" && !is(j + 1, "punct", ",") && !is(j + 1, "punct", "}");
          names.push({ type: previousTypeKeyword });
        } else if (depth === 0 && t.value !== "as" && t.value !== "type") defaultOrNamespace = true;
      } else if (!(t.type === "punct" && t.value === ",")) return null;
      if (depth < 0) return null;
    }
    return null;
  };

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.type !== "name" || afterDot(k)) continue;
    if (t.value === "require" && is(k + 1, "punct", "(") && is(k + 2, "string") && is(k + 3, "punct", ")")) {
      found.push({ specifier: at(k + 2).value, line: t.line, typeOnly: false });
    } else if (t.value === "import" && is(k + 1, "punct", "(")) {
      if (is(k + 2, "string"))
        found.push({ specifier: at(k + 2).value, line: t.line, typeOnly: is(k - 1, "name", "typeof") });
    } else if (t.value === "import" && is(k + 1, "string")) {
      found.push({ specifier: at(k + 1).value, line: t.line, typeOnly: false });
    } else if (t.value === "import" || t.value === "export") {
      let start = k + 1;
      const typeKeyword = is(start, "name", "type") && !is(start + 1, "name", "from") && !is(start + 1, "punct", ",");
      if (typeKeyword) start++;
      if (!is(start, "name") && !is(start, "punct", "{") && !is(start, "punct", "*")) continue;
      if (t.value === "export" && is(start, "name")) continue; // export const/function/class/default …
      const parsed = clause(start);
      if (!parsed) continue;
      const allTypes = parsed.names.length > 0 && parsed.names.every((n) => n.type) && !parsed.defaultOrNamespace;
      found.push({ specifier: parsed.specifier, line: t.line, typeOnly: typeKeyword || allTypes });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------------------

const toPosix = (path) => path.split(sep).join("/");

function sourceFiles() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(join(root, dir)).sort()) {
      const path = dir ? `${dir}/${name}` : name;
      if (statSync(join(root, path)).isDirectory()) {
        if (name !== "node_modules" && name !== "build") walk(path);
      } else if (path.endsWith(".ts")) files.push(path);
    }
  };
  for (const entry of SOURCES) {
    if (entry.endsWith("/")) walk(entry.slice(0, -1));
    else if (existsSync(join(root, entry))) files.push(entry);
  }
  return files;
}

/** A relative specifier from `file` to the repo-relative source path it loads (.js → .ts, a folder → index.ts). */
function resolveSpecifier(file, specifier) {
  const base = toPosix(relative(root, resolve(root, dirname(file), specifier)));
  const candidates = [];
  if (/\.[cm]?js$/u.test(base)) candidates.push(base.replace(/\.([cm]?)js$/u, ".$1ts"));
  candidates.push(base, `${base}.ts`, `${base}/index.ts`);
  return candidates.find((path) => existsSync(join(root, path)) && statSync(join(root, path)).isFile()) ?? null;
}

function check() {
  const files = sourceFiles();
  const violations = [];
  const edges = new Map(files.map((file) => [file, []])); // value imports within one layer, for cycles
  for (const file of files) {
    const from = layerOf(file);
    if (!from) {
      violations.push({
        file,
        line: 1,
        message: `${file}:1 is in no layer (add it to the table in scripts/check-layers.mjs)`,
      });
      continue;
    }
    for (const { specifier, line, typeOnly } of importsOf(readFileSync(join(root, file), "utf8"))) {
      if (!specifier.startsWith("./") && !specifier.startsWith("../")) continue;
      const target = resolveSpecifier(file, specifier);
      if (!target) {
        violations.push({
          file,
          line,
          specifier,
          message: `${file}:${line} imports ${specifier}, which resolves to no file`,
        });
        continue;
      }
      if (!target.endsWith(".ts")) continue; // package.json, a .node addon: not code of a layer
      const to = layerOf(target);
      if (!to) {
        const message = `${file}:${line} imports ${target} (layer ${from} may not import ${target}, which is in no layer)`;
        violations.push({ file, line, specifier, target, from, to, typeOnly, message });
      } else if (!allowed(from, to)) {
        const message = `${file}:${line} imports ${target} (layer ${from} may not import layer ${to})`;
        violations.push({ file, line, specifier, target, from, to, typeOnly, message });
      } else if (from === to && !typeOnly) {
        edges.get(file).push({ target, line });
      }
    }
  }
  return { files: files.length, violations, cycles: cyclesOf(edges) };
}

// Cycles: only between files of one layer, and only value imports (static, dynamic or require):
// - a cycle across layers always has an edge going up, which is already reported above (type-only ones too);
// - a type-only import is erased by tsc, so a cycle of them has no load order and no half-initialised module; the
//   files of one layer may know each other's types (node types and their visitor, say).
// Tarjan's strongly connected components; each component of two or more files (or a file importing itself) is one
// cycle, printed as a path through it.
function cyclesOf(edges) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const visit = (file) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const { target } of edges.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file), index.get(target)));
    }
    if (low.get(file) === index.get(file)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      const selfLoop = (edges.get(file) ?? []).some((edge) => edge.target === file);
      if (component.length > 1 || selfLoop) components.push(component);
    }
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return components.map((component) => cyclePath(component, edges));
}

/** A shortest cycle through the first file (in path order) of a component, as [{ file, line }] back to the start. */
function cyclePath(component, edges) {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const edge of edges.get(file)) {
      if (!members.has(edge.target)) continue;
      if (edge.target === start) {
        const path = [{ file, line: edge.line }];
        for (let step = previous.get(file); step; step = previous.get(step.file)) path.unshift(step);
        return path.map((step, k) => ({ ...step, imports: path[k + 1]?.file ?? start }));
      }
      if (!previous.has(edge.target)) {
        previous.set(edge.target, { file, line: edge.line });
        queue.push(edge.target);
      }
    }
  }
  return [];
}

const result = check();
if (process.argv.includes("--json")) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  for (const { message } of result.violations) console.log(message);
  for (const cycle of result.cycles) {
    const steps = cycle.map((step) => `${step.file}:${step.line}`).join(" -> ");
    console.log(`import cycle: ${steps} -> ${cycle[0].file}`);
  }
  const summary = `${result.violations.length} layer violation(s), ${result.cycles.length} import cycle(s) in ${result.files} files`;
  console.log(summary);
}
process.exitCode = result.violations.length + result.cycles.length > 0 ? 1 : 0;

#!/usr/bin/env node
import { addChecksToSarif } from "../formatters/sarif-checks.js";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, parse as parsePath, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import type { ESLint as ESLintClass, Linter } from "eslint";
import { relativePattern, scanPaths } from "./scan-paths.js";

/**
 * `npx python-audit [paths...]`: the recommended audit without writing an ESLint config. Runs ESLint's Node API
 * on the given paths (default `.`), skips what git ignores, and prints stylish, audit (Markdown), SARIF or JSON
 * output. Exit codes as ESLint's: 0 clean, 1 error-severity findings (or too many warnings), 2 usage or
 * configuration errors. A user's own `eslint.config.*` is used, and said so, unless `--no-config-lookup`.
 */

const USAGE = `Usage: python-audit [options] [paths...]

Audits Python files (default path: .) with eslint-plugin-python-audit's recommended rules.

Options:
  -f, --format <name>      stylish (default), audit (Markdown security review), sarif, json
  -o, --output-file <path> write the report to a file instead of stdout
      --config <name>      the plugin config without an ESLint config file: recommended (default), openstack, all
      --no-config-lookup   ignore any eslint.config.* and use the plugin's config only
      --concurrency <n>    lint in worker threads: a number, "auto" or "off" (ESLint >= 9.34)
      --max-warnings <n>   exit 1 when there are more warnings than this
      --quiet              report errors only
  -h, --help               show this help
  -v, --version            show the version`;

const FORMATS = new Set(["stylish", "audit", "sarif", "json"]);
const CONFIGS = new Set(["recommended", "openstack", "all"]);

class UsageError extends Error {}

interface Options {
  paths: string[];
  pathsGiven: boolean;
  format: string;
  outputFile: string | null;
  config: string;
  configLookup: boolean;
  concurrency: number | "auto" | "off" | undefined;
  maxWarnings: number;
  quiet: boolean;
}

function parseOptions(argv: string[]): Options | "help" | "version" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", short: "f", default: "stylish" },
        "output-file": { type: "string", short: "o" },
        config: { type: "string", default: "recommended" },
        "no-config-lookup": { type: "boolean", default: false },
        concurrency: { type: "string" },
        "max-warnings": { type: "string" },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (values.version) return "version";
  if (!FORMATS.has(values.format!))
    throw new UsageError(`Unknown format "${values.format}" (known: ${[...FORMATS].join(", ")}).`);
  if (!CONFIGS.has(values.config!))
    throw new UsageError(`Unknown config "${values.config}" (known: ${[...CONFIGS].join(", ")}).`);
  let concurrency: Options["concurrency"];
  if (values.concurrency !== undefined) {
    if (values.concurrency === "auto" || values.concurrency === "off") concurrency = values.concurrency;
    else if (/^[1-9]\d*$/u.test(values.concurrency)) concurrency = Number(values.concurrency);
    else throw new UsageError(`--concurrency takes a positive number, "auto" or "off", not "${values.concurrency}".`);
  }
  let maxWarnings = -1;
  if (values["max-warnings"] !== undefined) {
    if (!/^\d+$/u.test(values["max-warnings"]))
      throw new UsageError(`--max-warnings takes a number, not "${values["max-warnings"]}".`);
    maxWarnings = Number(values["max-warnings"]);
  }
  return {
    paths: positionals.length ? positionals : ["."],
    pathsGiven: positionals.length > 0,
    format: values.format!,
    outputFile: values["output-file"] ?? null,
    config: values.config!,
    configLookup: !values["no-config-lookup"],
    concurrency,
    maxWarnings,
    quiet: values.quiet!,
  };
}

/** Escapes glob syntax in a literal path for ESLint's ignore patterns (a leading `#` would make it a comment). */
const literalGlob = (path: string) => path.replace(/[\\*?[\]{}()!+@#]/gu, (c) => `\\${c}`);

/**
 * What git ignores under `dir`, as paths relative to it (folders end in `/`): asked of git itself (nested
 * .gitignore files, .git/info/exclude and the global excludes file all count); null when git cannot tell (no
 * repository, no git).
 */
function gitIgnoredPaths(dir: string): string[] | null {
  try {
    // Run inside an ignored folder (a build tree, a vendored copy): the user chose it, so audit it all.
    if (spawnSync("git", [...GIT_SAFE, "check-ignore", "-q", "."], { cwd: dir, stdio: "ignore" }).status === 0)
      return [];
    const out = execFileSync(
      "git",
      [...GIT_SAFE, "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"],
      { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 256 * 1024 * 1024 },
    );
    return out.split("\0").filter(Boolean);
  } catch {
    return null;
  }
}

/** What git ignores under `cwd`, as ESLint ignore patterns; without git, what the top-level .gitignore lists. */
export function gitignorePatterns(cwd: string): string[] {
  return gitIgnoredPaths(cwd)?.map(literalGlob) ?? gitignoreFilePatterns(cwd);
}

/** The patterns of `cwd/.gitignore` translated to ESLint's (gitignore semantics for the common forms). */
export function gitignoreFilePatterns(cwd: string): string[] {
  const file = join(cwd, ".gitignore");
  if (!existsSync(file)) return [];
  const patterns: string[] = [];
  for (const raw of readFileSync(file, "utf8").split(/\r?\n/u)) {
    const line = raw.replace(/(?<!\\)\s+$/u, "");
    if (!line || line.startsWith("#")) continue;
    const negated = line.startsWith("!");
    let pattern = negated ? line.slice(1) : line;
    // A pattern with a slash other than at the end is anchored to the .gitignore's folder; otherwise it matches at any depth.
    const anchored = pattern.slice(0, -1).includes("/");
    pattern = pattern.replace(/^\//u, "");
    if (!anchored && !pattern.startsWith("**/")) pattern = `**/${pattern}`;
    patterns.push(`${negated ? "!" : ""}${pattern}`);
  }
  return patterns;
}

/** Files linted so far in this process, counted by `PROGRESS_CONFIG`'s rule (ESLint's API reports no progress). */
const auditedFiles = new Set<string>();

/** Adds a rule that reports nothing and counts the files it is created for (single-threaded runs only). */
const PROGRESS_CONFIG: Linter.Config = {
  files: ["**/*.py", "**/*.pyi"],
  plugins: {
    "python-audit-progress": {
      rules: {
        count: {
          meta: { type: "suggestion", schema: [] },
          create(context) {
            auditedFiles.add(context.filename);
            return {};
          },
        },
      },
    },
  },
  rules: { "python-audit-progress/count": "warn" },
};

/**
 * On a terminal, after the first second, shows on one stderr line how many files are done and the elapsed
 * time; cleared at the end. Does nothing when stderr is not a terminal (CI logs, pipes).
 */
export function startProgress(
  stream: Pick<NodeJS.WriteStream, "isTTY" | "write">,
  count: () => number | null,
  intervalMs = 1000,
): () => void {
  if (!stream.isTTY) return () => {};
  const started = Date.now();
  let shown = false;
  const timer = setInterval(() => {
    shown = true;
    const done = count();
    const seconds = Math.round((Date.now() - started) / 1000);
    stream.write(`\rpython-audit: ${done === null ? "auditing" : `${done} files audited`}, ${seconds} s`);
  }, intervalMs);
  return () => {
    clearInterval(timer);
    if (shown) stream.write("\r\u001b[2K");
  };
}

/**
 * Whether a config's `language` for `.py` files is this plugin's: ESLint 9 reports the configured string
 * (`"python-audit/python"`), ESLint 10 the language object itself.
 */
function lintsWithPythonAudit(language: unknown, plugin: { languages?: Record<string, unknown> }): boolean {
  if (language === "python-audit/python") return true;
  if (!language || typeof language !== "object") return false;
  return (
    language === plugin.languages?.python || language.constructor?.name === plugin.languages?.python?.constructor?.name
  );
}

/**
 * Options for the bin's git calls: a repository's own config may name programs that git runs (an fsmonitor hook);
 * auditing an untrusted checkout must not run them.
 */
const GIT_SAFE = ["-c", "core.fsmonitor=false"];

async function loadFormatter(eslint: ESLintClass, format: string): Promise<ESLintClass.LoadedFormatter> {
  if (format === "audit") return eslint.loadFormatter(join(__dirname, "..", "formatters", "audit.js"));
  if (format === "sarif") {
    try {
      const sarif = await eslint.loadFormatter("@microsoft/sarif");
      return {
        format: async (results, meta) =>
          addChecksToSarif(
            await sarif.format(results, meta),
            results,
            eslint.getRulesMetaForResults(results) as Parameters<typeof addChecksToSarif>[2],
          ),
      };
    } catch {
      throw new UsageError(
        "--format sarif needs @microsoft/eslint-formatter-sarif: npm install --save-dev @microsoft/eslint-formatter-sarif",
      );
    }
  }
  return eslint.loadFormatter(format);
}

/** The folder holding every path in `paths` (absolute paths). */
function commonFolder(paths: string[]): string {
  let parts = paths[0].split(sep);
  for (const path of paths.slice(1)) {
    const other = path.split(sep);
    let i = 0;
    while (i < parts.length && i < other.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join(sep) || parsePath(paths[0]).root;
}

const isGlob = (path: string) => /[*?[\]{}]/u.test(path);

/** The part of a path before its first glob segment: `/a/b/*.py` gives `/a/b`. */
function staticPrefix(path: string): string {
  const parts = path.split(sep);
  const first = parts.findIndex(isGlob);
  return first === -1 ? path : parts.slice(0, first).join(sep) || parsePath(path).root;
}

function isFolderOutside(path: string, cwd: string): boolean {
  if (path === cwd || path.startsWith(`${cwd}${sep}`) || isGlob(path)) return false;
  return existsSync(path) && !/\.pyi?$/u.test(path);
}

/**
 * Ignore patterns relative to `basePath` for what git ignores in each folder (without git, its .gitignore), and
 * the absolute paths git ignores, which the path scan does not walk.
 */
function ignoresFor(folders: string[], basePath: string): { patterns: string[]; ignored: Set<string> } {
  const patterns: string[] = [];
  const ignored = new Set<string>();
  for (const folder of folders) {
    const prefix = relativePattern(basePath, folder);
    const under = (pattern: string) => (prefix ? `${literalGlob(prefix)}/${pattern}` : pattern);
    const paths = gitIgnoredPaths(folder);
    if (paths)
      for (const path of paths) {
        patterns.push(under(literalGlob(path)));
        ignored.add(resolve(folder, path));
      }
    else
      for (const pattern of gitignoreFilePatterns(folder))
        patterns.push(pattern.startsWith("!") ? `!${under(pattern.slice(1))}` : under(pattern));
  }
  return { patterns, ignored };
}

/** A result for a file that could not be audited: one fatal message, no location, as ESLint's parse errors are. */
function notAuditedResult(filePath: string, reason: string): ESLintClass.LintResult {
  return {
    filePath,
    messages: [{ ruleId: null, fatal: true, severity: 2, message: `Not audited: ${reason}.` } as Linter.LintMessage],
    suppressedMessages: [],
    errorCount: 1,
    fatalErrorCount: 1,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
}

/** Writes the report, creating its folder as ESLint's `-o` does; a path that cannot be written is a usage error. */
function writeReport(path: string, output: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, output);
  } catch (error) {
    throw new UsageError(`cannot write the report to ${path}: ${(error as Error).message}`);
  }
}

export async function main(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WriteStream } = {
    stdout: process.stdout,
    stderr: process.stderr,
  },
): Promise<number> {
  const cwd = process.cwd();
  const options = parseOptions(argv);
  if (options === "help") {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const plugin = require("../../index.js") as {
    meta: { version: string };
    configs: Record<string, Linter.Config>;
    languages?: Record<string, unknown>;
  };
  if (options === "version") {
    io.stdout.write(`${plugin.meta.version}\n`);
    return 0;
  }
  // The user's ESLint (a peer dependency), flat config only: this plugin has no eslintrc form.
  let ESLint: typeof import("eslint").ESLint;
  try {
    ({ ESLint } = require("eslint") as typeof import("eslint"));
  } catch {
    throw new UsageError("ESLint is not installed next to eslint-plugin-python-audit: npm install --save-dev eslint");
  }
  // ESLint audits only files under its base path (its cwd): a path outside the working directory moves it up to
  // the folder that holds both, instead of "File ignored because outside of base path".
  const named = options.paths.map((path) => resolve(cwd, path));
  const basePath = commonFolder([cwd, ...named.map(staticPrefix)]);
  const ignores = ignoresFor([cwd, ...named.filter((path) => isFolderOutside(path, cwd))], basePath);
  const scan = scanPaths(
    named.map((path, i) => (basePath === cwd && isGlob(options.paths[i]) ? options.paths[i] : path)),
    ignores.ignored,
  );
  const base = {
    cwd: basePath,
    ignorePatterns: [
      ...ignores.patterns,
      ...scan.skip.flatMap((path) => {
        const pattern = literalGlob(relativePattern(basePath, path));
        return [pattern, `${pattern}/`];
      }),
    ],
    // A path the user typed that matches nothing is a usage error; the default `.` with no Python files is not.
    errorOnUnmatchedPattern: options.pathsGiven,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
  };

  // Progress counting runs in this thread only: with worker threads the count would stay at zero.
  const countProgress =
    io.stderr.isTTY === true && (options.concurrency === undefined || options.concurrency === "off");
  const progressConfig = countProgress ? [PROGRESS_CONFIG] : [];
  // The plugin's config as a file: worker threads (--concurrency) cannot be sent a config object.
  const pluginConfig = {
    ...base,
    overrideConfigFile: join(__dirname, "configs", `${options.config}.js`),
    ...(progressConfig.length ? { overrideConfig: progressConfig } : {}),
  } as ESLintClass.Options;
  let eslint: ESLintClass = new ESLint(pluginConfig);
  if (options.configLookup) {
    const probe = new ESLint({ cwd } as ESLintClass.Options);
    const configFile = await probe.findConfigFile(join(cwd, "__python_audit__.py"));
    if (configFile) {
      io.stderr.write(
        `python-audit: using your ESLint config ${configFile} (--no-config-lookup uses only the plugin's ${options.config} config).\n`,
      );
      eslint = new ESLint({
        ...base,
        // Named explicitly when the base path moved: ESLint would look for a config from there instead.
        ...(basePath === cwd ? {} : { overrideConfigFile: configFile }),
        ...(progressConfig.length ? { overrideConfig: progressConfig } : {}),
      } as ESLintClass.Options);
      const pyConfig = await eslint.calculateConfigForFile(join(cwd, "__python_audit__.py")).catch(() => undefined);
      if (!lintsWithPythonAudit(pyConfig?.language, plugin)) {
        // Never report "no findings" for an audit that did not run: fall back to the plugin's own config.
        io.stderr.write(
          `python-audit: that config does not lint .py files with python-audit, so the plugin's ${options.config} config audits them instead; add pythonAudit.configs.${options.config} to it, or run with --no-config-lookup.\n`,
        );
        eslint = new ESLint(pluginConfig);
      }
    }
  }

  const stopProgress = startProgress(io.stderr, () => (countProgress ? auditedFiles.size : null));
  let results: ESLintClass.LintResult[] = [];
  try {
    if (scan.paths.length) results = await eslint.lintFiles(scan.paths);
  } catch (error) {
    // ESLint's own "No files matching the pattern" / "All files matched by ... are ignored".
    if (/No files matching|are ignored/u.test((error as Error).message))
      throw new UsageError((error as Error).message.split("\n")[0]);
    throw error;
  } finally {
    stopProgress();
  }
  // What could not be read is reported as not audited, in every format, and fails the run like a parse error.
  results.push(...scan.notAudited.map(({ path, reason }) => notAuditedResult(path, reason)));
  results.sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  const reported = options.quiet ? ESLint.getErrorResults(results) : results;
  const formatter = await loadFormatter(eslint, options.format);
  const output = await formatter.format(reported, { cwd, rulesMeta: eslint.getRulesMetaForResults(reported) } as never);
  if (options.outputFile) writeReport(resolve(cwd, options.outputFile), output);
  else if (output) io.stdout.write(output.endsWith("\n") ? output : `${output}\n`);

  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  // A file ESLint did not audit (an ignored file named on the command line) is a warning to ESLint, but the audit
  // did not happen: the exit code says so, as the report does.
  const unaudited = results.some((r) => r.messages.some((m) => !m.ruleId));
  if (errors || unaudited) return 1;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    io.stderr.write(`python-audit: too many warnings (${warnings}; --max-warnings is ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      if (error instanceof UsageError) process.stderr.write(`python-audit: ${error.message}\n\n${USAGE}\n`);
      else process.stderr.write(`python-audit: ${error.stack ?? error.message}\n`);
      process.exitCode = 2;
    },
  );
}

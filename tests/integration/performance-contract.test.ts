import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { eslintVersions, findStdlib, loadPlugin, pythonFiles, repoRoot } from "../helpers.js";

/**
 * The performance contract: linting with `configs.all` builds the semantic model at most once per file and never
 * builds the language's lazy token list (its first access re-parses and re-converts the whole file). Measured with
 * the plugin's debug counters (lib/debug-counters.ts) on real files, in language mode and in parser mode, and kept
 * statically: rules and the shared analysis may not call the token-store API (see `scanTokenApiUses`).
 */

/** The counters module of the plugin under test: the same dist/ path `loadPlugin()` requires, so the same instance. */
const { debugCounters, resetDebugCounters } = require(join(repoRoot, "dist", "lib", "debug-counters.js")) as {
  debugCounters: { modelsBuilt: number; tokenListsBuilt: number };
  resetDebugCounters(): void;
};

/** A few large, varied CPython stdlib modules (subprocess, logging, shutil, ...) next to the bundled examples. */
const STDLIB_SAMPLE = ["subprocess.py", "logging/__init__.py", "shutil.py", "tempfile.py", "argparse.py"];

function sampleFiles(): Array<{ label: string; code: string; filePath: string }> {
  const files = pythonFiles(join(repoRoot, "examples"))
    .sort()
    .map((path) => ({ label: relative(repoRoot, path), code: readFileSync(path, "utf8"), filePath: path }));
  const stdlib = findStdlib();
  if (stdlib) {
    for (const name of STDLIB_SAMPLE) {
      const path = join(stdlib, name);
      if (!existsSync(path)) continue;
      // Linted under a path inside the repository (lintText needs no file there): files outside the ESLint
      // base path would be ignored.
      files.push({
        label: `stdlib/${name}`,
        code: readFileSync(path, "utf8"),
        filePath: join(repoRoot, "perf-sample", "stdlib", name),
      });
    }
  }
  return files;
}

describe("performance contract: configs.all builds one model per file and no tokens", function () {
  this.timeout(60_000);
  const plugin = loadPlugin();
  const files = sampleFiles();
  const { ESLint } = eslintVersions[0].module;
  const configs = {
    language: [plugin.configs.all],
    parser: [
      {
        files: ["**/*.py"],
        plugins: { "python-audit": plugin },
        languageOptions: { parser: plugin.parser },
        rules: plugin.configs.all.rules,
      },
    ],
  };

  it("the sample holds the examples and the CPython files", function () {
    assert.ok(
      files.some((f) => f.label.startsWith("examples/")),
      "examples/**/*.py",
    );
    if (!findStdlib()) this.skip();
    assert.ok(files.filter((f) => f.label.startsWith("stdlib/")).length >= 3, files.map((f) => f.label).join(", "));
  });

  const runs = [
    { mode: "language", version: eslintVersions[0] },
    { mode: "parser", version: eslintVersions[0] },
    { mode: "language", version: eslintVersions[1] },
  ] as const;
  for (const { mode, version } of runs) {
    it(`${mode} mode, ${version.label}: models built <= files linted, token lists built == 0`, async () => {
      const eslint = new version.module.ESLint({
        cwd: repoRoot,
        overrideConfigFile: true,
        overrideConfig: configs[mode] as any,
      });
      // Plugin loading and config resolution happen outside the measurement; one file at a time, so a
      // failure names the file that broke the contract.
      const perFile: string[] = [];
      let models = 0;
      let tokenLists = 0;
      for (const file of files) {
        resetDebugCounters();
        const [result] = await eslint.lintText(file.code, { filePath: file.filePath });
        assert.deepEqual(
          result.messages.filter((m) => m.fatal),
          [],
          `${file.label} lints without a parse error`,
        );
        const { modelsBuilt, tokenListsBuilt } = debugCounters;
        models += modelsBuilt;
        tokenLists += tokenListsBuilt;
        if (modelsBuilt > 1 || tokenListsBuilt > 0)
          perFile.push(`${file.label}: ${modelsBuilt} models, ${tokenListsBuilt} token lists`);
      }
      resetDebugCounters();
      const lines = files.reduce((n, f) => n + f.code.split("\n").length, 0);
      console.log(`      ${files.length} files (${lines} lines): ${models} models, ${tokenLists} token lists built`);
      assert.deepEqual(perFile, [], "each file: at most one model, no token list");
      assert.ok(models <= files.length, `${models} models for ${files.length} files`);
      // The counters are wired to the plugin in use (configs.all has rules that use the model on every file).
      assert.ok(models > 0, "the model counter moved: the counters are the plugin's own instance");
      assert.equal(tokenLists, 0);
    });
  }

  it("the counters see a token list when one is built (the measurement can fail)", async () => {
    const probe = {
      rules: {
        tokens: {
          meta: { type: "problem", messages: { n: "{{n}}" }, schema: [] },
          create(context: any) {
            return {
              Program: (node: any) =>
                context.report({
                  node,
                  messageId: "n",
                  data: { n: String(context.sourceCode.getTokens(node).length) },
                }),
            };
          },
        },
      },
    };
    const eslint = new ESLint({
      cwd: repoRoot,
      overrideConfigFile: true,
      overrideConfig: [
        plugin.configs.all,
        { files: ["**/*.py"], plugins: { probe }, rules: { "probe/tokens": "error" } },
      ] as any,
    });
    resetDebugCounters();
    await eslint.lintText("import os\nos.system('ls')\n", { filePath: join(repoRoot, "perf-sample", "probe.py") });
    const { modelsBuilt, tokenListsBuilt } = debugCounters;
    resetDebugCounters();
    assert.equal(tokenListsBuilt, 1);
    assert.equal(modelsBuilt, 1);
  });
});

/** Token-store members: any of them makes the language build the file's token list. */
const TOKEN_API =
  /\b(getTokens|getTokensBefore|getTokensAfter|getTokensBetween|getTokenBefore|getTokenAfter|getFirstTokens?|getLastTokens?|getFirstTokenBetween|getLastTokenBetween|getTokenByRangeStart|getTokenOrCommentBefore|getTokenOrCommentAfter|getCommentsBefore|getCommentsAfter|getCommentsInside|commentsExistBetween)\b|\.tokens\b|\btokensAndComments\b/u;
/** The allow-list form: `// token-api: <reason>` on the line (or alone on the line above), for a justified off-path use. */
const ALLOW = /\/\/\s*token-api:\s*\S/u;

/** `file:line: text` for each token-store use in `text` that no `// token-api: <reason>` comment allows. */
function scanTokenApiUses(file: string, text: string): string[] {
  const found: string[] = [];
  const lines = text.split("\n");
  let inBlockComment = false;
  lines.forEach((line, index) => {
    let code = line;
    if (inBlockComment) {
      const end = code.indexOf("*/");
      if (end < 0) return;
      code = code.slice(end + 2);
      inBlockComment = false;
    }
    // Comments may name the API (to explain why it is avoided); only code counts.
    code = code.replace(/\/\*.*?\*\//gu, "");
    const open = code.indexOf("/*");
    if (open >= 0) {
      code = code.slice(0, open);
      inBlockComment = true;
    }
    code = code.replace(/(^|[^:"'`])\/\/.*$/u, "$1");
    if (!TOKEN_API.test(code)) return;
    const above = lines[index - 1]?.trim() ?? "";
    if (ALLOW.test(line) || (above.startsWith("//") && ALLOW.test(above))) return;
    found.push(`${file}:${index + 1}: ${line.trim()}`);
  });
  return found;
}

function tsFiles(dir: string, recursive: boolean, out: string[] = []): string[] {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (recursive) tsFiles(path, recursive, out);
    } else if (entry.endsWith(".ts") && !entry.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

describe("performance contract: rules and the analysis do not call the token-store API", () => {
  it("lib/rules/*.ts and lib/analysis/**/*.ts: no token-store call without a `// token-api: <reason>` comment", () => {
    const files = [
      ...tsFiles(join(repoRoot, "lib", "rules"), false),
      ...tsFiles(join(repoRoot, "lib", "analysis"), true),
    ];
    assert.ok(files.length >= 5, "the sources are there (tests run from the repository)");
    const found = files.flatMap((path) => scanTokenApiUses(relative(repoRoot, path), readFileSync(path, "utf8")));
    assert.deepEqual(
      found,
      [],
      `token-store API on a rule's path (build the answer from the AST or the text, or justify the use with \`// token-api: <reason>\`):\n${found.join("\n")}`,
    );
  });

  it("the scan finds each form and honours the allow-list comment", () => {
    const sample = [
      "const a = sourceCode.getFirstToken(node);",
      "const b = context.sourceCode.getTokenBefore(node, { includeComments: true });",
      "const c = sourceCode.ast.tokens.length;",
      "for (const t of sourceCode.tokensAndComments) {}",
      "const d = sc.getCommentsInside(node);",
      "const e = sc.getTokens(node); // token-api: fixer only, runs once per report",
      "// token-api: the suggestion's range, computed only when the rule reports",
      "const f = sc.getLastToken(node);",
      "// Asking getTokenBefore here would build the tokens.",
      "/* getTokensBetween in a comment */ const g = 1;",
      "/**",
      " * sourceCode.tokens is lazy",
      " */",
      "const h = sc.getTokenAfter(node); // token-api:",
    ].join("\n");
    assert.deepEqual(
      scanTokenApiUses("sample.ts", sample).map((s) => s.split(":")[1]),
      ["1", "2", "3", "4", "5", "14"],
    );
  });
});

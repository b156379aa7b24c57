import type { File, Language, LanguageContext, OkParseResult, ParseResult } from "@eslint/core";
import type { Program, PyNode } from "../ast/generated/node-types.js";
import { visitorKeys } from "../ast/generated/visitor-keys.js";
import { parsePython, PythonSyntaxError, type ServicesFactory } from "../parser/index.js";
import { PythonSourceCode } from "./python-source-code.js";

/**
 * Language options of `python-audit/python`; unknown keys are rejected so typos do not pass.
 * - `nosec` (default true): honour Bandit's `# nosec` and Ruff's `# noqa: S602` comments.
 */
export type PythonLanguageOptions = { nosec?: boolean } & Record<string, unknown>;

const LANGUAGE_OPTIONS: Record<string, (value: unknown) => boolean> = { nosec: (value) => typeof value === "boolean" };

/**
 * JS-shaped defaults that core rules read unconditionally from `context.languageOptions` (`strict` reads
 * `parserOptions.ecmaFeatures`); they describe no Python behaviour.
 */
const JS_COMPAT_DEFAULTS = {
  sourceType: "module",
  ecmaVersion: 2025,
  globals: {},
  parserOptions: { ecmaFeatures: {} },
};

/**
 * JS language options that shared configs commonly set for all files; they mean nothing for Python and are
 * ignored rather than rejected, so a global `languageOptions: { globals }` block does not break `.py` files.
 */
const IGNORED_JS_OPTIONS = new Set(["ecmaVersion", "sourceType", "globals", "parser", "parserOptions"]);

/** The `python-audit/python` language: ESLint's languages API over the same AST producer as the parser. */
export class PythonLanguage implements Language<{
  LangOptions: PythonLanguageOptions;
  Code: PythonSourceCode;
  RootNode: Program;
  Node: PyNode;
}> {
  readonly fileType = "text" as const;
  readonly lineStart = 1 as const;
  readonly columnStart = 0 as const;
  readonly nodeTypeKey = "type";
  readonly visitorKeys = visitorKeys as unknown as Record<string, string[]>;
  readonly defaultLanguageOptions: PythonLanguageOptions = JS_COMPAT_DEFAULTS;

  /** `services` become each file's `sourceCode.parserServices` (the plugin passes the semantic model's). */
  constructor(private readonly services: ServicesFactory = () => ({})) {}

  validateLanguageOptions(languageOptions: PythonLanguageOptions): void {
    for (const [key, value] of Object.entries(languageOptions ?? {})) {
      if (IGNORED_JS_OPTIONS.has(key)) continue;
      const valid = LANGUAGE_OPTIONS[key];
      if (!valid)
        throw new Error(
          `Unknown language option "${key}" for python-audit/python (known: ${Object.keys(LANGUAGE_OPTIONS).join(", ")}).`,
        );
      if (!valid(value))
        throw new Error(
          `Language option "${key}" of python-audit/python must be a boolean, got ${JSON.stringify(value)}.`,
        );
    }
  }

  parse(file: File, _context?: LanguageContext<PythonLanguageOptions>): ParseResult<Program> {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    try {
      return { ok: true, ast: parsePython(text, { lazyTokens: true, filePath: file.physicalPath ?? file.path }) };
    } catch (error) {
      if (!(error instanceof PythonSyntaxError)) throw error;
      // ESLint passes parse-error columns through unchanged (measured on 9.39 and 10.15, unlike report
      // locations, which it shifts by `columnStart`), so they are given 1-based like its own messages.
      return { ok: false, errors: [{ message: error.message, line: error.lineNumber, column: error.column }] };
    }
  }

  createSourceCode(file: File, parseResult: OkParseResult<Program>): PythonSourceCode {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    return new PythonSourceCode({ text, ast: parseResult.ast, services: this.services(parseResult.ast, text) });
  }
}

import type TreeSitter from "tree-sitter";

/**
 * Loads the native tree-sitter binding lazily, once per thread (each ESLint `--concurrency` worker has its own
 * module registry and so its own parser), and turns a load failure into an error that says how to repair it.
 */
let parser: TreeSitter | undefined;

export class NativeBindingError extends Error {
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `eslint-plugin-python-audit could not load the tree-sitter native binding (${reason}). ` +
        "It is built from source when no prebuilt binary fits this machine: reinstall with a C++ compiler, " +
        "python3 and Node's headers available (e.g. `npm_config_nodedir=/usr npm rebuild tree-sitter`).",
    );
    this.name = "NativeBindingError";
  }
}

export function getParser(): TreeSitter {
  if (parser) return parser;
  let Parser: typeof TreeSitter;
  let Python: unknown;
  try {
    Parser = require("tree-sitter") as typeof TreeSitter;
    Python = require("tree-sitter-python");
  } catch (error) {
    throw new NativeBindingError(error);
  }
  const instance = new Parser();
  instance.setLanguage(Python as TreeSitter.Language);
  parser = instance;
  return instance;
}

/**
 * The text tree-sitter should see: tree-sitter-python ends lines at \n only; Python (universal newlines) and
 * ESLint also at a lone \r. The replacement keeps the length, so every offset still indexes the original text.
 */
export function treeSitterInput(text: string): string {
  return text.includes("\r") ? text.replace(/\r(?!\n)/gu, "\n") : text;
}

export function parseTree(text: string): TreeSitter.Tree {
  const input = treeSitterInput(text);
  // A buffer as large as the text lets tree-sitter read it in one callback instead of 16 KiB slices.
  return getParser().parse(input, null, { bufferSize: Math.max(16 * 1024, input.length + 1) });
}

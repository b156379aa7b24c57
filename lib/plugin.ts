import type { ESLint } from "eslint";
import { createParserServices } from "./analysis/model.js";
import { PythonLanguage } from "./language/python-language.js";
import { createParser } from "./parser/index.js";
import { rules } from "./rules/index.js";
import { createConfigs } from "./configs/index.js";
import { packageMeta } from "./package-meta.js";

const NAMESPACE = "python-audit";

const pluginBase = {
  meta: { name: packageMeta.name, version: packageMeta.version, namespace: NAMESPACE },
  languages: { python: new PythonLanguage(createParserServices) },
  /** For `languageOptions: { parser }` users (ESLint's JS language with our AST). */
  parser: createParser(createParserServices),
  rules,
};

type Configs = ReturnType<typeof createConfigs>;

/** The plugin object; `configs` refer back to it, so they are attached after creation. */
export const plugin = pluginBase as typeof pluginBase & { configs: Configs };
plugin.configs = createConfigs(plugin as unknown as ESLint.Plugin, NAMESPACE, rules as never);

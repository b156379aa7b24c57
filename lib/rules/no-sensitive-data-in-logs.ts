import { isStatic } from "../analysis/values.js";
import type { PyCall, PyNode } from "../ast/generated/node-types.js";
import { callArguments, unparenthesize } from "../ast/accessors.js";
import { catalog, extendPatterns, MASKER_IMPORTS, MASKING_NAME } from "../analysis/catalog/index.js";
import { isLoggingCall } from "../analysis/handlers.js";
import { identifierWords, isPolicyCredentials, isWholeObject, loggedValues, valueName } from "../analysis/logging.js";
import { AUTOFIX_OPTION, createRule, importFix, shortText } from "../rule-kit/index.js";

type Options = [
  {
    loggerNames: string[];
    sensitiveWords: string[];
    ignoredWords: string[];
    maskingFunctions: string[];
    suggestedMaskFunction: string;
    autofix: boolean;
  },
];
type MessageIds = "sensitiveValue" | "wholeObject" | "mask";

export default createRule<Options, MessageIds>({
  name: "no-sensitive-data-in-logs",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow passwords, tokens, keys and whole configuration objects in log messages",
      recommended: true,
      severity: "error",
      category: "Sensitive data in logs",
      remediation:
        "Never log secrets or whole configuration objects: log the specific non-secret values, or mask secrets first with `oslo_utils.strutils.mask_password()` / `mask_dict_password()`.",
      checks: {
        sensitiveValue: { id: "no-sensitive-data-in-logs/secret", cwe: [532] },
        wholeObject: { id: "no-sensitive-data-in-logs/whole-object", cwe: [532] },
      },
    },
    hasSuggestions: true,
    messages: {
      sensitiveValue:
        "`{{value}}` looks like a secret ('{{word}}') and is written to the log by `{{logger}}`; mask it (e.g. {{mask}}) or leave it out.",
      wholeObject:
        "`{{value}}` is written to the log by `{{logger}}`: it holds every setting or variable, credentials included; log the specific non-secret values instead.",
      mask: "Wrap `{{value}}` in {{mask}}().",
    },
    schema: [
      {
        type: "object",
        properties: {
          loggerNames: {
            type: "array",
            items: { type: "string" },
            description:
              "More logger names or attributes (`audit_log`, `self._log`), besides getLogger() results and LOG/log/logger/LOGGER/_LOG.",
          },
          sensitiveWords: {
            type: "array",
            items: { type: "string" },
            description:
              "Words that mark a name as secret (matched against the words of snake_case/camelCase names; `api_key` matches two adjacent words).",
          },
          ignoredWords: {
            type: "array",
            items: { type: "string" },
            description:
              "Words that say a name is about the secret, not the secret itself (`password_length`, `token_expires_at`, `token_type`).",
          },
          maskingFunctions: {
            type: "array",
            items: { type: "string" },
            description: "More functions whose result is safe to log, besides names containing mask/redact/sanitize.",
          },
          suggestedMaskFunction: {
            type: "string",
            description: "The masking function the suggestion wraps values in.",
          },
          ...AUTOFIX_OPTION,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [
      {
        loggerNames: [],
        sensitiveWords: [
          "password",
          "passwd",
          "passphrase",
          "secret",
          "token",
          "api_key",
          "apikey",
          "private_key",
          "credential",
          "credentials",
          "access_key",
          "secret_key",
          "auth_key",
        ],
        ignoredWords: [
          "length",
          "len",
          "count",
          "size",
          "expires",
          "expiry",
          "expiration",
          "expire",
          "expired",
          "type",
          "types",
          "file",
          "path",
          "url",
          "uri",
          "name",
          "policy",
          "timeout",
          "format",
          "required",
          "enabled",
          "prompt",
          "field",
          "fields",
          "ref",
          "href",
          "version",
          "ttl",
          "lifetime",
          "id",
          "ids",
          "uuid",
          "label",
          "labels",
          "duration",
          "cache",
        ],
        maskingFunctions: [],
        suggestedMaskFunction: "strutils.mask_password",
        autofix: false,
      },
    ],
    fixable: "code",
  },
  create(context, tools) {
    const [{ loggerNames, sensitiveWords, ignoredWords, maskingFunctions, suggestedMaskFunction, autofix }] =
      context.options;
    const { extraLoggers, sensitive, ignored } = compiledWords(
      context.options[0],
      loggerNames,
      sensitiveWords,
      ignoredWords,
    );
    const masking = extendPatterns(catalog.maskingFunctions, maskingFunctions);
    const sourceCode = context.sourceCode;

    /** The sensitive word in a name, or null (words from `ignoredWords` clear the name). */
    function secretWord(name: string | null): string | null {
      if (!name) return null;
      const words = identifierWords(name);
      if (words.some((w) => ignored.has(w))) return null;
      for (const phrase of sensitive) {
        for (let i = 0; i + phrase.length <= words.length; i++) {
          if (phrase.every((p, j) => words[i + j] === p)) return phrase.join("_");
        }
      }
      return null;
    }

    function isSafeWrapper(value: PyNode): boolean {
      const node = unparenthesize(value);
      if (node?.type === "PyCall") {
        const callee = tools.model.calleeName(node) ?? sourceCode.getText(node.function);
        return MASKING_NAME.test(callee) || masking.matches(callee) || catalog.harmlessCalls.matches(callee);
      }
      if (node?.type === "PyComparisonOperator") return true;
      if (node?.type === "PyNotOperator" || node?.type === "PyBooleanOperator") return true;
      return false;
    }

    /**
     * `self.__dict__` / `vars(self)`: every attribute of the object. True when its class assigns one whose name is a
     * secret's (`self.password = ...`), false when none is (a model's id and timestamps are no leak), null when the
     * value is not the state of a method's own object.
     */
    function holdsSecretAttributes(node: PyNode): boolean | null {
      const receiver =
        node.type === "PyAttribute" && node.attribute.name === "__dict__"
          ? node.object
          : node.type === "PyCall" && tools.model.callsBuiltin(node, "vars")
            ? (callArguments(node)[0] ?? null)
            : null;
      const names = receiver ? tools.model.selfAttributeNames(receiver) : null;
      return names ? names.some((name) => secretWord(name) !== null) : null;
    }

    function check(call: PyCall): void {
      const logger = sourceCode.getText(call.function);
      for (const { value, key } of loggedValues(call, tools.model)) {
        if (isSafeWrapper(value)) continue;
        const node = unparenthesize(value)!;
        const text = sourceCode.getText(node).replace(/\s+/gu, " ");
        const written = node.type === "PyIdentifier" || node.type === "PyAttribute" ? text : null;
        const callee = node.type === "PyCall" ? tools.model.calleeName(node) : null;
        const ownState = holdsSecretAttributes(node);
        if (
          ownState === true ||
          (ownState === null &&
            (catalog.wholeObjects.matches(written) ||
              isWholeObject(node, tools.model) ||
              catalog.wholeScopeCalls.matches(callee)))
        ) {
          context.report({ node: call, messageId: "wholeObject", data: { value: shortText(text), logger } });
          continue;
        }
        const word = secretWord(valueName(node, tools.model)) ?? secretWord(key);
        if (!word) continue;
        if (isStatic(tools.model, node) || isPolicyCredentials(node, call, tools.model)) continue;
        const mask = (fixer: any) => {
          const fixes = [fixer.replaceTextRange(node.range, `${suggestedMaskFunction}(${sourceCode.getText(node)})`)];
          const [module] = suggestedMaskFunction.split(".");
          const neededImport = Object.hasOwn(MASKER_IMPORTS, suggestedMaskFunction)
            ? MASKER_IMPORTS[suggestedMaskFunction]
            : null;
          if (neededImport && !tools.model.module.bindings.has(module)) {
            fixes.push(importFix(fixer, sourceCode, neededImport));
          }
          return fixes;
        };
        context.report({
          node: call,
          messageId: "sensitiveValue",
          data: { value: shortText(text), word, logger, mask: suggestedMaskFunction },
          // `autofix`: only where the masking function is sure to exist when the fix runs (see maskerAvailable).
          ...(autofix && maskerAvailable() ? { fix: mask } : {}),
          suggest: [{ messageId: "mask", data: { value: shortText(text), mask: suggestedMaskFunction }, fix: mask }],
        });
      }
    }

    /**
     * Whether `--fix` may write the masking function: its module is already bound in the file, or it is oslo's
     * (`strutils.mask_password`, whose import the fix adds) in a file that already imports from an `oslo_*` package.
     */
    function maskerAvailable(): boolean {
      const module = tools.model.module;
      const [first] = suggestedMaskFunction.split(".");
      if (module.bindings.get(first)?.some((b) => b.kind === "import")) return true;
      if (!Object.hasOwn(MASKER_IMPORTS, suggestedMaskFunction)) return false;
      for (const bindings of module.bindings.values())
        if (bindings.some((b) => b.kind === "import" && b.imported?.startsWith("oslo_"))) return true;
      return false;
    }

    return {
      PyCall(node: PyCall) {
        if (isLoggingCall(node, tools.model, extraLoggers)) check(node);
      },
    };
  },
});

interface CompiledWords {
  extraLoggers: Set<string>;
  /** Each sensitive word as its lower-case parts (`api_key` -> `api`, `key`). */
  sensitive: string[][];
  ignored: Set<string>;
}
const compiledByOptions = new WeakMap<object, CompiledWords>();

/** The word lists of the options in the form the checks use, compiled once per options object (not per file). */
function compiledWords(
  options: object,
  loggerNames: readonly string[],
  sensitiveWords: readonly string[],
  ignoredWords: readonly string[],
): CompiledWords {
  let compiled = compiledByOptions.get(options);
  if (!compiled) {
    compiled = {
      extraLoggers: new Set(loggerNames),
      sensitive: sensitiveWords.map((w) =>
        w
          .toLowerCase()
          .split(/[^a-z0-9]+/u)
          .filter(Boolean),
      ),
      ignored: new Set(ignoredWords.map((w) => w.toLowerCase())),
    };
    compiledByOptions.set(options, compiled);
  }
  return compiled;
}

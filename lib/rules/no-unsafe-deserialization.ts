import {
  CalleeMatcher,
  MARSHAL_LOADERS,
  PICKLE_LOADERS,
  TORCH_LOADERS,
  YAML_LOADERS,
  YAML_SAFE_EQUIVALENT,
  YAML_SAFE_LOADER_CLASSES,
  YAML_UNSAFE_LOADERS,
} from "../analysis/catalog/index.js";
import { truthiness } from "../analysis/values.js";
import type { PyCall, PyNode } from "../ast/generated/node-types.js";
import {
  argument,
  canImportModule,
  defineCallRule,
  suggestKeyword,
  moduleImportFixes,
  unparenthesize,
  type CallCheckContext,
  type CallCheckSuggestion,
  type PythonModel,
} from "../rule-kit/index.js";

const safeLoaders = CalleeMatcher.of(YAML_SAFE_LOADER_CLASSES);
const unsafeYamlFunctions = CalleeMatcher.of(YAML_UNSAFE_LOADERS);
const MAX_DEPTH = 8;

/**
 * Whether a `Loader=` value is a safe loader: one of PyYAML's safe classes, a class of this file derived from one,
 * or a name every reaching assignment of which is one. Null when it cannot be known (a parameter, an attribute of an
 * object): the caller decides, and precision comes first.
 */
function isSafeLoader(model: PythonModel, expr: PyNode | null, depth = 0): boolean | null {
  const node = unparenthesize(expr);
  if (!node || depth > MAX_DEPTH) return null;
  const name = model.qualifiedName(node);
  if (safeLoaders.matches(name)) return true;
  if (name?.startsWith("yaml.")) return false;
  const verdict = (value: PyNode | null) => isSafeLoader(model, value, depth + 1);
  if (node.type === "PyAttribute") {
    // `Loader=self.loader`: what the class's property returns, or what its methods assign.
    const values = model.propertyReturns(node) ?? model.selfAttributeValues(node);
    return values?.length ? everyVerdict(values.map(verdict)) : null;
  }
  if (node.type !== "PyIdentifier") return null;
  const bindings = model.reachingBindings(node.name, node);
  if (!bindings.length) return null;
  return everyVerdict(
    bindings.map((binding) => {
      if (binding.kind === "assign") return verdict(binding.value);
      if (binding.kind !== "def" || binding.value?.type !== "PyClassDefinition") return null;
      // A class of the file: safe when one base is a safe loader, unsafe when a base is an unsafe one.
      const bases = (binding.value.superclasses?.children ?? []).map(verdict);
      return bases.includes(true) ? true : bases.includes(false) ? false : null;
    }),
  );
}

/** Several possible loaders: unsafe if one is, safe if all are, else unknown. */
function everyVerdict(verdicts: ReadonlyArray<boolean | null>): boolean | null {
  return verdicts.includes(false) ? false : verdicts.every((v) => v === true) ? true : null;
}

/** The `Loader` a `yaml.load` call passes: `Loader=` or its second positional argument. */
function loaderOf(call: PyCall): PyNode | null {
  return argument(call, { name: "Loader", position: 1 });
}

/** `yaml.load(s)` without a safe loader, and the loaders that are unsafe whatever they are given. */
function loadsUnsafeYaml({ call, callee, model }: CallCheckContext<unknown>): boolean {
  if (unsafeYamlFunctions.matches(callee)) return true;
  const loader = loaderOf(call);
  return !loader || isSafeLoader(model, loader) === false;
}

/**
 * `yaml.safe_load(...)` for a call written `<module>.load(...)` or `load(...)` without a loader; `Loader=
 * yaml.SafeLoader` where the call passes an unsafe one.
 */
function safeYamlSuggestion({ call, model, sourceCode }: CallCheckContext<unknown>): CallCheckSuggestion[] {
  const fn = unparenthesize(call.function);
  const written = fn?.type === "PyAttribute" ? fn.attribute.name : fn?.type === "PyIdentifier" ? fn.name : null;
  const safe = written ? YAML_SAFE_EQUIVALENT[model.calleeName(call)?.split(".").pop() ?? ""] : undefined;
  const loader = loaderOf(call);
  if (loader) {
    if (!canImportModule(model, "yaml") || loader.parent?.type !== "PyKeywordArgument") return [];
    return [
      {
        messageId: "useSafeLoader",
        fix: (fixer) => [
          fixer.replaceTextRange(loader.range, "yaml.SafeLoader"),
          ...(moduleImportFixes(fixer, sourceCode, model, "yaml") ?? []),
        ],
      },
    ];
  }
  if (!safe || !fn) return [];
  if (fn.type === "PyAttribute")
    return [{ messageId: "useSafeLoad", fix: (fixer) => fixer.replaceTextRange(fn.attribute.range, safe) }];
  if (!canImportModule(model, "yaml")) return [];
  return [
    {
      messageId: "useSafeLoad",
      fix: (fixer) => [
        fixer.replaceTextRange(fn.range, `yaml.${safe}`),
        ...(moduleImportFixes(fixer, sourceCode, model, "yaml") ?? []),
      ],
    },
  ];
}

export default defineCallRule({
  name: "no-unsafe-deserialization",
  description:
    "Disallow deserialisers that can run code chosen by the data: pickle, marshal, unsafe YAML loaders, torch.load",
  recommended: true,
  severity: "error",
  category: "Insecure deserialisation",
  remediation:
    "Exchange data in a format that cannot name code (JSON, msgpack, protobuf); load YAML with `yaml.safe_load()`; load PyTorch checkpoints with `weights_only=True` or store tensors with `safetensors`; where pickle cannot be avoided, sign the bytes (HMAC) and verify the signature before loading.",
  suggestions: {
    useSafeLoad: "Use yaml.safe_load (plain data only).",
    useSafeLoader: "Pass Loader=yaml.SafeLoader (plain data only).",
    useWeightsOnly: "Pass weights_only=True (tensors and plain containers only).",
  },
  checks: [
    {
      id: "B301",
      messageId: "pickleLoad",
      message:
        "`{{callee}}` unpickles its input, and unpickling runs code chosen by the data: whoever can write it runs code here. Use a data-only format (JSON, msgpack) for anything that crosses a trust boundary.",
      callee: PICKLE_LOADERS,
      remediation:
        "Exchange data in a format that cannot name code (JSON, msgpack, protobuf); where pickle is unavoidable, sign the bytes (HMAC) and verify before loading, or restrict `Unpickler.find_class` to an allow-list.",
      bandit: ["B301", "pickle"],
      ruff: ["S301"],
      cwe: [502],
    },
    {
      id: "B302",
      messageId: "marshalLoad",
      message:
        "`{{callee}}` reads marshal data, which is not safe against malformed or malicious input. Use a data-only format (JSON) for anything that crosses a trust boundary.",
      callee: MARSHAL_LOADERS,
      remediation: "Use JSON (or another data-only format) for data you did not write yourself in this process.",
      bandit: ["B302", "marshal"],
      ruff: ["S302"],
      cwe: [502],
    },
    {
      id: "B506",
      messageId: "unsafeYamlLoad",
      message:
        "`{{callee}}` without a safe loader builds arbitrary Python objects named by the YAML tags, running code chosen by the document. Use yaml.safe_load() or Loader=yaml.SafeLoader.",
      callee: [...YAML_LOADERS, ...YAML_UNSAFE_LOADERS],
      when: loadsUnsafeYaml,
      suggest: safeYamlSuggestion,
      remediation:
        "Use `yaml.safe_load()` / `yaml.safe_load_all()`, or pass `Loader=yaml.SafeLoader` (`yaml.CSafeLoader`).",
      bandit: ["B506", "yaml_load"],
      ruff: ["S506"],
      cwe: [20, 502],
    },
    {
      id: "B614",
      messageId: "torchLoad",
      message:
        "`{{callee}}` without weights_only=True unpickles the file, running code chosen by whoever wrote it. Pass weights_only=True.",
      callee: TORCH_LOADERS,
      when: ({ call, model }) => {
        const weightsOnly = argument(call, { name: "weights_only" });
        return !weightsOnly || truthiness(model, weightsOnly) === false;
      },
      suggest: suggestKeyword("useWeightsOnly", "weights_only", "True"),
      remediation:
        "Pass `weights_only=True` (the default from PyTorch 2.6), or save tensors with `safetensors` and load them with it.",
      bandit: ["B614", "pytorch_load"],
      ruff: ["S614"],
      cwe: [502],
    },
  ],
});

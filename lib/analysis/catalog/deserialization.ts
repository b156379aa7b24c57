import type { CalleePattern } from "./pattern.js";

/**
 * Loaders that run code chosen by the data they read: pickle and the formats built on it (Bandit B301, Ruff S301)
 * and marshal (B302, S302). Writing (`dump`, `dumps`) is safe.
 */
export const PICKLE_LOADERS: readonly CalleePattern[] = [
  ...["pickle", "cPickle", "_pickle", "dill", "cloudpickle"].flatMap((module) => [
    `${module}.load`,
    `${module}.loads`,
    `${module}.Unpickler`,
  ]),
  "shelve.open",
  "shelve.DbfilenameShelf",
  "jsonpickle.decode",
  "jsonpickle.unpickler.decode",
  "pandas.read_pickle",
  "joblib.load",
];
export const MARSHAL_LOADERS: readonly CalleePattern[] = ["marshal.load", "marshal.loads"];

/** PyYAML loaders that construct arbitrary Python objects unless given a safe `Loader` (B506, S506). */
export const YAML_LOADERS: readonly CalleePattern[] = ["yaml.load", "yaml.load_all"];
/** PyYAML loaders that are unsafe whatever their arguments (`full_load` allowed code execution before 5.4). */
export const YAML_UNSAFE_LOADERS: readonly CalleePattern[] = [
  "yaml.unsafe_load",
  "yaml.unsafe_load_all",
  "yaml.full_load",
  "yaml.full_load_all",
];
/** `Loader=` classes that build only plain data. */
export const YAML_SAFE_LOADER_CLASSES: readonly CalleePattern[] = [
  "yaml.SafeLoader",
  "yaml.CSafeLoader",
  "yaml.BaseLoader",
  "yaml.CBaseLoader",
  "yaml.loader.SafeLoader",
  "yaml.loader.BaseLoader",
  "yaml.cyaml.CSafeLoader",
  "yaml.cyaml.CBaseLoader",
];
/** The safe function for each PyYAML loader, for the suggestion. */
export const YAML_SAFE_EQUIVALENT: Readonly<Record<string, string>> = {
  load: "safe_load",
  unsafe_load: "safe_load",
  full_load: "safe_load",
  load_all: "safe_load_all",
  unsafe_load_all: "safe_load_all",
  full_load_all: "safe_load_all",
};

/** `torch.load` unpickles unless `weights_only=True` (B614, S614). */
export const TORCH_LOADERS: readonly CalleePattern[] = ["torch.load", "torch.serialization.load"];

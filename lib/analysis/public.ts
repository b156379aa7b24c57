/**
 * `eslint-plugin-python-audit/analysis`: what a team rule can build on. The callee grammar and matcher, the
 * catalog of Python APIs (read it, extend it in your own matchers), the file's semantic model, and the taint
 * engine with your own specs. Everything else under lib/analysis is internal and may change between minor versions.
 */
export {
  CalleeMatcher,
  catalog,
  extendMatcher,
  extendPatterns,
  patternError,
  type ArgumentSlot,
  type CalleePattern,
  type Catalog,
  type CheckReference,
  type ResourceEntry,
  type SanitizerEntry,
  type SinkEntry,
  type SinkKind,
  type SourceEntry,
} from "./catalog/index.js";
export { getModel } from "./index.js";
export type { PythonModel } from "./model.js";
export type { Binding, BindingKind, Scope } from "./scopes.js";
export {
  analyze,
  defineTaintSpec,
  describeFlow,
  type TaintFlow,
  type TaintSpec,
  type TaintSpecInit,
  type TaintStep,
} from "./taint.js";
export { isStatic, pyRepr, pyStr, staticString, staticValue, truthiness, truthOf, type PyValue } from "./values.js";
export {
  sequenceElements,
  stringParts,
  type SequenceElements,
  type StringPart,
  type StringPartsOptions,
} from "./strings.js";

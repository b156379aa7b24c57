export * from "./base.js";
export * from "./generated/node-types.js";
export { visitorKeys } from "./generated/visitor-keys.js";
export * from "./accessors.js";

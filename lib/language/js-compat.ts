import type { Program } from "../ast/generated/node-types.js";

/**
 * A scope manager with one empty global scope. Core ESLint rules that a user applies to all files
 * (`js.configs.recommended` without `files`) call `sourceCode.getScope()` / `scopeManager` in `Program`
 * listeners; Python has no JS scopes, so they find nothing to report instead of crashing.
 */
export interface EmptyScope {
  type: "global";
  block: Program;
  upper: null;
  childScopes: never[];
  variables: never[];
  references: never[];
  through: never[];
  set: Map<string, never>;
  isStrict: boolean;
  functionExpressionScope: boolean;
  variableScope: EmptyScope;
  implicit: { variables: never[]; set: Map<string, never>; left: never[] };
}

export interface EmptyScopeManager {
  scopes: EmptyScope[];
  globalScope: EmptyScope;
  acquire(node: unknown, inner?: boolean): EmptyScope | null;
  acquireAll(node: unknown): EmptyScope[] | null;
  release(node: unknown, inner?: boolean): EmptyScope | null;
  getDeclaredVariables(node: unknown): never[];
  addGlobals(names: string[]): void;
  isGlobalReturn(): boolean;
  isModule(): boolean;
  isImpliedStrict(): boolean;
  isStrictModeSupported(): boolean;
  __isES6(): boolean;
}

export function createEmptyScopeManager(ast: Program): EmptyScopeManager {
  const globalScope = {
    type: "global",
    block: ast,
    upper: null,
    childScopes: [],
    variables: [],
    references: [],
    through: [],
    set: new Map(),
    isStrict: false,
    functionExpressionScope: false,
    implicit: { variables: [], set: new Map(), left: [] },
  } as unknown as EmptyScope;
  globalScope.variableScope = globalScope;
  return {
    scopes: [globalScope],
    globalScope,
    acquire: (node) => (node === ast ? globalScope : null),
    acquireAll: (node) => (node === ast ? [globalScope] : null),
    release: () => null,
    getDeclaredVariables: () => [],
    addGlobals: () => undefined,
    isGlobalReturn: () => false,
    isModule: () => true,
    isImpliedStrict: () => false,
    isStrictModeSupported: () => true,
    __isES6: () => true,
  };
}

/** One reachable code path segment covering the whole file, for the code-path events core rules listen to. */
export function createProgramCodePath() {
  const segment = {
    id: "s1_1",
    reachable: true,
    nextSegments: [],
    prevSegments: [],
    allNextSegments: [],
    allPrevSegments: [],
  };
  const codePath = {
    id: "s1",
    origin: "program",
    upper: null,
    childCodePaths: [],
    initialSegment: segment,
    finalSegments: [segment],
    returnedSegments: [segment],
    thrownSegments: [],
    currentSegments: [segment],
    traverseSegments(callback: (segment: unknown, controller: unknown) => void) {
      callback(segment, { skip() {}, break() {} });
    },
  };
  return { codePath, segment };
}

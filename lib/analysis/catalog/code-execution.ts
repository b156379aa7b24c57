import type { CalleePattern } from "./pattern.js";

/** Builtins that compile and run Python code from a string (Bandit B307/B102, Ruff S307/S102). */
export const CODE_EVALUATORS: readonly CalleePattern[] = ["eval", "builtins.eval"];
export const CODE_EXECUTORS: readonly CalleePattern[] = ["exec", "builtins.exec"];

/**
 * Work counters for the performance contract (tests/integration/performance-contract.test.ts): how many semantic
 * models and lazy token lists the plugin has built in this process. Plain integer increments, cheap enough to
 * stay in production code.
 *
 * A leaf module: it imports nothing from lib/, so any module may increment it without an import cycle. The
 * counters are per module instance: read them through the same path the plugin was loaded from
 * (`dist/lib/debug-counters.js` next to the `dist/index.js` in use).
 */
export const debugCounters = {
  /** `PythonModel`s constructed (lib/analysis/model.ts `getPythonModel`): at most one per linted file. */
  modelsBuilt: 0,
  /** Token lists built on first access to the language's lazy `Program.tokens` (a re-parse of the whole file). */
  tokenListsBuilt: 0,
};

/**
 * Sets every counter back to 0 (before a measurement).
 * @public read by the performance-contract test through dist/, which knip cannot follow
 */
export function resetDebugCounters(): void {
  debugCounters.modelsBuilt = 0;
  debugCounters.tokenListsBuilt = 0;
}

// The spec reporter plus a closing `N passed, N failed, N skipped` line that CI tooling recognises.
const Spec = require("mocha").reporters.Spec;

class SummaryReporter extends Spec {
  constructor(runner: any, options: any) {
    super(runner, options);
    runner.once("end", () => {
      const { passes, failures, pending } = runner.stats;
      console.log(`${passes} passed, ${failures} failed, ${pending} skipped`);
    });
  }
}

module.exports = SummaryReporter;

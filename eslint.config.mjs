// The configuration `npm start` uses to audit examples/: exactly what a user writes, with the plugin
// imported from this checkout's build instead of `eslint-plugin-python-audit`.
import { defineConfig } from "eslint/config";
import pythonAudit from "./dist/index.js";

export default defineConfig([
  { ignores: ["dist/**", "node_modules/**", ".cache/**", "tests/fixtures/**"] },
  {
    files: ["**/*.py", "**/*.pyi"],
    plugins: { "python-audit": pythonAudit },
    extends: ["python-audit/recommended"],
  },
]);

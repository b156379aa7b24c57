import { readFileSync } from "node:fs";
import { join } from "node:path";

interface PackageJson {
  name: string;
  version: string;
  repository?: { url?: string } | string;
}

const pkg: PackageJson = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
const repository = typeof pkg.repository === "string" ? pkg.repository : (pkg.repository?.url ?? "");

/** The package's name, version and repository web URL, read from package.json (two levels above dist/lib/). */
export const packageMeta = {
  name: pkg.name,
  version: pkg.version,
  repositoryUrl: repository.replace(/^git\+/, "").replace(/\.git$/, ""),
};

// Real-code corpora for benchmarks and accuracy checks, obtained on demand into the ignored .cache/ folder:
// OpenStack Neutron (Debian's python3-neutron package) and the CPython standard library of this machine.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cacheDir = join(repoRoot, ".cache");

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", ...options });
  return { ok: result.status === 0, out: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim() };
}

/**
 * The Python package folder `name` of Debian package `pkg` (`python3-octavia` -> `.../dist-packages/octavia`),
 * downloading and unpacking the package into .cache/ once.
 */
export function ensureDebianPackage(pkg, name) {
  const dir = join(cacheDir, name);
  const found = existsSync(dir) && findDir(dir, name, 6);
  if (found) return found;
  mkdirSync(dir, { recursive: true });
  let download = run("apt-get", ["download", pkg], { cwd: dir });
  if (!download.ok) {
    // The package lists may be missing on a fresh machine.
    run("apt-get", ["update"]);
    download = run("apt-get", ["download", pkg], { cwd: dir });
  }
  if (!download.ok) throw new Error(`cannot download ${pkg} with apt-get: ${download.out.slice(-400)}`);
  const deb = readdirSync(dir).find((f) => f.endsWith(".deb"));
  execFileSync("dpkg", ["-x", join(dir, deb), join(dir, "root")]);
  const extracted = findDir(dir, name, 6);
  if (!extracted) throw new Error(`${pkg} unpacked without a ${name}/ package folder`);
  return extracted;
}

/** Neutron's Python sources (`.../dist-packages/neutron`), downloading the Debian package once. */
export function ensureNeutron() {
  return ensureDebianPackage("python3-neutron", "neutron");
}

/** The CPython standard library folder of this machine's python3, or null. */
export function findStdlib() {
  const found = run("python3", ["-c", "import sysconfig;print(sysconfig.get_paths()['stdlib'])"]);
  return found.ok ? found.out : null;
}

/** A folder named `name` that holds an `__init__.py`, searched breadth-first. */
function findDir(root, name, maxDepth) {
  let level = [root];
  for (let depth = 0; depth <= maxDepth && level.length; depth++) {
    const next = [];
    for (const dir of level) {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        const path = join(dir, entry.name);
        if (entry.name === name && existsSync(join(path, "__init__.py"))) return path;
        next.push(path);
      }
    }
    level = next;
  }
  return null;
}

/** Every `.py` file below `dir` (no site-packages, no __pycache__), sorted. */
export function pythonFiles(dir, out = []) {
  for (const entry of readdirSync(dir)) {
    if (entry === "site-packages" || entry === "__pycache__") continue;
    const path = join(dir, entry);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) pythonFiles(path, out);
    else if (entry.endsWith(".py")) out.push(path);
  }
  return out.sort();
}

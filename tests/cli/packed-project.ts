import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repoRoot } from "../helpers.js";

/**
 * A temporary project that uses this package the way a user gets it: the `npm pack` tarball unpacked into
 * node_modules (so a file missing from `files` or a wrong `exports` entry fails the tests), with the packed
 * package's declared dependencies and ESLint linked from this repository's node_modules (no network, no
 * native rebuild; an undeclared dependency still fails to resolve).
 */
export interface PackedProject {
  dir: string;
  /** Writes files relative to the project. */
  write(files: Record<string, string>): void;
  /** Runs `node <bin> ...args` in the project; never throws on a non-zero exit. */
  run(
    bin: string,
    args: string[],
    options?: { env?: Record<string, string>; input?: string; cwd?: string },
  ): { status: number; stdout: string; stderr: string };
  eslintBin: string;
  pluginBin: string;
  remove(): void;
}

let tarball: string | undefined;

/** `npm pack` of the repository (built by `npm test` before mocha runs), once per test process. */
export function packedTarball(): string {
  if (tarball) return tarball;
  const out = mkdtempSync(join(tmpdir(), "python-audit-pack-"));
  const name = execFileSync("npm", ["pack", "--ignore-scripts", "--pack-destination", out], {
    cwd: repoRoot,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  })
    .trim()
    .split("\n")
    .pop()!;
  process.on("exit", () => rmSync(out, { recursive: true, force: true }));
  return (tarball = join(out, name));
}

/** Links `name` from the repository's node_modules into `modules` (creating scope folders). */
function link(modules: string, name: string): void {
  const target = join(modules, name);
  mkdirSync(dirname(target), { recursive: true });
  symlinkSync(join(repoRoot, "node_modules", name), target, "dir");
}

export function createPackedProject(options: { extraModules?: string[] } = {}): PackedProject {
  const dir = mkdtempSync(join(tmpdir(), "python-audit-project-"));
  const modules = join(dir, "node_modules");
  const pkgDir = join(modules, "eslint-plugin-python-audit");
  mkdirSync(pkgDir, { recursive: true });
  execFileSync("tar", ["-xzf", packedTarball(), "-C", pkgDir, "--strip-components=1"]);
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  for (const dep of Object.keys(pkg.dependencies ?? {})) link(modules, dep);
  for (const dep of ["eslint", ...(options.extraModules ?? [])]) link(modules, dep);
  // The bin links npm would create.
  mkdirSync(join(modules, ".bin"), { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "audited-project", private: true, type: "module" }, null, 2),
  );
  const project: PackedProject = {
    dir,
    eslintBin: join(modules, "eslint", "bin", "eslint.js"),
    pluginBin: join(pkgDir, pkg.bin?.["python-audit"] ?? "missing-bin"),
    write(files) {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
    },
    run(bin, args, runOptions = {}) {
      const child = spawnSync(process.execPath, [bin, ...args], {
        cwd: runOptions.cwd ?? dir,
        encoding: "utf8",
        input: runOptions.input ?? "",
        env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", ...runOptions.env },
        maxBuffer: 64 * 1024 * 1024,
        // A hang (a FIFO read to the end) fails the test instead of stalling the suite.
        timeout: 100_000,
      });
      if (child.error) throw child.error;
      return { status: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return project;
}

/** Copies the bundled examples into a project (a realistic Python tree with known findings). */
export function copyExamples(project: PackedProject, to = "agent"): void {
  cpSync(join(repoRoot, "examples", "dvr_agent"), join(project.dir, to), { recursive: true });
}

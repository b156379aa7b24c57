import { accessSync, constants, lstatSync, readdirSync, statSync, type BigIntStats } from "node:fs";
import { basename, join, relative, sep } from "node:path";

/** A file or folder the audit cannot read, and why, in words for the report. */
export interface Unreadable {
  path: string;
  reason: string;
}

/** What the bin found before calling ESLint. */
export interface PathScan {
  /** Entries ESLint must not open (it would crash or hang on them), as absolute paths. */
  skip: string[];
  /** The skipped entries that are Python files or were named on the command line: reported as not audited. */
  notAudited: Unreadable[];
  /** The paths to give ESLint: the named ones minus those that cannot be audited. */
  paths: string[];
}

const PYTHON_FILE = /\.pyi?$/u;
/** ESLint's default ignores, and what git ignores (`ignored`): never walked. */
const NEVER_WALKED = new Set(["node_modules", ".git"]);

/**
 * Walks the named paths as ESLint will, before it does: dangling or looping symbolic links, FIFOs, devices and
 * unreadable entries abort ESLint's run (or hang it, for a FIFO) and are returned to be skipped and reported
 * instead. `ignored` holds absolute paths of ignored folders, which are not walked. Glob patterns are left to ESLint.
 */
export function scanPaths(named: readonly string[], ignored: ReadonlySet<string>): PathScan {
  const scan: PathScan = { skip: [], notAudited: [], paths: [] };
  const refuse = (path: string, reason: string, report: boolean) => {
    scan.skip.push(path);
    if (report) scan.notAudited.push({ path, reason });
  };

  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch (error) {
      refuse(dir, `cannot read the folder (${(error as NodeJS.ErrnoException).code ?? "error"})`, true);
      return;
    }
    for (const name of entries) {
      const path = join(dir, name);
      if (NEVER_WALKED.has(name) || ignored.has(path)) continue;
      const kind = entryKind(path);
      if (kind.problem) refuse(path, kind.problem, PYTHON_FILE.test(name));
      else if (kind.directory && !kind.symlink) walk(path);
    }
  };

  for (const path of named) {
    if (/[*?[\]{}]/u.test(basename(path))) {
      scan.paths.push(path); // A glob: ESLint expands it.
      continue;
    }
    const kind = entryKind(path);
    if (kind.missing)
      scan.paths.push(path); // ESLint says "No files matching".
    else if (kind.problem) refuse(path, kind.problem, true);
    else {
      scan.paths.push(path);
      if (kind.directory) walk(path);
    }
  }
  return scan;
}

interface EntryKind {
  missing?: boolean;
  symlink?: boolean;
  directory?: boolean;
  /** Why the entry cannot be audited, if it cannot. */
  problem?: string;
}

/**
 * Stats are read as bigint: on Node 20, a plain `lstatSync` of a FIFO leaves Node's shared stat buffer so that the
 * module loader's realpath stops resolving symbolic links (a linked `node_modules/tree-sitter` then cannot find
 * its own dependencies); the bigint calls use a buffer of their own.
 */
function entryKind(path: string): EntryKind {
  let link: BigIntStats;
  try {
    link = lstatSync(path, { bigint: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? { missing: true } : { problem: `cannot be read (${code ?? "error"})` };
  }
  let stats: BigIntStats = link;
  if (link.isSymbolicLink()) {
    try {
      stats = statSync(path, { bigint: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return {
        symlink: true,
        problem:
          code === "ELOOP"
            ? "a symbolic link that loops"
            : code === "ENOENT"
              ? "a dangling symbolic link"
              : `a symbolic link that cannot be followed (${code ?? "error"})`,
      };
    }
  }
  const symlink = link.isSymbolicLink();
  if (stats.isDirectory()) return { symlink, directory: true };
  if (!stats.isFile()) return { symlink, problem: `not a regular file (${specialKind(stats)})` };
  try {
    accessSync(path, constants.R_OK);
  } catch (error) {
    return { symlink, problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  }
  return { symlink };
}

function specialKind(stats: BigIntStats): string {
  if (stats.isFIFO()) return "a named pipe";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  return "a special file";
}

/** `path` relative to `base` with forward slashes, for ESLint's ignore patterns. */
export function relativePattern(base: string, path: string): string {
  return relative(base, path).split(sep).join("/");
}

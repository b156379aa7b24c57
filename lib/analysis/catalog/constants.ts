/**
 * Constants of the standard library that checks compare against (file modes for `os.chmod`), by qualified name,
 * so that `stat.S_IWOTH | stat.S_IRUSR` has a static value.
 */
export const MODULE_CONSTANTS: Readonly<Record<string, bigint>> = {
  "stat.S_ISUID": 0o4000n,
  "stat.S_ISGID": 0o2000n,
  "stat.S_ISVTX": 0o1000n,
  "stat.S_IRWXU": 0o700n,
  "stat.S_IRUSR": 0o400n,
  "stat.S_IWUSR": 0o200n,
  "stat.S_IXUSR": 0o100n,
  "stat.S_IREAD": 0o400n,
  "stat.S_IWRITE": 0o200n,
  "stat.S_IEXEC": 0o100n,
  "stat.S_IRWXG": 0o70n,
  "stat.S_IRGRP": 0o40n,
  "stat.S_IWGRP": 0o20n,
  "stat.S_IXGRP": 0o10n,
  "stat.S_IRWXO": 0o7n,
  "stat.S_IROTH": 0o4n,
  "stat.S_IWOTH": 0o2n,
  "stat.S_IXOTH": 0o1n,
};

/**
 * Builtins whose result is a number or a boolean whatever their input (or that raise): nothing markup or SQL would
 * parse. Not `min`/`max`: they return one of their arguments, a string among strings.
 */
export const NUMERIC_BUILTINS: ReadonlySet<string> = new Set([
  "int",
  "float",
  "len",
  "bool",
  "abs",
  "round",
  "sum",
  "ord",
]);

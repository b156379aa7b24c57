import type { SanitizerEntry, SinkEntry } from "./types.js";

const COMMAND_ARGUMENT = { position: 0, keywords: ["args", "cmd"] } as const;
/**
 * `exec_command` of a paramiko client: resolved through `paramiko.SSHClient()`, or any `.exec_command` call in a
 * file that imports paramiko (clients are often passed in).
 */
export const PARAMIKO_EXEC_COMMAND: SinkEntry = {
  callee: "*.exec_command",
  kind: "shell",
  argument: { position: 0, keywords: ["command"] },
  bandit: "B601",
  ruff: "S601",
  cwe: 78,
};
const SUBPROCESS_SHELL = { keyword: "shell", whenTruthy: "shell", bandit: "B602", ruff: "S602", cwe: 78 } as const;

/** Processes started from a command: shell strings and argument vectors (Bandit B602-B607, Ruff S602-S607). */
export const COMMAND_SINKS: readonly SinkEntry[] = [
  ...["run", "call", "check_call", "check_output", "Popen"].map((name): SinkEntry => ({
    callee: `subprocess.${name}`,
    kind: "argv",
    argument: COMMAND_ARGUMENT,
    switch: SUBPROCESS_SHELL,
    bandit: "B603",
    ruff: "S603",
    cwe: 78,
    searchesPath: true,
  })),
  ...[
    "os.system",
    "os.popen",
    "subprocess.getoutput",
    "subprocess.getstatusoutput",
    "asyncio.create_subprocess_shell",
    "commands.getoutput",
    "commands.getstatusoutput",
    "popen2.popen2",
    "popen2.popen3",
    "popen2.popen4",
  ].map((callee): SinkEntry => ({
    callee,
    kind: "shell",
    argument: COMMAND_ARGUMENT,
    bandit: "B605",
    ruff: "S605",
    cwe: 78,
    searchesPath: true,
  })),
  // `os.execl(path, arg0, ...)`: every argument is an argv element; `os.execv(path, args)`: a list, and the path.
  ...["execl", "execle", "execlp", "execlpe"].map((name): SinkEntry => ({
    callee: `os.${name}`,
    kind: "argv",
    argument: { varargs: true },
    bandit: "B606",
    ruff: "S606",
    cwe: 78,
    searchesPath: true,
  })),
  ...["execv", "execve", "execvp", "execvpe", "posix_spawn", "posix_spawnp"].map((name): SinkEntry => ({
    callee: `os.${name}`,
    kind: "argv",
    argument: { position: 1, keywords: ["argv", "args"] },
    elements: [0],
    bandit: "B606",
    ruff: "S606",
    cwe: 78,
    searchesPath: true,
  })),
  ...["spawnl", "spawnle", "spawnlp", "spawnlpe"].map((name): SinkEntry => ({
    callee: `os.${name}`,
    kind: "argv",
    argument: { varargs: true },
    skip: 1,
    bandit: "B606",
    ruff: "S606",
    cwe: 78,
    searchesPath: true,
  })),
  ...["spawnv", "spawnve", "spawnvp", "spawnvpe"].map((name): SinkEntry => ({
    callee: `os.${name}`,
    kind: "argv",
    argument: { position: 2, keywords: ["args"] },
    elements: [1],
    bandit: "B606",
    ruff: "S606",
    cwe: 78,
    searchesPath: true,
  })),
  {
    callee: "pty.spawn",
    kind: "argv",
    argument: { varargs: true },
    bandit: "B606",
    ruff: "S606",
    cwe: 78,
    searchesPath: true,
  },
  {
    callee: "asyncio.create_subprocess_exec",
    kind: "argv",
    argument: { varargs: true },
    bandit: "B606",
    cwe: 78,
    searchesPath: true,
  },
  // oslo.concurrency and the OpenStack helpers that wrap it: argv lists run as root through rootwrap.
  ...["*.processutils.execute", "*.processutils.trycmd"].map((callee): SinkEntry => ({
    callee,
    kind: "argv",
    argument: { varargs: true },
    bandit: "B603",
    cwe: 78,
  })),
  ...["*.utils.execute", "*.agent_utils.execute", "*.netns.execute"].map((callee): SinkEntry => ({
    callee,
    kind: "argv",
    argument: COMMAND_ARGUMENT,
    bandit: "B603",
    cwe: 78,
  })),
  // Paramiko runs the command line on the remote host through the user's shell (Bandit B601).
  ...["paramiko.SSHClient().exec_command", "paramiko.client.SSHClient().exec_command"].map((callee): SinkEntry => ({
    ...PARAMIKO_EXEC_COMMAND,
    callee,
  })),
];

/** Functions that quote a value for a shell. */
export const COMMAND_SANITIZERS: readonly SanitizerEntry[] = [
  { callee: "shlex.quote", for: ["shell"] },
  { callee: "pipes.quote", for: ["shell"] },
  { callee: "shlex.join", for: ["shell"] },
];

/**
 * Any other function called with `shell=True` runs its first argument through a shell (Bandit B604): project
 * executors such as `utils.execute_with_timeout(cmd, shell=True)` are shell sinks without being listed.
 */
export const SHELL_KEYWORD_SINK: SinkEntry = {
  callee: "*.shell",
  kind: "shell",
  argument: { position: 0, keywords: ["cmd", "args", "command"] },
  bandit: "B604",
  ruff: "S604",
  cwe: 78,
};

/** Commands that read a file name starting with `-` as an option (Bandit B609's list): a `*` argument is a risk. */
export const WILDCARD_SENSITIVE_COMMANDS: ReadonlySet<string> = new Set(["chown", "chmod", "chgrp", "tar", "rsync"]);

/**
 * The end of a shell command line that hands the next word to a nested shell: `bash -c "`, `sudo sh -c '`,
 * `su - x -c `.
 */
export const NESTED_SHELL_PREFIX = /\b(?:ba|da|z|k)?sh\s+(?:-\w+\s+)*-c\s*["']?$|\bsu\b[^;&|]*\s-c\s*["']?$/u;

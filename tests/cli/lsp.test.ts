/**
 * The editor path: the ESLint language server VS Code runs (vscode-langservers-extracted's
 * vscode-eslint-language-server) lints a Python file in a project that installs the packed package.
 * Covers: pulled diagnostics carry the same ranges as the ESLint CLI, the rule id as `code` and a link to the
 * rule's docs; the shlex.quote() suggestion is offered as a code action and its edit yields valid Python; with
 * `codeAction.disableRuleComment.enable: false` (what the README recommends) no action inserts a `//` comment.
 */
import assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { createPackedProject, type PackedProject } from "./packed-project.js";

const REQUEST_TIMEOUT_MS = 20_000;

const PYTHON_SOURCE = `import subprocess


def run(cmd):
    try:
        subprocess.call("ip netns exec " + cmd, shell=True)
    except Exception:
        pass
`;

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface TextEdit {
  range: Range;
  newText: string;
}
interface Diagnostic {
  range: Range;
  code?: string | number;
  codeDescription?: { href: string };
  message: string;
}
interface Command {
  title: string;
  command: string;
  arguments?: unknown[];
}
interface CodeAction {
  title: string;
  kind?: string;
  command?: Command;
  edit?: WorkspaceEdit;
}
interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: Array<{ textDocument: { uri: string }; edits: TextEdit[] }>;
}
interface Message {
  id?: number | string;
  method?: string;
  params?: any;
  result?: any;
  error?: { code: number; message: string };
}

type ServerRequestHandler = (params: any) => unknown;

/**
 * A minimal JSON-RPC/LSP client over the server's stdio: Content-Length framing, request ids, answers to the
 * server's own requests, and timeouts that fail with the method name and the server's stderr.
 */
class LspClient {
  private readonly server: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { method: string; resolve(result: any): void; reject(error: Error): void; timer: NodeJS.Timeout }
  >();
  private readonly serverRequestWaiters: Array<{ method: string; resolve(params: any): void }> = [];
  private stderr = "";
  private exited = false;

  constructor(
    serverScript: string,
    cwd: string,
    private readonly handlers: Record<string, ServerRequestHandler>,
  ) {
    this.server = spawn(process.execPath, [serverScript, "--stdio"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.server.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString("utf8")));
    this.server.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
    this.server.on("exit", (code, signal) => {
      this.exited = true;
      for (const [id, request] of this.pending) {
        clearTimeout(request.timer);
        request.reject(
          new Error(
            `language server exited (code ${code}, signal ${signal}) before answering ${request.method}${this.stderrTail()}`,
          ),
        );
        this.pending.delete(id);
      }
    });
    // A write after the server died must surface through the pending request, not crash mocha.
    this.server.stdin.on("error", () => {});
  }

  request<T = any>(method: string, params: unknown, timeoutMs = REQUEST_TIMEOUT_MS): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.exited)
        return reject(new Error(`language server is not running; cannot send ${method}${this.stderrTail()}`));
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`language server did not answer ${method} within ${timeoutMs} ms${this.stderrTail()}`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve, reject, timer });
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** Resolves with the params of the next server→client request `method` (register before triggering it). */
  nextServerRequest(method: string, timeoutMs = REQUEST_TIMEOUT_MS): Promise<any> {
    return new Promise((resolve, reject) => {
      const waiter = {
        method,
        resolve: (params: any) => {
          clearTimeout(timer);
          resolve(params);
        },
      };
      const timer = setTimeout(() => {
        this.serverRequestWaiters.splice(this.serverRequestWaiters.indexOf(waiter), 1);
        reject(new Error(`language server did not send ${method} within ${timeoutMs} ms${this.stderrTail()}`));
      }, timeoutMs);
      this.serverRequestWaiters.push(waiter);
    });
  }

  async shutdown(): Promise<void> {
    if (this.exited) return;
    try {
      await this.request("shutdown", null, 5_000);
      this.notify("exit", null);
    } catch {
      // Killed below either way.
    }
    await new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const timer = setTimeout(() => {
        this.server.kill("SIGKILL");
        resolve();
      }, 2_000);
      this.server.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    this.server.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, "ascii"), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = /Content-Length: *(\d+)/iu.exec(this.buffer.subarray(0, headerEnd).toString("ascii"));
      if (!length) throw new Error(`malformed LSP header: ${this.buffer.subarray(0, headerEnd).toString("ascii")}`);
      const bodyStart = headerEnd + 4;
      const bodyEnd = bodyStart + Number(length[1]);
      if (this.buffer.length < bodyEnd) return;
      const message = JSON.parse(this.buffer.subarray(bodyStart, bodyEnd).toString("utf8")) as Message;
      this.buffer = this.buffer.subarray(bodyEnd);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method === undefined) {
      const request = this.pending.get(message.id as number);
      if (!request) return;
      this.pending.delete(message.id as number);
      clearTimeout(request.timer);
      if (message.error)
        request.reject(new Error(`${request.method} failed: ${message.error.message}${this.stderrTail()}`));
      else request.resolve(message.result);
      return;
    }
    if (message.id === undefined) return; // Notifications (logMessage, eslint/status) need no answer.
    const handler = this.handlers[message.method];
    if (handler) this.send({ id: message.id, result: handler(message.params) ?? null });
    else
      this.send({ id: message.id, error: { code: -32601, message: `test client does not handle ${message.method}` } });
    for (const waiter of this.serverRequestWaiters.filter((w) => w.method === message.method)) {
      this.serverRequestWaiters.splice(this.serverRequestWaiters.indexOf(waiter), 1);
      waiter.resolve(message.params);
    }
  }

  private stderrTail(): string {
    const tail = this.stderr.trim().slice(-2000);
    return tail ? `\nserver stderr:\n${tail}` : "";
  }
}

/** Applies LSP text edits (non-overlapping, UTF-16 positions) to `text`. */
function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const offset = (p: Position) => Math.min(lineStarts[p.line] ?? text.length, text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted)
    result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  return [
    ...(edit.changes?.[uri] ?? []),
    ...(edit.documentChanges ?? []).filter((c) => c.textDocument.uri === uri).flatMap((c) => c.edits),
  ];
}

function pythonSyntaxError(source: string): string | undefined {
  const result = spawnSync("python3", ["-c", "import ast,sys; ast.parse(sys.stdin.read())"], {
    input: source,
    encoding: "utf8",
  });
  if (result.error) throw result.error;
  return result.status === 0 ? undefined : result.stderr;
}

describe("ESLint language server (vscode-langservers-extracted) on a Python file", function () {
  this.timeout(60_000);

  let project: PackedProject;
  let client: LspClient;
  let fileUri: string;
  // Mutable so a test can flip it: the server re-reads settings after workspace/didChangeConfiguration.
  const disableRuleComment = { enable: false, location: "separateLine", commentStyle: "line" };

  before(async () => {
    project = createPackedProject({ extraModules: ["vscode-langservers-extracted"] });
    project.write({
      "eslint.config.mjs": `import pythonAudit from "eslint-plugin-python-audit";\nexport default [pythonAudit.configs.recommended];\n`,
      "agent.py": PYTHON_SOURCE,
    });
    const rootUri = pathToFileURL(project.dir).href;
    fileUri = pathToFileURL(join(project.dir, "agent.py")).href;
    const workspaceFolder = { name: basename(project.dir), uri: rootUri };
    // The settings shape the VS Code extension sends; the server reads experimental, nodePath (null, not
    // undefined), problems, rulesCustomizations and codeAction without defaults, so all must be present.
    const settings = {
      validate: "on", // "probe" only covers JS-like languages; Python must be validated explicitly.
      packageManager: "npm",
      useESLintClass: false,
      useFlatConfig: true,
      experimental: {},
      codeActionOnSave: { mode: "all" },
      format: false,
      quiet: false,
      onIgnoredFiles: "off",
      options: {},
      rulesCustomizations: [],
      run: "onType",
      problems: { shortenToSingleLine: false },
      nodePath: null,
      workspaceFolder,
      codeAction: { disableRuleComment, showDocumentation: { enable: true } },
    };
    client = new LspClient(
      join(project.dir, "node_modules", "vscode-langservers-extracted", "bin", "vscode-eslint-language-server"),
      project.dir,
      {
        "workspace/configuration": (params: { items: unknown[] }) => params.items.map(() => settings),
        "workspace/applyEdit": () => ({ applied: true }),
        "workspace/diagnostic/refresh": () => null,
        "client/registerCapability": () => null,
        "client/unregisterCapability": () => null,
        "window/workDoneProgress/create": () => null,
        "window/showMessageRequest": () => null,
        "window/showDocument": () => null,
        "eslint/probeFailed": () => ({}),
        "eslint/noConfig": () => ({}),
        "eslint/noLibrary": () => ({}),
        "eslint/openDoc": () => ({}),
      },
    );
    await client.request("initialize", {
      processId: process.pid,
      clientInfo: { name: "python-audit-tests", version: "1" },
      rootUri,
      workspaceFolders: [workspaceFolder],
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          applyEdit: true,
          didChangeConfiguration: { dynamicRegistration: true },
        },
        textDocument: {
          synchronization: { dynamicRegistration: true },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
          diagnostic: {},
          codeAction: {
            codeActionLiteralSupport: {
              codeActionKind: { valueSet: ["", "quickfix", "source", "source.fixAll", "source.fixAll.eslint"] },
            },
          },
        },
      },
    });
    client.notify("initialized", {});
    client.notify("workspace/didChangeConfiguration", { settings: null });
    client.notify("textDocument/didOpen", {
      textDocument: { uri: fileUri, languageId: "python", version: 1, text: PYTHON_SOURCE },
    });
  });

  after(async () => {
    await client?.shutdown();
    project?.remove();
  });

  // This server build only implements pull diagnostics: it never pushes textDocument/publishDiagnostics.
  const pullDiagnostics = async (): Promise<Diagnostic[]> => {
    const report = await client.request("textDocument/diagnostic", { textDocument: { uri: fileUri } });
    assert.equal(report?.kind, "full", `unexpected diagnostic report ${JSON.stringify(report)}`);
    return report.items;
  };

  const codeActionsFor = (diagnostic: Diagnostic): Promise<CodeAction[] | null> =>
    client.request("textDocument/codeAction", {
      textDocument: { uri: fileUri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], triggerKind: 1 },
    });

  /** Runs an action's command and returns the edits it made to the Python file (none if it sent no applyEdit). */
  async function executeAction(action: CodeAction): Promise<TextEdit[]> {
    if (action.edit) return editsFor(action.edit, fileUri);
    if (!action.command) return [];
    const applyEdit = client.nextServerRequest("workspace/applyEdit", 5_000).catch(() => undefined);
    await client.request("workspace/executeCommand", {
      command: action.command.command,
      arguments: action.command.arguments,
    });
    const params = await applyEdit;
    return params ? editsFor(params.edit, fileUri) : [];
  }

  it("pulls diagnostics with the CLI's ranges, the rule id as code and a link to the rule's docs", async () => {
    const cli = project.run(project.eslintBin, ["-f", "json", "agent.py"]);
    assert.equal(cli.status, 1, `eslint CLI should exit 1 with errors: ${cli.stderr}${cli.stdout}`);
    const [result] = JSON.parse(cli.stdout) as Array<{
      messages: Array<{ ruleId: string; line: number; column: number; endLine: number; endColumn: number }>;
    }>;
    const expected = result.messages
      .map((m) => ({
        code: m.ruleId,
        range: {
          start: { line: m.line - 1, character: m.column - 1 },
          end: { line: m.endLine - 1, character: m.endColumn - 1 },
        },
      }))
      .sort((a, b) => a.code.localeCompare(b.code));
    assert.deepEqual(
      expected.map((e) => e.code),
      ["python-audit/no-broad-except", "python-audit/no-command-injection"],
    );

    const diagnostics = await pullDiagnostics();
    assert.deepEqual(
      diagnostics
        .map((d) => ({ code: d.code, range: d.range }))
        .sort((a, b) => String(a.code).localeCompare(String(b.code))),
      expected,
    );
    for (const diagnostic of diagnostics) {
      const name = String(diagnostic.code).replace("python-audit/", "");
      assert.match(
        diagnostic.codeDescription?.href ?? "",
        new RegExp(`/docs/rules/${name}\\.md$`, "u"),
        `href of ${diagnostic.code}`,
      );
      assert.ok(
        existsSync(join(project.dir, "node_modules", "eslint-plugin-python-audit", "docs", "rules", `${name}.md`)),
        `docs/rules/${name}.md is packed`,
      );
    }
  });

  it("offers the shlex.quote() suggestion and its edit leaves valid Python that quotes cmd", async () => {
    const injection = (await pullDiagnostics()).find((d) => d.code === "python-audit/no-command-injection");
    assert.ok(injection, "no no-command-injection diagnostic");
    const actions = (await codeActionsFor(injection)) ?? [];
    const title = "Wrap the interpolated values in shlex.quote(). (python-audit/no-command-injection)";
    const suggestion = actions.find((a) => a.title === title);
    assert.ok(suggestion, `no "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(suggestion.command?.command, "eslint.applySuggestion");

    const edits = await executeAction(suggestion);
    assert.ok(edits.length > 0, "executing the suggestion sent no workspace/applyEdit for the file");
    const fixed = applyTextEdits(PYTHON_SOURCE, edits);
    assert.match(fixed, /^import shlex$/mu);
    assert.ok(fixed.includes('subprocess.call("ip netns exec " + shlex.quote(cmd), shell=True)'), fixed);
    assert.equal(pythonSyntaxError(fixed), undefined, `suggested fix is not valid Python:\n${fixed}`);
  });

  it("offers no action that inserts a // comment when disableRuleComment is off", async () => {
    const diagnostics = await pullDiagnostics();
    assert.ok(diagnostics.length > 0);
    for (const diagnostic of diagnostics) {
      const actions = (await codeActionsFor(diagnostic)) ?? [];
      assert.ok(
        !actions.some((a) => a.title.startsWith("Disable ")),
        `disable actions offered for ${diagnostic.code}: ${JSON.stringify(actions.map((a) => a.title))}`,
      );
      for (const action of actions) {
        if (action.command?.command === "eslint.openRuleDoc") continue; // Opens a URL, edits nothing.
        const edits = await executeAction(action);
        assert.ok(
          !edits.some((e) => e.newText.includes("//")),
          `"${action.title}" inserts a // comment: ${JSON.stringify(edits)}`,
        );
      }
    }
  });

  it("does offer // disable comments when disableRuleComment is on (so the previous check can fail)", async () => {
    disableRuleComment.enable = true;
    try {
      client.notify("workspace/didChangeConfiguration", { settings: null });
      const injection = (await pullDiagnostics()).find((d) => d.code === "python-audit/no-command-injection");
      assert.ok(injection, "no no-command-injection diagnostic");
      const actions = (await codeActionsFor(injection)) ?? [];
      const disableLine = actions.find((a) => a.command?.command === "eslint.applyDisableLine");
      assert.ok(disableLine, `no disable-line action among ${JSON.stringify(actions.map((a) => a.title))}`);
      const edits = await executeAction(disableLine);
      assert.ok(
        edits.some((e) => e.newText.includes("// eslint-disable-next-line")),
        JSON.stringify(edits),
      );
    } finally {
      disableRuleComment.enable = false;
      client.notify("workspace/didChangeConfiguration", { settings: null });
    }
  });
});

import type { PyCall, PyNode } from "../ast/generated/node-types.js";
import type { PythonModel, Scope } from "../analysis/index.js";
import {
  CalleeMatcher,
  NESTED_SHELL_PREFIX,
  PARAMIKO_EXEC_COMMAND,
  PASS_THROUGH_ARGV,
  SHELL_KEYWORD_SINK,
  catalog,
  COMMAND_SANITIZERS,
  extendMatcher,
  WILDCARD_SENSITIVE_COMMANDS,
  type SinkEntry,
  type SinkKind,
} from "../analysis/catalog/index.js";
import { isValidatingConversion } from "../analysis/guards.js";
import { isConstantChoice, staticString, truthiness } from "../analysis/values.js";
import { NUMERIC_CONVERSIONS, sequenceElements, stringParts, type StringPart } from "../analysis/strings.js";
import { analyze, defineTaintSpec, describeFlow, type TaintSpec, type TaintStep } from "../analysis/taint.js";
import {
  callArguments,
  dottedName,
  isStatement,
  keywordArgument,
  positionalArguments,
  unparenthesize,
} from "../ast/accessors.js";
import {
  AUTOFIX_OPTION,
  canImportModule,
  createRule,
  moduleImportFixes,
  shortText,
  type PythonRuleSourceCode,
} from "../rule-kit/index.js";

type Mode = "shell" | "exec";
type ExtraSink = { name: string; mode: Mode; form?: "list" | "varargs" | "auto" };
type Options = [
  {
    extraSinks: ExtraSink[];
    privilegedKeywords: string[];
    sanitizers: string[];
    validators: string[];
    requireAbsolutePath: boolean;
    autofix: boolean;
  },
];
type MessageIds =
  "shellInjection" | "remoteShellInjection" | "untrustedArgument" | "wildcardInjection" | "partialPath" | "quote";

export default createRule<Options, MessageIds>({
  name: "no-command-injection",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow commands built from unvalidated input (shell strings and argv lists of subprocess, os and OpenStack execute helpers)",
      recommended: true,
      severity: "error",
      category: "Command execution without validation",
      remediation:
        "Pass commands as argument lists without a shell; validate every value that comes from outside (RPC payloads, configuration, function parameters) against an allow-list, a conversion (`int()`, `netaddr.IPNetwork()`) or an anchored regex before it reaches the command; where a shell string is unavoidable, quote each value with `shlex.quote()`.",
      checks: {
        // Shell mode: a command line run by a shell (subprocess with shell=True, os.system, os.popen, ...).
        shellInjection: {
          id: "B602",
          bandit: [
            "B602",
            "subprocess_popen_with_shell_equals_true",
            "B604",
            "any_other_function_with_shell_equals_true",
            "B605",
            "start_process_with_a_shell",
          ],
          ruff: ["S602", "S604", "S605"],
          cwe: [78],
          remediation:
            "Pass the command as an argument list without a shell; where a shell string is unavoidable, quote each value with `shlex.quote()`.",
        },
        // A command line run by the remote user's shell over SSH (paramiko `exec_command`).
        remoteShellInjection: {
          id: "B601",
          bandit: ["B601", "paramiko_calls"],
          ruff: ["S601"],
          cwe: [78],
          remediation:
            "Quote each value with `shlex.quote()` (the remote side runs the command through a shell), or validate it against an allow-list first.",
        },
        // A `*` that the shell expands to file names, read by chown/chmod/tar/rsync as options when one starts with `-`.
        wildcardInjection: {
          id: "B609",
          bandit: ["B609", "linux_commands_wildcard_injection"],
          ruff: ["S609"],
          cwe: [78, 88],
          remediation:
            "Write the wildcard as `./*` (a file name then cannot start with `-`), or end the options with `--`; better, list the files in Python (`glob.glob`, `os.scandir`) and pass them in an argument list.",
        },
        // Option `requireAbsolutePath`: a command found through PATH.
        partialPath: {
          id: "B607",
          bandit: ["B607", "start_process_with_partial_path"],
          ruff: ["S607"],
          cwe: [426],
          remediation:
            "Give the executable's absolute path (`/usr/sbin/ip`), or resolve it once with `shutil.which()` at start-up and check the result.",
        },
        // Argv mode: an argument vector run without a shell (subprocess lists, os.exec*/spawn*, rootwrap helpers).
        untrustedArgument: {
          id: "B603",
          bandit: ["B603", "subprocess_without_shell_equals_true", "B606", "start_process_with_no_shell"],
          ruff: ["S603", "S606"],
          cwe: [78, 88],
          remediation:
            "Validate every value that comes from outside (RPC payloads, configuration, function parameters) before it reaches the command: an allow-list, a conversion (`int()`, `netaddr.IPNetwork()`) or an anchored regex (`re.fullmatch`).",
        },
      },
    },
    hasSuggestions: true,
    messages: {
      shellInjection:
        "`{{sink}}` runs a shell command built from `{{value}}`, which is not quoted: wrap it in shlex.quote() or pass an argument list without a shell.",
      untrustedArgument:
        "`{{value}}` ({{source}}) reaches `{{sink}}` without validation: check it against an allow-list, convert it (int(), netaddr.IPNetwork(), ...) or match an anchored regex first.",
      remoteShellInjection:
        "`{{sink}}` runs a command line built from `{{value}}`, which is not quoted, through the remote user's shell: wrap it in shlex.quote().",
      wildcardInjection:
        "`{{sink}}` runs `{{command}}` with the wildcard `{{wildcard}}` through a shell: a file named like an option (`--checkpoint-action=...`, `--reference=...`) becomes one. Write `./{{wildcard}}` or end the options with `--`.",
      partialPath:
        "`{{sink}}` starts `{{command}}` by name, found through PATH: give its absolute path (requireAbsolutePath).",
      quote: "Wrap the interpolated values in shlex.quote().",
    },
    schema: [
      {
        type: "object",
        properties: {
          extraSinks: {
            type: "array",
            description:
              "More command sinks: a dotted callee (qualified, a suffix such as `ssh.execute`, or a callee pattern), whether it runs a shell string or an argv list, and whether the argv is one list argument or every positional argument. `shell=True` on an exec sink switches it to shell mode.",
            items: {
              type: "object",
              properties: {
                name: { type: "string", description: "Callee name or suffix." },
                mode: {
                  enum: ["shell", "exec"],
                  description: "`shell`: the first argument is a shell string; `exec`: an argv.",
                },
                form: {
                  enum: ["list", "varargs", "auto"],
                  description:
                    "For `exec`: `list` (default), the argv is the first argument (or `cmd=`/`args=`); `varargs`, every positional argument is one argv element (`execute('ip', 'link', dev)`), `*cmd` spread included; `auto`, `list` for a call with one positional argument and `varargs` for one with several.",
                },
              },
              required: ["name", "mode"],
              additionalProperties: false,
            },
          },
          privilegedKeywords: {
            type: "array",
            items: { type: "string" },
            description:
              "Keyword arguments that mark a call as a command executor whatever its name (`run_as_root`, `root_helper`: the oslo processutils signature). Such a call's argv is its one positional argument, or each of several (form `auto`).",
          },
          sanitizers: {
            type: "array",
            items: { type: "string" },
            description: "Functions that quote a value for a shell, besides shlex.quote and pipes.quote.",
          },
          validators: {
            type: "array",
            items: { type: "string" },
            description:
              "Functions whose result (or whose truthiness in a guard) validates a value, besides int, float, netaddr.* and ipaddress.* conversions.",
          },
          requireAbsolutePath: {
            type: "boolean",
            description:
              "Report standard-library process calls (subprocess, os.system, os.exec*/spawn*) whose command is a constant name without a path, found through PATH (Bandit B607). Off by default: PATH is the deployment's to set.",
          },
          ...AUTOFIX_OPTION,
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [
      {
        extraSinks: [],
        privilegedKeywords: [],
        sanitizers: [],
        validators: [],
        requireAbsolutePath: false,
        autofix: false,
      },
    ],
    fixable: "code",
  },
  create(context, tools) {
    const [{ extraSinks, privilegedKeywords, sanitizers, validators, requireAbsolutePath, autofix }] = context.options;
    const sinks = commandSinksWith(extraSinks);
    const extraAsWritten = extraSinks.length ? commandSinksWith(extraSinks, NO_SINKS) : null;
    const spec = commandSpec(sanitizers, validators);
    const sourceCode = context.sourceCode;
    let model: PythonModel;
    /**
     * Parameters of the file's functions that reach a sink whole (the argv, a `*cmd` spread, the shell command
     * line): such a function is a sink for its callers, checked where they call it (see `checkWrapperCalls`).
     */
    let passedThrough: Array<{ parameter: PyNode & { type: "PyIdentifier" }; kind: SinkKind; sink: string }> = [];
    let currentSink = "";

    /** The argument a sink's entry names: a position or one of its keywords. */
    function commandArgument(call: PyCall, entry: SinkEntry): PyNode | null {
      const slot = entry.argument;
      // A varargs sink switched to a shell (`execute(cmd, shell=True)`) takes its command line first.
      const position = slot.position ?? (slot.varargs ? 0 : undefined);
      if (position !== undefined) {
        const positional = positionalArguments(call)[position];
        if (positional) return positional;
      }
      for (const keyword of slot.keywords ?? []) {
        const value = keywordArgument(call, keyword);
        if (value) return value;
      }
      return null;
    }

    /** Whether an inserted value cannot inject: quoted, validated, or formatted as a number (`%d`). */
    function safeInShell(part: StringPart): boolean {
      if (part.kind === "literal" || isConstantChoice(model, part.node)) return true;
      if (part.conversion && NUMERIC_CONVERSIONS.has(part.conversion)) return true;
      const node = unparenthesize(part.node)!;
      return (
        node.type === "PyCall" &&
        (spec.sanitizers.matches(model.calleeName(node)) || isValidatingConversion(node, model, spec.validation))
      );
    }

    /**
     * The values of a shell command string that are neither constant nor quoted. A local name bound once to a
     * string is judged by what it was built from and reported as the name (quote where it is built).
     */
    function unquotedParts(command: PyNode): PyNode[] {
      const out: PyNode[] = [];
      const parts = stringParts(model, command);
      for (const [index, part] of parts.entries()) {
        if (safeInShell(part)) continue;
        const node = unparenthesize(part.node)!;
        // `'sudo bash -c "%s"' % escape(cmd)`: a parameter handed whole to a nested shell is the caller's command
        // line, a pass-through like `Popen(cmd, shell=True)`; the callers are checked where they build it.
        const before = parts[index - 1];
        const parameter =
          before?.kind === "literal" && NESTED_SHELL_PREFIX.test(before.text) ? passedThroughParameter(node) : null;
        if (parameter) {
          passedThrough.push({ parameter, kind: "shell", sink: currentSink });
          continue;
        }
        if (node.type === "PyIdentifier") {
          const bindings = model.reachingBindings(node.name, node);
          const [binding] = bindings;
          if (bindings.length === 1 && binding.kind === "assign" && binding.scope === model.scopeOf(node)) {
            const inner = stringParts(model, binding.value, { expandLocals: true });
            if (inner.every(safeInShell)) continue;
          }
        }
        out.push(part.node);
      }
      return out;
    }

    /** A parameter of the enclosing function, as is or through one call (`_escape_quotes(cmd)`), or null. */
    function passedThroughParameter(node: PyNode): (PyNode & { type: "PyIdentifier" }) | null {
      const inner =
        node.type === "PyCall" && callArguments(node).length === 1
          ? unparenthesize(positionalArguments(node)[0])
          : node;
      if (inner?.type !== "PyIdentifier") return null;
      const bindings = model.reachingBindings(inner.name, inner);
      return bindings.length > 0 && bindings.every((b) => b.kind === "param") ? inner : null;
    }

    function checkShell(call: PyCall, entry: SinkEntry, sink: string): void {
      const command = commandArgument(call, entry);
      if (!command) return;
      const wildcard = wildcardArgument(stringParts(model, command, { expandLocals: true }));
      if (wildcard) context.report({ node: call, messageId: "wildcardInjection", data: { sink, ...wildcard } });
      // A parameter that is the whole command line (`def popen(args, shell=False): Popen(args, shell=shell)`) is a
      // pass-through wrapper, as in argv mode: its callers build the command and are checked where they do.
      const whole = unparenthesize(command)!;
      if (whole.type === "PyIdentifier" && model.reachingBindings(whole.name, whole).every((b) => b.kind === "param")) {
        passedThrough.push({ parameter: whole, kind: "shell", sink });
        return;
      }
      const parts = unquotedParts(whole);
      if (!parts.length) return;
      // Parts that are whole identifiers bound locally were replaced by the identifier: quote what is visible.
      const value = sourceCode.getText(parts[0]);
      const direct = parts.filter(
        (p) => p !== command && p.type !== "PyListSplat" && p.parent?.type !== "PyKeywordArgument",
      );
      const quote =
        direct.length && canImportModule(model, "shlex")
          ? (fixer: any) => quoteFix(fixer, direct, sourceCode, model)
          : null;
      context.report({
        node: call,
        messageId: entry.bandit === "B601" ? "remoteShellInjection" : "shellInjection",
        data: { sink, value: shortText(value) },
        // `autofix`: quoting is what the command meant (each value one word), so `--fix` may apply it.
        ...(autofix && quote ? { fix: quote } : {}),
        suggest: quote ? [{ messageId: "quote", fix: quote }] : [],
      });
    }

    function checkArgv(call: PyCall, entry: SinkEntry, sink: string): void {
      let elements: PyNode[];
      // Form `auto`: one positional argument is the argv list; several, or a spread `*cmd`, are its elements.
      const passed = argumentsByPosition(call);
      const varargs =
        entry.argument.varargs || (entry.argument.auto && (passed.length > 1 || passed[0]?.type === "PyListSplat"));
      if (varargs) {
        // Each positional argument is one argv element; `*cmd` spreads a list (a pass-through when a parameter).
        const args = callArguments(call).slice(entry.argument.position ?? 0);
        elements = args.flatMap((arg) =>
          arg.type === "PyListSplat"
            ? argvOf(arg.value, call)
            : arg.type === "PyKeywordArgument" || arg.type === "PyDictionarySplat"
              ? []
              : [arg],
        );
        elements = elements.slice(entry.skip ?? 0);
      } else {
        const command = commandArgument(call, entry);
        if (!command) return;
        const positional = positionalArguments(call);
        const extra = (entry.elements ?? []).flatMap((i) => (positional[i] ? [positional[i]] : []));
        elements = [...extra, ...argvOf(command, call)];
      }
      for (const element of elements) {
        const flow = analyze(model, spec, element, call);
        if (!flow) continue;
        const container =
          element.range[0] < call.range[0] || element.range[1] > call.range[1] ? listStep(element) : null;
        const trace = container ? { ...flow, steps: [container, ...flow.steps] } : flow;
        context.report({
          node: call,
          messageId: "untrustedArgument",
          data: {
            value: shortText(sourceCode.getText(element)),
            source: describeFlow(trace, sourceCode.getText(element)),
            sink,
          },
        });
        return;
      }
    }

    /**
     * The argv elements an argument stands for (see `sequenceElements`), and the expressions whose elements are
     * unknown, checked as a whole. A parameter that is (part of) the whole argv (`def execute(cmd):
     * utils.execute(['sudo'] + cmd)`) is a pass-through wrapper: its callers build the command and are checked where
     * they do; only what this function adds is examined.
     */
    function argvOf(arg: PyNode, at: PyNode): PyNode[] {
      const { elements, unknown, parameters } = sequenceElements(model, arg, at);
      for (const parameter of parameters)
        if (parameter.type === "PyIdentifier") passedThrough.push({ parameter, kind: "argv", sink: currentSink });
      // The program's own arguments spread whole (`[sys.executable] + sys.argv`) are passed on, not built.
      return [...elements, ...unknown.filter((node) => !passThroughArgv.matches(model.qualifiedName(node)))];
    }

    /**
     * Whether a call's positional arguments read as an argv: a constant command name first (`execute('iscsiadm',
     * ...)`), or one list whose first element is one (`execute(['ip', 'link'])`, `execute(*cmd)`). A helper that
     * takes `run_as_root=` but builds its command itself (`convert_image(src, dst, fmt, run_as_root=True)`) does not.
     */
    function startsWithCommand(call: PyCall): boolean {
      const passed = argumentsByPosition(call);
      const first = passed[0];
      if (!first) return false;
      const list = first.type === "PyListSplat" ? first.value : passed.length === 1 ? first : null;
      const command = list ? sequenceElements(model, list, call).elements[0] : first;
      return !!command && staticString(model, command) !== null;
    }

    function checkSink(call: PyCall, entry: SinkEntry, kind: SinkKind, sink: string): void {
      currentSink = sink;
      if (kind === "shell") checkShell(call, entry, sink);
      else checkArgv(call, entry, sink);
    }

    /**
     * Calls of the file's functions that hand a parameter whole to a sink (`def run(cmd): processutils.execute(*cmd)`)
     * are checked as that sink, with the argument passed for the parameter: `run(['ip', 'link', dev])` reports
     * `dev`, named through the wrapper (`run → processutils.execute`). Wrappers of wrappers are followed a few
     * levels (a caller that passes its own parameter on becomes a wrapper in turn).
     */
    function checkWrapperCalls(): void {
      const checked = new Set<string>();
      for (let level = 0; level < MAX_WRAPPER_LEVELS && passedThrough.length; level++) {
        const wrappers = new Map<Scope, Array<{ name: string; kind: SinkKind; sink: string; varargs: boolean }>>();
        for (const { parameter, kind, sink } of passedThrough) {
          const [binding] = model.reachingBindings(parameter.name, parameter);
          const fn = binding?.scope.node;
          if (binding?.kind !== "param" || fn?.type !== "PyFunctionDefinition") continue;
          const key = `${fn.range[0]}:${parameter.name}:${kind}`;
          if (checked.has(key)) continue;
          checked.add(key);
          const list = wrappers.get(binding.scope) ?? [];
          const varargs = binding.target.parent?.type === "PyListSplatPattern";
          list.push({ name: parameter.name, kind, sink, varargs });
          wrappers.set(binding.scope, list);
        }
        passedThrough = [];
        if (!wrappers.size) return;
        for (const call of model.calls) {
          const target = model.localFunction(call);
          const entries = target ? wrappers.get(target.scope) : undefined;
          if (!target || !entries) continue;
          const callee = sourceCode.getText(call.function).replace(/\s+/gu, "");
          for (const { name, kind, sink, varargs } of entries) {
            const position = target.scope.parameters.indexOf(name) - target.skip;
            if (position < 0) continue;
            const entry: SinkEntry = {
              callee: "*",
              kind,
              argument: varargs ? { varargs: true, position } : { position, keywords: [name] },
            };
            checkSink(call, entry, kind, `${callee} → ${sink}`);
          }
        }
      }
    }

    /** Option `requireAbsolutePath`: the command is a constant name without a directory, found through PATH. */
    function checkPath(call: PyCall, entry: SinkEntry, kind: SinkKind, sink: string): void {
      const name = commandName(call, entry, kind);
      if (name === null || name === "" || /[/\\]/u.test(name) || /^[A-Za-z]:/u.test(name)) return;
      context.report({ node: call, messageId: "partialPath", data: { sink, command: shortText(name) } });
    }

    /** The program a call starts, when constant: the first word of a shell line, argv[0], or the path argument. */
    function commandName(call: PyCall, entry: SinkEntry, kind: SinkKind): string | null {
      if (kind === "shell") {
        const command = commandArgument(call, entry);
        const [first] = command ? stringParts(model, command, { expandLocals: true }) : [];
        const words = first?.kind === "literal" ? /^\s*(\S+)(\s|$)/u.exec(first.text) : null;
        return words ? words[1] : null;
      }
      const positional = positionalArguments(call);
      if (entry.elements?.length) return staticString(model, positional[entry.elements[0]] ?? null);
      if (entry.argument.varargs) return staticString(model, positional[entry.skip ?? 0] ?? null);
      const command = commandArgument(call, entry);
      if (!command) return null;
      const single = staticString(model, command);
      if (single !== null) return single.trim().split(/\s+/u)[0] ?? null;
      const [first] = sequenceElements(model, command, call).elements;
      return first ? staticString(model, first) : null;
    }

    /** The kind a call runs its command as: the entry's, or the kind its switch selects (`shell=True`). */
    function kindOf(call: PyCall, entry: SinkEntry): SinkKind {
      const switched = entry.switch ? keywordArgument(call, entry.switch.keyword) : null;
      // `shell=True`, `shell=use_shell`: a shell unless the value is known to be false.
      return switched && truthiness(model, switched) !== false ? entry.switch!.whenTruthy : entry.kind;
    }

    return {
      Program() {
        model = tools.model;
        const found = model.callsTo(sinks).map(({ call, entries }) => ({ call, entry: entries[0] }));
        // A team names its sinks as its code writes them (`priv_rootwrap.execute` after
        // `from os_brick.privileged import rootwrap as priv_rootwrap`): match those as written too.
        if (extraAsWritten) {
          const matched = new Set<PyNode>(found.map((f) => f.call));
          for (const call of model.calls) {
            const entry = matched.has(call) ? undefined : extraAsWritten.first(dottedName(call.function));
            if (entry) found.push({ call, entry });
          }
        }
        // Any other function called with `shell=True` (Bandit B604): its first argument is a shell command line.
        // One called with a privileged keyword (`run_as_root=`) is an executor: it runs an argv.
        const matched = new Set<PyNode>(found.map((f) => f.call));
        for (const call of model.calls) {
          if (matched.has(call) || call.arguments.type !== "PyArgumentList") continue;
          const shell = keywordArgument(call, "shell");
          if (shell && truthiness(model, shell) === true) found.push({ call, entry: SHELL_KEYWORD_SINK });
          else if (privilegedKeywords.some((keyword) => keywordArgument(call, keyword)) && startsWithCommand(call))
            found.push({ call, entry: PRIVILEGED_EXECUTOR });
        }
        // Paramiko clients are mostly passed in: any `.exec_command` of a file that imports paramiko.
        if (model.importsModule("paramiko"))
          for (const call of model.calls)
            if (
              !matched.has(call) &&
              call.function.type === "PyAttribute" &&
              call.function.attribute.name === "exec_command"
            )
              found.push({ call, entry: PARAMIKO_EXEC_COMMAND });
        for (const { call, entry } of found) {
          // A name such as `self._execute` stands for an injected executor; a method the file defines under that
          // name (an HTTP request helper, an SSH wrapper) is judged by its own body instead.
          if (entry.argument.auto && model.localFunction(call)) continue;
          const sink =
            call.function.type === "PyAttribute" || call.function.type === "PyIdentifier"
              ? sourceCode.getText(call.function).replace(/\s+/gu, "")
              : (model.calleeName(call) ?? "");
          const kind = kindOf(call, entry);
          if (requireAbsolutePath && entry.searchesPath) checkPath(call, entry, kind, sink);
          checkSink(call, entry, kind, sink);
        }
        checkWrapperCalls();
      },
    };
  },
});

/**
 * The list an argv element was put in before the call (`cmd = [..., x]`, `cmd += [x]`, `cmd.append(x)`), as a
 * step of the trace, so that the message says the value went through `cmd`.
 */
function listStep(element: PyNode): TaintStep | null {
  for (let node = element.parent as PyNode | null; node; node = node.parent as PyNode | null) {
    if ((node.type === "PyAssignment" || node.type === "PyAugmentedAssignment") && node.left.type === "PyIdentifier")
      return { node: node.left, name: node.left.name, line: node.left.loc.start.line };
    if (node.type === "PyCall" && node.function.type === "PyAttribute") {
      const receiver = unparenthesize(node.function.object);
      if (receiver?.type === "PyIdentifier") return { node: receiver, name: receiver.name, line: node.loc.start.line };
    }
    if (isStatement(node)) return null;
  }
  return null;
}

const passThroughArgv = CalleeMatcher.of(PASS_THROUGH_ARGV);

/** The arguments passed by position, `*spread` ones included. */
function argumentsByPosition(call: PyCall): PyNode[] {
  return callArguments(call).filter((a) => a.type !== "PyKeywordArgument" && a.type !== "PyDictionarySplat");
}

/** A call made with a privileged keyword (`run_as_root=True`): an executor of its positional arguments. */
const PRIVILEGED_EXECUTOR: SinkEntry = {
  callee: "*",
  kind: "argv",
  argument: { position: 0, keywords: ["args", "cmd"], auto: true },
  switch: { keyword: "shell", whenTruthy: "shell" },
};

/** How many wrappers deep a command is followed from the call that builds it to the sink. */
const MAX_WRAPPER_LEVELS = 4;

/** The catalog's command sinks plus a rule's `extraSinks` (a name is a qualified name or a suffix). */
const NO_SINKS = new CalleeMatcher<SinkEntry>();

function commandSinksWith(extraSinks: readonly ExtraSink[], base: CalleeMatcher<SinkEntry> = catalog.commandSinks) {
  return extendMatcher<SinkEntry>(
    base,
    extraSinks.map(({ name, mode, form }) => {
      const pattern = name.includes("*") ? name : `*.${name}`;
      const entry: SinkEntry =
        mode === "shell"
          ? { callee: pattern, kind: "shell", argument: { position: 0, keywords: ["args", "cmd"] } }
          : {
              callee: pattern,
              kind: "argv",
              argument:
                form === "varargs"
                  ? { varargs: true }
                  : form === "auto"
                    ? { position: 0, keywords: ["args", "cmd"], auto: true }
                    : { position: 0, keywords: ["args", "cmd"] },
              // A team executor that takes `shell=True` (as subprocess does) runs its command through a shell.
              switch: { keyword: "shell", whenTruthy: "shell" },
            };
      return [pattern, entry] as const;
    }),
  );
}

const specs = new Map<string, TaintSpec>();

/** Untrusted input reaching a command: the catalog's sources, shell quoting as the sanitizer, the rule's validators. */
function commandSpec(sanitizers: readonly string[], validators: readonly string[]): TaintSpec {
  const key = JSON.stringify([sanitizers, validators]);
  let spec = specs.get(key);
  if (!spec) {
    spec = defineTaintSpec({
      name: "command",
      sanitizers: [...COMMAND_SANITIZERS.map((s) => s.callee), ...sanitizers],
      validators,
    });
    specs.set(key, spec);
  }
  return spec;
}

/** Wraps each part in shlex.quote(...) (inside f-strings too) and adds `import shlex` when it is not imported. */
function quoteFix(fixer: any, parts: PyNode[], sourceCode: PythonRuleSourceCode, model: PythonModel) {
  const fixes = parts.map((part) => fixer.replaceTextRange(part.range, `shlex.quote(${sourceCode.getText(part)})`));
  return [...fixes, ...(moduleImportFixes(fixer, sourceCode, model, "shlex") ?? [])];
}

/**
 * The first `chown`/`chmod`/`tar`/`rsync` of a shell command line (in its constant text) that is given an argument
 * starting with a wildcard (`*`, `*.log`), which the shell expands to file names. `./*` and `/path/*` cannot
 * expand to an option; a wildcard after `--` is a file name.
 */
function wildcardArgument(parts: readonly StringPart[]): { command: string; wildcard: string } | null {
  // An inserted value stands as one word `…` (its text is not known).
  const text = parts.map((p) => (p.kind === "literal" ? p.text : " … ")).join("");
  for (const segment of text.split(/[;&|\n()`]+/u)) {
    const words = segment.trim().split(/\s+/u);
    const at = words.findIndex((w) => WILDCARD_SENSITIVE_COMMANDS.has(w.split("/").pop() ?? ""));
    if (at === -1) continue;
    for (const word of words.slice(at + 1)) {
      if (word === "--") break;
      if (/^[*?]/u.test(word)) return { command: shortText(words.slice(at).join(" ")), wildcard: word };
    }
  }
  return null;
}

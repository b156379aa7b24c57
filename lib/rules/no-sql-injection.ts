import {
  CalleeMatcher,
  DJANGO_EXTRA,
  DJANGO_EXTRA_SQL_KEYWORDS,
  DJANGO_RAW_SQL,
  SQL_DRIVER_PARAMSTYLES,
  SQL_EXECUTORS,
  SQL_SANITIZERS,
  SQL_TEXT_KEYWORDS,
} from "../analysis/catalog/index.js";
import { builtSqlQuery } from "../analysis/sql.js";
import { analyze, defineTaintSpec, describeFlow, type TaintSpec } from "../analysis/taint.js";
import { staticValue } from "../analysis/values.js";
import type { PyCall, PyNode } from "../ast/generated/node-types.js";
import {
  argument,
  callArguments,
  createRule,
  keywordArgument,
  shortText,
  unparenthesize,
  type PythonModel,
} from "../rule-kit/index.js";

type Options = [{ sanitizers: string[]; validators: string[] }];
type MessageIds = "sqlInjection" | "extraInjection" | "rawSqlInjection" | "parameterize";

/** What a sink call runs: the SQL argument(s) to examine and the check that reports them. */
interface SqlSink {
  messageId: "sqlInjection" | "extraInjection" | "rawSqlInjection";
  queries(call: PyCall): PyNode[];
}

const firstArgument = (call: PyCall) => {
  const query =
    argument(call, { position: 0 }) ?? SQL_TEXT_KEYWORDS.map((k) => keywordArgument(call, k)).find(Boolean) ?? null;
  return query ? [query] : [];
};
/** `QuerySet.extra(select={...}, where=[...], tables=[...], order_by=[...])`: every SQL fragment it is given. */
const extraFragments = (call: PyCall): PyNode[] =>
  DJANGO_EXTRA_SQL_KEYWORDS.flatMap((name) => {
    const value = unparenthesize(keywordArgument(call, name));
    if (!value) return [];
    if (value.type === "PyList" || value.type === "PyTuple") return value.children;
    if (value.type === "PyDictionary") return value.children.flatMap((p) => (p.type === "PyPair" ? [p.value] : []));
    return [];
  });

const sinks = new CalleeMatcher<SqlSink>([
  ...SQL_EXECUTORS.map((p) => [p, { messageId: "sqlInjection", queries: firstArgument }] as const),
  ...DJANGO_EXTRA.map((p) => [p, { messageId: "extraInjection", queries: extraFragments }] as const),
  ...DJANGO_RAW_SQL.map((p) => [p, { messageId: "rawSqlInjection", queries: firstArgument }] as const),
]);

const SQL_REMEDIATION =
  'Pass values as query parameters (`cursor.execute("... WHERE id = %s", (value,))`, `?` for sqlite3, `text("... :id").bindparams(id=value)`); for identifiers (table and column names), check the value against a constant allow-list or quote it with the driver (`psycopg2.sql.Identifier`).';

export default createRule<Options, MessageIds>({
  name: "no-sql-injection",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow SQL statements built from unvalidated input by string formatting (`%`, `.format()`, f-strings, `+`) and run by `execute()`, `text()` or Django's `extra()`/`RawSQL`",
      recommended: true,
      severity: "error",
      category: "SQL injection",
      remediation: SQL_REMEDIATION,
      checks: {
        sqlInjection: {
          id: "B608",
          bandit: ["B608", "hardcoded_sql_expressions"],
          ruff: ["S608"],
          cwe: [89],
        },
        extraInjection: {
          id: "B610",
          bandit: ["B610", "django_extra_used"],
          ruff: ["S610"],
          cwe: [89],
          remediation:
            "Pass values through `extra(params=[...])` / `select_params`, or use the ORM's `filter()`/`annotate()` instead of raw SQL fragments.",
        },
        rawSqlInjection: {
          id: "B611",
          bandit: ["B611", "django_rawsql_used"],
          ruff: ["S611"],
          cwe: [89],
          remediation:
            "Pass values as `RawSQL(sql, params)` / `raw(sql, params)` parameters, never formatted into the SQL.",
        },
      },
    },
    hasSuggestions: true,
    messages: {
      sqlInjection:
        "`{{sink}}` runs SQL built from `{{value}}` ({{source}}): pass it as a query parameter, or check it against an allow-list when it is an identifier.",
      extraInjection:
        "`{{sink}}` adds a SQL fragment built from `{{value}}` ({{source}}): pass it through params=[...] instead.",
      rawSqlInjection:
        "`{{sink}}` runs SQL built from `{{value}}` ({{source}}): pass it in the params argument instead.",
      parameterize: "Pass the values as query parameters ({{placeholder}} placeholders) instead of formatting them in.",
    },
    schema: [
      {
        type: "object",
        properties: {
          sanitizers: {
            type: "array",
            items: { type: "string" },
            description:
              "Functions whose result is safe in SQL (they quote a value or an identifier), besides the drivers' escape_string, quote_ident and psycopg2.sql.Identifier/Literal.",
          },
          validators: {
            type: "array",
            items: { type: "string" },
            description:
              "Functions whose result (or whose truthiness in a guard) validates a value, besides int, float and the other conversions of the catalog.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ sanitizers: [], validators: [] }],
  },
  create(context, tools) {
    const [{ sanitizers, validators }] = context.options;
    const spec = sqlSpec(sanitizers, validators);
    const sourceCode = context.sourceCode;
    return {
      Program() {
        const model = tools.model;
        for (const { call, entries } of model.callsTo(sinks)) {
          const sink = entries[0];
          // Django's `extra()` is any `.extra` method: only in files that use Django.
          if (sink.messageId === "extraInjection" && !model.importsModule("django")) continue;
          for (const query of sink.queries(call)) {
            const built = builtSqlQuery(model, query, call, { fragment: sink.messageId === "extraInjection" });
            if (!built) continue;
            const found = built.inserted.map((node) => ({ node, flow: analyze(model, spec, node, call) }));
            const tainted = found.find((f) => f.flow);
            if (!tainted) continue;
            const value = sourceCode.getText(tainted.node);
            const parameterized = sink.messageId === "sqlInjection" ? parameterizedQuery(model, call, query) : null;
            context.report({
              node: call,
              messageId: sink.messageId,
              data: {
                sink: shortText(sourceCode.getText(call.function)),
                value: shortText(value),
                source: describeFlow(tainted.flow!, value),
              },
              suggest: parameterized
                ? [
                    {
                      messageId: "parameterize",
                      data: { placeholder: parameterized.placeholder },
                      fix: (fixer: any) => fixer.replaceTextRange(query.range, parameterized.text),
                    },
                  ]
                : [],
            });
            break;
          }
        }
      },
    };
  },
});

/** The placeholder style of the database drivers the file imports, when they agree on one. */
function paramstyle(model: PythonModel): "format" | "qmark" | null {
  const styles = new Set<"format" | "qmark">();
  for (const bindings of model.module.bindings.values())
    for (const b of bindings) {
      if (b.kind !== "import" || !b.imported) continue;
      for (const [driver, style] of Object.entries(SQL_DRIVER_PARAMSTYLES))
        if (b.imported === driver || b.imported.startsWith(`${driver}.`)) styles.add(style);
    }
  return styles.size === 1 ? [...styles][0] : null;
}

/**
 * `cursor.execute("... '%s' ..." % (a, b))` as `cursor.execute("... %s ...", (a, b))` (or `?` placeholders for
 * sqlite3-style drivers): only for a call given the query alone, formatted with `%` from a plain literal whose
 * every conversion is a bare `%s` (quoted or not) and whose driver's placeholder style is known from its imports.
 */
function parameterizedQuery(
  model: PythonModel,
  call: PyCall,
  query: PyNode,
): { text: string; placeholder: string } | null {
  if (callArguments(call).length !== 1 || query.parent !== call.arguments) return null;
  const node = unparenthesize(query);
  if (node?.type !== "PyBinaryOperator" || node.operator !== "%") return null;
  const literal = unparenthesize(node.left);
  if (literal?.type !== "PyString" || literal.children.some((c) => c.type === "PyInterpolation")) return null;
  if (/[bf]/iu.test(literal.prefix)) return null;
  const format = staticValue(model, literal);
  if (format?.kind !== "str") return null;
  const style = paramstyle(model);
  if (!style) return null;
  const values = unparenthesize(node.right);
  if (!values || values.type === "PyDictionary") return null;
  const rewritten = placeholderLiteral(model.text.slice(literal.range[0], literal.range[1]), style);
  if (!rewritten) return null;
  const valuesText = model.text.slice(node.right.range[0], node.right.range[1]);
  const tuple =
    values.type === "PyTuple" ? (valuesText.startsWith("(") ? valuesText : `(${valuesText})`) : `(${valuesText},)`;
  return { text: `${rewritten}, ${tuple}`, placeholder: style === "qmark" ? "?" : "%s" };
}

/**
 * A `%`-format literal with its `%s` conversions turned into placeholders (`'%s'` in SQL quotes loses them: the
 * driver quotes), `%%` kept for `format` drivers and made `%` for `qmark` ones. Null when a conversion is not a
 * bare `%s` (`%d`, `%(name)s`) or is glued to other text (`'%%%s%%'`, `id_%s`).
 */
function placeholderLiteral(raw: string, style: "format" | "qmark"): string | null {
  const open = /^[a-zA-Z]*('''|"""|'|")/u.exec(raw);
  if (!open || !raw.endsWith(open[1])) return null;
  const head = open[0];
  const body = raw.slice(head.length, raw.length - open[1].length);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== "%") {
      out += body[i];
      continue;
    }
    if (body[i + 1] === "%") {
      out += style === "qmark" ? "%" : "%%";
      i++;
      continue;
    }
    if (body[i + 1] !== "s") return null;
    const before = body[i - 1] ?? "";
    const after = body[i + 2] ?? "";
    const quoted = (before === "'" || before === '"') && after === before;
    if (quoted) out = out.slice(0, -1);
    else if (/[\w'"%]/u.test(before) || /[\w'"%]/u.test(after)) return null;
    out += style === "qmark" ? "?" : "%s";
    i += quoted ? 2 : 1;
  }
  return `${head}${out}${open[1]}`;
}

const specs = new Map<string, TaintSpec>();

/** Untrusted input reaching SQL: the catalog's sources and parameters, SQL quoting as the sanitizer. */
function sqlSpec(sanitizers: readonly string[], validators: readonly string[]): TaintSpec {
  const key = JSON.stringify([sanitizers, validators]);
  let spec = specs.get(key);
  if (!spec) {
    spec = defineTaintSpec({ name: "sql", sanitizers: [...SQL_SANITIZERS, ...sanitizers], validators });
    specs.set(key, spec);
  }
  return spec;
}

import {
  CalleeMatcher,
  HTML_ESCAPERS,
  JINJA2_ENVIRONMENTS,
  MAKO_TEMPLATES,
  MARKUP_CONSTRUCTORS,
  NUMERIC_BUILTINS,
  SAFE_MARKUP_MARKERS,
} from "../analysis/catalog/index.js";
import { insertedValues } from "../analysis/strings.js";
import { isConstantChoice, staticString, staticValue, truthiness } from "../analysis/values.js";
import type { PyCall, PyNode } from "../ast/generated/node-types.js";
import {
  argument,
  callArguments,
  defineCallRule,
  keywordArgument,
  suggestKeyword,
  shortText,
  unparenthesize,
  type CallCheckContext,
  type PythonModel,
} from "../rule-kit/index.js";

/** A `**options` argument may set anything: what the call does is not known. */
function hasKeywordSplat(call: PyCall): boolean {
  return callArguments(call).some((arg) => arg.type === "PyDictionarySplat");
}

/** Markup: an HTML or XML tag, comment or entity. */
const MARKUP = /<[A-Za-z!/?][^<>]*>|&[#\w]+;/u;

/**
 * `Environment(...)` / `Template(...)` with `autoescape` absent or known to be false. A `Template` of constant text
 * that holds no markup renders a configuration file or a script, not a page: nothing to escape there.
 */
function withoutAutoescape({ call, callee, model }: CallCheckContext<unknown>): boolean {
  if (callee.endsWith(".Template")) {
    const source = staticString(model, argument(call, { position: 0, name: "source" }));
    if (source !== null && !MARKUP.test(source)) return false;
  }
  const autoescape = keywordArgument(call, "autoescape");
  if (!autoescape) return !hasKeywordSplat(call);
  return truthiness(model, autoescape) === false;
}

/** Mako's `default_filters` without `h` (HTML escaping); absent means Mako's default, `['str']`. */
function withoutHtmlFilter({ call, model }: CallCheckContext<unknown>): boolean {
  const filters = keywordArgument(call, "default_filters");
  if (!filters) return !hasKeywordSplat(call);
  const value = staticValue(model, filters);
  if (!value || (value.kind !== "list" && value.kind !== "tuple")) return false;
  return !value.elements.some((item) => item.kind === "str" && item.value === "h");
}

const escapers = CalleeMatcher.of(HTML_ESCAPERS);

/** A value escaped for HTML: an escaping call's result (`escape(x)`, `format_html(...)`), or a number. */
function isEscaped(model: PythonModel, value: PyNode): boolean {
  const node = unparenthesize(value);
  if (!node || isConstantChoice(model, node)) return true;
  if (node.type !== "PyCall") return false;
  const callee = model.calleeName(node);
  if (escapers.matches(callee)) return true;
  return !!callee && NUMERIC_BUILTINS.has(callee) && model.callsBuiltin(node, callee);
}

/** The markup a `mark_safe(x)` / `Markup(x)` call marks as safe. */
function markedText(call: PyCall): PyNode | null {
  return argument(call, { position: 0, name: "s" }) ?? argument(call, { name: "base" });
}

export default defineCallRule({
  name: "no-unescaped-template",
  description: "Disallow HTML templates without autoescaping and markup marked safe from values that are not constants",
  // Sampled precision on Django, Horizon and Designate is 0.71 (docs/accuracy/bandit-parity-group-a.md): `all` only.
  recommended: false,
  severity: "error",
  category: "Cross-site scripting",
  remediation:
    "Pass `autoescape=True` (or `autoescape=select_autoescape()` to escape by template file extension) to Jinja2; give Mako `default_filters=['h']`; build markup with `format_html()` (Django) or `Markup(\"...{}\").format(value)` (markupsafe), which escape the inserted values.",
  suggestions: {
    enableAutoescape: "Pass autoescape=True.",
  },
  checks: [
    {
      id: "B701",
      messageId: "jinja2Autoescape",
      message:
        "`{{callee}}` without autoescape renders values into HTML unescaped: a value holding markup is cross-site scripting. Pass autoescape=True or select_autoescape().",
      callee: JINJA2_ENVIRONMENTS,
      when: withoutAutoescape,
      suggest: suggestKeyword("enableAutoescape", "autoescape", "True"),
      remediation:
        "Pass `autoescape=True`, or `autoescape=select_autoescape()` to escape HTML and XML templates by file name only.",
      bandit: ["B701", "jinja2_autoescape_false"],
      ruff: ["S701"],
      cwe: [79, 94],
    },
    {
      id: "B702",
      messageId: "makoDefaultFilters",
      message:
        "`{{callee}}` without the `h` default filter renders values into HTML unescaped: a value holding markup is cross-site scripting. Pass default_filters=['h'] (or escape each expression with `| h`).",
      callee: MAKO_TEMPLATES,
      when: withoutHtmlFilter,
      remediation: "Pass `default_filters=['h']` (with `'unicode'`/`'str'` first as your templates need).",
      bandit: ["B702", "use_of_mako_templates"],
      ruff: ["S702"],
      cwe: [79, 80],
    },
    {
      id: "B703",
      messageId: "markedSafe",
      message:
        "`{{callee}}` marks `{{value}}` as safe HTML, and it is not a constant: whatever markup it holds reaches the page unescaped. Escape the values first (format_html(), escape()).",
      callee: [...SAFE_MARKUP_MARKERS, ...MARKUP_CONSTRUCTORS],
      when: ({ call, model }) => {
        const text = markedText(call);
        return !!text && insertedValues(model, text).some((value) => !isEscaped(model, value));
      },
      data: ({ call, text }) => ({ value: shortText(text(markedText(call)!)) }),
      remediation:
        "Build markup with `django.utils.html.format_html()` or `markupsafe.Markup(...).format()` / `Markup.escape()`, which escape the inserted values; mark only constant strings as safe.",
      bandit: ["B703", "django_mark_safe", "B308", "mark_safe"],
      ruff: ["S308", "S704"],
      cwe: [79],
    },
  ],
});

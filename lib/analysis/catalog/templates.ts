import type { CalleePattern } from "./pattern.js";

/** Jinja2 environments and templates: HTML-unsafe unless `autoescape` is set (Bandit B701, Ruff S701). */
export const JINJA2_ENVIRONMENTS: readonly CalleePattern[] = [
  "jinja2.Environment",
  "jinja2.environment.Environment",
  "jinja2.Template",
  "jinja2.environment.Template",
  "jinja2.sandbox.SandboxedEnvironment",
  "jinja2.sandbox.ImmutableSandboxedEnvironment",
];
/** Mako templates: HTML-unsafe unless `default_filters` include `h` (B702, S702). */
export const MAKO_TEMPLATES: readonly CalleePattern[] = ["mako.template.Template", "mako.lookup.TemplateLookup"];
/** Calls that mark a string as safe HTML, so that no template escapes it (B703/B308, S308/S704). */
export const SAFE_MARKUP_MARKERS: readonly CalleePattern[] = [
  "django.utils.safestring.mark_safe",
  "django.utils.safestring.SafeString",
  "django.utils.safestring.SafeText",
];
export const MARKUP_CONSTRUCTORS: readonly CalleePattern[] = [
  "markupsafe.Markup",
  "jinja2.Markup",
  "flask.Markup",
  "jinja2.utils.Markup",
];

/** Calls whose result is escaped HTML (or markup built by escaping what it inserts): safe to mark safe. */
export const HTML_ESCAPERS: readonly CalleePattern[] = [
  "html.escape",
  "cgi.escape",
  "xml.sax.saxutils.escape",
  "xml.sax.saxutils.quoteattr",
  "django.utils.html.escape",
  "django.utils.html.conditional_escape",
  "django.utils.html.format_html",
  "django.utils.html.format_html_join",
  "django.utils.html.escapejs",
  "django.utils.html.json_script",
  "django.utils.html.strip_tags",
  "django.template.loader.render_to_string",
  "markupsafe.escape",
  "markupsafe.Markup.escape",
  "jinja2.escape",
  "flask.escape",
  "flask.render_template",
  "bleach.clean",
  "bleach.linkify",
  "nh3.clean",
];

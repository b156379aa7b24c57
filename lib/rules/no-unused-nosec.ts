import { createRule } from "../rule-kit/index.js";
import { getSuppressionIndex, entryNamesAnyRule, type SuppressionEntry } from "../rule-kit/suppressions.js";
import { nosecEnabled } from "../rule-kit/create-rule.js";
import { PYTHON_FILE_END } from "../language/python-source-code.js";

type Options = [{ includeBare: boolean }];
type MessageIds = "unusedCode" | "unusedBare" | "remove";

export default createRule<Options, MessageIds>({
  name: "no-unused-nosec",
  meta: {
    type: "suggestion",
    docs: {
      description: "Report `# nosec` / `# noqa:` entries that suppress no report of this plugin's rules",
      recommended: false,
      severity: "warn",
      category: "Suppression hygiene",
      remediation: "Remove the stale suppression, so that a later change to the statement is audited again.",
      checks: {
        unusedCode: { id: "no-unused-nosec/unused-code" },
        unusedBare: { id: "no-unused-nosec/unused-bare" },
      },
    },
    hasSuggestions: true,
    messages: {
      unusedCode:
        "`{{code}}` in this `# {{kind}}` comment suppresses nothing: `{{rules}}` reports nothing on this statement that it names.",
      unusedBare: "This bare `# nosec` suppresses nothing: no rule of python-audit reports on this statement.",
      remove: "Remove `{{code}}` from the comment.",
    },
    schema: [
      {
        type: "object",
        properties: {
          includeBare: {
            type: "boolean",
            description:
              "Also report bare `# nosec` comments (off by default: they usually silence other Bandit checks too).",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ includeBare: false }],
  },
  suppressible: false,
  create(context) {
    const [{ includeBare }] = context.options;
    if (!nosecEnabled(context.languageOptions as Record<string, unknown>)) return {};
    const sourceCode = context.sourceCode;
    const index = getSuppressionIndex(sourceCode.ast);
    if (!index.entries.length) return {};

    /** The text range that removing `entry` deletes: the code and one separator, or the whole comment. */
    function removal(entry: SuppressionEntry): [number, number] | null {
      const siblings = index.entries.filter(
        (other) => other.comment === entry.comment && other.kind === entry.kind && other.code,
      );
      const text = sourceCode.text;
      if (siblings.length > 1) {
        const position = siblings.indexOf(entry);
        return position > 0
          ? [siblings[position - 1].range[1], entry.range[1]]
          : [entry.range[0], siblings[1].range[0]];
      }
      // The only entry: remove the comment when it holds nothing else (and the spaces before it).
      const rest = entry.comment.value
        .replace(/\s*(nosec\b:?|noqa:)\s*/iu, "")
        .replace(entry.code ?? "", "")
        .trim();
      if (rest) return null;
      let start = entry.comment.range[0];
      while (start > 0 && (text[start - 1] === " " || text[start - 1] === "\t")) start--;
      return [start, entry.comment.range[1]];
    }

    return {
      [PYTHON_FILE_END]() {
        const rulesRun = [...index.rulesRun]
          .filter(([name]) => name !== "no-unused-nosec")
          .map(([name, codes]) => ({ name, codes }));
        if (!rulesRun.length) return;
        for (const entry of index.entries) {
          if (entry.usedBy.size) continue;
          if (entry.code === null && !includeBare) continue;
          const matching = rulesRun.filter((rule) => entryNamesAnyRule(entry, [rule]));
          if (entry.code !== null && !matching.length) continue;
          const loc = {
            start: sourceCode.getLocFromIndex(entry.range[0]),
            end: sourceCode.getLocFromIndex(entry.range[1]),
          };
          const range = removal(entry);
          const code = entry.code ?? "nosec";
          context.report({
            loc,
            messageId: entry.code === null ? "unusedBare" : "unusedCode",
            data: { code, kind: entry.kind, rules: matching.map((rule) => rule.name).join(", ") },
            suggest: range ? [{ messageId: "remove", data: { code }, fix: (fixer) => fixer.removeRange(range) }] : [],
          });
        }
      },
    };
  },
});

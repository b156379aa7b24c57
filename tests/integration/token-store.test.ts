import assert from "node:assert/strict";
import { eslintVersions } from "../helpers.js";

/**
 * The language's token store must answer like ESLint's own: in parser mode `sourceCode` is ESLint's JS
 * SourceCode (its TokenStore over our tokens and comments); in language mode it is ours. A probe rule asks both
 * the same questions about every node and the answers must match.
 */
const CODE = [
  "import os  # first",
  "def f(a, b=1):  # header",
  "    # inside",
  "    return a + b  # tail",
  "",
  "x = [f(1), f(2)]  # list",
  "y = {'k': (1, 2)}",
  "",
].join("\n");

const probe = {
  rules: {
    tokens: {
      meta: { type: "problem", messages: { out: "{{out}}" }, schema: [] },
      create(context: any) {
        const sc = context.sourceCode;
        const lines: string[] = [];
        const v = (t: any) => (t ? `${t.type}:${t.value}@${t.range[0]}` : "null");
        return {
          "*"(node: any) {
            const first = sc.getFirstToken(node);
            const last = sc.getLastToken(node);
            lines.push(
              [
                node.type,
                v(first),
                v(last),
                v(sc.getTokenBefore(node)),
                v(sc.getTokenAfter(node)),
                v(sc.getTokenBefore(node, { includeComments: true })),
                v(sc.getTokenAfter(node, { includeComments: true })),
                v(sc.getTokenBefore(node, { skip: 1 })),
                v(sc.getTokenAfter(node, 1)),
                v(sc.getFirstToken(node, { filter: (t: any) => t.type === "Punctuator" })),
                sc.getTokens(node).length,
                sc.getTokens(node, 1, 1).length,
                sc.getFirstTokens(node, { count: 2 }).map(v).join(","),
                sc.getLastTokens(node, 2).map(v).join(","),
                sc.getTokensBefore(node, 2).map(v).join(","),
                sc.getTokensAfter(node, { count: 2, includeComments: true }).map(v).join(","),
                first && last ? sc.getTokensBetween(first, last).length : -1,
                first && last ? sc.getTokensBetween(first, last, { includeComments: true }).length : -1,
                sc.getCommentsBefore(node).length,
                sc.getCommentsAfter(node).length,
                sc.getCommentsInside(node).length,
                v(sc.getTokenByRangeStart(node.range[0])),
                first && last ? sc.commentsExistBetween(first, last) : "-",
                first && last && first !== last ? sc.isSpaceBetween(first, sc.getTokenAfter(first)) : "-",
              ].join(" | "),
            );
          },
          "Program:exit"(node: any) {
            lines.push(
              `all comments ${sc
                .getAllComments()
                .map((c: any) => c.value)
                .join(",")}`,
            );
            context.report({ node, messageId: "out", data: { out: lines.join("\n") } });
          },
        };
      },
    },
  },
};

/** ESLint 10's own TokenStore (parser mode) is the reference; ESLint 9's differs at end-of-file boundaries. */
async function answers(
  eslint: (typeof eslintVersions)[number]["module"],
  mode: "language" | "parser",
): Promise<string> {
  const plugin = require("../helpers.js").loadPlugin();
  const base = {
    files: ["**/*.py"],
    plugins: { "python-audit": plugin, tokens: { rules: { all: probe.rules.tokens } } },
    rules: { "tokens/all": "error" },
  };
  const config =
    mode === "language"
      ? { ...base, language: "python-audit/python" }
      : { ...base, languageOptions: { parser: plugin.parser } };
  const instance = new eslint.ESLint({ overrideConfigFile: true, overrideConfig: [config] as any });
  const [result] = await instance.lintText(CODE, { filePath: "t.py" });
  assert.equal(result.messages.length, 1, JSON.stringify(result.messages));
  return result.messages[0].message;
}

for (const { label, module: eslint } of eslintVersions) {
  it(`${label}: the language's token store answers like ESLint 10's own`, async () => {
    const reference = await answers(eslintVersions[0].module, "parser");
    const language = await answers(eslint, "language");
    assert.ok(language.split("\n").length > 35, "the probe saw every node");
    assert.equal(language, reference);
  });
}

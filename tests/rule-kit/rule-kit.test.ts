import assert from "node:assert/strict";
import type { Program, PyCall } from "../../lib/ast/generated/node-types.js";
import { parsePython } from "../../lib/parser/index.js";
import { createRule, dottedName, keywordArgument, positionalArguments, stringValue } from "../../lib/rule-kit/index.js";
import { allNodes, eslintVersions, loadPlugin } from "../helpers.js";

const calls = (code: string): PyCall[] => allNodes(parsePython(code)).filter((n): n is PyCall => n.type === "PyCall");

describe("rule kit helpers", () => {
  it("dottedName follows names, attributes and calls", () => {
    const [a, b, c, d, e] = calls("os.path.join(x)\nf()\nget_ip().netns.execute(cmd)\n(lambda: 1)()\n");
    assert.deepEqual(
      [dottedName(a), dottedName(b), dottedName(c.function), dottedName(d), dottedName(e)],
      ["os.path.join", "f", null, "get_ip", null],
    );
  });

  it("positionalArguments and keywordArgument split a call's arguments", () => {
    const [call] = calls("run(a, *rest, shell=True, **kw)\n");
    assert.deepEqual(
      positionalArguments(call).map((n) => n.type),
      ["PyIdentifier"],
    );
    assert.equal(keywordArgument(call, "shell")?.type, "PyTrue");
    assert.equal(keywordArgument(call, "cwd"), null);
  });

  it("stringValue decodes literals and refuses interpolation and bytes", () => {
    const text =
      "a = 'x\\ty'\nb = r'\\d+'\nc = 'a' \"b\"\nd = f'{x}'\ne = b'raw'\nf = '\\u00e9\\x41\\101'\ng = f'plain'\n";
    const program = parsePython(text);
    const values = program.body.map((statement) => {
      const assignment = statement.type === "PyExpressionStatement" ? statement.expression : null;
      return stringValue(assignment?.type === "PyAssignment" ? assignment.right : null, text);
    });
    assert.deepEqual(values, ["x\ty", "\\d+", "ab", null, null, "éAA", "plain"]);
  });
});

/** A rule written with createRule, run by ESLint's RuleTester in both modes on both ESLint majors. */
const noEval = createRule<[{ allowExec: boolean }], "eval">({
  name: "no-eval",
  meta: {
    type: "problem",
    docs: { description: "Disallow eval()", recommended: false },
    messages: { eval: "Do not call {{name}}()." },
    schema: [{ type: "object", properties: { allowExec: { type: "boolean" } }, additionalProperties: false }],
    defaultOptions: [{ allowExec: false }],
  },
  create(context) {
    const [{ allowExec }] = context.options;
    return {
      PyCall(node) {
        const name = dottedName(node.function);
        if (name === "eval" || (name === "exec" && !allowExec))
          context.report({ node, messageId: "eval", data: { name } });
      },
    };
  },
});

describe("createRule", () => {
  it("fills in the docs URL from the rule name", () => {
    assert.match(String(noEval.meta?.docs?.url), /\/docs\/rules\/no-eval\.md$/);
  });

  for (const { label, module: eslint } of eslintVersions) {
    for (const mode of ["language", "parser"] as const) {
      describe(`${label}, ${mode} mode: RuleTester`, () => {
        const plugin = loadPlugin();
        const config =
          mode === "language"
            ? { plugins: { "python-audit": plugin }, language: "python-audit/python" }
            : { languageOptions: { parser: plugin.parser } };
        const tester = new eslint.RuleTester(config as any);
        tester.run("no-eval", noEval as any, {
          valid: ["print(1)\n", { code: "exec('x')\n", options: [{ allowExec: true }] }],
          invalid: [
            {
              code: "x = eval(s)\n",
              errors: [{ messageId: "eval", line: 1, column: 5, endColumn: 12, data: { name: "eval" } }],
            },
            { code: "def f():\n    exec(s)\n", errors: [{ message: "Do not call exec().", line: 2, column: 5 }] },
          ],
        });
      });
    }
  }
});

void ({} as Program);

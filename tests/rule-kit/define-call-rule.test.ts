import assert from "node:assert/strict";
import { keywordArgument } from "../../lib/ast/accessors.js";
import { defineCallRule } from "../../lib/rule-kit/define-call-rule.js";
import { keywordArgumentFix } from "../../lib/rule-kit/fixes.js";
import { eslintVersions, loadPlugin } from "../helpers.js";

/** Two Bandit-style checks as data: a missing `timeout=` (B113) and `verify=False` (B501). */
const requestsRule = defineCallRule<[]>({
  name: "requests-checks",
  description: "Checks of requests calls",
  recommended: false,
  category: "Network",
  remediation: "Pass `timeout=` and keep `verify=True`.",
  suggestions: { addTimeout: "Pass timeout=10." },
  checks: [
    {
      id: "B113",
      messageId: "missingTimeout",
      message: "`{{callee}}` without a timeout.",
      callee: ["requests.get", "requests.post", "requests.Session().get"],
      unless: ({ call }) => keywordArgument(call, "timeout") !== null,
      suggest: ({ call, sourceCode }) => [
        { messageId: "addTimeout", fix: (fixer) => keywordArgumentFix(fixer, sourceCode, call, "timeout", "10") },
      ],
      remediation: "Pass `timeout=`.",
      bandit: ["B113", "request_without_timeout"],
      ruff: ["S113"],
      cwe: [400],
    },
    {
      id: "B501",
      messageId: "noVerify",
      message: "`{{callee}}` with certificate checks off ({{value}}).",
      callee: "requests.*",
      when: ({ call }) => keywordArgument(call, "verify")?.type === "PyFalse",
      data: ({ call, text }) => ({ value: text(keywordArgument(call, "verify")!) }),
      remediation: "Keep `verify=True`.",
      bandit: ["B501"],
      cwe: [295],
    },
  ],
});

describe("defineCallRule", () => {
  it("takes its messages and per-check docs from the checks", () => {
    const docs = requestsRule.meta!.docs as { checks: Record<string, { id: string; cwe?: number[] }> };
    assert.deepEqual(Object.keys(requestsRule.meta!.messages!), ["addTimeout", "missingTimeout", "noVerify"]);
    assert.deepEqual(
      Object.entries(docs.checks).map(([messageId, check]) => [messageId, check.id, check.cwe]),
      [
        ["missingTimeout", "B113", [400]],
        ["noVerify", "B501", [295]],
      ],
    );
  });

  it("refuses a check whose callee is not in the grammar", () => {
    assert.throws(
      () =>
        defineCallRule({
          name: "broken",
          description: "x",
          recommended: false,
          category: "x",
          remediation: "x",
          checks: [{ id: "x", messageId: "x", message: "x", callee: "*.a.*", remediation: "x" }],
        }),
      /not both/u,
    );
  });

  for (const { label, module: eslint } of eslintVersions) {
    describe(`${label}: RuleTester in language mode`, () => {
      const plugin = loadPlugin();
      const tester = new eslint.RuleTester({
        plugins: { "python-audit": plugin },
        language: "python-audit/python",
      } as any);
      tester.run("requests-checks", requestsRule as any, {
        valid: [
          "import requests\nrequests.get(url, timeout=5)\n",
          // Not requests: a local object with a get method.
          "d = {}\nd.get(url)\n",
        ],
        invalid: [
          {
            code: "import requests as r\nr.get(url)\n",
            errors: [
              {
                messageId: "missingTimeout",
                data: { callee: "requests.get" },
                suggestions: [{ messageId: "addTimeout", output: "import requests as r\nr.get(url, timeout=10)\n" }],
              },
            ],
          },
          {
            // The receiver is named after the call that built it.
            code: "import requests\ns = requests.Session()\ns.get(url)\n",
            errors: [
              {
                messageId: "missingTimeout",
                data: { callee: "requests.Session().get" },
                suggestions: [
                  {
                    messageId: "addTimeout",
                    output: "import requests\ns = requests.Session()\ns.get(url, timeout=10)\n",
                  },
                ],
              },
            ],
          },
          {
            // One call, two checks: both report.
            code: "from requests import post\npost(url, verify=False)\n",
            errors: [
              {
                messageId: "missingTimeout",
                line: 2,
                suggestions: [
                  {
                    messageId: "addTimeout",
                    output: "from requests import post\npost(url, verify=False, timeout=10)\n",
                  },
                ],
              },
              { messageId: "noVerify", data: { callee: "requests.post", value: "False" } },
            ],
          },
          {
            // Per check: `# nosec B501` silences the certificate finding, not the missing timeout on the same call.
            code: "import requests\nrequests.post(url, verify=False)  # nosec B501\n",
            errors: [
              {
                messageId: "missingTimeout",
                suggestions: [
                  {
                    messageId: "addTimeout",
                    output: "import requests\nrequests.post(url, verify=False, timeout=10)  # nosec B501\n",
                  },
                ],
              },
            ],
          },
          {
            code: "import requests\nrequests.post(url, verify=False)  # noqa: S113\n",
            errors: [{ messageId: "noVerify" }],
          },
        ],
      });
    });
  }
});

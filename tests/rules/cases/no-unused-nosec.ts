import type { RuleCases } from "../harness.js";

// Cases for python-audit/no-unused-nosec. The tests run it next to the recommended rules (it judges their
// results) and in language mode only (it needs the end-of-file event). `S` = a shell call that is reported.
const S = 'subprocess.call("ip netns exec " + cmd, shell=True)';
const SAFE = 'subprocess.call(["ip", "link"])';
const head = "import subprocess\ndef f(cmd):\n";

const cases: RuleCases = {
  withRecommendedRules: true,
  languageModeOnly: true,
  valid: [
    `${head}    ${S}  # nosec B602\n`,
    `${head}    ${S}  # nosec: B602\n`,
    `${head}    ${S}  # nosec B607\n`,
    `${head}    ${S}  # nosec subprocess_popen_with_shell_equals_true\n`,
    `${head}    ${S}  # noqa: S602\n`,
    `${head}    ${S}  # noqa: S602, E501\n`,
    `${head}    ${S}  # nosec no-command-injection\n`,
    `${head}    ${S}  # nosec python-audit/no-command-injection\n`,
    `${head}    subprocess.call(\n        "ip netns exec " + cmd,\n        shell=True)  # nosec B602\n`,
    `${head}    subprocess.call(  # nosec B602\n        "ip netns exec " + cmd,\n        shell=True)\n`,
    // Another tool's id: not ours to judge.
    `${head}    ${SAFE}  # nosec B101\n`,
    `${head}    ${SAFE}  # noqa: E501\n`,
    `${head}    ${SAFE}  # noqa: S101\n`,
    // A bare nosec is not reported by default (it usually silences other Bandit checks too).
    `${head}    ${SAFE}  # nosec\n`,
    `${head}    ${SAFE}  # nosec - checked by the caller\n`,
    // Bare `# noqa` is not a suppression of ours at all.
    `${head}    ${SAFE}  # noqa\n`,
    `try:\n    work()\nexcept Exception:  # nosec B110\n    pass\n`,
    `try:\n    work()\nexcept Exception:  # noqa: BLE001\n    pass\n`,
    `try:\n    work()\nexcept:  # noqa: E722\n    pass\n`,
    `def f(p):\n    open(p)  # noqa: SIM115\n`,
    `def f(p):\n    with open(p) as fh:  # noqa: E501\n        return fh.read()\n`,
    `LOG.info("token %s", token)  # nosec no-sensitive-data-in-logs\n`,
    // Comments that merely mention the word.
    `x = 1  # see the no-sec convention\n`,
    `x = "# nosec B602"\n`,
    `${head}    ${S}  # NOSEC B602\n`,
  ],
  invalid: [
    {
      code: `${head}    ${SAFE}  # nosec B602\n`,
      errors: [{ messageId: "unusedCode", data: { code: "B602", kind: "nosec", rules: "no-command-injection" }, line: 3, column: 46, suggestions: [{ messageId: "remove", output: `${head}    ${SAFE}\n` }] }],
    },
    {
      code: `${head}    ${SAFE}  # nosec: B602\n`,
      errors: [{ messageId: "unusedCode", suggestions: [{ messageId: "remove", output: `${head}    ${SAFE}\n` }] }],
    },
    {
      code: `${head}    ${SAFE}  # noqa: S602\n`,
      errors: [{ messageId: "unusedCode", data: { code: "S602", kind: "noqa", rules: "no-command-injection" }, suggestions: [{ messageId: "remove", output: `${head}    ${SAFE}\n` }] }],
    },
    {
      code: `${head}    ${SAFE}  # noqa: S602, E501\n`,
      errors: [{ messageId: "unusedCode", suggestions: [{ messageId: "remove", output: `${head}    ${SAFE}  # noqa: E501\n` }] }],
    },
    {
      code: `${head}    ${SAFE}  # noqa: E501, S602\n`,
      errors: [{ messageId: "unusedCode", suggestions: [{ messageId: "remove", output: `${head}    ${SAFE}  # noqa: E501\n` }] }],
    },
    {
      code: `${head}    ${SAFE}  # nosec B602, B101\n`,
      errors: [{ messageId: "unusedCode", suggestions: [{ messageId: "remove", output: `${head}    ${SAFE}  # nosec B101\n` }] }],
    },
    {
      code: `${head}    ${S}  # nosec B602, B110\n`,
      errors: [{ messageId: "unusedCode", data: { code: "B110", kind: "nosec", rules: "no-broad-except" }, suggestions: [{ messageId: "remove", output: `${head}    ${S}  # nosec B602\n` }] }],
    },
    {
      // Text after the list: the entry is reported, but removing it would leave a dangling reason, so no suggestion.
      code: `${head}    ${SAFE}  # nosec B602 validated\n`,
      errors: [{ messageId: "unusedCode", suggestions: [] }],
    },
    {
      code: `${head}    ${SAFE}  # nosec no-command-injection\n`,
      errors: [{ messageId: "unusedCode", data: { code: "no-command-injection", kind: "nosec", rules: "no-command-injection" }, suggestions: [{ messageId: "remove", output: `${head}    ${SAFE}\n` }] }],
    },
    {
      code: `${head}    ${SAFE}  # nosec subprocess_popen_with_shell_equals_true\n`,
      errors: [{ messageId: "unusedCode", suggestions: [{ messageId: "remove", output: `${head}    ${SAFE}\n` }] }],
    },
    {
      code: `${head}    ${SAFE}  # nosec\n`,
      options: [{ includeBare: true }],
      errors: [{ messageId: "unusedBare", suggestions: [{ messageId: "remove", output: `${head}    ${SAFE}\n` }] }],
    },
    {
      code: `try:\n    work()\nexcept ValueError:  # nosec B110\n    pass\n`,
      errors: [{ messageId: "unusedCode", data: { code: "B110", kind: "nosec", rules: "no-broad-except" }, line: 3, suggestions: [{ messageId: "remove", output: `try:\n    work()\nexcept ValueError:\n    pass\n` }] }],
    },
    {
      code: `try:\n    work()\nexcept ValueError:  # noqa: BLE001\n    pass\n`,
      errors: [{ messageId: "unusedCode", suggestions: [{ messageId: "remove", output: `try:\n    work()\nexcept ValueError:\n    pass\n` }] }],
    },
    {
      code: `def f(p):\n    with open(p) as fh:  # noqa: SIM115\n        return fh.read()\n`,
      errors: [{ messageId: "unusedCode", data: { code: "SIM115", kind: "noqa", rules: "no-resource-leak" }, suggestions: [{ messageId: "remove", output: `def f(p):\n    with open(p) as fh:\n        return fh.read()\n` }] }],
    },
    {
      code: `${head}    ${SAFE}  # nosec B602\n    ${SAFE}  # nosec B603\n`,
      errors: [
        { messageId: "unusedCode", line: 3, suggestions: [{ messageId: "remove", output: `${head}    ${SAFE}\n    ${SAFE}  # nosec B603\n` }] },
        { messageId: "unusedCode", line: 4, suggestions: [{ messageId: "remove", output: `${head}    ${SAFE}  # nosec B602\n    ${SAFE}\n` }] },
      ],
    },
    {
      code: `LOG.info("user %s", user)  # nosec no-sensitive-data-in-logs\n`,
      errors: [{ messageId: "unusedCode", suggestions: [{ messageId: "remove", output: `LOG.info("user %s", user)\n` }] }],
    },
    {
      code: `x = 1\t# noqa: S603\n`,
      errors: [{ messageId: "unusedCode", suggestions: [{ messageId: "remove", output: `x = 1\n` }] }],
    },
  ],
};

export default cases;

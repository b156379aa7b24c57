import assert from "node:assert/strict";
import { eslintVersions, loadPlugin } from "../helpers.js";
import { parseSuppressionComment } from "../../lib/rule-kit/suppressions.js";
import type { PyComment } from "../../lib/ast/base.js";

/**
 * `# nosec` / `# noqa:` comments through ESLint: every rule honours its Bandit ids and Ruff codes on any line of
 * the reported statement, in both modes; the language option (parser option) `nosec: false` turns them off.
 */
const plugin = loadPlugin();

/** One reported statement per rule, spread over three lines; `#` marks where the comment goes. */
const FINDINGS: Record<string, { code: string; bandit?: string; ruff?: string }> = {
  "no-command-injection": {
    code: 'import subprocess\ndef f(cmd):\n    subprocess.call(  #1\n        "ip netns exec " + cmd,  #2\n        shell=True)  #3\n',
    bandit: "B602",
    ruff: "S602",
  },
  "no-broad-except": {
    code: "try:\n    work()\nexcept (  #1\n    Exception  #2\n):  #3\n    pass\n",
    bandit: "B110",
    ruff: "BLE001",
  },
  "no-resource-leak": {
    code: "def f(p):\n    data = open(  #1\n        p,  #2\n    ).read()  #3\n    return data\n",
    ruff: "SIM115",
  },
  "no-sensitive-data-in-logs": { code: 'LOG.info(  #1\n    "password %s",  #2\n    password)  #3\n' },
};

function comment(value: string): PyComment {
  return {
    type: "Block",
    value,
    range: [10, 11 + value.length],
    loc: { start: { line: 1, column: 10 }, end: { line: 1, column: 11 + value.length } },
  };
}

async function lint(code: string, rule: string, mode: "language" | "parser", options: { nosec?: boolean } = {}) {
  const config =
    mode === "language"
      ? { plugins: { "python-audit": plugin }, language: "python-audit/python", languageOptions: options }
      : { plugins: { "python-audit": plugin }, languageOptions: { parser: plugin.parser, parserOptions: options } };
  const eslint = new eslintVersions[0].module.ESLint({
    overrideConfigFile: true,
    overrideConfig: [{ files: ["**/*.py"], ...config, rules: { [`python-audit/${rule}`]: "error" } }] as any,
  });
  const [result] = await eslint.lintText(code, { filePath: "x.py" });
  assert.deepEqual(
    result.messages.filter((m) => m.fatal),
    [],
  );
  return result.messages.filter((m) => m.ruleId === `python-audit/${rule}`);
}

describe("suppression comments: parsing", () => {
  const codes = (value: string) => parseSuppressionComment(comment(value)).map((e) => `${e.kind}:${e.code}`);
  it("Bandit lists: ids, names, rule ids; the list ends at the first other word", () => {
    assert.deepEqual(codes(" nosec"), ["nosec:null"]);
    assert.deepEqual(codes(" nosec B602"), ["nosec:B602"]);
    assert.deepEqual(codes(" nosec: B602,B607"), ["nosec:B602", "nosec:B607"]);
    assert.deepEqual(codes(" nosec B602, B607 - validated above"), ["nosec:B602", "nosec:B607"]);
    assert.deepEqual(codes(" nosec because it is validated"), ["nosec:null"]);
    assert.deepEqual(codes(" nosec try_except_pass"), ["nosec:try_except_pass"]);
    assert.deepEqual(codes(" nosec python-audit/no-resource-leak"), ["nosec:python-audit/no-resource-leak"]);
    assert.deepEqual(codes(" pylint: disable=broad-except  # nosec B110"), ["nosec:B110"]);
    assert.deepEqual(codes(" NOSEC"), ["nosec:null"]);
  });
  it("Ruff/flake8 lists need codes; a bare noqa is not ours", () => {
    assert.deepEqual(codes(" noqa: S602"), ["noqa:S602"]);
    assert.deepEqual(codes(" noqa:S602,E501"), ["noqa:S602", "noqa:E501"]);
    assert.deepEqual(codes(" noqa"), []);
    assert.deepEqual(codes(" noqa: S602  # nosec B602"), ["nosec:B602", "noqa:S602"]);
    assert.deepEqual(codes(" nosecurity review"), []);
    // Only right after a `#`, as Bandit and flake8 read them: prose that mentions the word is not a suppression.
    assert.deepEqual(codes(" see the nosec docs, and noqa: S602 in the wiki"), []);
    assert.deepEqual(codes("nosec"), ["nosec:null"]);
  });
  it("entry ranges point at the codes in the source", () => {
    const [entry] = parseSuppressionComment(comment(" nosec B602"));
    assert.deepEqual(entry.range, [10 + 1 + " nosec ".length, 10 + 1 + " nosec B602".length]);
  });
});

describe("suppression comments: every rule, both modes", () => {
  for (const [rule, { code, bandit, ruff }] of Object.entries(FINDINGS)) {
    for (const mode of ["language", "parser"] as const) {
      describe(`${rule} (${mode} mode)`, () => {
        it("is reported without a comment", async () => {
          assert.equal((await lint(code.replace(/ {2}#\d/gu, ""), rule, mode)).length, 1);
        });
        const markers = [
          ...(bandit ? [`nosec ${bandit}`] : []),
          ...(ruff ? [`noqa: ${ruff}`] : []),
          `nosec ${rule}`,
          "nosec",
        ];
        for (const marker of markers) {
          for (const line of [1, 2, 3]) {
            it(`# ${marker} on line ${line} of the statement suppresses it`, async () => {
              const text = code.replace(new RegExp(` {2}#${line}`, "u"), `  # ${marker}`).replace(/ {2}#\d/gu, "");
              assert.deepEqual(await lint(text, rule, mode), []);
            });
          }
        }
        it("another tool's code does not suppress it", async () => {
          const text = code.replace(" #1", " # nosec B101  # noqa: E501").replace(/ {2}#\d/gu, "");
          assert.equal((await lint(text, rule, mode)).length, 1);
        });
        it("`nosec: false` turns the comments off", async () => {
          const text = code.replace(" #1", " # nosec").replace(/ {2}#\d/gu, "");
          assert.equal((await lint(text, rule, mode, { nosec: false })).length, 1);
        });
      });
    }
  }

  it("a comment on the next statement does not suppress", async () => {
    const code = 'import subprocess\ndef f(cmd):\n    subprocess.call("x " + cmd, shell=True)\n    y = 1  # nosec\n';
    assert.equal((await lint(code, "no-command-injection", "language")).length, 1);
  });

  it("a wrong type for the language option is a clear configuration error", async () => {
    const eslint = new eslintVersions[0].module.ESLint({
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ["**/*.py"],
          plugins: { "python-audit": plugin },
          language: "python-audit/python",
          languageOptions: { nosec: "no" },
        },
      ] as any,
    });
    await assert.rejects(eslint.lintText("x = 1\n", { filePath: "x.py" }), /nosec.*must be a boolean/u);
  });
});

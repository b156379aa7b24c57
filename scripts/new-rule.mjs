#!/usr/bin/env node
// Scaffolds a new rule: lib/rules/<id>.ts (complete meta, an empty options schema, a PyCall listener that reports
// nothing until its check is written), docs/rules/<id>.md (the eslint-doc-generator header, Rule details with an
// incorrect and a correct example, Options, How to fix = meta.docs.remediation, When not to use it) and
// tests/fixtures/rules/<id>/{valid,invalid}/basic.py (the doc's two examples); then `npm run update` regenerates the
// rules index, the README rule list and the doc headers.
//
//   npm run new-rule -- <id> --description "Disallow ..." [--severity error|warn] [--category "..."]
//                             [--recommended] [--remediation "..."] [--bandit B602,...] [--ruff S602,...]
//                             [--root DIR] [--skip-update]
//
// Exit codes: 0 scaffolded, 2 usage error (bad id or option, existing rule; nothing written), 1 the update failed.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { update } from "./update.mjs";

/** First words a rule id may start with: `no-` for a prohibition, or a verb (`require-timeout`, `prefer-...`). */
const VERBS = ["no", "require", "prefer", "enforce", "check", "detect", "limit", "restrict", "validate", "use"];
const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/u;
const BANDIT_CODE = /^(?:B\d{3}|[a-z][a-z0-9_]*)$/u;
const RUFF_CODE = /^[A-Z]{1,4}\d{1,4}$/u;
const USAGE = `usage: npm run new-rule -- <id> --description "Disallow ..." [--severity error|warn] [--category "..."]
                          [--recommended] [--remediation "..."] [--bandit B602,...] [--ruff S602,...]
                          [--root DIR] [--skip-update]`;

class UsageError extends Error {}

function parse(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        description: { type: "string" },
        severity: { type: "string", default: "warn" },
        category: { type: "string" },
        recommended: { type: "boolean", default: false },
        remediation: { type: "string" },
        bandit: { type: "string" },
        ruff: { type: "string" },
        root: { type: "string" },
        "skip-update": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length ? `one rule id expected, got ${positionals.join(" ")}` : "the rule id is missing",
    );
  const id = positionals[0];
  if (!ID.test(id))
    throw new UsageError(
      `invalid rule id "${id}": kebab-case words (lower-case letters and digits, at least two words), e.g. no-hardcoded-tmp-dir`,
    );
  const verb = id.split("-")[0];
  if (!VERBS.includes(verb))
    throw new UsageError(
      `invalid rule id "${id}": start with "no-" or a verb (${VERBS.map((v) => `${v}-`).join(", ")})`,
    );

  const description = (values.description ?? "").trim().replace(/\.$/u, "");
  if (!description)
    throw new UsageError(
      '--description "..." is required (one line, e.g. "Disallow temporary files at predictable paths")',
    );
  if (/[\r\n]/u.test(description)) throw new UsageError("--description must be one line");
  if (!["error", "warn"].includes(values.severity))
    throw new UsageError(`--severity must be error or warn, not "${values.severity}"`);
  const remediation = values.remediation?.trim();
  if (remediation !== undefined && remediation.length <= 40)
    throw new UsageError("--remediation must say how to fix a finding in a sentence or two (more than 40 characters)");
  if (remediation !== undefined && /[\r\n]/u.test(remediation))
    throw new UsageError("--remediation must be one paragraph (no line breaks)");
  const codes = (option, pattern, example) => {
    if (values[option] === undefined) return undefined;
    const list = values[option]
      .split(",")
      .map((code) => code.trim())
      .filter(Boolean);
    const bad = list.filter((code) => !pattern.test(code));
    if (!list.length || bad.length)
      throw new UsageError(
        `--${option}: invalid code(s) ${bad.join(", ") || "(none given)"}, expected e.g. ${example}`,
      );
    return list;
  };
  const bandit = codes("bandit", BANDIT_CODE, "B108,hardcoded_tmp_directory");
  const ruff = codes("ruff", RUFF_CODE, "S108");

  // `npm run` starts scripts in the package root; a relative --root is meant from where npm was run.
  const root = values.root
    ? resolve(process.env.INIT_CWD ?? process.cwd(), values.root)
    : resolve(join(dirname(fileURLToPath(import.meta.url)), ".."));
  if (!existsSync(join(root, "package.json")) || !existsSync(join(root, "lib", "rules")))
    throw new UsageError(`--root ${root} is not a checkout of this plugin (no package.json or lib/rules)`);
  const existing = [
    `lib/rules/${id}.ts`,
    `docs/rules/${id}.md`,
    `tests/fixtures/rules/${id}`,
    `tests/rules/cases/${id}.ts`,
  ].filter((path) => existsSync(join(root, path)));
  if (existing.length) throw new UsageError(`rule "${id}" exists already: ${existing.join(", ")}`);

  return {
    id,
    description,
    severity: values.severity,
    category: values.category?.trim() || defaultCategory(id),
    recommended: values.recommended,
    remediation,
    suppressionCodes: bandit || ruff ? { ...(bandit && { bandit }), ...(ruff && { ruff }) } : undefined,
    root,
    skipUpdate: values["skip-update"],
  };
}

/** `no-hardcoded-tmp-dir` → "Hardcoded tmp dir" (the audit report heading, until the author names it). */
function defaultCategory(id) {
  const words = id.split("-");
  const rest = (words[0] === "no" ? words.slice(1) : words).join(" ");
  return rest[0].toUpperCase() + rest.slice(1);
}

function ruleSource(spec) {
  const { id, description, severity, category, recommended, suppressionCodes } = spec;
  const s = JSON.stringify;
  const list = (codes) => `[${codes.map((c) => s(c)).join(", ")}]`;
  const checkId = suppressionCodes?.bandit?.find((c) => /^B\d{3}$/u.test(c)) ?? `${id}/found`;
  const codes = [
    suppressionCodes?.bandit ? `\n      bandit: ${list(suppressionCodes.bandit)},` : "",
    suppressionCodes?.ruff ? `\n      ruff: ${list(suppressionCodes.ruff)},` : "",
  ].join("");
  return `import { defineCallRule } from "../rule-kit/index.js";

// TODO(${id}): scaffolded by \`npm run new-rule\`. The rule builds, is exported and documented, and reports
// nothing until its check names the callees it applies to (callee patterns: \`os.system\`, \`yaml.*\`,
// \`*.netns.execute\`) and, where a call is fine with some arguments, a \`when\`/\`unless\` predicate.

export default defineCallRule<[Record<string, never>]>({
  name: ${s(id)},
  description: ${s(description)},
  recommended: ${recommended},
  severity: ${s(severity)},
  category: ${s(category)},
  remediation: ${s(spec.remediation ?? placeholderRemediation(id))},
  // TODO(${id}): options the checks read (\`options\` in their predicates), documented in the doc's Options section.
  schema: [{ type: "object", properties: {}, additionalProperties: false }],
  defaultOptions: [{}],
  checks: [
    {
      // The id each finding carries (the Bandit id where one exists) and what \`# nosec\` / \`# noqa:\` name.
      id: ${s(checkId)},
      messageId: "found",
      message: ${s(`\`{{callee}}\`: TODO(${id}): say what is wrong here and what to do instead.`)},
      // TODO(${id}): the callees this check reports.
      callee: [],
      remediation: ${s(spec.remediation ?? placeholderRemediation(id))},${codes}
    },
  ],
});
`;
}

function placeholderRemediation(id) {
  return `TODO(${id}): say how to fix a finding in a sentence or two; the audit report prints it as the Solution.`;
}

/** The doc's examples, also written as the first fixtures. */
function examples(id) {
  return {
    incorrect: `# TODO(${id}): code this rule reports.\nresult = unsafe_call(user_input)\n`,
    correct: `# TODO(${id}): the same code, fixed.\nresult = safe_call(validate(user_input))\n`,
  };
}

function docSource(spec) {
  const { id, description, suppressionCodes } = spec;
  const { incorrect, correct } = examples(id);
  const related = suppressionCodes
    ? `\n\nRelated: ${[...(suppressionCodes.bandit ?? []).map((c) => `Bandit ${c}`), ...(suppressionCodes.ruff ?? []).map((c) => `Ruff ${c}`)].join(", ")}; \`# nosec\` and \`# noqa:\` comments with these codes also silence this rule.`
    : "";
  // The header above the end marker is eslint-doc-generator's: `npm run update` rewrites it (title, description,
  // config notices).
  return `# python-audit/${id}

📝 ${description}.

<!-- end auto-generated rule header -->
## Rule details

TODO(${id}): what the rule reports and why it matters (the risk, the CWE), and what it does not report.${related}

\`\`\`python incorrect
${incorrect}\`\`\`

\`\`\`python correct
${correct}\`\`\`

## Options

This rule has no options.

## How to fix

${spec.remediation ?? placeholderRemediation(id)}

## When not to use it

TODO(${id}): when the finding is acceptable. Disable the rule on that line with a justification:
\`# eslint-disable-next-line python-audit/${id} -- <reason>\`.
`;
}

function write(root, path, content, written) {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content, { flag: "wx" });
  written.push(path);
}

function main(argv) {
  let spec;
  try {
    spec = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`new-rule: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (spec.help) {
    console.log(USAGE);
    return 0;
  }
  const { id, root } = spec;
  const { incorrect, correct } = examples(id);
  const written = [];
  write(root, `lib/rules/${id}.ts`, ruleSource(spec), written);
  write(root, `docs/rules/${id}.md`, docSource(spec), written);
  write(root, `tests/fixtures/rules/${id}/valid/basic.py`, correct, written);
  write(root, `tests/fixtures/rules/${id}/invalid/basic.py`, incorrect, written);
  console.log(`new-rule: wrote\n${written.map((path) => `  ${path}`).join("\n")}`);

  const where = root === resolve(join(dirname(fileURLToPath(import.meta.url)), "..")) ? "" : ` (in ${root})`;
  if (spec.skipUpdate) {
    console.log(
      `new-rule: --skip-update: run \`npm run update\`${where} to regenerate the rules index, README rule list and doc headers`,
    );
  } else {
    console.log("new-rule: npm run update");
    if (update({ root, log: (line) => console.log(`  ${line}`) }) !== 0) {
      console.error(
        `new-rule: the files are written but \`npm run update\` failed${where}: fix the error above and run it again`,
      );
      return 1;
    }
  }
  console.log(`
Next steps${where}:
  1. edit lib/rules/${id}.ts: write the check at TODO(${id}) (the rule reports nothing until then)
  2. replace the examples in docs/rules/${id}.md and tests/fixtures/rules/${id}/{valid,invalid}/ with real cases
     (and add more: grep -rn "TODO(${id})" lib docs tests)${spec.remediation ? "" : `\n     and give meta.docs.remediation and the doc's "How to fix" the same real text`}
  3. npm run fixtures:update   (writes tests/fixtures/rules/${id}/invalid/*.errors.json)
  4. review git diff (the expected errors, the README row), then npm run update && npm test`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));

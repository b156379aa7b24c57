#!/usr/bin/env node
// Generates the AST description from tree-sitter-python's grammar, so that node types, their TypeScript
// interfaces, the visitor keys, the converter's field table and docs/ast.md can never drift from the parser.
//
//   node scripts/generate-ast.mjs          write the generated files
//   node scripts/generate-ast.mjs --check  exit 1 when a generated file is stale (used by the test suite)
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { OVERLAY } from "./ast-overlay.mjs";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const grammarDir = join(dirname(require.resolve("tree-sitter-python/package.json")), "src");
const nodeTypes = JSON.parse(readFileSync(join(grammarDir, "node-types.json"), "utf8"));
const grammar = JSON.parse(readFileSync(join(grammarDir, "grammar.json"), "utf8"));
const grammarVersion = require("tree-sitter-python/package.json").version;

/** Fields whose tree-sitter name collides with ESLint's node protocol are renamed. */
const FIELD_RENAMES = { type: "annotation", parent: "parentNode", range: "sourceRange", loc: "location" };
/** Extras that are not AST nodes: comments go to `Program.comments`, line continuations are tokens only. */
const NON_NODE_TYPES = new Set(["comment", "line_continuation"]);

const camel = (s) => s.replace(/^_+/, "").replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const pascal = (s) => {
  const c = camel(s);
  return c[0].toUpperCase() + c.slice(1);
};
const astType = (tsType) => (tsType === "module" ? "Program" : "Py" + pascal(tsType));
const propName = (field) => FIELD_RENAMES[field] ?? camel(field);

const named = nodeTypes.filter((t) => t.named && !NON_NODE_TYPES.has(t.type));
// Named aliases that node-types.json forgets (tree-sitter-python 0.25: `as_pattern_target`) still occur in trees.
const knownTypes = new Set(nodeTypes.map((t) => t.type));
(function addMissingAliases(rule) {
  if (!rule || typeof rule !== "object") return;
  if (rule.type === "ALIAS" && rule.named && !knownTypes.has(rule.value) && rule.content.type === "SYMBOL") {
    knownTypes.add(rule.value);
    named.push({
      type: rule.value,
      named: true,
      fields: {},
      children: { multiple: false, required: true, types: [{ type: rule.content.name, named: true }] },
    });
  }
  for (const v of Object.values(rule)) if (typeof v === "object") addMissingAliases(v);
})(grammar.rules);
named.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
const supertypes = new Map(named.filter((t) => t.subtypes).map((t) => [t.type, t.subtypes]));
const concrete = named.filter((t) => !t.subtypes);
const concreteNames = new Set(concrete.map((t) => t.type));

/** Concrete named types reachable from a (possibly supertype) type reference. */
function expand(ref, out = new Set()) {
  if (!ref.named) return out;
  const subs = supertypes.get(ref.type);
  if (subs) for (const s of subs) expand(s, out);
  else if (concreteNames.has(ref.type)) out.add(ref.type);
  return out;
}

// ---- key order: visiting the keys of a node in order must visit its children in source order (checked by the
// AST invariant tests). Every SEQ in the grammar rule says "the keys of this member come before those of the next";
// the keys are sorted topologically by those constraints, ties broken by first occurrence.
const visibleSymbol = (name) => concreteNames.has(name) || supertypes.has(name);
function keyOrder(typeName) {
  const first = [];
  const edges = new Set();
  const stack = new Set();
  const walk = (rule, inField) => {
    const keys = [];
    const add = (k) => {
      if (!keys.includes(k)) keys.push(k);
      if (!first.includes(k)) first.push(k);
    };
    const merge = (ks) => ks.forEach(add);
    switch (rule.type) {
      case "SEQ": {
        const lists = rule.members.map((m) => walk(m, inField));
        lists.forEach((a, i) =>
          lists.slice(i + 1).forEach((b) => a.forEach((x) => b.forEach((y) => x !== y && edges.add(`${x}\0${y}`)))),
        );
        lists.forEach(merge);
        break;
      }
      case "CHOICE":
        for (const m of rule.members) merge(walk(m, inField));
        break;
      case "FIELD":
        add(rule.name);
        walk(rule.content, true);
        break;
      case "ALIAS":
        if (rule.named && !inField) add("#children");
        break;
      case "SYMBOL": {
        if (inField) break;
        const hidden = rule.name.startsWith("_") && !supertypes.has(rule.name);
        if (!hidden && (visibleSymbol(rule.name) || rule.name === "keyword_identifier")) add("#children");
        else if (grammar.rules[rule.name] && !stack.has(rule.name)) {
          stack.add(rule.name);
          merge(walk(grammar.rules[rule.name], false));
          stack.delete(rule.name);
        }
        break;
      }
      default:
        if (rule.content) merge(walk(rule.content, inField));
        break;
    }
    return keys;
  };
  if (grammar.rules[typeName]) walk(grammar.rules[typeName], false);
  // Kahn's algorithm; on a cycle, fall back to first occurrence.
  const order = [];
  const remaining = [...first];
  while (remaining.length) {
    const next = remaining.find((k) => !remaining.some((o) => o !== k && edges.has(`${o}\0${k}`))) ?? remaining[0];
    order.push(next);
    remaining.splice(remaining.indexOf(next), 1);
  }
  return order;
}

// ---- per type description, with the overlay applied
const overlayOf = (type) => {
  const entry = OVERLAY[type];
  if (!entry)
    throw new Error(`scripts/ast-overlay.mjs has no entry for \`${type}\` (a grammar update?): name its sub-nodes`);
  return entry;
};
/** "prop", "prop?", "prop[]" → { prop, optional, multiple }. */
const slotOf = (text) => ({
  prop: text.replace(/[?[\]]+$/u, ""),
  optional: text.endsWith("?"),
  multiple: text.endsWith("[]"),
});
const hoisted = new Map(
  concrete.filter((t) => OVERLAY[t.type]?.hoistInto).map((t) => [t.type, OVERLAY[t.type].hoistInto]),
);
const dropped = new Set(concrete.filter((t) => OVERLAY[t.type]?.drop).map((t) => t.type));
const typeInfo = new Map(concrete.map((t) => [t.type, t]));
for (const type of Object.keys(OVERLAY)) {
  if (!typeInfo.has(type))
    throw new Error(`scripts/ast-overlay.mjs names \`${type}\`, which the grammar does not have`);
}

/** The unnamed named sub-node types of a type: hoisted types replaced by their own sub-nodes, dropped ones left out. */
function childRefsOf(t) {
  const refs = [];
  for (const r of (t.children?.types ?? []).filter((x) => x.named)) {
    if (dropped.has(r.type)) continue;
    if (hoisted.has(r.type)) refs.push(...childRefsOf(typeInfo.get(r.type)));
    else refs.push(r.type);
  }
  return refs;
}

const types = concrete
  .filter((t) => !hoisted.has(t.type) && !dropped.has(t.type))
  .map((t) => {
    const entry = t.children?.types.some((r) => r.named) ? overlayOf(t.type) : (OVERLAY[t.type] ?? {});
    const renames = entry.fields ?? {};
    const fields = Object.entries(t.fields ?? {}).map(([name, info]) => {
      const namedRefs = info.types.filter((x) => x.named);
      const kind = namedRefs.length === 0 ? "token" : "node";
      const refs = kind === "token" ? info.types.map((x) => JSON.stringify(x.type)) : namedRefs.map((r) => r.type);
      const prop = renames[name] ?? propName(name);
      return { name, prop, multiple: !!info.multiple, required: !!info.required, kind, refs };
    });
    // Sub-nodes without a tree-sitter field: where the converter puts them (`childSpec`) and the properties they make.
    const childRefs = childRefsOf(t);
    const hoistedChild = (t.children?.types ?? []).find((r) => hoisted.has(r.type));
    const rule = hoistedChild ? { list: hoisted.get(hoistedChild.type) } : entry.children;
    if (childRefs.length && !rule)
      throw new Error(`scripts/ast-overlay.mjs: \`${t.type}\` has unnamed sub-nodes; say where they go`);
    /** Overlay properties: { prop, multiple, optional, refs } in source order. */
    const slots = [];
    let childSpec = null;
    if (rule === "list" || rule?.list) {
      const prop = rule === "list" ? (t.type === "module" ? "body" : "children") : rule.list;
      slots.push({ prop, multiple: true, optional: false, refs: childRefs });
      childSpec = { kind: "list", prop };
    } else if (rule?.slots) {
      for (const text of rule.slots) {
        const s = slotOf(text);
        const refs = (entry.slotTypes?.[s.prop] ?? childRefs).concat(rule.wrapExtra ? [rule.wrapExtra] : []);
        slots.push({ ...s, refs });
      }
      childSpec = {
        kind: "slots",
        props: rule.slots.map((x) => slotOf(x).prop),
        ...(rule.separator ? { separator: rule.separator } : {}),
        ...(rule.wrapExtra ? { wrapExtra: astType(rule.wrapExtra) } : {}),
      };
    } else if (rule?.byType) {
      const map = {};
      for (const [type, text] of Object.entries(rule.byType)) {
        const s = slotOf(text);
        if (!childRefs.includes(type))
          throw new Error(`scripts/ast-overlay.mjs: \`${t.type}\` has no unnamed \`${type}\``);
        slots.push({ ...s, refs: [type] });
        map[type] = [s.prop, s.multiple];
      }
      const unplaced = childRefs.filter((r) => !(r in map));
      if (unplaced.length)
        throw new Error(`scripts/ast-overlay.mjs: \`${t.type}\` does not place ${unplaced.join(", ")}`);
      childSpec = { kind: "byType", map };
    }
    // A slot with the name of a field (as_pattern's `alias`) is that field, widened.
    for (const s of slots) {
      const field = fields.find((f) => f.prop === s.prop);
      if (!field) continue;
      field.refs = [...new Set([...field.refs, ...s.refs])];
      field.required = false;
      s.merged = true;
    }
    for (const f of fields) {
      f.targets = new Set();
      if (f.kind === "node") for (const r of f.refs) expand({ type: r, named: true }, f.targets);
    }
    const childTargets = new Set();
    for (const s of slots) for (const r of s.refs) expand({ type: r, named: true }, childTargets);
    const order = keyOrder(t.type);
    const nodeKeys = fields.filter((f) => f.kind === "node").map((f) => f.name);
    if (childRefs.length) nodeKeys.push("#children");
    nodeKeys.sort((a, b) => {
      const ia = order.indexOf(a),
        ib = order.indexOf(b);
      return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib);
    });
    const fieldProp = (name) => fields.find((f) => f.name === name).prop;
    const visitorKeys = [
      ...new Set(nodeKeys.flatMap((k) => (k === "#children" ? slots.map((s) => s.prop) : [fieldProp(k)]))),
    ];
    const props = slots.filter((s) => !s.merged);
    const extraProps = (entry.textProps ?? []).map((p) => ({ ...p, ts: "string" }));
    return {
      ts: t.type,
      ast: astType(t.type),
      fields,
      childRefs,
      childTargets,
      props,
      childSpec,
      visitorKeys,
      extraProps,
    };
  });

// parents: which node types can contain each type
const parents = new Map(concrete.map((t) => [t.type, new Set()]));
for (const t of types) {
  const add = (target) => parents.get(target)?.add(t.ts);
  for (const f of t.fields) for (const x of f.targets) add(x);
  for (const x of t.childTargets) add(x);
}

const tsRef = (ref) => (supertypes.has(ref) || concreteNames.has(ref) ? astType(ref) : "never");
const union = (items) => (items.length ? [...new Set(items)].join(" | ") : "never");
const banner = (what) =>
  `// GENERATED by scripts/generate-ast.mjs from tree-sitter-python ${grammarVersion} (${what}). Do not edit:\n` +
  `// run \`npm run generate\`. The test suite fails when this file is stale.\n`;

// ---- lib/ast/generated/node-types.ts
let nodeTs = banner("node-types.json") + `import type { PyNodeBase } from "../base.js";\n\n`;
for (const [name, subs] of supertypes) {
  nodeTs += `/** Supertype \`${name}\`. */\nexport type ${astType(name)} = ${union(subs.map((s) => tsRef(s.type)))};\n\n`;
}
for (const t of types) {
  const parentTypes = [...parents.get(t.ts)].sort().map(astType);
  nodeTs += `/** tree-sitter \`${t.ts}\`. */\nexport interface ${t.ast} extends PyNodeBase {\n  type: ${JSON.stringify(t.ast)};\n`;
  if (t.ts === "module") {
    nodeTs += `  sourceType: "module";\n  parent: null;\n  body: Array<${union(t.childRefs.map(tsRef))}>;\n  comments: PyComment[];\n  tokens: PyToken[];\n`;
  } else {
    nodeTs += `  parent: ${union(parentTypes)};\n`;
    for (const f of t.fields) {
      let v = f.kind === "token" ? union(f.refs) : union(f.refs.map(tsRef));
      if (f.multiple) v = `Array<${v}>`;
      else if (!f.required) v = `${v} | null`;
      nodeTs += `  ${f.prop}: ${v};\n`;
    }
    for (const p of t.props) {
      const v = union(p.refs.map(tsRef));
      nodeTs += `  ${p.prop}: ${p.multiple ? `Array<${v}>` : p.optional ? `${v} | null` : v};\n`;
    }
    for (const p of t.extraProps) nodeTs += `  /** ${p.doc} */\n  ${p.prop}: ${p.ts};\n`;
    if (t.ts === "identifier") nodeTs += `  /** The identifier's text. */\n  name: string;\n`;
  }
  nodeTs += `}\n\n`;
}
nodeTs = nodeTs.replace(
  `import type { PyNodeBase } from "../base.js";`,
  `import type { PyComment, PyNodeBase, PyToken } from "../base.js";`,
);
nodeTs += `/** Every node of the AST (a closed union). */\nexport type PyNode =\n  | ${types.map((t) => t.ast).join("\n  | ")};\n\n`;
nodeTs += `/** The \`type\` of every node. */\nexport type PyNodeType = PyNode["type"];\n\n`;
nodeTs += `/** Maps a node type name to its interface. */\nexport interface PyNodeTypeMap {\n${types.map((t) => `  ${t.ast}: ${t.ast};`).join("\n")}\n}\n`;

// ---- lib/ast/generated/visitor-keys.ts
let keysTs =
  banner("node-types.json, grammar.json") +
  `/** Child keys of every node type, in source order. */\nexport const visitorKeys = {\n`;
for (const t of types) keysTs += `  ${t.ast}: ${JSON.stringify(t.visitorKeys)},\n`;
keysTs += `} as const satisfies Record<string, readonly string[]>;\n`;

// ---- lib/ast/generated/grammar-table.ts: what the converter needs per tree-sitter type
let tableTs =
  banner("node-types.json") +
  `/** A tree-sitter field: [AST property, multiple, holds a token (anonymous node) rather than a node]. */\n` +
  `export type FieldSpec = readonly [prop: string, multiple: boolean, token: boolean];\n` +
  `/** Where sub-nodes without a tree-sitter field go (scripts/ast-overlay.mjs). */\n` +
  `export type ChildSpec =\n` +
  `  | null\n` +
  `  | { readonly kind: "list"; readonly prop: string }\n` +
  `  | { readonly kind: "slots"; readonly props: readonly string[]; readonly separator?: string; readonly wrapExtra?: string }\n` +
  `  | { readonly kind: "byType"; readonly map: Readonly<Record<string, readonly [prop: string, multiple: boolean]>> }\n` +
  `  | { readonly kind: "hoist"; readonly prop: string }\n` +
  `  | { readonly kind: "drop" };\n` +
  `/** A named tree-sitter type: [AST type ("" when the node is not kept), fields, sub-nodes without a field]. */\n` +
  `export type TypeSpec = readonly [astType: string, fields: Readonly<Record<string, FieldSpec>>, children: ChildSpec];\n\n` +
  `export const typeSpecs: Readonly<Record<string, TypeSpec>> = {\n`;
for (const t of types) {
  const f = Object.fromEntries(t.fields.map((x) => [x.name, [x.prop, x.multiple, x.kind === "token"]]));
  tableTs += `  ${JSON.stringify(t.ts)}: [${JSON.stringify(t.ast)}, ${JSON.stringify(f)}, ${JSON.stringify(t.childSpec)}],\n`;
}
for (const [type, prop] of hoisted)
  tableTs += `  ${JSON.stringify(type)}: ["", {}, ${JSON.stringify({ kind: "hoist", prop })}],\n`;
for (const type of dropped) tableTs += `  ${JSON.stringify(type)}: ["", {}, {"kind":"drop"}],\n`;
tableTs += `};\n`;

// ---- docs/ast.md
let md =
  `# AST reference\n\n<!-- ${banner("node-types.json").replace(/\n/g, " ").trim()} -->\n\n` +
  `The parser turns tree-sitter-python ${grammarVersion}'s syntax tree into an ESLint AST. Conventions:\n\n` +
  `- The root is \`Program\` (tree-sitter \`module\`) with \`body\`, \`comments\`, \`tokens\`, \`range: [0, text.length]\`.\n` +
  `- Every named tree-sitter node becomes a node typed \`"Py" + PascalCase(type)\` (\`call\` → \`PyCall\`).\n` +
  `- Fields become camelCase properties. The field \`type\` is renamed \`annotation\`. A field that holds an operator\n` +
  `  (an anonymous node) holds its text: \`PyBinaryOperator.operator === "+"\`, \`PyComparisonOperator.operators\` is\n` +
  `  \`["not in"]\`.\n` +
  `- Every sub-node has a name. Where tree-sitter gives a position but no field, the overlay in\n` +
  `  \`scripts/ast-overlay.mjs\` names it (\`PyConditionalExpression\`: \`body\`, \`test\`, \`orelse\`; \`PyTryStatement\`:\n` +
  `  \`handlers\`, \`orelse\`, \`finalbody\`). \`children\` exists only on homogeneous lists (\`PyArgumentList\`, \`PyBlock\`,\n` +
  `  \`PyTuple\`, ...): the items of the list.\n` +
  `- Not kept as nodes: string start/end pieces (\`PyString.prefix\` and \`quote\` hold them) and \`with_clause\`\n` +
  `  (\`PyWithStatement.items\` holds the items). \`a, b\` alone on a line is one \`PyExpressionList\` in\n` +
  `  \`PyExpressionStatement.expression\`, made by the converter, as tree-sitter writes \`return a, b\`.\n` +
  `- Every node has \`range\` (UTF-16 offsets into the text ESLint reads), \`loc\` (1-based lines, 0-based columns,\n` +
  `  lines broken at \\n, \\r\\n, \\r, U+2028, U+2029 as ESLint does) and \`parent\`. \`loc\` is computed from \`range\`\n` +
  `  when read (a getter, not an own property: \`JSON.stringify(node)\` leaves it out).\n` +
  `- \`PyIdentifier\` has \`name\`. Comments (\`# ...\`) are \`Block\` comments in \`Program.comments\` whose \`value\` is the\n` +
  `  text after \`#\`. Keywords, operators, punctuation, names, numbers and string pieces are tokens; a line\n` +
  `  continuation (\`\\\` at a line end) is a token of type \`LineContinuation\`.\n` +
  `- Visitor keys list the child keys in source order. Supertypes are TypeScript unions, not nodes.\n\n` +
  `Executable examples of every node type: \`tests/fixtures/ast/*.py\` with their converted shapes in \`*.json\`.\n\n` +
  `## Supertypes\n\n| supertype | members |\n|---|---|\n`;
for (const [name, subs] of supertypes)
  md += `| \`${astType(name)}\` | ${subs.map((s) => `\`${astType(s.type)}\``).join(", ")} |\n`;
md += `\n## Node types\n\n`;
for (const t of types) {
  md += `### \`${t.ast}\`\n\ntree-sitter \`${t.ts}\`. Visitor keys: ${t.visitorKeys.length ? t.visitorKeys.map((k) => `\`${k}\``).join(", ") : "none"}.\n\n`;
  const rows = [];
  for (const f of t.fields) {
    const v = f.kind === "token" ? f.refs.join(" \\| ") : f.refs.map((r) => `\`${tsRef(r)}\``).join(" \\| ");
    rows.push(
      `| \`${f.prop}\` | ${f.multiple ? "array of " : ""}${f.kind === "token" ? "operator text: " : ""}${v} | ${f.multiple ? "0 or more" : f.required ? "required" : "optional (`null`)"} |`,
    );
  }
  for (const p of t.props) {
    const what = p.prop === "children" || p.prop === "body" ? "the list's items" : "named by the overlay";
    rows.push(
      `| \`${p.prop}\` | ${p.multiple ? "array of " : ""}${p.refs.map((r) => `\`${tsRef(r)}\``).join(" \\| ")} | ${p.multiple ? "0 or more" : p.optional ? "optional (`null`)" : "required"}; ${what} |`,
    );
  }
  for (const p of t.extraProps) rows.push(`| \`${p.prop}\` | ${p.ts} | ${p.doc} |`);
  if (t.ts === "identifier") rows.push("| `name` | string | the identifier's text |");
  if (rows.length) md += `| property | value | |\n|---|---|---|\n${rows.join("\n")}\n\n`;
  const ps = [...parents.get(t.ts)].sort().map((p) => `\`${astType(p)}\``);
  if (ps.length) md += `Parents: ${ps.join(", ")}.\n\n`;
}

const outputs = {
  "lib/ast/generated/node-types.ts": nodeTs,
  "lib/ast/generated/visitor-keys.ts": keysTs,
  "lib/ast/generated/grammar-table.ts": tableTs,
  "docs/ast.md": md,
};
const check = process.argv.includes("--check");
let stale = 0;
for (const [file, content] of Object.entries(outputs)) {
  const path = join(root, file);
  let current = null;
  try {
    current = readFileSync(path, "utf8");
  } catch {}
  if (current === content) continue;
  if (check) {
    console.error(`stale: ${relative(root, path)} (run \`npm run generate\`)`);
    stale++;
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    console.log(`wrote ${file}`);
  }
}
if (stale) process.exit(1);

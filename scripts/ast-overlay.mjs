// The field overlay: names every sub-node that tree-sitter-python leaves positional, so that rules read
// `node.test` instead of `node.children[1]`. Read by scripts/generate-ast.mjs, which fails when a grammar update
// adds a type with unnamed children that this table does not cover.
//
// Per tree-sitter type (names as in node-types.json):
//   children: "list"                   a homogeneous list: the sub-nodes stay in `children` (or `body` for module)
//   children: { list: "prop" }         every unnamed sub-node goes into the array `prop`
//   children: { slots: [...] }         the n-th unnamed sub-node goes into the n-th slot; "prop?" marks a slot that
//                                      may be empty (`null`); `separator: ":"` counts that token instead of sub-nodes
//                                      (slice: `a[::2]` fills only `step`). Never `start`/`end`: RuleTester
//                                      turns those into throwing getters
//   children: { byType: { t: "prop" } } a sub-node of tree-sitter type t goes into `prop`; "prop[]" is an array,
//                                      "prop?" may be `null`
//   children: { slots: [...], wrapExtra: "expression_list" }   more sub-nodes than slots are wrapped in one
//                                      synthetic node of that type (`a, b` as a statement is one expression list)
//   fields: { tsField: "prop" }        renames a tree-sitter field for this type only
//   hoistInto: "prop"                  the node itself is not kept: its sub-nodes go into the parent's array `prop`
//                                      (`with_clause`: `with_statement.items` holds the with-items directly)
//   drop: true                         the node is not kept (string_start/string_end: `PyString.prefix`/`quote`)
//   slotTypes: { prop: ["t", ...] }    narrows a slot's TypeScript type where position decides it
//   textProps: [{ prop, doc }]         string properties the converter sets from the text
//
// A slot shared with a tree-sitter field of the same name (as_pattern's `alias`) gets the union of both types.

export const OVERLAY = {
  argument_list: { children: "list" },
  as_pattern: {
    children: { slots: ["value", "alias?"] },
    slotTypes: { value: ["case_pattern", "expression"], alias: ["identifier"] },
  },
  as_pattern_target: { children: { slots: ["target"] } },
  assert_statement: { children: { slots: ["test", "msg?"] } },
  await: { children: { slots: ["value"] } },
  block: { children: "list" },
  case_clause: { children: { list: "patterns" } },
  case_pattern: { children: { slots: ["pattern?"] } },
  chevron: { children: { slots: ["target"] } },
  class_pattern: { children: { byType: { dotted_name: "cls", case_pattern: "patterns[]" } } },
  comparison_operator: { children: "list" },
  complex_pattern: { children: "list" },
  concatenated_string: { children: "list" },
  conditional_expression: { children: { slots: ["body", "test", "orelse"] } },
  constrained_type: { children: "list" },
  decorated_definition: { children: { list: "decorators" } },
  decorator: { children: { slots: ["expression"] } },
  delete_statement: { children: { slots: ["target"] } },
  dict_pattern: { children: { byType: { splat_pattern: "rest?" } } },
  dictionary: { children: "list" },
  dictionary_comprehension: { children: { list: "clauses" } },
  dictionary_splat: { children: { slots: ["value"] } },
  dictionary_splat_pattern: { children: { slots: ["value"] } },
  dotted_name: { children: "list" },
  except_clause: { fields: { value: "types", alias: "name" }, children: { slots: ["body"] } },
  exec_statement: { children: { list: "namespaces" } },
  expression_list: { children: "list" },
  expression_statement: { children: { slots: ["expression"], wrapExtra: "expression_list" } },
  finally_clause: { children: { slots: ["body"] } },
  format_specifier: { children: "list" },
  generator_expression: { children: { list: "clauses" } },
  generic_type: { children: { byType: { identifier: "name", type_parameter: "typeParameters" } } },
  global_statement: { children: "list" },
  if_clause: { children: { slots: ["test"] } },
  import_from_statement: { children: { byType: { wildcard_import: "wildcard?" } } },
  keyword_pattern: { children: { slots: ["name", "value"] }, slotTypes: { name: ["identifier"] } },
  lambda_parameters: { children: "list" },
  list: { children: "list" },
  list_comprehension: { children: { list: "clauses" } },
  list_pattern: { children: "list" },
  list_splat: { children: { slots: ["value"] } },
  list_splat_pattern: { children: { slots: ["value"] } },
  member_type: { children: { byType: { type: "value", identifier: "attribute" } } },
  module: { children: "list" },
  nonlocal_statement: { children: "list" },
  parameters: { children: "list" },
  parenthesized_expression: { children: { slots: ["expression"] } },
  parenthesized_list_splat: { children: { slots: ["expression"] } },
  pattern_list: { children: "list" },
  print_statement: { children: { byType: { chevron: "chevron?" } } },
  raise_statement: { children: { slots: ["exception?"] } },
  relative_import: { children: { byType: { import_prefix: "prefix", dotted_name: "name?" } } },
  return_statement: { children: { slots: ["value?"] } },
  set: { children: "list" },
  set_comprehension: { children: { list: "clauses" } },
  slice: { children: { slots: ["lower?", "upper?", "step?"], separator: ":" } },
  splat_pattern: { children: { slots: ["name?"] } },
  splat_type: { children: { slots: ["name"] } },
  string: {
    children: "list",
    // Set by lib/parser/convert.ts from the dropped string_start token.
    textProps: [
      { prop: "prefix", doc: 'the prefix as written (`"rb"`, `"f"`, `""`)' },
      { prop: "quote", doc: "the opening quote: `'`, `\"`, `'''` or `\"\"\"`" },
    ],
  },
  string_content: { children: "list" },
  string_end: { drop: true },
  string_start: { drop: true },
  try_statement: {
    children: { byType: { except_clause: "handlers[]", else_clause: "orelse?", finally_clause: "finalbody?" } },
  },
  tuple: { children: "list" },
  tuple_pattern: { children: "list" },
  type: { children: { slots: ["expression"] } },
  type_parameter: { children: "list" },
  typed_parameter: { children: { slots: ["parameter"] } },
  union_pattern: { children: "list" },
  union_type: { children: "list" },
  with_clause: { hoistInto: "items" },
  with_statement: {},
  yield: { children: { slots: ["value?"] } },
};

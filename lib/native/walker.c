/*
 * python_audit_walker: parses Python with tree-sitter-python and returns the whole syntax tree as one flat
 * Int32Array, so the JS converter reads it without ~16 M calls across the JS/native boundary per corpus, and
 * the tree is freed at once (the JS binding frees trees only after GC and an event-loop turn).
 *
 * Record layout, preorder, 5 int32 per node (named and anonymous): symbol, field id (0 = none), start index,
 * end index (UTF-16 code units, i.e. JS string indices), subtree size in records (self included).
 *
 * `parse(text, target)` copies the records into the caller's Int32Array and returns how many int32 it wrote, or
 * minus that count when `target` is too small (the records are kept: `copyLast(bigger)` copies them), or null
 * when the tree has errors (the JS side then takes the binding's path, which knows how to explain the error).
 * Reusing one JS buffer per thread avoids an ArrayBuffer per file, whose memory V8 returns late.
 * One TSParser and one record buffer per Node environment (main thread or worker), kept as instance data.
 */
#include <stdlib.h>
#include <string.h>
#include <node_api.h>
#include "tree_sitter/api.h"

const TSLanguage *tree_sitter_python(void);

#define FIELDS 5

typedef struct {
  int32_t *data;
  size_t length;
  size_t capacity;
} Records;

static int records_reserve(Records *records, size_t more) {
  if (records->length + more <= records->capacity) return 1;
  size_t capacity = records->capacity ? records->capacity * 2 : 4096;
  while (capacity < records->length + more) capacity *= 2;
  int32_t *data = realloc(records->data, capacity * sizeof(int32_t));
  if (!data) return 0;
  records->data = data;
  records->capacity = capacity;
  return 1;
}

typedef struct {
  TSParser *parser;
  Records records;
} ThreadState;

static void free_state(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  ThreadState *state = data;
  ts_parser_delete(state->parser);
  free(state->records.data);
  free(state);
}

static ThreadState *thread_state(napi_env env) {
  void *data = NULL;
  if (napi_get_instance_data(env, &data) == napi_ok && data) return (ThreadState *)data;
  ThreadState *state = calloc(1, sizeof(ThreadState));
  if (!state) return NULL;
  state->parser = ts_parser_new();
  if (!state->parser || !ts_parser_set_language(state->parser, tree_sitter_python()) ||
      napi_set_instance_data(env, state, free_state, NULL) != napi_ok) {
    if (state->parser) ts_parser_delete(state->parser);
    free(state);
    return NULL;
  }
  return state;
}

/* Copies the kept records into `value` (an Int32Array); returns 0 when it is not one or too small. */
static int copy_records(napi_env env, napi_value value, const Records *records) {
  napi_typedarray_type type;
  size_t length = 0;
  void *data = NULL;
  if (napi_get_typedarray_info(env, value, &type, &length, &data, NULL, NULL) != napi_ok || type != napi_int32_array) return 0;
  if (length < records->length) return 0;
  if (records->length) memcpy(data, records->data, records->length * sizeof(int32_t));
  return 1;
}

/* Walks the tree in preorder with a cursor, filling `records`; returns 0 when memory runs out. */
static int flatten(TSTree *tree, Records *records) {
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
  /* Indices of the records of the nodes on the current path, to fill in subtree sizes on the way up. */
  size_t *path = NULL;
  size_t depth = 0, path_capacity = 0;
  int ok = 1;
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    if (!records_reserve(records, FIELDS)) { ok = 0; break; }
    int32_t *record = records->data + records->length;
    record[0] = (int32_t)ts_node_symbol(node);
    record[1] = (int32_t)ts_tree_cursor_current_field_id(&cursor);
    record[2] = (int32_t)(ts_node_start_byte(node) / 2);
    record[3] = (int32_t)(ts_node_end_byte(node) / 2);
    record[4] = 1;
    if (depth == path_capacity) {
      path_capacity = path_capacity ? path_capacity * 2 : 256;
      size_t *grown = realloc(path, path_capacity * sizeof(size_t));
      if (!grown) { ok = 0; break; }
      path = grown;
    }
    path[depth++] = records->length;
    records->length += FIELDS;
    if (ts_tree_cursor_goto_first_child(&cursor)) continue;
    /* Leaf: close finished subtrees until a sibling is found. */
    for (;;) {
      size_t index = path[--depth];
      records->data[index + 4] = (int32_t)((records->length - index) / FIELDS);
      if (ts_tree_cursor_goto_next_sibling(&cursor)) break;
      if (!ts_tree_cursor_goto_parent(&cursor)) goto done;
    }
  }
done:
  /* Close what is still open (only after an allocation failure). */
  free(path);
  ts_tree_cursor_delete(&cursor);
  return ok;
}

static napi_value throw_error(napi_env env, const char *message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

static napi_value parse(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2) return throw_error(env, "parse(text, target) needs a string and an Int32Array");
  size_t length = 0;
  if (napi_get_value_string_utf16(env, argv[0], NULL, 0, &length) != napi_ok) return throw_error(env, "parse(text, target) needs a string");
  if (length > 0x3fffffff) return throw_error(env, "text too large");
  ThreadState *state = thread_state(env);
  if (!state) return throw_error(env, "could not create a tree-sitter parser");
  char16_t *text = malloc((length + 1) * sizeof(char16_t));
  if (!text) return throw_error(env, "out of memory");
  napi_get_value_string_utf16(env, argv[0], text, length + 1, &length);
  TSTree *tree = ts_parser_parse_string_encoding(state->parser, NULL, (const char *)text, (uint32_t)(length * 2), TSInputEncodingUTF16LE);
  free(text);
  if (!tree) return throw_error(env, "tree-sitter gave no tree");
  napi_value result;
  if (ts_node_has_error(ts_tree_root_node(tree))) {
    ts_tree_delete(tree);
    napi_get_null(env, &result);
    return result;
  }
  Records *records = &state->records;
  /* Give back memory after an unusually large file, keep it otherwise. */
  if (records->capacity > (4u << 20)) {
    free(records->data);
    records->data = NULL;
    records->capacity = 0;
  }
  records->length = 0;
  int ok = flatten(tree, records);
  ts_tree_delete(tree);
  if (!ok) return throw_error(env, "out of memory");
  double count = (double)records->length;
  napi_create_double(env, copy_records(env, argv[1], records) ? count : -count, &result);
  return result;
}

static napi_value copy_last(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  ThreadState *state = thread_state(env);
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 || !state) return throw_error(env, "copyLast(target) needs an Int32Array");
  if (!copy_records(env, argv[0], &state->records)) return throw_error(env, "copyLast(target): not an Int32Array large enough");
  return NULL;
}

/* The grammar's tables: symbol names, whether each symbol is named, field names (index = id). */
static napi_value grammar(napi_env env, napi_callback_info info) {
  (void)info;
  const TSLanguage *language = tree_sitter_python();
  uint32_t symbols = ts_language_symbol_count(language);
  uint32_t fields = ts_language_field_count(language);
  napi_value result, names, named, field_names;
  napi_create_object(env, &result);
  napi_create_array_with_length(env, symbols, &names);
  napi_create_array_with_length(env, symbols, &named);
  for (uint32_t i = 0; i < symbols; i++) {
    napi_value name, flag;
    const char *text = ts_language_symbol_name(language, (TSSymbol)i);
    napi_create_string_utf8(env, text ? text : "", NAPI_AUTO_LENGTH, &name);
    napi_get_boolean(env, ts_language_symbol_type(language, (TSSymbol)i) == TSSymbolTypeRegular, &flag);
    napi_set_element(env, names, i, name);
    napi_set_element(env, named, i, flag);
  }
  napi_create_array_with_length(env, fields + 1, &field_names);
  for (uint32_t i = 0; i <= fields; i++) {
    napi_value name;
    const char *text = i ? ts_language_field_name_for_id(language, (TSFieldId)i) : "";
    napi_create_string_utf8(env, text ? text : "", NAPI_AUTO_LENGTH, &name);
    napi_set_element(env, field_names, i, name);
  }
  napi_set_named_property(env, result, "symbols", names);
  napi_set_named_property(env, result, "named", named);
  napi_set_named_property(env, result, "fields", field_names);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "parse", NAPI_AUTO_LENGTH, parse, NULL, &fn);
  napi_set_named_property(env, exports, "parse", fn);
  napi_create_function(env, "copyLast", NAPI_AUTO_LENGTH, copy_last, NULL, &fn);
  napi_set_named_property(env, exports, "copyLast", fn);
  napi_create_function(env, "grammar", NAPI_AUTO_LENGTH, grammar, NULL, &fn);
  napi_set_named_property(env, exports, "grammar", fn);
  return exports;
}

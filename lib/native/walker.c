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
 * One record buffer per Node environment (main thread or worker), kept as instance data; a fresh TSParser per
 * parse, allocated with everything else in the thread's arena (below).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <node_api.h>
#ifndef _WIN32
#include <sys/mman.h>
#endif
#include "tree_sitter/api.h"
#include "alloc.h"

const TSLanguage *tree_sitter_python(void);

/*
 * A per-thread bump arena for everything tree-sitter allocates while one file is parsed and flattened: a fresh
 * TSParser, its stacks, the tree and the cursor all come from it, frees are no-ops, and the whole arena is reset
 * after the records are copied out. tree-sitter's malloc/free traffic (~1/8 of the parse) and the final tree
 * release walk go away. Past ARENA_LIMIT bytes in one parse (huge files) allocations go to libc again, and
 * frees check which allocator owns a pointer, so the tree is then released the ordinary way.
 */
#define ARENA_ALIGN 16
#define ARENA_CHUNK ((size_t)4 << 20)
#define ARENA_LIMIT ((size_t)64 << 20)

typedef struct ArenaChunk {
  struct ArenaChunk *next;
  char *end;
  char *top;
} ArenaChunk;

typedef struct {
  ArenaChunk *chunks; /* newest first */
  size_t total;
  int active;
  int overflowed;
  /* Bytes one parse may take from the arena (ARENA_LIMIT; tests lower it to exercise the spill). */
  size_t limit;
  /* Whether the last parse spilled to libc (for tests). */
  int last_overflowed;
} Arena;

static _Thread_local Arena arena = {.limit = ARENA_LIMIT};

#define CHUNK_DATA(chunk) ((char *)(chunk) + ((sizeof(ArenaChunk) + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1)))

/*
 * Chunks are mapped directly where the system allows: unmapped at the reset, their pages go back to the OS at
 * once, where chunks from malloc would stay in the process (glibc raises its mmap threshold after the first
 * large free and serves later ones from the heap).
 */
static void *chunk_map(size_t size) {
#ifdef _WIN32
  return malloc(size);
#else
  void *chunk = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return chunk == MAP_FAILED ? NULL : chunk;
#endif
}

static void chunk_unmap(ArenaChunk *chunk) {
#ifdef _WIN32
  free(chunk);
#else
  munmap(chunk, (size_t)(chunk->end - (char *)chunk));
#endif
}

static int arena_owns(const void *pointer) {
  for (ArenaChunk *chunk = arena.chunks; chunk; chunk = chunk->next)
    if ((const char *)pointer >= CHUNK_DATA(chunk) && (const char *)pointer < chunk->end) return 1;
  return 0;
}

static void *arena_take(size_t size) {
  size_t need = ((size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1)) + ARENA_ALIGN;
  ArenaChunk *chunk = arena.chunks;
  if (!chunk || (size_t)(chunk->end - chunk->top) < need) {
    /* Chunks double, so that a large file needs few of them (`arena_owns` looks at each). */
    size_t capacity = arena.total < ARENA_CHUNK ? ARENA_CHUNK : arena.total;
    if (capacity < need + ARENA_ALIGN + sizeof(ArenaChunk)) capacity = need + ARENA_CHUNK;
    if (arena.total + capacity > arena.limit) return NULL;
    chunk = chunk_map(capacity);
    if (!chunk) return NULL;
    chunk->next = arena.chunks;
    chunk->end = (char *)chunk + capacity;
    chunk->top = CHUNK_DATA(chunk);
    arena.chunks = chunk;
    arena.total += capacity;
  }
  char *block = chunk->top + ARENA_ALIGN;
  ((size_t *)block)[-1] = size;
  chunk->top += need;
  return block;
}

static void *arena_malloc(size_t size) {
  if (arena.active) {
    void *block = arena_take(size);
    if (block) return block;
    arena.overflowed = 1;
  }
  return malloc(size);
}

static void *arena_calloc(size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) return NULL;
  if (arena.active) {
    void *block = arena_take(count * size);
    if (block) return memset(block, 0, count * size);
    arena.overflowed = 1;
  }
  return calloc(count, size);
}

static void arena_free(void *pointer) {
  if (!pointer) return;
  if (arena.active && arena_owns(pointer)) return;
  free(pointer);
}

static void *arena_realloc(void *pointer, size_t size) {
  if (!pointer) return arena_malloc(size);
  if (!(arena.active && arena_owns(pointer))) return realloc(pointer, size);
  size_t old = ((size_t *)pointer)[-1];
  ArenaChunk *chunk = arena.chunks;
  size_t old_rounded = (old + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  size_t new_rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  /* The newest block grows in place. */
  if ((char *)pointer + old_rounded == chunk->top && (char *)pointer + new_rounded <= chunk->end) {
    chunk->top = (char *)pointer + new_rounded;
    ((size_t *)pointer)[-1] = size;
    return pointer;
  }
  if (size <= old) {
    ((size_t *)pointer)[-1] = size;
    return pointer;
  }
  void *grown = arena_malloc(size);
  if (grown) memcpy(grown, pointer, old);
  return grown;
}

/* Ends a parse: keeps one ordinary chunk for the next file, gives everything else back. */
static void arena_reset(void) {
  ArenaChunk *keep = arena.chunks;
  while (keep && (size_t)(keep->end - (char *)keep) > ARENA_CHUNK) {
    ArenaChunk *next = keep->next;
    chunk_unmap(keep);
    keep = next;
  }
  arena.chunks = keep;
  arena.total = 0;
  if (keep) {
    for (ArenaChunk *chunk = keep->next, *next; chunk; chunk = next) {
      next = chunk->next;
      chunk_unmap(chunk);
    }
    keep->next = NULL;
    keep->top = CHUNK_DATA(keep);
    arena.total = (size_t)(keep->end - (char *)keep);
  }
  arena.active = 0;
  arena.last_overflowed = arena.overflowed;
  arena.overflowed = 0;
}

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
  Records records;
} ThreadState;

static void free_state(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  ThreadState *state = data;
  free(state->records.data);
  free(state);
  arena_reset();
  if (arena.chunks) chunk_unmap(arena.chunks);
  arena.chunks = NULL;
  arena.total = 0;
}

static ThreadState *thread_state(napi_env env) {
  void *data = NULL;
  if (napi_get_instance_data(env, &data) == napi_ok && data) return (ThreadState *)data;
  ThreadState *state = calloc(1, sizeof(ThreadState));
  if (!state) return NULL;
  if (napi_set_instance_data(env, state, free_state, NULL) != napi_ok) {
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
  if (!state) return throw_error(env, "out of memory");
  arena.active = 1;
  const char *failure = NULL;
  napi_value result = NULL;
  TSParser *parser = ts_parser_new();
  char16_t *text = ts_malloc((length + 1) * sizeof(char16_t));
  TSTree *tree = NULL;
  if (!parser || !text || !ts_parser_set_language(parser, tree_sitter_python())) {
    failure = "could not create a tree-sitter parser";
    goto done;
  }
  napi_get_value_string_utf16(env, argv[0], text, length + 1, &length);
  tree = ts_parser_parse_string_encoding(parser, NULL, (const char *)text, (uint32_t)(length * 2), TSInputEncodingUTF16LE);
  if (!tree) {
    failure = "tree-sitter gave no tree";
    goto done;
  }
  if (ts_node_has_error(ts_tree_root_node(tree))) {
    napi_get_null(env, &result);
    goto done;
  }
  Records *records = &state->records;
  /* Give back memory after an unusually large file, keep it otherwise. */
  if (records->capacity > (4u << 20)) {
    free(records->data);
    records->data = NULL;
    records->capacity = 0;
  }
  records->length = 0;
  if (!flatten(tree, records)) {
    failure = "out of memory";
    goto done;
  }
  double count = (double)records->length;
  napi_create_double(env, copy_records(env, argv[1], records) ? count : -count, &result);
done:
  /* What came from the arena goes with its reset; only what overflowed to libc needs the ordinary release. */
  if (tree && arena.overflowed) ts_tree_delete(tree);
  if (parser) ts_parser_delete(parser);
  ts_free(text);
  arena_reset();
  return failure ? throw_error(env, failure) : result;
}

static napi_value copy_last(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  ThreadState *state = thread_state(env);
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 || !state) return throw_error(env, "copyLast(target) needs an Int32Array");
  if (!copy_records(env, argv[0], &state->records)) return throw_error(env, "copyLast(target): not an Int32Array large enough");
  return NULL;
}

/* `arenaLimit(bytes?)`: sets this thread's arena limit when given; returns the limit and whether the last parse
   spilled past it. For tests of the spill path. */
static napi_value arena_limit(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  double bytes;
  if (argc >= 1 && napi_get_value_double(env, argv[0], &bytes) == napi_ok && bytes >= 0) arena.limit = (size_t)bytes;
  napi_value result, limit, spilled;
  napi_create_object(env, &result);
  napi_create_double(env, (double)arena.limit, &limit);
  napi_get_boolean(env, arena.last_overflowed, &spilled);
  napi_set_named_property(env, result, "limit", limit);
  napi_set_named_property(env, result, "spilled", spilled);
  return result;
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
  /* Process-wide, but the same functions every time (each environment's init sets them again): outside a parse
     they are libc's, and a thread's arena is its own. */
  ts_set_allocator(arena_malloc, arena_calloc, arena_realloc, arena_free);
  napi_value fn;
  napi_create_function(env, "parse", NAPI_AUTO_LENGTH, parse, NULL, &fn);
  napi_set_named_property(env, exports, "parse", fn);
  napi_create_function(env, "copyLast", NAPI_AUTO_LENGTH, copy_last, NULL, &fn);
  napi_set_named_property(env, exports, "copyLast", fn);
  napi_create_function(env, "arenaLimit", NAPI_AUTO_LENGTH, arena_limit, NULL, &fn);
  napi_set_named_property(env, exports, "arenaLimit", fn);
  napi_create_function(env, "grammar", NAPI_AUTO_LENGTH, grammar, NULL, &fn);
  napi_set_named_property(env, exports, "grammar", fn);
  return exports;
}

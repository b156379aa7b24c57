/* The tree-sitter runtime, compiled from the tree-sitter package's vendored sources (path set in binding.gyp). */
#include "lib.c"

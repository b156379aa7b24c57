/* tree-sitter-python's generated parser and external scanner, from its package (path set in binding.gyp). */
#include "parser.c"
#include "scanner.c"

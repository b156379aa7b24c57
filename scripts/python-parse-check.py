"""Reads NUL-separated file paths on stdin; prints one JSON object {path: [ast_error, compile_error]}.

The reference for "is this valid Python" in the test suite and corpus scripts: `ast.parse` of the file's bytes
(so PEP 263 encoding declarations are honoured, as the interpreter does). `compile_error` is what the bytecode
compiler says of a file `ast.parse` accepts (e.g. `from __future__ import *`); each is null when accepted.
"""
import ast
import json
import sys
import warnings

warnings.simplefilter("ignore")
results = {}


def describe(error):
    return f"{type(error).__name__}: {getattr(error, 'msg', None) or error}"


for path in sys.stdin.read().split("\0"):
    if not path:
        continue
    try:
        with open(path, "rb") as handle:
            source = handle.read()
        tree = ast.parse(source, filename=path)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        results[path] = [describe(error), None]
        continue
    try:
        compile(tree, path, "exec")
        results[path] = [None, None]
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        results[path] = [None, describe(error)]
json.dump(results, sys.stdout)

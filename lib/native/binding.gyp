{
  "variables": {
    "ts_runtime": "<!(node -p \"require('path').join(require('path').dirname(require.resolve('tree-sitter/package.json')), 'vendor', 'tree-sitter', 'lib')\")",
    "ts_python": "<!(node -p \"require('path').join(require('path').dirname(require.resolve('tree-sitter-python/package.json')), 'src')\")"
  },
  "targets": [
    {
      "target_name": "python_audit_walker",
      "sources": [
        "walker.c",
        "runtime.c",
        "grammar.c"
      ],
      "include_dirs": ["<(ts_python)", "<(ts_runtime)/include", "<(ts_runtime)/src"],
      "defines": ["NAPI_VERSION=8", "_POSIX_C_SOURCE=200112L", "_DEFAULT_SOURCE"],
      # PYTHON_AUDIT_PGO_FLAGS: set by scripts/build-native.mjs for its profile-guided build (GCC only).
      "cflags_c": ["-std=c11", "-O3", "-fvisibility=hidden", "-Wno-unused-parameter", "<!@(node -p \"process.env.PYTHON_AUDIT_PGO_FLAGS || ''\")"],
      "ldflags": ["<!@(node -p \"process.env.PYTHON_AUDIT_PGO_FLAGS || ''\")"],
      "xcode_settings": { "OTHER_CFLAGS": ["-std=c11", "-fvisibility=hidden"] }
    }
  ]
}

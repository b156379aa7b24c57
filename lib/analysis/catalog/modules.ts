/**
 * Modules that stand for standard-library modules: eventlet's green versions (same API, cooperative I/O) and
 * six's compatibility names. Qualified names are rewritten through this table, so every catalog entry written
 * for `subprocess.Popen` or `pickle.loads` also matches `eventlet.green.subprocess.Popen` and
 * `six.moves.cPickle.loads`.
 */
export const MODULE_ALIASES: Readonly<Record<string, string>> = {
  "eventlet.green.subprocess": "subprocess",
  "eventlet.green.os": "os",
  "eventlet.green.socket": "socket",
  "eventlet.green.ssl": "ssl",
  "eventlet.green.select": "select",
  "eventlet.green.time": "time",
  "eventlet.green.threading": "threading",
  "eventlet.green.thread": "_thread",
  "eventlet.green.urllib.request": "urllib.request",
  "eventlet.green.urllib.parse": "urllib.parse",
  "eventlet.green.http.client": "http.client",
  "eventlet.green.httplib": "http.client",
  "eventlet.green.ftplib": "ftplib",
  "eventlet.green.zmq": "zmq",
  "six.moves.cPickle": "pickle",
  "six.moves.urllib.request": "urllib.request",
  "six.moves.urllib.parse": "urllib.parse",
  "six.moves.urllib.error": "urllib.error",
  "six.moves.urllib_parse": "urllib.parse",
  "six.moves.http_client": "http.client",
  "six.moves.configparser": "configparser",
  "six.moves.queue": "queue",
  "six.moves.builtins": "builtins",
  "six.moves.input": "input",
  "six.moves.range": "range",
  "six.moves.shlex_quote": "shlex.quote",
  "six.moves.xmlrpc_client": "xmlrpc.client",
};

import type { RuleCases } from "../harness.js";

// Cases for python-audit/no-resource-leak. Reports are on the creating call (or the acquire call).
const cases: RuleCases = {
  "valid": [
    "with open(p) as f:\n    data = f.read()\n",
    "def f(p):\n    with open(p) as fh, open(p + '.bak', 'w') as out:\n        out.write(fh.read())\n",
    "def f(p):\n    fh = open(p)\n    try:\n        return fh.read()\n    finally:\n        fh.close()\n",
    "def f(p):\n    fh = open(p)\n    fh.close()\n",
    "def f(p):\n    return open(p)\n",
    "def f(p):\n    yield open(p)\n",
    "class A:\n    def __init__(self, p):\n        self.fh = open(p)\n",
    "def f(p, handles):\n    handles.append(open(p))\n",
    "def f(p):\n    fh = open(p)\n    return fh\n",
    "def f(p):\n    fh = open(p)\n    register(fh)\n",
    "import contextlib\ndef f(url):\n    with contextlib.closing(urllib.request.urlopen(url)) as r:\n        return r.read()\n",
    "def f(stack, p):\n    fh = stack.enter_context(open(p))\n    return fh.read()\n",
    "def f(p):\n    fh = open(p)\n    with fh:\n        return fh.read()\n",
    "import threading\nlock = threading.Lock()\ndef f():\n    with lock:\n        work()\n",
    "import threading\nlock = threading.Lock()\ndef f():\n    lock.acquire()\n    try:\n        work()\n    finally:\n        lock.release()\n",
    "def f(self):\n    self._lock.acquire()\n    self.count += 1\n    self._lock.release()\n",
    "class L:\n    def acquire(self):\n        self._lock.acquire()\n",
    "import subprocess\ndef f(cmd):\n    proc = subprocess.Popen(cmd)\n    proc.wait()\n",
    "import subprocess\ndef f(cmd):\n    with subprocess.Popen(cmd, stdout=subprocess.PIPE) as proc:\n        return proc.stdout.read()\n",
    "def f(p):\n    open(p, 'w').close()\n",
    "import socket\ndef f(self):\n    s = socket.socket()\n    self.addCleanup(s.close)\n    s.connect(addr)\n",
    "def test(self):\n    with self.assertRaises(ValueError):\n        open(p, 'rb', newline='x')\n",
    "def f(p):\n    global LOGFILE\n    LOGFILE = open(p, 'a')\n",
    "import tarfile\ndef f(name):\n    try:\n        tar = tarfile.open(name)\n    except tarfile.ReadError:\n        fail()\n    else:\n        tar.close()\n",
    "import json\ndef f(p):\n    with open(p) as fh:\n        return json.load(fh)\n",
    "def f(p):\n    fh = open(p)\n    def reader():\n        return fh.read()\n    return reader\n"
  ],
  "invalid": [
    {
      "code": "def f(p):\n    fh = open(p)\n    data = fh.read()\n    fh.close()\n    return data\n",
      "errors": [
        {
          "messageId": "notReleasedOnError",
          "line": 2,
          "column": 10,
          "endLine": 2,
          "endColumn": 17,
          "suggestions": [
            {
              "messageId": "useWith",
              "output": "def f(p):\n    with open(p) as fh:\n        data = fh.read()\n    return data\n"
            }
          ]
        }
      ]
    },
    {
      "code": "def f(p):\n    return open(p).read()\n",
      "errors": [
        {
          "messageId": "unbound",
          "line": 2,
          "column": 12,
          "endLine": 2,
          "endColumn": 19
        }
      ]
    },
    {
      "code": "import json\ndef f(p):\n    return json.load(open(p))\n",
      "errors": [
        {
          "messageId": "unbound",
          "line": 3,
          "column": 22,
          "endLine": 3,
          "endColumn": 29
        }
      ]
    },
    {
      "code": "def f(p):\n    for line in open(p):\n        print(line)\n",
      "errors": [
        {
          "messageId": "unbound",
          "line": 2,
          "column": 17,
          "endLine": 2,
          "endColumn": 24
        }
      ]
    },
    {
      "code": "def f(p):\n    fh = open(p)\n    return len(fh.read())\n",
      "errors": [
        {
          "messageId": "neverReleased",
          "line": 2,
          "column": 10,
          "endLine": 2,
          "endColumn": 17
        }
      ]
    },
    {
      "code": "import socket\ndef f(host, port):\n    sock = socket.create_connection((host, port))\n    sock.sendall(b'x')\n    reply = sock.recv(10)\n    sock.close()\n    return reply\n",
      "errors": [
        {
          "messageId": "notReleasedOnError",
          "line": 3,
          "column": 12,
          "endLine": 3,
          "endColumn": 50,
          "suggestions": [
            {
              "messageId": "useWith",
              "output": "import socket\ndef f(host, port):\n    with socket.create_connection((host, port)) as sock:\n        sock.sendall(b'x')\n        reply = sock.recv(10)\n    return reply\n"
            }
          ]
        }
      ]
    },
    {
      "code": "import subprocess\ndef f(cmd):\n    proc = subprocess.Popen(cmd)\n    LOG.info('pid %s', proc.pid)\n",
      "errors": [
        {
          "messageId": "neverReleased",
          "line": 3,
          "column": 12,
          "endLine": 3,
          "endColumn": 33
        }
      ]
    },
    {
      "code": "import subprocess\ndef f(cmd):\n    subprocess.Popen(cmd)\n",
      "errors": [
        {
          "messageId": "unbound",
          "line": 3,
          "column": 5,
          "endLine": 3,
          "endColumn": 26
        }
      ]
    },
    {
      "code": "import threading\n_lock = threading.Lock()\ndef f(x):\n    _lock.acquire()\n    update(x)\n    _lock.release()\n",
      "errors": [
        {
          "messageId": "lockNotReleasedOnError",
          "line": 4,
          "column": 5,
          "endLine": 4,
          "endColumn": 20,
          "suggestions": [
            {
              "messageId": "useWithLock",
              "output": "import threading\n_lock = threading.Lock()\ndef f(x):\n    with _lock:\n        update(x)\n"
            }
          ]
        }
      ]
    },
    {
      "code": "import threading\ndef f(x):\n    cache_lock.acquire()\n    update(x)\n",
      "errors": [
        {
          "messageId": "lockNeverReleased",
          "line": 3,
          "column": 5,
          "endLine": 3,
          "endColumn": 25
        }
      ]
    },
    {
      "code": "import io as iomod\ndef f(p):\n    fh = iomod.open(p, 'rb')\n    fh.read()\n    fh.close()\n",
      "errors": [
        {
          "messageId": "notReleasedOnError",
          "line": 3,
          "column": 10,
          "endLine": 3,
          "endColumn": 29,
          "suggestions": [
            {
              "messageId": "useWith",
              "output": "import io as iomod\ndef f(p):\n    with iomod.open(p, 'rb') as fh:\n        fh.read()\n"
            }
          ]
        }
      ]
    },
    {
      "code": "import tempfile\ndef f():\n    tmp = tempfile.NamedTemporaryFile()\n    tmp.write(b'x')\n",
      "errors": [
        {
          "messageId": "neverReleased",
          "line": 3,
          "column": 11,
          "endLine": 3,
          "endColumn": 40
        }
      ]
    },
    {
      "code": "import sqlite3\ndef f(db):\n    con = sqlite3.connect(db)\n    con.execute('select 1')\n",
      "errors": [
        {
          "messageId": "neverReleased",
          "line": 3,
          "column": 11,
          "endLine": 3,
          "endColumn": 30
        }
      ]
    },
    {
      "code": "async def f(p):\n    fh = open(p)\n    await use(fh.read())\n    fh.close()\n",
      "errors": [
        {
          "messageId": "notReleasedOnError",
          "line": 2,
          "column": 10,
          "endLine": 2,
          "endColumn": 17,
          "suggestions": [
            {
              "messageId": "useWith",
              "output": "async def f(p):\n    with open(p) as fh:\n        await use(fh.read())\n"
            }
          ]
        }
      ]
    },
    {
      "code": "class A:\n    @staticmethod\n    def load(p):\n        fh = open(p)\n        # read everything\n        data = fh.read()\n        fh.close()\n        return data\n",
      "errors": [
        {
          "messageId": "notReleasedOnError",
          "line": 4,
          "column": 14,
          "endLine": 4,
          "endColumn": 21,
          "suggestions": [
            {
              "messageId": "useWith",
              "output": "class A:\n    @staticmethod\n    def load(p):\n        with open(p) as fh:\n            # read everything\n            data = fh.read()\n        return data\n"
            }
          ]
        }
      ]
    },
    {
      "code": "fh = open('config.ini')\nsettings = fh.read()\nfh.close()\n",
      "errors": [
        {
          "messageId": "notReleasedOnError",
          "line": 1,
          "column": 6,
          "endLine": 1,
          "endColumn": 24,
          "suggestions": [
            {
              "messageId": "useWith",
              "output": "with open('config.ini') as fh:\n    settings = fh.read()\n"
            }
          ]
        }
      ]
    },
    {
      "code": "def f(p):\n    fh = open(\n        p,\n        'rb',\n    )\n    fh.read()\n    fh.close()\n",
      "errors": [
        {
          "messageId": "notReleasedOnError",
          "line": 2,
          "column": 10,
          "endLine": 5,
          "endColumn": 6,
          "suggestions": [
            {
              "messageId": "useWith",
              "output": "def f(p):\n    with open(\n        p,\n        'rb',\n    ) as fh:\n        fh.read()\n"
            }
          ]
        }
      ]
    },
    {
      "code": "import urllib.request\ndef f(url):\n    return urllib.request.urlopen(url).read()\n",
      "errors": [
        {
          "messageId": "unbound",
          "line": 3,
          "column": 12,
          "endLine": 3,
          "endColumn": 39
        }
      ]
    },
    {
      "code": "from zipfile import ZipFile\ndef f(p):\n    z = ZipFile(p, 'w')\n    z.writestr('a', 'b')\n    z.close()\n",
      "errors": [
        {
          "messageId": "notReleasedOnError",
          "line": 3,
          "column": 9,
          "endLine": 3,
          "endColumn": 24,
          "suggestions": [
            {
              "messageId": "useWith",
              "output": "from zipfile import ZipFile\ndef f(p):\n    with ZipFile(p, 'w') as z:\n        z.writestr('a', 'b')\n"
            }
          ]
        }
      ]
    },
    {
      "code": "import socket\ndef f():\n    s = socket.socket(socket.AF_UNIX)\n    if (n := s.connect_ex('/tmp/x')) != 0:\n        return n\n    s.close()\n",
      "errors": [
        {
          "messageId": "notReleasedOnError",
          "line": 3,
          "column": 9,
          "endLine": 3,
          "endColumn": 38,
          "suggestions": [
            {
              "messageId": "useWith",
              "output": "import socket\ndef f():\n    with socket.socket(socket.AF_UNIX) as s:\n        if (n := s.connect_ex('/tmp/x')) != 0:\n            return n\n"
            }
          ]
        }
      ]
    },
    {
      "code": "def f(p):\n    fh = open(p)\n    text = \"\"\"a\nb\"\"\" + fh.read()\n    fh.close()\n    return text\n",
      "errors": [
        {
          "messageId": "notReleasedOnError",
          "line": 2,
          "column": 10,
          "endLine": 2,
          "endColumn": 17
        }
      ]
    },
    {
      "code": "def f(paths):\n    return [open(p).read() for p in paths]\n",
      "errors": [
        {
          "messageId": "unbound",
          "line": 2,
          "column": 13,
          "endLine": 2,
          "endColumn": 20
        }
      ]
    },
    {
      "code": "import threading\nclass C:\n    def __init__(self):\n        self.sem = threading.Semaphore(2)\n    def run(self):\n        self.sem.acquire()\n        self.work()\n        self.sem.release()\n",
      "errors": [
        {
          "messageId": "lockNotReleasedOnError",
          "line": 6,
          "column": 9,
          "endLine": 6,
          "endColumn": 27,
          "suggestions": [
            {
              "messageId": "useWithLock",
              "output": "import threading\nclass C:\n    def __init__(self):\n        self.sem = threading.Semaphore(2)\n    def run(self):\n        with self.sem:\n            self.work()\n"
            }
          ]
        }
      ]
    }
  ]
};

export default cases;

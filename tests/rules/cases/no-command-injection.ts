import type { RuleCases } from "../harness.js";

// Cases for python-audit/no-command-injection. Reports are on the sink call.
const cases: RuleCases = {
  "valid": [
    "import subprocess\nsubprocess.run(['ls', '-l'])\n",
    "import subprocess\ndef f():\n    subprocess.check_output(['ip', 'route', 'show'])\n",
    "import os\nos.system('ls -l')\n",
    "import subprocess\nCMD = 'ip link'\nsubprocess.call(CMD, shell=True)\n",
    "import subprocess, shlex\ndef f(dev):\n    subprocess.check_output('ip link show %s' % shlex.quote(dev), shell=True)\n",
    "import subprocess, shlex\ndef f(dev):\n    subprocess.check_output(f'ip link show {shlex.quote(dev)}', shell=True)\n",
    "import subprocess\ndef f(op):\n    if op not in ('add', 'delete'):\n        raise ValueError(op)\n    subprocess.run(['ip', 'route', op])\n",
    "import subprocess\ndef f(op):\n    assert op in {'add', 'delete'}\n    subprocess.run(['ip', 'route', op])\n",
    "import subprocess\ndef f(op):\n    if op == 'add':\n        flag = '-a'\n    elif op == 'delete':\n        flag = '-d'\n    else:\n        raise ValueError(op)\n    subprocess.run(['tool', op, flag])\n",
    "import subprocess, netaddr\ndef f(cidr):\n    subprocess.run(['ip', 'route', 'add', str(netaddr.IPNetwork(cidr))])\n",
    "import subprocess\ndef f(idx):\n    idx = int(idx)\n    subprocess.run(['ip', 'rule', 'del', 'table', str(idx)])\n",
    "import re, subprocess\ndef f(dev):\n    if not re.fullmatch(r'[a-z0-9-]{1,15}', dev):\n        return\n    subprocess.run(['ip', 'link', 'del', dev])\n",
    "import subprocess\nCOMMANDS = {'up': 'set', 'down': 'del'}\ndef f(op):\n    subprocess.run(['ip', 'link', COMMANDS[op]])\n",
    "import subprocess\ndef f(self):\n    subprocess.run(['ip', 'netns', 'exec', self.ns_name, 'true'])\n",
    "import subprocess\ndef f(cmd):\n    return subprocess.run(cmd, check=True)\n",
    "import subprocess\ndef f(cmd):\n    cmd = ['sudo'] + cmd\n    return subprocess.run(cmd)\n",
    "import subprocess\ndef f(sig, pid):\n    subprocess.run(['kill', '-%d' % sig, str(int(pid))])\n",
    "import subprocess\ndef f():\n    name = get_name()\n    subprocess.run(['ip', 'link', 'del', name])\n",
    "import subprocess\ndef f(dev):\n    if dev in ('eth0', 'eth1'):\n        subprocess.run(['ethtool', dev])\n",
    "from oslo_concurrency import processutils\ndef f():\n    processutils.execute('ip', 'link', run_as_root=True)\n",
    "import subprocess\ndef f(dev):\n    subprocess.run(['ip', 'link'], env={'DEV': dev})\n",
    "import subprocess\ndef f(dev):\n    subprocess.run(['ip', 'link'], shell=False)\n",
    "import ipaddress, subprocess\ndef f(ip):\n    ip = ipaddress.ip_address(ip)\n    subprocess.run(['arping', str(ip)])\n",
    "import subprocess\ndef f(dev):\n    print(dev)\n"
  ],
  "invalid": [
    {
      "code": "def update_route(self, operation, route):\n    cmd = ['ip', 'route', operation, route['destination'], 'via', route['nexthop']]\n    self.ip_wrapper.netns.execute(cmd, check_exit_code=True)\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 3,
          "column": 5,
          "endLine": 3,
          "endColumn": 61
        }
      ]
    },
    {
      "code": "import subprocess\ndef f(dev):\n    subprocess.check_output(f'ip link show {dev}', shell=True)\n",
      "errors": [
        {
          "messageId": "shellInjection",
          "line": 3,
          "column": 5,
          "endLine": 3,
          "endColumn": 63,
          "suggestions": [
            {
              "messageId": "quote",
              "output": "import subprocess\nimport shlex\ndef f(dev):\n    subprocess.check_output(f'ip link show {shlex.quote(dev)}', shell=True)\n"
            }
          ]
        }
      ]
    },
    {
      "code": "import os\ndef f(dev):\n    os.system('ip link del %s' % dev)\n",
      "errors": [
        {
          "messageId": "shellInjection",
          "line": 3,
          "column": 5,
          "endLine": 3,
          "endColumn": 38,
          "suggestions": [
            {
              "messageId": "quote",
              "output": "import os\nimport shlex\ndef f(dev):\n    os.system('ip link del %s' % shlex.quote(dev))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "import os\ndef f(dev):\n    os.popen('ip link show ' + dev)\n",
      "errors": [
        {
          "messageId": "shellInjection",
          "line": 3,
          "column": 5,
          "endLine": 3,
          "endColumn": 36,
          "suggestions": [
            {
              "messageId": "quote",
              "output": "import os\nimport shlex\ndef f(dev):\n    os.popen('ip link show ' + shlex.quote(dev))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "import subprocess as sp\ndef f(dev):\n    sp.call('ifconfig {}'.format(dev), shell=True)\n",
      "errors": [
        {
          "messageId": "shellInjection",
          "line": 3,
          "column": 5,
          "endLine": 3,
          "endColumn": 51,
          "suggestions": [
            {
              "messageId": "quote",
              "output": "import subprocess as sp\nimport shlex\ndef f(dev):\n    sp.call('ifconfig {}'.format(shlex.quote(dev)), shell=True)\n"
            }
          ]
        }
      ]
    },
    {
      "code": "from os import system\ndef f(host):\n    system('ping -c 1 ' + host)\n",
      "errors": [
        {
          "messageId": "shellInjection",
          "line": 3,
          "column": 5,
          "endLine": 3,
          "endColumn": 32,
          "suggestions": [
            {
              "messageId": "quote",
              "output": "from os import system\nimport shlex\ndef f(host):\n    system('ping -c 1 ' + shlex.quote(host))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "import subprocess\ndef f(dev):\n    subprocess.run(['ip', 'link', 'del', dev])\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 3,
          "column": 5,
          "endLine": 3,
          "endColumn": 47
        }
      ]
    },
    {
      "code": "import subprocess\ndef f(route):\n    subprocess.run(['ip', 'route', 'add', route['destination']])\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 3,
          "column": 5,
          "endLine": 3,
          "endColumn": 65
        }
      ]
    },
    {
      "code": "import subprocess\ndef f(dev):\n    cmd = ['ip', 'link']\n    cmd += ['del', dev]\n    subprocess.run(cmd)\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 5,
          "column": 5,
          "endLine": 5,
          "endColumn": 24
        }
      ]
    },
    {
      "code": "import subprocess\ndef f(dev):\n    cmd = ['ip', 'link']\n    cmd.append(dev)\n    subprocess.Popen(cmd)\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 5,
          "column": 5,
          "endLine": 5,
          "endColumn": 26
        }
      ]
    },
    {
      "code": "import subprocess\ndef f(ns, dev):\n    cmd = ['ip', 'netns', 'exec', ns]\n    cmd.extend(['ip', 'link', 'del', dev])\n    subprocess.call(cmd)\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 5,
          "column": 5,
          "endLine": 5,
          "endColumn": 25
        }
      ]
    },
    {
      "code": "import subprocess\nimport sys\nsubprocess.run(['ls', sys.argv[1]])\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 36
        }
      ]
    },
    {
      "code": "import os, subprocess\nsubprocess.run(['ls', os.environ['TARGET']])\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 2,
          "column": 1,
          "endLine": 2,
          "endColumn": 45
        }
      ]
    },
    {
      "code": "import os, subprocess\ndef f():\n    subprocess.run(['ls', os.getenv('TARGET')])\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 3,
          "column": 5,
          "endLine": 3,
          "endColumn": 48
        }
      ]
    },
    {
      "code": "import subprocess\ndef f(op):\n    if op not in ('add', 'delete'):\n        LOG.warning('odd op %s', op)\n    subprocess.run(['ip', 'route', op])\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 5,
          "column": 5,
          "endLine": 5,
          "endColumn": 40
        }
      ]
    },
    {
      "code": "from oslo_concurrency import processutils\ndef f(dev):\n    processutils.execute('ip', 'link', 'del', dev, run_as_root=True)\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 3,
          "column": 5,
          "endLine": 3,
          "endColumn": 69
        }
      ]
    },
    {
      "code": "from neutron.agent.linux import utils as agent_utils\ndef f(dev):\n    agent_utils.execute(['ip', 'link', 'del', dev], run_as_root=True)\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 3,
          "column": 5,
          "endLine": 3,
          "endColumn": 70
        }
      ]
    },
    {
      "code": "from neutron.agent.linux import ip_lib\ndef f(ns, dev):\n    ip_lib.IPWrapper(namespace=ns).netns.execute(['ip', 'link', 'del', dev])\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 3,
          "column": 5,
          "endLine": 3,
          "endColumn": 77
        }
      ]
    },
    {
      "code": "import os\ndef f(path):\n    os.execv('/bin/ls', ['ls', path])\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 3,
          "column": 5,
          "endLine": 3,
          "endColumn": 38
        }
      ]
    },
    {
      "code": "import asyncio\nasync def f(dev):\n    await asyncio.create_subprocess_exec('ip', 'link', 'del', dev)\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 3,
          "column": 11,
          "endLine": 3,
          "endColumn": 67
        }
      ]
    },
    {
      "code": "import asyncio\nasync def f(dev):\n    await asyncio.create_subprocess_shell('ip link del ' + dev)\n",
      "errors": [
        {
          "messageId": "shellInjection",
          "line": 3,
          "column": 11,
          "endLine": 3,
          "endColumn": 64,
          "suggestions": [
            {
              "messageId": "quote",
              "output": "import asyncio\nimport shlex\nasync def f(dev):\n    await asyncio.create_subprocess_shell('ip link del ' + shlex.quote(dev))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "import subprocess\nclass A:\n    @staticmethod\n    def f(name):\n        subprocess.run(\n            ['ip', 'netns', 'add',\n             'qrouter-' + name],\n        )\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 5,
          "column": 9,
          "endLine": 8,
          "endColumn": 10
        }
      ]
    },
    {
      "code": "import subprocess\ndef outer(dev):\n    def inner():\n        subprocess.run(['ip', 'link', 'del', dev])\n    return inner\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 4,
          "column": 9,
          "endLine": 4,
          "endColumn": 51
        }
      ]
    },
    {
      "code": "import subprocess\ndef f(dev, shell):\n    subprocess.run('ip link del ' + dev, shell=shell)\n",
      "errors": [
        {
          "messageId": "shellInjection",
          "line": 3,
          "column": 5,
          "endLine": 3,
          "endColumn": 54,
          "suggestions": [
            {
              "messageId": "quote",
              "output": "import subprocess\nimport shlex\ndef f(dev, shell):\n    subprocess.run('ip link del ' + shlex.quote(dev), shell=shell)\n"
            }
          ]
        }
      ]
    },
    {
      "code": "import subprocess\ndef f(items):\n    for item in items:\n        subprocess.run(['rm', item.path])\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 4,
          "column": 9,
          "endLine": 4,
          "endColumn": 42
        }
      ]
    },
    {
      "code": "import subprocess\ndef f(name):\n    if (n := name.strip()):\n        subprocess.run(['ip', 'netns', 'del', n])\n",
      "errors": [
        {
          "messageId": "untrustedArgument",
          "line": 4,
          "column": 9,
          "endLine": 4,
          "endColumn": 50
        }
      ]
    }
  ]
};

export default cases;

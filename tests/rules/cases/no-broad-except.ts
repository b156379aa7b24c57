import type { RuleCases } from "../harness.js";

// Cases for python-audit/no-broad-except. Locations span the handler header (`except ...:`). The last
// invalid and valid cases are modelled on neutron/agent/l3/dvr_local_router.py (ARP cache, SNAT redirection).
const cases: RuleCases = {
  "valid": [
    "try:\n    run()\nexcept Exception:\n    raise\n",
    "try:\n    run()\nexcept Exception as e:\n    raise RuntimeError('x') from e\n",
    "try:\n    run()\nexcept:\n    cleanup()\n    raise\n",
    "try:\n    run()\nexcept Exception:\n    with excutils.save_and_reraise_exception():\n        LOG.error('failed')\n",
    "from oslo_utils import excutils\ntry:\n    run()\nexcept Exception:\n    with excutils.save_and_reraise_exception() as ctx:\n        LOG.error('failed')\n",
    "from oslo_utils.excutils import save_and_reraise_exception\ntry:\n    run()\nexcept Exception:\n    with save_and_reraise_exception():\n        LOG.error('failed')\n",
    "try:\n    run()\nexcept OSError:\n    pass\n",
    "try:\n    run()\nexcept (OSError, ValueError):\n    pass\n",
    "try:\n    run()\nexcept KeyError as e:\n    LOG.debug(e)\n",
    "try:\n    run()\nexcept Exception:\n    if retry:\n        raise\n    else:\n        raise ValueError()\n",
    "try:\n    run()\nexcept Exception:\n    LOG.exception('failed')\n    raise\n",
    "try:\n    run()\nexcept Exception:\n    sys.exit(1)\n",
    "class T(TestCase):\n    def test(self):\n        try:\n            run()\n        except Exception:\n            self.fail('boom')\n",
    "try:\n    run()\nexcept Exception:\n    try:\n        cleanup()\n    finally:\n        raise\n",
    "async def f():\n    try:\n        await run()\n    except Exception:\n        raise\n",
    "def f():\n    try:\n        run()\n    except BaseException:\n        LOG.error('x')\n        raise\n",
    {
      "code": "try:\n    run()\nexcept Exception:\n    LOG.exception('failed')\n",
      "options": [
        {
          "allowLogged": true
        }
      ]
    },
    {
      "code": "try:\n    run()\nexcept Exception:\n    LOG.error('failed', exc_info=True)\n",
      "options": [
        {
          "allowLogged": true
        }
      ]
    },
    {
      "code": "try:\n    run()\nexcept Exception:\n    traceback.print_exc()\n",
      "options": [
        {
          "allowLogged": true
        }
      ]
    },
    {
      "code": "try:\n    run()\nexcept Exception:\n    with my_reraiser():\n        LOG.error('x')\n",
      "options": [
        {
          "reraisingContextManagers": [
            "my_reraiser"
          ]
        }
      ]
    },
    "Exception = ValueError\ntry:\n    run()\nexcept ValueError:\n    pass\n",
    "try:\n    run()\nexcept Exception:\n    match x:\n        case 1:\n            raise\n        case _:\n            raise ValueError()\n    raise\n",
    "try:\n    run()\nexcept Exception as e:\n    raise\nfinally:\n    cleanup()\n",
    "class DvrLocalRouter(object):\n    def _set_subnet_arp_info(self, subnet_id):\n        try:\n            self._update_arp_entry(subnet_id)\n        except Exception:\n            with excutils.save_and_reraise_exception():\n                LOG.error('Failed to update ARP for subnet %s', subnet_id)\n"
  ],
  "invalid": [
    {
      "code": "try:\n    run()\nexcept Exception:\n    pass\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 18
        }
      ]
    },
    {
      "code": "try:\n    run()\nexcept:\n    pass\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 8,
          "suggestions": [
            {
              "messageId": "useException",
              "output": "try:\n    run()\nexcept Exception:\n    pass\n"
            }
          ]
        }
      ]
    },
    {
      "code": "try:\n    run()\nexcept BaseException:\n    pass\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 22
        }
      ]
    },
    {
      "code": "try:\n    run()\nexcept Exception as e:\n    LOG.error('failed: %s', e)\n",
      "errors": [
        {
          "messageId": "loggedButSwallowed",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 23
        }
      ]
    },
    {
      "code": "try:\n    run()\nexcept (ValueError, Exception) as e:\n    LOG.warning(e)\n",
      "errors": [
        {
          "messageId": "loggedButSwallowed",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 37
        }
      ]
    },
    {
      "code": "for x in items:\n    try:\n        run(x)\n    except Exception:\n        continue\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 4,
          "column": 5,
          "endLine": 4,
          "endColumn": 22
        }
      ]
    },
    {
      "code": "def f():\n    try:\n        return run()\n    except Exception:\n        return None\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 4,
          "column": 5,
          "endLine": 4,
          "endColumn": 22
        }
      ]
    },
    {
      "code": "def f():\n    try:\n        run()\n    except Exception:\n        if strict:\n            raise\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 4,
          "column": 5,
          "endLine": 4,
          "endColumn": 22
        }
      ]
    },
    {
      "code": "try:\n    run()\nexcept Exception:\n    LOG.exception('failed')\n",
      "errors": [
        {
          "messageId": "loggedButSwallowed",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 18
        }
      ],
      "options": [
        {
          "allowLogged": false
        }
      ]
    },
    {
      "code": "try:\n    run()\nexcept Exception:\n    with excutils.save_and_reraise_exception() as ctx:\n        ctx.reraise = False\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 18
        }
      ]
    },
    {
      "code": "try:\n    run()\nexcept Exception:\n    with excutils.save_and_reraise_exception():\n        LOG.error('x')\n        return\n",
      "errors": [
        {
          "messageId": "loggedButSwallowed",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 18
        }
      ]
    },
    {
      "code": "try:\n    f = open(path)\nexcept Exception:\n    f = None\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 18,
          "suggestions": [
            {
              "messageId": "narrow",
              "output": "try:\n    f = open(path)\nexcept OSError:\n    f = None\n"
            }
          ]
        }
      ]
    },
    {
      "code": "try:\n    value = int(text)\nexcept:\n    value = 0\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 8,
          "suggestions": [
            {
              "messageId": "useException",
              "output": "try:\n    value = int(text)\nexcept Exception:\n    value = 0\n"
            },
            {
              "messageId": "narrow",
              "output": "try:\n    value = int(text)\nexcept ValueError:\n    value = 0\n"
            }
          ]
        }
      ]
    },
    {
      "code": "import subprocess\ntry:\n    out = subprocess.check_output(['ls'])\nexcept Exception:\n    out = b''\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 4,
          "column": 1,
          "endLine": 4,
          "endColumn": 18,
          "suggestions": [
            {
              "messageId": "narrow",
              "output": "import subprocess\ntry:\n    out = subprocess.check_output(['ls'])\nexcept (OSError, subprocess.CalledProcessError):\n    out = b''\n"
            }
          ]
        }
      ]
    },
    {
      "code": "import json\ntry:\n    data = json.loads(raw)\nexcept Exception as exc:\n    data = {}\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 4,
          "column": 1,
          "endLine": 4,
          "endColumn": 25,
          "suggestions": [
            {
              "messageId": "narrow",
              "output": "import json\ntry:\n    data = json.loads(raw)\nexcept ValueError as exc:\n    data = {}\n"
            }
          ]
        }
      ]
    },
    {
      "code": "class Agent:\n    @periodic_task\n    def report(self):\n        try:\n            self.rpc.report()\n        except Exception:\n            self.failed = True\n            LOG.exception('Failed reporting state!')\n            return\n",
      "errors": [
        {
          "messageId": "loggedButSwallowed",
          "line": 6,
          "column": 9,
          "endLine": 6,
          "endColumn": 26
        }
      ]
    },
    {
      "code": "async def f():\n    try:\n        await run()\n    except Exception:\n        pass\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 4,
          "column": 5,
          "endLine": 4,
          "endColumn": 22
        }
      ]
    },
    {
      "code": "try:\n    run()\nexcept Exception:\n    LOG.error('failed')\nexcept BaseException:\n    pass\n",
      "errors": [
        {
          "messageId": "loggedButSwallowed",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 18
        },
        {
          "messageId": "swallowed",
          "line": 5,
          "column": 1,
          "endLine": 5,
          "endColumn": 22
        }
      ]
    },
    {
      "code": "try:\n    run()\nexcept (\n    OSError,\n    Exception,\n):\n    pass\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 3,
          "column": 1,
          "endLine": 6,
          "endColumn": 3
        }
      ]
    },
    {
      "code": "try:\n    run()\nexcept Exception:  # noqa\n    pass\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 18
        }
      ]
    },
    {
      "code": "try:\n    run()\nexcept Exception: pass\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 18
        }
      ]
    },
    {
      "code": "try:\n    run()\nexcept Exception:\n    def later():\n        raise\n    later\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 18
        }
      ]
    },
    {
      "code": "x = [1]\ntry:\n    x[5]\nexcept Exception:\n    print('oops')\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 4,
          "column": 1,
          "endLine": 4,
          "endColumn": 18
        }
      ]
    },
    {
      "code": "try:\n    run()\nexcept builtins.Exception:\n    pass\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 27
        }
      ]
    },
    {
      "code": "class DvrLocalRouter(object):\n    def _process_arp_cache_for_internal_port(self, subnet_id):\n        for arp_entry in self._pending_arp_set:\n            try:\n                state = self._update_arp_entry(arp_entry.ip, arp_entry.mac)\n            except Exception:\n                state = False\n\n    def _snat_redirect_modify(self, gateway, is_add):\n        try:\n            ip_lib.add_ip_rule(self.ns_name, ip=gateway)\n        except Exception:\n            if is_add:\n                exc = 'DVR: error adding redirection logic'\n            else:\n                exc = 'DVR: snat remove failed to clear the rule and device'\n            LOG.exception(exc)\n",
      "errors": [
        {
          "messageId": "swallowed",
          "line": 6,
          "column": 13,
          "endLine": 6,
          "endColumn": 30
        },
        {
          "messageId": "loggedButSwallowed",
          "line": 12,
          "column": 9,
          "endLine": 12,
          "endColumn": 26
        }
      ]
    }
  ]
};

export default cases;

import type { RuleCases } from "../harness.js";

// Cases for python-audit/no-sensitive-data-in-logs. Reports are on the logging call.
const cases: RuleCases = {
  "valid": [
    "LOG.debug('connecting to %s', host)\n",
    "LOG.debug('password length %d', len(password))\n",
    "from oslo_utils import strutils\nLOG.debug('body %s', strutils.mask_password(body))\n",
    "LOG.debug('token expires at %s', token_expires_at)\n",
    "LOG.debug('token type %s', token_type)\n",
    "LOG.debug('password set: %s', password is not None)\n",
    "LOG.debug('password set: %s', bool(password))\n",
    "print('password', password)\n",
    "LOG.debug('using %s', redact(password))\n",
    "LOG.debug('secret ref %s', secret_ref)\n",
    "LOG.debug('Created secret with UUID %s', secret_uuid)\n",
    "LOG.info('rpc workers %s', cfg.CONF.rpc_workers)\n",
    "LOG.debug('password_file=%s', password_file)\n",
    "logger.info('user %(user)s logged in', {'user': username})\n",
    "LOG.debug(f'user {username} from {address}')\n",
    "LOG.debug('%s', 'password')\n",
    "audit.record(password)\n",
    "LOG.debug('key %s', PASSWORD_PROMPT)\n",
    "self.log.info('loaded %d tokens', len(self.tokens))\n",
    {
      "code": "LOG.debug('token %s', token)\n",
      "options": [
        {
          "sensitiveWords": [
            "passphrase"
          ]
        }
      ]
    },
    {
      "code": "LOG.debug('value %s', scrub_secrets(data))\n",
      "options": [
        {
          "maskingFunctions": [
            "scrub_secrets"
          ]
        }
      ]
    },
    "import logging\nlogging.info('%s', apikey_enabled)\n",
    "LOG.debug('Token count: %d', token_count)\n",
    "LOG.debug('password policy %s', password_policy)\n"
  ],
  "invalid": [
    {
      "code": "LOG.debug('Connecting with password %s', password)\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 1,
          "column": 1,
          "endLine": 1,
          "endColumn": 51,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\nLOG.debug('Connecting with password %s', strutils.mask_password(password))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "LOG.info('Loaded configuration: %s', CONF)\n",
      "errors": [
        {
          "messageId": "wholeObject",
          "line": 1,
          "column": 1,
          "endLine": 1,
          "endColumn": 43
        }
      ]
    },
    {
      "code": "from oslo_config import cfg\nLOG.info('Loaded configuration: %s', cfg.CONF)\n",
      "errors": [
        {
          "messageId": "wholeObject",
          "line": 2,
          "column": 1,
          "endLine": 2,
          "endColumn": 47
        }
      ]
    },
    {
      "code": "LOG.debug('token=%(token)s', {'token': auth_token})\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 1,
          "column": 1,
          "endLine": 1,
          "endColumn": 52,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\nLOG.debug('token=%(token)s', {'token': strutils.mask_password(auth_token)})\n"
            }
          ]
        }
      ]
    },
    {
      "code": "LOG.debug('token=%(token)s', {'token': value})\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 1,
          "column": 1,
          "endLine": 1,
          "endColumn": 47,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\nLOG.debug('token=%(token)s', {'token': strutils.mask_password(value)})\n"
            }
          ]
        }
      ]
    },
    {
      "code": "LOG.warning(f'authentication failed for {user} with {api_key}')\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 1,
          "column": 1,
          "endLine": 1,
          "endColumn": 64,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\nLOG.warning(f'authentication failed for {user} with {strutils.mask_password(api_key)}')\n"
            }
          ]
        }
      ]
    },
    {
      "code": "import os\nLOG.debug('env %s', os.environ)\n",
      "errors": [
        {
          "messageId": "wholeObject",
          "line": 2,
          "column": 1,
          "endLine": 2,
          "endColumn": 32
        }
      ]
    },
    {
      "code": "LOG.debug('vars %s', locals())\n",
      "errors": [
        {
          "messageId": "wholeObject",
          "line": 1,
          "column": 1,
          "endLine": 1,
          "endColumn": 31
        }
      ]
    },
    {
      "code": "LOG.debug('request %s', self.__dict__)\n",
      "errors": [
        {
          "messageId": "wholeObject",
          "line": 1,
          "column": 1,
          "endLine": 1,
          "endColumn": 39
        }
      ]
    },
    {
      "code": "LOG.error('auth with {}'.format(secret))\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 1,
          "column": 1,
          "endLine": 1,
          "endColumn": 41,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\nLOG.error('auth with {}'.format(strutils.mask_password(secret)))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "LOG.error('auth with %s' % admin_password)\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 1,
          "column": 1,
          "endLine": 1,
          "endColumn": 43,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\nLOG.error('auth with %s' % strutils.mask_password(admin_password))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "LOG.error('auth with %s:%s' % (user, admin_password))\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 1,
          "column": 1,
          "endLine": 1,
          "endColumn": 54,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\nLOG.error('auth with %s:%s' % (user, strutils.mask_password(admin_password)))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "LOG.info('creds', extra={'password': pw})\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 1,
          "column": 1,
          "endLine": 1,
          "endColumn": 42,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\nLOG.info('creds', extra={'password': strutils.mask_password(pw)})\n"
            }
          ]
        }
      ]
    },
    {
      "code": "import logging\nlogging.debug('pw %s', password)\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 2,
          "column": 1,
          "endLine": 2,
          "endColumn": 33,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "import logging\nfrom oslo_utils import strutils\nlogging.debug('pw %s', strutils.mask_password(password))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "import logging\nmylog = logging.getLogger(__name__)\nmylog.debug('pw %s', password)\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 31,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "import logging\nfrom oslo_utils import strutils\nmylog = logging.getLogger(__name__)\nmylog.debug('pw %s', strutils.mask_password(password))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "from oslo_log import log\nLOGGER = log.getLogger(__name__)\nLOGGER.info('key %s', private_key)\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 35,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_log import log\nfrom oslo_utils import strutils\nLOGGER = log.getLogger(__name__)\nLOGGER.info('key %s', strutils.mask_password(private_key))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "class A:\n    def f(self):\n        self.logger.debug('token %s', self.auth_token)\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 3,
          "column": 9,
          "endLine": 3,
          "endColumn": 55,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\nclass A:\n    def f(self):\n        self.logger.debug('token %s', strutils.mask_password(self.auth_token))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "LOG.debug('secret %s', body['secret'])\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 1,
          "column": 1,
          "endLine": 1,
          "endColumn": 39,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\nLOG.debug('secret %s', strutils.mask_password(body['secret']))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "LOG.debug('secret %s', body.get('client_secret'))\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 1,
          "column": 1,
          "endLine": 1,
          "endColumn": 50,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\nLOG.debug('secret %s', strutils.mask_password(body.get('client_secret')))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "LOG.log(logging.DEBUG, 'pw %s', passwd)\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 1,
          "column": 1,
          "endLine": 1,
          "endColumn": 40,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\nLOG.log(logging.DEBUG, 'pw %s', strutils.mask_password(passwd))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "LOG.debug('key %s', accessKey)\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 1,
          "column": 1,
          "endLine": 1,
          "endColumn": 31,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\nLOG.debug('key %s', strutils.mask_password(accessKey))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "LOG.debug(\n    'creds %s %s',\n    user,\n    credentials,\n)\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 1,
          "column": 1,
          "endLine": 5,
          "endColumn": 2,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\nLOG.debug(\n    'creds %s %s',\n    user,\n    strutils.mask_password(credentials),\n)\n"
            }
          ]
        }
      ]
    },
    {
      "code": "async def f(password):\n    LOG.debug('pw %s', password)\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 2,
          "column": 5,
          "endLine": 2,
          "endColumn": 33,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\nasync def f(password):\n    LOG.debug('pw %s', strutils.mask_password(password))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "def f(data):\n    if (token := data.get('token')):\n        LOG.debug('got %s', token)\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 3,
          "column": 9,
          "endLine": 3,
          "endColumn": 35,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\ndef f(data):\n    if (token := data.get('token')):\n        LOG.debug('got %s', strutils.mask_password(token))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "audit_log.info('pw %s', password)\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 1,
          "column": 1,
          "endLine": 1,
          "endColumn": 34,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\naudit_log.info('pw %s', strutils.mask_password(password))\n"
            }
          ]
        }
      ],
      "options": [
        {
          "loggerNames": [
            "audit_log"
          ]
        }
      ]
    },
    {
      "code": "from oslo_utils import strutils\nLOG.debug('pw %s', password)\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 2,
          "column": 1,
          "endLine": 2,
          "endColumn": 29,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "from oslo_utils import strutils\nLOG.debug('pw %s', strutils.mask_password(password))\n"
            }
          ]
        }
      ]
    },
    {
      "code": "\"\"\"Doc.\"\"\"\nimport os\nLOG.debug('pw %s', password)\n",
      "errors": [
        {
          "messageId": "sensitiveValue",
          "line": 3,
          "column": 1,
          "endLine": 3,
          "endColumn": 29,
          "suggestions": [
            {
              "messageId": "mask",
              "output": "\"\"\"Doc.\"\"\"\nimport os\nfrom oslo_utils import strutils\nLOG.debug('pw %s', strutils.mask_password(password))\n"
            }
          ]
        }
      ]
    }
  ]
};

export default cases;

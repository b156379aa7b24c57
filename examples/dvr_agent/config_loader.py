"""Loads the agent's configuration and credentials, and runs the metadata proxy."""
import socket
import subprocess

from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import strutils

from dvr_agent import utils

LOG = logging.getLogger(__name__)

CONF = cfg.CONF

AGENT_OPTS = [
    cfg.StrOpt('metadata_proxy_socket', default='$state_path/metadata_proxy'),
    cfg.StrOpt('metadata_proxy_config', default='/etc/neutron/metadata_agent.ini'),
    cfg.IntOpt('metadata_port', default=9697),
    cfg.IntOpt('metadata_workers', default=2),
    cfg.StrOpt('auth_url'),
    cfg.StrOpt('admin_user'),
    cfg.StrOpt('admin_password', secret=True),
]


def setup(argv):
    CONF.register_opts(AGENT_OPTS, 'AGENT')
    CONF(argv, project='neutron')
    LOG.info('Loaded configuration: %s', CONF)
    LOG.info('Metadata proxy on port %d with %d workers',
             CONF.AGENT.metadata_port, CONF.AGENT.metadata_workers)


def load_credentials(username, password, auth_url):
    LOG.debug('Authenticating %s against %s with password %s', username, auth_url, password)
    return {'username': username, 'password': password, 'auth_url': auth_url}


def cache_token(auth_token, token_expires_at):
    LOG.debug('Caching token=%(token)s', {'token': auth_token})
    LOG.debug('Cached token expires at %s', token_expires_at)
    return {'id': auth_token, 'expires_at': token_expires_at}


def report_auth_failure(user, api_key, status):
    LOG.warning(f"Keystone rejected {user} with key {api_key}: HTTP {status}")


def log_request(url, body, password):
    LOG.debug('POST %s: %s', url, strutils.mask_password(body))
    LOG.debug('Request carries a password of length %d', len(password))


def read_proxy_status(host, port):
    sock = socket.create_connection((host, port), timeout=5)
    sock.sendall(b'STATUS\n')
    reply = sock.recv(1024)
    sock.close()
    return reply.decode()


def proxy_is_alive(host, port):
    try:
        return read_proxy_status(host, port).startswith('OK')
    except Exception as e:
        LOG.error('Failed to query the metadata proxy on %s:%d: %s', host, port, e)
        return False


def start_proxy(router_id):
    proc = subprocess.Popen(['neutron-ns-metadata-proxy',
                             '--config-file', CONF.AGENT.metadata_proxy_config,
                             '--metadata_proxy_socket', CONF.AGENT.metadata_proxy_socket])
    LOG.info('Started metadata proxy for router %s with pid %d', router_id, proc.pid)
    return proc.pid


def stop_proxy(pid_file):
    pid = utils.read_pid(pid_file)
    if pid is None:
        LOG.debug('No metadata proxy pid in %s', pid_file)
        return
    utils.kill_process(pid)
    utils.cleanup_pid_file(pid_file)

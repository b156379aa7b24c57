"""Loads the agent's configuration and talks to the metadata proxy."""
import os
import socket
import subprocess

from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import strutils

LOG = logging.getLogger(__name__)

CONF = cfg.CONF


def load_credentials(username, password, auth_url):
    LOG.debug('Authenticating %s against %s with password %s', username, auth_url, password)
    LOG.info('Loaded configuration: %s', CONF)
    return {'username': username, 'password': password, 'auth_url': auth_url}


def log_token(auth_token, token_expires_at):
    LOG.debug('token=%(token)s', {'token': auth_token})
    LOG.debug('token expires at %s', token_expires_at)


def report_auth_failure(user, api_key):
    LOG.warning(f"authentication failed for {user} with key {api_key}")


def log_request(password, headers):
    LOG.debug('Request password length %d', len(password))
    LOG.debug('Request body: %s', strutils.mask_password('password=%s' % password))


def read_proxy_status(host, port):
    sock = socket.create_connection((host, port), timeout=5)
    sock.sendall(b'STATUS\n')
    reply = sock.recv(1024)
    sock.close()
    return reply


def read_proxy_status_safely(host, port):
    sock = socket.create_connection((host, port), timeout=5)
    try:
        sock.sendall(b'STATUS\n')
        return sock.recv(1024)
    finally:
        sock.close()


def start_proxy(config_path):
    proc = subprocess.Popen(['neutron-ns-metadata-proxy', '--config-file', config_path])
    LOG.info('Started metadata proxy with pid %d', proc.pid)


def read_pid(pid_file):
    try:
        with open(pid_file) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def environment_summary():
    LOG.debug('Agent environment: %s', os.environ)

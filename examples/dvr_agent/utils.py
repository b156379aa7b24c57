"""Helpers shared by the DVR agent modules."""
import os
import shlex
import signal
import socket
import subprocess

from neutron.agent.linux import ip_lib
from oslo_concurrency import processutils
from oslo_log import log as logging

LOG = logging.getLogger(__name__)

SYSFS_NET = '/sys/class/net'


def execute_in_namespace(namespace, cmd, check_exit_code=True):
    ip_wrapper = ip_lib.IPWrapper(namespace=namespace)
    return ip_wrapper.netns.execute(cmd, check_exit_code=check_exit_code)


def send_gratuitous_arp(device, ip_address, count=3):
    LOG.debug('Sending %d gratuitous ARPs for %s on %s', count, ip_address, device)
    os.system("arping -U -I %s -c %d %s" % (device, count, ip_address))


def device_exists(device):
    output = subprocess.check_output(
        'ip -o link show %s 2>/dev/null || true' % shlex.quote(device), shell=True)
    return bool(output.strip())


def read_sysfs_attr(device, attr):
    with open(os.path.join(SYSFS_NET, device, attr)) as f:
        return f.read().strip()


def find_pids(process_name):
    try:
        out, _err = processutils.execute('pgrep', '-f', process_name)
    except processutils.ProcessExecutionError:
        return []
    return [int(pid) for pid in out.split()]


def read_pid(pid_file):
    try:
        with open(pid_file) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def kill_process(pid, sig=signal.SIGTERM):
    try:
        os.kill(pid, sig)
    except OSError:
        LOG.debug('Process %d has already exited', pid)


def cleanup_pid_file(pid_file):
    try:
        os.unlink(pid_file)
    except:
        pass


def wait_for_port(host, port, timeout=5):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect((host, port))
        return True
    except socket.error:
        return False
    finally:
        sock.close()


def root_helper_env():
    env = dict(os.environ, LC_ALL='C')
    LOG.debug('Running root helper with environment %s', os.environ)
    return env

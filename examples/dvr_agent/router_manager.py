"""Routes, ARP entries and SNAT redirection for a distributed router namespace."""
import shlex
import subprocess

import netaddr
from neutron.agent.linux import ip_lib
from oslo_concurrency import processutils
from oslo_log import log as logging
from oslo_utils import excutils

LOG = logging.getLogger(__name__)

ROUTE_OPERATIONS = ('add', 'delete', 'replace')
SNAT_TABLE = 'snat'


class RouterManager(object):

    def __init__(self, router_id, namespace, agent_conf):
        self.router_id = router_id
        self.ns_name = namespace
        self.agent_conf = agent_conf
        self.ip_wrapper = ip_lib.IPWrapper(namespace=namespace)

    def update_route(self, operation, route):
        cmd = ['ip', 'route', operation, route['destination'], 'via', route['nexthop']]
        self.ip_wrapper.netns.execute(cmd, check_exit_code=True)

    def update_route_checked(self, operation, route):
        if operation not in ROUTE_OPERATIONS:
            raise ValueError('unsupported route operation %s' % operation)
        destination = str(netaddr.IPNetwork(route['destination']))
        nexthop = str(netaddr.IPAddress(route['nexthop']))
        cmd = ['ip', 'route', operation, destination, 'via', nexthop]
        self.ip_wrapper.netns.execute(cmd, check_exit_code=True)

    def flush_arp(self, device):
        subprocess.check_output(f"ip neigh flush dev {device}", shell=True)

    def flush_arp_quoted(self, device):
        subprocess.check_output('ip neigh flush dev %s' % shlex.quote(device), shell=True)

    def list_routes(self):
        return subprocess.check_output(['ip', 'route', 'show', 'table', SNAT_TABLE])

    def set_snat_redirect(self, gateway_ip, snat_idx):
        try:
            self.ip_wrapper.netns.execute(
                ['ip', 'rule', 'add', 'from', gateway_ip, 'lookup', str(snat_idx)])
        except Exception:
            LOG.error('Failed to add SNAT redirect rule for router %s', self.router_id)

    def remove_snat_redirect(self, snat_idx):
        try:
            self.ip_wrapper.netns.execute(['ip', 'rule', 'del', 'table', str(int(snat_idx))])
        except Exception:
            pass

    def add_floating_ip(self, fip_cidr, device_name):
        try:
            self.ip_wrapper.netns.execute(
                ['ip', 'addr', 'add', str(netaddr.IPNetwork(fip_cidr)), 'dev', 'qg-' + self.router_id[:11]])
        except Exception:
            with excutils.save_and_reraise_exception():
                LOG.error('Failed to add floating IP %s on %s', fip_cidr, device_name)

    def delete_floating_ip(self, fip_cidr):
        try:
            processutils.execute('ip', 'addr', 'del', str(netaddr.IPNetwork(fip_cidr)), run_as_root=True)
        except processutils.ProcessExecutionError:
            LOG.warning('Floating IP %s was already gone', fip_cidr)

    def ping_gateway(self, gateway_ip):
        return subprocess.call('ping -c 1 -W 1 ' + gateway_ip, shell=True) == 0

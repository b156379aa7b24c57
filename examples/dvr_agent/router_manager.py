"""Routes, floating IPs and SNAT redirection for a distributed router namespace."""
import os
import subprocess
import threading

import netaddr
from neutron.agent.linux import ip_lib
from oslo_concurrency import processutils
from oslo_log import log as logging
from oslo_utils import excutils

from dvr_agent import utils

LOG = logging.getLogger(__name__)

ROUTE_OPERATIONS = ('add', 'delete', 'replace')
SNAT_TABLE = 'snat'
GW_DEV_PREFIX = 'qg-'


class RouterManager(object):

    def __init__(self, router_id, namespace, agent_conf):
        self.router_id = router_id
        self.ns_name = namespace
        self.agent_conf = agent_conf
        self.gw_device = GW_DEV_PREFIX + router_id[:11]
        self.ip_wrapper = ip_lib.IPWrapper(namespace=namespace)
        self.routes = []
        self._keepalived = None
        self._rules_lock = threading.Lock()

    def update_route(self, operation, route):
        cmd = ['ip', 'route', operation, route['destination'], 'via', route['nexthop']]
        self.ip_wrapper.netns.execute(cmd, check_exit_code=True)

    def routes_updated(self, old_routes, new_routes):
        for route in [r for r in old_routes if r not in new_routes]:
            self.update_route('delete', route)
        for route in [r for r in new_routes if r not in old_routes]:
            self.update_route('replace', route)
        self.routes = new_routes

    def update_snat_route(self, operation, cidr, gateway_ip):
        if operation not in ROUTE_OPERATIONS:
            raise ValueError('Unsupported route operation: %s' % operation)
        cmd = ['ip', 'route', operation, str(netaddr.IPNetwork(cidr)),
               'via', str(netaddr.IPAddress(gateway_ip)), 'table', SNAT_TABLE]
        self.ip_wrapper.netns.execute(cmd, check_exit_code=True)

    def list_snat_routes(self):
        return self.ip_wrapper.netns.execute(['ip', 'route', 'show', 'table', SNAT_TABLE])

    def set_snat_redirect(self, gateway_ip, snat_idx):
        try:
            self.ip_wrapper.netns.execute(
                ['ip', 'rule', 'add', 'from', gateway_ip, 'lookup', str(snat_idx),
                 'priority', str(snat_idx)])
        except Exception:
            LOG.error('DVR: error adding SNAT redirect rule for router %s', self.router_id)

    def remove_snat_redirect(self, snat_idx):
        try:
            self.ip_wrapper.netns.execute(['ip', 'rule', 'del', 'table', str(int(snat_idx))])
        except Exception:
            pass

    def add_floating_ip(self, fip_cidr):
        with self._rules_lock:
            try:
                self.ip_wrapper.netns.execute(
                    ['ip', 'addr', 'add', str(netaddr.IPNetwork(fip_cidr)), 'dev', self.gw_device])
            except Exception:
                with excutils.save_and_reraise_exception():
                    LOG.error('Failed to add floating IP %s to router %s', fip_cidr, self.router_id)
        utils.send_gratuitous_arp(self.gw_device, str(netaddr.IPNetwork(fip_cidr).ip))

    def remove_floating_ip(self, fip_cidr):
        try:
            processutils.execute('ip', 'netns', 'exec', self.ns_name, 'ip', 'addr', 'del',
                                 str(netaddr.IPNetwork(fip_cidr)), 'dev', self.gw_device,
                                 run_as_root=True)
        except processutils.ProcessExecutionError:
            LOG.warning('Floating IP %s was already removed from router %s', fip_cidr, self.router_id)

    def spawn_keepalived(self):
        config_file = os.path.join(self.agent_conf.ha_confs_path, self.router_id, 'keepalived.conf')
        cmd = ['ip', 'netns', 'exec', self.ns_name, 'keepalived', '-n', '-l', '-f', config_file]
        self._keepalived = subprocess.Popen(cmd)
        LOG.info('Spawned keepalived for router %s (pid %d)', self.router_id, self._keepalived.pid)

    def ping_gateway(self, gateway_ip):
        cmd = ['ping', '-c', '1', '-W', '1', str(netaddr.IPAddress(gateway_ip))]
        return self.ip_wrapper.netns.execute(cmd, check_exit_code=False)

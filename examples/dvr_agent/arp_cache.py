"""Keeps the ARP cache of a router namespace in sync with the ports it serves."""
import json
import os
import threading

from oslo_log import log as logging

LOG = logging.getLogger(__name__)

_cache_lock = threading.Lock()


class ArpCache(object):

    def __init__(self, state_path, ip_wrapper):
        self.state_path = state_path
        self.ip_wrapper = ip_wrapper
        self.entries = {}

    def load(self):
        path = os.path.join(self.state_path, 'arp_cache.json')
        f = open(path)
        data = f.read()
        f.close()
        self.entries = json.loads(data)

    def load_safely(self):
        path = os.path.join(self.state_path, 'arp_cache.json')
        with open(path) as f:
            self.entries = json.load(f)

    def load_defaults(self):
        return json.load(open(os.path.join(self.state_path, 'defaults.json')))

    def save(self):
        path = os.path.join(self.state_path, 'arp_cache.json')
        f = open(path, 'w')
        try:
            json.dump(self.entries, f)
        finally:
            f.close()

    def update_entry(self, ip, mac, device):
        _cache_lock.acquire()
        self.entries[ip] = mac
        self.ip_wrapper.netns.execute(['ip', 'neigh', 'replace', ip, 'lladdr', mac, 'dev', device])
        _cache_lock.release()

    def delete_entry(self, ip):
        with _cache_lock:
            self.entries.pop(ip, None)

    def refresh(self, device):
        for ip, mac in list(self.entries.items()):
            try:
                self.update_entry(ip, mac, device)
            except:
                LOG.warning('Could not refresh ARP entry for %s', ip)

    def purge(self, device):
        try:
            os.system("ip neigh flush dev %s" % device)
        except OSError:
            LOG.exception('Failed to purge the ARP cache')
            raise

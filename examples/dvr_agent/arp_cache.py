"""Keeps the ARP table of a router namespace in sync with the ports it serves."""
import json
import os
import re
import shlex
import subprocess
import threading

import netaddr
from oslo_log import log as logging

LOG = logging.getLogger(__name__)

DEVICE_NAME_RE = re.compile(r'^(qr|qg|rfp|fpr|sg)-[0-9a-f-]{1,11}$')

_cache_lock = threading.Lock()


class ArpCache(object):

    def __init__(self, state_path, ip_wrapper):
        self.state_path = state_path
        self.ip_wrapper = ip_wrapper
        self.entries = {}

    @property
    def cache_file(self):
        return os.path.join(self.state_path, 'arp_cache.json')

    def load(self):
        f = open(self.cache_file)
        data = f.read()
        f.close()
        self.entries = json.loads(data)

    def load_static_entries(self):
        return json.load(open(os.path.join(self.state_path, 'static_arp.json')))

    def save(self):
        tmp_path = self.cache_file + '.tmp'
        f = open(tmp_path, 'w')
        try:
            json.dump(self.entries, f)
        finally:
            f.close()
        os.rename(tmp_path, self.cache_file)

    def update_entry(self, ip, mac, device):
        if not DEVICE_NAME_RE.match(device):
            raise ValueError('Invalid device name: %s' % device)
        ip = str(netaddr.IPAddress(ip))
        mac = str(netaddr.EUI(mac, dialect=netaddr.mac_unix_expanded))
        _cache_lock.acquire()
        self.entries[ip] = mac
        self.ip_wrapper.netns.execute(
            ['ip', 'neigh', 'replace', ip, 'lladdr', mac, 'nud', 'permanent', 'dev', device])
        _cache_lock.release()

    def delete_entry(self, ip):
        with _cache_lock:
            return self.entries.pop(ip, None)

    def refresh(self, device):
        for ip, mac in list(self.entries.items()):
            try:
                self.update_entry(ip, mac, device)
            except:
                LOG.warning('Could not refresh ARP entry %s -> %s', ip, mac)

    def dump(self, device):
        output = subprocess.check_output(f"ip neigh show dev {device}", shell=True)
        return output.decode().splitlines()

    def purge(self, device):
        try:
            subprocess.check_call('ip neigh flush dev %s' % shlex.quote(device), shell=True)
        except Exception:
            LOG.exception('Failed to flush the ARP table of %s', device)
            raise
        with _cache_lock:
            self.entries.clear()

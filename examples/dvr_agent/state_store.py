"""Keeps the router state of the agent across restarts: a local SQLite database and a YAML snapshot."""
import pickle
import sqlite3

import yaml

from oslo_log import log as logging

LOG = logging.getLogger(__name__)

STATE_DB = '/var/lib/neutron/dvr_state.sqlite'
COLUMNS = ('router_id', 'gateway_ip', 'snat_idx')


def load_router_snapshot(path):
    with open(path) as f:
        return yaml.load(f)


def load_router_snapshot_safely(path):
    with open(path) as f:
        return yaml.safe_load(f)


def restore_from_peer(payload):
    # The payload arrives over the agent's RPC channel from another host.
    return pickle.loads(payload)


def find_router(router_id):
    conn = sqlite3.connect(STATE_DB)
    try:
        return conn.execute(
            "SELECT * FROM routers WHERE router_id = '%s'" % router_id).fetchone()
    finally:
        conn.close()


def find_router_safely(router_id):
    conn = sqlite3.connect(STATE_DB)
    try:
        return conn.execute(
            "SELECT * FROM routers WHERE router_id = ?", (router_id,)).fetchone()
    finally:
        conn.close()


def sorted_routers(column):
    if column not in COLUMNS:
        raise ValueError(column)
    conn = sqlite3.connect(STATE_DB)
    try:
        return conn.execute("SELECT * FROM routers ORDER BY %s" % column).fetchall()
    finally:
        conn.close()


def evaluate_setting(value):
    return eval(value)

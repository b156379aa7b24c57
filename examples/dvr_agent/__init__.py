"""Distributed virtual router (DVR) support for the L3 agent: routes, floating IPs, SNAT and ARP."""

"""A small DVR (distributed virtual router) agent in the style of OpenStack Neutron's L3 agent.

This package is an example for eslint-plugin-python-audit: it contains real instances of the four audited
defect classes next to the safe idioms that a precise linter must leave alone. See ../EXPECTED.md.
"""

"""Small facts about network addresses that several connectors need."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """True for a host name or address that can only mean this machine."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False

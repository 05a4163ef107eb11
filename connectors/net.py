"""Small facts about network addresses that several connectors need."""

from __future__ import annotations

import errno
import ipaddress
import socket


def is_loopback(host: str) -> bool:
    """True for a host name or address that can only mean this machine."""
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def unreachable(service: str, section: str, host: str, port: int, exc: OSError, ports: str) -> str:
    """One sentence for a connection that could not be made, saying what to check. ``ports``
    names the usual ports per security setting, e.g. "993 for ssl, 143 for starttls"."""
    where = f"{host}:{port}"
    if isinstance(exc, socket.gaierror):
        return (f"cannot reach the {service} server {where}: the host name {host} is not known "
                f"({exc.strerror or exc}); check [{section}].host for a typo, and that this machine's DNS works")
    if isinstance(exc, ConnectionRefusedError):
        return (f"cannot reach the {service} server {where}: {exc.strerror or 'Connection refused'}; check "
                f"that the server is running and that [{section}].port is right ({ports})")
    if exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return (f"cannot reach the {service} server {where}: {exc.strerror}; check this machine's network, "
                f"a firewall, and [{section}].host")
    return (f"cannot reach the {service} server {where}: {exc.strerror or type(exc).__name__}; check "
            f"[{section}].host and port ({ports}) and the network")


def no_starttls(service: str, section: str, host: str, port: int, ssl_port: int) -> str:
    """One sentence for a server that does not offer STARTTLS while the config asks for it."""
    return (f"the {service} server {host}:{port} does not offer STARTTLS, which [{section}].security = \"starttls\" "
            f"needs; use security = \"ssl\" (usually port {ssl_port}), or security = \"none\" if the server is "
            "on this machine")

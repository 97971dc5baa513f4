"""Which addresses a central job may make this desk download from: globally routable unicast only.

A job from the central queue names its input by URL; the desk fetches it from inside the academy's
network. Without this check the job could reach the desk itself, its router, a printer's admin page or
the cloud metadata service. The tables are written out (IANA special-purpose registries, RFC 6890 and
its updates) rather than taken from `ipaddress.is_global`, whose answers have changed between Python
releases. Addresses that embed an IPv4 address (IPv4-mapped, IPv4-compatible, SIIT, NAT64, 6to4) are
judged by the address they lead to; Teredo tunnels (2001::/32) are refused with the rest of 2001::/23.
"""

from __future__ import annotations

import ipaddress
from typing import Final

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_V4: Final[tuple[tuple[str, str], ...]] = (
    ("0.0.0.0/8", "unspecified"),
    ("10.0.0.0/8", "private"),
    ("100.64.0.0/10", "carrier-grade NAT"),
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local"),
    ("172.16.0.0/12", "private"),
    ("192.0.0.0/24", "IETF protocol"),
    ("192.0.2.0/24", "documentation"),
    ("192.31.196.0/24", "IETF protocol"),
    ("192.52.193.0/24", "IETF protocol"),
    ("192.88.99.0/24", "6to4 relay"),
    ("192.168.0.0/16", "private"),
    ("192.175.48.0/24", "IETF protocol"),
    ("198.18.0.0/15", "benchmarking"),
    ("198.51.100.0/24", "documentation"),
    ("203.0.113.0/24", "documentation"),
    ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "reserved"),  # includes 255.255.255.255, the broadcast address
)
_V6: Final[tuple[tuple[str, str], ...]] = (
    ("::/128", "unspecified"),
    ("::1/128", "loopback"),
    ("64:ff9b:1::/48", "local NAT64"),
    ("100::/64", "discard-only"),
    ("2001::/23", "IETF protocol"),
    ("2001:db8::/32", "documentation"),
    ("3fff::/20", "documentation"),
    ("5f00::/16", "segment routing"),
    ("fc00::/7", "unique local"),
    ("fe80::/10", "link-local"),
    ("fec0::/10", "site-local"),
    ("ff00::/8", "multicast"),
)
_V4_NETS: Final = tuple((ipaddress.IPv4Network(net), what) for net, what in _V4)
_V6_NETS: Final = tuple((ipaddress.IPv6Network(net), what) for net, what in _V6)
# Global unicast: everything else in IPv6 is unassigned or special.
_V6_GLOBAL_UNICAST: Final = ipaddress.IPv6Network("2000::/3")
_NAT64: Final = ipaddress.IPv6Network("64:ff9b::/96")
_SIIT: Final = ipaddress.IPv6Network("::ffff:0:0:0/96")
_V4_COMPATIBLE: Final = ipaddress.IPv6Network("::/96")


def parse(raw: str) -> IPAddress:
    """An address as `getaddrinfo` gives it (an IPv6 zone, `fe80::1%eth0`, is dropped)."""
    return ipaddress.ip_address(raw.split("%", 1)[0])


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address leads to, for the forms that carry one."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64 or address in _SIIT or (address in _V4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refusal(raw: str) -> str | None:
    """Why a download must not connect to `raw` (e.g. "private", "loopback"), or None if it may."""
    address = parse(raw)
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None:
            why = refusal(str(inner))
            return f"{why} (embedded in an IPv6 address)" if why else None
        for v6_network, what in _V6_NETS:
            if address in v6_network:
                return what
        return None if address in _V6_GLOBAL_UNICAST else "reserved"
    for v4_network, what in _V4_NETS:
        if address in v4_network:
            return what
    return None


__all__ = ["IPAddress", "embedded_ipv4", "parse", "refusal"]

"""Which network addresses a fetch may reach: public ones, and local ones only when allowed.

A stranger's feed, page or redirect must not make the reader read the user's router, printer
or local services. Every connection is checked on the address it actually connects to (after
the DNS answer, before the first byte is sent), so a name that resolves to a local address,
or resolves differently the second time (DNS rebinding), is caught as well as a literal
``http://192.168.1.1/``.

:class:`AddressPolicy` says which local addresses one request may reach:

- ``allow_local``: every local address (the user's ``allow_local_sources`` setting; tests);
- ``local_hosts``: the hosts (``host`` or ``host:port``) the user confirmed as sources;
- a redirect from a public address to a local one is refused whatever the policy says.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_PRIVATE_NETWORKS = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",  # RFC 1918
    "fc00::/7",  # IPv6 unique local addresses
))
_SHARED = ipaddress.ip_network("100.64.0.0/10")  # RFC 6598: carrier-grade NAT


def address_kind(address: IPAddress | str) -> str | None:
    """What kind of local address ``address`` is, in words; None for a public address."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    mapped = getattr(ip, "ipv4_mapped", None)  # ::ffff:127.0.0.1 is 127.0.0.1
    if mapped is not None:
        ip = mapped
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_loopback:
        return "a loopback address (this computer)"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if any(ip in net for net in _PRIVATE_NETWORKS if net.version == ip.version):
        return "a private network address"
    if ip.version == 4 and ip in _SHARED:
        return "a shared (carrier-grade NAT) address"
    if ip.is_reserved:
        return "a reserved address"
    if not ip.is_global:
        return "not a public address"
    return None


def literal_address(host: str) -> IPAddress | None:
    """``host`` as an IP address when it is one (``[::1]`` included), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def _origin(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    except ValueError:
        port = None
    return host, port


def host_entry(url: str) -> str:
    """The ``host:port`` entry to trust for the source at ``url`` (what the app records when
    the user confirms a local source)."""
    host, port = _origin(url)
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}" if port else host


@dataclass(frozen=True)
class AddressPolicy:
    """Which local (non-public) addresses a request may connect to. The default allows none."""

    allow_local: bool = False
    local_hosts: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        # Given as any iterable of strings; kept lower-case, IPv6 hosts in brackets.
        object.__setattr__(self, "local_hosts", frozenset(
            h.strip().lower() for h in self.local_hosts if h.strip()))

    def allowing(self, *urls_or_hosts: str) -> AddressPolicy:
        """This policy, also trusting the hosts of these URLs (or ``host[:port]`` entries)."""
        entries = {host_entry(u) if "://" in u else u for u in urls_or_hosts}
        return AddressPolicy(self.allow_local, self.local_hosts | entries)

    def for_links_of(self, source_url: str) -> AddressPolicy:
        """The policy for links and images found in the content of the source at
        ``source_url``: they may reach a trusted local host only when it is the source's own
        host (a stranger's public feed cannot point the reader at the user's local sources)."""
        own = {e for e in self.local_hosts if _matches(e, *_origin(source_url))}
        return AddressPolicy(self.allow_local, frozenset(own))

    def trusts(self, url: str) -> bool:
        """Whether local addresses are allowed for ``url``'s host."""
        if self.allow_local:
            return True
        host, port = _origin(url)
        return any(_matches(e, host, port) for e in self.local_hosts)

    def refuses(self, url: str, address: IPAddress | str, *,
                after_public: bool = False) -> str | None:
        """The kind of local address ``address`` is (in words) when this policy refuses it
        for ``url``; None when the connection is allowed.

        ``after_public``: an earlier hop of this fetch (before a redirect) was on a public
        address; a local address is then refused whatever the policy trusts.
        """
        kind = address_kind(address)
        if kind is None or (self.trusts(url) and not after_public):
            return None
        return kind


def _matches(entry: str, host: str, port: int | None) -> bool:
    if ":" in host:
        host = f"[{host}]"
    return entry == host or (port is not None and entry == f"{host}:{port}")


STRICT = AddressPolicy()
"""Public addresses only: the policy of every request that is given no other."""


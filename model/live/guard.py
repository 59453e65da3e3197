"""Where a test call may go (DESIGN §6): ``https`` to public hosts only, unless the user opts
in with ``GATEWISE_ALLOW_PRIVATE_ENDPOINTS=1`` for a local gateway.

A base URL is checked twice: when it is entered (:func:`check_endpoint`, so the CLI can exit
2 and the page can refuse before any key is typed) and again for every request, after DNS
resolution, by :class:`GuardedTransport`, which then connects to the very address it checked
(the URL's host is swapped for that IP; the ``Host`` header and TLS SNI keep the name, so the
certificate is still verified against it). A name that resolves to a public address when it
is entered and to ``127.0.0.1`` a second later (DNS rebinding) is refused at request time.

Cloud metadata addresses are refused even with the opt-in: no gateway lives there, and they
hand out credentials. URLs carrying user info, a query or a fragment are refused too: a key
must never travel in a URL.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import httpx

ALLOW_ENV = "GATEWISE_ALLOW_PRIVATE_ENDPOINTS"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: ``resolve(host, port)`` → the addresses the name resolves to (as text).
Resolver = Callable[[str, int], list[str]]

#: Instance-metadata services (AWS/GCP/Azure/OpenStack, AWS IPv6, ECS task, Alibaba).
METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "fd00:ec2::254", "169.254.170.2", "100.100.100.200")
)
#: NAT64 well-known prefix: ``64:ff9b::a9fe:a9fe`` reaches 169.254.169.254 through a gateway.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class EndpointRefusedError(ValueError):
    """The base URL may not be called; the message says why and what would allow it."""


def allow_private() -> bool:
    """Whether the user opted in to loopback/private endpoints (and plain http to them)."""
    return os.environ.get(ALLOW_ENV, "").strip() == "1"


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6), as the socket layer sees it."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise EndpointRefusedError(
            f"cannot resolve host {host!r} ({exc.__class__.__name__})"
        ) from None
    return sorted({str(info[4][0]).split("%")[0] for info in infos})


def _embedded_v4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address hidden in an IPv6 one (mapped, 6to4, NAT64), if any."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def non_public_reason(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public internet address (None when it is)."""
    inner = _embedded_v4(ip)
    if inner is not None:
        reason = non_public_reason(inner)
        return f"{reason} (inside the IPv6 address {ip})" if reason else None
    if ip in METADATA:
        return "a cloud metadata address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_unspecified:
        return "the unspecified address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "a reserved, non-public address"
    return None


@dataclass(frozen=True)
class Target:
    """A checked base URL: its host, port and the addresses it may be reached at."""

    url: httpx.URL
    host: str
    port: int
    addresses: tuple[str, ...]
    private: bool  # reached through the opt-in


def parse_base_url(base_url: str) -> httpx.URL:
    """A base URL as an ``httpx.URL``, refusing shapes that could leak a key or mislead."""
    text = (base_url or "").strip()
    if not text:
        raise EndpointRefusedError("the base URL is empty")
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, ValueError, TypeError):
        raise EndpointRefusedError("the base URL is not a valid URL") from None
    if url.scheme not in ("https", "http"):
        raise EndpointRefusedError(
            f"the base URL must start with https:// (got {url.scheme or 'no'} scheme)"
        )
    if not url.host:
        raise EndpointRefusedError("the base URL has no host")
    if url.userinfo:
        raise EndpointRefusedError(
            "the base URL carries a user name or password; put keys in the key field"
        )
    if url.query or url.fragment:
        raise EndpointRefusedError(
            "the base URL carries a query or fragment; give the plain base URL"
        )
    return url


def _addresses(host: str, port: int, resolve: Resolver) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    found = resolve(host, port)
    if not found:
        raise EndpointRefusedError(f"host {host!r} resolves to no address")
    try:
        return [ipaddress.ip_address(a.split("%")[0]) for a in found]
    except ValueError:
        raise EndpointRefusedError(
            f"host {host!r} resolved to something that is not an IP address"
        ) from None


def check_addresses(host: str, scheme: str, addresses: Iterable[IPAddress], *, allow: bool) -> bool:
    """Refuse a target whose addresses are not all allowed; return whether it is private."""
    private = False
    for ip in addresses:
        reason = non_public_reason(ip)
        if reason is None:
            continue
        if ip in METADATA or (_embedded_v4(ip) in METADATA):
            raise EndpointRefusedError(f"{host} is {reason}: never called, even with {ALLOW_ENV}=1")
        if not allow:
            raise EndpointRefusedError(
                f"{host} is {reason} ({ip}); test calls go to public https hosts only "
                f"(set {ALLOW_ENV}=1 to call a local gateway)"
            )
        private = True
    if scheme != "https" and not private:
        raise EndpointRefusedError(
            f"{host}: plain http is refused for public hosts (the key would travel in clear); "
            "use https://"
        )
    return private


def check_endpoint(
    base_url: str, *, resolve: Resolver = system_resolver, allow: bool | None = None
) -> Target:
    """Check a base URL before any call: scheme, shape, and every address it resolves to."""
    url = parse_base_url(base_url)
    allow = allow_private() if allow is None else allow
    port = url.port or (443 if url.scheme == "https" else 80)
    addresses = _addresses(url.host, port, resolve)
    private = check_addresses(url.host, url.scheme, addresses, allow=allow)
    return Target(url, url.host, port, tuple(str(a) for a in addresses), private)


class GuardedTransport(httpx.BaseTransport):
    """Re-checks every request after resolution and pins the connection to the checked IP."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        resolve: Resolver = system_resolver,
        allow: bool | None = None,
    ) -> None:
        self._inner = inner
        self._resolve = resolve
        self._allow = allow

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.userinfo or url.scheme not in ("https", "http"):
            raise EndpointRefusedError("refused: the request URL is not a plain http(s) URL")
        allow = allow_private() if self._allow is None else self._allow
        port = url.port or (443 if url.scheme == "https" else 80)
        addresses = _addresses(url.host, port, self._resolve)
        check_addresses(url.host, url.scheme, addresses, allow=allow)
        try:
            ipaddress.ip_address(url.host)
        except ValueError:
            # Pin: connect to the address just checked; SNI and Host keep the name.
            request.extensions = {**request.extensions, "sni_hostname": url.host}
            request.url = url.copy_with(host=str(addresses[0]))
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()

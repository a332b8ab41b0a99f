"""The client's address behind a known number of trusted reverse proxies.

`X-Forwarded-For` is a list that every proxy appends the address it saw to; anything left of the
entries our own proxies wrote is whatever the client chose to send. So the client is the entry
`TRUSTED_PROXY_HOPS` places from the right, never the leftmost one, and never a raw header when
no proxy is trusted. django-axes (login lockout) and the API token throttle both ask here."""

import functools
import ipaddress

from django.conf import settings


def client_ip_from(
    remote_addr: str | None,
    forwarded_for: str | None,
    hops: int,
    trusted_proxies: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = (),
) -> str | None:
    """The client address, given the TCP peer (`remote_addr`), the `X-Forwarded-For` header,
    the number of trusted proxies in front of the app and the networks they speak from.

    - hops 0: the peer is the client; the header is ignored (anyone can send it).
    - hops n: the n-th entry from the right is what our outermost trusted proxy saw. If the
      header has fewer entries, the request did not come through all our proxies: the peer is
      used. An entry that is not an IP address is never trusted: the peer is used.
    - A peer outside `trusted_proxies` is not our proxy: whatever it says in the header, the
      peer is the client (someone who reaches a node directly cannot pick an address).

    None when not even the peer is an address (django-axes stores None, never a made-up one).
    """
    peer = _ip(remote_addr)
    if hops <= 0 or not forwarded_for or peer is None:
        return peer
    if not any(ipaddress.ip_address(peer) in network for network in trusted_proxies):
        return peer
    entries = [entry.strip() for entry in forwarded_for.split(",")]
    if len(entries) < hops:
        return peer
    return _ip(entries[-hops]) or peer


def client_ip(request) -> str | None:
    """The client address of `request` (see `client_ip_from`)."""
    return client_ip_from(
        request.META.get("REMOTE_ADDR"),
        request.META.get("HTTP_X_FORWARDED_FOR"),
        settings.TRUSTED_PROXY_HOPS,
        trusted_proxy_networks(tuple(settings.TRUSTED_PROXY_IPS)),
    )


@functools.cache
def trusted_proxy_networks(
    entries: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """TRUSTED_PROXY_IPS as networks (an address alone is a network of one)."""
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _ip(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None

"""The client's address behind a known number of trusted reverse proxies.

`X-Forwarded-For` is a list that every proxy appends the address it saw to; anything left of the
entries our own proxies wrote is whatever the client chose to send. So the client is the entry
`TRUSTED_PROXY_HOPS` places from the right, never the leftmost one, and never a raw header when
no proxy is trusted. django-axes (login lockout) and the API token throttle both ask here."""

import ipaddress

from django.conf import settings


def client_ip_from(remote_addr: str | None, forwarded_for: str | None, hops: int) -> str | None:
    """The client address, given the TCP peer (`remote_addr`), the `X-Forwarded-For` header
    and the number of trusted proxies in front of the app.

    - hops 0: the peer is the client; the header is ignored (anyone can send it).
    - hops n: the n-th entry from the right is what our outermost trusted proxy saw. If the
      header has fewer entries, the request did not come through all our proxies: the peer is
      used. An entry that is not an IP address is never trusted: the peer is used.

    None when not even the peer is an address (django-axes stores None, never a made-up one).
    """
    peer = _ip(remote_addr)
    if hops <= 0 or not forwarded_for:
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
    )


def _ip(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None

"""The client address behind a known number of trusted proxies (`uwvkms.proxy`): never the
leftmost X-Forwarded-For entry, never a raw header when no proxy is trusted. django-axes and the
API token throttle both use it."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD
from uwvkms.proxy import client_ip_from, trusted_proxy_networks

LOOPBACK = trusted_proxy_networks(("127.0.0.1/32", "::1/128"))


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "hops", "expected"),
    [
        # No proxy trusted: the header is whatever the client made up.
        ("203.0.113.7", "10.9.9.9", 0, "203.0.113.7"),
        ("203.0.113.7", None, 0, "203.0.113.7"),
        # nginx in front (1 hop) appends the address it saw: the rightmost entry.
        ("127.0.0.1", "198.51.100.4", 1, "198.51.100.4"),
        ("127.0.0.1", "6.6.6.6, 198.51.100.4", 1, "198.51.100.4"),
        # Two proxies (a load balancer, then nginx): the second from the right.
        ("127.0.0.1", "6.6.6.6, 198.51.100.4, 10.0.0.2", 2, "198.51.100.4"),
        # Fewer entries than proxies: it did not come through them all; the peer counts.
        ("127.0.0.1", "198.51.100.4", 2, "127.0.0.1"),
        ("127.0.0.1", None, 1, "127.0.0.1"),
        ("127.0.0.1", "", 1, "127.0.0.1"),
        # Not an address: never trusted.
        ("127.0.0.1", "evil, <script>", 1, "127.0.0.1"),
        ("127.0.0.1", "198.51.100.4 ", 1, "198.51.100.4"),
        ("127.0.0.1", "2001:db8::1", 1, "2001:db8::1"),
        # Not even the peer is an address: none (axes stores None, never a made-up value).
        (None, None, 0, None),
        ("", "198.51.100.4", 0, None),
        ("", "198.51.100.4", 1, None),
        # A peer that is not our proxy (someone reaching a node directly) picks no address.
        ("203.0.113.7", "198.51.100.4", 1, "203.0.113.7"),
        ("10.0.0.5", "198.51.100.4", 1, "10.0.0.5"),
        ("::1", "198.51.100.4", 1, "198.51.100.4"),
    ],
)
def test_client_ip_from(remote_addr, forwarded_for, hops, expected):
    assert client_ip_from(remote_addr, forwarded_for, hops, LOOPBACK) == expected


def test_a_proxy_on_another_machine_is_trusted_by_its_network():
    networks = trusted_proxy_networks(("10.0.0.0/24",))
    assert client_ip_from("10.0.0.5", "198.51.100.4", 1, networks) == "198.51.100.4"
    assert client_ip_from("10.0.1.5", "198.51.100.4", 1, networks) == "10.0.1.5"


def test_login_lockout_counts_the_forwarded_client_not_the_proxy(client, settings, auditor):
    """Behind nginx, five failures of one client lock that client out, not everyone who comes
    through the proxy; a spoofed leftmost entry changes nothing."""
    settings.TRUSTED_PROXY_HOPS = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "auditor", "password": "fout"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.4",
        )
    locked = client.post(
        reverse("login"),
        {"username": "auditor", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.4",
    )
    assert locked.status_code == 429
    other = client.post(
        reverse("login"),
        {"username": "auditor", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.5",
    )
    assert other.status_code == 302

"""Two app nodes share everything that matters: a session started on one continues on the other,
a report published through one downloads from the other, and the login lockout and the API
token throttle count across both (Redis and PostgreSQL, not process memory)."""

import hashlib
import random
import re

from tests.prod.conftest import log_in_as, node_browser
from tests.prod.test_publishing import SHA256, publish_concept, wait_until_published


def test_log_in_on_one_node_and_continue_on_the_other(login, stack):
    first = login("directie.uitkeren", node=0)
    second = first.with_base(stack["PROD_NODE_URLS"].split(",")[1])
    page = second.get("/")
    assert page.status_code == 200
    assert "Uitloggen" in page.text or "uitloggen" in page.text
    # A form from one node is accepted by the other (the CSRF secret lives in the session).
    response = second.post_form(
        "/profiel/", {"name": "van node 2", "expires_on": ""}, page="/profiel/"
    )
    assert response.status_code == 200 and "uwv_" in response.text


def test_published_on_one_node_downloads_from_the_other(login, stack):
    node_urls = stack["PROD_NODE_URLS"].split(",")
    coordinator = login("coordinatie", node=0)
    version_url, _ = publish_concept(coordinator, 2022)
    html = wait_until_published(coordinator, version_url)
    shown = SHA256.search(html).group(1)
    download = re.search(r'href="([^"]+/pdf/)"', html).group(1)

    response = coordinator.with_base(node_urls[1]).get(download)

    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == shown


def test_login_lockout_counts_across_nodes(stack):
    nodes = [
        node_browser(url, stack["PROD_CA_CERT"], stack["PROD_BASE_URL"])
        for url in stack["PROD_NODE_URLS"].split(",")
    ]
    user = f"toetser{random.randint(10, 29)}"  # a fresh one per run (the lockout lasts 15 min)
    # AXES_FAILURE_LIMIT is 5, alternating nodes: four are refused, the fifth locks.
    statuses = [log_in_as(nodes[n % 2], user, password="fout").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    locked = log_in_as(nodes[1], user)  # the right password, on the other node
    assert locked.status_code == 429
    assert log_in_as(nodes[0], user).status_code == 429


def test_token_throttle_counts_across_nodes_and_spares_a_valid_token(login, stack):
    owner = login("rvb")
    created = owner.post_form("/profiel/", {"name": "integratie", "expires_on": ""})
    key = re.search(r'value="(uwv_[A-Za-z0-9_-]+)"', created.text).group(1)
    nodes = [
        node_browser(url, stack["PROD_CA_CERT"], stack["PROD_BASE_URL"])
        for url in stack["PROD_NODE_URLS"].split(",")
    ]
    # Behind nginx every node sees the proxy; the client is the address nginx appended (a new
    # one per run, so an earlier run's count on a still-running stack does not carry over).
    client = {"X-Forwarded-For": f"198.51.{random.randint(0, 255)}.{random.randint(1, 254)}"}

    def api(node, token):
        return nodes[node].get(
            "/api/v1/cycles/", headers={**client, "Authorization": f"Bearer {token}"}
        )

    statuses = [api(n % 2, f"uwv_bogus{n}").status_code for n in range(20)]
    assert statuses == [401] * 20
    assert api(0, "uwv_bogus-21").status_code == 429
    assert api(1, "uwv_bogus-22").status_code == 429
    # A valid token from that same address still works, on either node.
    assert api(0, key).status_code == 200
    assert api(1, key).status_code == 200

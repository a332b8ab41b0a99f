"""Locust users for `make loadtest`: 50 people over the demo roles, each logging in once and then
reading their usual pages (those their home page and its pages link to) with 1–3 s between
clicks. PDFs, exports and the admin are left out: a person opens them now and then, not every
few seconds, and `make bench` measures them."""

import os
import random
import re

from locust import HttpUser, between, task

from tests.demo_totp import totp_code
from tests.links import links_of

PASSWORD = "demo-kms-2023"
CA_CERT = os.environ.get("PROD_CA_CERT")
# How the 50 users are spread over the roles (weights follow how many such people there are).
ROLE_USERS = {
    "toetser": [f"toetser{n:02d}" for n in range(1, 31)],
    # Two members: each login of the team takes an authenticator code of its own.
    "coordinatie": ["coordinatie", "coordinatie2"],
    "directie": ["directie.uitkeren", "directie.handhaving"],
    "rvb": ["rvb"],
    "herstel": ["herstel", "herstel.wb", "herstel.sbk", "herstel.fez"],
}
ROLE_WEIGHTS = {"toetser": 20, "coordinatie": 8, "directie": 10, "rvb": 4, "herstel": 8}
SKIP = re.compile(r"(\.pdf|/pdf/|export|xlsx|csv|/uitloggen/|/beheer/|/api/|/static/|/bestand)")
NUMBER = re.compile(r"/\d+(?=/|$)")


def page_links(html: str, base: str) -> list[str]:
    """The links a person would click on: same site, no downloads, admin or logout."""
    return [link for link in links_of(html, base, base) if not SKIP.search(link.split("?")[0])]


def page_name(path: str) -> str:
    """Group by page, not by object: /toetsing/2023/eenheden/14/ → /toetsing/{n}/eenheden/{n}/."""
    return NUMBER.sub("/{n}", path.split("?")[0])


class Person(HttpUser):
    wait_time = between(1, 3)
    abstract = True
    role = ""
    _next = 0

    def on_start(self):
        self.client.trust_env = False  # the environment's CA bundle would override `verify`
        self.client.verify = CA_CERT
        users = ROLE_USERS[self.role]
        username = users[Person._next % len(users)]
        Person._next += 1
        page = self.client.get("/inloggen/", name="/inloggen/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = self.client.post(
            "/inloggen/",
            data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
            headers={"Referer": f"{self.host}/inloggen/"},
            name="/inloggen/ (POST)",
        )
        if response.url.endswith("/inloggen/code/"):
            # The coordination team logs in with its second factor (tests/demo_totp.py).
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
            self.client.post(
                "/inloggen/code/",
                data={"csrfmiddlewaretoken": token.group(1), "code": totp_code(username)},
                headers={"Referer": f"{self.host}/inloggen/code/"},
                name="/inloggen/code/ (POST)",
            )
        home = self.read("/")
        pages = set(page_links(home.text, self.host))
        for path in sorted(pages)[:12]:
            pages.update(page_links(self.read(path).text, self.host)[:20])
        self.pages = sorted(pages)[:60] or ["/"]

    def read(self, path: str):
        """GET a page; being sent to the login page (a lost session) counts as a failure."""
        with self.client.get(path, name=page_name(path), catch_response=True) as response:
            if "/inloggen/" in response.url:
                response.failure("naar de inlogpagina gestuurd")
            elif response.status_code >= 400:
                response.failure(f"HTTP {response.status_code}")
            return response

    @task(3)
    def home(self):
        self.read("/")

    @task(10)
    def usual_page(self):
        self.read(random.choice(self.pages))


class Toetser(Person):
    role = "toetser"
    weight = ROLE_WEIGHTS["toetser"]


class Coordinatieteam(Person):
    role = "coordinatie"
    weight = ROLE_WEIGHTS["coordinatie"]


class Directie(Person):
    role = "directie"
    weight = ROLE_WEIGHTS["directie"]


class RaadVanBestuur(Person):
    role = "rvb"
    weight = ROLE_WEIGHTS["rvb"]


class Herstel(Person):
    role = "herstel"
    weight = ROLE_WEIGHTS["herstel"]

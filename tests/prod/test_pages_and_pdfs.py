"""As each demo role, every page reachable from the home page answers without a server error,
behind nginx with production settings; every PDF (linked or not) is a real, tagged PDF/UA
document; every authenticated answer says `Cache-Control: no-store`."""

import io
import re
from collections import Counter, deque

import pytest
from pypdf import PdfReader

from tests.links import links_of

ROLES = [
    "coordinatie",
    "toetser01",
    "directie.uitkeren",
    "rvb",
    "herstel",
    "herstel.sbk",
    "herstel.fez",
    "fez.werkgroep",
    "beheerder",
]
# Never followed: logging out ends the crawl; static files are not pages.
SKIP_PREFIXES = ("/uitloggen/", "/static/")
# The admin (the beheerder's pages) lists every object: its index, every change list and a few
# objects of each are visited; sorting, filtering and deleting are Django's own.
ADMIN_OBJECT = re.compile(r"^/beheer/(\w+)/(\w+)/[^/]+/(change|history|delete)/$")
ADMIN_OBJECTS_PER_MODEL = 3
# Files people uploaded (audit evidence, a herstelactie's documents): served as they came, so a
# PDF among them is not one the app rendered and need not be tagged.
UPLOADED_FILE = re.compile(
    r"^/toetsing/\d+/bestanden/\d+/$|^/herstel/\d+/documenten/\d+/download/$"
)
MAX_PAGES_PER_ROLE = 5000
# The live PDFs, whether or not a role's pages link them: the coordination team reads every
# cycle's, the RvB only the published 2022 cycle's.
PDF_ENDPOINTS = [
    ("coordinatie", "/rapportage/2023/rapport.pdf"),
    ("coordinatie", "/rapportage/2023/volwassenheid.pdf"),
    ("coordinatie", "/rapportage/2022/rapport.pdf"),
    ("rvb", "/rapportage/2022/volwassenheid.pdf"),
]


def assert_tagged_pdf(body: bytes, url: str) -> None:
    assert body.startswith(b"%PDF-"), url
    reader = PdfReader(io.BytesIO(body))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True, url
    assert "/StructTreeRoot" in root, url
    assert root["/Lang"] == "nl", url
    assert b'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data(), url


@pytest.fixture(scope="module")
def checked_pdfs() -> set[str]:
    """PDF URLs whose structure was read once already (rendering is checked for every role)."""
    return set()


@pytest.mark.parametrize("username", ROLES)
def test_every_page_a_role_can_reach_works(login, stack, username, checked_pdfs):
    browser = login(username)
    seen = {"/"}
    queue = deque(["/"])
    admin_objects: Counter = Counter()

    def worth_a_visit(link: str) -> bool:
        if link in seen or link.startswith(SKIP_PREFIXES):
            return False
        if link.startswith("/beheer/"):
            if "?" in link or link.endswith("/delete/"):
                return False
            if match := ADMIN_OBJECT.match(link):
                admin_objects[match.group(1, 2)] += 1
                return admin_objects[match.group(1, 2)] <= ADMIN_OBJECTS_PER_MODEL
        return True

    server_errors, refused, pdfs, pages = [], [], 0, 0
    while queue and pages < MAX_PAGES_PER_ROLE:
        path = queue.popleft()
        response = browser.get(path)
        pages += 1
        if response.status_code >= 500:
            server_errors.append((path, response.status_code))
            continue
        if response.status_code in (301, 302):
            target = response.headers["Location"]
            assert "/inloggen/" not in target, f"{username} was logged out at {path}"
            # Where a redirect leads is a page too.
            for link in links_of(f'<a href="{target}">', response.url, stack["PROD_BASE_URL"]):
                if worth_a_visit(link):
                    seen.add(link)
                    queue.append(link)
            continue
        if response.status_code >= 400:
            refused.append((path, response.status_code))
            continue
        assert "no-store" in response.headers.get("Cache-Control", ""), path
        content_type = response.headers.get("Content-Type", "")
        if content_type.startswith("application/pdf") and not UPLOADED_FILE.match(path):
            pdfs += 1
            if path not in checked_pdfs:
                assert_tagged_pdf(response.content, path)
                checked_pdfs.add(path)
            continue
        if not content_type.startswith("text/html"):
            continue  # an export or an uploaded file: it answered, that is what counts here
        for link in links_of(response.text, response.url, stack["PROD_BASE_URL"]):
            if worth_a_visit(link):
                seen.add(link)
                queue.append(link)
    print(f"{username}: {pages} pages, {pdfs} PDFs, {len(queue)} left, refused {refused}")
    assert not server_errors, server_errors
    assert pages > 5
    # A page never offers what the app then refuses.
    assert not refused, refused


@pytest.mark.parametrize(("username", "path"), PDF_ENDPOINTS)
def test_every_pdf_endpoint_renders_in_production(login, username, path):
    response = login(username).get(path)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"] == "application/pdf"
    assert "no-store" in response.headers["Cache-Control"]
    assert_tagged_pdf(response.content, path)

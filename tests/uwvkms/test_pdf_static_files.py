"""PDFs find their stylesheet the way production serves it: after collectstatic, with the hashed
names of the manifest storage, and without it (development, tests). Nothing but the project's own
static files can be loaded into a PDF."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import ScoreFactory, principle
from uwvkms.pdf import html_to_pdf, static_file_bytes

# The hashed names are what matter here; compression (WhiteNoise's subclass, used in production
# and by the production-mode tier) only makes collectstatic slow.
MANIFEST = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"


@pytest.fixture
def collected_static(settings, tmp_path):
    """Production's static files: collected into STATIC_ROOT with hashed names."""
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST}}
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_maturity_pdf_renders_with_manifest_static_files(
    client, coordinator, cycle, uitkeren, collected_static
):
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=principle("klantgerichtheid"), level=3)
    client.force_login(coordinator)
    page = client.get(reverse("findings:maturity_report_pdf", args=[cycle.year]))
    assert page.status_code == 200
    assert page.content.startswith(b"%PDF-")
    # "Pagina X van Y" comes from print.css's @page rules: the hashed stylesheet was applied.
    assert "Pagina 2 van" in _pdf_text(page.content)  # page 1 is the cover, without footer


def test_hashed_name_is_read_from_the_collected_files(collected_static):
    from django.templatetags.static import static

    url = static("css/print.css")
    assert url != "/static/css/print.css"  # the manifest's hashed name
    assert (
        static_file_bytes(f"file://{url}")
        == (collected_static / url.removeprefix("/static/")).read_bytes()
    )


def test_plain_name_is_found_without_collectstatic(settings):
    settings.STATIC_ROOT = None
    assert b"@page" in static_file_bytes("file:///static/css/print.css")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///static/../pyproject.toml",
        "file:///static/css/../../pyproject.toml",
        "file:///static/%2e%2e/pyproject.toml",
        "file:///static/",
        "file:///static/css/does-not-exist.css",
        "https://example.org/static/css/print.css",
        "file://example.org/static/css/print.css",
    ],
)
def test_nothing_outside_the_static_files_is_read(url):
    assert static_file_bytes(url) is None


@pytest.mark.parametrize(
    "href",
    ["/static/css/missing.css", "https://example.org/static/css/print.css", "/etc/passwd"],
)
def test_a_stylesheet_that_is_not_ours_fails_loudly(href):
    """No network, no file outside the project, and a missing stylesheet is an error, never a
    PDF without its layout."""
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(FatalURLFetchingError):
        html_to_pdf(
            f'<html lang="nl"><head><title>t</title><link rel="stylesheet" href="{href}">'
            "</head><body>x</body></html>"
        )


def test_an_old_collected_copy_never_hides_the_source(settings, tmp_path):
    """In development STATIC_ROOT may hold an old collectstatic output: the edited source wins."""
    stale = tmp_path / "staticfiles" / "css"
    stale.mkdir(parents=True)
    (stale / "print.css").write_text("/* old */")
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    assert b"@page" in static_file_bytes("file:///static/css/print.css")

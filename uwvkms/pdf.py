"""HTML → PDF with WeasyPrint, shared by every app that prints (reports, interview records).
WeasyPrint is imported lazily: it is heavy and only the PDF needs it."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders


def html_to_pdf(html: str) -> bytes:
    """Render `html` to PDF bytes. Only our own static files can be loaded (print.css, images):
    the PDF never makes a network request, and a missing stylesheet fails loudly."""
    from weasyprint import HTML  # noqa: PLC0415  (lazy on purpose)

    return HTML(string=html, base_url=settings.STATIC_URL, url_fetcher=_static_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1"
    )


def _static_fetcher():
    from weasyprint.urls import URLFetcher  # noqa: PLC0415

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = urlsplit(url).path
            if path.startswith(settings.STATIC_URL):
                found = finders.find(path.removeprefix(settings.STATIC_URL))
                if found:
                    return super().fetch(Path(found).as_uri(), headers)
            raise ValueError(f"Not a static file of this project: {url!r}")

    return StaticFilesFetcher(allowed_protocols={"file"}, fail_on_errors=True)

"""HTML → PDF with WeasyPrint. Imported lazily: WeasyPrint is heavy and only the PDF needs it."""

from django.conf import settings


def html_to_pdf(html: str) -> bytes:
    """Render `html` to PDF bytes. Static files (print.css) resolve from the static folders."""
    from weasyprint import HTML  # noqa: PLC0415  (lazy on purpose)

    return HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=_static_fetcher
    ).write_pdf()


def _static_fetcher(url: str, *args, **kwargs):
    """Serve /static/ URLs from disk, so the PDF never makes a network request."""
    from django.contrib.staticfiles import finders
    from weasyprint import default_url_fetcher  # noqa: PLC0415

    marker = settings.STATIC_URL
    if marker in url:
        relative = url.split(marker, 1)[1]
        path = finders.find(relative.split("?", 1)[0])
        if path:
            return default_url_fetcher(f"file://{path}", *args, **kwargs)
    if url.startswith("file://"):
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"Refusing to fetch {url!r} while rendering a PDF")

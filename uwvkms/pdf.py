"""HTML → PDF with WeasyPrint, shared by every app that prints (reports, interview records).
WeasyPrint is imported lazily: it is heavy and only the PDF needs it."""

import base64
import binascii
import mimetypes
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation


def html_to_pdf(html: str) -> bytes:
    """Render `html` to PDF bytes. Only our own static files (print.css, images) and images
    embedded as base64 data URIs (the configured logo, `uwvkms.branding`) can be loaded: the PDF
    never makes a network request, and a missing stylesheet fails loudly."""
    from weasyprint import HTML  # noqa: PLC0415  (lazy on purpose)

    return HTML(string=html, base_url=settings.STATIC_URL, url_fetcher=_static_fetcher()).write_pdf(
        pdf_variant="pdf/ua-1"
    )


def static_file_bytes(url: str) -> bytes | None:
    """The content of the project's static file that `url` names, or None if it names none.

    The finders know the project's source files (development, tests, and unhashed names in
    production) and come first, so an old collectstatic output never hides an edited file. In
    production `{% static %}` hands out the hashed names that collectstatic wrote
    (`css/print.3f2a….css`): only the static files storage has those. A URL outside
    STATIC_URL, on another host, or one that climbs out of it (`..`), names nothing."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "file") or parts.netloc:
        return None  # another host's file is never ours, whatever its path
    path = unquote(parts.path)
    if not path.startswith(settings.STATIC_URL):
        return None
    name = posixpath.normpath(path.removeprefix(settings.STATIC_URL))
    if name in ("", ".") or name.startswith(("/", "..")):
        return None
    found = finders.find(name)
    if found:
        return Path(found).read_bytes()
    try:
        if staticfiles_storage.exists(name):
            with staticfiles_storage.open(name) as stored:
                return stored.read()
    except (ImproperlyConfigured, SuspiciousFileOperation):
        pass  # no STATIC_ROOT (development, tests): nothing was collected
    return None


_IMAGE_DATA_URI = re.compile(r"data:(image/(?:png|jpeg|gif));base64,([A-Za-z0-9+/=\s]+)", re.S)


def data_uri_image(url: str) -> tuple[str, bytes] | None:
    """The content type and bytes of a base64 PNG, JPEG or GIF data URI, else None."""
    match = _IMAGE_DATA_URI.fullmatch(url)
    if not match:
        return None
    try:
        return match.group(1), base64.b64decode(match.group(2), validate=False)
    except binascii.Error:
        return None


def _static_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            image = data_uri_image(url)
            if image is not None:
                content_type, body = image
                return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})
            body = static_file_bytes(url)
            if body is None:
                raise ValueError(f"Not a static file of this project: {url!r}")
            content_type = mimetypes.guess_type(urlsplit(url).path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    return StaticFilesFetcher(allowed_protocols={"file"}, fail_on_errors=True)

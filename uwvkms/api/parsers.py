"""Request-body parsing with a size limit.

DRF reads the body as a stream, so Django's DATA_UPLOAD_MAX_MEMORY_SIZE never applies; these
parsers enforce `API_MAX_BODY_BYTES` themselves and answer 413 (problem details) beyond it."""

import json

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers

from uwvkms.api.exceptions import PayloadTooLarge
from uwvkms.body_limits import body_limit_of

_CHUNK = 1024 * 1024


def read_body_limited(stream, parser_context: dict | None = None) -> bytes:
    """Read the whole request body, refusing (413) one over the view's limit
    (`uwvkms.body_limits`: `API_MAX_BODY_BYTES`, 1 MB, unless the view declares another).

    Checks the declared Content-Length first, then counts what actually arrives (a chunked
    body declares no length)."""
    limit = body_limit_of((parser_context or {}).get("view"), api=True)
    request = (parser_context or {}).get("request")
    if request is not None:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            raise PayloadTooLarge()
    chunks = []
    size = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


def _refuse_constant(value: str):
    raise ValueError(f"{value} is geen geldige JSON-waarde")


class LimitedJSONParser(parsers.BaseParser):
    """JSON bodies up to `API_MAX_BODY_BYTES`; strict JSON (no NaN or Infinity).

    Not a subclass of DRF's JSONParser on purpose: DRF hands a JSONParser `request.body`, which
    Django refuses beyond DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MiB, a 400), so 100,000 dossiers in
    one request would never arrive; any other parser gets the stream."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        raw = read_body_limited(stream, parser_context)
        try:
            return json.loads(raw.decode(encoding), parse_constant=_refuse_constant)
        except (ValueError, UnicodeDecodeError) as exc:
            raise exceptions.ParseError(
                _("De inhoud is geen geldige JSON: %(error)s") % {"error": exc}
            ) from exc

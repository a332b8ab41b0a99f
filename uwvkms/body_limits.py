"""How large a request body each view accepts (issue 19 §4), checked before anything reads it.

Every page takes what its largest form needs (`WEB_MAX_BODY_BYTES`: an evidence upload of
UPLOAD_MAX_MB plus its form), the web page of the dossier import included; every API call 1 MB
(`API_MAX_BODY_BYTES`). A DRF view that needs more names its setting in a class attribute
`body_limit_setting`: only the API's dossier import does (`IMPORT_MAX_BODY_BYTES`, 64 MB). The
middleware answers 413 from the declared Content-Length before Django parses a form or an
upload; the API's parsers count what actually arrives against the same limit (a chunked body
declares none)."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def _declared(view) -> str | None:
    for holder in (view, getattr(view, "cls", None), getattr(view, "view_class", None)):
        setting = getattr(holder, "body_limit_setting", None)
        if setting:
            return setting
    return None


def body_limit_of(view, *, api: bool) -> int:
    """The largest body in bytes `view` (a view function or DRF view instance) accepts."""
    setting = _declared(view) or ("API_MAX_BODY_BYTES" if api else "WEB_MAX_BODY_BYTES")
    return getattr(settings, setting)


def body_limit_for_path(path: str) -> int:
    api = path.startswith(API_PREFIX)
    try:
        view = resolve(path).func
    except Resolver404:
        view = None
    return body_limit_of(view, api=api)


class RequestBodyLimitMiddleware:
    """413 for a request whose Content-Length is over its view's limit: problem details for
    the API, a Dutch page otherwise. Nothing of the body is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared and declared > body_limit_for_path(request.path_info):
            return self._too_large(request)
        return self.get_response(request)

    @staticmethod
    def _too_large(request) -> HttpResponse:
        # The client's unread body is never consumed; ask it to close the connection.
        if request.path_info.startswith(API_PREFIX):
            response = JsonResponse(
                {
                    "type": "urn:uwvkms:probleem:payload_too_large",
                    "title": _("Verzoek te groot"),
                    "status": 413,
                    "detail": _("De inhoud van het verzoek is groter dan toegestaan."),
                    "instance": request.path,
                },
                status=413,
                content_type="application/problem+json",
            )
        else:
            response = HttpResponse(render_to_string("413.html", request=request), status=413)
        response["Connection"] = "close"
        return response

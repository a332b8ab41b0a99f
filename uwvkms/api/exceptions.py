"""Errors as problem details (RFC 9457), the Dutch API Design Rules' error format.

Every error of the API answers `application/problem+json` with `type`, `title`, `status`,
`detail` and `instance`; a validation error adds `invalidParams`, one entry per field error:
`name` (the field, `[index].field` for an item of a list body), `code` and `reason`."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings

from uwvkms.versioning import EditConflict

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: _("Ongeldig verzoek"),
    401: _("Niet aangemeld"),
    403: _("Geen toegang"),
    404: _("Niet gevonden"),
    405: _("Methode niet toegestaan"),
    406: _("Antwoordformaat niet beschikbaar"),
    409: _("Conflict"),
    413: _("Verzoek te groot"),
    415: _("Mediatype niet ondersteund"),
    429: _("Te veel verzoeken"),
    500: _("Interne fout"),
    503: _("Dienst niet beschikbaar"),
}
VALIDATION_TITLE = _("Ongeldige invoer")


class Conflict(exceptions.APIException):
    """409: the resource changed since the client read it (a stale `version`: every service's
    EditConflict becomes this in `problem_details_handler`), or the state does not allow the
    change."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = _("De gegevens zijn intussen gewijzigd. Haal ze opnieuw op.")
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    """413: the request body is over its view's limit (`uwvkms.body_limits`)."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("De inhoud van het verzoek is groter dan toegestaan.")
    default_code = "payload_too_large"


class ScannerUnavailable(exceptions.APIException):
    """503: an upload could not be scanned for malware (uwvkms.malware fails closed)."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = _("De virusscanner is niet bereikbaar; probeer het later opnieuw.")
    default_code = "scanner_unavailable"


def problem_type(code: str) -> str:
    return f"urn:uwvkms:probleem:{code}"


def invalid_params(detail, prefix: str = "") -> list[dict]:
    """Flatten DRF's nested validation detail into the `invalidParams` list."""
    params: list[dict] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            params.extend(invalid_params(value, name))
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list):
                # An item of a list: "[3].bsn", or nested "lines[3].amount".
                params.extend(invalid_params(value, f"{prefix}[{index}]"))
            else:
                params.extend(invalid_params(value, prefix))
    else:
        params.append(
            {
                "name": prefix or api_settings.NON_FIELD_ERRORS_KEY,
                "code": getattr(detail, "code", "invalid") or "invalid",
                "reason": str(detail),
            }
        )
    return params


def problem_body(
    *, status_code: int, code: str, detail: str, instance: str, title: str | None = None
) -> dict:
    return {
        "type": problem_type(code),
        "title": str(title or TITLES.get(status_code, _("Fout"))),
        "status": status_code,
        "detail": str(detail),
        "instance": instance,
    }


def problem_response(request, status_code: int, code: str, detail: str) -> JsonResponse:
    """A problem-details answer outside DRF (Django's 404 and 500 handlers under /api/)."""
    return JsonResponse(
        problem_body(
            status_code=status_code, code=code, detail=detail, instance=request.get_full_path()
        ),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def is_api_request(request) -> bool:
    return request.path.startswith("/api/")


def problem_details_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every error as problem details."""
    # Imported here: DRF's views and serializers import the settings that name this module.
    from rest_framework.serializers import as_serializer_error
    from rest_framework.views import set_rollback

    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, EditConflict):
        # A stale `version`: the one place where the services' conflict becomes 409.
        exc = Conflict(" ".join(exc.messages))
    elif isinstance(exc, DjangoValidationError):
        # A service refused the change (a business rule): the same as a field error.
        exc = exceptions.ValidationError(as_serializer_error(exc))
    if not isinstance(exc, exceptions.APIException):
        return None  # an unexpected error: Django's 500 handler answers (problem details too)

    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))

    if isinstance(exc, exceptions.ValidationError):
        body = problem_body(
            status_code=exc.status_code,
            code="invalid",
            title=VALIDATION_TITLE,
            detail=gettext("De invoer is ongeldig; zie invalidParams."),
            instance=instance,
        )
        body["invalidParams"] = invalid_params(exc.detail)
    else:
        detail = exc.detail
        if isinstance(detail, list | dict):
            detail = " ".join(param["reason"] for param in invalid_params(detail))
        body = problem_body(
            status_code=exc.status_code,
            code=getattr(exc, "default_code", "error"),
            detail=str(detail),
            instance=instance,
        )
        if isinstance(exc, exceptions.ParseError):
            body["type"] = problem_type("parse_error")
    set_rollback()
    return Response(
        body, status=exc.status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE
    )

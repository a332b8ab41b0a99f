"""Request ids and structured logs: one JSON line per request, and the same request id on the
response (`X-Request-ID`), on every log line written while serving it, and on the event log rows
it writes. Behind nginx the proxy's id is taken over, so one id follows a request through both.
A one-time link's secret (invitation, password reset) is masked in the logged path."""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from uwvkms.proxy import client_ip

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
# Who sent the request being served, for the event log (BIO 8.15): the client address behind our
# trusted proxies and the user agent, cut to what the log keeps. Empty outside a request.
client_var: contextvars.ContextVar[tuple[str | None, str]] = contextvars.ContextVar(
    "client", default=(None, "")
)
USER_AGENT_MAX_LENGTH = 255

# What we accept from the proxy: its own ids are 32 hex characters; anything odd is replaced, so a
# client cannot write arbitrary text into our logs.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
REQUEST_LOGGER = logging.getLogger("uwvkms.request")


def current_request_id() -> str:
    """The id of the request being served, or "" outside a request (a worker, a command)."""
    return request_id_var.get()


def current_client() -> tuple[str | None, str]:
    """The client address (None when unknown) and user agent of the request being served, or
    (None, "") outside a request (a worker, a command)."""
    return client_var.get()


# One-time links (an invitation, a password reset: `/uitnodiging/<uidb64>/<token>/`) carry a live
# secret in their path: the log shows these URL parts as MASK. Django's reset view moves on to
# `.../<uidb64>/set-password/` (its token then in the session): that word is no secret.
MASKED_URL_KWARGS = ("uidb64", "token")
MASK = "…"
_NOT_A_SECRET = {"set-password"}


def loggable_path(request) -> str:
    """`request.path` with the segments of the one-time link's `MASKED_URL_KWARGS` (as the URL
    resolved them) replaced by `MASK`; any other path as it is."""
    match = getattr(request, "resolver_match", None)
    secrets = {
        str(value)
        for key, value in (match.kwargs.items() if match is not None else ())
        if key in MASKED_URL_KWARGS and str(value) and str(value) not in _NOT_A_SECRET
    }
    if not secrets:
        return request.path
    return "/".join(MASK if part in secrets else part for part in request.path.split("/"))


class RequestLogMiddleware:
    """Give each request an id and log it as one line when the answer is ready. Comes first, so
    it times the whole request and sees every answer, also the redirects and refusals of the
    middleware after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        address = client_ip(request)
        agent = request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH]
        client_token = client_var.set((address, agent))
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            user = getattr(request, "user", None)
            path = loggable_path(request)
            REQUEST_LOGGER.info(
                "%s %s %s",
                request.method,
                path,
                response.status_code,
                extra={
                    "request_id": request_id,
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "client_ip": address,
                },
            )
            return response
        finally:
            request_id_var.reset(token)
            client_var.reset(client_token)


# The fields a LogRecord always has; everything else on it came in through `extra`.
_RECORD_FIELDS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601, for machines), level, logger, message, the
    request id when there is one, the `extra` fields, and the traceback of an exception."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = current_request_id()
        if request_id:
            line["request_id"] = request_id
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)

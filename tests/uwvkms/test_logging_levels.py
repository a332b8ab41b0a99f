"""Library loggers stay at WARNING (fontTools narrated its font subsetting and WeasyPrint its
rendering steps at INFO, e.g. all through `manage.py loaddemo`); the app itself logs at INFO.
pytest-django applies the LOGGING setting, as Django does at startup."""

import logging

import pytest


@pytest.mark.parametrize(
    "name", ["fontTools", "fontTools.subset", "weasyprint", "weasyprint.progress", "PIL.Image"]
)
def test_library_loggers_speak_only_when_something_is_wrong(name):
    assert logging.getLogger(name).getEffectiveLevel() >= logging.WARNING


def test_the_app_still_logs_at_info():
    assert logging.getLogger().getEffectiveLevel() == logging.INFO
    for name in ("django", "uwvkms", "uwvkms.request", "findings", "herstel"):
        assert logging.getLogger(name).getEffectiveLevel() == logging.INFO, name


def test_django_request_keeps_only_server_errors():
    """uwvkms.request logs every request once; django.request would log each 4xx again, but
    its 5xx tracebacks stay."""
    assert logging.getLogger("django.request").getEffectiveLevel() == logging.ERROR

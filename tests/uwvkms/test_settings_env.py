"""Settings come from the environment and refuse to start on bad or missing values; production
variables pass `manage.py check --deploy` without warnings.

Settings are read once per process, so whole-configuration checks run in a subprocess with a
clean environment (the test process itself already loaded tests/settings.py)."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from uwvkms.settings import env_bool, env_int, env_list

PROJECT_ROOT = django_settings.BASE_DIR
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "uwvkms.settings",
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(45)[:60],
    "ALLOWED_HOSTS": "kms.uwv.example",
    # Several workers share their cache (uwvkms.W001 otherwise).
    "CACHE_URL": "redis://127.0.0.1:6379/0",
    # Uploads are scanned (uwvkms.W003/W004 otherwise); the check does not connect.
    "CLAMAV_SOCKET": "/run/clamav/clamd.ctl",
}


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    """Run Python in the project with only `env` (plus what a process needs to start)."""
    clean = {key: os.environ[key] for key in ("PATH", "HOME", "TMPDIR") if key in os.environ}
    return subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _settings_in(**env: str) -> dict:
    """The settings that matter for security, as a fresh process with `env` sees them."""
    names = [
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_NAME",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_NAME",
        "CSRF_COOKIE_SECURE",
    ]
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    result = _run(["-c", code], **{"DJANGO_SETTINGS_MODULE": "uwvkms.settings", **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# Helpers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("JA", True), (" on ", True), ("0", False), ("nee", False)],
)
def test_env_bool_reads_yes_and_no(monkeypatch, raw, expected):
    monkeypatch.setenv("UWVKMS_TEST_BOOL", raw)
    assert env_bool("UWVKMS_TEST_BOOL", not expected) is expected


def test_env_bool_uses_default_when_unset(monkeypatch):
    monkeypatch.delenv("UWVKMS_TEST_BOOL", raising=False)
    assert env_bool("UWVKMS_TEST_BOOL", True) is True
    assert env_bool("UWVKMS_TEST_BOOL", False) is False


@pytest.mark.parametrize("raw", ["misschien", "2", "yes please", "wel"])
def test_env_bool_refuses_anything_else(monkeypatch, raw):
    monkeypatch.setenv("UWVKMS_TEST_BOOL", raw)
    with pytest.raises(ImproperlyConfigured, match="UWVKMS_TEST_BOOL"):
        env_bool("UWVKMS_TEST_BOOL", False)


def test_env_int_reads_integers_and_defaults(monkeypatch):
    monkeypatch.setenv("UWVKMS_TEST_INT", "15")
    assert env_int("UWVKMS_TEST_INT", 30) == 15
    monkeypatch.setenv("UWVKMS_TEST_INT", "")
    assert env_int("UWVKMS_TEST_INT", 30) == 30
    monkeypatch.delenv("UWVKMS_TEST_INT")
    assert env_int("UWVKMS_TEST_INT", 30) == 30


@pytest.mark.parametrize(("raw", "minimum"), [("tien", 1), ("1.5", 1), ("0", 1), ("-1", 0)])
def test_env_int_refuses_text_and_values_below_minimum(monkeypatch, raw, minimum):
    monkeypatch.setenv("UWVKMS_TEST_INT", raw)
    with pytest.raises(ImproperlyConfigured, match="UWVKMS_TEST_INT"):
        env_int("UWVKMS_TEST_INT", 30, minimum=minimum)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("UWVKMS_TEST_LIST", " a.example, b.example ,,")
    assert env_list("UWVKMS_TEST_LIST", []) == ["a.example", "b.example"]


# Whole configuration ------------------------------------------------------------------------


def test_refuses_to_start_without_secret_key_when_debug_off():
    env = {**PRODUCTION}
    del env["SECRET_KEY"]

    result = _run(["manage.py", "check"], **env)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_refuses_to_start_with_unreadable_debug_flag():
    result = _run(["manage.py", "check"], **{**PRODUCTION, "DEBUG": "misschien"})

    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_refuses_to_start_with_bad_timeout():
    result = _run(["manage.py", "check"], **{**PRODUCTION, "SESSION_IDLE_TIMEOUT_MINUTES": "0"})

    assert result.returncode != 0
    assert "SESSION_IDLE_TIMEOUT_MINUTES" in result.stderr


def test_production_settings_pass_check_deploy_without_warnings():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_does_catch_a_weak_secret_key():
    """Proves the check above can fail: a short key is a deploy warning (security.W009)."""
    env = {**PRODUCTION, "SECRET_KEY": "kort"}

    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env)

    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_debug_off_defaults_to_https_hsts_and_host_cookies():
    """Without overrides a deployment redirects to HTTPS, sends HSTS and uses __Host- cookies
    (the test settings switch the redirect off only because the test client speaks HTTP)."""
    assert _settings_in(**PRODUCTION) == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "CSRF_COOKIE_SECURE": True,
    }


def test_debug_on_uses_plain_http_for_local_development():
    """Browsers refuse Secure and __Host- cookies over http://localhost, so DEBUG drops them."""
    found = _settings_in(DEBUG="1")

    assert found["DEBUG"] is True
    assert found["SECURE_SSL_REDIRECT"] is False
    assert found["SECURE_HSTS_SECONDS"] == 0
    assert found["SESSION_COOKIE_SECURE"] is False
    assert found["CSRF_COOKIE_SECURE"] is False
    assert found["SESSION_COOKIE_NAME"] == "sessionid"
    assert found["CSRF_COOKIE_NAME"] == "csrftoken"


def _report_branding_in(**env: str) -> dict:
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.REPORT_ORGANISATION, s.REPORT_LOGO]))"
    )
    result = _run(["-c", code], **{**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_report_organisation_and_logo_come_from_the_environment(tmp_path):
    assert _report_branding_in() == ["UWV", ""]  # the defaults: UWV, no logo
    logo = str(tmp_path / "logo.png")
    assert _report_branding_in(REPORT_ORGANISATION=" Gemeente Voorbeeld ", REPORT_LOGO=logo) == [
        "Gemeente Voorbeeld",
        logo,
    ]
    assert _report_branding_in(REPORT_ORGANISATION="  ") == ["UWV", ""]  # blank: the default


def test_refuses_a_relative_report_logo_path():
    result = _run(["manage.py", "check"], **{**PRODUCTION, "REPORT_LOGO": "logo.png"})

    assert result.returncode != 0
    assert "REPORT_LOGO" in result.stderr

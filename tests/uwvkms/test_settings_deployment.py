"""What several app nodes share is chosen by the environment: the cache (Redis with CACHE_URL or
REDIS_URL, process memory without), the private file storage, the trusted proxy hops and the log
format. Settings are read once per process, so each case runs in a fresh one."""

import json
import os

import pytest
from django.core.cache import caches
from django.test import override_settings

from tests.uwvkms.test_settings_env import PRODUCTION as SHARED
from tests.uwvkms.test_settings_env import _run

# Production variables without the shared cache: each test says what it sets.
PRODUCTION = {key: value for key, value in SHARED.items() if key != "CACHE_URL"}


def _settings(names: list[str], **env: str) -> dict:
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}, default=str))"
    )
    result = _run(["-c", code], **{**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_configuration_the_cache_is_local_memory():
    caches_ = _settings(["CACHES"])["CACHES"]
    assert caches_["default"]["BACKEND"].endswith("LocMemCache")


@pytest.mark.parametrize("variable", ["CACHE_URL", "REDIS_URL"])
def test_a_redis_url_gives_the_shared_redis_cache(variable):
    caches_ = _settings(["CACHES"], **{variable: "redis://127.0.0.1:6379/3"})["CACHES"]
    assert caches_["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert caches_["default"]["LOCATION"] == "redis://127.0.0.1:6379/3"


def test_a_cache_url_that_is_not_redis_is_refused():
    result = _run(
        ["-c", "import django; django.setup()"], **{**PRODUCTION, "CACHE_URL": "memcached://x"}
    )
    assert result.returncode != 0 and "CACHE_URL" in result.stderr


def test_the_private_storage_is_chosen_by_the_environment():
    default = _settings(["STORAGES"], PRIVATE_MEDIA_ROOT="/srv/uwvkms/bestanden")["STORAGES"]
    assert default["private"] == {
        "BACKEND": "uwvkms.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": "/srv/uwvkms/bestanden", "base_url": None},
    }
    s3 = _settings(
        ["STORAGES"],
        PRIVATE_STORAGE_BACKEND="storages.backends.s3.S3Storage",
        PRIVATE_STORAGE_OPTIONS='{"bucket_name": "uwvkms", "endpoint_url": "https://s3.local"}',
    )["STORAGES"]
    assert s3["private"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "file_overwrite": False,
            "bucket_name": "uwvkms",
            "endpoint_url": "https://s3.local",
        },
    }


def test_storage_options_that_are_not_json_are_refused():
    result = _run(
        ["-c", "import django; django.setup()"], **PRODUCTION, PRIVATE_STORAGE_OPTIONS="{"
    )
    assert result.returncode != 0 and "PRIVATE_STORAGE_OPTIONS" in result.stderr


def test_production_logs_json_and_development_text():
    assert _settings(["LOG_FORMAT"])["LOG_FORMAT"] == "json"
    assert _settings(["LOG_FORMAT"], DEBUG="1")["LOG_FORMAT"] == "text"
    assert _settings(["TRUSTED_PROXY_HOPS"], TRUSTED_PROXY_HOPS="1")["TRUSTED_PROXY_HOPS"] == 1


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            # Per process: .ci/run's jobs share this Redis and run this test at the same time.
            "KEY_PREFIX": f"uwvkms-test-{os.getpid()}",
        }
    }
)
def test_the_redis_cache_works_against_the_real_server():
    cache = caches["default"]
    cache.set("probe", {"a": 1}, timeout=5)
    assert cache.get("probe") == {"a": 1}
    # The token throttle counts with add + incr: atomic on the server, shared by every node.
    cache.delete("failures")
    assert cache.add("failures", 1, timeout=5)
    assert cache.incr("failures") == 2
    cache.delete_many(["probe", "failures"])


def test_the_operators_environment_file_names_every_variable():
    """deploy/uwvkms.env.example is what an operator copies: every variable the settings read
    is in it (REDIS_URL, an alias of CACHE_URL, is mentioned in a comment)."""
    import re

    from django.conf import settings

    source = (settings.BASE_DIR / "uwvkms" / "settings.py").read_text()
    read = set(
        re.findall(r'(?:os\.environ\.get|env_int|env_bool|env_list)\(\s*"([A-Z_]+)"', source)
    )
    example = (settings.BASE_DIR / "deploy" / "uwvkms.env.example").read_text()
    listed = set(re.findall(r"^([A-Z_]+)=", example, flags=re.MULTILINE))
    assert read - listed == {"REDIS_URL"}
    assert "REDIS_URL" in example


def test_the_environment_file_starts_the_app_as_written(tmp_path):
    """The example with real values loads: no variable in it is refused by the settings."""
    from django.conf import settings

    example = (settings.BASE_DIR / "deploy" / "uwvkms.env.example").read_text()
    env = {}
    for line in example.splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    env.update(
        SECRET_KEY=PRODUCTION["SECRET_KEY"],
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "files"),
        CACHE_URL="redis://127.0.0.1:6379/0",
    )
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("env", "warning"),
    [
        ({"CACHE_URL": ""}, "uwvkms.W001"),
        ({"BEHIND_TLS_PROXY": "1", "TRUSTED_PROXY_HOPS": "0"}, "uwvkms.W002"),
        ({"MALWARE_SCAN": "0"}, "uwvkms.W003"),
        ({"CLAMAV_SOCKET": ""}, "uwvkms.W004"),
    ],
)
def test_check_deploy_warns_of_what_breaks_with_several_processes(env, warning):
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **{**PRODUCTION, **env}
    )
    assert result.returncode != 0
    assert warning in result.stdout + result.stderr


def test_relative_paths_and_a_rare_touch_are_refused():
    for env, name in (
        ({"STATIC_ROOT": "static"}, "STATIC_ROOT"),
        ({"PRIVATE_MEDIA_ROOT": "bestanden"}, "PRIVATE_MEDIA_ROOT"),
        ({"SESSION_TOUCH_SECONDS": "900"}, "SESSION_TOUCH_SECONDS"),
    ):
        result = _run(["-c", "import django; django.setup()"], **{**PRODUCTION, **env})
        assert result.returncode != 0 and name in result.stderr, name
    empty = _settings(["STATIC_ROOT"], STATIC_ROOT="")["STATIC_ROOT"]
    assert empty.endswith("staticfiles")  # empty is the default, never the working directory


def test_s3_never_overwrites_a_stored_file():
    s3 = _settings(["STORAGES"], PRIVATE_STORAGE_BACKEND="storages.backends.s3.S3Storage")[
        "STORAGES"
    ]
    assert s3["private"]["OPTIONS"] == {"file_overwrite": False}


def test_scanning_limits_and_rates_come_from_the_environment():
    """Scanning is on without DEBUG and off with it (`make demo`); the limits and rates are read
    and a rate DRF would not understand is refused at start."""
    names = ["MALWARE_SCAN", "API_MAX_BODY_BYTES", "IMPORT_MAX_BODY_BYTES", "API_THROTTLE_RATES"]
    production = _settings(names)
    assert production["MALWARE_SCAN"] is True
    assert production["API_MAX_BODY_BYTES"] == 1024 * 1024
    assert production["IMPORT_MAX_BODY_BYTES"] == 64 * 1024 * 1024
    assert production["API_THROTTLE_RATES"] == {"user": "1200/minute", "anon": "60/minute"}
    assert _settings(["MALWARE_SCAN"], DEBUG="1")["MALWARE_SCAN"] is False
    assert _settings(["MALWARE_SCAN"], DEBUG="1", MALWARE_SCAN="1")["MALWARE_SCAN"] is True
    rates = _settings(["API_THROTTLE_RATES"], API_THROTTLE_USER="50/hour")["API_THROTTLE_RATES"]
    assert rates["user"] == "50/hour"
    for bad in ("veel", "0/minute", "10/week"):
        result = _run(["-c", "import django; django.setup()"], **PRODUCTION, API_THROTTLE_USER=bad)
        assert result.returncode != 0 and "API_THROTTLE_USER" in result.stderr, bad

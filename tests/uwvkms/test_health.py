"""/healthz and /readyz for the load balancer: no login, no redirect, nothing revealed but which
part fails; /healthz touches nothing (a database outage must not make the balancer kill every
node)."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from uwvkms import health


@pytest.fixture(autouse=True)
def _production_redirect(settings):
    # As deployed: plain HTTP to any other page is redirected to HTTPS; probes are not.
    settings.SECURE_SSL_REDIRECT = True


def test_healthz_answers_without_database_or_login(client, db):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert len(queries) == 0
    assert "no-store" in response["Cache-Control"]


def test_readyz_checks_every_part(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok", "migrations": "ok"},
    }


@pytest.fixture(autouse=True)
def _write_the_storage_on_every_probe(monkeypatch):
    monkeypatch.setattr(health, "_storage_written_at", None)


def test_the_storage_is_written_at_most_once_a_minute(client, db, settings, tmp_path):
    client.get("/readyz")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "uwvkms.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "uploads")},
        },
    }
    assert client.get("/readyz").status_code == 200
    assert not (tmp_path / "uploads").exists()  # not written again within the minute


def test_readyz_names_a_storage_it_cannot_write(client, db, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "uwvkms.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(blocker / "uploads")},
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "fout" and body["checks"]["storage"] == "fout"
    assert body["checks"]["database"] == "ok"
    assert "not-a-folder" not in response.content.decode()  # the cause is logged, not shown


def test_readyz_names_a_cache_that_does_not_answer(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["cache"] == "fout"


def test_readyz_names_pending_migrations(client, db, monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)
    monkeypatch.setattr(
        health.MigrationExecutor, "migration_plan", lambda self, targets: [("pending", False)]
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["migrations"] == "fout"


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_are_read_only(client, db, path):
    assert client.post(path).status_code == 405


def test_other_pages_still_redirect_to_https(client, db):
    assert client.get("/").status_code == 301

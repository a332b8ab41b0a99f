"""Health endpoints for the load balancer, answered before anything else runs (no login, no host
or HTTPS redirect, no session), and revealing nothing but which part fails.

- `GET /healthz`: the process is alive and answers. Touches nothing else, so a database outage
  does not make the balancer kill every node.
- `GET /readyz`: this node can serve: the database answers, the cache stores and returns a
  value, the file storage can write and delete, and no migration is pending. 503 names the part
  that fails. The database and Redis have connect timeouts (settings), so a probe never hangs
  for long; nginx answers the probes only for the load balancer (deploy/nginx/uwvkms.conf)."""

import json
import logging
import time
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"

# Once a node has seen its migrations applied it need not load the migration graph again: a
# migration is applied by a deployment, which restarts the nodes.
_migrations_applied = False


def check_database() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    key = f"uwvkms:readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)


# The storage is written (and the file deleted) at most once a minute per process: a probe every
# few seconds must not become a stream of writes (or of object versions, on S3).
STORAGE_WRITE_INTERVAL = 60.0
_storage_written_at: float | None = None


def check_storage() -> None:
    global _storage_written_at  # noqa: PLW0603  (a per-process memo, see above)
    now = time.monotonic()
    if _storage_written_at is not None and now - _storage_written_at < STORAGE_WRITE_INTERVAL:
        return
    storage = storages["private"]
    name = storage.save(f"readyz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    storage.delete(name)
    _storage_written_at = now


def check_migrations() -> None:
    global _migrations_applied  # noqa: PLW0603  (a per-process memo, see above)
    if _migrations_applied:
        return
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RuntimeError("migrations pending")
    _migrations_applied = True


READINESS_CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
    "migrations": check_migrations,
}


def readiness() -> dict[str, str]:
    """Each part's state, "ok" or "fout"; the cause goes to the log, never to the answer."""
    states = {}
    for name, check in READINESS_CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Readiness check %s failed", name)
            states[name] = "fout"
        else:
            states[name] = "ok"
    return states


def _json(body: dict, status: int) -> HttpResponse:
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answer /healthz and /readyz first in the chain; everything else passes on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTH_PATH:
            if request.method not in ("GET", "HEAD"):
                return _json({"status": "method not allowed"}, 405)
            return _json({"status": "ok"}, 200)
        if request.path == READY_PATH:
            if request.method not in ("GET", "HEAD"):
                return _json({"status": "method not allowed"}, 405)
            checks = readiness()
            ok = all(state == "ok" for state in checks.values())
            return _json({"status": "ok" if ok else "fout", "checks": checks}, 200 if ok else 503)
        return self.get_response(request)

"""gunicorn for one uwvkms node (deploy/systemd/uwvkms-web@.service; `--bind` comes from there).

Threads, not only processes: most of a request is waiting on PostgreSQL, and two cores serve
more users with a few threads per worker than with many worker processes. Tune with
WEB_CONCURRENCY (processes) and GUNICORN_THREADS."""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# A live PDF of the UWV-wide report takes a few seconds; nothing should take a minute.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak in a library never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# The app logs one JSON line per request itself (uwvkms.observability); no second access log.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# Only the local proxy may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
preload_app = True

# gunicorn's own messages in the app's format: with LOG_FORMAT=json every line on standard error
# is one JSON object (uwvkms.observability.JsonFormatter), so the log shipper needs one parser.
if os.environ.get("LOG_FORMAT", "json") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "uwvkms.observability.JsonFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "gunicorn.error": {
                "level": loglevel.upper(),
                "handlers": ["console"],
                "propagate": False,
            },
            "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
        },
    }

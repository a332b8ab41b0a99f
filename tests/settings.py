"""Test settings: production settings (DEBUG off) with a test secret, plain HTTP and plain static
storage, so tests exercise the same security middleware a deployment runs."""

import os
from pathlib import Path

os.environ.setdefault(
    "SECRET_KEY", "tests-only-secret-key-that-is-long-enough-and-random-enough-1234"
)
os.environ.setdefault("DEBUG", "0")
# The test client and the live server speak HTTP; tests that check the redirect switch it on.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# Background tasks run at once, inside the test.
os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Personas log in with force_login, which gives no second factor: MFA is switched off for the
# suite, and the tests of MFA (tests/uwvkms/test_mfa_*.py) switch the production defaults on.
os.environ.setdefault("MFA_REQUIRED_ROLES", "")
os.environ.setdefault("MFA_REQUIRED_FOR_ADMIN", "0")
# No clamd behind every upload of the suite: the malware tests (tests/uwvkms/test_malware_scan.py)
# start a real one and switch scanning on for themselves.
os.environ.setdefault("MALWARE_SCAN", "0")

from uwvkms.settings import *  # noqa: E402,F403
from uwvkms.settings import DATABASES, STORAGES, private_storage_config  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# No collectstatic in tests: WhiteNoise serves straight from the static folders.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Uploaded evidence goes to a throw-away folder, never into the project.
import tempfile  # noqa: E402

PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="uwvkms-test-uploads-"))
STORAGES = {
    **STORAGES,
    "private": private_storage_config(PRIVATE_MEDIA_ROOT),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

import atexit  # noqa: E402
import shutil  # noqa: E402

atexit.register(shutil.rmtree, PRIVATE_MEDIA_ROOT, ignore_errors=True)

# A test database need not survive a crash of its server: PostgreSQL then confirms a commit
# before its log reaches the disk. The suite commits thousands of times (the migrations that
# build the test database, every transactional test and its flush, the journeys' live server);
# production keeps the default.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"]["OPTIONS"]
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()

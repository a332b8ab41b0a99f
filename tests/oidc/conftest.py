"""A real OpenID provider for the SSO tests: the npm package oidc-provider (provider.mjs), run by
Node on loopback, one per test process (the SQLite and PostgreSQL jobs of .ci/run each start
their own, on a port the provider picks itself).

`npm ci` installs it here when node_modules is missing (`make oidc-provider` and .ci/run do so
before the tests). Without Node or npm the tests are skipped locally, and fail in CI (CI=true).
"""

import fcntl
import os
import select
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

OIDC_DIR = Path(__file__).resolve().parent
START_TIMEOUT_SECONDS = 30
CLIENT_ID = "uwvkms"
EXPIRED_TOKEN_CLIENT_ID = "uwvkms-verlopen"
CLIENT_SECRET = "uwvkms-test-geheim"  # noqa: S105 (the test provider's, see provider.mjs)
GROUP_ROLES = {"kms-toetsers": "Toetser", "kms-coordinatie": "Coördinatieteam"}


def _unavailable(reason: str):
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"OpenID-testprovider in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def _install() -> None:
    """`npm ci` once, even when two test processes start at the same moment."""
    npm = shutil.which("npm")
    if npm is None:
        _unavailable("npm ontbreekt: installeer Node.js 20+ met npm (apt-get install nodejs npm).")
    with open(OIDC_DIR / ".npm-install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
            return
        result = subprocess.run(  # noqa: S603 - fixed arguments, npm from PATH
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=OIDC_DIR,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if result.returncode != 0:
            _unavailable(f"npm ci in {OIDC_DIR} mislukte: {result.stderr[-2000:]}")


@dataclass
class Provider:
    issuer: str

    def set_account(self, login: str, **claims) -> None:
        """Change an account's claims at the provider (its groups, its unit)."""
        requests.post(f"{self.issuer}/__test__/accounts/{login}", json=claims, timeout=5)

    def reset_accounts(self) -> None:
        requests.delete(f"{self.issuer}/__test__/accounts", timeout=5).raise_for_status()


@pytest.fixture(scope="session")
def oidc_provider():
    """The running provider (its issuer URL); stopped when the session ends."""
    node = shutil.which("node")
    if node is None:
        _unavailable("node ontbreekt: installeer Node.js 20+ (apt-get install nodejs npm).")
    if not (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
        _install()
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(  # noqa: S603 - fixed arguments, node from PATH
            [node, str(OIDC_DIR / "provider.mjs"), "http://testserver"],
            cwd=OIDC_DIR,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
        try:
            ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT_SECONDS)
            line = process.stdout.readline() if ready else ""
            if not line.startswith("READY "):
                log.seek(0)
                _unavailable(f"de OpenID-testprovider startte niet: {line}{log.read()[-2000:]}")
            yield Provider(issuer=line.split()[1])
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def provider(oidc_provider, settings):
    """The app configured for the test provider (client `uwvkms`), its accounts as at start."""
    oidc_provider.reset_accounts()
    settings.OIDC_OP_ISSUER = oidc_provider.issuer
    settings.OIDC_OP_DISCOVERY_URL = f"{oidc_provider.issuer}/.well-known/openid-configuration"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_GROUP_ROLES = GROUP_ROLES
    return oidc_provider

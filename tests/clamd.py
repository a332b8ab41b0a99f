"""A real clamd for the tests of malware scanning (uwvkms.malware), on a private socket.

The network here reaches no ClamAV mirror, so clamd runs with one committed signature
(`tests/clamav/uwvkms-eicar.ndb`: the EICAR test file, anywhere in a file or inside an archive).
Without clamd (Debian's `clamav-daemon`) the tests that need it are skipped locally and fail in
CI (CI=true), where `.ci/run` installs it."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

SIGNATURES = Path(__file__).resolve().parent / "clamav"
# The EICAR test file: harmless, and recognised as a test virus by every scanner. Put together
# here so that this source file is not itself flagged by a scanner on a developer's machine.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
EICAR_SIGNATURE = "Uwvkms.Test.EICAR.UNOFFICIAL"


def _clamd_binary() -> str | None:
    found = shutil.which("clamd")
    if found:
        return found
    return "/usr/sbin/clamd" if os.access("/usr/sbin/clamd", os.X_OK) else None


def _missing(reason: str):
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"clamd in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def _answers(path: Path) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(2)
            sock.connect(str(path))
            sock.sendall(b"zPING\0")
            return sock.recv(16).startswith(b"PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def clamd_socket(tmp_path_factory) -> str:
    """The unix socket of a clamd started for this test session (Foreground, our signature
    folder only, StreamMaxLength above the largest upload); stopped at the end."""
    binary = _clamd_binary()
    if binary is None:
        _missing(
            "clamd ontbreekt: installeer Debian's clamav-daemon (apt-get install clamav-daemon)."
        )
    folder = tmp_path_factory.mktemp("clamd")
    database = folder / "db"
    shutil.copytree(SIGNATURES, database)
    sock = folder / "clamd.sock"
    config = folder / "clamd.conf"
    config.write_text(
        "Foreground yes\n"
        f"LocalSocket {sock}\n"
        f"DatabaseDirectory {database}\n"
        f"LogFile {folder / 'clamd.log'}\n"
        "StreamMaxLength 80M\n"
        "MaxFileSize 80M\n"
    )
    process = subprocess.Popen(  # noqa: S603 - Debian's clamd, our own config
        [binary, f"--config-file={config}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while not _answers(sock):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log = (folder / "clamd.log").read_text() if (folder / "clamd.log").exists() else ""
            pytest.fail(f"clamd did not start: {log[-2000:]}", pytrace=False)
        time.sleep(0.1)
    yield str(sock)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def scanning(settings, clamd_socket):
    """Malware scanning switched on, against the session's clamd."""
    settings.MALWARE_SCAN = True
    settings.CLAMAV_SOCKET = clamd_socket
    settings.CLAMAV_HOST = ""
    return clamd_socket


@pytest.fixture
def scanner_down(settings, tmp_path):
    """Malware scanning switched on, but nothing listens at the configured socket."""
    settings.MALWARE_SCAN = True
    settings.CLAMAV_SOCKET = str(tmp_path / "no-clamd.sock")
    settings.CLAMAV_HOST = ""

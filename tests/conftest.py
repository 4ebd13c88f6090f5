"""Fixtures: a real S3 HTTP server on 127.0.0.1 (moto's ThreadedMotoServer), buckets,
a private HOIST_HOME per test, and an in-memory keyring for in-process tests."""

from __future__ import annotations

import itertools
import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import keyring
import pytest
from botocore.config import Config
from keyring.backend import KeyringBackend

# Real S3's 5 MiB minimum part size, enforced by moto too.
os.environ.setdefault("S3_UPLOAD_PART_MIN_SIZE", str(5 * 1024 * 1024))
for _name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
    os.environ.pop(_name, None)
os.environ.update(
    AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1"
)
# Every window in the tests speaks English, whatever the machine's locale (a test that wants
# another language says so: tests/gui/test_translations.py).
os.environ["HOIST_LANG"] = "en"
# The journal-seal key lives in the account's config folder (hoist/seal.py), outside any
# HOIST_HOME: the tests' account is a folder of their own, not the machine's ~/.config.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="hoist-test-account-")


@pytest.fixture(scope="session", autouse=True)
def translations_built() -> None:
    """The window's .qm files, built from the .ts files where missing or stale (as
    scripts/setup.sh does): the English plural forms ("1 file", "2 files") come from one."""
    from hoist.ui.i18n.build import release

    release(force=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring for unit tests (the real one is tested in tests/functional)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def s3_client(endpoint: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )


@pytest.fixture(scope="session")
def s3(moto_endpoint: str) -> Any:
    return s3_client(moto_endpoint)


_bucket_numbers = itertools.count(1)


@pytest.fixture
def bucket(s3: Any) -> str:
    name = f"test-bucket-{os.getpid()}-{next(_bucket_numbers)}"
    s3.create_bucket(Bucket=name)
    return name


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "hoist-home"
    path.mkdir()
    return path

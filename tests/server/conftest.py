"""Fixtures for Hoist Server: a throwaway PostgreSQL cluster and a SeaweedFS server per
test session, a fresh database per test (SQLite file or PostgreSQL database: most tests
run on both), and the app in-process behind Starlette's TestClient."""

from __future__ import annotations

import contextlib
import io
import itertools
import logging
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from hoist.server import cli, migrate
from hoist.server.app import Server
from hoist.server.db import make_engine
from hoist.server.settings import Settings, StorageSettings
from hoist.server.storage import S3Storage

from .services import ACCESS_KEY, BUCKET, SECRET_KEY, Postgres, Seaweed

_databases = itertools.count()
_namespaces = itertools.count()


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    pg = Postgres()
    pg.start()
    try:
        yield pg
    finally:
        pg.stop()


@pytest.fixture(scope="session")
def seaweed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seaweed]:
    sw = Seaweed(tmp_path_factory.mktemp("seaweed"))
    try:
        sw.start()
        yield sw
    finally:
        sw.stop()


def new_database(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'hoist-server.db'}"
    pg: Postgres = request.getfixturevalue("postgres")
    return pg.create_database(f"hoist_{os.getpid()}_{next(_databases)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return new_database(str(request.param), tmp_path, request)


def storage_settings(seaweed: Seaweed) -> StorageSettings:
    return StorageSettings(
        bucket=BUCKET,
        endpoint_url=seaweed.endpoint,
        path_style=True,
        access_key_id=ACCESS_KEY,
        secret_access_key=SECRET_KEY,
    )


def run_cli(*args: str) -> str:
    out = io.StringIO()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        with contextlib.redirect_stdout(out):
            code = cli.main(list(args))
    finally:  # 'migrate' sets up the server's JSON logging: not for the test process
        root.handlers[:], root.level = handlers, level
    assert code == 0, f"hoist-server {' '.join(args)} exited {code}"
    return out.getvalue()


class Harness:
    """One hoist-server app in-process on a database, with SeaweedFS as its storage."""

    def __init__(self, database_url: str, seaweed: Seaweed, sweeper: bool = True, **overrides: Any) -> None:
        self.database_url = database_url
        self.seaweed = seaweed
        self.settings = replace(
            Settings(database_url=database_url, storage=storage_settings(seaweed)), **overrides
        )
        self.engine = make_engine(database_url)
        migrate.upgrade(self.engine)
        self.server = Server(self.settings, self.engine, S3Storage(self.settings.storage), sweeper=sweeper)
        self.http = TestClient(self.server.asgi(), raise_server_exceptions=False)
        self.http.__enter__()
        self.s3: Any = seaweed.client()
        # The bucket is shared by the whole session: each harness's users get their own prefixes.
        self.ns = f"t{os.getpid()}-{next(_namespaces)}"

    def prefix(self, name: str) -> str:
        return f"{self.ns}/{name}/"

    def add_user(self, name: str, *extra: str, prefix: str | None = None) -> str:
        """Adds a user with the CLI and returns a new token for them."""
        run_cli(
            "--database-url",
            self.database_url,
            "user",
            "add",
            name,
            "--prefix",
            prefix or self.prefix(name),
            *extra,
        )
        return run_cli("--database-url", self.database_url, "token", "create", name).strip()

    def close(self) -> None:
        self.http.__exit__(None, None, None)
        self.engine.dispose()

    def open_uploads(self, prefix: str) -> list[dict[str, Any]]:
        uploads: list[dict[str, Any]] = self.s3.list_multipart_uploads(Bucket=BUCKET, Prefix=prefix).get(
            "Uploads", []
        )
        return uploads

    def get_object(self, key: str) -> bytes:
        body: bytes = self.s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
        return body


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def harness(database_url: str, seaweed: Seaweed) -> Iterator[Harness]:
    h = Harness(database_url, seaweed)
    try:
        yield h
    finally:
        h.close()

"""Expiry: idle uploads are aborted on the storage by the sweeper, exactly once even with
several sweepers, and the client then starts the file over and finishes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from hoist.server.db import make_engine, upload_sessions
from hoist.server.storage import S3Storage
from hoist.server.sweeper import Sweeper

from .companion_client import CompanionClient, upload
from .conftest import Harness, auth, new_database, run_cli, storage_settings
from .services import BUCKET, Seaweed, ServerProcess, free_port, wait_for


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_idle_upload_is_aborted_then_the_client_starts_over(
    kind: str, seaweed: Seaweed, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    h = Harness(new_database(kind, tmp_path, request), seaweed, session_ttl=2.0, sweep_interval=0.3)
    try:
        ana = h.add_user("ana")
        r = h.http.post(
            "/s3/multipart", headers=auth(ana), json={"filename": "slow.bin", "type": "text/plain"}
        )
        first = r.json()
        key, uid = first["key"], first["uploadId"]
        url = h.http.get(f"/s3/multipart/{uid}/1", headers=auth(ana), params={"key": key}).json()["url"]
        assert httpx.put(url, content=b"first try").status_code == 200
        assert [u["UploadId"] for u in h.open_uploads(key)] == [uid]
        deadline = time.monotonic() + 20
        while h.open_uploads(key) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert h.open_uploads(key) == [], "the sweeper did not abort the idle upload on the storage"
        late = h.http.get(f"/s3/multipart/{uid}/2", headers=auth(ana), params={"key": key})
        assert late.status_code == 404 and late.json()["reason"] == "expired", late.text
        assert "start the file over" in late.json()["error"]
        with h.engine.connect() as conn:
            assert (
                conn.execute(
                    sa.select(upload_sessions.c.state).where(upload_sessions.c.upload_id == uid)
                ).scalar()
                == "expired"
            )

        # The client sees "expired" mid-file and starts over (as Hoist does).
        client = CompanionClient(str(h.http.base_url), ana)
        client.http = h.http  # type: ignore[assignment]  # the in-process app
        pauses = [3.0]

        def on_part(done: int) -> None:
            if pauses:
                time.sleep(pauses.pop())  # idle past the TTL after the first part, once

        def part_bytes(n: int) -> bytes:
            return bytes([n]) * (5 * 1024 * 1024 if n < 3 else 100)

        h.http.headers.update(auth(ana))
        result = upload(client, "slow.bin", 3, part_bytes, concurrency=1, batch=1, on_part=on_part)
        assert result.started_over == 1
        assert h.get_object(result.key) == b"".join(
            bytes([n]) * (5 * 1024 * 1024 if n < 3 else 100) for n in (1, 2, 3)
        )
        with h.engine.connect() as conn:
            states = (
                conn.execute(sa.select(upload_sessions.c.state).order_by(upload_sessions.c.id))
                .scalars()
                .all()
            )
        assert states == ["expired", "expired", "completed"]
        assert "hoist_server_sessions_expired_total 2.0" in h.http.get("/metrics").text
    finally:
        h.close()


class CountingStorage:
    """The real storage, counting aborts per upload id and slowing them so sweepers overlap."""

    def __init__(self, inner: S3Storage) -> None:
        self.inner = inner
        self.bucket = inner.bucket
        self.aborts: Counter[str] = Counter()
        self._lock = threading.Lock()

    def abort(self, key: str, upload_id: str) -> None:
        with self._lock:
            self.aborts[upload_id] += 1
        time.sleep(0.05)
        self.inner.abort(key, upload_id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_two_sweepers_abort_each_upload_exactly_once(
    kind: str, seaweed: Seaweed, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    h = Harness(new_database(kind, tmp_path, request), seaweed, sweeper=False)
    try:
        ana = h.add_user("ana")
        ids = []
        for i in range(12):
            r = h.http.post("/s3/multipart", headers=auth(ana), json={"filename": f"f{i}.bin"})
            ids.append(r.json()["uploadId"])
        with h.engine.begin() as conn:
            conn.execute(upload_sessions.update().values(last_activity=time.time() - 3600))
        storage = CountingStorage(S3Storage(storage_settings(seaweed)))
        sweepers = [Sweeper(make_engine(h.database_url), storage, ttl=60, interval=1) for _ in range(2)]
        counts: list[int] = []
        errors: list[BaseException] = []

        def run(sweeper: Sweeper) -> None:
            try:
                counts.append(sweeper.sweep_once())
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(s,)) for s in sweepers]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not errors, errors
        assert sum(counts) == 12 and storage.aborts == Counter({u: 1 for u in ids}), (counts, storage.aborts)
        if kind == "postgresql":
            assert min(counts) > 0, counts  # SKIP LOCKED: both worked, side by side
        assert h.open_uploads(h.prefix("ana")) == []
        with h.engine.connect() as conn:
            assert set(conn.execute(sa.select(upload_sessions.c.state)).scalars()) == {"expired"}
        # A third sweep finds nothing left to do.
        assert sweepers[0].sweep_once() == 0 and sum(storage.aborts.values()) == 12
    finally:
        h.close()


def test_hoist_resumes_an_expired_upload_by_starting_the_file_over(seaweed: Seaweed, tmp_path: Path) -> None:
    """Hoist itself: killed -9 mid-file, the session expires (2 s) and the sweeper aborts it;
    ``hoist resume`` is told "expired", starts the file over and finishes it."""
    url = f"sqlite:///{tmp_path / 'hs.db'}"
    prefix = f"expiry-{os.getpid()}/ana/"
    run_cli("--database-url", url, "user", "add", "ana", "--prefix", prefix)
    token = run_cli("--database-url", url, "token", "create", "ana").strip()
    server = ServerProcess(
        url,
        seaweed.storage_url,
        free_port(),
        tmp_path / "server.log",
        "--session-ttl",
        "2",
        "--sweep-interval",
        "0.3",
    )
    source = tmp_path / "video.bin"
    data = os.urandom(15 * 1024 * 1024 + 7)
    source.write_bytes(data)
    env = {**os.environ, "HOIST_HOME": str(tmp_path / "home"), "HOIST_SERVICE_TOKEN": token}
    service = f"http://127.0.0.1:{server.port}"
    server.start()
    try:
        first = subprocess.Popen(
            [sys.executable, "-m", "hoist", "upload", str(source), "--service", service, "--part-size", "5MiB",
             "--bandwidth-limit", "2MiB"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        engine = make_engine(url)
        wait_for(lambda: _count(engine, "open") == 1, 30, "the first upload's session")
        time.sleep(1.0)  # a part on its way
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        wait_for(lambda: _count(engine, "expired") == 1, 30, "the sweeper")
        assert seaweed_uploads(seaweed, prefix) == []
        resumed = subprocess.run(
            [sys.executable, "-m", "hoist", "resume"], env=env, capture_output=True, text=True, timeout=120
        )
        assert resumed.returncode == 0, resumed.stdout + resumed.stderr
        s3: Any = seaweed.client()
        assert s3.get_object(Bucket=BUCKET, Key=prefix + "video.bin")["Body"].read() == data
        # Resume plans with the default part size (16 MiB), so the fresh start is one presigned POST.
        assert (_count(engine, "expired"), _count(engine, "open")) == (1, 0)
        lives = server.lives()
        told = [
            r for r in lives[0] if r["route"].startswith("/s3/multipart/{upload_id}") and r["status"] == 404
        ]
        assert told, "hoist resume never asked about the expired upload"
        assert any(
            r["route"] in ("/s3/params", "/s3/multipart") and r["status"] == 200 for r in lives[0][-5:]
        )
        engine.dispose()
    finally:
        server.stop()


def _count(engine: Any, state: str) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(
                sa.select(sa.func.count())
                .select_from(upload_sessions)
                .where(upload_sessions.c.state == state)
            ).scalar()
            or 0
        )


def seaweed_uploads(seaweed: Seaweed, prefix: str) -> list[Any]:
    s3: Any = seaweed.client()
    uploads: list[Any] = s3.list_multipart_uploads(Bucket=BUCKET, Prefix=prefix).get("Uploads", [])
    return uploads

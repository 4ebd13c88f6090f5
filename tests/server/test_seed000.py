"""Seed 000's failure, end to end: "Missing parts: expected 656, got 213".

A 656-part file (5 MiB parts, 3.2 GiB) goes through hoist-server to SeaweedFS, which
enforces S3's part rules and checks signatures. With PostgreSQL: Hoist itself
(``hoist upload --service``) sends it through a round-robin TCP proxy in front of two
hoist-server processes sharing one database, so consecutive requests alternate between
them, and one is killed -9 mid-upload and started again. With SQLite: the small
Companion client of this folder, one instance killed -9 and restarted mid-upload.
Either way the object must be byte-identical and its session row completed with 656
parts.

The parts are a 5 MiB random block with the part number written over its head (cheap
to make again), and the object is compared with them as it streams back.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from hoist.server.db import make_engine, session_parts, upload_sessions

from .companion_client import CompanionClient, upload
from .conftest import new_database, run_cli
from .rrproxy import RoundRobinProxy
from .services import BUCKET, Seaweed, ServerProcess, free_port, storage_env

PART_SIZE = 5 * 1024 * 1024
PARTS = 656
_BLOCK = random.Random(656).randbytes(PART_SIZE)


def part_bytes(n: int) -> bytes:
    return n.to_bytes(8, "big") + _BLOCK[8:]


def signs(records: list[dict[str, Any]]) -> int:
    return sum(1 for r in records if r["route"] == "/s3/multipart/{upload_id}/batch" and r["status"] == 200)


def assert_object_is_the_parts(seaweed: Seaweed, key: str) -> None:
    s3: Any = seaweed.client()
    head = s3.head_object(Bucket=BUCKET, Key=key)
    assert head["ContentLength"] == PARTS * PART_SIZE
    body = s3.get_object(Bucket=BUCKET, Key=key)["Body"]
    for n in range(1, PARTS + 1):
        expected = part_bytes(n)
        got = bytearray()
        while len(got) < PART_SIZE:
            chunk = body.read(PART_SIZE - len(got))
            assert chunk, f"the object ends inside part {n}"
            got += chunk
        assert got == expected, f"part {n} of the object differs from the part sent"
    assert body.read(1) == b""
    s3.delete_object(Bucket=BUCKET, Key=key)  # 3.2 GiB: give the space back


def assert_session_completed(database_url: str, upload_id: str) -> None:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(
                sa.select(upload_sessions).where(upload_sessions.c.upload_id == upload_id)
            ).one()
            # Every part was signed (a client may also sign ahead, past the last part).
            signed = conn.execute(
                sa.select(sa.func.count())
                .select_from(session_parts)
                .where(session_parts.c.session_id == row.id, session_parts.c.part_number <= PARTS)
            ).scalar()
    finally:
        engine.dispose()
    assert (row.state, row.part_count, row.final_size, signed) == (
        "completed",
        PARTS,
        PARTS * PART_SIZE,
        PARTS,
    )


def assert_logs_hold_no_secret(logs: list[Path], token: str) -> None:
    text = "\n".join(p.read_text() for p in logs)
    for forbidden in (
        token.split("_", 2)[2],
        "X-Amz-Signature",
        "X-Amz-Credential",
        storage_env()["HOIST_SERVER_STORAGE_SECRET_ACCESS_KEY"],
    ):
        assert forbidden not in text


def write_parts(path: Path) -> None:
    with path.open("wb") as f:
        for n in range(1, PARTS + 1):
            f.write(part_bytes(n))


def test_two_instances_on_postgresql_one_killed_mid_upload(
    seaweed: Seaweed, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Hoist itself (``hoist upload --service``, issue 15's client) through the proxy."""
    database_url = new_database("postgresql", tmp_path, request)
    run_cli("--database-url", database_url, "user", "add", "ana", "--prefix", f"seed000-{os.getpid()}/ana/")
    token = run_cli("--database-url", database_url, "token", "create", "ana").strip()
    a = ServerProcess(database_url, seaweed.storage_url, free_port(), tmp_path / "a.log")
    b = ServerProcess(database_url, seaweed.storage_url, free_port(), tmp_path / "b.log")
    proxy = RoundRobinProxy([a.port, b.port]).start()
    source = tmp_path / "disk.img"
    write_parts(source)
    hoist: subprocess.Popen[str] | None = None
    try:
        threads = [threading.Thread(target=s.start) for s in (a, b)]  # both migrate at once
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        env = {**os.environ, "HOIST_HOME": str(tmp_path / "home"), "HOIST_SERVICE_TOKEN": token}
        start = time.monotonic()
        hoist = subprocess.Popen(
            [sys.executable, "-m", "hoist", "upload", str(source), "--service", f"http://127.0.0.1:{proxy.port}",
             "--part-size", "5MiB"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        # Kill A once a third of the parts are signed (requests alternate A, B, A, ...).
        while signed_parts(database_url) < PARTS // 3:
            assert hoist.poll() is None, hoist.communicate()[0]
            time.sleep(0.2)
        killed_at = signed_parts(database_url)
        a.kill9()
        killed = time.monotonic()
        time.sleep(2.0)  # down for a while: the proxy keeps sending half the connections to it
        a.start()
        restarted_after = time.monotonic() - killed
        output, _ = hoist.communicate(timeout=600)
        elapsed = time.monotonic() - start
        assert hoist.returncode == 0, output[-3000:]
        assert "1 done" in output, output[-3000:]
        print(
            f"\nseed 000 on PostgreSQL with hoist upload --service: {PARTS} parts, "
            f"{PARTS * PART_SIZE / 2**30:.2f} GiB in {elapsed:.1f} s; instance A killed -9 with "
            f"{killed_at} parts signed, back {restarted_after:.1f} s later; requests answered per "
            f"instance {dict(proxy.requests)}, 502s {dict(proxy.refused)}"
        )
        assert sum(proxy.refused.values()) > 0  # the kill was felt
        a_lives, b_lives = a.lives(), b.lives()
        assert len(a_lives) == 2 and len(b_lives) == 1
        assert signs(a_lives[0]) > 0 and signs(a_lives[1]) > 0 and signs(b_lives[0]) > 0, (
            signs(a_lives[0]),
            signs(a_lives[1]),
            signs(b_lives[0]),
        )
        key = f"seed000-{os.getpid()}/ana/disk.img"
        upload_id = completed_upload_id(database_url, key)
        assert_session_completed(database_url, upload_id)
        assert seaweed_open_uploads(seaweed, key) == []
        verify = time.monotonic()
        assert_object_is_the_parts(seaweed, key)
        print(f"object compared byte for byte in {time.monotonic() - verify:.1f} s")
        assert_logs_hold_no_secret([a.log, b.log], token)
    finally:
        if hoist is not None and hoist.poll() is None:
            hoist.kill()
            hoist.wait()
        proxy.stop()
        for s in (a, b):
            s.stop()
        source.unlink(missing_ok=True)  # 3.2 GiB: pytest keeps the last runs' temp folders


def signed_parts(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(session_parts)).scalar() or 0)
    finally:
        engine.dispose()


def completed_upload_id(database_url: str, key: str) -> str:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            s = upload_sessions.c
            return str(
                conn.execute(sa.select(s.upload_id).where(s.key == key, s.state == "completed")).scalar_one()
            )
    finally:
        engine.dispose()


def test_one_instance_on_sqlite_restarted_mid_upload(seaweed: Seaweed, tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'hoist-server.db'}"
    run_cli(
        "--database-url", database_url, "user", "add", "ana", "--prefix", f"seed000-sqlite-{os.getpid()}/ana/"
    )
    token = run_cli("--database-url", database_url, "token", "create", "ana").strip()
    server = ServerProcess(database_url, seaweed.storage_url, free_port(), tmp_path / "server.log")
    events: dict[str, float] = {}
    restarted = threading.Event()

    def on_part(done: int) -> None:
        if done >= 250 and "killed" not in events:
            events["killed"] = done
            server.kill9()

            def restart() -> None:
                time.sleep(1.0)  # down for a while: requests meanwhile fail and are retried
                server.start()
                restarted.set()

            threading.Thread(target=restart, daemon=True).start()

    client = CompanionClient(f"http://127.0.0.1:{server.port}", token)
    try:
        server.start()
        start = time.monotonic()
        result = upload(client, "disk.img", PARTS, part_bytes, size=PARTS * PART_SIZE, on_part=on_part)
        elapsed = time.monotonic() - start
        assert restarted.wait(30)
        print(
            f"\nseed 000 on SQLite: {PARTS} parts in {elapsed:.1f} s; killed -9 at part "
            f"{events['killed']:.0f} and restarted; client retries {client.retries}"
        )
        assert result.started_over == 0 and client.retries > 0
        lives = server.lives()
        assert len(lives) == 2 and signs(lives[0]) > 0 and signs(lives[1]) > 0
        assert_session_completed(database_url, result.upload_id)
        assert seaweed_open_uploads(seaweed, result.key) == []
        assert_object_is_the_parts(seaweed, result.key)
        assert_logs_hold_no_secret([server.log], token)
    finally:
        client.close()
        server.stop()


def seaweed_open_uploads(seaweed: Seaweed, key: str) -> list[Any]:
    s3: Any = seaweed.client()
    uploads: list[Any] = s3.list_multipart_uploads(Bucket=BUCKET, Prefix=key).get("Uploads", [])
    return uploads

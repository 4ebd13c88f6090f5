"""Crash and resume: kill -9 mid-upload, then `hoist resume` finishes byte-identical
without re-sending any part that was acknowledged (journaled) before the kill."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from pathlib import Path

from tests.helpers import MiB, ServerPutLog, make_file, object_sha256, run_hoist, start_hoist


def journal_done_parts(home: Path) -> set[int]:
    path = home / "journal.sqlite3"
    if not path.exists():
        return set()
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute("SELECT part_number FROM parts WHERE state = 'done'").fetchall()
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return set()
    return {r[0] for r in rows}


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.02) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError("condition not reached in time")


def test_kill_9_mid_multipart_then_resume(home, bucket, s3, moto_endpoint, tmp_path):
    source = tmp_path / "video.mov"
    digest = make_file(source, 8 * 5 * MiB + 123, seed=9)  # 9 parts of 5 MiB
    with ServerPutLog() as puts:
        process = start_hoist(
            home, "upload", str(source), "--to", f"s3://{bucket}", "--endpoint-url", moto_endpoint,
            "--path-style", "--part-size", "5MiB", "--concurrency", "2", "--bandwidth-limit", "10MiB",
            "--quiet",
        )  # fmt: skip
        try:
            wait_for(lambda: len(journal_done_parts(home)) >= 3)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(10)
        acknowledged = journal_done_parts(home)
        assert 3 <= len(acknowledged) < 9, acknowledged
        status = json.loads(run_hoist(home, "status", "--json").stdout)
        assert status[0]["state"] == "running"  # what the killed process left behind

        result = run_hoist(home, "resume", "--endpoint-url", moto_endpoint, "--path-style", "--quiet")
        assert result.returncode == 0, result.stderr

    assert object_sha256(s3, bucket, "video.mov") == digest
    path = f"/{bucket}/video.mov"
    for part in acknowledged:
        assert puts.count(path, part) == 1, f"part {part} was acknowledged before the kill but sent again"
    for part in range(1, 10):
        assert puts.count(path, part) >= 1
    status = json.loads(run_hoist(home, "status", "--json", "--all").stdout)
    assert status[0]["state"] == "done" and status[0]["parts_done"] == 9
    assert status[0]["sha256"] == digest
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []


def test_sigint_stops_cleanly_with_130_and_resume_finishes(home, bucket, s3, moto_endpoint, tmp_path):
    source = tmp_path / "disk.img"
    digest = make_file(source, 6 * 5 * MiB, seed=3)
    process = start_hoist(
        home, "upload", str(source), "--to", f"s3://{bucket}/img", "--endpoint-url", moto_endpoint,
        "--path-style", "--part-size", "5MiB", "--concurrency", "2", "--bandwidth-limit", "10MiB",
    )  # fmt: skip
    wait_for(lambda: len(journal_done_parts(home)) >= 1)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert "`hoist resume` carries on" in stderr
    status = json.loads(run_hoist(home, "status", "--json").stdout)
    assert status[0]["state"] == "queued"  # handed back cleanly, not left "running"
    result = run_hoist(home, "resume", "--endpoint-url", moto_endpoint, "--path-style", "--quiet")
    assert result.returncode == 0, result.stderr
    assert object_sha256(s3, bucket, "img/disk.img") == digest


def test_second_engine_on_the_same_journal_is_refused(home, bucket, moto_endpoint, tmp_path):
    source = tmp_path / "slow.bin"
    make_file(source, 6 * 5 * MiB, seed=4)
    first = start_hoist(  # ~15 s at 2 MiB/s: long enough for a loaded machine to act meanwhile
        home, "upload", str(source), "--to", f"s3://{bucket}", "--endpoint-url", moto_endpoint,
        "--path-style", "--part-size", "5MiB", "--bandwidth-limit", "2MiB", "--quiet",
    )  # fmt: skip
    try:
        wait_for(lambda: (home / "journal.sqlite3").exists() and bool(
            json.loads(run_hoist(home, "status", "--json").stdout or "[]")))  # fmt: skip
        other = tmp_path / "other.txt"
        other.write_text("x")
        second = run_hoist(
            home, "upload", str(other), "--to", f"s3://{bucket}", "--endpoint-url", moto_endpoint,
            "--path-style",
        )  # fmt: skip
        assert second.returncode == 1
        assert "Another Hoist is already running on this journal" in second.stderr
        # Pausing through the running engine works from another process.
        paused = run_hoist(home, "pause", "--all")
        assert paused.returncode == 0 and "asked the running Hoist to pause" in paused.stdout
        first.wait(30)
        rows = json.loads(run_hoist(home, "status", "--json", "--all").stdout)
        assert [r["state"] for r in rows] == ["paused"]
        assert all(r["local_path"] != str(other) for r in rows)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()

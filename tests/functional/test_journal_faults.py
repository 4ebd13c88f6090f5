"""The journal under stress: corrupt or unopenable at start, a read-only or full home
(at start and in the middle of an upload), and two processes on one journal.

Read-only and full file systems are real: small tmpfs mounts made by the test (it runs
as root, as CI does) and unmounted afterwards.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hoist.store.journal import Destination, Journal, NewUpload, PartPlan
from tests.helpers import hoist_env, make_file, object_sha256, run_hoist, start_hoist
from tests.support.cli import run_cli
from tests.support.faultproxy import Rule
from tests.support.fixtures import fault_proxy  # noqa: F401 - the `proxy` fixture
from tests.support.harness import PART

STAMP = r"\d{8}-\d{6}"


@contextlib.contextmanager
def tmpfs(path: Path, size: str, *, read_only: bool = False) -> Iterator[Path]:
    path.mkdir(parents=True, exist_ok=True)
    # mode=700: a home others can write is refused (config.private.ensure_trusted), and a
    # fresh tmpfs root is 1777 like /tmp.
    options = f"size={size},mode=700" + (",ro" if read_only else "")
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(path: Path) -> None:
    """Write until the file system says it is full."""
    with open(path, "ab") as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()


def _journal_with_rows(home: Path, count: int) -> Path:
    journal = Journal(home / "journal.sqlite3")
    uploads = [
        NewUpload(f"/data/file-{i}.bin", 10 * PART, 1, f"file-{i}.bin", "multipart", PART,
                  tuple(PartPlan(n, (n - 1) * PART, PART) for n in range(1, 11)), "application/octet-stream",
                  "overwrite")
        for i in range(count)
    ]  # fmt: skip
    journal.create_batch("many", Destination("", "http://127.0.0.1:9", "us-east-1", "bucket", True), uploads)
    journal.close()
    return home / "journal.sqlite3"


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_corrupt_journal_is_set_aside_with_a_timestamp_and_reported(damage, home):
    path = home / "journal.sqlite3"
    if damage == "garbage":
        path.write_bytes(b"this is not a database, it was overwritten by something\n" * 100)
    else:
        _journal_with_rows(home, 200)
        size = path.stat().st_size
        with open(path, "r+b") as handle:
            handle.truncate(size // 2)
    original = path.read_bytes()

    result = run_cli(home, "status")
    assert result.code == 0
    match = re.fullmatch(
        rf"hoist: warning: the journal was damaged; it was moved to ({re.escape(str(path))}\.corrupt-{STAMP}) "
        r"and a new one started\.\n",
        result.err,
    )
    assert match, result.err
    moved = Path(match.group(1))
    assert moved.read_bytes() == original  # kept for recovery, never overwritten
    assert result.out == "No uploads in the journal.\n"
    # The new journal is healthy and used from now on.
    again = run_cli(home, "status")
    assert (again.code, again.err) == (0, "")
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_unopenable_journal_is_one_line(home):
    (home / "journal.sqlite3").mkdir()  # something that is not a file sits there
    result = run_cli(home, "status")
    assert (result.code, result.err) == (
        1, f"hoist: error: The journal {home / 'journal.sqlite3'} cannot be opened: its folder is missing or not "
        "writable.\n",
    )  # fmt: skip


def test_read_only_home_is_one_line(tmp_path, bucket, moto_endpoint):
    source = tmp_path / "a.txt"
    make_file(source, 10)
    with tmpfs(tmp_path / "ro-home", "1m", read_only=True) as home:
        for args in (
            ("status",),
            ("upload", str(source), "--to", f"s3://{bucket}", "--endpoint-url", moto_endpoint),
        ):
            result = run_cli(home, *args)
            assert (result.code, result.err) == (
                1, f"hoist: error: {home / 'logs'} is on a read-only file system. Set HOIST_HOME (or --home) "
                "to a writable folder.\n",
            )  # fmt: skip


def test_home_made_read_only_after_use_is_one_line(tmp_path, bucket, moto_endpoint):
    source = tmp_path / "a.txt"
    make_file(source, 10)
    home = tmp_path / "used-home"
    first = run_cli(home, "upload", str(source), "--to", f"s3://{bucket}", "--endpoint-url", moto_endpoint,
                    "--path-style", "--quiet")  # fmt: skip
    assert first.code == 0, first.err
    view = tmp_path / "read-only-view"  # the same folder, seen through a read-only bind mount
    view.mkdir()
    subprocess.run(["mount", "--bind", str(home), str(view)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
        result = run_cli(
            view, "upload", str(source), "--to", f"s3://{bucket}", "--endpoint-url", moto_endpoint
        )
        assert (result.code, result.err) == (
            1, f"hoist: error: {view / 'logs' / 'hoist.log'} is on a read-only file system. Set HOIST_HOME "
            "(or --home) to a writable folder.\n",
        )  # fmt: skip
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


def test_full_disk_at_start_is_one_line(tmp_path, bucket, moto_endpoint):
    source = tmp_path / "a.txt"
    make_file(source, 10)
    with tmpfs(tmp_path / "full-home", "256k") as home:
        (home / "logs").mkdir()
        fill(home / "filler")
        result = run_cli(home, "upload", str(source), "--to", f"s3://{bucket}", "--endpoint-url", moto_endpoint,
                         "--path-style")  # fmt: skip
        assert (result.code, result.err) == (
            1, f"hoist: error: The disk holding the journal {home / 'journal.sqlite3'} is full. Free some space "
            "and try again.\n",
        )  # fmt: skip


def test_disk_fills_mid_upload_stops_clearly_and_resume_finishes(proxy, s3, bucket, tmp_path):
    """The journal's disk fills while part 2 is on the wire: its ETag cannot be committed.
    The upload stops with one clear line (no hang, no traceback); once space is freed,
    `hoist resume` finishes without sending again the part the server already holds."""
    source = tmp_path / "big.bin"
    digest = make_file(source, 3 * PART, seed=41)
    with tmpfs(tmp_path / "filling-home", "2m") as home:
        proxy.add(Rule(op="part", part=2, before=lambda seen: fill(home / "filler")))
        result = run_hoist(
            home, "upload", str(source), "--to", f"s3://{bucket}", "--endpoint-url", proxy.url,
            "--path-style", "--part-size", "5MiB", "--concurrency", "1", timeout=60,
        )  # fmt: skip
        journal_path = home / "journal.sqlite3"
        assert result.returncode == 1
        assert result.stderr.splitlines() == [
            f"failed: big.bin: The disk holding the journal {journal_path} is full. Free some space and "
            "try again.",
            "hoist: 1 running.",
        ]
        assert proxy.part_counts("big.bin") == {1: 1, 2: 1}
        (home / "filler").unlink()
        proxy.clear()
        resumed = run_hoist(home, "resume", "--quiet", timeout=60)
        assert (resumed.returncode, resumed.stderr) == (0, "")
        assert object_sha256(s3, bucket, "big.bin") == digest
        # Part 2 reached the server before the disk filled: adopted, not sent again.
        assert proxy.part_counts("big.bin") == {1: 1, 2: 1, 3: 1}


def test_second_upload_on_the_same_journal_is_refused_while_the_first_runs(proxy, s3, bucket, home, tmp_path):
    first_file, second_file = tmp_path / "first.bin", tmp_path / "second.bin"
    digest = make_file(first_file, 2 * PART, seed=42)
    make_file(second_file, 10)
    proxy.add(Rule("latency", op="part", part=2, delay=3.0))
    first = start_hoist(
        home, "upload", str(first_file), "--to", f"s3://{bucket}", "--endpoint-url", proxy.url,
        "--path-style", "--part-size", "5MiB", "--quiet",
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while not proxy.requests("part"):
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.05)
        # Reading from another process while it uploads.
        status = run_hoist(home, "status", "--json")
        assert status.returncode == 0 and '"state": "running"' in status.stdout
        second = run_hoist(home, "upload", str(second_file), "--to", f"s3://{bucket}", "--endpoint-url",
                           proxy.url, "--path-style")  # fmt: skip
        assert (second.returncode, second.stderr) == (
            1, f"hoist: error: Another Hoist is already running on this journal ({home}). Let it finish, or "
            "use `hoist status` to watch it; two engines never share a journal. If it is Hoist's window, "
            "`hoist PATH...` (without `upload`) adds files to its queue.\n",
        )  # fmt: skip
        _, err = first.communicate(timeout=60)
        assert first.returncode == 0, err
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert object_sha256(s3, bucket, "first.bin") == digest
    conn = sqlite3.connect(home / "journal.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT key, state FROM uploads").fetchall() == [("first.bin", "done")]


WRITER = """
import sys
from pathlib import Path
sys.path[:0] = {paths!r}
from hoist.store.journal import Journal
journal = Journal(Path({journal!r}))
for i in range({count}):
    journal.add_retries(1, 1, 10)
    journal.record_part_attempt(1, 1 + i % 3, "attempt")
    journal.push_command("pause", None)
    journal.take_commands()
journal.close()
"""


def test_two_processes_writing_one_journal_never_corrupt_it(home):
    path = _journal_with_rows(home, 1)
    count = 300
    script = WRITER.format(paths=[p for p in sys.path if p], journal=str(path), count=count)
    writers = [subprocess.Popen([sys.executable, "-c", script], env=hoist_env(home), stderr=subprocess.PIPE,
                                text=True) for _ in range(2)]  # fmt: skip
    for writer in writers:
        _, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT retries, bytes_resent FROM uploads WHERE id = 1").fetchone() == (
        2 * count,
        20 * count,
    )
    attempts = conn.execute("SELECT SUM(attempts) FROM parts WHERE upload_id = 1").fetchone()[0]
    assert attempts == 2 * count  # no write lost
    assert conn.execute("SELECT COUNT(*) FROM commands").fetchone() == (0,)

"""kill -9 of `hoist upload` at 20 seeded-random moments, each followed by `hoist resume`.

The proxy fires a callback at a precise point of a chosen request (single PUT, Create,
a part PUT, Complete) and a timer kills the process a random 0-30 ms later: while the
body streams, after the server stored the bytes but before the reply arrives, or right
after the reply while the journal is being written. Then `hoist resume` (the same main(), run in the test process) must leave
every object byte-identical, and no part the journal had committed before the kill
may be sent again (PUTs are counted per part at the proxy).
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from hoist.config.settings import IfExists
from hoist.engine import events as ev
from hoist.store.journal import Journal
from hoist.store.states import UploadState
from tests.helpers import make_file, object_sha256, start_hoist
from tests.support.cli import run_cli
from tests.support.faultproxy import Rule, Seen
from tests.support.fixtures import fault_proxy  # noqa: F401 - the `proxy` fixture
from tests.support.harness import PART, destination, fast_settings, make_engine, run_batch

SEED = 7_2026
KILLS = 20
MAX_RUNS = 30

# (op, when) -> the moments a kill can land on; parts get a random part number.
MOMENTS = [
    ("put", "before"),  # single PUT: headers in, body streaming
    ("put", "after_upstream"),  # the server stored the object; the reply is not out yet
    ("put", "after_reply"),  # reply out: Hoist is writing the journal
    ("create", "after_upstream"),  # upload created on the server, id not journaled
    ("part", "before"),
    ("part", "before"),
    ("part", "after_upstream"),
    ("part", "after_upstream"),
    ("part", "after_reply"),
    ("part", "after_reply"),
    ("complete", "before"),
    ("complete", "after_upstream"),  # object complete on the server, not in the journal
    ("complete", "after_reply"),
]


def _journal_done(home: Path) -> tuple[set[tuple[str, int | None]], set[str]]:
    """(committed PUTs as (key, part; None for a single PUT), keys of uploads done),
    straight from SQLite."""
    conn = sqlite3.connect(home / "journal.sqlite3")
    try:
        parts = conn.execute(
            "SELECT u.key, CASE WHEN u.strategy = 'single' THEN NULL ELSE p.part_number END"
            " FROM parts p JOIN uploads u ON u.id = p.upload_id WHERE p.state = 'done'"
        ).fetchall()
        done = conn.execute("SELECT key FROM uploads WHERE state = 'done'").fetchall()
    finally:
        conn.close()
    return {(k, n) for k, n in parts}, {k for (k,) in done}


def test_kill_9_at_random_moments_then_resume(proxy, s3, bucket, tmp_path):
    rng = random.Random(SEED)
    kills = runs = 0
    acked_resent = 0  # PUTs after resume of parts journaled before the kill: must stay 0
    # Bytes the server already held in full before the kill, sent again by resume:
    held_resent = {"part": 0, "put": 0}
    bytes_total_sent = bytes_files = 0
    moments_hit: list[str] = []
    started = time.monotonic()
    while kills < KILLS:
        runs += 1
        assert runs <= MAX_RUNS, f"only {kills} kills landed in {MAX_RUNS} runs"
        home = tmp_path / f"home-{runs}"
        home.mkdir()
        prefix = f"run{runs}"
        big, small = tmp_path / f"big-{runs}.bin", tmp_path / f"small-{runs}.txt"
        digests = {
            f"{prefix}/{big.name}": make_file(big, 2 * PART + rng.randrange(1, 2**20), seed=runs),
            f"{prefix}/{small.name}": make_file(small, rng.randrange(1, 200_000), seed=1000 + runs),
        }
        op, when = rng.choice(MOMENTS)
        part = rng.randint(1, 3) if op == "part" else None
        delay = rng.uniform(0.0, 0.03)
        policy = rng.choice(["overwrite", "rename", "skip"])  # a crash must not look like a conflict
        process_box: dict[str, int] = {}
        fired = threading.Event()

        def kill_soon(
            seen: Seen,
            _delay: float = delay,
            _box: dict[str, int] = process_box,
            _fired: threading.Event = fired,
        ) -> None:
            def kill() -> None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(_box["pid"], signal.SIGKILL)

            _fired.set()
            threading.Timer(_delay, kill).start()

        proxy.clear()
        proxy.add(Rule(op=op, part=part, **{when: kill_soon}))  # type: ignore[arg-type]
        mark = len(proxy.seen)
        process = start_hoist(
            home, "upload", str(big), str(small), "--to", f"s3://{bucket}/{prefix}",
            "--endpoint-url", proxy.url, "--path-style", "--part-size", "5MiB",
            "--concurrency", "2", "--if-exists", policy, "--quiet",
        )  # fmt: skip
        process_box["pid"] = process.pid
        _, err = process.communicate(timeout=60)
        proxy.clear()
        killed = process.returncode == -signal.SIGKILL
        assert killed or process.returncode == 0, err
        if killed:
            kills += 1
            moments_hit.append(f"{op}{part or ''}:{when}/{policy}")
        else:
            assert fired.is_set() or op in ("put", "create", "complete"), err

        committed, done_keys = _journal_done(home)
        before = proxy.seen[mark:]
        resume_mark = len(proxy.seen)
        # `hoist resume` in this process (the same main(); saves an interpreter start per run).
        result = run_cli(home, "resume", "--quiet")
        nothing = (
            "hoist: nothing to resume (0 paused, 0 failed; `hoist resume ID` continues a paused upload, "
            "`hoist retry --all` re-queues failed ones).\n"
        )
        assert result.code == 0 and result.err in ("", nothing), (
            result.err,
            op, part, when, run_cli(home, "status", "--all").out,
            (home / "logs" / "hoist.log").read_text()[-3000:],
        )  # fmt: skip
        after = proxy.seen[resume_mark:]

        for key, digest in digests.items():
            assert object_sha256(s3, bucket, key) == digest, (op, part, when, key)
        journal = Journal(home / "journal.sqlite3")
        rows = journal.list_uploads()
        journal.close()
        assert {r.key: r.state for r in rows} == dict.fromkeys(digests, UploadState.DONE)
        assert {r.key: r.sha256 for r in rows} == digests

        # Nothing acknowledged (journaled) before the kill was sent again.
        for seen in after:
            if seen.op in ("put", "part") and (seen.key, seen.part) in committed:
                acked_resent += 1
            if seen.op in ("put", "part") and seen.key in done_keys:
                acked_resent += 1
        # What the server held in full before the kill but resume sent again.
        held = {(s.key, s.part) for s in before if s.op in ("put", "part") and s.upstream_status == 200}
        for s in after:
            if s.op in ("put", "part") and (s.key, s.part) in held:
                held_resent[s.op] += s.body_received
        bytes_total_sent += sum(s.body_received for s in before + after if s.op in ("put", "part"))
        bytes_files += big.stat().st_size + small.stat().st_size
        listed = {
            o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=f"{prefix}/").get("Contents", [])
        }
        assert listed == set(digests), (op, part, when, policy, listed)  # no "name (1)" copies
        keys = [{"Key": k} for k in digests]
        s3.delete_objects(Bucket=bucket, Delete={"Objects": keys})  # keep moto's RAM small
        big.unlink()
        small.unlink()

    seconds = time.monotonic() - started
    # Uploads created on the server but killed before their id reached the journal: Hoist
    # cannot know them; `hoist cleanup --bucket B` lists and aborts them.
    orphans = len(s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []))
    print(
        f"\ncrash: {kills} kills survived in {runs} runs ({seconds:.1f} s); moments: "
        f"{', '.join(moments_hit)}; acknowledged parts re-sent: {acked_resent}; bytes the server "
        f"held but the journal did not, re-sent by resume: {held_resent['part']} in parts, "
        f"{held_resent['put']} in single PUTs; bytes sent in all "
        f"{bytes_total_sent} for {bytes_files} bytes of files "
        f"({bytes_total_sent - bytes_files} re-sent in all, incl. parts cut mid-body); "
        f"orphaned multipart uploads left on the server: {orphans}"
    )
    assert acked_resent == 0
    # A part the server held with our MD5 is adopted on resume, never sent again.
    assert held_resent["part"] == 0
    # Likewise a small file the server stored before the kill: recognised, not re-sent.
    assert held_resent["put"] == 0
    # ~40 s on an idle 2-core machine; the bound only catches a hang under load.
    assert seconds < 150


def _snapshot_journal(home: Path, target: Path) -> None:
    """What a kill -9 would leave on disk now: every committed transaction."""
    target.mkdir()
    source = sqlite3.connect(home / "journal.sqlite3")
    copy = sqlite3.connect(target / "journal.sqlite3")
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()


@pytest.mark.parametrize("strategy", ["single", "multipart"])
def test_killed_right_after_a_part_was_journaled_does_not_send_it_again(
    strategy, home, proxy, s3, bucket, tmp_path
):
    """Deterministic: the journal is copied at the instant after a PUT's ETag is
    committed and before the upload moves on (the worker is held in a PartDone
    subscriber), which is what a kill -9 at that instant leaves. Resuming from that copy
    must not send the acknowledged PUT again (single file) or that part (multipart)."""
    source = tmp_path / f"{strategy}.bin"
    size = 1000 if strategy == "single" else 3 * PART
    digest = make_file(source, size, seed=31)
    crashed = tmp_path / "crashed-home"
    engine = make_engine(home, fast_settings(concurrency=1))
    taken = threading.Event()

    def on_event(event: object) -> None:
        wanted = 1 if strategy == "single" else 2
        if isinstance(event, ev.PartDone) and event.part_number == wanted and not taken.is_set():
            _snapshot_journal(home, crashed)
            taken.set()
            engine.pause()  # the "killed" run goes no further than this instant

    engine.subscribe(on_event)
    run_batch(engine, [source], destination(bucket, proxy.url))
    engine.journal.close()
    assert taken.is_set()
    if strategy == "multipart":
        assert proxy.requests("complete") == []  # the "crashed" run went no further
    mark = len(proxy.seen)
    engine = make_engine(crashed)
    engine.start(resume=True)
    assert engine.wait_idle(30)
    engine.shutdown()
    rows = engine.journal.list_uploads()
    assert [r.state for r in rows] == [UploadState.DONE], rows
    assert rows[0].sha256 == digest
    assert object_sha256(s3, bucket, source.name) == digest
    after = proxy.seen[mark:]
    if strategy == "single":
        assert [s for s in after if s.op == "put"] == [], "an acknowledged single PUT was sent again"
    else:
        assert sorted(s.part for s in after if s.op == "part") == [3]


@pytest.mark.parametrize("policy", ["rename", "skip", "overwrite"])
def test_killed_after_the_server_stored_a_single_put_resume_adopts_it(
    policy, home, proxy, s3, bucket, tmp_path
):
    """Killed after the server stored a small file but before its reply reached the
    journal. On resume the object at the key is our own upload: it must be recognised
    (same size, ETag = the file's MD5) and finished, not renamed into a second copy,
    reported as skipped, or sent again."""
    source = tmp_path / "report.txt"
    digest = make_file(source, 5000, seed=33)
    crashed = tmp_path / "crashed-home"
    engine = make_engine(home, fast_settings(concurrency=1))

    def crash_here(seen: Seen) -> None:
        _snapshot_journal(home, crashed)  # what kill -9 at this instant leaves
        engine.pause()

    proxy.add(Rule(op="put", after_upstream=crash_here))
    engine.start(resume=False)
    engine.queue_paths([str(source)], destination(bucket, proxy.url), if_exists=IfExists(policy))
    assert engine.wait_idle(30)
    engine.shutdown()
    engine.journal.close()
    proxy.clear()

    mark = len(proxy.seen)
    engine = make_engine(crashed)
    engine.start(resume=True)
    assert engine.wait_idle(30)
    engine.shutdown()
    rows = engine.journal.list_uploads()
    assert [(r.key, r.state, r.sha256) for r in rows] == [("report.txt", UploadState.DONE, digest)]
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]] == ["report.txt"]
    assert object_sha256(s3, bucket, "report.txt") == digest
    assert [s.op for s in proxy.seen[mark:] if s.op == "put"] == [], "the stored file was sent again"

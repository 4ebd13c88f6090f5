"""The journal: migrations from a stored older schema, WAL, commits, corruption."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hoist.store.journal import Destination, Journal, NewUpload, PartPlan
from hoist.store.migrations import SCHEMA_VERSION
from hoist.store.states import IllegalTransition, PartState, UploadState

DATA = Path(__file__).resolve().parent.parent / "data"


def load_v1(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript((DATA / "journal_v1.sql").read_text())
    conn.close()


def test_v1_journal_is_migrated_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    load_v1(path)
    journal = Journal(path)
    version = journal._conn.execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION
    assert journal._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    running = journal.get_upload(1)
    assert running is not None
    assert (running.state, running.s3_upload_id, running.bytes_done) == (
        UploadState.RUNNING, "UPLOAD-1", 5242880,
    )  # fmt: skip
    assert running.destination == Destination("work", "https://s3.example.com", "eu-west-1", "photos", True)
    assert (running.sha256, running.if_exists, running.retries) == (None, "overwrite", 0)
    parts = journal.parts(1)
    assert [(p.part_number, p.state, p.attempts) for p in parts] == [
        (1, PartState.DONE, 1), (2, PartState.PENDING, 2), (3, PartState.PENDING, 0),
    ]  # fmt: skip
    assert [r.id for r in journal.unfinished_uploads()] == [1]
    # The new schema works on migrated data.
    journal.mark_part_done(1, 2, '"etag-2"', "00" * 16)
    journal.push_command("pause", 1)
    assert [c.action for c in journal.take_commands()] == ["pause"]
    journal.close()
    # Opening again is a no-op migration.
    assert Journal(path).get_upload(1).parts_done == 2  # type: ignore[union-attr]


def test_a_failed_migration_leaves_the_old_version(tmp_path: Path, monkeypatch) -> None:
    from hoist.store import migrations

    path = tmp_path / "journal.sqlite3"
    load_v1(path)
    broken = [*migrations.MIGRATIONS[:1], migrations.MIGRATIONS[1] + "\nTHIS IS NOT SQL;"]
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    with pytest.raises(Exception, match=r"cannot be used|syntax"):
        Journal(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = {row[1] for row in conn.execute("PRAGMA table_info(uploads)")}
    assert "sha256" not in columns  # the half-applied ALTERs were rolled back


def new_upload(size: int = 10) -> NewUpload:
    return NewUpload(
        local_path="/tmp/x", size=size, mtime_ns=1, key="x", strategy="single", part_size=size,
        parts=(PartPlan(1, 0, size),), content_type="text/plain", if_exists="overwrite",
    )  # fmt: skip


def test_transitions_are_enforced_in_the_journal(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    _, (upload_id,) = journal.create_batch("x", Destination("", "", "us-east-1", "b"), [new_upload()])
    journal.set_state(upload_id, UploadState.RUNNING)
    journal.set_state(upload_id, UploadState.DONE)
    with pytest.raises(IllegalTransition):
        journal.set_state(upload_id, UploadState.RUNNING)
    row = journal.get_upload(upload_id)
    assert row is not None and row.finished_at is not None and row.started_at is not None


def test_a_corrupt_journal_is_set_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    journal = Journal(path)
    assert journal.set_aside is not None
    assert journal.set_aside.name.startswith("journal.sqlite3.corrupt-")
    assert journal.set_aside.read_bytes() == garbage
    assert journal.list_uploads() == []


def test_a_batch_larger_than_sqlites_parameter_limit_is_read_and_removed(tmp_path: Path) -> None:
    """SQLite caps a statement's parameters (999 before 3.32, 32,766 after): ids are asked
    for in chunks, so a 40,000-file folder can be summed up and cleared."""
    journal = Journal(tmp_path / "j.sqlite3")
    _, ids = journal.create_batch("big", Destination("", "", "us-east-1", "b"), [new_upload()] * 40_000)
    rows = journal.list_uploads(ids=reversed(ids))  # any iterable, any order: rows come in id order
    assert [r.id for r in rows] == sorted(ids)
    assert [r.id for r in journal.list_uploads(ids=ids, limit=3)] == sorted(ids)[:3]
    assert journal.list_uploads(states=iter([UploadState.DONE]), ids=ids) == []
    assert journal.remove_uploads(ids) == 40_000
    assert journal.list_uploads() == []


def test_state_counts_over_more_ids_than_one_query_takes(tmp_path: Path) -> None:
    from hoist.store.journal import IDS_PER_QUERY

    journal = Journal(tmp_path / "j.sqlite3")
    _, ids = journal.create_batch(
        "x", Destination("", "", "us-east-1", "b"), [new_upload()] * (IDS_PER_QUERY + 3)
    )
    for upload_id in ids[-2:]:  # in the second query's chunk
        journal.set_state(upload_id, UploadState.RUNNING)
    journal.set_state(ids[0], UploadState.CANCELLED)
    assert journal.state_counts(ids) == {
        UploadState.QUEUED: IDS_PER_QUERY, UploadState.RUNNING: 2, UploadState.CANCELLED: 1,
    }  # fmt: skip
    assert journal.state_counts(ids[-1:]) == {UploadState.RUNNING: 1}


def test_parts_of_many_uploads_in_bulk_match_each_uploads_own(tmp_path: Path) -> None:
    from hoist.store.journal import IDS_PER_QUERY

    journal = Journal(tmp_path / "j.sqlite3")
    two_parts = NewUpload(local_path="/tmp/y", size=20, mtime_ns=1, key="y", strategy="multipart", part_size=10,
                          parts=(PartPlan(1, 0, 10), PartPlan(2, 10, 10)), content_type="text/plain",
                          if_exists="overwrite")  # fmt: skip
    uploads = [new_upload() if n % 2 else two_parts for n in range(IDS_PER_QUERY + 5)]
    _, ids = journal.create_batch("x", Destination("", "", "us-east-1", "b"), uploads)
    found = journal.parts_of(reversed(ids))
    assert set(found) == set(ids)
    assert all(found[i] == journal.parts(i) for i in ids)
    assert journal.parts_of([]) == {}

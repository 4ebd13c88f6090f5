"""Issue 13, finding 1: a journal row is signed with the person's credentials (a profile's,
or the environment's), so a row planted in a copied or synced Hoist folder must not be
sent, whether it names a profile or not, and even to a bucket on the person's own endpoint.
Each row carries a seal made with a key in the account's config folder (never inside
HOIST_HOME); a row without a valid seal fails in words and no server hears of it, while the
person's own interrupted upload still resumes."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from hoist.store.journal import Destination, Journal, NewUpload, PartPlan
from hoist.store.states import UploadState
from tests.functional.test_trust import Counting
from tests.helpers import make_file, object_sha256
from tests.support.cli import run_cli

REFUSED = "was not queued by this account's Hoist"


@pytest.fixture
def attacker() -> Iterator[Counting]:
    server = Counting()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def aws_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")


def plant(home: Path, private: Path, endpoint: str, bucket: str = "loot") -> int:
    """A row as someone else would write it: the journal's own API, without the seal."""
    journal = Journal(home / "journal.sqlite3")
    size = private.stat().st_size
    _, (planted,) = journal.create_batch(
        "planted", Destination("", endpoint, "us-east-1", bucket, True),
        [NewUpload(str(private), size, private.stat().st_mtime_ns, "id_rsa", "single", size,
                   (PartPlan(1, 0, size),), "application/octet-stream", "overwrite")],
    )  # fmt: skip
    journal.close()
    return planted


def row_of(home: Path, upload_id: int):  # type: ignore[no-untyped-def]
    journal = Journal(home / "journal.sqlite3")
    try:
        return journal.get_upload(upload_id)
    finally:
        journal.close()


def test_a_planted_row_without_a_profile_is_refused_and_its_server_hears_nothing(
    attacker: Counting, home: Path, tmp_path: Path
) -> None:
    private = tmp_path / "id_rsa"
    make_file(private, 400, seed=3)
    planted = plant(home, private, attacker.url)

    result = run_cli(home, "resume")

    assert attacker.requests == []
    row = row_of(home, planted)
    assert row is not None and row.state == UploadState.FAILED
    assert REFUSED in (row.error or "") and attacker.url in (row.error or "")
    assert result.code == 1 and REFUSED in result.err


def test_the_persons_own_upload_resumes_but_a_copy_of_the_journal_elsewhere_does_not(
    attacker: Counting,
    home: Path,
    tmp_path: Path,
    moto_endpoint: str,
    bucket: str,
    s3,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "report.pdf"
    digest = make_file(source, 1000, seed=4)
    # Queued and interrupted before it started: `upload --dry-run` queues nothing, so stop
    # the engine from running by pausing the row right after queueing through the CLI.
    queued = run_cli(home, "upload", str(source), "--to", f"s3://{bucket}", "--endpoint-url", moto_endpoint,
                     "--path-style", "--quiet")  # fmt: skip
    assert queued.code == 0, queued.err
    journal = Journal(home / "journal.sqlite3")
    (row,) = journal.list_uploads()
    assert row.seal and len(row.seal) == 64
    journal.close()
    # Make it unfinished again, as a kill -9 before its PUT would have left it.
    db = sqlite3.connect(home / "journal.sqlite3")
    db.execute("UPDATE uploads SET state = 'queued', etag = NULL, sha256 = NULL, finished_at = NULL")
    db.execute("UPDATE parts SET state = 'pending', etag = NULL, md5 = NULL")
    db.commit()
    db.close()
    s3.delete_object(Bucket=bucket, Key="report.pdf")

    resumed = run_cli(home, "resume", "--quiet")
    assert resumed.code == 0, resumed.err
    assert object_sha256(s3, bucket, "report.pdf") == digest
    assert row_of(home, row.id).state == UploadState.DONE

    # The same journal copied into another account's Hoist (another key), the row queued again.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    source_db, db = sqlite3.connect(home / "journal.sqlite3"), sqlite3.connect(elsewhere / "journal.sqlite3")
    source_db.backup(db)  # a copy with what the WAL holds
    source_db.close()
    db.execute("UPDATE uploads SET state = 'queued'")
    db.commit()
    db.close()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "another-account"))
    copied = run_cli(elsewhere, "resume")
    assert copied.code == 1 and REFUSED in copied.err
    assert row_of(elsewhere, row.id).state == UploadState.FAILED


def test_a_sealed_row_pointed_at_another_server_is_refused(
    attacker: Counting, home: Path, tmp_path: Path, moto_endpoint: str, bucket: str
) -> None:
    source = tmp_path / "notes.txt"
    make_file(source, 500, seed=5)
    private = tmp_path / "id_rsa"
    make_file(private, 300, seed=6)
    queued = run_cli(home, "upload", str(source), "--to", f"s3://{bucket}", "--endpoint-url", moto_endpoint,
                     "--path-style", "--quiet")  # fmt: skip
    assert queued.code == 0, queued.err
    db = sqlite3.connect(home / "journal.sqlite3")  # the seal stays; what it vouched for changes
    db.execute(
        "UPDATE uploads SET state = 'queued', endpoint_url = ?, local_path = ?", (attacker.url, str(private))
    )
    db.execute("UPDATE parts SET state = 'pending', etag = NULL, md5 = NULL")
    db.commit()
    db.close()

    result = run_cli(home, "resume")

    assert attacker.requests == []
    assert result.code == 1 and REFUSED in result.err


def test_a_copied_hoist_folder_does_not_carry_the_key(
    attacker: Counting, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone else's whole HOIST_HOME, with a row their Hoist sealed, copied to the person:
    the key was never in it, so the person's Hoist refuses the row."""
    from hoist.seal import load_seal

    private = tmp_path / "id_rsa"
    make_file(private, 300, seed=8)
    theirs = tmp_path / "their-home"
    theirs.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "their-account"))
    journal = Journal(theirs / "journal.sqlite3")
    load_seal().attach(journal)  # sealed by their Hoist, with their account's key
    size = private.stat().st_size
    _, (row_id,) = journal.create_batch(
        "theirs", Destination("", attacker.url, "us-east-1", "loot", True),
        [NewUpload(str(private), size, private.stat().st_mtime_ns, "x/id_rsa", "single", size,
                   (PartPlan(1, 0, size),), "application/octet-stream", "overwrite")],
    )  # fmt: skip
    assert journal.get_upload(row_id).seal  # type: ignore[union-attr]
    journal.close()
    assert not list(theirs.glob("*seal*"))  # the key is not in the Hoist folder

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "persons-account"))
    result = run_cli(theirs, "resume")

    assert attacker.requests == []
    assert result.code == 1 and REFUSED in result.err
    assert row_of(theirs, row_id).state == UploadState.FAILED


def test_a_planted_row_naming_the_persons_profile_cannot_pick_another_bucket(
    attacker: Counting, home: Path, tmp_path: Path, moto_endpoint: str, bucket: str, s3
) -> None:
    """On AWS every bucket shares one endpoint: a row with the person's profile and endpoint
    but the attacker's bucket would be signed with the person's key. Its seal fails first."""
    from hoist.config.settings import Config, CredentialSource, Profile, save_config

    profile = Profile("work", endpoint_url=moto_endpoint, bucket=bucket, path_style=True,
                      credential_source=CredentialSource.ENVIRONMENT)  # fmt: skip
    save_config(Config(profiles={"work": profile}, default_profile="work"), home / "config.json")
    s3.create_bucket(Bucket="attackers-bucket")
    private = tmp_path / "id_rsa"
    make_file(private, 300, seed=9)
    journal = Journal(home / "journal.sqlite3")
    size = private.stat().st_size
    _, (planted,) = journal.create_batch(
        "planted", Destination("work", moto_endpoint, "us-east-1", "attackers-bucket", True),
        [NewUpload(str(private), size, private.stat().st_mtime_ns, "loot/id_rsa", "single", size,
                   (PartPlan(1, 0, size),), "application/octet-stream", "overwrite")],
    )  # fmt: skip
    journal.close()

    result = run_cli(home, "resume")

    assert s3.list_objects_v2(Bucket="attackers-bucket").get("KeyCount", 0) == 0
    row = row_of(home, planted)
    assert row is not None and row.state == UploadState.FAILED and REFUSED in (row.error or "")
    assert result.code == 1

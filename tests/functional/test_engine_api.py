"""Pause, resume and cancel through the engine's public API, against a real server."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from hoist.config.settings import Config, TransferSettings
from hoist.connect import connection_factory
from hoist.engine import events as ev
from hoist.engine.core import Engine
from hoist.engine.retry import RetryPolicy
from hoist.engine.sources import BadInput
from hoist.store.journal import Destination, Journal
from hoist.store.states import UploadState
from tests.helpers import MiB, make_file, object_sha256
from tests.support.faultproxy import FaultProxy, Rule, Seen


@pytest.fixture
def engine_for(home: Path, moto_endpoint: str):
    engines: list[Engine] = []

    def make(**settings: object) -> Engine:
        transfer = TransferSettings(part_size=5 * MiB, multipart_threshold=5 * MiB, **settings)  # type: ignore[arg-type]
        engine = Engine(
            Journal(home / "journal.sqlite3"),
            connection_factory(Config(), transfer),
            transfer,
            retry=RetryPolicy(max_attempts=3, base_delay=0.05),
        )
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.shutdown()


def destination(endpoint: str, bucket: str) -> Destination:
    return Destination("", endpoint, "us-east-1", bucket, path_style=True)


def test_pause_then_resume_finishes_byte_identical(engine_for, bucket, s3, moto_endpoint, tmp_path):
    source = tmp_path / "big.bin"
    digest = make_file(source, 6 * 5 * MiB, seed=11)
    engine = engine_for(concurrency=2, bandwidth_limit=15 * MiB)
    first_part = threading.Event()
    engine.subscribe(lambda e: first_part.set() if isinstance(e, ev.PartDone) else None)
    engine.start()
    (upload_id,) = engine.queue_paths([str(source)], destination(moto_endpoint, bucket)).upload_ids
    assert first_part.wait(20)
    assert engine.pause([upload_id]) == [upload_id]
    assert engine.wait_idle(20)
    _, snapshot = engine.snapshot()
    (paused,) = snapshot
    assert paused.state == UploadState.PAUSED
    assert 0 < paused.parts_done < 6
    assert engine.journal.get_upload(upload_id).state == UploadState.PAUSED  # type: ignore[union-attr]

    engine.set_bandwidth_limit(0)
    assert engine.resume([upload_id]) == [upload_id]
    assert engine.wait_idle(30)
    row = engine.journal.get_upload(upload_id)
    assert row is not None and row.state == UploadState.DONE and row.sha256 == digest
    assert object_sha256(s3, bucket, "big.bin") == digest


def test_cancel_aborts_the_multipart_upload_on_the_server(engine_for, bucket, s3, moto_endpoint, tmp_path):
    source = tmp_path / "cancel-me.bin"
    make_file(source, 6 * 5 * MiB, seed=12)
    engine = engine_for(concurrency=2, bandwidth_limit=10 * MiB)
    first_part = threading.Event()
    engine.subscribe(lambda e: first_part.set() if isinstance(e, ev.PartDone) else None)
    engine.start()
    (upload_id,) = engine.queue_paths([str(source)], destination(moto_endpoint, bucket)).upload_ids
    assert first_part.wait(20)
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads")  # one is open
    assert engine.cancel([upload_id]) == [upload_id]
    assert engine.wait_idle(30)
    assert engine.journal.get_upload(upload_id).state == UploadState.CANCELLED  # type: ignore[union-attr]
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
    assert s3.list_objects_v2(Bucket=bucket).get("KeyCount") == 0


def test_pause_all_and_resume_all_across_files(engine_for, bucket, s3, moto_endpoint, tmp_path):
    digests = {
        f"f{i}.bin": make_file(tmp_path / "d" / f"f{i}.bin", 2 * 5 * MiB + i, seed=i) for i in range(3)
    }
    engine = engine_for(concurrency=2, bandwidth_limit=20 * MiB)
    engine.start()
    ids = engine.queue_paths([f"{tmp_path / 'd'}/"], destination(moto_endpoint, bucket)).upload_ids
    assert len(ids) == 3
    paused = engine.pause()
    assert paused  # everything not finished yet
    assert engine.wait_idle(20)
    assert {engine.runtimes[i].state for i in paused} == {UploadState.PAUSED}
    engine.set_bandwidth_limit(0)
    engine.resume()
    assert engine.wait_idle(30)
    for key, digest in digests.items():
        assert object_sha256(s3, bucket, key) == digest
    events_done = [engine.runtimes[i].state for i in ids]
    assert events_done == [UploadState.DONE] * 3


def test_progress_never_goes_backwards_nor_past_the_size(engine_for, bucket, moto_endpoint, tmp_path):
    source = tmp_path / "p.bin"
    make_file(source, 4 * 5 * MiB, seed=5)
    engine = engine_for(concurrency=2, bandwidth_limit=12 * MiB)  # ~2 s: many samples even under load
    engine.start()
    (upload_id,) = engine.queue_paths([str(source)], destination(moto_endpoint, bucket)).upload_ids
    seen: list[int] = []
    while not engine.wait_idle(0.05):
        _, items = engine.snapshot()
        seen += [p.bytes_done for p in items if p.upload_id == upload_id]
    _, items = engine.snapshot()
    seen += [p.bytes_done for p in items]
    assert seen == sorted(seen), f"progress went backwards: {seen}"
    assert seen[-1] == 4 * 5 * MiB and max(seen) <= 4 * 5 * MiB, seen
    assert len(set(seen)) > 3, f"progress was not observed moving: {seen}"


def test_missing_credentials_fail_the_file_in_words(home, bucket, moto_endpoint, tmp_path, memory_keyring):
    """A keyring profile whose secret is gone (session-only secret after a restart, keyring
    cleared): the upload fails saying so, not as an 'unexpected error'."""
    from hoist.config.settings import CredentialSource, Profile

    config = Config(
        profiles={
            "lab": Profile(
                "lab",
                endpoint_url=moto_endpoint,
                credential_source=CredentialSource.KEYRING,
                access_key_id="AKID",
                path_style=True,
            )
        }
    )
    settings = TransferSettings()
    engine = Engine(Journal(home / "journal.sqlite3"), connection_factory(config, settings), settings)
    source = tmp_path / "x.txt"
    make_file(source, 10)
    engine.start()
    try:
        (upload_id,) = engine.queue_paths(
            [str(source)], Destination("lab", moto_endpoint, "us-east-1", bucket, True)
        ).upload_ids
        assert engine.wait_idle(20)
    finally:
        engine.shutdown()
    row = engine.journal.get_upload(upload_id)
    assert row is not None and row.state == UploadState.FAILED
    assert row.error == (
        "x.txt: The profile 'lab' has no stored secret key in the keyring (conftest MemoryKeyring). "
        "Set it again with `hoist profile set lab`."
    )


def test_concurrency_changes_while_an_upload_runs(engine_for, bucket, s3, moto_endpoint, tmp_path):
    """Raising parts-in-flight mid-upload takes effect at once, without a restart."""
    source = tmp_path / "wide.bin"
    digest = make_file(source, 12 * 5 * MiB, seed=12)
    lock = threading.Lock()
    in_flight = 0
    most_before = most_after = 0
    raised = threading.Event()

    def started(_seen: Seen) -> None:
        nonlocal in_flight, most_before, most_after
        with lock:
            in_flight += 1
            if raised.is_set():
                most_after = max(most_after, in_flight)
            else:
                most_before = max(most_before, in_flight)

    def finished(_seen: Seen) -> None:
        nonlocal in_flight
        with lock:
            in_flight -= 1

    with FaultProxy(moto_endpoint) as proxy:
        # Each part takes 0.25 s at the proxy, so parts overlap whenever the engine allows.
        proxy.add(
            Rule(action="latency", op="part", times=0, delay=0.25, before=started, after_reply=finished)
        )
        engine = engine_for(concurrency=1)
        first_part = threading.Event()
        engine.subscribe(lambda e: first_part.set() if isinstance(e, ev.PartDone) else None)
        engine.start()
        (upload_id,) = engine.queue_paths([str(source)], destination(proxy.url, bucket)).upload_ids
        assert first_part.wait(20)
        raised.set()
        engine.set_concurrency(4)
        assert engine.wait_idle(30)
    assert most_before == 1
    assert most_after == 4
    row = engine.journal.get_upload(upload_id)
    assert row is not None and row.state == UploadState.DONE and row.sha256 == digest
    assert object_sha256(s3, bucket, "wide.bin") == digest
    with pytest.raises(BadInput, match="at least 1"):
        engine.set_concurrency(0)

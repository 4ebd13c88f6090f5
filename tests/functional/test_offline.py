"""The network goes away mid-upload (connections refused, open ones cut). Parts wait for
it without using up their retries, and the upload finishes byte-identical when it
returns; only after ``offline_wait`` with no answer from any server does a file fail."""

from __future__ import annotations

import threading
from pathlib import Path

from hoist.engine.core import Engine
from hoist.engine.retry import RetryPolicy
from hoist.store.journal import UploadRow
from hoist.store.states import UploadState
from tests.helpers import make_file, object_sha256
from tests.support.faultproxy import FaultProxy, Rule
from tests.support.fixtures import fault_proxy  # noqa: F401 - the `proxy` fixture
from tests.support.harness import PART, destination, fast_settings, make_engine

FEW_TRIES = RetryPolicy(max_attempts=3, base_delay=0.02, max_delay=0.2)  # ~0.3 s of retries in all


def _upload(
    home: Path, bucket: str, proxy: FaultProxy, source: Path, offline_wait: float
) -> tuple[Engine, UploadRow]:
    """One file through the proxy, one part at a time, to the end; the engine and its row."""
    engine = make_engine(
        home, fast_settings(concurrency=1, offline_wait=offline_wait, io_timeout=2.0), retry=FEW_TRIES
    )
    engine.start(resume=False)
    (upload_id,) = engine.queue_paths([str(source)], destination(bucket, proxy.url)).upload_ids
    assert engine.wait_idle(60)
    engine.shutdown()
    row = engine.journal.get_upload(upload_id)
    assert row is not None
    return engine, row


def test_upload_waits_out_an_outage_longer_than_its_retries(home, bucket, s3, proxy, tmp_path):
    source = tmp_path / "trip.bin"
    digest = make_file(source, 3 * PART, seed=31)
    back = threading.Timer(4.0, proxy.go_online)

    def network_drops(_seen: object) -> None:
        proxy.go_offline()
        back.start()

    proxy.add(Rule(op="part", part=2, before=network_drops))
    engine, row = _upload(home, bucket, proxy, source, offline_wait=60.0)
    assert row.state == UploadState.DONE, row
    assert object_sha256(s3, bucket, "trip.bin") == digest == row.sha256
    part2 = next(p for p in engine.journal.parts(row.id) if p.part_number == 2)
    # Far more tries than the 3 allowed: the refused connections did not count.
    assert part2.attempts > 5, part2


def test_an_outage_longer_than_the_offline_wait_fails_the_file_in_words(home, bucket, s3, proxy, tmp_path):
    source = tmp_path / "gone.bin"
    make_file(source, 3 * PART, seed=32)
    proxy.add(Rule(op="part", part=2, before=lambda _seen: proxy.go_offline()))
    _, row = _upload(home, bucket, proxy, source, offline_wait=1.0)
    assert row.state == UploadState.FAILED
    assert row.error is not None
    assert row.error == (
        f"gone.bin: Cannot reach {proxy.url}: connection refused (nothing is listening at that address and port); "
        f"no server answered for {row.error.split('answered for ')[1].split('.')[0]}. Check the endpoint URL and "
        "your network."
    )
    waited = row.error.split("answered for ")[1].split(" s.")[0]
    assert 1 <= int(waited) <= 5  # the 1 s offline wait, then the file failed

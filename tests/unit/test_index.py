"""The engine's change log and batch tracker: answers from what changed, same as a scan."""

from __future__ import annotations

import random

from hoist.engine.index import BatchTracker, ChangeLog


def test_change_log_reports_what_changed_after_a_version_newest_first() -> None:
    log = ChangeLog()
    assert (log.since(0), log.latest()) == ([], 0)
    for version, upload_id in enumerate([1, 2, 3, 2], start=1):
        log.touched(upload_id, version)
    assert log.latest() == 4
    assert log.since(0) == [2, 3, 1]
    assert log.since(2) == [2, 3]  # 2 changed again at version 4
    assert log.since(4) == []
    log.forget(3)
    assert log.since(0) == [2, 1]


def test_change_log_matches_a_scan_of_every_version() -> None:
    rng = random.Random(5)
    log, versions = ChangeLog(), {}
    for version in range(1, 3000):
        upload_id = rng.randrange(200)
        log.touched(upload_id, version)
        versions[upload_id] = version
        since = rng.randrange(version + 1)
        assert sorted(log.since(since)) == sorted(i for i, v in versions.items() if v > since)


def test_batch_is_announced_once_when_its_last_open_upload_settles() -> None:
    batches = BatchTracker()
    for upload_id in (1, 2, 3):
        batches.update(7, upload_id, settled=False)
    batches.update(7, 1, settled=True)
    batches.update(7, 2, settled=True)
    assert not batches.take_settled(7)
    batches.update(7, 3, settled=True)
    assert batches.take_settled(7)
    assert not batches.take_settled(7)  # once
    batches.update(7, 2, settled=False)  # retried
    batches.update(7, 2, settled=True)
    assert batches.take_settled(7)  # settled again: announced again
    assert batches.members(7) == {1, 2, 3}


def test_uploads_loaded_already_settled_do_not_announce_their_batch() -> None:
    batches = BatchTracker()
    batches.update(3, 10, settled=True)  # a finished upload read from the journal at start
    assert not batches.take_settled(3)
    batches.update(3, 11, settled=False)
    batches.update(3, 11, settled=True)
    assert batches.take_settled(3)
    batches.forget(3, 10)
    batches.forget(3, 11)
    assert batches.members(3) == set()

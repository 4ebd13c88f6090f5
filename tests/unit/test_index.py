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


def test_change_log_in_slices_gives_every_change_once_oldest_first() -> None:
    """A window takes a big change a slice per tick: every id changed after its version
    comes in some slice, the oldest changes first, and one that changes again while
    slices are being taken comes again, with its newer change."""
    log = ChangeLog()
    for version, upload_id in enumerate([1, 2, 3, 4, 5], start=1):
        log.touched(upload_id, version)
    assert log.oldest_since(0, 2) == ([1, 2], 2)
    log.touched(1, 6)  # changed again after it was taken
    assert log.oldest_since(2, 2) == ([3, 4], 4)
    assert log.oldest_since(4, 2) == ([5, 1], 6)
    assert log.oldest_since(6, 2) == ([], 6)


def test_change_log_slices_match_a_scan_while_changes_keep_coming() -> None:
    rng = random.Random(8)
    log, versions, seen_version, version = ChangeLog(), {}, 0, 0
    delivered: dict[int, int] = {}  # id -> the version it was last delivered at
    for _round in range(400):
        for _ in range(rng.randrange(30)):
            version += 1
            upload_id = rng.randrange(300)
            log.touched(upload_id, version)
            versions[upload_id] = version
        ids, seen_version = log.oldest_since(seen_version, rng.randrange(1, 50))
        for upload_id in ids:
            delivered[upload_id] = versions[upload_id]
        assert all(versions[i] > seen_version for i in log.since(seen_version))
    while True:
        ids, seen_version = log.oldest_since(seen_version, 7)
        if not ids:
            break
        for upload_id in ids:
            delivered[upload_id] = versions[upload_id]
    assert delivered == versions  # every id, each with its latest change


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

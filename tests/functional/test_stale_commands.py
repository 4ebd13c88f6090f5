"""`hoist pause|cancel` while a Hoist runs only leaves a command in the journal for it to
read (twice a second). A Hoist that ended first (killed, or done) left it there, and the
next one applied it to whatever it loaded: a `cancel --all` meant for a killed upload
cancelled 2,825 of the next, unrelated 3,000 files (found by a helper). Commands from
before an engine existed are now dropped, and those sent to it still work."""

from __future__ import annotations

import time
from pathlib import Path

from hoist.store.states import UploadState
from tests.helpers import make_file, object_sha256
from tests.support.faultproxy import Rule
from tests.support.fixtures import fault_proxy  # noqa: F401 - the `proxy` fixture
from tests.support.harness import destination, fast_settings, make_engine


def test_a_command_left_for_an_earlier_hoist_is_dropped_and_one_for_this_one_is_applied(
    home, bucket, s3, moto_endpoint, proxy, tmp_path: Path
):
    earlier = make_engine(home, fast_settings())
    earlier.journal.push_command("cancel", None)  # sent to a Hoist that ended before reading it
    earlier.journal.push_command("pause", None)
    earlier.journal.close()
    time.sleep(0.01)

    folder = tmp_path / "next"
    folder.mkdir()
    hashes = {f"f{i}": make_file(folder / f"f{i}", 2000 + i, seed=i) for i in range(30)}
    proxy.add(Rule(action="latency", op="put", key="held.bin", delay=3.0, times=0))  # on the wire for 3 s
    proxy.add(Rule(action="latency", op="put", delay=0.2, times=0))  # the batch outlives two polls
    engine = make_engine(home, fast_settings(concurrency=1))
    engine.start(resume=False)
    try:
        result = engine.queue_paths([str(folder)], destination(bucket, proxy.url), "n")
        time.sleep(1.2)  # two polls of the command table
        assert engine.wait_idle(60)
        rows = engine.journal.list_uploads(ids=list(result.upload_ids))
        assert {r.state for r in rows} == {UploadState.DONE}
        for name, digest in hashes.items():
            assert object_sha256(s3, bucket, f"n/next/{name}") == digest

        # A command sent to this engine while it runs still takes effect.
        more = tmp_path / "more"
        more.mkdir()
        make_file(more / "held.bin", 1000, seed=99)
        second = engine.queue_paths([str(more)], destination(bucket, proxy.url), "m")
        engine.journal.push_command("cancel", second.upload_ids[0])
        deadline = time.monotonic() + 10
        while engine.journal.get_upload(second.upload_ids[0]).state != UploadState.CANCELLED:
            assert time.monotonic() < deadline, "a command for the running engine was not applied"
            time.sleep(0.05)
        assert engine.wait_idle(60)
    finally:
        engine.shutdown()
    assert engine.journal.take_commands() == []

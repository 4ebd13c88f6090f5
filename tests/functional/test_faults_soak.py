"""Soak: 200 parts with ~10% of requests failing in mixed ways, byte-identical, bounded time.

200 real 5 MiB parts would be 1 GiB held in moto's RAM, too slow for the suite. So this
test runs its own moto server (a subprocess, stopped after the module) whose minimum
part size is 256 KiB, and lowers Hoist's minimum to match **in this test process only**
(monkeypatching the planner's ``minimum_part``/``minimum`` arguments, which exist for
exactly this): nothing a user can set lowers the 5 MiB rule. Every other test uses the
real 5 MiB minimum.
"""

from __future__ import annotations

import random

from hoist.store.states import UploadState
from tests.conftest import s3_client
from tests.helpers import make_file, object_sha256
from tests.support.faultproxy import FaultProxy, Rule, Seen
from tests.support.harness import destination, fast_settings, make_engine, run_batch
from tests.support.small_parts import SMALL_PART, small_part_moto, small_parts_allowed  # noqa: F401 - fixtures

FILES, PARTS_PER_FILE = 10, 20  # 200 parts
FAILURE_RATE = 0.10
SEED = 20261122

FAULTS = [
    Rule("reset"),
    Rule("close"),
    Rule("status", status=500, code="InternalError", message="We encountered an internal error."),
    Rule("status", status=503, code="SlowDown", message="Please reduce your request rate."),
    Rule("status", status=429, code="TooManyRequests", message="Slow down", headers={"Retry-After": "0"}),
    Rule("status", status=400, code="RequestTimeout", message="Your socket connection timed out."),
    Rule("status", status=403, code="AccessDenied", message="Request has expired"),
    Rule("flip"),
    Rule("stall", delay=30),
]
# Create/Complete are retried by botocore and Hoist; faults there that cannot lose a
# reply the server already acted on.
CONTROL_FAULTS = FAULTS[1:4]


def test_soak_200_parts_with_ten_percent_mixed_failures(small_part_moto, small_parts_allowed, home, tmp_path):  # noqa: F811
    s3 = s3_client(small_part_moto)
    bucket = "soak"
    s3.create_bucket(Bucket=bucket)
    digests = {}
    for index in range(FILES):
        path = tmp_path / "soak" / f"file-{index:02d}.bin"
        # The last part of each file is short, as in life.
        digests[path] = make_file(path, PARTS_PER_FILE * SMALL_PART - 1000 * index - 1, seed=100 + index)

    # Exactly 10% of the first attempts of the 200 parts fail (a seeded choice), and then
    # every later request (retries, create, complete) fails with a seeded 10% chance.
    idents = [(f"soak/{p.name}", n) for p in sorted(digests) for n in range(1, PARTS_PER_FILE + 1)]
    chosen = random.Random(SEED)
    sampled = chosen.sample(idents, len(idents) // 10)
    first_failures = {ident: FAULTS[i % len(FAULTS)] for i, ident in enumerate(sampled)}  # every kind
    attempts: dict[tuple[str, str, int | None], int] = {}

    def decide(seen: Seen) -> Rule | None:
        if seen.op not in ("part", "create", "complete"):
            return None
        ident = (seen.op, seen.key, seen.part)
        attempts[ident] = attempts.get(ident, 0) + 1
        if seen.op == "part" and attempts[ident] == 1:
            return first_failures.get((seen.key, seen.part or 0))
        # Seeded per (request, attempt): the same faults whatever the thread timing.
        rng = random.Random(f"{SEED}:{ident}:{attempts[ident]}")
        if rng.random() >= FAILURE_RATE:
            return None
        return rng.choice(FAULTS if seen.op == "part" else CONTROL_FAULTS)

    with FaultProxy(small_part_moto) as proxy:
        proxy.decide = decide
        engine = make_engine(home, fast_settings(concurrency=6, part_size=SMALL_PART,
                                                 multipart_threshold=SMALL_PART, io_timeout=1.0))  # fmt: skip
        ids, watch, seconds = run_batch(
            engine, [tmp_path / "soak"], destination(bucket, proxy.url), timeout=90
        )
        faults = proxy.faults_fired()
        requests = len(proxy.seen)
        part_puts = len(proxy.requests("part"))
        body_bytes = proxy.body_bytes("part")

    rows = engine.journal.list_uploads(ids=ids)
    assert len(rows) == FILES
    assert sum(r.part_count for r in rows) == FILES * PARTS_PER_FILE
    assert [r.state for r in rows] == [UploadState.DONE] * FILES, [r.error for r in rows]
    for path, digest in digests.items():
        assert object_sha256(s3, bucket, f"soak/{path.name}") == digest
    assert {r.sha256 for r in rows} == set(digests.values())
    total = sum(path.stat().st_size for path in digests)
    retries = sum(r.retries for r in rows)
    resent = sum(r.bytes_resent for r in rows)
    print(
        f"\nsoak: {FILES * PARTS_PER_FILE} parts, {total / 2**20:.1f} MiB, {requests} requests, "
        f"{faults} faults injected ({faults / requests:.0%}), {part_puts} part PUTs, {retries} retries, "
        f"{body_bytes - total} body bytes sent twice ({resent} counted by the journal as re-sent), "
        f"{seconds:.1f} s"
    )
    assert faults >= len(idents) // 10, "the fault mix did not fire"
    assert {r.action for r in first_failures.values()} == {r.action for r in FAULTS}
    assert part_puts > FILES * PARTS_PER_FILE
    assert not watch.violations, watch.violations[:5]
    assert seconds < 60

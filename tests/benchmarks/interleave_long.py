"""The long run of the randomized interleaving test (tests/support/interleave.py).

    .venv/bin/python tests/benchmarks/interleave_long.py --minutes 10 [--first-seed 1000]

Runs seed after seed against a small-part moto server until the time is up, then prints
how many interleavings it tried (runs, actions, requests, faults injected) and every
violation found, with the seed and the actions that led to it. Exit code 1 if any.
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "app")]
os.environ.setdefault("S3_UPLOAD_PART_MIN_SIZE", str(256 * 1024))

from tests.conftest import free_port, s3_client  # noqa: E402
from tests.support.interleave import run_interleaving  # noqa: E402
from tests.support.small_parts import SMALL_PART  # noqa: E402

from hoist.engine import batch, planner, start  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--first-seed", type=int, default=1000)
    parser.add_argument("--actions", type=int, default=10, help="random actions per run")
    args = parser.parse_args()
    # This process only: Hoist's part minimum lowered to the small-part moto's (as the tests do).
    batch.validate_part_size = functools.partial(planner.validate_part_size, minimum=SMALL_PART)  # type: ignore[assignment]
    batch.plan_file = functools.partial(planner.plan_file, minimum_part=SMALL_PART)  # type: ignore[assignment]
    start.plan_file = functools.partial(planner.plan_file, minimum_part=SMALL_PART)  # type: ignore[assignment]
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        env=dict(os.environ, S3_UPLOAD_PART_MIN_SIZE=str(SMALL_PART)),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    endpoint = f"http://127.0.0.1:{port}"
    time.sleep(2.0)
    s3 = s3_client(endpoint)
    deadline = time.monotonic() + args.minutes * 60
    runs = actions = requests = faults = 0
    found: list[str] = []
    seed = args.first_seed
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="hoist-interleave-") as work:
            while time.monotonic() < deadline:
                outcome = run_interleaving(seed, endpoint, s3, Path(work) / str(seed), actions=args.actions)
                runs += 1
                actions += len(outcome.actions)
                requests += outcome.requests
                faults += outcome.faults
                if outcome.violations:
                    found.append(
                        f"seed {seed}:\n  "
                        + "\n  ".join([*outcome.violations, *outcome.actions, *outcome.trace])
                    )
                seed += 1
    finally:
        server.terminate()
    minutes = (time.monotonic() - started) / 60
    print(f"interleavings: {runs} runs (seeds {args.first_seed}..{seed - 1}) in {minutes:.1f} min; "
          f"{actions} actions, {requests} requests, {faults} faults injected; "
          f"{len(found)} run(s) with violations")  # fmt: skip
    for text in found:
        print(text)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())

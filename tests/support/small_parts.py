"""A moto server whose minimum part size is 256 KiB, and Hoist's minimum lowered to match
in the test process only, for tests that need many parts without 5 MiB each.

200 real 5 MiB parts would be 1 GiB held in moto's RAM, too slow for the suite. So these
tests run their own moto server (a subprocess, stopped after the module) whose minimum
part size is 256 KiB, and lower Hoist's minimum to match **in the test process only**
(monkeypatching the planner's ``minimum_part``/``minimum`` arguments, which exist for
exactly this): nothing a user can set lowers the 5 MiB rule. Every other test uses the
real 5 MiB minimum.
"""

from __future__ import annotations

import functools
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from hoist.engine import batch, planner, start
from tests.conftest import free_port

SMALL_PART = 256 * 1024


@pytest.fixture(scope="module")
def small_part_moto() -> Iterator[str]:
    port = free_port()
    env = dict(os.environ, S3_UPLOAD_PART_MIN_SIZE=str(SMALL_PART))
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert process.poll() is None, "moto server exited"
                assert time.monotonic() < deadline, "moto server did not start"
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def small_parts_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lower Hoist's part minimum in this process only, for the small-part moto above."""
    monkeypatch.setattr(batch, "validate_part_size",
                        functools.partial(planner.validate_part_size, minimum=SMALL_PART))  # fmt: skip
    monkeypatch.setattr(batch, "plan_file", functools.partial(planner.plan_file, minimum_part=SMALL_PART))
    monkeypatch.setattr(start, "plan_file", functools.partial(planner.plan_file, minimum_part=SMALL_PART))

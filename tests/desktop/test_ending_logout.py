"""Two more ways the window ends (issue 18), ten times each, the real `hoist FILE` on its
own Xvfb with a tint2 tray and an upload running:

- A logout through the session manager: a session bus (dbus-daemon) with a session
  manager speaking GNOME's protocol (tests/support/session_manager.py; gnome-session
  itself needs a whole GNOME session). Hoist registers with it, answers QueryEndSession
  at once and, at EndSession, is gone within 5 s with its upload back to queued.
- A second signal while the first ending is under way: the upload's second part is held
  by a proxy that answers it late, so stopping the engine waits for its worker; SIGTERM,
  then, once the log says the ending began, SIGTERM, SIGINT or SIGHUP. The process is
  killed by that second signal at once (the handlers put the signals back to their
  default), the journal passes its integrity check with the first part done, and
  `hoist resume` carries the upload to the end, byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from hoist.config.paths import Paths, resolve_paths
from hoist.config.settings import Config, CredentialSource, IfExists, Profile, TransferSettings, save_config
from tests.desktop.test_ending import LIMIT, RUNS, journal_states, start_session, tray_embedded
from tests.helpers import REPO, MiB, hoist_env, make_file, object_sha256, run_hoist
from tests.support.faultproxy import FaultProxy, Rule
from tests.support.session_manager import GnomeSessionManager, SessionBus

pytestmark = pytest.mark.desktop

AT_ONCE = 1.0  # seconds from the second signal to the process gone
SECOND = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def make_home(home: Path, endpoint: str, bucket: str, **transfer: object) -> Paths:
    profile = Profile(name="local", endpoint_url=endpoint, bucket=bucket, path_style=True,
                      credential_source=CredentialSource.ENVIRONMENT)  # fmt: skip
    settings = TransferSettings(part_size=5 * MiB, multipart_threshold=5 * MiB, if_exists=IfExists.OVERWRITE)
    for name, value in transfer.items():
        setattr(settings, name, value)
    paths = resolve_paths(home)
    save_config(Config(profiles={"local": profile}, default_profile="local", transfer=settings),
                paths.ensure().config_file)  # fmt: skip
    return paths


def start_window(
    home: Path, source: Path, display: str, stderr: Path, **extra: str
) -> subprocess.Popen[bytes]:
    env = {**os.environ, **{k: v for k, v in hoist_env(home).items() if k.startswith(("HOIST", "AWS"))}}
    env.update(DISPLAY=display, HOIST_LANG="en", **extra)
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("WAYLAND_DISPLAY", None)
    if "DBUS_SESSION_BUS_ADDRESS" not in extra:
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    with stderr.open("w") as err:
        return subprocess.Popen([sys.executable, "-m", "hoist", str(source)], env=env, cwd=str(REPO),
                                stdout=subprocess.DEVNULL, stderr=err)  # fmt: skip


def wait_until(what: Callable[[], bool], process: subprocess.Popen[bytes], stderr: Path, timeout: float,
               why: str) -> None:  # fmt: skip
    deadline = time.monotonic() + timeout
    while not what():
        assert process.poll() is None, f"Hoist exited before {why}:\n{stderr.read_text()[-3000:]}"
        assert time.monotonic() < deadline, f"never {why}"
        time.sleep(0.02)


def log_says(paths: Paths, text: str) -> bool:
    return paths.log_file.exists() and text in paths.log_file.read_text(errors="replace")


def integrity(paths: Paths) -> tuple[str, list[str], dict[int, tuple[str, str | None]]]:
    """PRAGMA integrity_check, the uploads' states, the parts (number -> state, etag)."""
    with sqlite3.connect(str(paths.journal)) as db:
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
        states = [row[0] for row in db.execute("SELECT state FROM uploads")]
        parts = {
            n: (state, etag) for n, state, etag in db.execute("SELECT part_number, state, etag FROM parts")
        }
    return check, states, parts


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
        process.wait(10)


@dataclass
class Logout:
    run: int
    query_answered: float  # seconds to answer QueryEndSession
    seconds: float  # from EndSession to the process gone
    code: int | None
    responses: int
    states: list[str]
    integrity: str
    said: bool  # the log says why it ended


def logout_once(run: int, tmp: Path, source: Path, endpoint: str, bucket: str) -> Logout:
    folder = tmp / f"logout-{run}"
    paths = make_home(folder / "home", endpoint, bucket, concurrency=2, bandwidth_limit=256 * 1024)
    session = start_session(folder / "tint2")
    bus = SessionBus(folder / "bus")
    manager = GnomeSessionManager(bus.address)
    stderr = folder / "stderr.txt"
    process = start_window(
        folder / "home", source, session.display, stderr, DBUS_SESSION_BUS_ADDRESS=bus.address
    )
    try:
        wait_until(lambda: "running" in journal_states(paths.journal) and tray_embedded(session, process.pid),
                   process, stderr, 60, "running with its tray icon")  # fmt: skip
        wait_until(lambda: any(c.pid == process.pid for c in manager.clients), process, stderr, 20,
                   "registered with the session manager")  # fmt: skip
        (client,) = [c for c in manager.clients if c.pid == process.pid]
        assert client.app_id == "hoist"
        time.sleep(0.05 * (run % 7))  # different moments of the window's life
        answered, ended = manager.end_session(client)
        try:
            code: int | None = process.wait(LIMIT + 10)
        except subprocess.TimeoutExpired:
            code = None
        seconds = time.monotonic() - ended
        responses = len(client.responses)
    finally:
        stop(process)
        manager.close()
        bus.close()
        session.close()
    check, states, _parts = integrity(paths)
    return Logout(
        run, answered, seconds, code, responses, states, check, log_says(paths, "Ending (the session ends)")
    )


def test_a_logout_through_the_session_manager_ends_hoist_within_5s(moto_endpoint, s3, tmp_path):
    bucket = f"logout-{os.getpid()}"
    s3.create_bucket(Bucket=bucket)
    source = tmp_path / "video.mp4"
    make_file(source, 6 * MiB)
    with ThreadPoolExecutor(max_workers=2) as pool:  # each has its own X server, tray, bus and journal
        outcomes = list(
            pool.map(lambda run: logout_once(run, tmp_path, source, moto_endpoint, bucket), range(RUNS))
        )
    print(f"logout: {len(outcomes)} endings, slowest {max(o.seconds for o in outcomes):.2f} s, "
          f"QueryEndSession answered within {max(o.query_answered for o in outcomes):.3f} s")  # fmt: skip
    for o in outcomes:
        assert o.query_answered < 1.0, f"run {o.run}: QueryEndSession took {o.query_answered:.2f} s"
        assert o.code == 0 and o.seconds < LIMIT, f"run {o.run}: exit {o.code} after {o.seconds:.1f} s"
        assert o.responses == 2 and o.said, o
        assert o.integrity == "ok" and o.states and set(o.states) <= {"queued", "done"}, o


@dataclass
class SecondSignal:
    run: int
    second: int
    code: int | None
    seconds: float  # from the second signal to the process gone
    integrity: str
    states: list[str]
    parts: dict[int, tuple[str, str | None]]
    resumed: int
    digest: str


def second_signal_once(run: int, tmp: Path, endpoint: str, bucket: str, s3: object) -> SecondSignal:
    folder = tmp / f"second-{run}"
    key = f"second-{run}.bin"
    copy = folder / key
    make_file(copy, 12 * MiB, seed=run)
    proxy = FaultProxy(endpoint).start()
    # Part 2 is read whole and answered only 8 s later: its worker waits in a read that
    # stopping the engine cannot cut short, so the ending lasts its engine budget (2 s).
    stall = Rule(action="latency", op="part", part=2, times=0, delay=8)
    proxy.add(stall)
    paths = make_home(folder / "home", proxy.url, bucket, concurrency=1)
    session = start_session(folder / "tint2")
    stderr = folder / "stderr.txt"
    process = start_window(folder / "home", copy, session.display, stderr)
    second = SECOND[run % len(SECOND)]
    try:

        def waiting_for_part_2() -> bool:  # all of it sent: its worker waits for the answer
            seen = proxy.requests("part", part=2)
            return bool(seen) and seen[-1].body_received == seen[-1].content_length > 0

        wait_until(lambda: waiting_for_part_2() and tray_embedded(session, process.pid), process, stderr, 60,
                   "waiting for part 2's answer with its tray icon")  # fmt: skip
        process.send_signal(signal.SIGTERM)
        wait_until(lambda: log_says(paths, "Ending (signal SIGTERM)"), process, stderr, 5, "began ending")
        assert process.poll() is None, "the first ending was over before the second signal"
        sent = time.monotonic()
        process.send_signal(second)
        try:
            code: int | None = process.wait(LIMIT)
        except subprocess.TimeoutExpired:
            code = None
        seconds = time.monotonic() - sent
    finally:
        stop(process)
        session.close()
    check, states, parts = integrity(paths)
    proxy.clear()  # the network is fine again: the next start sends part 2
    resumed = run_hoist(
        folder / "home", "resume", timeout=180, env=hoist_env(folder / "home", HOIST_LANG="en")
    )
    proxy.stop()
    digest = object_sha256(s3, bucket, key) if resumed.returncode == 0 else ""
    return SecondSignal(run, second, code, seconds, check, states, parts, resumed.returncode, digest)


def test_a_second_signal_while_ending_ends_at_once_and_the_journal_carries_on(moto_endpoint, s3, tmp_path):
    bucket = f"second-signal-{os.getpid()}"
    s3.create_bucket(Bucket=bucket)
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(lambda run: second_signal_once(run, tmp_path, moto_endpoint, bucket, s3),
                                 range(RUNS)))  # fmt: skip
    print(
        f"second signal: {len(outcomes)} endings, slowest {max(o.seconds for o in outcomes):.2f} s after it"
    )
    for o in outcomes:
        name = signal.Signals(o.second).name
        assert o.code == -o.second, f"run {o.run}: exit {o.code} (not killed by the second {name})"
        assert o.seconds < AT_ONCE, f"run {o.run}: gone {o.seconds:.2f} s after the second {name}"
        assert o.integrity == "ok", o
        assert len(o.states) == 1 and o.states[0] in ("running", "queued"), o  # as after a kill -9
        assert o.parts[1][0] == "done" and o.parts[1][1], o  # part 1's ETag kept
        assert o.resumed == 0, o
        expected = hashlib.sha256(
            (tmp_path / f"second-{o.run}" / f"second-{o.run}.bin").read_bytes()
        ).hexdigest()
        assert o.digest == expected, f"run {o.run}: the object is not the file"

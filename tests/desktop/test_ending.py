"""However the session ends, the window is gone within 5 s and the journal is intact
(issue 18): the real `hoist FILE` on its own Xvfb with a tint2 tray, an upload running
(held back by the bandwidth limit), then SIGTERM, SIGINT, SIGHUP, the X server and the
tray host killed, or the X server, the tray host and SIGTERM at the same moment (what
a logout does) - ten times each. Every time: the process is gone within 5 s,
``PRAGMA integrity_check`` says ok and no upload is left 'running'."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hoist.config.paths import resolve_paths
from hoist.config.settings import Config, CredentialSource, IfExists, Profile, TransferSettings, save_config
from tests.desktop.conftest import TINT2RC
from tests.desktop.test_tray_desktop import tray_children
from tests.helpers import REPO, MiB, hoist_env, make_file

pytestmark = pytest.mark.desktop

RUNS = int(os.environ.get("HOIST_ENDING_RUNS", "10"))
LIMIT = 5.0  # seconds from the ending to the process gone
KINDS = ("SIGTERM", "SIGINT", "SIGHUP", "display", "display+SIGTERM")
_display_lock = threading.Lock()
_next_display = [300]


def _claim_display() -> int:
    with _display_lock:
        while True:
            number = _next_display[0]
            _next_display[0] += 1
            if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
                return number


@dataclass
class Session:
    """A private X server with a tint2 tray, for one Hoist that ends with it."""

    number: int
    xvfb: subprocess.Popen[bytes]
    tint2: subprocess.Popen[bytes] | None = None
    extra: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def display(self) -> str:
        return f":{self.number}"

    def close(self) -> None:
        for process in (self.tint2, self.xvfb):
            if process is not None and process.poll() is None:
                process.kill()
            if process is not None:
                process.wait(10)


def start_session(config_dir: Path) -> Session:
    number = _claim_display()
    xvfb = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1024x700x24", "-nolisten", "tcp", "-noreset"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    session = Session(number, xvfb)
    deadline = time.monotonic() + 20
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        assert xvfb.poll() is None, "Xvfb exited"
        assert time.monotonic() < deadline, "Xvfb did not start"
        time.sleep(0.02)
    env = {**os.environ, "DISPLAY": session.display}
    for name, value in (("_NET_NUMBER_OF_DESKTOPS", "1"), ("_NET_CURRENT_DESKTOP", "0")):  # see conftest
        subprocess.run(
            ["xprop", "-root", "-f", name, "32c", "-set", name, value], env=env, check=True, timeout=10
        )
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "tint2rc").write_text(TINT2RC)
    session.tint2 = subprocess.Popen(["tint2", "-c", str(config_dir / "tint2rc")],
                                     env={**env, "XDG_CONFIG_HOME": str(config_dir)},
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return session


def journal_states(journal: Path) -> list[str]:
    if not journal.exists():
        return []
    try:
        with sqlite3.connect(f"file:{journal}?mode=ro", uri=True, timeout=5) as db:
            return [row[0] for row in db.execute("SELECT state FROM uploads")]
    except sqlite3.OperationalError:  # the schema is still being created
        return []


def tray_embedded(session: Session, pid: int) -> bool:
    """A window of ours (the tray icon) is a child of tint2's panel."""
    env = {**os.environ, "DISPLAY": session.display}
    found = subprocess.run(["xdotool", "search", "--pid", str(pid)], env=env,
                           capture_output=True, text=True, timeout=10).stdout.split()  # fmt: skip
    tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True,
                          timeout=10).stdout  # fmt: skip
    if '"tint2"' not in tree:
        return False
    inside = "\n".join(tray_children(tree))
    return any(hex(int(w)) + " " in inside for w in found)


@dataclass
class Outcome:
    kind: str
    seconds: float
    code: int | None
    states: list[str]
    integrity: str
    stderr: str


def end_once(kind: str, run: int, tmp: Path, source: Path, endpoint: str, bucket: str) -> Outcome:
    home = tmp / f"{kind.replace('+', '-')}-{run}"
    home.mkdir(parents=True)
    profile = Profile(name="local", endpoint_url=endpoint, bucket=bucket, path_style=True,
                      credential_source=CredentialSource.ENVIRONMENT)  # fmt: skip
    transfer = TransferSettings(part_size=5 * MiB, multipart_threshold=5 * MiB, concurrency=2,
                                bandwidth_limit=256 * 1024, if_exists=IfExists.OVERWRITE)  # fmt: skip
    paths = resolve_paths(home / "home")
    save_config(Config(profiles={"local": profile}, default_profile="local", transfer=transfer),
                paths.config_file)  # fmt: skip
    session = start_session(home / "tint2")
    env = {k: v for k, v in hoist_env(home / "home").items() if k.startswith(("HOIST", "AWS"))}
    env = {**os.environ, **env, "DISPLAY": session.display}
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("WAYLAND_DISPLAY", None)
    stderr_path = home / "stderr.txt"
    with stderr_path.open("w") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "hoist", str(source)], env=env, cwd=str(REPO),
                                   stdout=subprocess.DEVNULL, stderr=stderr)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        journal = paths.journal
        # Up: the upload is running and the tray icon is embedded in tint2's panel.
        while not ("running" in journal_states(journal) and tray_embedded(session, process.pid)):
            assert process.poll() is None, stderr_path.read_text()
            assert time.monotonic() < deadline, f"never running with its tray icon: {journal_states(journal)}"
            time.sleep(0.1)
        time.sleep(0.05 * (run % 7))  # different moments of the window's life
        actions: list[Callable[[], None]] = []
        if kind.startswith("display"):
            assert session.tint2 is not None
            actions += [session.tint2.kill, session.xvfb.kill]
        if kind.endswith("SIGTERM"):
            actions.append(lambda: process.send_signal(signal.SIGTERM))
        elif kind in ("SIGINT", "SIGHUP"):
            actions.append(lambda: process.send_signal(getattr(signal, kind)))
        started = time.monotonic()
        for act in actions:
            act()
        try:
            code: int | None = process.wait(LIMIT + 10)
        except subprocess.TimeoutExpired:
            code = None
        seconds = time.monotonic() - started
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        session.close()
    with sqlite3.connect(str(paths.journal)) as db:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        states = [row[0] for row in db.execute("SELECT state FROM uploads")]
    return Outcome(kind, seconds, code, states, integrity, stderr_path.read_text(errors="replace")[-3000:])


def test_every_ending_leaves_within_5s_with_the_journal_intact(moto_endpoint, s3, tmp_path):
    bucket = f"ending-{os.getpid()}"
    s3.create_bucket(Bucket=bucket)
    source = tmp_path / "video.mp4"
    make_file(source, 6 * MiB)
    jobs = [(kind, run) for run in range(RUNS) for kind in KINDS]
    # Two at a time: each has its own X server, tray and journal.
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(lambda job: end_once(*job, tmp_path, source, moto_endpoint, bucket), jobs))
    report = []
    for kind in KINDS:
        mine = [o for o in outcomes if o.kind == kind]
        report.append(f"{kind}: {len(mine)} endings, slowest {max(o.seconds for o in mine):.2f} s, "
                      f"exit codes {sorted({o.code for o in mine}, key=str)}")  # fmt: skip
    print("\n".join(report))
    for o in outcomes:
        assert o.code is not None and o.seconds < LIMIT, (
            f"{o.kind}: still there after {o.seconds:.1f} s\n{o.stderr}"
        )
        assert o.integrity == "ok", f"{o.kind}: {o.integrity}"
        assert o.states and set(o.states) <= {"queued", "done"}, f"{o.kind}: {o.states}\n{o.stderr}"

"""GUI responsiveness benchmark (not part of the default run).

    .venv/bin/python tests/benchmarks/bench_gui.py [--parts 2000] [--part-kib 32] [--files 4]

1. Event-loop lag and repaint rate while 4 files x 2,000 parts upload at full speed
   to a local server (`rclone serve s3`, which accepts small parts; moto otherwise),
   with one of them selected so the part map and the parts table update too. Lag is
   a 10 ms PreciseTimer's observed interval minus 10 ms.
2. Start-up time with a journal of 100,000 finished uploads and 10,000 unfinished
   parts: from creating the app objects to the window painted, and to the queue
   populated (the engine started off the GUI thread).
3. A folder of 20,000 one-byte files (``--many``) added to the window: time until all
   are queued, files per second, and the event-loop lag while they upload.

Each phase runs in its own process (QT_QPA_PLATFORM=offscreen unless DISPLAY is set).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "app"))
BIN = Path(sys.executable).parent
AK, SK, BUCKET = "benchkey", "benchsecret1234567890", "bench"
KiB, MiB = 1024, 1024 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(root: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    port = free_port()
    if (BIN / "rclone").exists():
        (root / BUCKET).mkdir(parents=True, exist_ok=True)
        cmd = [str(BIN / "rclone"), "serve", "s3", str(root), "--addr", f"127.0.0.1:{port}",
               "--auth-key", f"{AK},{SK}", "--vfs-cache-mode", "off", "--config", "/dev/null"]  # fmt: skip
        kind, env = "rclone serve s3", dict(os.environ)
    else:
        cmd = [sys.executable, "-c", "import sys; from moto.server import ThreadedMotoServer as S; "
               "s = S(ip_address='127.0.0.1', port=int(sys.argv[1])); s.start(); import time; "
               "time.sleep(10**6)", str(port)]  # fmt: skip
        kind, env = "moto server", {**os.environ, "S3_UPLOAD_PART_MIN_SIZE": str(16 * KiB)}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{kind} did not start") from None
            time.sleep(0.1)
    if kind == "moto server":
        import boto3

        boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                     aws_access_key_id=AK, aws_secret_access_key=SK).create_bucket(Bucket=BUCKET)  # fmt: skip
    return proc, f"http://127.0.0.1:{port}", kind


def make_gui(home: Path, endpoint: str, concurrency: int = 8) -> Any:
    from hoist.config.paths import resolve_paths
    from hoist.config.settings import Config, CredentialSource, IfExists, Profile, TransferSettings
    from hoist.ui.app import HoistGui

    profile = Profile(name="bench", endpoint_url=endpoint, bucket=BUCKET, path_style=True,
                      credential_source=CredentialSource.ENVIRONMENT)  # fmt: skip
    config = Config(profiles={"bench": profile}, default_profile="bench",
                    transfer=TransferSettings(concurrency=concurrency, if_exists=IfExists.OVERWRITE))  # fmt: skip
    gui = HoistGui(resolve_paths(home).ensure(), config)
    assert gui.acquire_lock() is None
    return gui


# -- phase 1: lag and repaints while uploading -------------------------------------------------


def idle_lag(app: Any, seconds: float) -> float:
    """p99 lag of the same timer with nothing uploading: what the machine itself adds."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    loop = QEventLoop()
    stamps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(10)
    timer.timeout.connect(lambda: stamps.append(clock.nsecsElapsed() / 1e6))
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    timer.start()
    loop.exec()  # a local loop: QApplication.quit() would also close the window
    timer.stop()
    lags = sorted(max(0.0, b - a - 10.0) for a, b in itertools.pairwise(stamps))
    return round(lags[int(0.99 * (len(lags) - 1))], 2) if lags else 0.0


def phase_lag(args: argparse.Namespace) -> dict[str, Any]:
    from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from hoist.store.journal import NewUpload, PartPlan
    from hoist.store.states import UploadState
    from hoist.ui.context import destination_for

    os.environ.update(AWS_ACCESS_KEY_ID=AK, AWS_SECRET_ACCESS_KEY=SK, AWS_DEFAULT_REGION="us-east-1")
    work = Path(tempfile.mkdtemp(prefix="hoist-bench-gui-"))
    server, endpoint, kind = start_server(work / "server")
    try:
        app = QApplication.instance() or QApplication([])
        part = args.part_kib * KiB
        size = part * args.parts
        uploads = []
        block = os.urandom(MiB)
        for i in range(args.files):
            path = work / f"file-{i}.bin"
            with open(path, "wb") as handle:
                for _ in range(size // MiB):
                    handle.write(block)
                handle.write(block[: size % MiB])
            st = path.stat()
            parts = tuple(PartPlan(n + 1, n * part, part) for n in range(args.parts))
            uploads.append(NewUpload(str(path), size, st.st_mtime_ns, f"bench/{path.name}", "multipart", part,
                                     parts, "application/octet-stream", "overwrite", {}))  # fmt: skip
        gui = make_gui(work / "home", endpoint, args.concurrency)
        gui.build(excepthooks=False)
        window = gui.main_window
        window.resize(1100, 720)
        gui.start()
        while not gui.bridge.aggregate.engine_running:
            app.processEvents()

        class PaintCounter(QObject):
            def __init__(self) -> None:
                super().__init__()
                self.count = 0

            def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    self.count += 1
                return False

        tree_paints, table_paints = PaintCounter(), PaintCounter()
        window.tree.viewport().installEventFilter(tree_paints)
        window.parts.table.viewport().installEventFilter(table_paints)
        changed_signals = [0]
        window.model.dataChanged.connect(lambda *_: changed_signals.__setitem__(0, changed_signals[0] + 1))

        baseline = idle_lag(app, 3.0)
        # Plan small parts directly (the engine refuses < 5 MiB; the server here does not care).
        destination = destination_for(gui.config.profiles["bench"])
        batch = gui.journal.create_batch("bench", destination, uploads)
        ids = batch[1]
        gui.bridge.submit(lambda: gui.engine.run_uploads(ids))
        stamps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        lag_timer = QTimer()
        lag_timer.setTimerType(Qt.TimerType.PreciseTimer)
        lag_timer.setInterval(10)
        lag_timer.timeout.connect(lambda: stamps.append(clock.nsecsElapsed() / 1e6))
        state: dict[str, Any] = {"selected": False, "running_since": None}
        counters: dict[str, int] = {}

        def watch() -> None:  # every 100 ms, inside app.exec() like the real window
            states = [p.state for p in gui.bridge.uploads.values()]
            if not state["selected"] and ids[0] in gui.bridge.uploads:
                window.select_uploads([ids[0]])
                state["selected"] = True
            if state["running_since"] is None and UploadState.RUNNING in states:
                state["running_since"] = time.monotonic()
                state["cpu0"] = (time.thread_time(), time.process_time())
                stamps.clear()
                counters.update(tree=tree_paints.count, table=table_paints.count, map=window.parts.map.paints,
                                changed=changed_signals[0], ticks=gui.bridge.ticks)  # fmt: skip
            first = gui.bridge.uploads.get(ids[0])
            if first is not None and first.state == UploadState.RUNNING and "sel_start" not in state:
                state["sel_start"] = (time.monotonic(), window.parts.map.paints, table_paints.count)
            if first is not None and first.state == UploadState.DONE and "sel_end" not in state:
                state["sel_end"] = (time.monotonic(), window.parts.map.paints, table_paints.count)
            done = len(states) == len(ids) and all(s == UploadState.DONE for s in states)
            if done or time.monotonic() > deadline:
                loop.quit()

        started = time.monotonic()
        deadline = started + args.timeout
        watcher = QTimer()
        watcher.setInterval(100)
        watcher.timeout.connect(watch)
        watcher.start()
        lag_timer.start()
        loop = QEventLoop()
        loop.exec()  # like app.exec(), without QApplication.quit() closing the window
        ended = time.monotonic()
        gui_cpu, process_cpu = time.thread_time() - state["cpu0"][0], time.process_time() - state["cpu0"][1]
        lag_timer.stop()
        watcher.stop()
        states = [p.state for p in gui.bridge.uploads.values()]
        running_since = state["running_since"]
        assert running_since is not None
        span = ended - running_since
        tree0, table0, map0, ch0, ticks0 = (counters[k] for k in ("tree", "table", "map", "changed", "ticks"))
        intervals = [b - a for a, b in itertools.pairwise(stamps)]
        lags = sorted(max(0.0, i - 10.0) for i in intervals)
        p = lambda q: lags[min(len(lags) - 1, int(q * len(lags)))]  # noqa: E731
        result = {
            "server": kind,
            "files": args.files, "parts_per_file": args.parts, "part_size_kib": args.part_kib,
            "all_done": all(s == UploadState.DONE for s in states) and len(states) == len(ids),
            "upload_seconds": round(span, 2),
            "throughput_mib_s": round(args.files * size / MiB / max(span, 1e-9), 1),
            "parts_per_second": round(args.files * args.parts / max(span, 1e-9)),
            "idle_lag_ms_p99": baseline,
            "gui_thread_cpu_percent": round(100 * gui_cpu / span, 1),
            "process_cpu_percent": round(100 * process_cpu / span, 1),
            "lag_samples": len(lags),
            "lag_ms_p50": round(p(0.50), 2), "lag_ms_p99": round(p(0.99), 2), "lag_ms_max": round(lags[-1], 2),
            "queue_repaints_per_s": round((tree_paints.count - tree0) / span, 1),
            "parts_table_repaints_per_s": round((table_paints.count - table0) / span, 1),
            "part_map_repaints_per_s": round((window.parts.map.paints - map0) / span, 1),
            "selected_file_seconds": round(state["sel_end"][0] - state["sel_start"][0], 2),
            "part_map_repaints_per_s_while_selected_uploads": round(
                (state["sel_end"][1] - state["sel_start"][1]) / (state["sel_end"][0] - state["sel_start"][0]), 1),
            "parts_table_repaints_per_s_while_selected_uploads": round(
                (state["sel_end"][2] - state["sel_start"][2]) / (state["sel_end"][0] - state["sel_start"][0]), 1),
            "model_dataChanged_per_s": round((changed_signals[0] - ch0) / span, 1),
            "bridge_ticks_per_s": round((gui.bridge.ticks - ticks0) / span, 1),
        }  # fmt: skip
        gui.shutdown()
        return result
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(work, ignore_errors=True)


# -- phase 3: a folder of many small files dropped on the window -----------------------------------


def phase_many(args: argparse.Namespace) -> dict[str, Any]:
    """Event-loop lag and files per second while a folder of ``--many`` 1-byte files,
    added through the window like a drop, is planned, queued and uploaded."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from hoist.store.states import UploadState

    os.environ.update(AWS_ACCESS_KEY_ID=AK, AWS_SECRET_ACCESS_KEY=SK, AWS_DEFAULT_REGION="us-east-1")
    work = Path(tempfile.mkdtemp(prefix="hoist-bench-many-"))
    server, endpoint, kind = start_server(work / "server")
    try:
        folder = work / "photos"
        for i in range(args.many):
            sub = folder / f"{i // 200:03d}"
            sub.mkdir(parents=True, exist_ok=True)
            (sub / f"{i}.jpg").write_bytes(b"x")
        _app = QApplication.instance() or QApplication([])  # kept alive for the phase
        gui = make_gui(work / "home", endpoint, args.concurrency)
        gui.build(excepthooks=False)
        gui.main_window.resize(1100, 720)
        gui.start()
        clock = QElapsedTimer()
        clock.start()
        stamps: list[float] = []
        lag_timer = QTimer()
        lag_timer.setTimerType(Qt.TimerType.PreciseTimer)
        lag_timer.setInterval(10)
        lag_timer.timeout.connect(lambda: stamps.append(clock.nsecsElapsed() / 1e6))
        loop = QEventLoop()
        marks: dict[str, float] = {}

        def watch() -> None:
            uploads = gui.bridge.uploads
            if "queued" not in marks and len(uploads) >= args.many:
                marks["queued"] = time.monotonic()
            done = sum(1 for p in uploads.values() if p.state == UploadState.DONE)
            marks["done"] = done
            if done >= args.many or time.monotonic() > deadline:
                loop.quit()

        started = time.monotonic()
        deadline = started + args.timeout
        gui.main_window.add_paths([str(folder)])
        watcher = QTimer()
        watcher.setInterval(100)
        watcher.timeout.connect(watch)
        watcher.start()
        lag_timer.start()
        loop.exec()
        ended = time.monotonic()
        lags = sorted(max(0.0, b - a - 10.0) for a, b in itertools.pairwise(stamps))
        p = lambda q: lags[min(len(lags) - 1, int(q * len(lags)))]  # noqa: E731
        result = {
            "server": kind, "files": args.many, "done": int(marks.get("done", 0)),
            "queued_after_s": round(marks["queued"] - started, 2) if "queued" in marks else None,
            "seconds": round(ended - started, 1),
            "files_per_second": round(marks.get("done", 0) / max(ended - started, 1e-9)),
            "lag_ms_p50": round(p(0.50), 2), "lag_ms_p99": round(p(0.99), 2), "lag_ms_max": round(lags[-1], 2),
        }  # fmt: skip
        gui.shutdown()
        return result
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(work, ignore_errors=True)


# -- phase 2: start-up with a big journal -------------------------------------------------------


def build_big_journal(home: Path, finished: int, unfinished_parts: int) -> None:
    """Built in a child process so that the start-up measurement imports everything itself."""
    code = ("import sys; sys.path[:0] = sys.argv[1:3]; import bench_gui; "
            "bench_gui._build_big_journal(bench_gui.Path(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))")  # fmt: skip
    subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), str(REPO / "app"), str(home),
                    str(finished), str(unfinished_parts)], check=True)  # fmt: skip


def _build_big_journal(home: Path, finished: int, unfinished_parts: int) -> None:
    import sqlite3

    from hoist.config.paths import resolve_paths
    from hoist.seal import load_seal
    from hoist.store.journal import Destination, Journal, NewUpload, PartPlan

    paths = resolve_paths(home).ensure()
    journal = Journal(paths.journal)
    load_seal().attach(journal)  # the person's own rows, as Hoist itself would have sealed them
    dest = Destination("bench", "http://127.0.0.1:9", "us-east-1", BUCKET, True)
    done = [NewUpload(f"/data/photos/{i // 1000}/img_{i:06d}.jpg", 3_000_000 + i, 0, f"photos/img_{i:06d}.jpg",
                      "single", 3_000_000 + i, (PartPlan(1, 0, 3_000_000 + i),), "image/jpeg", "overwrite", {})
            for i in range(finished)]  # fmt: skip
    journal.create_batch("photos", dest, done)
    per_file = 2000
    files = unfinished_parts // per_file
    waiting = [NewUpload(f"/nonexistent/big-{i}.bin", per_file * 5 * MiB, 0, f"big/big-{i}.bin", "multipart", 5 * MiB,
                         tuple(PartPlan(n + 1, n * 5 * MiB, 5 * MiB) for n in range(per_file)),
                         "application/octet-stream", "overwrite", {}) for i in range(files)]  # fmt: skip
    journal.create_batch("big files", dest, waiting)
    journal.close()
    now = time.time()
    conn = sqlite3.connect(paths.journal)
    with conn:
        conn.execute("UPDATE uploads SET state='done', started_at=?, finished_at=?, etag='\"abc\"', "
                     "sha256=printf('%064d', id) WHERE key LIKE 'photos/%'", (now - 5, now))  # fmt: skip
        conn.execute("UPDATE parts SET state='done', etag='\"abc\"' WHERE upload_id IN "
                     "(SELECT id FROM uploads WHERE key LIKE 'photos/%')")  # fmt: skip
        # Half of the big files were paused (they stay paused); half were running when
        # Hoist stopped: their files are gone, so they fail on start, in words.
        conn.execute("UPDATE uploads SET state='paused' WHERE key LIKE 'big/%' AND id % 2 = 0")
        conn.execute("UPDATE parts SET state='done', etag='\"abc\"' WHERE part_number <= 700 AND upload_id IN "
                     "(SELECT id FROM uploads WHERE key LIKE 'big/%')")  # fmt: skip
    conn.close()


def phase_startup(args: argparse.Namespace) -> dict[str, Any]:
    home = Path(tempfile.mkdtemp(prefix="hoist-bench-start-"))
    try:
        t0 = time.perf_counter()
        build_big_journal(home, args.finished, args.unfinished_parts)
        built = time.perf_counter() - t0
        # As `hoist` does: hoist.ui.app (and the engine's imports) first, then Qt. Timed from
        # here, so imports, QApplication, journal, engine and window are all counted.
        start = time.perf_counter()
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QApplication

        import hoist.ui.app  # noqa: F401

        app = QApplication.instance() or QApplication([])
        gui = make_gui(home, "http://127.0.0.1:9")
        gui.build(excepthooks=False)
        window = gui.main_window
        painted: list[float] = []

        class FirstPaint(QObject):
            def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and not painted:
                    painted.append(time.perf_counter())
                return False

        watcher = FirstPaint()
        window.installEventFilter(watcher)
        window.tree.viewport().installEventFilter(watcher)
        window.empty.installEventFilter(watcher)
        gui.start()
        expected = args.unfinished_parts // 2000
        populated = None
        deadline = time.perf_counter() + 60
        while time.perf_counter() < deadline:
            app.processEvents()
            if populated is None and len(gui.bridge.uploads) >= expected:
                populated = time.perf_counter()
            if painted and populated:
                break
            time.sleep(0.001)
        result = {
            "finished_uploads": args.finished, "unfinished_parts": args.unfinished_parts,
            "journal_build_s": round(built, 1),
            "window_painted_s": round(painted[0] - start, 3) if painted else None,
            "queue_populated_s": round(populated - start, 3) if populated else None,
        }  # fmt: skip
        # The History dialog's first query on that journal (off the GUI thread).
        t = time.perf_counter()
        rows = gui.journal.finished_uploads("", limit=1000)
        result["history_query_s"] = round(time.perf_counter() - t, 3)
        assert len(rows) == 1000
        gui.shutdown()
        return result
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("phase", nargs="?", choices=["lag", "startup", "many"], default=None)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--parts", type=int, default=2000)
    parser.add_argument("--part-kib", type=int, default=32)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--finished", type=int, default=100_000)
    parser.add_argument("--unfinished-parts", type=int, default=10_000)
    parser.add_argument("--many", type=int, default=20_000, help="files in the dropped folder (phase 3)")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.phase == "lag":
        print(json.dumps(phase_lag(args)))
        return 0
    if args.phase == "startup":
        print(json.dumps(phase_startup(args)))
        return 0
    if args.phase == "many":
        print(json.dumps(phase_many(args)))
        return 0
    results = {}
    for phase in ("lag", "startup", "many"):
        out = subprocess.run([sys.executable, __file__, phase, *sys.argv[1:]], capture_output=True, text=True)
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            return out.returncode
        results[phase] = json.loads(out.stdout.strip().splitlines()[-1])
    lag, start, many = results["lag"], results["startup"], results["many"]
    print(
        f"Uploading {lag['files']} files x {lag['parts_per_file']:,} parts ({lag['part_size_kib']} KiB) to "
        f"{lag['server']}: {lag['upload_seconds']} s, {lag['parts_per_second']:,} parts/s, all done: {lag['all_done']}"
    )
    print(
        f"  event-loop lag (10 ms timer): p50 {lag['lag_ms_p50']} ms, p99 {lag['lag_ms_p99']} ms, "
        f"max {lag['lag_ms_max']} ms over {lag['lag_samples']:,} samples "
        f"(idle, before uploading: p99 {lag['idle_lag_ms_p99']} ms)"
    )
    print(
        f"  repaints per second: queue view {lag['queue_repaints_per_s']}, part map "
        f"{lag['part_map_repaints_per_s']}, parts table {lag['parts_table_repaints_per_s']} "
        f"(bridge ticks {lag['bridge_ticks_per_s']}/s, model dataChanged {lag['model_dataChanged_per_s']}/s)"
    )
    print(
        f"Start-up with {start['finished_uploads']:,} finished uploads + {start['unfinished_parts']:,} "
        f"unfinished parts: window painted in {start['window_painted_s']} s, queue populated in "
        f"{start['queue_populated_s']} s (history query {start['history_query_s']} s)"
    )
    print(
        f"A folder of {many['files']:,} small files added to the window ({many['server']}): all queued after "
        f"{many['queued_after_s']} s, {many['done']:,} done in {many['seconds']} s ({many['files_per_second']} "
        f"files/s); event-loop lag p50 {many['lag_ms_p50']} ms, p99 {many['lag_ms_p99']} ms, max {many['lag_ms_max']} ms"
    )
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Several processes opening a new journal at the same moment: the window's engine, a
`hoist status` in a shell and a `hoist upload` all may. Two of them used to run the same
migration ("table batches already exists") or lose SQLite's WAL switch ("database is
locked"), and the upload that lost died with that error before sending anything."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from hoist.store.migrations import SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]

OPEN_AT = """
import sys, time
from pathlib import Path
from hoist.store.journal import Journal
start_at = float(sys.argv[2])
while time.time() < start_at:
    pass
try:
    Journal(Path(sys.argv[1]))
except Exception as exc:
    print(f"{type(exc).__name__}: {exc}")
    sys.exit(1)
"""


def test_processes_opening_a_new_journal_at_once_all_get_it(tmp_path: Path):
    failures: list[str] = []
    for round_ in range(4):
        path = tmp_path / f"round{round_}" / "journal.sqlite3"
        path.parent.mkdir(mode=0o700)
        start_at = time.time() + 1.5  # every process is imported and spinning by then
        command = [sys.executable, "-c", OPEN_AT, str(path), str(start_at)]
        procs = [
            subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=REPO / "app") for _ in range(6)
        ]
        for proc in procs:
            out, _ = proc.communicate(timeout=60)
            if proc.returncode != 0:
                failures.append(out.strip())
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            assert {"batches", "uploads", "parts", "commands"} <= tables
    assert failures == []

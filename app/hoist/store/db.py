"""Opening the journal database: WAL, busy timeout, integrity check, migrations.

A journal that fails its integrity check is moved aside under a timestamped name and a
fresh one is started; the caller gets a message to show. It is never silently
overwritten, so nothing a person might want to recover is destroyed.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from ..config.private import PRIVATE_FILE, narrow, private_dir, private_file
from .migrations import SchemaTooNew, migrate

BUSY_SECONDS = 30  # how long a write waits for another process holding the journal


class JournalError(Exception):
    """The journal cannot be opened or written; the message says what to do."""


@dataclass(frozen=True)
class OpenedJournal:
    conn: sqlite3.Connection
    set_aside: Path | None  # where a corrupt journal was moved, if one was


def _explain(path: Path, exc: sqlite3.Error) -> str:
    text = str(exc).lower()
    if "full" in text:
        return f"The disk holding the journal {path} is full. Free some space and try again."
    if "readonly" in text or "read-only" in text:
        return f"The journal {path} is on a read-only location. Set HOIST_HOME to a writable folder."
    if "unable to open" in text:
        return f"The journal {path} cannot be opened: its folder is missing or not writable."
    if "locked" in text or "busy" in text:
        return f"The journal {path} is locked by another program; try again in a moment."
    return f"The journal {path} cannot be used: {exc}"


def _connect(path: Path) -> sqlite3.Connection:
    # Created 0600 before SQLite opens it: SQLite gives the -wal and -shm files the
    # database file's mode, so they are private from their first byte too.
    try:
        private_file(path)
        for suffix in ("-wal", "-shm"):
            narrow(path.with_name(path.name + suffix), PRIVATE_FILE)
    except OSError:
        pass  # a missing or read-only folder: SQLite's own error says it in words (_explain)
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a part's ETag is
    # committed exactly when we say so. check_same_thread=False because the journal
    # object guards the connection with its own lock.
    conn = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")
    mode = _switch_to_wal(conn)
    if mode != "wal":
        raise sqlite3.OperationalError(f"could not switch to WAL (got {mode})")
    # NORMAL in WAL mode is durable against application crashes (kill -9); only a power
    # loss can drop the last transactions, and resume reconciles with the server anyway.
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _switch_to_wal(conn: sqlite3.Connection) -> str:
    """WAL mode (kept in the file once set). Two processes opening a new journal at the
    same moment both ask for the switch, and SQLite answers "database is locked" at once,
    without waiting out the busy timeout: the loser asks again, for as long as that."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _is_healthy(conn: sqlite3.Connection) -> bool:
    rows = conn.execute("PRAGMA quick_check").fetchall()
    return len(rows) == 1 and rows[0][0] == "ok"


def set_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def open_journal_db(path: Path) -> OpenedJournal:
    try:
        private_dir(path.parent)
    except OSError as exc:
        raise JournalError(
            f"The folder for the journal {path.parent} cannot be created: {exc.strerror}."
        ) from exc
    moved: Path | None = None
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(path)
        healthy = _is_healthy(conn)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "not a database" not in str(exc):
            raise JournalError(_explain(path, exc)) from exc
        healthy = False
    if conn is None or not healthy:
        if conn is not None:
            conn.close()
        moved = set_aside(path)
        try:
            conn = _connect(path)
        except sqlite3.Error as exc:
            raise JournalError(_explain(path, exc)) from exc
    try:
        migrate(conn)
    except SchemaTooNew as exc:
        conn.close()
        raise JournalError(str(exc)) from exc
    except sqlite3.Error as exc:
        conn.close()
        raise JournalError(_explain(path, exc)) from exc
    return OpenedJournal(conn=conn, set_aside=moved)

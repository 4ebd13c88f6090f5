"""Typed queries over the journal. One connection, guarded by one lock.

Every method is a short transaction. ``mark_part_done`` commits at once: a part
counts as done only after its ETag is on disk.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from .db import JournalError, _explain, open_journal_db
from .states import UNFINISHED, PartState, UploadState, can_transition, check_transition


@dataclass(frozen=True)
class Destination:
    profile: str
    endpoint_url: str
    region: str
    bucket: str
    path_style: bool = False


@dataclass(frozen=True)
class PartPlan:
    part_number: int
    offset: int
    length: int


@dataclass(frozen=True)
class NewUpload:
    local_path: str
    size: int
    mtime_ns: int
    key: str
    strategy: str  # "single" | "multipart"
    part_size: int
    parts: tuple[PartPlan, ...]
    content_type: str
    if_exists: str
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)  # slots: one per queued upload (~1 KB less each)
class UploadRow:
    id: int
    batch_id: int
    local_path: str
    size: int
    mtime_ns: int
    profile: str
    endpoint_url: str
    region: str
    path_style: bool
    bucket: str
    key: str
    state: UploadState
    strategy: str
    part_size: int
    part_count: int
    s3_upload_id: str | None
    etag: str | None
    sha256: str | None
    content_type: str | None
    if_exists: str
    options: dict[str, Any]
    error: str | None
    retries: int
    bytes_resent: int
    created_at: float
    started_at: float | None
    finished_at: float | None
    parts_done: int = 0
    bytes_done: int = 0
    # Set just before CreateMultipartUpload is sent and cleared with the id it returns:
    # still set at the next start means a kill -9 may have left an upload on the server.
    creating_since: float | None = None
    seal: str | None = None  # who queued it (hoist/seal.py)

    @property
    def destination(self) -> Destination:
        return Destination(self.profile, self.endpoint_url, self.region, self.bucket, self.path_style)

    @property
    def name(self) -> str:
        return os.path.basename(self.local_path)  # pathlib costs ~7 µs; this runs per snapshot row


@dataclass(frozen=True, slots=True)
class PartRow:
    upload_id: int
    part_number: int
    offset: int
    length: int
    state: PartState
    etag: str | None
    md5: str | None
    attempts: int
    last_error: str | None


@dataclass(frozen=True)
class BatchRow:
    id: int
    created_at: float
    label: str
    destination: str


@dataclass(frozen=True)
class Command:
    id: int
    action: str
    upload_id: int | None
    created_at: float = 0.0


IDS_PER_QUERY = 500  # upload ids per SELECT (SQLite limits a statement's parameters)

_UPLOAD_SELECT = """
SELECT u.*,
       COALESCE(SUM(CASE WHEN p.state = 'done' THEN 1 ELSE 0 END), 0) AS parts_done,
       COALESCE(SUM(CASE WHEN p.state = 'done' THEN p.length ELSE 0 END), 0) AS bytes_done
FROM uploads u LEFT JOIN parts p ON p.upload_id = u.id
"""


_RECORDED_WITH_STATE = {"etag", "sha256"}


def _upload_from(row: sqlite3.Row) -> UploadRow:
    data = dict(row)
    data["state"] = UploadState(data["state"])
    data["path_style"] = bool(data["path_style"])
    data["options"] = json.loads(data.get("options") or "{}")
    return UploadRow(**data)


def _part_from(row: sqlite3.Row) -> PartRow:
    data = dict(row)
    data["state"] = PartState(data["state"])
    return PartRow(**data)


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path
        opened = open_journal_db(path)
        self.set_aside = opened.set_aside
        self._conn = opened.conn
        self._conn.row_factory = sqlite3.Row
        self._db = sqlite_utils.Database(self._conn)
        self._lock = threading.RLock()
        # Seals each new row (hoist/seal.py): set by the front end that opened the journal.
        self.sealer: Callable[[Destination, str], str] | None = None

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                yield self._conn
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise JournalError(_explain(self.path, exc)) from exc
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return list(self._conn.execute(sql, tuple(params)))
            except sqlite3.Error as exc:
                raise JournalError(_explain(self.path, exc)) from exc

    # -- batches and uploads -------------------------------------------------------

    def create_batch(
        self, label: str, destination: Destination, uploads: list[NewUpload]
    ) -> tuple[int, list[int]]:
        """Insert a batch with its uploads and their planned parts in one transaction."""
        now = time.time()
        ids: list[int] = []
        with self._tx():
            batch_id = self._insert(
                "batches",
                {"created_at": now, "label": label, "destination": f"s3://{destination.bucket}"},
            )
            for new in uploads:
                upload_id = self._insert(
                    "uploads",
                    {
                        "batch_id": batch_id,
                        "local_path": new.local_path,
                        "size": new.size,
                        "mtime_ns": new.mtime_ns,
                        "profile": destination.profile,
                        "endpoint_url": destination.endpoint_url,
                        "region": destination.region,
                        "path_style": int(destination.path_style),
                        "bucket": destination.bucket,
                        "key": new.key,
                        "state": UploadState.QUEUED.value,
                        "strategy": new.strategy,
                        "part_size": new.part_size,
                        "part_count": len(new.parts),
                        "content_type": new.content_type,
                        "if_exists": new.if_exists,
                        "options": json.dumps(new.options),
                        "created_at": now,
                        "seal": self.sealer(destination, new.local_path) if self.sealer else None,
                    },
                )
                self._insert_parts(upload_id, new.parts)
                ids.append(upload_id)
        return batch_id, ids

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        return int(self._db.table(table).insert(row).last_pk)  # type: ignore[arg-type]

    def _insert_parts(self, upload_id: int, parts: Iterable[PartPlan]) -> None:
        self._conn.executemany(
            "INSERT INTO parts (upload_id, part_number, offset, length, state, attempts)"
            " VALUES (?, ?, ?, ?, 'pending', 0)",
            ((upload_id, p.part_number, p.offset, p.length) for p in parts),
        )

    def get_upload(self, upload_id: int) -> UploadRow | None:
        rows = self._query(_UPLOAD_SELECT + " WHERE u.id = ? GROUP BY u.id", (upload_id,))
        return _upload_from(rows[0]) if rows else None

    def list_uploads(
        self,
        states: Iterable[UploadState] | None = None,
        ids: Iterable[int] | None = None,
        limit: int | None = None,
    ) -> list[UploadRow]:
        state_list = list(states) if states is not None else None
        id_list = sorted(set(ids)) if ids is not None else None
        if id_list is not None and len(id_list) > IDS_PER_QUERY:
            # SQLite caps the parameters of one statement (999 before 3.32, 32,766
            # after): a 40,000-file batch asked for in one go would fail.
            rows: list[UploadRow] = []
            for start in range(0, len(id_list), IDS_PER_QUERY):
                rows += self.list_uploads(state_list, id_list[start : start + IDS_PER_QUERY])
            return rows[:limit] if limit is not None else rows
        where: list[str] = []
        params: list[Any] = []
        if state_list is not None:
            wanted = [s.value for s in state_list]
            where.append(f"u.state IN ({','.join('?' * len(wanted))})")
            params.extend(wanted)
        if id_list is not None:
            where.append(f"u.id IN ({','.join('?' * len(id_list))})")
            params.extend(id_list)
        sql = _UPLOAD_SELECT
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " GROUP BY u.id ORDER BY u.id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_upload_from(r) for r in self._query(sql, params)]

    def state_counts(self, ids: Iterable[int]) -> dict[UploadState, int]:
        """How many of these uploads are in each state: one small query per 500 ids, where
        ``list_uploads`` joins every upload's parts (a 1,000-file run's summary took two
        such listings, 0.1-0.3 s each, for two numbers)."""
        id_list = sorted(set(ids))
        counts: dict[UploadState, int] = {}
        for start in range(0, len(id_list), IDS_PER_QUERY):
            chunk = id_list[start : start + IDS_PER_QUERY]
            rows = self._query(
                f"SELECT state, COUNT(*) FROM uploads WHERE id IN ({','.join('?' * len(chunk))}) GROUP BY state",
                chunk,
            )
            for state, count in rows:
                counts[UploadState(state)] = counts.get(UploadState(state), 0) + int(count)
        return counts

    def unfinished_uploads(self) -> list[UploadRow]:
        return self.list_uploads(states=UNFINISHED)

    def finished_uploads(self, search: str = "", limit: int = 1000) -> list[UploadRow]:
        """History: finished uploads, newest first. Parts are not joined (fast)."""
        sql = "SELECT u.*, u.part_count AS parts_done, u.size AS bytes_done FROM uploads u"
        sql += " WHERE u.state = 'done'"
        params: list[Any] = []
        if search:
            sql += " AND (u.local_path LIKE ? OR u.key LIKE ? OR u.bucket LIKE ?)"
            params += [f"%{search}%"] * 3
        sql += " ORDER BY u.finished_at DESC LIMIT ?"
        params.append(limit)
        return [_upload_from(r) for r in self._query(sql, params)]

    def batches(self) -> list[BatchRow]:
        return [BatchRow(**dict(r)) for r in self._query("SELECT * FROM batches ORDER BY id")]

    def set_state(
        self,
        upload_id: int,
        state: UploadState,
        error: str | None = None,
        *,
        record: Mapping[str, Any] | None = None,
    ) -> UploadState:
        """Move an upload to ``state``; returns the previous state. Checks the transition.
        ``record``: columns written in the same transaction (a finished upload's receipt)."""
        extra = dict(record or {})
        if set(extra) - _RECORDED_WITH_STATE:
            raise ValueError(f"not recorded with a state: {sorted(set(extra) - _RECORDED_WITH_STATE)}")
        with self._tx() as conn:
            row = conn.execute("SELECT state FROM uploads WHERE id = ?", (upload_id,)).fetchone()
            if row is None:
                raise KeyError(upload_id)
            current = UploadState(row[0])
            check_transition(current, state)
            now = time.time()
            sets = ["state = ?", "error = ?"]
            params: list[Any] = [state.value, error]
            if state == UploadState.RUNNING:
                sets.append("started_at = COALESCE(started_at, ?)")
                params.append(now)
            if state.finished:
                sets.append("finished_at = ?")
                params.append(now)
            for column, value in extra.items():
                sets.append(f"{column} = ?")
                params.append(value)
            conn.execute(f"UPDATE uploads SET {', '.join(sets)} WHERE id = ?", (*params, upload_id))
        return current

    def set_states(self, upload_ids: Iterable[int], state: UploadState) -> set[int]:
        """Move many uploads to ``state`` in one transaction (a cancel or pause of a whole
        queue); rows that may not go there are left as they are. Returns the ids moved."""
        ids = list(upload_ids)
        moved: set[int] = set()
        now = time.time()
        sets = "state = ?, error = NULL"
        if state == UploadState.RUNNING:
            sets += ", started_at = COALESCE(started_at, ?)"
        if state.finished:
            sets += ", finished_at = ?"
        stamp = (now,) if state == UploadState.RUNNING or state.finished else ()
        with self._tx() as conn:
            for start in range(0, len(ids), IDS_PER_QUERY):
                chunk = ids[start : start + IDS_PER_QUERY]
                marks = ",".join("?" * len(chunk))
                current = conn.execute(f"SELECT id, state FROM uploads WHERE id IN ({marks})", chunk)
                allowed = [int(i) for i, s in current if can_transition(UploadState(s), state)]
                conn.executemany(
                    f"UPDATE uploads SET {sets} WHERE id = ?", [(state.value, *stamp, i) for i in allowed]
                )
                moved.update(allowed)
        return moved

    def update_upload(self, upload_id: int, **values: Any) -> None:
        allowed = {
            "s3_upload_id", "etag", "sha256", "bucket", "key", "size", "mtime_ns", "part_size",
            "part_count", "strategy", "content_type", "error", "options", "creating_since", "if_exists",
        }  # fmt: skip
        unknown = set(values) - allowed
        if unknown:
            raise ValueError(f"not updatable: {sorted(unknown)}")
        if "options" in values:
            values["options"] = json.dumps(values["options"])
        with self._tx() as conn:
            assignments = ", ".join(f"{k} = ?" for k in values)
            conn.execute(f"UPDATE uploads SET {assignments} WHERE id = ?", (*values.values(), upload_id))

    def upload_ids_in_use(self, bucket: str, key: str) -> set[str]:
        """Server-side upload ids the journal holds for this object (any row)."""
        rows = self._query(
            "SELECT s3_upload_id FROM uploads WHERE bucket = ? AND key = ? AND s3_upload_id IS NOT NULL",
            (bucket, key),
        )
        return {str(r[0]) for r in rows}

    def key_taken(self, bucket: str, key: str, except_id: int) -> bool:
        """Does another unfinished upload of this journal own this key (it will write it)?"""
        rows = self._query(
            "SELECT 1 FROM uploads WHERE bucket = ? AND key = ? AND id != ? AND if_exists = 'overwrite'"
            " AND state IN ('queued', 'running', 'completing', 'paused') LIMIT 1",
            (bucket, key, except_id),
        )
        return bool(rows)

    def cleanup_due(self) -> list[UploadRow]:
        """Finished uploads whose server side still needs work: a cancel whose abort did
        not get through, or a Create that may have left an upload behind."""
        sql = _UPLOAD_SELECT + (
            " WHERE (u.state = 'cancelled' AND u.s3_upload_id IS NOT NULL)"
            " OR (u.state IN ('done', 'cancelled', 'skipped') AND u.creating_since IS NOT NULL)"
            " GROUP BY u.id ORDER BY u.id"
        )
        return [_upload_from(r) for r in self._query(sql)]

    def add_retries(self, upload_id: int, retries: int = 1, bytes_resent: int = 0) -> None:
        with self._tx() as conn:
            conn.execute(
                "UPDATE uploads SET retries = retries + ?, bytes_resent = bytes_resent + ? WHERE id = ?",
                (retries, bytes_resent, upload_id),
            )

    def replan(
        self,
        upload_id: int,
        *,
        size: int,
        mtime_ns: int,
        strategy: str,
        part_size: int,
        parts: Iterable[PartPlan],
    ) -> None:
        """Start an upload over: new size/mtime/plan, all parts pending, no server id."""
        part_list = list(parts)
        with self._tx() as conn:
            conn.execute("DELETE FROM parts WHERE upload_id = ?", (upload_id,))
            conn.execute(
                "UPDATE uploads SET size = ?, mtime_ns = ?, strategy = ?, part_size = ?,"
                " part_count = ?, s3_upload_id = NULL, etag = NULL, sha256 = NULL"
                " WHERE id = ?",
                (size, mtime_ns, strategy, part_size, len(part_list), upload_id),
            )
            self._insert_parts(upload_id, part_list)

    def remove_uploads(self, upload_ids: Iterable[int]) -> int:
        ids = list(upload_ids)
        if not ids:
            return 0
        removed = 0
        with self._tx() as conn:
            for start in range(0, len(ids), IDS_PER_QUERY):
                chunk = ids[start : start + IDS_PER_QUERY]
                marks = ",".join("?" * len(chunk))
                conn.execute(f"DELETE FROM parts WHERE upload_id IN ({marks})", chunk)
                removed += conn.execute(f"DELETE FROM uploads WHERE id IN ({marks})", chunk).rowcount
            conn.execute("DELETE FROM batches WHERE id NOT IN (SELECT batch_id FROM uploads)")
        return removed

    # -- parts ---------------------------------------------------------------------

    def parts_of(self, upload_ids: Iterable[int]) -> dict[int, list[PartRow]]:
        """The planned parts of many uploads, one query per IDS_PER_QUERY of them."""
        id_list = sorted(set(upload_ids))
        found: dict[int, list[PartRow]] = {upload_id: [] for upload_id in id_list}
        for start in range(0, len(id_list), IDS_PER_QUERY):
            chunk = id_list[start : start + IDS_PER_QUERY]
            rows = self._query(
                f"SELECT * FROM parts WHERE upload_id IN ({','.join('?' * len(chunk))})"
                " ORDER BY upload_id, part_number",
                chunk,
            )
            for row in rows:
                part = _part_from(row)
                found[part.upload_id].append(part)
        return found

    def parts(self, upload_id: int) -> list[PartRow]:
        rows = self._query("SELECT * FROM parts WHERE upload_id = ? ORDER BY part_number", (upload_id,))
        return [_part_from(r) for r in rows]

    def mark_part_done(self, upload_id: int, part_number: int, etag: str, md5: str) -> None:
        """Commit a part's ETag. Until this returns, the part does not count as done."""
        with self._tx() as conn:
            conn.execute(
                "UPDATE parts SET state = 'done', etag = ?, md5 = ?, last_error = NULL"
                " WHERE upload_id = ? AND part_number = ?",
                (etag, md5, upload_id, part_number),
            )

    def record_part_attempt(self, upload_id: int, part_number: int, error: str | None = None) -> None:
        with self._tx() as conn:
            conn.execute(
                "UPDATE parts SET attempts = attempts + 1, last_error = ?"
                " WHERE upload_id = ? AND part_number = ?",
                (error, upload_id, part_number),
            )

    def reset_parts(self, upload_id: int, part_numbers: Iterable[int]) -> None:
        """Mark parts pending again (the server does not have them)."""
        numbers = list(part_numbers)
        if not numbers:
            return
        with self._tx() as conn:
            conn.executemany(
                "UPDATE parts SET state = 'pending', etag = NULL, md5 = NULL"
                " WHERE upload_id = ? AND part_number = ?",
                ((upload_id, n) for n in numbers),
            )

    # -- commands from other processes (pause/cancel while an engine runs) -----------

    def push_command(self, action: str, upload_id: int | None) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO commands (created_at, action, upload_id) VALUES (?, ?, ?)",
                (time.time(), action, upload_id),
            )

    def take_commands(self) -> list[Command]:
        # Polled twice a second: a read first, so an idle poll never takes the write lock.
        if not self._query("SELECT 1 FROM commands LIMIT 1"):
            return []
        with self._tx() as conn:
            rows = conn.execute(
                "SELECT id, action, upload_id, created_at FROM commands ORDER BY id"
            ).fetchall()
            if rows:
                conn.execute("DELETE FROM commands WHERE id <= ?", (rows[-1][0],))
        return [Command(r[0], r[1], r[2], float(r[3])) for r in rows]

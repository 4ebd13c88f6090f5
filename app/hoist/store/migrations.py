"""Ordered schema migrations, tracked with PRAGMA user_version.

Each migration runs in one transaction together with the version bump, so a crash
mid-migration leaves the previous version intact. Never edit a released migration:
append a new one.
"""

from __future__ import annotations

import sqlite3

_V1_INITIAL = """
        CREATE TABLE batches (
            id INTEGER PRIMARY KEY,
            created_at REAL NOT NULL,
            label TEXT NOT NULL,
            destination TEXT NOT NULL
        );
        CREATE TABLE uploads (
            id INTEGER PRIMARY KEY,
            batch_id INTEGER NOT NULL REFERENCES batches(id),
            local_path TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            profile TEXT NOT NULL,
            endpoint_url TEXT NOT NULL,
            region TEXT NOT NULL,
            path_style INTEGER NOT NULL DEFAULT 0,
            bucket TEXT NOT NULL,
            key TEXT NOT NULL,
            state TEXT NOT NULL,
            strategy TEXT NOT NULL,
            part_size INTEGER NOT NULL,
            part_count INTEGER NOT NULL,
            s3_upload_id TEXT,
            etag TEXT,
            error TEXT,
            created_at REAL NOT NULL,
            started_at REAL,
            finished_at REAL
        );
        CREATE TABLE parts (
            upload_id INTEGER NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
            part_number INTEGER NOT NULL,
            offset INTEGER NOT NULL,
            length INTEGER NOT NULL,
            state TEXT NOT NULL,
            etag TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            PRIMARY KEY (upload_id, part_number)
        ) WITHOUT ROWID;
        CREATE INDEX uploads_state ON uploads(state);
"""

# Receipts (SHA-256, content type, options) and a command queue for other processes.
_V2_RECEIPTS_AND_COMMANDS = """
        ALTER TABLE uploads ADD COLUMN sha256 TEXT;
        ALTER TABLE uploads ADD COLUMN content_type TEXT;
        ALTER TABLE uploads ADD COLUMN if_exists TEXT NOT NULL DEFAULT 'overwrite';
        ALTER TABLE uploads ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE uploads ADD COLUMN retries INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE uploads ADD COLUMN bytes_resent INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE parts ADD COLUMN md5 TEXT;
        CREATE TABLE commands (
            id INTEGER PRIMARY KEY,
            created_at REAL NOT NULL,
            action TEXT NOT NULL,
            upload_id INTEGER
        );
        CREATE INDEX uploads_batch ON uploads(batch_id);
        CREATE INDEX uploads_finished ON uploads(finished_at);
"""

# The intent to create a multipart upload, journaled before CreateMultipartUpload is sent,
# so an upload created just before a kill -9 can be found and aborted on the next start.
_V3_CREATE_INTENT = """
        ALTER TABLE uploads ADD COLUMN creating_since REAL;
"""

# Which uploads of the journal go to a key (if-exists decisions, orphan sweeps), and which
# finished ones still have server-side work to do, without a scan.
_V4_KEY_INDEXES = """
        CREATE INDEX uploads_key ON uploads(bucket, key);
        CREATE INDEX uploads_cleanup ON uploads(state) WHERE s3_upload_id IS NOT NULL OR creating_since IS NOT NULL;
"""

# Who queued the row: an HMAC of its file and destination (hoist/seal.py). Older rows
# have none, and rows without a profile are then not sent.
_V5_SEAL = """
        ALTER TABLE uploads ADD COLUMN seal TEXT;
"""

MIGRATIONS: list[str] = [_V1_INITIAL, _V2_RECEIPTS_AND_COMMANDS, _V3_CREATE_INTENT, _V4_KEY_INDEXES, _V5_SEAL]
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNew(Exception):
    pass


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to SCHEMA_VERSION; returns the version it started from.

    Several processes may open a new journal at once (the window's engine, `hoist status`
    in a shell, a second `hoist upload`): each step reads the version again inside its
    write lock, so a step another process has just done is not run twice ("table batches
    already exists" killed the upload that lost the race)."""
    start = int(conn.execute("PRAGMA user_version").fetchone()[0])
    _refuse_newer(start)
    while start < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")  # waits (busy_timeout) for another process's step
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            _refuse_newer(version)
            if version == SCHEMA_VERSION:
                conn.execute("COMMIT")
                break
            # One statement at a time: executescript() would commit the open transaction.
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
    return start


def _refuse_newer(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"The journal was written by a newer Hoist (schema {version}, this one knows "
            f"{SCHEMA_VERSION}). Update Hoist, or move the journal aside."
        )


def _statements(script: str) -> list[str]:
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements

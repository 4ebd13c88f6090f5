"""The database: one SQLAlchemy Core code path over SQLite and PostgreSQL.

Timestamps are epoch seconds (double precision) so both dialects compare them alike.
On SQLite every transaction is ``BEGIN IMMEDIATE``: one writer at a time, taken at the
start, so a read-then-write (the sweeper's claim, a limit check) can never be
overtaken by another process between its read and its write. On PostgreSQL the same
statements take row locks (``FOR UPDATE``, ``SKIP LOCKED`` for the sweeper).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine

metadata = sa.MetaData()

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("prefix", sa.String(1024), nullable=False),
    sa.Column("max_object_size", sa.BigInteger, nullable=True),
    sa.Column("quota_bytes", sa.BigInteger, nullable=True),
    sa.Column("max_open_sessions", sa.Integer, nullable=True),
    sa.Column("created", sa.Double, nullable=False),
)

tokens = sa.Table(
    "tokens",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),  # the public half of a token
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("secret_hash", sa.String(64), nullable=False),  # SHA-256 of the secret half
    sa.Column("created", sa.Double, nullable=False),
    sa.Column("revoked", sa.Boolean, nullable=False, server_default=sa.false()),
)

OPEN, COMPLETED, ABORTED, EXPIRED = "open", "completed", "aborted", "expired"

upload_sessions = sa.Table(
    "upload_sessions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("bucket", sa.String(255), nullable=False),
    sa.Column("key", sa.String(1024), nullable=False),
    sa.Column("upload_id", sa.String(1024), nullable=False),
    sa.Column("content_type", sa.String(255), nullable=False),
    sa.Column("declared_size", sa.BigInteger, nullable=True),
    sa.Column("created", sa.Double, nullable=False),
    sa.Column("last_activity", sa.Double, nullable=False),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("finished", sa.Double, nullable=True),
    sa.Column("part_count", sa.Integer, nullable=True),
    sa.Column("final_size", sa.BigInteger, nullable=True),
    sa.Column("etag", sa.String(128), nullable=True),
    sa.Index("ix_upload_sessions_upload_id", "upload_id"),
    sa.Index("ix_upload_sessions_state_activity", "state", "last_activity"),
    sa.Index("ix_upload_sessions_user_state", "user_id", "state"),
)

session_parts = sa.Table(
    "session_parts",
    metadata,
    sa.Column(
        "session_id",
        sa.Integer,
        sa.ForeignKey("upload_sessions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("part_number", sa.Integer, primary_key=True),
    sa.Column("first_signed", sa.Double, nullable=False),
)


def normalize_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean psycopg 3; anything else is SQLAlchemy's."""
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme) :]
    return url


def make_engine(url: str, pool_size: int = 10, max_overflow: int = 30) -> Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection: Any, _record: Any) -> None:
            # Let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE (pysqlite would
            # otherwise begin lazily, deferred, at the first write).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: sa.Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    # No pre-ping (a round trip per request): a connection broken by a database restart
    # fails one request with 503 and the pool drops it and its siblings.
    return sa.create_engine(url, pool_size=pool_size, max_overflow=max_overflow)


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def redacted_url(url: str) -> str:
    """A database URL for logs: never its password."""
    try:
        return sa.make_url(normalize_url(url)).render_as_string(hide_password=True)
    except Exception:
        return "<unparseable database URL>"

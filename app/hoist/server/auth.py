"""Tokens: ``hst_<id>_<secret>``; only the SHA-256 of the secret is stored.

The id finds the row; the secret's hash is compared with ``hmac.compare_digest`` (constant
time). A token is 160+ bits of randomness, so a plain SHA-256 is the right hash (a slow
password hash protects guessable secrets, which these are not).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from .db import tokens, users

_PREFIX = "hst_"
# A hash compared when the id is unknown, so both paths cost the same.
_DUMMY_HASH = hashlib.sha256(b"no such token").hexdigest()


@dataclass(frozen=True)
class User:
    id: int
    name: str
    prefix: str
    max_object_size: int | None
    quota_bytes: int | None
    max_open_sessions: int | None


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(engine: Engine, user_name: str) -> str:
    """A new token for the user, returned once (only its hash is kept)."""
    token_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        user_id = conn.execute(sa.select(users.c.id).where(users.c.name == user_name)).scalar()
        if user_id is None:
            raise LookupError(f"no user named {user_name!r} (add one with 'hoist-server user add')")
        conn.execute(
            tokens.insert().values(
                id=token_id, user_id=user_id, secret_hash=_hash(secret), created=time.time()
            )
        )
    return f"{_PREFIX}{token_id}_{secret}"


def revoke_token(engine: Engine, token_id: str) -> bool:
    if token_id.startswith(_PREFIX):
        token_id = token_id[len(_PREFIX) :].split("_", 1)[0]
    with engine.begin() as conn:
        result = conn.execute(tokens.update().where(tokens.c.id == token_id).values(revoked=True))
        return bool(result.rowcount)


def parse_bearer(header: str | None) -> tuple[str, str] | None:
    """``Authorization: Bearer hst_ID_SECRET`` -> (id, secret); anything else -> None."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    value = value.strip()
    if not value.startswith(_PREFIX) or len(value) > 200:
        return None
    token_id, sep, secret = value[len(_PREFIX) :].partition("_")
    if not sep or not token_id or not secret:
        return None
    return token_id, secret


class TokenCache:
    """Tokens looked up in the last few seconds, so a busy client costs no query per request.
    A revoked token or a changed limit takes effect within ``ttl`` seconds on every instance."""

    def __init__(self, ttl: float = 5.0, size: int = 10_000) -> None:
        self.ttl = ttl
        self.size = size
        self._entries: dict[str, tuple[float, str, User | None]] = {}
        self._lock = threading.Lock()

    def authenticate(self, engine: Engine, token_id: str, secret: str) -> User | None:
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(token_id)
        if entry is None or now - entry[0] > self.ttl:
            with engine.connect() as conn:
                found = lookup(conn, token_id)
            entry = (now, found[0], found[1]) if found is not None else (now, _DUMMY_HASH, None)
            with self._lock:
                if len(self._entries) >= self.size:
                    self._entries.clear()
                self._entries[token_id] = entry
        _, expected, user = entry
        matches = hmac.compare_digest(expected, _hash(secret))
        return user if matches and user is not None else None


def lookup(conn: sa.Connection, token_id: str) -> tuple[str, User] | None:
    """(the secret's hash, its user) for a token that is not revoked."""
    row = conn.execute(
        sa.select(
            tokens.c.secret_hash,
            tokens.c.revoked,
            users.c.id,
            users.c.name,
            users.c.prefix,
            users.c.max_object_size,
            users.c.quota_bytes,
            users.c.max_open_sessions,
        )
        .join(users, users.c.id == tokens.c.user_id)
        .where(tokens.c.id == token_id)
    ).first()
    if row is None or row.revoked:
        return None
    user = User(row.id, row.name, row.prefix, row.max_object_size, row.quota_bytes, row.max_open_sessions)
    return str(row.secret_hash), user

"""Tokens: ``hst_<id>_<secret>``; only the SHA-256 of the secret is stored.

The id finds the row; the secret's hash is compared with ``hmac.compare_digest`` (constant
time). A token is 160+ bits of randomness, so a plain SHA-256 is the right hash (a slow
password hash protects guessable secrets, which these are not).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
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


def authenticate(conn: sa.Connection, token_id: str, secret: str) -> User | None:
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
    expected = row.secret_hash if row is not None else _DUMMY_HASH
    matches = hmac.compare_digest(expected, _hash(secret))
    if row is None or not matches or row.revoked:
        return None
    return User(row.id, row.name, row.prefix, row.max_object_size, row.quota_bytes, row.max_open_sessions)

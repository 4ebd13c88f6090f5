"""What each Companion route does, on the database and the storage, for one user.

Every session query names the caller (``user_id``) and the key the client passed, so
another user's upload id is the same "unknown" as one that never existed. A session
idle longer than the TTL is expired from that moment, whether or not the sweeper has
aborted it yet.
"""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine

from .auth import User
from .db import ABORTED, COMPLETED, EXPIRED, OPEN, is_postgres, session_parts, upload_sessions
from .keys import PathRefused, build_key, check_metadata
from .metrics import Metrics
from .settings import Settings
from .storage import Storage, StorageError

MAX_PART_NUMBER = 10_000
MAX_OBJECT_SIZE = 5 * 1024**4  # S3's largest object: 5 TiB
MAX_POST_SIZE = 5 * 1024**3  # S3's largest single PUT/POST: 5 GiB
_UPLOAD_ID = re.compile(r"^[\x21-\x7e]{1,1024}$")
_PART = re.compile(r"^[0-9]{1,5}$")
_KEY_MISSING = 's3: the object key must be passed as a query parameter. For example: "?key=abc.jpg"'
_PART_RANGE = "s3: the part number must be a number between 1 and 10000."

_REASONS = {
    "unknown": "s3: there is no upload session with this id and key for you",
    EXPIRED: "s3: this upload session expired (idle longer than the server's session time) and was "
    "aborted on the storage: start the file over",
    COMPLETED: "s3: this upload session is already completed",
    ABORTED: "s3: this upload session was aborted",
}


class ApiError(Exception):
    def __init__(self, status: int, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.status = status
        self.body: dict[str, Any] = {"error": error, **extra}


def not_found(reason: str) -> ApiError:
    return ApiError(404, _REASONS[reason], reason=reason)


def check_upload_id(upload_id: str) -> None:
    if not _UPLOAD_ID.match(upload_id):
        raise not_found("unknown")  # it cannot name a session: the same answer as any unknown id


def parse_part_number(text: str) -> int:
    if not _PART.match(text) or not 1 <= int(text) <= MAX_PART_NUMBER:
        raise ApiError(400, _PART_RANGE)
    return int(text)


def _storage_error(exc: StorageError) -> ApiError:
    if exc.code in ("InvalidPart", "InvalidPartOrder", "EntityTooSmall", "EntityTooLarge", "MalformedXML"):
        return ApiError(400, f"s3: the storage refused the parts: {exc.message}", code=exc.code)
    return ApiError(502, f"s3: the storage answered {exc.code}: {exc.message}", code=exc.code)


@dataclass(frozen=True)
class Session:
    id: int
    bucket: str
    key: str
    upload_id: str
    declared_size: int | None


class Service:
    def __init__(self, engine: Engine, storage: Storage, settings: Settings, metrics: Metrics) -> None:
        self.engine = engine
        self.storage = storage
        self.settings = settings
        self.metrics = metrics
        self._insert = pg_insert if is_postgres(engine) else sqlite_insert

    # -- sessions --------------------------------------------------------------

    def _touch(self, conn: sa.Connection, user: User, upload_id: str, key: str, now: float) -> Session:
        """The caller's open, fresh session, its last activity moved to now; else a 404 saying why."""
        s = upload_sessions.c
        row = conn.execute(
            upload_sessions.update()
            .where(
                s.upload_id == upload_id,
                s.user_id == user.id,
                s.key == key,
                s.state == OPEN,
                s.last_activity >= now - self.settings.session_ttl,
            )
            .values(last_activity=now)
            .returning(s.id, s.bucket, s.key, s.upload_id, s.declared_size)
        ).first()
        if row is None:
            raise not_found(self._reason(conn, user, upload_id, key, now))
        return Session(row.id, row.bucket, row.key, row.upload_id, row.declared_size)

    def _reason(self, conn: sa.Connection, user: User, upload_id: str, key: str, now: float) -> str:
        s = upload_sessions.c
        row = conn.execute(
            sa.select(s.state, s.last_activity)
            .where(s.upload_id == upload_id, s.user_id == user.id, s.key == key)
            .order_by(s.id.desc())
            .limit(1)
        ).first()
        if row is None:
            return "unknown"
        if row.state == OPEN:
            return EXPIRED  # idle past the TTL; the sweeper aborts it on the storage
        return str(row.state)

    def _usage(self, conn: sa.Connection, user: User, now: float) -> tuple[int, int]:
        """(open fresh sessions, bytes counted against the quota)."""
        s = upload_sessions.c
        fresh = sa.and_(s.state == OPEN, s.last_activity >= now - self.settings.session_ttl)
        row = conn.execute(
            sa.select(
                sa.func.count().filter(fresh),
                sa.func.coalesce(sa.func.sum(sa.case((fresh, s.declared_size), else_=0)), 0),
                sa.func.coalesce(sa.func.sum(sa.case((s.state == COMPLETED, s.final_size), else_=0)), 0),
            ).where(s.user_id == user.id)
        ).one()
        return int(row[0]), int(row[1]) + int(row[2])

    def _check_limits(self, conn: sa.Connection, user: User, size: int, now: float) -> None:
        open_count, used = self._usage(conn, user, now)
        limit = (
            user.max_open_sessions if user.max_open_sessions is not None else self.settings.max_open_sessions
        )
        if open_count >= limit:
            raise ApiError(
                429,
                f"s3: you have {open_count} uploads open, the most allowed is {limit}: "
                "finish or abort some first",
                open_sessions=open_count,
                limit=limit,
            )
        if user.quota_bytes is not None and used + size > user.quota_bytes:
            raise ApiError(
                403,
                f"s3: this upload ({size} bytes) would take you to {used + size} bytes; "
                f"your quota is {user.quota_bytes} bytes",
                quota=user.quota_bytes,
                used=used,
                requested=size,
            )

    def _check_size(self, user: User, size: int) -> None:
        limit = min(user.max_object_size or MAX_OBJECT_SIZE, MAX_OBJECT_SIZE)
        if size > limit:
            raise ApiError(
                413,
                f"s3: the file is {size} bytes; the largest allowed is {limit} bytes",
                size=size,
                limit=limit,
            )

    # -- routes ----------------------------------------------------------------

    def create(self, user: User, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise ApiError(400, "s3: the body must be a JSON object")
        filename = body.get("filename")
        if not isinstance(filename, str) or filename == "":
            raise ApiError(400, 's3: the "filename" field is required and must be a non-empty string')
        content_type = body.get("type", "application/octet-stream")
        if content_type is None:
            content_type = "application/octet-stream"
        if not isinstance(content_type, str) or len(content_type) > 255:
            raise ApiError(400, "s3: content type must be a string")
        size = body.get("size")
        if size is not None and (isinstance(size, bool) or not isinstance(size, int) or size < 0):
            raise ApiError(400, 's3: "size" must be a whole number of bytes, 0 or more')
        try:
            key = build_key(user.prefix, filename)
            metadata = check_metadata(body.get("metadata"))
        except PathRefused as exc:
            raise ApiError(400, f"s3: {exc}") from None
        self._check_size(user, size or 0)
        now = time.time()
        with self.engine.begin() as conn:  # refuse early, before any work on the storage
            self._check_limits(conn, user, size or 0, now)
        try:
            upload_id = self.storage.create(key, content_type, metadata)
        except StorageError as exc:
            raise _storage_error(exc) from None
        try:
            with self.engine.begin() as conn:
                # Again under the user's row lock (PostgreSQL) or the write lock (SQLite),
                # so two creates at once cannot both take the last place.
                if is_postgres(self.engine):
                    conn.execute(sa.text("SELECT 1 FROM users WHERE id = :id FOR UPDATE"), {"id": user.id})
                self._check_limits(conn, user, size or 0, now)
                conn.execute(
                    upload_sessions.insert().values(
                        user_id=user.id,
                        bucket=self.storage.bucket,
                        key=key,
                        upload_id=upload_id,
                        content_type=content_type,
                        declared_size=size,
                        created=now,
                        last_activity=now,
                        state=OPEN,
                    )
                )
        except BaseException:
            with contextlib.suppress(Exception):
                self.storage.abort(key, upload_id)  # nothing records it: leave nothing open
            raise
        self.metrics.sessions_opened.inc()
        return {"key": key, "uploadId": upload_id, "bucket": self.storage.bucket}

    def sign(self, user: User, upload_id: str, key: str | None, numbers: list[int]) -> list[str]:
        if key is None:
            raise ApiError(400, _KEY_MISSING)
        check_upload_id(upload_id)
        now = time.time()
        with self.engine.begin() as conn:
            session = self._touch(conn, user, upload_id, key, now)
            unique = sorted(set(numbers))
            stmt = self._insert(session_parts).on_conflict_do_nothing()
            conn.execute(
                stmt, [{"session_id": session.id, "part_number": n, "first_signed": now} for n in unique]
            )
        urls = self.storage.sign_parts(key, upload_id, numbers, self.settings.url_expiry)
        self.metrics.parts_signed.inc(len(urls))
        return urls

    def list_parts(self, user: User, upload_id: str, key: str | None) -> list[dict[str, Any]]:
        if key is None:
            raise ApiError(400, _KEY_MISSING)
        check_upload_id(upload_id)
        with self.engine.begin() as conn:
            self._touch(conn, user, upload_id, key, time.time())
        try:
            return [p.as_json() for p in self.storage.list_parts(key, upload_id)]
        except StorageError as exc:
            if exc.code == "NoSuchUpload":
                raise not_found("unknown") from None
            raise _storage_error(exc) from None

    def complete(self, user: User, upload_id: str, key: str | None, body: Any) -> dict[str, Any]:
        if key is None:
            raise ApiError(400, _KEY_MISSING)
        parts_in = body.get("parts") if isinstance(body, dict) else None
        if (
            not isinstance(parts_in, list)
            or not parts_in
            or len(parts_in) > MAX_PART_NUMBER
            or not all(
                isinstance(p, dict)
                and isinstance(p.get("PartNumber"), int)
                and not isinstance(p.get("PartNumber"), bool)
                and 1 <= p["PartNumber"] <= MAX_PART_NUMBER
                and isinstance(p.get("ETag"), str)
                and 0 < len(p["ETag"]) <= 128
                for p in parts_in
            )
        ):
            raise ApiError(400, "s3: `parts` must be an array of {ETag, PartNumber} objects.")
        parts = [(int(p["PartNumber"]), str(p["ETag"])) for p in parts_in]
        check_upload_id(upload_id)
        now = time.time()
        try:
            with self.engine.begin() as conn:
                session = self._touch(conn, user, upload_id, key, now)
        except ApiError as exc:
            if exc.body.get("reason") == COMPLETED:
                # A retried Complete whose first reply was lost (the instance died): the same
                # answer again, so the client does not start a finished file over.
                done = self._completed(user, upload_id, key, len(parts))
                if done is not None:
                    return done
            raise
        # The real sizes, from the storage: a declared size is a promise, not a limit.
        try:
            stored = {p.number: p.size for p in self.storage.list_parts(key, upload_id)}
        except StorageError as exc:
            if exc.code == "NoSuchUpload":
                raise not_found("unknown") from None
            raise _storage_error(exc) from None
        total = sum(stored.get(n, 0) for n, _ in parts)
        try:
            self._check_size(user, total)
            if user.quota_bytes is not None:
                with self.engine.begin() as conn:
                    _, used = self._usage(conn, user, now)
                used -= session.declared_size or 0  # this upload's own reservation
                if used + total > user.quota_bytes:
                    raise ApiError(
                        403,
                        f"s3: this upload ({total} bytes) would take you to {used + total} bytes; "
                        f"your quota is {user.quota_bytes} bytes",
                        quota=user.quota_bytes,
                        used=used,
                        requested=total,
                    )
        except ApiError:
            self._abort(session, user)
            raise
        try:
            location, etag = self.storage.complete(key, upload_id, parts)
        except StorageError as exc:
            if exc.code == "NoSuchUpload":
                done = self._completed(user, upload_id, key, len(parts))
                if done is not None:
                    return done
                raise not_found("unknown") from None
            raise _storage_error(exc) from None
        with self.engine.begin() as conn:
            conn.execute(
                upload_sessions.update()
                .where(upload_sessions.c.id == session.id)
                .values(
                    state=COMPLETED,
                    finished=time.time(),
                    last_activity=time.time(),
                    part_count=len(parts),
                    final_size=total,
                    etag=etag[:128],
                )
            )
        self.metrics.sessions_completed.inc()
        return {"location": location, "key": key, "bucket": session.bucket}

    def _completed(self, user: User, upload_id: str, key: str, part_count: int) -> dict[str, Any] | None:
        s = upload_sessions.c
        with self.engine.begin() as conn:
            row = conn.execute(
                sa.select(s.bucket, s.part_count).where(
                    s.upload_id == upload_id, s.user_id == user.id, s.key == key, s.state == COMPLETED
                )
            ).first()
        if row is None or row.part_count != part_count:
            return None
        return {"location": "", "key": key, "bucket": row.bucket}

    def abort(self, user: User, upload_id: str, key: str | None) -> dict[str, Any]:
        if key is None:
            raise ApiError(400, _KEY_MISSING)
        check_upload_id(upload_id)
        with self.engine.begin() as conn:
            session = self._touch(conn, user, upload_id, key, time.time())
        self._abort(session, user)
        return {}

    def _abort(self, session: Session, user: User) -> None:
        try:
            self.storage.abort(session.key, session.upload_id)
        except StorageError as exc:
            raise _storage_error(exc) from None
        with self.engine.begin() as conn:
            conn.execute(
                upload_sessions.update()
                .where(upload_sessions.c.id == session.id, upload_sessions.c.state == OPEN)
                .values(state=ABORTED, finished=time.time())
            )
        self.metrics.sessions_aborted.inc()

    def params(
        self, user: User, filename: str | None, content_type: str | None, metadata: Any
    ) -> dict[str, Any]:
        """A presigned POST for a small file (Uppy's non-multipart path). It opens no session;
        the size is bounded by the form's policy (content-length-range)."""
        if not filename:
            raise ApiError(
                400, 's3: the "filename" query parameter is required and must be a non-empty string'
            )
        if user.quota_bytes is not None:
            raise ApiError(
                403,
                "s3: you have a byte quota, which only multipart uploads can count: "
                "upload with multipart (Uppy: shouldUseMultipart: true)",
                quota=user.quota_bytes,
            )
        try:
            key = build_key(user.prefix, filename)
            meta = check_metadata(metadata)
        except PathRefused as exc:
            raise ApiError(400, f"s3: {exc}") from None
        fields = {"success_action_status": "201", "content-type": content_type or "application/octet-stream"}
        fields.update({f"x-amz-meta-{name}": value for name, value in meta.items()})
        limit = min(user.max_object_size or MAX_POST_SIZE, MAX_POST_SIZE)
        expires = self.settings.url_expiry
        post = self.storage.presigned_post(key, fields, limit, expires)
        self.metrics.posts_signed.inc()
        return {"method": "POST", "url": post["url"], "fields": post["fields"], "expires": expires}

"""Expiry: every instance runs a sweeper that aborts idle uploads on the storage once.

Each expired session is handled in its own transaction: the row is taken (``FOR UPDATE
SKIP LOCKED`` on PostgreSQL, so another instance's sweeper passes over it; on SQLite the
transaction's BEGIN IMMEDIATE makes sweepers take turns), the upload is aborted on the
storage, and the row is marked expired before the commit. A sweeper that dies mid-way
leaves the row open (its transaction rolls back) for the next one: an abort may then be
repeated, which S3 answers harmlessly, but never skipped. A sign, list, complete or abort
racing the sweeper waits for the row and then sees it expired.
"""

from __future__ import annotations

import logging
import random
import threading
import time

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from .db import EXPIRED, OPEN, upload_sessions
from .metrics import Metrics
from .storage import Storage, StorageError

log = logging.getLogger("hoist.server.sweeper")


class Sweeper:
    def __init__(
        self,
        engine: Engine,
        storage: Storage,
        ttl: float,
        interval: float,
        metrics: Metrics | None = None,
        batch: int = 1000,
    ) -> None:
        self.engine = engine
        self.storage = storage
        self.ttl = ttl
        self.interval = interval
        self.metrics = metrics
        self.batch = batch
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def sweep_once(self) -> int:
        """Expire what is idle now; returns how many this sweeper expired."""
        expired = 0
        failed: list[int] = []
        s = upload_sessions.c
        while expired + len(failed) < self.batch and not self._stop.is_set():
            now = time.time()
            with self.engine.begin() as conn:
                query = (
                    sa.select(s.id, s.key, s.upload_id)
                    .where(s.state == OPEN, s.last_activity < now - self.ttl)
                    .order_by(s.last_activity)
                    .limit(1)
                    .with_for_update(skip_locked=True)
                )
                if failed:
                    query = query.where(s.id.not_in(failed))
                row = conn.execute(query).first()
                if row is None:
                    break
                try:
                    self.storage.abort(row.key, row.upload_id)
                except StorageError as exc:
                    log.warning(
                        "expiry: could not abort session %s on the storage (%s); will try again",
                        row.id,
                        exc.code,
                    )
                    failed.append(row.id)
                    continue
                conn.execute(
                    upload_sessions.update().where(s.id == row.id).values(state=EXPIRED, finished=time.time())
                )
            expired += 1
            if self.metrics is not None:
                self.metrics.sessions_expired.inc()
            log.info("expiry: session %s aborted on the storage and marked expired", row.id)
        return expired

    def _run(self) -> None:
        while not self._stop.wait(self.interval * random.uniform(0.8, 1.2)):
            try:
                self.sweep_once()
            except Exception as exc:  # the database may be briefly away: try at the next round
                log.warning("expiry: sweep failed (%s); will try again", type(exc).__name__)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="hoist-server-sweeper", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

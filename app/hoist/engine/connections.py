"""One signer and one HTTP client per destination endpoint, shared by all workers."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from ..s3.redact import redact
from ..s3.signer import Signer
from ..s3.transport import ClientPerThread
from ..store.journal import Destination


@dataclass
class Connection:
    signer: Signer
    http: ClientPerThread  # the parts' PUTs: a client per worker thread
    endpoint_label: str  # what a person would recognise: the URL or "AWS S3"
    verify_etag: bool = True
    storage_class: str = ""
    server_side_encryption: str = ""


ConnectionFactory = Callable[[Destination], Connection]


class ConnectionSetupError(Exception):
    """A destination cannot be connected (no credentials, unknown AWS profile...).
    The message is for a person; the upload fails with it, not as an 'unexpected error'."""


class ConnectionPool:
    def __init__(self, factory: ConnectionFactory) -> None:
        self._factory = factory
        self._cache: dict[Destination, Connection] = {}
        self._retired: list[Connection] = []  # forgotten, maybe still in a worker's hands
        self._lock = threading.Lock()

    def get(self, destination: Destination) -> Connection:
        with self._lock:
            connection = self._cache.get(destination)
            if connection is None:
                try:
                    connection = self._factory(destination)
                except ConnectionSetupError:
                    raise
                except Exception as exc:  # botocore's ProfileNotFound, a bad endpoint...
                    where = destination.endpoint_url or "AWS S3"
                    raise ConnectionSetupError(
                        f"cannot connect to {where}: {redact(str(exc)) or type(exc).__name__}"
                    ) from exc
                self._cache[destination] = connection
            return connection

    def forget_profile(self, profile: str) -> int:
        """Drop the connections made for this profile's destinations, so the next request
        builds a new one from the profile and secret as they are now: a corrected secret
        (or endpoint, TLS choice...) takes effect without a restart. A part already on its
        way finishes on the old connection, which is closed with the pool. No I/O: safe
        on the GUI thread. Returns how many were dropped."""
        with self._lock:
            gone = [d for d in self._cache if d.profile == profile]
            for destination in gone:
                self._retired.append(self._cache.pop(destination))
            return len(gone)

    def close(self) -> None:
        with self._lock:
            for connection in [*self._cache.values(), *self._retired]:
                connection.http.close()
            self._cache.clear()
            self._retired.clear()

"""The offline wait: connections that cannot be made (refused, DNS, unreachable) use no
retries while the network is away, up to ``offline_wait`` seconds. One clock per
endpoint, so a dead server cannot wait forever while another answers."""

from __future__ import annotations

import threading
import time

from ..s3.errors import CONNECT_CODES, S3Failure
from ..store.journal import UploadRow


def endpoint_of(row: UploadRow) -> str:
    """The key of the offline clock: one per server (AWS: one per region)."""
    return row.endpoint_url or f"aws:{row.region}"


class OfflineClock:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        # Per endpoint: the first refused connection since that endpoint last answered.
        self._unanswered_since: dict[str, float] = {}

    def heard_from(self, endpoint: str) -> None:
        """A server answered (with success or an error): that endpoint is reachable."""
        with self._lock:
            self._unanswered_since.pop(endpoint, None)

    def offline_for(self, endpoint: str | None = None) -> float:
        """How long connections to ``endpoint`` have been failing with no answer in
        between; with None, the longest such wait of any endpoint."""
        now = time.monotonic()
        with self._lock:
            if endpoint is None:
                return max((now - since for since in self._unanswered_since.values()), default=0.0)
            since = self._unanswered_since.get(endpoint)
        return 0.0 if since is None else now - since

    def endpoints(self) -> dict[str, float]:
        """Endpoints that have not answered, with how long they have been silent."""
        now = time.monotonic()
        with self._lock:
            return {endpoint: now - since for endpoint, since in self._unanswered_since.items()}

    def waiting(self, failure: S3Failure, endpoint: str, offline_wait: float) -> bool:
        """True if this failure is a connection that could not be made and the endpoint's
        offline wait is not over: such a try is not counted. A laptop that loses Wi-Fi
        for ten minutes must not come back to a queue of failed files."""
        if failure.code not in CONNECT_CODES:
            return False
        with self._lock:
            self._unanswered_since.setdefault(endpoint, time.monotonic())
        return self.offline_for(endpoint) < offline_wait

"""A small client of Companion's S3 routes (what Hoist's upload-service profile will speak):
create, sign parts in batches, PUT them straight to the storage, list, complete, abort.

Each service request goes on a fresh connection (no keep-alive), so a round-robin proxy
in front of several instances spreads consecutive requests over them. Connection
failures and 502/503/504 are retried until a deadline: an instance killed mid-upload
costs a retry, never the upload.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx


class ServiceError(Exception):
    def __init__(self, status: int, body: Any) -> None:
        super().__init__(f"{status}: {body}")
        self.status = status
        self.body = body

    @property
    def reason(self) -> str:
        return str(self.body.get("reason", "")) if isinstance(self.body, dict) else ""


@dataclass
class CompanionClient:
    base_url: str
    token: str | None
    deadline: float = 60.0  # seconds one request may keep retrying
    retries: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        self.http = httpx.Client(
            base_url=self.base_url,
            headers=headers,
            timeout=30,
            limits=httpx.Limits(max_keepalive_connections=0),
        )

    def close(self) -> None:
        self.http.close()

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        end = time.monotonic() + self.deadline
        delay = 0.05
        while True:
            try:
                response = self.http.request(method, path, **kwargs)
                if response.status_code not in (502, 503, 504):
                    break
                failure: str = f"HTTP {response.status_code}"
            except httpx.TransportError as exc:
                failure = type(exc).__name__
            if time.monotonic() > end:
                raise ServiceError(0, f"gave up after retries: {failure}")
            with self._lock:
                self.retries += 1
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
        body = response.json()
        if response.status_code >= 400:
            raise ServiceError(response.status_code, body)
        return body

    def create(self, filename: str, size: int | None = None, type: str = "application/octet-stream") -> Any:
        body: dict[str, Any] = {"filename": filename, "type": type, "metadata": {}}
        if size is not None:
            body["size"] = size
        return self.request("POST", "/s3/multipart", json=body)

    def sign_batch(self, upload_id: str, key: str, numbers: list[int]) -> dict[int, str]:
        reply = self.request(
            "GET",
            f"/s3/multipart/{upload_id}/batch",
            params={"key": key, "partNumbers": ",".join(map(str, numbers))},
        )
        return {int(n): url for n, url in reply["presignedUrls"].items()}

    def sign_one(self, upload_id: str, key: str, number: int) -> str:
        return str(self.request("GET", f"/s3/multipart/{upload_id}/{number}", params={"key": key})["url"])

    def list_parts(self, upload_id: str, key: str) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self.request("GET", f"/s3/multipart/{upload_id}", params={"key": key})
        return result

    def complete(self, upload_id: str, key: str, parts: list[tuple[int, str]]) -> Any:
        body = {"parts": [{"PartNumber": n, "ETag": e} for n, e in sorted(parts)]}
        return self.request("POST", f"/s3/multipart/{upload_id}/complete", params={"key": key}, json=body)

    def abort(self, upload_id: str, key: str) -> Any:
        return self.request("DELETE", f"/s3/multipart/{upload_id}", params={"key": key})


@dataclass
class UploadResult:
    key: str
    upload_id: str
    parts: int
    reply: Any
    started_over: int = 0


def upload(
    client: CompanionClient,
    filename: str,
    part_count: int,
    part_bytes: Callable[[int], bytes],
    size: int | None = None,
    concurrency: int = 4,
    batch: int = 8,
    on_part: Callable[[int], None] | None = None,
) -> UploadResult:
    """Upload ``part_count`` parts (``part_bytes(n)`` makes part n) and complete. A session
    the service calls gone (expired/aborted/unknown) starts the file over, as Hoist does."""
    started_over = 0
    while True:
        created = client.create(filename, size)
        key, upload_id = created["key"], created["uploadId"]
        try:
            etags = _send_parts(client, key, upload_id, part_count, part_bytes, concurrency, batch, on_part)
            reply = client.complete(upload_id, key, sorted(etags.items()))
            return UploadResult(key, upload_id, part_count, reply, started_over)
        except ServiceError as exc:
            if exc.status != 404:
                raise
            started_over += 1


def _send_parts(
    client: CompanionClient,
    key: str,
    upload_id: str,
    part_count: int,
    part_bytes: Callable[[int], bytes],
    concurrency: int,
    batch: int,
    on_part: Callable[[int], None] | None,
) -> dict[int, str]:
    etags: dict[int, str] = {}
    lock = threading.Lock()
    numbers = list(range(1, part_count + 1))
    chunks = [numbers[i : i + batch] for i in range(0, len(numbers), batch)]
    storage = httpx.Client(timeout=60)

    def send(chunk: list[int]) -> None:
        urls = client.sign_batch(upload_id, key, chunk)
        for n in chunk:
            for attempt in range(5):
                try:
                    response = storage.put(urls[n], content=part_bytes(n))
                except httpx.TransportError:
                    if attempt == 4:
                        raise
                    continue
                if response.status_code == 200:
                    break
                if response.status_code == 404 and b"NoSuchUpload" in response.content:
                    raise ServiceError(404, {"reason": "storage: NoSuchUpload"})  # start the file over
                if attempt == 4 or response.status_code < 500:
                    raise AssertionError(
                        f"part {n}: storage answered {response.status_code}: {response.text[:300]}"
                    )
            with lock:
                etags[n] = response.headers["etag"]
                done = len(etags)
            if on_part is not None:
                on_part(done)

    try:
        with ThreadPoolExecutor(concurrency) as pool:
            for future in [pool.submit(send, chunk) for chunk in chunks]:
                future.result()
    finally:
        storage.close()
    return etags

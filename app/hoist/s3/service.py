"""A Signer that gets its URLs from an organization's upload service (Uppy Companion's S3
routes, as @uppy/companion 6.2.2 serves them in lib/server/controllers/s3.js, and the
services that copy them, such as hoist-server).

The service holds the storage keys and chooses bucket and key; Hoist holds at most a
token for the service. The bytes go straight to the storage on the presigned URLs.

Routes, with BASE the service's URL:

- ``POST BASE/s3/multipart`` ``{filename, type, metadata}`` -> ``{key, uploadId, bucket}``
- ``GET BASE/s3/multipart/ID/batch?key=KEY&partNumbers=1,2`` -> ``{presignedUrls: {"1": url}}``
- ``GET BASE/s3/multipart/ID/N?key=KEY`` -> ``{url, expires}``
- ``GET BASE/s3/multipart/ID?key=KEY`` -> ``[{PartNumber, Size, ETag, LastModified}]``
- ``POST BASE/s3/multipart/ID/complete?key=KEY`` ``{parts: [{PartNumber, ETag}]}`` -> ``{location, key, bucket}``
- ``DELETE BASE/s3/multipart/ID?key=KEY`` -> ``{}``
- ``GET BASE/s3/params?filename=NAME&type=TYPE&metadata[NAME]=VALUE`` -> ``{method: "POST", url,
  fields, expires}`` (a presigned POST form) or ``{method: "PUT", url, headers}``

Errors, as Companion sends them: ``{error}`` with 400 for bad input, ``{message: "Not Found"}``
with 404 for a route it does not have (also every /s3 route when S3 is not set up), and a
500 ``{message, error}`` for a storage error, whose ``error`` (outside production mode)
carries the storage's code (``NoSuchUpload``) and status; in production mode only
``{message: "Something went wrong"}``, which Hoist can only retry.

Presigned URLs are bearer credentials: they are never logged (s3.redact) and never stored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import httpx

from .bounded import REPLY_BODY_CAP, ReplyTooSlow, read_capped
from .errors import Kind, S3Failure, classify, from_transport
from .redact import redact
from .signer import (
    MAX_PARTS,
    CreatedUpload,
    ObjectInfo,
    ObjectOptions,
    RemotePart,
    RemoteUpload,
    SignedRequest,
)

log = logging.getLogger(__name__)

# The journal's marker for a destination that is an upload service (Destination.region):
# with `--service URL` there is no profile to say so when `hoist resume` reconnects.
SERVICE_REGION = "upload-service"

BATCH = 16  # part URLs asked for in one request (the asked-for part and the next ones)
DEFAULT_LIFETIME = 300.0  # seconds, when a URL does not say how long it lives
PROBE = "hoist-connection-test"  # the upload id and key Test connection asks about


@dataclass
class _Cached:
    url: str
    good_until: float  # monotonic


def service_url_problem(url: str, option: str = "--service") -> str:
    """What is wrong with an upload service's base URL, in words, or '' (http(s), a host,
    a valid port, no query or fragment)."""
    parsed = urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return (
            f"{option} must be the http(s) URL of an upload service, like https://uploads.example.org, "
            f"not '{url}'"
        )
    try:
        parsed.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return f"{option} has an invalid port: '{url}'"
    if parsed.query or parsed.fragment:
        return f"{option} must not carry a query or fragment: '{url}'"
    return ""


def lifetime_of(url: str, expires: object = None) -> float:
    """How long a presigned URL lives: the reply's ``expires`` (seconds) if it gave one,
    else SigV4's X-Amz-Expires in the URL, else a conservative default."""
    if isinstance(expires, int | float) and not isinstance(expires, bool) and expires > 0:
        return float(expires)
    values = parse_qs(urlsplit(url).query).get("X-Amz-Expires", [])
    if values and values[0].isdigit() and int(values[0]) > 0:
        return float(values[0])
    return DEFAULT_LIFETIME


def _margin(lifetime: float) -> float:
    """Time left at which a URL is no longer handed out: S3 checks expiry when a request
    starts, so a URL used with this much left is fine; less, and it is fetched again."""
    return min(max(30.0, lifetime * 0.1), lifetime / 2)


class ServiceSigner:
    """Thread-safe. One per destination (engine.connections); its HTTP client carries the
    service's auth header, which never goes to the storage (the parts use another client)."""

    def __init__(
        self,
        base_url: str,
        http: httpx.Client,
        *,
        auth: tuple[str, str] | None = None,
        metadata: dict[str, str] | None = None,
        batch: int = BATCH,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = http
        self._auth = auth
        self._metadata = dict(metadata or {})
        self._batch = max(1, batch)
        self._clock = clock
        self._lock = threading.Lock()
        self._upload_locks: dict[str, threading.Lock] = {}
        self._cache: dict[tuple[str, int], _Cached] = {}
        self._handed_out: set[tuple[str, int]] = set()
        self._refused: S3Failure | None = None  # the token was refused: every later call fails alike
        self._single: bool | None = None  # whether /s3/params is offered, once asked
        self.requests = 0  # to the service, for tests and benchmarks
        self.params_offered: bool | None = None  # learnt by probe()

    # -- the wire --------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        route: str,
        *,
        params: dict[str, str] | None = None,
        query: list[tuple[str, str | int | float | bool | None]] | None = None,
        body: Any = None,
        missing: str = "route",
    ) -> Any:
        """One request to the service; the JSON it answered, or S3Failure. ``missing``: what
        a 404 means here: "route" (not an upload service), "upload" (the session is gone)."""
        if self._refused is not None:
            raise self._refused
        headers = {"Accept": "application/json"}
        if self._auth is not None:
            headers[self._auth[0]] = self._auth[1]
        content = None
        if body is not None:
            content = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        grace = self._http.timeout.read or 60.0
        with self._lock:
            self.requests += 1
        try:
            with self._http.stream(
                method,
                self.base_url + path,
                params=query if query is not None else params,
                content=content,
                headers=headers,
            ) as response:
                chunks = response.iter_bytes()
                reply, truncated = read_capped(lambda: next(chunks, b""), REPLY_BODY_CAP, grace)
        except httpx.HTTPError as exc:
            raise from_transport(exc) from None
        except ReplyTooSlow as slow:
            raise slow.failure() from None
        status = response.status_code
        where = f"The upload service at {self.base_url}"
        if truncated:
            raise S3Failure(
                Kind.FATAL, "ServiceReply",
                f"{where} answered {route} with more than {REPLY_BODY_CAP // (1024 * 1024)} MiB; "
                "it does not behave as an upload service.", status,
            )  # fmt: skip
        if 300 <= status < 400:
            target = redact(response.headers.get("location", ""))
            raise S3Failure(
                Kind.FATAL, "ServiceRedirect",
                f"{where} redirected {route} to {target or 'another address'} (HTTP {status}). "
                "Give the service's own address (a sign-in page in front of it needs a token: "
                "--service-token-stdin, or HOIST_SERVICE_TOKEN).", status,
            )  # fmt: skip
        data, is_json = _parse(reply)
        message = _message(data) if is_json else ""
        if status in (401, 403):
            self._refused = S3Failure(
                Kind.FATAL, "ServiceAuth",
                f"{where} refused the token (HTTP {status}{': ' + message if message else ''}). "
                "Check the profile's token (`hoist profile set NAME --service URL "
                "--service-token-stdin`) or HOIST_SERVICE_TOKEN, then retry.", status,
            )  # fmt: skip
            raise self._refused
        if status >= 400:
            raise self._failure(status, route, data if is_json else None, message, response, missing)
        if not is_json:
            raise S3Failure(
                Kind.FATAL, "ServiceReply",
                f"{where} answered {route} with {_what(reply, response)}, not JSON: it does not look "
                "like an upload service. Check the URL: it is the service's base address, without "
                "/s3 (Companion's, or your organization's upload service).", status,
            )  # fmt: skip
        return data

    def _failure(
        self, status: int, route: str, data: Any, message: str, response: httpx.Response, missing: str
    ) -> S3Failure:
        where = f"The upload service at {self.base_url}"
        storage_code, storage_status = _storage_error(data)
        if storage_code == "NoSuchUpload" or (status == 404 and missing == "upload" and _names_upload(data)):
            return S3Failure(
                Kind.NO_SUCH_UPLOAD, "NoSuchUpload",
                f"{where} no longer has this upload ({route}: {message or 'HTTP 404'})", status,
            )  # fmt: skip
        if status == 404 and missing == "upload" and data is not None and not _is_route_404(data):
            return S3Failure(Kind.NO_SUCH_UPLOAD, "NoSuchUpload", f"{where}: {route}: {message}", status)
        if status == 404:
            return S3Failure(
                Kind.FATAL, "ServiceNotFound",
                f"{where} has no {route} route (HTTP 404{': ' + message if message else ''}). Check "
                "the URL (the service's base address, without /s3) and that the service has its S3 "
                "uploads set up (Companion: COMPANION_AWS_BUCKET and the other COMPANION_AWS_* "
                "settings).", status,
            )  # fmt: skip
        if "does not support uploading to s3" in message.lower():
            return S3Failure(
                Kind.FATAL, "ServiceNotS3",
                f"{where} is not set up for S3 uploads ({message}): its administrator must give it "
                "a bucket and storage credentials.", status,
            )  # fmt: skip
        if (
            status >= 500
            and storage_status
            and 400 <= storage_status < 500
            and storage_status not in (408, 429)
        ):
            return S3Failure(
                Kind.FATAL, storage_code or "ServiceStorage",
                f"{where} could not use its storage for {route}: {message or storage_code}. The "
                "service's administrator must check its storage settings (bucket, keys, endpoint).",
                status,
            )  # fmt: skip
        retry_after = _retry_after(response)
        if status in (408, 429) or status >= 500:
            failure = classify(status, "", message, retry_after)
            failure.message = (
                f"{where} answered {route} with HTTP {status}{': ' + message if message else ''}"
            )
            return failure
        return S3Failure(
            Kind.FATAL, f"HTTP{status}",
            f"{where} refused {route} (HTTP {status}{': ' + message if message else ''}).", status,
        )  # fmt: skip

    # -- the Signer protocol ---------------------------------------------------

    def _metadata_for(self, key: str, options: ObjectOptions) -> dict[str, str]:
        """Uppy's conventions (name, type, relativePath for a file from a folder), then the
        profile's metadata, then the upload's own."""
        name = key.rsplit("/", 1)[-1]
        metadata = {"name": name, "type": options.content_type}
        if "/" in key:
            metadata["relativePath"] = key
        metadata.update(self._metadata)
        metadata.update(dict(options.metadata))
        return metadata

    def create_multipart(self, bucket: str, key: str, options: ObjectOptions) -> CreatedUpload:
        body = {
            "filename": key.rsplit("/", 1)[-1],
            "type": options.content_type,
            "metadata": self._metadata_for(key, options),
        }
        route = "create (POST /s3/multipart)"
        data = self._call("POST", "/s3/multipart", route, body=body)
        upload_id = _field(data, "uploadId", route, self.base_url)
        new_key = _field(data, "key", route, self.base_url)
        new_bucket = data.get("bucket") if isinstance(data.get("bucket"), str) else None
        return CreatedUpload(upload_id, False, bucket=new_bucket or None, key=new_key)

    def sign_part(self, bucket: str, key: str, upload_id: str, part_number: int) -> SignedRequest:
        wanted = (upload_id, part_number)
        with self._lock:
            lock = self._upload_locks.setdefault(upload_id, threading.Lock())
        with lock:  # parts asked for together wait for one batch instead of each asking
            with self._lock:
                cached = self._cache.pop(wanted, None)
                again = wanted in self._handed_out
                self._handed_out.add(wanted)
            if cached is not None and cached.good_until > self._clock():
                return SignedRequest(cached.url)
            if again:
                # Handed out before: this is a retry or a re-sign after an expired URL, so a
                # fresh URL for this part alone (a cached one could be the one that failed).
                return SignedRequest(self._sign_one(key, upload_id, part_number))
            # From a few parts before this one: parts start in ascending order but a worker can
            # overtake (part 2 asked first would leave part 1 a batch of its own).
            first = max(1, part_number - 8)
            numbers = list(range(first, min(part_number + self._batch, MAX_PARTS + 1)))
            with self._lock:
                numbers = [n for n in numbers if n == part_number or (upload_id, n) not in self._handed_out]
            urls = self._sign_batch(key, upload_id, numbers)
            now = self._clock()
            with self._lock:
                for number, url in urls.items():
                    if number != part_number:
                        life = lifetime_of(url)
                        self._cache[(upload_id, number)] = _Cached(url, now + life - _margin(life))
            return SignedRequest(urls[part_number])

    def _sign_batch(self, key: str, upload_id: str, numbers: list[int]) -> dict[int, str]:
        route = "sign parts (GET /s3/multipart/ID/batch)"
        data = self._call(
            "GET",
            f"/s3/multipart/{quote(upload_id, safe='')}/batch",
            route,
            params={"key": key, "partNumbers": ",".join(map(str, numbers))},
            missing="upload",
        )
        urls = data.get("presignedUrls") if isinstance(data, dict) else None
        if not isinstance(urls, dict):
            raise _malformed(self.base_url, route, "presignedUrls")
        found: dict[int, str] = {}
        for number in numbers:
            url = urls.get(str(number))
            if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                raise _malformed(self.base_url, route, f"presignedUrls.{number}")
            found[number] = url
        return found

    def _sign_one(self, key: str, upload_id: str, number: int) -> str:
        route = "sign a part (GET /s3/multipart/ID/N)"
        data = self._call(
            "GET",
            f"/s3/multipart/{quote(upload_id, safe='')}/{number}",
            route,
            params={"key": key},
            missing="upload",
        )
        url = _field(data, "url", route, self.base_url)
        if not url.startswith(("http://", "https://")):
            raise _malformed(self.base_url, route, "url")
        return url

    def offers_single_request(self) -> bool:
        """Is /s3/params there? Asked once (signing a form creates nothing on the storage).
        A service without it still takes small files, as one part of a multipart upload."""
        with self._lock:
            known = self._single
        if known is not None:
            return known
        try:
            self._call("GET", "/s3/params", "one-request upload (GET /s3/params)",
                       query=[("filename", "hoist-probe"), ("type", "application/octet-stream")])  # fmt: skip
            offered = True
        except S3Failure as failure:
            if failure.code != "ServiceNotFound":
                raise
            offered = False
        with self._lock:
            self._single = offered
        return offered

    def sign_put(self, bucket: str, key: str, options: ObjectOptions) -> SignedRequest:
        """One request for a small file: /s3/params gives a presigned POST form (Companion)
        or a PUT. The key in the reply is where the object goes (a new one each time)."""
        route = "one-request upload (GET /s3/params)"
        query: list[tuple[str, str | int | float | bool | None]] = [
            ("filename", key.rsplit("/", 1)[-1]),
            ("type", options.content_type),
        ]
        query += [(f"metadata[{name}]", value) for name, value in self._metadata_for(key, options).items()]
        data = self._call("GET", "/s3/params", route, query=query)
        url = _field(data, "url", route, self.base_url)
        method = str(data.get("method") or "POST").upper()
        if not url.startswith(("http://", "https://")) or method not in ("POST", "PUT"):
            raise _malformed(self.base_url, route, "url or method")
        if method == "PUT":
            headers = data.get("headers") or {}
            if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
                raise _malformed(self.base_url, route, "headers")
            chosen = data.get("key")  # a PUT reply need not say; then the journal keeps its key
            return SignedRequest(
                url, dict(headers), key=chosen if isinstance(chosen, str) and chosen else None
            )
        fields = data.get("fields")
        if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
            raise _malformed(self.base_url, route, "fields")
        new_key = fields.get("key")
        if not new_key or "${filename}" in new_key:
            raise _malformed(self.base_url, route, "fields.key")
        new_bucket = fields.get("bucket") or _bucket_in(url)
        return SignedRequest(url, {}, "POST", tuple(fields.items()), bucket=new_bucket or None, key=new_key)

    def list_parts(self, bucket: str, key: str, upload_id: str) -> list[RemotePart]:
        route = "list parts (GET /s3/multipart/ID)"
        data = self._call(
            "GET", f"/s3/multipart/{quote(upload_id, safe='')}", route, params={"key": key}, missing="upload"
        )
        if not isinstance(data, list):
            raise _malformed(self.base_url, route, "the list of parts")
        parts: list[RemotePart] = []
        for item in data:
            try:
                parts.append(RemotePart(int(item["PartNumber"]), str(item["ETag"]), int(item["Size"])))
            except (KeyError, TypeError, ValueError):
                raise _malformed(self.base_url, route, "PartNumber, ETag and Size of each part") from None
        if len(parts) > MAX_PARTS:
            raise S3Failure(
                Kind.FATAL, "TooManyParts",
                f"The upload service at {self.base_url} listed more than {MAX_PARTS:,} parts for "
                f"'{key}': it does not behave as S3 does.",
            )  # fmt: skip
        return parts

    def complete(self, bucket: str, key: str, upload_id: str, parts: list[tuple[int, str]]) -> str:
        """Companion answers {location, key, bucket}, not the object's ETag: the ETag S3 gives
        a multipart object is the MD5 of the parts' MD5s, computed here from the ETags the
        storage gave each part (checked against their MD5s as they were sent)."""
        route = "complete (POST /s3/multipart/ID/complete)"
        body = {"parts": [{"PartNumber": n, "ETag": etag} for n, etag in parts]}
        data = self._call(
            "POST",
            f"/s3/multipart/{quote(upload_id, safe='')}/complete",
            route,
            params={"key": key},
            body=body,
            missing="upload",
        )
        if not isinstance(data, dict):
            raise _malformed(self.base_url, route, "an object")
        self._forget(upload_id)
        etag = data.get("ETag") or data.get("etag")
        return str(etag) if isinstance(etag, str) and etag else multipart_etag_of([e for _, e in parts])

    def abort(self, bucket: str, key: str, upload_id: str) -> None:
        route = "abort (DELETE /s3/multipart/ID)"
        try:
            self._call(
                "DELETE", f"/s3/multipart/{quote(upload_id, safe='')}", route, params={"key": key},
                missing="upload",
            )  # fmt: skip
        except S3Failure as failure:
            if failure.kind != Kind.NO_SUCH_UPLOAD:
                raise
        self._forget(upload_id)

    def _forget(self, upload_id: str) -> None:
        with self._lock:
            for entry in [e for e in self._cache if e[0] == upload_id]:
                del self._cache[entry]
            self._handed_out = {e for e in self._handed_out if e[0] != upload_id}
            self._upload_locks.pop(upload_id, None)

    def head(self, bucket: str, key: str) -> ObjectInfo | None:
        """A service offers no HEAD: it picks a new key for each upload, so nothing is found
        there and the if-exists policy does not apply."""
        return None

    def check_bucket(self, bucket: str) -> None:
        self.probe()

    def probe(self) -> str:
        """Reachable, an upload service, the token accepted, S3 set up: asks for a part URL
        of an upload that does not exist (Companion signs it without asking the storage; a
        service that keeps sessions says it has no such upload) and for a one-request
        upload's form. Creates nothing on the storage. Returns what it learnt, in words."""
        route = "sign parts (GET /s3/multipart/ID/batch)"
        notes: list[str] = []
        try:
            urls = self._sign_batch(PROBE, PROBE, [1])
            storage = urlsplit(urls[1])
            notes.append(f"parts go to {storage.scheme}://{storage.netloc}")
            if "x-amz-checksum-crc32=AAAAAA" in urls[1].replace("%3D", "="):
                notes.append(
                    "warning: the service signs an empty body's checksum into part URLs "
                    "(x-amz-checksum-crc32=AAAAAA==); SeaweedFS, MinIO and R2 refuse such parts. "
                    "Its administrator should set AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED"
                )
        except S3Failure as failure:
            if failure.kind != Kind.NO_SUCH_UPLOAD:
                raise
            notes.append(f"the {route} route answers")
        try:
            self._call("GET", "/s3/params", "one-request upload (GET /s3/params)",
                       params={"filename": PROBE, "type": "application/octet-stream"})  # fmt: skip
            self.params_offered = True
        except S3Failure as failure:
            if failure.code != "ServiceNotFound":
                raise
            self.params_offered = False
            notes.append("no /s3/params route: files below the part size cannot be uploaded through it")
        return "; ".join(notes)

    def list_multipart_uploads(self, bucket: str, prefix: str = "") -> list[RemoteUpload]:
        raise S3Failure(
            Kind.FATAL,
            "NotSupported",
            f"The upload service at {self.base_url} cannot list the bucket's unfinished uploads "
            "(only its administrator can, on the storage); Hoist aborts its own through the service.",
        )


# -- reading replies -------------------------------------------------------------


def _parse(reply: bytes) -> tuple[Any, bool]:
    try:
        return json.loads(reply), True
    except (ValueError, UnicodeDecodeError):
        return None, False


def _message(data: Any) -> str:
    """The service's own words: Companion's ``error`` (400) or ``message`` (404, 500)."""
    if isinstance(data, dict):
        for name in ("error", "message", "detail"):
            value = data.get(name)
            if isinstance(value, str) and value:
                return redact(value)[:500]
    return ""


def _storage_error(data: Any) -> tuple[str, int]:
    """(code, status) of the storage error Companion wraps in a 500 (outside production
    mode), or hoist-server's ``code``; ('', 0) when there is none."""
    if not isinstance(data, dict):
        return "", 0
    inner = data.get("error")
    if isinstance(inner, dict):
        code = inner.get("Code") or inner.get("name") or ""
        meta = inner.get("$metadata")
        status = meta.get("httpStatusCode") if isinstance(meta, dict) else 0
        return str(code), int(status) if isinstance(status, int) else 0
    code = data.get("code")
    return (str(code), 0) if isinstance(code, str) else ("", 0)


def _names_upload(data: Any) -> bool:
    text = _message(data).lower()
    return any(w in text for w in ("no such upload", "nosuchupload", "does not exist", "upload session"))


def _is_route_404(data: Any) -> bool:
    """Companion's 404 for a route it lacks is ``{"message": "Not Found"}``; hoist-server's
    says ``"reason": "route"``. Any other JSON 404 from an upload route: the upload is gone."""
    if not isinstance(data, dict):
        return True
    if data.get("reason") == "route":
        return True
    return _message(data).strip().lower() in ("not found", "")


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "")
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def _what(reply: bytes, response: httpx.Response) -> str:
    kind = response.headers.get("content-type", "").split(";")[0].strip()
    if kind == "text/html" or reply.lstrip()[:15].lower().startswith((b"<!doctype", b"<html")):
        return "a web page (HTML)"
    if not reply.strip():
        return "an empty reply"
    return f"'{kind}'" if kind else "something else"


def _field(data: Any, name: str, route: str, base_url: str) -> str:
    value = data.get(name) if isinstance(data, dict) else None
    if not isinstance(value, str) or not value:
        raise _malformed(base_url, route, name)
    return value


def _malformed(base_url: str, route: str, what: str) -> S3Failure:
    return S3Failure(
        Kind.FATAL,
        "ServiceReply",
        f"The upload service at {base_url} answered {route} without a valid '{what}': it does not "
        "speak Companion's S3 protocol as Hoist expects.",
    )


def _bucket_in(url: str) -> str:
    """The bucket of a path-style POST URL (http://host/bucket), or ''."""
    path = urlsplit(url).path.strip("/")
    return path.split("/", 1)[0] if path and "/" not in path else ""


def multipart_etag_of(etags: list[str]) -> str:
    """S3's ETag of a multipart object from its parts' ETags (when each is an MD5), else ''."""
    md5s = [e.strip().strip('"').lower() for e in etags]
    if not md5s or not all(re.fullmatch(r"[0-9a-f]{32}", m) for m in md5s):
        return ""
    digest = hashlib.md5(b"".join(bytes.fromhex(m) for m in md5s), usedforsecurity=False)
    return f"{digest.hexdigest()}-{len(md5s)}"

"""The storage side: the server's own S3 client (hoist.s3's botocore client) and presigning.

Only this module holds the storage credentials. Errors come back as ``StorageError``
with S3's code, never with a URL or a signature in the text.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import logging
import threading
import urllib.parse
from dataclasses import dataclass
from typing import Any, Protocol

import botocore.exceptions
import botocore.session
from botocore.config import Config

from hoist.s3.bounded import BoundedSender
from hoist.s3.derived_urls import signing_key
from hoist.s3.redact import redact
from hoist.s3.signer import os_ca_bundle

from .settings import StorageSettings

MAX_PARTS = 10_000
log = logging.getLogger("hoist.server.storage")


class StorageError(Exception):
    def __init__(self, code: str, message: str, status: int = 0) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Part:
    number: int
    etag: str
    size: int
    last_modified: str  # ISO 8601, as Companion's JSON shows a Date

    def as_json(self) -> dict[str, Any]:
        return {
            "PartNumber": self.number,
            "LastModified": self.last_modified,
            "ETag": self.etag,
            "Size": self.size,
        }


class Storage(Protocol):
    bucket: str

    def create(self, key: str, content_type: str, metadata: dict[str, str]) -> str: ...

    def sign_part(self, key: str, upload_id: str, part_number: int, expires: int) -> str: ...

    def sign_parts(self, key: str, upload_id: str, numbers: list[int], expires: int) -> list[str]: ...

    def presigned_post(
        self, key: str, fields: dict[str, str], max_size: int, expires: int
    ) -> dict[str, Any]: ...

    def list_parts(self, key: str, upload_id: str) -> list[Part]: ...

    def complete(self, key: str, upload_id: str, parts: list[tuple[int, str]]) -> tuple[str, str]: ...

    def abort(self, key: str, upload_id: str) -> None: ...

    def check(self) -> None: ...


def _make_client(settings: StorageSettings) -> Any:
    """hoist.s3.signer.make_client's client (SigV4, no CRC32 trailers, bounded replies),
    with a connection pool sized for a server's many concurrent requests (botocore's
    default of 10 made creates and completes queue for a connection under load)."""
    config = Config(
        signature_version="s3v4",
        s3={"addressing_style": "path" if settings.path_style else "auto"},
        retries={"mode": "standard", "max_attempts": 4},
        connect_timeout=5.0,
        read_timeout=60.0,
        max_pool_connections=64,
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )
    kwargs: dict[str, Any] = {
        "region_name": settings.region or "us-east-1",
        "config": config,
        "verify": os_ca_bundle() if settings.verify_tls else False,
    }
    if settings.endpoint_url:
        kwargs["endpoint_url"] = settings.endpoint_url
    if settings.access_key_id:  # else botocore's chain (environment, instance role, ~/.aws)
        kwargs["aws_access_key_id"] = settings.access_key_id
        kwargs["aws_secret_access_key"] = settings.secret_access_key
    client: Any = botocore.session.Session().create_client("s3", **kwargs)
    client.meta.events.register_first("before-send.s3", BoundedSender(client._endpoint.http_session, 60.0))
    return client


def _iso(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        utc: datetime.datetime = value.astimezone(datetime.UTC)
        return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
    return str(value or "")


class S3Storage:
    """Thread-safe (botocore clients are)."""

    def __init__(self, settings: StorageSettings) -> None:
        self.bucket = settings.bucket
        self._client = _make_client(settings)
        self._resigner = _Resigner(settings.secret_access_key) if settings.access_key_id else None

    def _call(self, name: str, **params: Any) -> Any:
        try:
            return getattr(self._client, name)(Bucket=self.bucket, **params)
        except botocore.exceptions.ClientError as exc:
            error = exc.response.get("Error", {})
            status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
            code = str(error.get("Code") or status or "Error")
            raise StorageError(code, redact(str(error.get("Message") or code)), status) from None
        except botocore.exceptions.BotoCoreError as exc:
            raise StorageError("Unreachable", redact(str(exc))) from None

    def create(self, key: str, content_type: str, metadata: dict[str, str]) -> str:
        reply = self._call("create_multipart_upload", Key=key, ContentType=content_type, Metadata=metadata)
        return str(reply["UploadId"])

    def sign_part(self, key: str, upload_id: str, part_number: int, expires: int) -> str:
        url: str = self._client.generate_presigned_url(
            "upload_part",
            Params={"Bucket": self.bucket, "Key": key, "UploadId": upload_id, "PartNumber": part_number},
            ExpiresIn=expires,
        )
        return url

    def sign_parts(self, key: str, upload_id: str, numbers: list[int], expires: int) -> list[str]:
        """Part URLs for many parts: botocore signs the first (the URL's shape: endpoint,
        addressing style, encoding, credential scope) and the rest are that URL with
        another partNumber, signed again here (SigV4 by hand costs ~1/20 of botocore's
        presigning, which was most of a batch's time). The hand signature of the first
        part must equal botocore's, or botocore signs them all."""
        if not numbers:
            return []
        template = self.sign_part(key, upload_id, numbers[0], expires)
        if self._resigner is None or len(numbers) == 1:
            return [template] + [self.sign_part(key, upload_id, n, expires) for n in numbers[1:]]
        urls = self._resigner.resign(template, numbers)
        if urls is None:
            return [template] + [self.sign_part(key, upload_id, n, expires) for n in numbers[1:]]
        return urls

    def presigned_post(self, key: str, fields: dict[str, str], max_size: int, expires: int) -> dict[str, Any]:
        conditions: list[Any] = [{name: value} for name, value in fields.items()]
        conditions.append(["content-length-range", 0, max_size])
        post: dict[str, Any] = self._client.generate_presigned_post(
            self.bucket, key, Fields=dict(fields), Conditions=conditions, ExpiresIn=expires
        )
        return post

    def list_parts(self, key: str, upload_id: str) -> list[Part]:
        parts: list[Part] = []
        marker = 0
        while True:
            reply = self._call("list_parts", Key=key, UploadId=upload_id, PartNumberMarker=marker)
            for p in reply.get("Parts", []):
                parts.append(
                    Part(int(p["PartNumber"]), str(p["ETag"]), int(p["Size"]), _iso(p.get("LastModified")))
                )
            if len(parts) > MAX_PARTS:
                raise StorageError("TooManyParts", "the storage listed more than 10,000 parts")
            next_marker = int(reply.get("NextPartNumberMarker") or 0)
            if not reply.get("IsTruncated") or next_marker <= marker:
                return parts
            marker = next_marker

    def complete(self, key: str, upload_id: str, parts: list[tuple[int, str]]) -> tuple[str, str]:
        reply = self._call(
            "complete_multipart_upload",
            Key=key,
            UploadId=upload_id,
            MultipartUpload={"Parts": [{"PartNumber": n, "ETag": e} for n, e in parts]},
        )
        return str(reply.get("Location") or ""), str(reply.get("ETag") or "")

    def abort(self, key: str, upload_id: str) -> None:
        try:
            self._call("abort_multipart_upload", Key=key, UploadId=upload_id)
        except StorageError as exc:
            if exc.code != "NoSuchUpload":  # already gone: the goal is met
                raise

    def check(self) -> None:
        self._call("head_bucket")


def _quote(value: str) -> str:
    return urllib.parse.quote(value, safe="-_.~")


class _Resigner:
    """SigV4 query signing of a botocore-presigned UploadPart URL for other part numbers."""

    def __init__(self, secret: str) -> None:
        self._secret = secret
        self._keys: dict[tuple[str, str, str], bytes] = {}
        self._lock = threading.Lock()
        self._warned = False

    def _signing_key(self, date: str, region: str, service: str) -> bytes:
        with self._lock:
            cached = self._keys.get((date, region, service))
            if cached is None:
                cached = signing_key(self._secret, f"{date}/{region}/{service}/aws4_request")
                self._keys = {(date, region, service): cached}  # one day's key is all that is needed
            return cached

    def _signature(
        self, parts: urllib.parse.SplitResult, params: dict[str, str], canonical_query: str
    ) -> str:
        if params.get("X-Amz-SignedHeaders") != "host" or params.get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256":
            raise ValueError("unexpected presigned URL shape")
        scope = params["X-Amz-Credential"].split("/", 1)[1]
        date, region, service, _ = scope.split("/")
        canonical = "\n".join(
            [
                "PUT",
                parts.path or "/",
                canonical_query,
                f"host:{parts.netloc}",
                "",
                "host",
                "UNSIGNED-PAYLOAD",
            ]
        )
        to_sign = "\n".join(
            ["AWS4-HMAC-SHA256", params["X-Amz-Date"], scope, hashlib.sha256(canonical.encode()).hexdigest()]
        )
        return hmac.new(
            self._signing_key(date, region, service), to_sign.encode(), hashlib.sha256
        ).hexdigest()

    def resign(self, template: str, numbers: list[int]) -> list[str] | None:
        try:
            parts = urllib.parse.urlsplit(template)
            query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
            params = dict(query)
            # Everything but partNumber is encoded once: the canonical query (sorted) and the
            # URL's own (botocore's order) each split around the part number.
            canonical = [(k, _quote(v)) for k, v in sorted(query) if k != "X-Amz-Signature"]
            ordered = [(k, _quote(v)) for k, v in query if k != "X-Amz-Signature"]

            def canonical_for(n: str) -> str:
                return "&".join(f"{_quote(k)}={n if k == 'partNumber' else v}" for k, v in canonical)

            if (
                self._signature(parts, params, canonical_for(params["partNumber"]))
                != params["X-Amz-Signature"]
            ):
                raise ValueError("hand signature differs from botocore's")
            urls = []
            for number in numbers:
                n = str(number)
                signature = self._signature(parts, params, canonical_for(n))
                query_text = "&".join(f"{_quote(k)}={n if k == 'partNumber' else v}" for k, v in ordered)
                urls.append(
                    urllib.parse.urlunsplit(parts._replace(query=f"{query_text}&X-Amz-Signature={signature}"))
                )
            return urls
        except (ValueError, KeyError, IndexError) as exc:
            if not self._warned:
                self._warned = True
                log.warning("part URLs are signed by botocore one by one (%s)", exc)
            return None

"""The storage side: the server's own S3 client (hoist.s3's botocore client) and presigning.

Only this module holds the storage credentials. Errors come back as ``StorageError``
with S3's code, never with a URL or a signature in the text.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Protocol

import botocore.exceptions

from hoist.s3.redact import redact
from hoist.s3.signer import Credentials, Endpoint, make_client

from .settings import StorageSettings

MAX_PARTS = 10_000


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

    def presigned_post(
        self, key: str, fields: dict[str, str], max_size: int, expires: int
    ) -> dict[str, Any]: ...

    def list_parts(self, key: str, upload_id: str) -> list[Part]: ...

    def complete(self, key: str, upload_id: str, parts: list[tuple[int, str]]) -> tuple[str, str]: ...

    def abort(self, key: str, upload_id: str) -> None: ...

    def check(self) -> None: ...


def _iso(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        utc: datetime.datetime = value.astimezone(datetime.UTC)
        return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
    return str(value or "")


class S3Storage:
    """Thread-safe (botocore clients are)."""

    def __init__(self, settings: StorageSettings) -> None:
        self.bucket = settings.bucket
        credentials = (
            Credentials(settings.access_key_id, settings.secret_access_key)
            if settings.access_key_id
            else None
        )
        endpoint = Endpoint(settings.endpoint_url, settings.region, settings.path_style, settings.verify_tls)
        self._client = make_client(endpoint, credentials, connect_timeout=5.0, read_timeout=60.0)

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

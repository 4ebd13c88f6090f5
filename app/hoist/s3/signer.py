"""Where presigned URLs come from: the Signer protocol and a local botocore signer.

The engine only sees ``Signer``. ``LocalSigner`` signs on this machine with botocore
(SigV4, any endpoint); ``ServiceSigner`` (s3/service.py) gets its URLs from an
organization's upload service, so people never hold storage credentials.
"""

from __future__ import annotations

import logging
import os
import ssl
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

import botocore.exceptions
import botocore.session
from botocore.config import Config

from .bounded import BoundedSender
from .derived_urls import DerivedPutUrls
from .errors import Kind, S3Failure, from_botocore
from .redact import redact

log = logging.getLogger(__name__)

# A presigned URL is signed just before each attempt, so a short life is plenty and
# limits the harm if one leaks. Long parts on slow links still finish: S3 checks
# expiry when the request starts, not when it ends.
URL_LIFETIME_SECONDS = 3600
MAX_PARTS = 10_000  # S3's limit on the parts of one upload
# How much of a ListMultipartUploads listing Hoist looks at. A hostile server can page for
# ever with markers that move on (1,000 uploads a page: 821 pages in 2 minutes, RSS rising
# past 286 MB), so the listing ends at whichever comes first.
MAX_LIST_PAGES = 100
MAX_LISTED_UPLOADS = 100_000
LIST_DEADLINE_SECONDS = 120.0


@dataclass(frozen=True)
class SignedRequest:
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    # A presigned POST (an upload service's /s3/params): the form fields go first, then the
    # file, in a multipart/form-data body (s3/transport.py). "PUT" sends the bytes as they are.
    method: str = "PUT"
    fields: tuple[tuple[str, str], ...] = ()
    # Where the object goes when the signer chose it (an upload service picks the key of a
    # one-request upload); None keeps what was asked for. The engine journals them.
    bucket: str | None = None
    key: str | None = None

    def __repr__(self) -> str:  # the URL and the form's signature are bearer credentials
        return f"SignedRequest(method={self.method!r}, url={redact(self.url)!r}, key={self.key!r})"


@dataclass(frozen=True)
class RemotePart:
    part_number: int
    etag: str
    size: int


@dataclass(frozen=True)
class ObjectInfo:
    etag: str
    size: int


@dataclass(frozen=True)
class CreatedUpload:
    upload_id: str
    retried: bool = False  # sent more than once: an earlier try may have created one too
    # Where the upload goes, when the signer decides it (an upload service picks bucket
    # and key itself); None keeps what was asked for.
    bucket: str | None = None
    key: str | None = None


@dataclass(frozen=True)
class RemoteUpload:
    key: str
    upload_id: str
    initiated: float  # epoch seconds


@dataclass(frozen=True)
class ObjectOptions:
    """Per-object settings that travel with every signed request."""

    content_type: str = "application/octet-stream"
    storage_class: str = ""
    server_side_encryption: str = ""
    metadata: tuple[tuple[str, str], ...] = ()  # user metadata (x-amz-meta-NAME), checked by s3.metadata

    def params(self) -> dict[str, Any]:
        params: dict[str, Any] = {"ContentType": self.content_type}
        if self.storage_class:
            params["StorageClass"] = self.storage_class
        if self.server_side_encryption:
            params["ServerSideEncryption"] = self.server_side_encryption
        if self.metadata:
            params["Metadata"] = dict(self.metadata)
        return params

    def headers(self) -> dict[str, str]:
        # Signed headers must be sent exactly as signed.
        headers = {"Content-Type": self.content_type}
        if self.storage_class:
            headers["x-amz-storage-class"] = self.storage_class
        if self.server_side_encryption:
            headers["x-amz-server-side-encryption"] = self.server_side_encryption
        for name, value in self.metadata:
            headers[f"x-amz-meta-{name}"] = value
        return headers


class Signer(Protocol):
    def sign_put(self, bucket: str, key: str, options: ObjectOptions) -> SignedRequest: ...

    def sign_part(self, bucket: str, key: str, upload_id: str, part_number: int) -> SignedRequest: ...

    def create_multipart(self, bucket: str, key: str, options: ObjectOptions) -> CreatedUpload: ...

    def list_parts(self, bucket: str, key: str, upload_id: str) -> list[RemotePart]: ...

    def complete(self, bucket: str, key: str, upload_id: str, parts: list[tuple[int, str]]) -> str: ...

    def abort(self, bucket: str, key: str, upload_id: str) -> None: ...

    def head(self, bucket: str, key: str) -> ObjectInfo | None: ...

    def check_bucket(self, bucket: str) -> None: ...

    def list_multipart_uploads(self, bucket: str, prefix: str = "") -> list[RemoteUpload]: ...

    def offers_single_request(self) -> bool:
        """Can a small file go up in one request (sign_put)? If not, it goes as the one
        part of a multipart upload."""
        ...


@dataclass(frozen=True)
class Credentials:
    access_key_id: str
    secret_access_key: str
    session_token: str | None = None

    def __repr__(self) -> str:  # never print the secret, even in a traceback
        return f"Credentials(access_key_id={self.access_key_id!r}, secret_access_key=<hidden>)"


@dataclass(frozen=True)
class Endpoint:
    endpoint_url: str  # "" = AWS
    region: str
    path_style: bool = False
    verify_tls: bool = True


def os_ca_bundle() -> str | bool:
    """The OS trust store for boto3's control calls, as the part PUTs use (truststore).

    botocore would otherwise trust only certifi's bundle, so a corporate CA installed on
    the machine would work for parts but not for CreateMultipartUpload. On Linux the OS
    store is a file OpenSSL knows (SSL_CERT_FILE honoured); elsewhere keep botocore's
    default. AWS_CA_BUNDLE, when set, wins as boto3 documents.
    """
    if os.environ.get("AWS_CA_BUNDLE"):
        return True
    paths = ssl.get_default_verify_paths()
    for candidate in (paths.cafile, paths.openssl_cafile):
        if candidate and os.path.isfile(candidate):
            return candidate
    return True


def make_client(
    endpoint: Endpoint,
    credentials: Credentials | None,
    aws_profile: str = "",
    connect_timeout: float = 10.0,
    read_timeout: float = 60.0,
) -> Any:
    # botocore's session, not boto3's: boto3 adds nothing a presigning client uses but
    # imports s3transfer on the way (measured ~0.06 s of CPU at every start).
    session = botocore.session.Session(profile=aws_profile or None)
    config = Config(
        # Explicit SigV4: with a custom endpoint boto3 would otherwise hand out legacy
        # SigV2 query URLs that modern servers refuse.
        signature_version="s3v4",
        s3={"addressing_style": "path" if endpoint.path_style else "auto"},
        retries={"mode": "standard", "max_attempts": 4},
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        # We send Content-MD5/ETag checks ourselves; newer botocore would otherwise add
        # CRC32 trailers that some S3-compatible servers reject.
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )
    kwargs: dict[str, Any] = {
        "region_name": endpoint.region or "us-east-1",
        "config": config,
        "verify": os_ca_bundle() if endpoint.verify_tls else False,
    }
    if endpoint.endpoint_url:
        kwargs["endpoint_url"] = endpoint.endpoint_url
    if credentials is not None:
        kwargs["aws_access_key_id"] = credentials.access_key_id
        kwargs["aws_secret_access_key"] = credentials.secret_access_key
        kwargs["aws_session_token"] = credentials.session_token
    client: Any = session.create_client("s3", **kwargs)
    # Every control call's reply is read within caps and a deadline, and a redirect that
    # names no region is one clear error instead of botocore's endless HEAD-bucket recursion.
    # (_endpoint.http_session is botocore's sender; tests/functional/test_hostile_endpoint.py
    # fails if a botocore release moves it.)
    client.meta.events.register_first(
        "before-send.s3", BoundedSender(client._endpoint.http_session, read_timeout)
    )
    return client


class LocalSigner:
    """Signs with boto3 on this machine. Thread-safe: boto3 clients are."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self._lock = threading.Lock()
        self._put_urls = DerivedPutUrls(self._current_secret)

    def _current_secret(self) -> str | None:
        """The secret the client signs with now (refreshed credentials included), for
        derived URLs; None if this botocore keeps it elsewhere (then botocore signs all)."""
        credentials = getattr(getattr(self._client, "_request_signer", None), "_credentials", None)
        if credentials is None:
            return None
        secret = credentials.get_frozen_credentials().secret_key
        return secret if isinstance(secret, str) and secret else None

    def _call(self, name: str, **params: Any) -> Any:
        try:
            return getattr(self._client, name)(**params)
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as exc:
            raise from_botocore(exc) from None

    def sign_put(self, bucket: str, key: str, options: ObjectOptions) -> SignedRequest:
        headers = options.headers()

        def presign(object_key: str) -> str:
            url: str = self._client.generate_presigned_url(
                "put_object",
                Params={"Bucket": bucket, "Key": object_key, **options.params()},
                ExpiresIn=URL_LIFETIME_SECONDS,
            )
            return url

        # Most of a small file's signing cost was botocore's: URLs of one bucket and options
        # are derived from one it signed (s3/derived_urls.py).
        return SignedRequest(self._put_urls.url((bucket, options), key, headers, presign), headers)

    def sign_part(self, bucket: str, key: str, upload_id: str, part_number: int) -> SignedRequest:
        url = self._client.generate_presigned_url(
            "upload_part",
            Params={"Bucket": bucket, "Key": key, "UploadId": upload_id, "PartNumber": part_number},
            ExpiresIn=URL_LIFETIME_SECONDS,
        )
        return SignedRequest(url, {})

    def create_multipart(self, bucket: str, key: str, options: ObjectOptions) -> CreatedUpload:
        reply = self._call("create_multipart_upload", Bucket=bucket, Key=key, **options.params())
        # Create is not idempotent: botocore retrying it after a lost reply leaves the
        # first upload on the server. The engine sweeps for it when it sees this.
        retried = bool(reply.get("ResponseMetadata", {}).get("RetryAttempts"))
        return CreatedUpload(str(reply["UploadId"]), retried)

    def list_parts(self, bucket: str, key: str, upload_id: str) -> list[RemotePart]:
        """Every part the server holds, page by page. S3 allows at most MAX_PARTS parts, so
        a server that lists more is refused in words rather than followed for ever."""
        parts: list[RemotePart] = []
        marker = 0
        while True:
            reply = self._call(
                "list_parts", Bucket=bucket, Key=key, UploadId=upload_id, PartNumberMarker=marker
            )
            for p in reply.get("Parts", []):
                parts.append(RemotePart(int(p["PartNumber"]), str(p["ETag"]), int(p["Size"])))
            if len(parts) > MAX_PARTS:
                raise S3Failure(
                    Kind.FATAL,
                    "TooManyParts",
                    f"The server listed more than {MAX_PARTS:,} parts for the upload of '{key}' "
                    "(S3 allows at most 10,000): the endpoint is not behaving as S3 does.",
                )
            if not reply.get("IsTruncated"):
                break
            next_marker = int(reply.get("NextPartNumberMarker") or 0)
            if next_marker <= marker:  # a server that pages wrongly must not loop forever
                break
            marker = next_marker
        return parts

    def complete(self, bucket: str, key: str, upload_id: str, parts: list[tuple[int, str]]) -> str:
        # botocore turns "200 OK with an <Error> body" from CompleteMultipartUpload into
        # an error (and retries it), so a reply here is a real success.
        reply = self._call(
            "complete_multipart_upload",
            Bucket=bucket,
            Key=key,
            UploadId=upload_id,
            MultipartUpload={"Parts": [{"PartNumber": n, "ETag": e} for n, e in parts]},
        )
        return str(reply.get("ETag", ""))

    def abort(self, bucket: str, key: str, upload_id: str) -> None:
        try:
            self._call("abort_multipart_upload", Bucket=bucket, Key=key, UploadId=upload_id)
        except S3Failure as failure:
            if failure.code != "NoSuchUpload":
                raise

    def head(self, bucket: str, key: str) -> ObjectInfo | None:
        try:
            reply = self._call("head_object", Bucket=bucket, Key=key)
        except S3Failure as failure:
            if failure.code in ("NotFound", "NoSuchKey") or failure.status == 404:
                return None
            if failure.status == 403:
                # A HEAD's answer has no body to say why: ask as Test connection does, so a
                # wrong secret fails the upload in the same words (the precise failure).
                self.check_bucket(bucket)
            raise failure from None
        return ObjectInfo(str(reply.get("ETag", "")), int(reply.get("ContentLength", 0)))

    def check_bucket(self, bucket: str) -> None:
        """Reachable, credentials accepted, bucket exists. HEAD answers carry no error
        body, so a refusal is asked again with a listing to learn the precise code."""
        try:
            self._call("head_bucket", Bucket=bucket)
            return
        except S3Failure as failure:
            if failure.kind.value == "retry" and failure.status == 0:
                raise
            if failure.status == 404 or failure.code in ("NotFound", "404"):
                failure.code = "NoSuchBucket"
                raise
        self._call("list_objects_v2", Bucket=bucket, MaxKeys=1)

    def offers_single_request(self) -> bool:
        return True  # a presigned PUT, always

    def list_multipart_uploads(self, bucket: str, prefix: str = "") -> list[RemoteUpload]:
        """Unfinished uploads, page by page. The markers of each page must move on: a
        server that hands back markers it gave before (or none) would be followed for
        ever, so that ends the listing with an error, as does a listing longer than
        Hoist looks at (MAX_LIST_PAGES, MAX_LISTED_UPLOADS, LIST_DEADLINE_SECONDS)."""
        uploads: list[RemoteUpload] = []
        params: dict[str, Any] = {"Bucket": bucket, "Prefix": prefix}
        seen: set[tuple[str, str]] = {("", "")}
        pages = 0
        deadline = time.monotonic() + LIST_DEADLINE_SECONDS
        while True:
            reply = self._call("list_multipart_uploads", **params)
            pages += 1
            for u in reply.get("Uploads", []):
                uploads.append(RemoteUpload(str(u["Key"]), str(u["UploadId"]), u["Initiated"].timestamp()))
            if not reply.get("IsTruncated"):
                break
            markers = (str(reply.get("NextKeyMarker") or ""), str(reply.get("NextUploadIdMarker") or ""))
            if markers in seen:
                raise S3Failure(
                    Kind.FATAL,
                    "ListingLoops",
                    f"The server's listing of unfinished uploads in bucket '{bucket}' does not move on "
                    f"(it gave the same next markers again after {pages} pages): the endpoint is not "
                    "behaving as S3 does.",
                )
            if pages >= MAX_LIST_PAGES or len(uploads) >= MAX_LISTED_UPLOADS or time.monotonic() > deadline:
                raise S3Failure(
                    Kind.FATAL,
                    "ListingTooLong",
                    f"The server listed more unfinished uploads in bucket '{bucket}' than Hoist looks at "
                    f"(it stops after {MAX_LIST_PAGES:,} pages, {MAX_LISTED_UPLOADS:,} uploads or "
                    f"{LIST_DEADLINE_SECONDS:.0f} seconds; it had {len(uploads):,} in {pages:,} pages), so "
                    "it aborted none there. Abort them with the storage's own tools or a lifecycle rule.",
                )
            seen.add(markers)
            params["KeyMarker"], params["UploadIdMarker"] = markers
        return uploads

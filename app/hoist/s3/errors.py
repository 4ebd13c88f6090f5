"""S3 and network failures mapped to what Hoist should do about them.

Every library error (httpx, botocore) is converted to ``S3Failure`` at this one
boundary, so the engine decides retry / re-sign / fail on one type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from enum import Enum
from time import time
from xml.etree import ElementTree

import botocore.exceptions
import httpx

from .redact import redact


class Kind(Enum):
    RETRY = "retry"  # transient: back off and try again
    SLOWDOWN = "slowdown"  # transient, and the server wants less concurrency
    RESIGN = "resign"  # the URL expired or the clock is off: sign again and retry
    NO_SUCH_UPLOAD = "no-such-upload"  # the server lost the multipart upload
    BAD_DIGEST = "bad-digest"  # the bytes arrived corrupted: send the part again
    FATAL = "fatal"  # retrying cannot help; the person must act


RETRYABLE_STATUS = frozenset({500, 502, 503, 504, 429, 408})
# Not RequestTimeTooSkewed: every retry is signed by the same wrong clock (fatal, in words).
RETRYABLE_CODES = frozenset({"RequestTimeout", "InternalError", "ServiceUnavailable"})
SLOWDOWN_CODES = frozenset({"SlowDown", "TooManyRequests", "Throttling", "ThrottlingException"})
EXPIRED_PATTERNS = (
    "request has expired",
    "expiredtoken",
    "difference between the request time and the server's time",  # rclone serve s3
    "signature has expired",
)

FRIENDLY = {
    "NoSuchBucket": "The bucket '{bucket}' does not exist at {endpoint}. Check the bucket name "
    "and the endpoint in the profile.",
    "InvalidAccessKeyId": "The access key is not known to {endpoint}. Check the credentials (the "
    "profile's keyring entry, AWS_* variables or ~/.aws).",
    "SignatureDoesNotMatch": "The secret key does not match the access key for {endpoint}. Check "
    "the credentials (the profile's keyring entry, AWS_* variables or ~/.aws).",
    "AccessDenied": "Access to bucket '{bucket}' was denied at {endpoint}. The credentials lack "
    "permission to write there.",
    "EntityTooSmall": "The server refused a part as too small (S3 needs 5 MiB per part except the "
    "last). Use a part size of at least 5 MiB.",
    "EntityTooLarge": "The server refused a part or object as too large.",
    "InvalidBucketName": "'{bucket}' is not a valid bucket name.",
    "KeyTooLongError": "The object key is too long for the server (1,024 bytes at most).",
    "NotImplemented": "The server does not support this request: {message}",
    "MissingContentLength": "The server needs a Content-Length on every PUT: {message}",
    "PermanentRedirect": "The bucket '{bucket}' is in another region; set the profile's region to "
    "the bucket's region.",
    "AuthorizationHeaderMalformed": "The region is wrong for bucket '{bucket}': {message}",
    "RequestTimeTooSkewed": "This computer's clock differs from {endpoint}'s by more than 15 "
    "minutes, so the server refuses every signed request. Set the clock right (turn on automatic "
    "date and time), then retry.",
}


@dataclass
class S3Failure(Exception):
    kind: Kind
    code: str
    message: str
    status: int = 0
    retry_after: float | None = None

    def __str__(self) -> str:
        return self.message

    def describe(self, bucket: str = "", endpoint: str = "") -> str:
        """The sentence a person sees: names the cause and what to do."""
        if self.code in CONNECT_CODES:
            reason = self.message.removeprefix("cannot connect to the server: ")
            return f"Cannot reach {endpoint or 'AWS S3'}: {reason}. Check the endpoint URL and your network."
        template = FRIENDLY.get(self.code)
        if template:
            return template.format(bucket=bucket, endpoint=endpoint or "AWS S3", message=self.message)
        return self.message

    def describe_check(self, bucket: str = "", endpoint: str = "") -> str:
        """For a one-off check (before queueing, Test connection), which nothing retries:
        a transient failure there still means the server cannot be used right now."""
        if self.kind == Kind.RETRY and self.code not in CONNECT_CODES:
            return f"Cannot reach {endpoint or 'AWS S3'}: {self.message}"
        return self.describe(bucket, endpoint)


# No connection could be made (httpx's and botocore's names): the network or the server is
# down, as opposed to a server that answered or a connection that broke mid-way.
CONNECT_CODES = ("ConnectError", "ConnectTimeout", "ConnectionError")
# The server refused the credentials themselves (not the bucket or the request): the engine
# builds the profile's connection afresh, the window sends the person to the profile.
CREDENTIAL_CODES = frozenset(
    {"InvalidAccessKeyId", "SignatureDoesNotMatch", "NoCredentials", "ExpiredToken", "InvalidToken"}
)


def _retry_after(headers: httpx.Headers | dict[str, str]) -> float | None:
    value = headers.get("retry-after") or headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time())
        except (TypeError, ValueError):
            return None


def parse_error_xml(body: bytes) -> tuple[str, str]:
    """(Code, Message) from an S3 error document, or ('', '') when there is none."""
    if not body or b"<Error" not in body[:4096]:
        return "", ""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        match = re.search(rb"<Code>([^<]+)</Code>", body)
        return (match.group(1).decode(errors="replace") if match else "", "")
    # The namespace is optional; strip it so find() works either way.
    for element in root.iter():
        if "}" in element.tag:
            element.tag = element.tag.split("}", 1)[1]
    return (root.findtext("Code") or ""), (root.findtext("Message") or "")


def classify(status: int, code: str, message: str, retry_after: float | None = None) -> S3Failure:
    if status == 403 and not code:
        # No error document (a HEAD, a presigned PUT answered with an empty or HTML body):
        # S3's own word for it, so it reads as a sentence and asks the person to act.
        code = "AccessDenied"
    text = f"{code} {message}".lower()
    if code == "NoSuchUpload":
        kind = Kind.NO_SUCH_UPLOAD
    elif code in ("BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch"):
        kind = Kind.BAD_DIGEST
    elif code in SLOWDOWN_CODES or status == 429:
        kind = Kind.SLOWDOWN
    elif status in (400, 403) and any(p in text for p in EXPIRED_PATTERNS):
        kind = Kind.RESIGN
    elif code in RETRYABLE_CODES or status in RETRYABLE_STATUS:
        kind = Kind.RETRY
    else:
        kind = Kind.FATAL
    summary = message or code or f"HTTP {status}"
    if code and message and code not in message:
        summary = f"{code}: {message}"
    if not code and not message:
        summary = f"the server answered HTTP {status}"
    return S3Failure(kind, code or f"HTTP{status}", summary, status, retry_after)


def from_response(response: httpx.Response, body: bytes) -> S3Failure:
    """``body``: the start of the reply, read within a cap (s3.bounded), never ``response.content``."""
    code, message = parse_error_xml(body)
    return classify(response.status_code, code, message, _retry_after(response.headers))


TLS_UNTRUSTED = (
    "The server's TLS certificate is not trusted ({detail}). If this is your own server, add its "
    "CA certificate to the system's trust store. Turning verification off (--no-verify-tls, or the "
    "profile setting) lets anyone on the network path read or alter the upload."
)


def _tls_failure(text: str) -> S3Failure | None:
    if "CERTIFICATE_VERIFY_FAILED" not in text and "certificate verify failed" not in text:
        return None
    detail = text.split("certificate verify failed:", 1)[-1].split("(_ssl", 1)[0].strip(" :)")
    return S3Failure(Kind.FATAL, "TLSCertificate", TLS_UNTRUSTED.format(detail=detail or "unknown CA"))


# What the socket layer said, in words a person can act on; the first match wins.
_UNREACHABLE = (
    (("connection refused",), "connection refused (nothing is listening at that address and port)"),
    (("name or service not known", "failed to resolve", "nodename nor servname", "getaddrinfo failed",
      "temporary failure in name resolution", "no address associated"),
     "the host name does not resolve (check its spelling, or the network's DNS)"),
    (("network is unreachable",), "the network is unreachable (offline?)"),
    (("no route to host",), "there is no route to the host"),
    (("timed out",), "the connection timed out"),
)  # fmt: skip


def unreachable_reason(exc: BaseException) -> str:
    """Why a connection could not be made, from the exception (and what it wraps)."""
    inner = getattr(exc, "kwargs", {}).get("error") if hasattr(exc, "kwargs") else None
    text = " ".join(str(e) for e in (exc, inner, exc.__cause__, exc.__context__) if e is not None).lower()
    for needles, words in _UNREACHABLE:
        if any(n in text for n in needles):
            return words
    return redact(str(exc)) or type(exc).__name__


def from_transport(exc: httpx.HTTPError) -> S3Failure:
    name = type(exc).__name__
    tls = _tls_failure(str(exc))
    if tls is not None:
        return tls
    if isinstance(exc, httpx.ConnectTimeout):
        return S3Failure(Kind.RETRY, name, "cannot connect to the server: the connection timed out")
    if isinstance(exc, httpx.LocalProtocolError):
        # Our own request could not be written (an illegal header value): sending it again
        # cannot help, so fail the file at once instead of retrying it for a minute.
        return S3Failure(Kind.FATAL, name, f"Hoist could not form the request: {redact(str(exc)) or name}")
    if isinstance(exc, httpx.TimeoutException):
        # Also shown as the last error of a part that failed for good: no promise of a retry.
        text = f"the connection stalled ({name}: no bytes moved within the I/O timeout) and was cut"
    elif isinstance(exc, httpx.ConnectError):
        text = f"cannot connect to the server: {unreachable_reason(exc)}"
    else:
        text = f"the connection failed: {redact(str(exc)) or name}"
    return S3Failure(Kind.RETRY, name, text)


def from_botocore(exc: Exception) -> S3Failure:
    if isinstance(exc, botocore.exceptions.ClientError):
        error = exc.response.get("Error", {})
        meta = exc.response.get("ResponseMetadata", {})
        status = int(meta.get("HTTPStatusCode", 0) or 0)
        code = str(error.get("Code", "")) or f"HTTP{status}"
        message = str(error.get("Message", ""))
        if code in ("404", "NoSuchKey", "NotFound"):
            code = "NotFound"
        if code == "403":  # a HEAD's reply has no body: botocore gives the status and "Forbidden"
            code, message = "AccessDenied", ""
        if code == "400" and not message:
            message = "the server refused the request (HTTP 400)"
        headers = meta.get("HTTPHeaders", {}) or {}
        return classify(status, code, message, _retry_after(headers))
    if isinstance(exc, botocore.exceptions.SSLError):
        tls = _tls_failure(str(exc))
        if tls is not None:
            return tls
    if isinstance(exc, botocore.exceptions.NoCredentialsError):
        return S3Failure(
            Kind.FATAL,
            "NoCredentials",
            "No credentials were found: store them in the profile (keyring), or set "
            "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or an AWS profile.",
        )
    if isinstance(exc, botocore.exceptions.EndpointConnectionError | botocore.exceptions.ConnectionError):
        return S3Failure(
            Kind.RETRY, "ConnectionError", f"cannot connect to the server: {unreachable_reason(exc)}"
        )
    if isinstance(exc, botocore.exceptions.ReadTimeoutError | botocore.exceptions.ConnectTimeoutError):
        return S3Failure(Kind.RETRY, "Timeout", "the server did not answer in time")
    if isinstance(exc, botocore.exceptions.ParamValidationError):
        return S3Failure(Kind.FATAL, "InvalidParameter", redact(str(exc)))
    if isinstance(exc, botocore.exceptions.BotoCoreError):
        return S3Failure(Kind.FATAL, type(exc).__name__, redact(str(exc)))
    raise exc

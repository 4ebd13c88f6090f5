"""SigV4 checked on the receiving side: the demo storage's front (ui/demo.py).

moto's S3 server accepts any request, signed or not, so on a shared computer every local
account could list, read and overwrite what the demo storage holds. ``SignedOnly`` wraps a
WSGI application and lets a request through only when it is signed with the one key pair
it was given, in either form S3 knows: the Authorization header (botocore's control calls)
or a presigned URL's query (how Hoist sends parts). The canonical request, the string to
sign and the signature come from botocore's own S3 SigV4 signer, fed the request as it
arrived; everything else (no signature, another key, a tampered URL, an expired one) gets
an S3 XML error and never reaches the application.

The path and the query are canonicalised as S3 does (decoded, then encoded again per the
SigV4 rules), so what a client signed matches whatever equivalent escaping its HTTP layer
chose.
"""

from __future__ import annotations

import hmac
import io
import re
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import sha256
from typing import Any
from urllib.parse import quote, unquote_to_bytes, urlsplit
from xml.sax.saxutils import escape

from botocore.auth import SIGV4_TIMESTAMP, S3SigV4Auth, S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ALGORITHM = "AWS4-HMAC-SHA256"
MAX_SKEW = 15 * 60  # seconds: S3 refuses a request dated further from its clock
MAX_EXPIRES = 7 * 24 * 3600  # a presigned URL lives at most 7 days
# A refused request's body is read and dropped up to this size, so a client that sends a
# whole part before reading the answer gets the 403 (and re-signs an expired URL) instead
# of a connection reset. Beyond it the connection is simply closed.
DRAIN_LIMIT = 256 * 1024 * 1024
_HEX_SHA256 = re.compile(r"[0-9a-f]{64}")

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@dataclass(frozen=True)
class Refusal:
    status: int
    code: str
    message: str


ANONYMOUS = Refusal(403, "AccessDenied", "Access Denied")


def _signature_mismatch(detail: str = "") -> Refusal:
    return Refusal(403, "SignatureDoesNotMatch", "The request signature we calculated does not match "
                   "the signature you provided." + (f" {detail}" if detail else ""))  # fmt: skip


def header_key(name: str) -> str:
    """How a header is looked up: WSGI cannot tell ``X-Foo`` from ``X_Foo`` either."""
    return name.strip().lower().replace("_", "-")


@dataclass(frozen=True)
class Received:
    """A request as it arrived: method, request target as sent (percent-encoded path and
    query), and headers by ``header_key``."""

    method: str
    target: str
    headers: Mapping[str, str]

    @classmethod
    def from_environ(cls, environ: Mapping[str, Any]) -> Received:
        target = str(environ.get("RAW_URI") or environ.get("REQUEST_URI") or "")
        if not target:
            query = str(environ.get("QUERY_STRING") or "")
            target = quote(str(environ.get("PATH_INFO") or "/")) + (f"?{query}" if query else "")
        headers: dict[str, str] = {}
        for key, value in environ.items():
            if key.startswith("HTTP_"):
                headers[header_key(key[5:])] = str(value)
            elif key in ("CONTENT_TYPE", "CONTENT_LENGTH") and value != "":
                headers[header_key(key)] = str(value)
        return cls(str(environ.get("REQUEST_METHOD") or "GET"), target, headers)


@dataclass(frozen=True)
class _Claim:
    """What the request says about its signature."""

    credential: str
    signed_headers: str
    signature: str
    amz_date: str
    expires: int | None  # presigned URLs only


class SigV4Checker:
    """Checks requests against one key pair, in one region, for the "s3" service."""

    def __init__(self, access_key_id: str, secret_access_key: str, region: str = "us-east-1",
                 clock: Callable[[], float] = time.time) -> None:  # fmt: skip
        self.access_key_id = access_key_id
        self.region = region
        self._credentials = Credentials(access_key_id, secret_access_key)
        self._clock = clock

    def __repr__(self) -> str:  # the secret stays out of tracebacks and logs
        return f"SigV4Checker(access_key_id={self.access_key_id!r}, region={self.region!r})"

    def check(self, request: Received) -> Refusal | None:
        """None if the request is signed with this key pair and still valid, else why not."""
        path, _, query = _split_target(request.target)
        pairs = _query_pairs(query)
        presigned = any(_decode(name) == "X-Amz-Signature" for name, _ in pairs)
        authorization = request.headers.get("authorization")
        if authorization is not None and presigned:
            return Refusal(403, "InvalidArgument", "Only one auth mechanism allowed.")
        if authorization is not None:
            claim: _Claim | Refusal = _header_claim(authorization, request.headers)
        elif presigned:
            claim = _query_claim(pairs)
            pairs = [(name, value) for name, value in pairs if _decode(name) != "X-Amz-Signature"]
        else:
            return ANONYMOUS
        if isinstance(claim, Refusal):
            return claim
        return self._verify(request, path, pairs, claim, presigned=presigned)

    def _verify(self, request: Received, path: str, pairs: list[tuple[str, str]], claim: _Claim, *,
                presigned: bool) -> Refusal | None:  # fmt: skip
        refused = self._check_scope(claim) or self._check_time(claim)
        if refused is not None:
            return refused
        names = claim.signed_headers.split(";")
        if "host" not in names:
            return _signature_mismatch("The host header must be signed.")
        missing = [name for name in names if header_key(name) not in request.headers]
        if missing:
            return _signature_mismatch(f"Signed header missing from the request: {missing[0]}.")
        signed = {header_key(name) for name in names}
        unsigned = sorted(k for k in request.headers if k.startswith("x-amz-") and k not in signed)
        if unsigned:
            return Refusal(403, "AccessDenied", "There were headers present in the request which were "
                           f"not signed: {unsigned[0]}.")  # fmt: skip
        if not presigned and "x-amz-content-sha256" not in signed:
            return Refusal(403, "InvalidRequest", "Missing required header for this request: "
                           "x-amz-content-sha256.")  # fmt: skip
        signer = (S3SigV4QueryAuth if presigned else S3SigV4Auth)(self._credentials, "s3", self.region)
        canonical_query = "&".join(f"{k}={v}" for k, v in sorted((_encode(k), _encode(v)) for k, v in pairs))
        url = f"http://{request.headers['host']}{_canonical_path(path)}"
        aws_request = AWSRequest(
            method=request.method.upper(),
            url=url + (f"?{canonical_query}" if canonical_query else ""),
            headers={name: request.headers[header_key(name)] for name in names},
        )
        aws_request.context["timestamp"] = claim.amz_date
        if signer.signed_headers(signer.headers_to_sign(aws_request)) != claim.signed_headers:
            return _signature_mismatch("SignedHeaders must be lower-case, sorted and signable.")
        canonical_request = signer.canonical_request(aws_request)
        expected = signer.signature(signer.string_to_sign(aws_request, canonical_request), aws_request)
        if not hmac.compare_digest(expected, claim.signature):
            return _signature_mismatch("Check your key and signing method.")
        return None

    def _check_scope(self, claim: _Claim) -> Refusal | None:
        parts = claim.credential.split("/")
        if len(parts) != 5:
            return Refusal(403, "AuthorizationHeaderMalformed", "The credential is malformed.")
        key, day, region, service, terminator = parts
        if not hmac.compare_digest(key.encode(), self.access_key_id.encode()):
            return Refusal(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist "
                           "in our records.")  # fmt: skip
        if region != self.region or service != "s3" or terminator != "aws4_request":
            return Refusal(403, "AuthorizationHeaderMalformed", f"The credential scope must be "
                           f"<date>/{self.region}/s3/aws4_request.")  # fmt: skip
        if day != claim.amz_date[:8]:
            return _signature_mismatch("The credential's date is not the request's date.")
        return None

    def _check_time(self, claim: _Claim) -> Refusal | None:
        try:
            signed_at = datetime.strptime(claim.amz_date, SIGV4_TIMESTAMP).replace(tzinfo=UTC).timestamp()
        except ValueError:
            return Refusal(403, "AccessDenied", "X-Amz-Date must be in the ISO8601 basic format "
                           "YYYYMMDD'T'HHMMSS'Z'.")  # fmt: skip
        now = self._clock()
        if claim.expires is None:
            if abs(now - signed_at) > MAX_SKEW:
                return Refusal(403, "RequestTimeTooSkewed", "The difference between the request time "
                               "and the current time is too large.")  # fmt: skip
            return None
        if signed_at - now > MAX_SKEW:
            return Refusal(403, "AccessDenied", "Request is not valid yet")
        if now > signed_at + claim.expires:
            return Refusal(403, "AccessDenied", "Request has expired")
        return None


def _header_claim(authorization: str, headers: Mapping[str, str]) -> _Claim | Refusal:
    algorithm, _, rest = authorization.strip().partition(" ")
    if algorithm != ALGORITHM:
        return Refusal(403, "AuthorizationHeaderMalformed", f"Only {ALGORITHM} is accepted.")
    fields: dict[str, str] = {}
    for item in rest.split(","):
        name, equals, value = item.strip().partition("=")
        if not equals or name in fields:
            return Refusal(403, "AuthorizationHeaderMalformed", "The authorization header is malformed.")
        fields[name] = value
    if set(fields) != {"Credential", "SignedHeaders", "Signature"}:
        return Refusal(403, "AuthorizationHeaderMalformed", "The authorization header needs Credential, "
                       "SignedHeaders and Signature.")  # fmt: skip
    amz_date = headers.get("x-amz-date")
    if amz_date is None:
        return Refusal(403, "AccessDenied", "AWS authentication requires a valid x-amz-date header.")
    return _Claim(fields["Credential"], fields["SignedHeaders"], fields["Signature"], amz_date, None)


def _query_claim(pairs: list[tuple[str, str]]) -> _Claim | Refusal:
    values: dict[str, str] = {}
    for raw_name, value in pairs:
        name = _decode(raw_name)
        if name.startswith("X-Amz-"):
            if name in values:
                return Refusal(403, "AuthorizationQueryParametersError", f"{name} is given twice.")
            values[name] = _decode(value)
    needed = ("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders")
    if any(name not in values for name in needed) or values["X-Amz-Algorithm"] != ALGORITHM:
        return Refusal(403, "AuthorizationQueryParametersError", "A presigned URL needs X-Amz-Algorithm="
                       f"{ALGORITHM}, X-Amz-Credential, X-Amz-Date, X-Amz-Expires and X-Amz-SignedHeaders.")  # fmt: skip
    expires = values["X-Amz-Expires"]
    if not expires.isdigit() or not 0 < int(expires) <= MAX_EXPIRES:
        return Refusal(403, "AuthorizationQueryParametersError", "X-Amz-Expires must be from 1 to "
                       f"{MAX_EXPIRES} seconds.")  # fmt: skip
    return _Claim(values["X-Amz-Credential"], values["X-Amz-SignedHeaders"], values["X-Amz-Signature"],
                  values["X-Amz-Date"], int(expires))  # fmt: skip


def _split_target(target: str) -> tuple[str, str, str]:
    if not target.startswith("/"):  # absolute form: http://host/path?query
        parts = urlsplit(target)
        return parts.path or "/", "?", parts.query
    return target.partition("?")


def _query_pairs(query: str) -> list[tuple[str, str]]:
    """(name, value) as sent (both still percent-encoded), in order."""
    pairs = []
    for item in query.split("&"):
        if item:
            name, _, value = item.partition("=")
            pairs.append((name, value))
    return pairs


def _decode(text: str) -> str:
    return unquote_to_bytes(text).decode("utf-8", "surrogateescape")


def _encode(text: str) -> str:
    """SigV4's URI encoding of a query name or value: only A-Z a-z 0-9 - _ . ~ kept."""
    return quote(unquote_to_bytes(text), safe="-_.~")


def _canonical_path(path: str) -> str:
    """S3's canonical URI: each byte encoded as SigV4 says, '/' kept, no dot-segment rules."""
    return quote(unquote_to_bytes(path), safe="/~")


def _xml_error(refusal: Refusal, resource: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{refusal.code}</Code><Message>{escape(refusal.message)}</Message>"
        f"<Resource>{escape(resource)}</Resource><RequestId>{uuid.uuid4().hex}</RequestId></Error>"
    ).encode()


class SignedOnly:
    """WSGI middleware: the wrapped application sees only requests ``checker`` accepts, and
    a header-signed body only when it is the one whose SHA-256 was signed."""

    def __init__(self, app: WSGIApp, checker: SigV4Checker) -> None:
        self.app = app
        self.checker = checker

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Received.from_environ(environ)
        refusal = self.checker.check(request)
        if refusal is None and "authorization" in request.headers:
            refusal = _check_payload(environ, request.headers.get("x-amz-content-sha256", ""))
        if refusal is None:
            return self.app(environ, start_response)
        _drain(environ)
        path = _split_target(request.target)[0]
        body = b"" if request.method.upper() == "HEAD" else _xml_error(refusal, _decode(path))
        reason = {400: "Bad Request", 403: "Forbidden"}.get(refusal.status, "Error")
        start_response(f"{refusal.status} {reason}", [("Content-Type", "application/xml"),
                                                      ("Content-Length", str(len(body)))])  # fmt: skip
        return [body]


def _check_payload(environ: dict[str, Any], declared: str) -> Refusal | None:
    """A signed x-amz-content-sha256 that is a digest must be the body's: read the body,
    compare, and hand the application the bytes read (UNSIGNED-PAYLOAD and the streaming
    forms pass as they are: their signature covers no digest to compare)."""
    if not _HEX_SHA256.fullmatch(declared):
        return None
    body = _read_body(environ)
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    environ.pop("wsgi.input_terminated", None)
    if not hmac.compare_digest(sha256(body).hexdigest(), declared):
        return Refusal(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does "
                       "not match what was computed.")  # fmt: skip
    return None


def _read_body(environ: dict[str, Any]) -> bytes:
    stream = environ["wsgi.input"]
    if environ.get("wsgi.input_terminated"):
        return bytes(stream.read())
    length = environ.get("CONTENT_LENGTH") or "0"
    return bytes(stream.read(int(length))) if length.isdigit() else b""


def _drain(environ: dict[str, Any]) -> None:
    length = str(environ.get("CONTENT_LENGTH") or "0")
    remaining = int(length) if length.isdigit() else 0
    if remaining > DRAIN_LIMIT:
        return
    stream = environ["wsgi.input"]
    while remaining > 0:
        chunk = stream.read(min(remaining, 1024 * 1024))
        if not chunk:
            return
        remaining -= len(chunk)

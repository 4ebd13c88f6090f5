"""Presigned PUT URLs for many objects of one bucket from one that botocore signed.

botocore's ``generate_presigned_url`` costs ~0.33 ms of CPU per URL (endpoint rules,
serialising, copying the request): for a 16 KiB file that was a tenth of Hoist's work
per file. Objects of one bucket with the same options differ only in the URL's path, so
a URL for another key is the template with the key's path, signed again by hand
(SigV4 query signing, a few HMACs: ~0.02 ms).

A template is used only after its own hand signature equals botocore's (the URL's
shape: endpoint, addressing style, signed headers, credential scope, session token),
and it is signed afresh by botocore every few minutes, so a derived URL is never more
than that older than one signed just before the attempt. Anything unexpected (another
algorithm, a signed payload, credentials botocore will not show) falls back to botocore
for every URL of that shape.
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
import threading
import time
import urllib.parse
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass

from botocore.utils import percent_encode

# A template is re-signed by botocore this often: URLs live URL_LIFETIME_SECONDS from
# their X-Amz-Date, so a derived one still has all but this much of its life.
TEMPLATE_LIFETIME_SECONDS = 300.0
_DEFAULT_PORTS = {"http": 80, "https": 443}


def object_path(key: str) -> str:
    """How botocore writes an object key into the URL's path (a greedy label, ``{Key+}``)."""
    encoded: str = percent_encode(key, safe="/~")
    return encoded


def _host(parts: urllib.parse.SplitResult) -> str:
    """The signed host header as botocore derives it: the URL's, without a default port."""
    default = _DEFAULT_PORTS.get(parts.scheme)
    if parts.port is not None and parts.port == default:
        return parts.hostname or ""
    return parts.netloc


@dataclass(frozen=True)
class _Template:
    """One botocore-signed URL, taken apart for signing again with another path."""

    scheme: str
    netloc: str
    prefix: str  # the path before the key: "/bucket/" (path style) or "/" (virtual host)
    query: str  # the URL's query without X-Amz-Signature, in botocore's order
    canonical_query: str
    canonical_headers: str
    signed_headers: str
    amz_date: str
    signed_at: float  # X-Amz-Date as epoch seconds
    scope: str
    signing_key: bytes

    def signature(self, path: str) -> str:
        canonical = "\n".join(
            [
                "PUT",
                path,
                self.canonical_query,
                self.canonical_headers,
                "",
                self.signed_headers,
                "UNSIGNED-PAYLOAD",
            ]
        )
        to_sign = "\n".join(
            ["AWS4-HMAC-SHA256", self.amz_date, self.scope, hashlib.sha256(canonical.encode()).hexdigest()]
        )
        return hmac.new(self.signing_key, to_sign.encode(), hashlib.sha256).hexdigest()

    def url_for(self, key: str) -> str:
        path = self.prefix + object_path(key)
        return f"{self.scheme}://{self.netloc}{path}?{self.query}&X-Amz-Signature={self.signature(path)}"


def signing_key(secret: str, scope: str) -> bytes:
    """SigV4's key for a credential scope (``DATE/REGION/SERVICE/aws4_request``); Hoist
    Server's part URLs are signed with it too (server/storage.py)."""
    date, region, service, _ = scope.split("/")
    key = hmac.new(("AWS4" + secret).encode(), date.encode(), hashlib.sha256).digest()
    for part in (region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def take_apart(url: str, key: str, headers: Mapping[str, str], secret: str) -> _Template | None:
    """The template for ``url`` (botocore's presigned PUT of ``key`` with ``headers``), or
    None if it is not a shape signed here or the hand signature differs from botocore's."""
    parts = urllib.parse.urlsplit(url)
    pairs = [pair.partition("=") for pair in parts.query.split("&")]
    params = {name: value for name, _, value in pairs}
    signature = params.get("X-Amz-Signature", "")
    encoded_key = object_path(key)
    if (
        params.get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256"
        or not signature
        or not parts.path.endswith(encoded_key)
        or any(name == "X-Amz-Content-Sha256" for name, _, _ in pairs)
    ):
        return None
    kept = [(name, value) for name, _, value in pairs if name != "X-Amz-Signature"]
    lowered = {name.lower(): value for name, value in headers.items()}
    lowered["host"] = _host(parts)
    signed = urllib.parse.unquote(params.get("X-Amz-SignedHeaders", ""))
    if not signed or any(name not in lowered for name in signed.split(";")):
        return None
    try:
        scope = urllib.parse.unquote(params["X-Amz-Credential"]).split("/", 1)[1]
        template = _Template(
            scheme=parts.scheme,
            netloc=parts.netloc,
            prefix=parts.path[: len(parts.path) - len(encoded_key)],
            query="&".join(f"{name}={value}" for name, value in kept),
            canonical_query="&".join(f"{name}={value}" for name, value in sorted(kept)),
            canonical_headers="\n".join(
                f"{name}:{' '.join(lowered[name].split())}" for name in sorted(signed.split(";"))
            ),
            signed_headers=signed,
            amz_date=params["X-Amz-Date"],
            signed_at=calendar.timegm(time.strptime(params["X-Amz-Date"], "%Y%m%dT%H%M%SZ")),
            scope=scope,
            signing_key=signing_key(secret, scope),
        )
    except (KeyError, IndexError, ValueError):
        return None
    return template if hmac.compare_digest(template.signature(parts.path), signature) else None


class DerivedPutUrls:
    """Presigned PUT URLs per bucket and options: botocore signs one every few minutes, the
    rest are derived from it. Thread-safe."""

    def __init__(self, secret: Callable[[], str | None]) -> None:
        self._secret = secret  # the secret botocore signs with now (it may be refreshed)
        self._templates: dict[Hashable, tuple[_Template | None, float]] = {}
        self._lock = threading.Lock()

    def url(
        self, shape: Hashable, key: str, headers: Mapping[str, str], presign: Callable[[str], str]
    ) -> str:
        """A URL to PUT ``key`` with ``headers``; ``shape`` names everything else that is
        signed (bucket, options), and ``presign(key)`` asks botocore."""
        # Aged by the wall clock against the template's own X-Amz-Date, not by a monotonic
        # clock: that one stops while a laptop sleeps, and a template signed before a
        # two-hour suspend gave URLs already expired on waking. A clock set back, or a
        # template botocore dated oddly, counts as stale too.
        now = time.time()
        with self._lock:
            template, looked = self._templates.get(shape, (None, -TEMPLATE_LIFETIME_SECONDS))
        if template is not None and 0 <= now - template.signed_at < TEMPLATE_LIFETIME_SECONDS:
            return template.url_for(key)
        url = presign(key)
        if template is not None or not 0 <= now - looked < TEMPLATE_LIFETIME_SECONDS:
            # A shape that cannot be derived is looked at again only every few minutes.
            secret = self._secret()
            taken = take_apart(url, key, headers, secret) if secret else None
            with self._lock:
                self._templates[shape] = (taken, now)
        return url

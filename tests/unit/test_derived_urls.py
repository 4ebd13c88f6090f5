"""Presigned PUT URLs derived from one botocore signed (s3/derived_urls.py, issue 17):
every derived URL must be exactly what a SigV4 server accepts, for any key, addressing
style, options and session token; and botocore must still sign a fresh template every
few minutes."""

from __future__ import annotations

import datetime
import random
import urllib.parse
from typing import Any

import botocore.auth
import pytest

import hoist.s3.derived_urls as derived_urls
from hoist.s3.signer import Credentials, Endpoint, LocalSigner, ObjectOptions, make_client
from hoist.s3.sigv4_check import Received, SigV4Checker

AK, SK = "AKIDEXAMPLEDERIVED", "derived/secret+key/0123456789abcdefghij"

KEYS = [
    "photos/2026/IMG_0001.jpg",
    "with space/and+plus/100%.txt",
    "unicode/Été/日本語/😀.bin",
    "tilde~/star*/quote'/paren()/semicolon;/comma,",
    "double//slash/ends-with/",
    "/leading-slash",
    "query?hash#amp&eq=",
    "a" * 900,
]


def random_key(rng: random.Random) -> str:
    alphabet = "abcXYZ019 -_.~!*'();:@&=+$,/?#[]%\"<>\\^`{|}é日😀\t"
    return "k/" + "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))


def received(url: str, headers: dict[str, str]) -> Received:
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.removesuffix(":443") if parts.scheme == "https" else parts.netloc
    return Received(
        "PUT", f"{parts.path}?{parts.query}", {"host": host, **{k.lower(): v for k, v in headers.items()}}
    )


class CountingClient:
    """The botocore client, with a count of the URLs botocore itself signed."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self.presigned = 0

    def generate_presigned_url(self, *args: Any, **kwargs: Any) -> str:
        self.presigned += 1
        url: str = self._client.generate_presigned_url(*args, **kwargs)
        return url

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)


def signer_for(endpoint: Endpoint, token: str | None = None) -> tuple[LocalSigner, CountingClient]:
    client = CountingClient(make_client(endpoint, Credentials(AK, SK, token)))
    return LocalSigner(client), client


@pytest.mark.parametrize(
    ("endpoint", "token"),
    [
        (Endpoint("http://127.0.0.1:9000", "us-east-1", path_style=True), None),
        (Endpoint("https://storage.example.com", "eu-central-1", path_style=False), "session/token+="),
        (Endpoint("https://storage.example.com:8443", "eu-central-1", path_style=True), None),
    ],
)
def test_every_derived_url_is_signed_as_a_sigv4_server_checks_it(endpoint: Endpoint, token: str | None):
    signer, client = signer_for(endpoint, token)
    checker = SigV4Checker(AK, SK, endpoint.region)
    options = ObjectOptions(content_type="image/jpeg", storage_class="STANDARD_IA",
                            metadata=(("sha256", "ab" * 32), ("note", "two  spaces, tab\tend")))  # fmt: skip
    rng = random.Random(17)
    keys = KEYS + [random_key(rng) for _ in range(200)]
    urls = [signer.sign_put("bucket-one", key, options) for key in keys]
    assert client.presigned == 1  # botocore signed the template; the rest were derived
    for key, request in zip(keys, urls, strict=True):
        assert checker.check(received(request.url, request.headers)) is None, key
        # The path is the key as botocore writes it, so the object lands under that key.
        path = urllib.parse.urlsplit(request.url).path
        assert urllib.parse.unquote(path).endswith(key)
        if token:
            assert "X-Amz-Security-Token=" in request.url
    # Derived and botocore URLs differ only in what botocore re-derives per second.
    botocore_url = client.generate_presigned_url(
        "put_object", Params={"Bucket": "bucket-one", "Key": KEYS[1], **options.params()}, ExpiresIn=3600
    )

    def strip(url: str) -> list[str]:
        return [
            p for p in urllib.parse.urlsplit(url).query.split("&") if "Date" not in p and "Signature" not in p
        ]

    assert urllib.parse.urlsplit(urls[1].url).path == urllib.parse.urlsplit(botocore_url).path
    assert strip(urls[1].url) == strip(botocore_url)


def test_a_url_derived_for_another_key_or_bucket_is_not_valid_for_the_first():
    signer, client = signer_for(Endpoint("http://127.0.0.1:9000", "us-east-1", path_style=True))
    checker = SigV4Checker(AK, SK)
    options = ObjectOptions()
    first = signer.sign_put("b", "one", options)
    second = signer.sign_put("b", "two", options)
    other_bucket = signer.sign_put("c", "two", options)
    assert client.presigned == 2  # one template per bucket
    assert checker.check(received(second.url, second.headers)) is None
    assert checker.check(received(other_bucket.url, other_bucket.headers)) is None
    tampered = second.url.replace("/b/two?", "/b/one?")
    refusal = checker.check(received(tampered, second.headers))
    assert refusal is not None and refusal.code == "SignatureDoesNotMatch"
    assert first.url.split("X-Amz-Signature=")[1] != second.url.split("X-Amz-Signature=")[1]
    # Another content type is another shape: botocore signs its template.
    signer.sign_put("b", "three", ObjectOptions(content_type="text/plain"))
    assert client.presigned == 3


def test_botocore_signs_a_fresh_template_every_few_minutes(monkeypatch):
    """By the wall clock: a monotonic clock stops while a laptop sleeps, and after a long
    suspend every derived URL was already expired (refused, re-signed to the same stale
    URL, and the file failed as 'access denied')."""
    real_time, real_now = derived_urls.time.time, botocore.auth.get_current_datetime
    offset = [0.0]  # both clocks move together, as on a real machine
    monkeypatch.setattr(derived_urls.time, "time", lambda: real_time() + offset[0])
    monkeypatch.setattr(botocore.auth, "get_current_datetime",
                        lambda: real_now() + datetime.timedelta(seconds=offset[0]))  # fmt: skip
    signer, client = signer_for(Endpoint("http://127.0.0.1:9000", "us-east-1", path_style=True))
    checker = SigV4Checker(AK, SK, clock=lambda: real_time() + offset[0])
    options = ObjectOptions()
    for i in range(5):
        signer.sign_put("b", f"k{i}", options)
    assert client.presigned == 1
    offset[0] += 2 * 3600  # slept two hours (monotonic time did not move)
    woke = signer.sign_put("b", "later", options)
    assert client.presigned == 2
    assert checker.check(received(woke.url, woke.headers)) is None  # not expired
    signer.sign_put("b", "later2", options)
    assert client.presigned == 2
    offset[0] -= 3600  # the clock set back an hour: the template is from the future
    earlier = signer.sign_put("b", "earlier", options)
    assert client.presigned == 3
    assert checker.check(received(earlier.url, earlier.headers)) is None


def test_a_shape_that_cannot_be_derived_is_signed_by_botocore_every_time(monkeypatch):
    signer, client = signer_for(Endpoint("http://127.0.0.1:9000", "us-east-1", path_style=True))
    monkeypatch.setattr(signer, "_current_secret", lambda: "not the secret botocore used")
    signer._put_urls = derived_urls.DerivedPutUrls(signer._current_secret)
    checker = SigV4Checker(AK, SK)
    for i in range(4):
        request = signer.sign_put("b", f"k{i}", ObjectOptions())
        assert checker.check(received(request.url, request.headers)) is None
    assert client.presigned == 4

"""ServiceSigner against a scripted service (httpx.MockTransport): the batch and its cache,
expiry, the replies Companion 6.2.2 really sends for each failure, and no URL in a log."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from hoist.s3.errors import Kind, S3Failure
from hoist.s3.service import ServiceSigner, multipart_etag_of
from hoist.s3.signer import ObjectOptions
from hoist.s3.transport import empty_checksum_refusal

BASE = "http://service.test"


def url(n: int, expires: int = 800) -> str:
    return f"http://storage.test/b/k?X-Amz-Expires={expires}&X-Amz-Signature=secret{n}&partNumber={n}"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def signer(
    handler: Callable[[httpx.Request], httpx.Response], **kwargs: Any
) -> tuple[ServiceSigner, list[str]]:
    seen: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(f"{request.method} {request.url.path}?{request.url.query.decode()}")
        return handler(request)

    http = httpx.Client(transport=httpx.MockTransport(record))
    return ServiceSigner(BASE, http, **kwargs), seen


def batch_handler(expires: int = 800) -> Callable[[httpx.Request], httpx.Response]:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/batch"):
            numbers = request.url.params["partNumbers"].split(",")
            return httpx.Response(200, json={"presignedUrls": {n: url(int(n), expires) for n in numbers}})
        number = int(request.url.path.rsplit("/", 1)[1])
        return httpx.Response(200, json={"url": url(number, expires), "expires": expires})

    return handle


def test_one_batch_serves_the_next_parts_and_each_url_is_handed_out_once():
    s, seen = signer(batch_handler(), batch=4)
    urls = [s.sign_part("b", "k", "U1", n).url for n in (1, 2, 3, 4, 5)]
    assert [u.split("partNumber=")[1] for u in urls] == ["1", "2", "3", "4", "5"]
    assert [x.split("?")[0] for x in seen] == ["GET /s3/multipart/U1/batch"] * 2
    assert "partNumbers=1%2C2%2C3%2C4" in seen[0] and "key=k" in seen[0]
    # Part 2 again (a retry, or an expired URL): a fresh URL for it alone, on the one-part route.
    s.sign_part("b", "k", "U1", 2)
    assert seen[-1].startswith("GET /s3/multipart/U1/2?key=k")


def test_cached_urls_are_not_used_near_their_expiry():
    clock = Clock()
    s, seen = signer(batch_handler(expires=100), batch=3, clock=clock)
    s.sign_part("b", "k", "U1", 1)
    clock.now += 60  # 100 s URLs; kept while at least 30 s are left
    s.sign_part("b", "k", "U1", 2)
    assert len(seen) == 1
    clock.now += 20  # part 3's URL has 20 s left: fetched again
    s.sign_part("b", "k", "U1", 3)
    assert len(seen) == 2


def test_create_sends_uppy_metadata_and_journals_the_services_choice():
    bodies: list[Any] = []

    def handle(request: httpx.Request) -> httpx.Response:
        bodies.append(json.loads(request.content))
        return httpx.Response(200, json={"key": "uuid-photo.jpg", "uploadId": "U9", "bucket": "org"})

    s, _ = signer(handle, auth=("X-Api-Key", "tok"))
    created = s.create_multipart(
        "", "trip/day 1/photo.jpg", ObjectOptions("image/jpeg", metadata=(("owner", "ana"),))
    )
    assert (created.upload_id, created.key, created.bucket) == ("U9", "uuid-photo.jpg", "org")
    assert bodies == [
        {
            "filename": "photo.jpg",
            "type": "image/jpeg",
            "metadata": {
                "name": "photo.jpg",
                "type": "image/jpeg",
                "relativePath": "trip/day 1/photo.jpg",
                "owner": "ana",
            },
        }
    ]


def test_params_gives_a_post_form_with_the_services_key():
    fields = {"key": "uuid-a.txt", "bucket": "org", "Policy": "p", "X-Amz-Signature": "sig"}

    def handle(request: httpx.Request) -> httpx.Response:
        assert request.url.params["filename"] == "a.txt" and request.url.params["metadata[name]"] == "a.txt"
        return httpx.Response(
            200, json={"method": "POST", "url": "http://storage.test/org", "fields": fields}
        )

    s, _ = signer(handle)
    signed = s.sign_put("", "a.txt", ObjectOptions("text/plain"))
    assert signed.method == "POST" and signed.key == "uuid-a.txt" and signed.bucket == "org"
    assert "sig" not in repr(signed)


COMPANION_NO_SUCH_UPLOAD = {
    "message": "The specified multipart upload does not exist.",
    "error": {"name": "NoSuchUpload", "Code": "NoSuchUpload", "$metadata": {"httpStatusCode": 404}},
}
COMPANION_ACCESS_DENIED = {
    "message": "Access Denied",
    "error": {"name": "AccessDenied", "Code": "AccessDenied", "$metadata": {"httpStatusCode": 403}},
}


@pytest.mark.parametrize(
    ("status", "body", "headers", "kind", "code", "words"),
    [
        (500, COMPANION_NO_SUCH_UPLOAD, {}, Kind.NO_SUCH_UPLOAD, "NoSuchUpload", "no longer has this upload"),
        (
            404,
            {"error": "s3: there is no upload session", "reason": "unknown"},
            {},
            Kind.NO_SUCH_UPLOAD,
            "NoSuchUpload",
            "",
        ),
        (404, {"message": "Not Found"}, {}, Kind.FATAL, "ServiceNotFound", "has no list parts"),
        (
            401,
            {"error": "bad token"},
            {},
            Kind.FATAL,
            "ServiceAuth",
            "refused the token (HTTP 401: bad token)",
        ),
        (403, "", {}, Kind.FATAL, "ServiceAuth", "refused the token (HTTP 403)"),
        (500, COMPANION_ACCESS_DENIED, {}, Kind.FATAL, "AccessDenied", "could not use its storage"),
        (
            500,
            {"message": "Something went wrong"},
            {},
            Kind.RETRY,
            "HTTP500",
            "HTTP 500: Something went wrong",
        ),
        (503, "", {"Retry-After": "7"}, Kind.RETRY, "HTTP503", "HTTP 503"),
        (429, "", {"Retry-After": "3"}, Kind.SLOWDOWN, "HTTP429", "HTTP 429"),
        (
            400,
            {"error": "This Companion server does not support uploading to S3"},
            {},
            Kind.FATAL,
            "ServiceNotS3",
            "not set up",
        ),
        (
            200,
            "<!doctype html><p>Sign in",
            {"Content-Type": "text/html"},
            Kind.FATAL,
            "ServiceReply",
            "a web page (HTML)",
        ),
        (200, {"unexpected": 1}, {}, Kind.FATAL, "ServiceReply", "the list of parts"),
        (
            302,
            "",
            {"Location": "https://sso.example.org/login?token=x"},
            Kind.FATAL,
            "ServiceRedirect",
            "redirected",
        ),
    ],
)
def test_failures_map_to_kinds_and_sentences(status, body, headers, kind, code, words):
    def handle(request: httpx.Request) -> httpx.Response:
        content = json.dumps(body).encode() if isinstance(body, dict) else body.encode()
        return httpx.Response(status, content=content, headers=headers)

    s, seen = signer(handle)
    with pytest.raises(S3Failure) as caught:
        s.list_parts("b", "k", "U1")
    failure = caught.value
    assert (failure.kind, failure.code) == (kind, code), failure.message
    assert words in failure.message and "http://service.test" in failure.message
    assert "token=x" not in failure.message
    if "Retry-After" in headers:
        assert failure.retry_after == float(headers["Retry-After"])
    if code == "ServiceAuth":  # no retry storm: later calls fail without asking
        with pytest.raises(S3Failure):
            s.sign_part("b", "k", "U1", 1)
        assert len(seen) == 1


def test_unreachable_is_a_connect_failure_for_the_offline_wait():
    def handle(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused")

    s, _ = signer(handle)
    with pytest.raises(S3Failure) as caught:
        s.create_multipart("", "a", ObjectOptions())
    assert caught.value.kind == Kind.RETRY and caught.value.code == "ConnectError"


def test_abort_of_a_gone_upload_is_done_and_listing_uploads_is_not_offered():
    s, _ = signer(lambda r: httpx.Response(500, json=COMPANION_NO_SUCH_UPLOAD))
    s.abort("b", "k", "U1")
    with pytest.raises(S3Failure) as caught:
        s.list_multipart_uploads("b")
    assert caught.value.kind == Kind.FATAL and caught.value.code == "NotSupported"


def test_no_url_reaches_the_log(caplog):
    caplog.set_level(logging.DEBUG)
    s, _ = signer(batch_handler())
    signed = s.sign_part("b", "k", "U1", 1)
    assert "secret1" not in caplog.text and "secret1" not in repr(signed)


def test_complete_gives_the_multipart_etag_from_the_parts():
    s, _ = signer(lambda r: httpx.Response(200, json={"location": "", "key": "k", "bucket": "b"}))
    etags = ['"' + "a" * 32 + '"', '"' + "b" * 32 + '"']
    assert s.complete("b", "k", "U1", [(1, etags[0]), (2, etags[1])]) == multipart_etag_of(etags)
    assert multipart_etag_of(['"abc"']) == ""


def test_empty_checksum_refusal_only_for_non_empty_parts_on_such_urls():
    refused = S3Failure(Kind.BAD_DIGEST, "BadDigest", "The Content-Md5 you specified did not match", 400)
    bad = "http://s/b/k?partNumber=1&x-amz-checksum-crc32=AAAAAA%3D%3D&x-amz-sdk-checksum-algorithm=CRC32"
    failure = empty_checksum_refusal(bad, 5, refused)
    assert failure is not None and failure.kind == Kind.FATAL
    assert "AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED" in failure.message
    assert empty_checksum_refusal(bad, 0, refused) is None
    assert empty_checksum_refusal("http://s/b/k?partNumber=1", 5, refused) is None

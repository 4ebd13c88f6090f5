"""The demo storage answers only requests signed with this run's key (issue 13, finding 2).

moto checks no signature, and 127.0.0.1 is every local account's: before, another user
listed the buckets, read an uploaded file, overwrote it with a junk Authorization header
and planted an object. Each of those, and every other way of not holding this run's
secret (another secret, another key, a tampered or expired presigned URL, a swapped
body), must now get an S3 error and change nothing: the object's bytes stay the same,
no object appears, and the listing is refused.
"""

from __future__ import annotations

import hashlib
import logging
import logging.handlers
import os
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import botocore.exceptions
import httpx
import pytest
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials

from hoist.config.secrets import bound_to, secrets
from hoist.s3.signer import Credentials, Endpoint, LocalSigner, ObjectOptions, make_client
from hoist.ui.demo import DEMO_BUCKET, DemoStorage

ORIGINAL = b"quarterly figures, not for other accounts\n" * 100
KEY = "report.txt"


@pytest.fixture(scope="module")
def demo() -> Iterator[tuple[DemoStorage, Any]]:
    storage = DemoStorage()
    profile = storage.start()
    secret = secrets.get(profile.name, "secret_access_key", bound_to(profile))
    assert secret is not None
    client = make_client(Endpoint(storage.endpoint, "us-east-1", path_style=True),
                         Credentials(profile.access_key_id, secret))  # fmt: skip
    try:
        yield storage, client
    finally:
        storage.stop()


def sha256_of(client: Any, key: str) -> str:
    return hashlib.sha256(client.get_object(Bucket=DEMO_BUCKET, Key=key)["Body"].read()).hexdigest()


def keys(client: Any) -> list[str]:
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=DEMO_BUCKET).get("Contents", []))


def error_code(response: httpx.Response) -> str:
    return response.text.split("<Code>", 1)[1].split("</Code>", 1)[0]


def refused(response: httpx.Response, code: str, status: int = 403) -> None:
    assert response.status_code == status, (response.status_code, response.text)
    assert error_code(response) == code, response.text
    assert ORIGINAL[:20] not in response.content


def with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def test_requests_not_signed_with_this_runs_key_change_nothing(demo):
    storage, client = demo
    client.put_object(Bucket=DEMO_BUCKET, Key=KEY, Body=ORIGINAL)
    before_keys, before_sha = keys(client), sha256_of(client, KEY)
    assert before_sha == hashlib.sha256(ORIGINAL).hexdigest()
    base = storage.endpoint
    profile = storage.start()  # already running: the same key pair again

    # No signature at all: list the buckets, list the bucket, read, overwrite, plant.
    refused(httpx.get(f"{base}/"), "AccessDenied")
    refused(httpx.get(f"{base}/{DEMO_BUCKET}?list-type=2"), "AccessDenied")
    refused(httpx.get(f"{base}/{DEMO_BUCKET}/{KEY}"), "AccessDenied")
    refused(httpx.put(f"{base}/{DEMO_BUCKET}/{KEY}", content=b"overwritten"), "AccessDenied")
    refused(httpx.put(f"{base}/{DEMO_BUCKET}/planted.txt", content=b"planted"), "AccessDenied")
    assert httpx.head(f"{base}/{DEMO_BUCKET}/{KEY}").status_code == 403

    # A junk Authorization header (what overwrote the file before).
    junk = {"Authorization": "AWS4-HMAC-SHA256 Credential=x/20240101/us-east-1/s3/aws4_request, "
            "SignedHeaders=host, Signature=00", "x-amz-date": "20240101T000000Z",
            "x-amz-content-sha256": "UNSIGNED-PAYLOAD"}  # fmt: skip
    refused(httpx.put(f"{base}/{DEMO_BUCKET}/{KEY}", content=b"junk", headers=junk), "InvalidAccessKeyId")
    refused(httpx.put(f"{base}/{DEMO_BUCKET}/{KEY}", content=b"junk", headers={"Authorization": "junk"}),
            "AuthorizationHeaderMalformed")  # fmt: skip

    # Signed, but with another secret (the right key id), or another key pair altogether.
    for access_key, secret, code in ((profile.access_key_id, "not-this-runs-secret", "SignatureDoesNotMatch"),
                                     ("AKIAOTHERUSER0000000", "their-own-secret", "InvalidAccessKeyId")):  # fmt: skip
        other = make_client(Endpoint(base, "us-east-1", path_style=True), Credentials(access_key, secret))
        for attempt in (lambda: other.list_objects_v2(Bucket=DEMO_BUCKET),  # noqa: B023
                        lambda: other.put_object(Bucket=DEMO_BUCKET, Key=KEY, Body=b"theirs"),  # noqa: B023
                        lambda: other.put_object(Bucket=DEMO_BUCKET, Key="planted.txt", Body=b"x"),  # noqa: B023
                        lambda: other.list_buckets()):  # noqa: B023  # fmt: skip
            with pytest.raises(botocore.exceptions.ClientError) as caught:
                attempt()
            assert caught.value.response["Error"]["Code"] == code
            assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403

    # A presigned part URL of Hoist's, tampered with: another key, a changed signature, a
    # longer life, a header it did not sign, another Content-Type than it signed.
    signer = LocalSigner(client)
    signed = signer.sign_put(DEMO_BUCKET, KEY, ObjectOptions(content_type="text/plain"))
    signature = dict(parse_qsl(urlsplit(signed.url).query))["X-Amz-Signature"]
    flipped = ("0" if signature[0] != "0" else "1") + signature[1:]
    tampered = [
        (signed.url.replace(f"/{KEY}?", "/planted.txt?"), signed.headers, "SignatureDoesNotMatch"),
        (with_query(signed.url, **{"X-Amz-Signature": flipped}), signed.headers, "SignatureDoesNotMatch"),
        (with_query(signed.url, **{"X-Amz-Expires": "604800"}), signed.headers, "SignatureDoesNotMatch"),
        (signed.url, {**signed.headers, "x-amz-storage-class": "GLACIER"}, "AccessDenied"),
        (signed.url, {**signed.headers, "Content-Type": "text/html"}, "SignatureDoesNotMatch"),
    ]
    for url, headers, code in tampered:
        refused(httpx.put(url, content=b"tampered", headers=headers), code)
    part_url = signer.sign_part(DEMO_BUCKET, KEY, "an-upload-id", 1).url
    refused(httpx.put(with_query(part_url, partNumber="2"), content=b"x"), "SignatureDoesNotMatch")

    # An expired presigned URL: refused in the words S3 uses, which make Hoist sign again.
    expiring = client.generate_presigned_url("get_object", Params={"Bucket": DEMO_BUCKET, "Key": KEY},
                                             ExpiresIn=1)  # fmt: skip
    time.sleep(2.1)
    response = httpx.get(expiring)
    refused(response, "AccessDenied")
    assert "<Message>Request has expired</Message>" in response.text

    # Header-signed, then the body swapped on the way: the signed SHA-256 no longer matches.
    request = AWSRequest("PUT", f"{base}/{DEMO_BUCKET}/{KEY}", data=b"the signed body")
    S3SigV4Auth(BotoCredentials(profile.access_key_id, _secret(profile)), "s3", "us-east-1").add_auth(request)
    swapped = httpx.put(request.url, content=b"another body!!!", headers=dict(request.headers.items()))
    refused(swapped, "XAmzContentSHA256Mismatch", status=400)

    assert keys(client) == before_keys  # nothing planted
    assert sha256_of(client, KEY) == before_sha  # nothing overwritten
    # ...and the untampered URL still works: the front refuses only what is wrong.
    assert httpx.put(signed.url, content=b"fine", headers=signed.headers).status_code == 200
    assert sha256_of(client, KEY) == hashlib.sha256(b"fine").hexdigest()
    client.put_object(Bucket=DEMO_BUCKET, Key=KEY, Body=ORIGINAL)


def _secret(profile: Any) -> str:
    secret = secrets.get(profile.name, "secret_access_key", bound_to(profile))
    assert secret is not None
    return secret


def test_another_local_account_can_neither_list_read_nor_write(demo):
    """As the review did it: a second account on this computer, with curl."""
    if os.geteuid() != 0:
        pytest.fail("this test acts as another account (runuser -u nobody): run it as root (CI does)")
    storage, client = demo
    client.put_object(Bucket=DEMO_BUCKET, Key=KEY, Body=ORIGINAL)
    before_keys = keys(client)
    base = storage.endpoint

    def as_nobody(*args: str) -> str:
        result = subprocess.run(["runuser", "-u", "nobody", "--", "curl", "-s", "-o", "/dev/null", "-w",
                                 "%{http_code}", *args], capture_output=True, text=True, timeout=30)  # fmt: skip
        return result.stdout

    assert as_nobody(f"{base}/") == "403"  # list the buckets
    assert as_nobody(f"{base}/{DEMO_BUCKET}") == "403"  # list the bucket
    assert as_nobody(f"{base}/{DEMO_BUCKET}/{KEY}") == "403"  # read the file
    assert as_nobody("-X", "PUT", "--data-binary", "junk", "-H", "Authorization: junk",
                     f"{base}/{DEMO_BUCKET}/{KEY}") == "403"  # fmt: skip
    assert as_nobody("-X", "PUT", "--data-binary", "planted", f"{base}/{DEMO_BUCKET}/planted.txt") == "403"
    assert keys(client) == before_keys
    assert sha256_of(client, KEY) == hashlib.sha256(ORIGINAL).hexdigest()


def test_each_run_has_its_own_key_and_no_file_holds_it(tmp_path: Path):
    """A fresh random key pair per run, kept in memory only; the log that names the port
    is private (0600) and holds neither the secret nor a URL's signature."""
    from hoist.logs import setup_logging

    log_file = tmp_path / "log" / "hoist.log"
    setup_logging(log_file)
    root = logging.getLogger()
    first, second = DemoStorage(), DemoStorage()
    try:
        profiles = [first.start(), second.start()]
        secret_values = [_secret(p) for p in profiles]
        assert profiles[0].access_key_id != profiles[1].access_key_id
        assert secret_values[0] != secret_values[1] and all(len(s) >= 40 for s in secret_values)
        # One run's key opens nothing of the other's.
        other = make_client(Endpoint(second.endpoint, "us-east-1", path_style=True),
                            Credentials(profiles[0].access_key_id, secret_values[0]))  # fmt: skip
        with pytest.raises(botocore.exceptions.ClientError) as caught:
            other.list_objects_v2(Bucket=DEMO_BUCKET)
        assert caught.value.response["Error"]["Code"] == "InvalidAccessKeyId"
        link = first.object_link(first.endpoint, DEMO_BUCKET, "nothing-here.txt")
        assert link is not None and second.object_link(first.endpoint, DEMO_BUCKET, "x") is None
    finally:
        first.stop()
        second.stop()
        for handler in list(root.handlers):
            if isinstance(handler, logging.handlers.RotatingFileHandler):
                handler.close()
                root.removeHandler(handler)
    text = log_file.read_text()
    assert f"Demo storage started at {first.endpoint}" in text  # the port is named...
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600  # ...in a file only its owner reads
    for secret in secret_values:
        assert secret not in text
    assert "X-Amz-Signature" not in text

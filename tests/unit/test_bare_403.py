"""A 403 with no S3 error document (a HEAD, a presigned PUT answered with an empty or
HTML body) read as "403: Forbidden" and failed the file quietly. It is AccessDenied: a
sentence, and a failure that needs the person. And a corrected secret is used at once:
the engine's cached connections of a profile can be forgotten."""

from __future__ import annotations

import botocore.exceptions
import httpx
import pytest

from hoist.engine.connections import Connection, ConnectionPool
from hoist.s3.errors import Kind, classify, from_botocore, parse_error_xml
from hoist.store.journal import Destination

DENIED = ("Access to bucket 'b' was denied at http://s3.test. The credentials lack permission to write "
          "there.")  # fmt: skip


@pytest.mark.parametrize("body", [b"", b"<html><body>403 Forbidden</body></html>", b"Forbidden"])
def test_a_bare_403_on_a_part_put_is_access_denied_in_words(body):
    failure = classify(403, *parse_error_xml(body))
    assert (failure.kind, failure.code, failure.status) == (Kind.FATAL, "AccessDenied", 403)
    assert failure.describe("b", "http://s3.test") == DENIED


def test_a_bare_403_on_a_head_is_access_denied_in_words():
    exc = botocore.exceptions.ClientError(
        {"Error": {"Code": "403", "Message": "Forbidden"},
         "ResponseMetadata": {"HTTPStatusCode": 403, "HTTPHeaders": {}}},
        "HeadObject",
    )  # fmt: skip
    failure = from_botocore(exc)
    assert (failure.kind, failure.code) == (Kind.FATAL, "AccessDenied")
    assert failure.describe("b", "http://s3.test") == DENIED


def test_a_403_that_says_why_keeps_its_code_and_an_expired_url_is_signed_again():
    assert classify(403, "SignatureDoesNotMatch", "The request signature...").code == "SignatureDoesNotMatch"
    assert classify(403, "AccessDenied", "Request has expired").kind == Kind.RESIGN


def test_forgetting_a_profile_drops_only_its_connections():
    made: list[Destination] = []

    def factory(destination: Destination) -> Connection:
        made.append(destination)
        return Connection(signer=None, http=httpx.Client(), endpoint_label="x")  # type: ignore[arg-type]

    pool = ConnectionPool(factory)
    work, home = Destination("work", "", "eu-west-1", "b"), Destination("home", "", "us-east-1", "c")
    first = pool.get(work)
    pool.get(home)
    assert pool.get(work) is first  # cached
    assert pool.forget_profile("work") == 1
    assert pool.get(work) is not first  # made again, with the profile and secret as they are now
    assert pool.get(home) is pool.get(home)
    assert made == [work, home, work]
    pool.close()
    assert first.http.is_closed  # a forgotten connection is still closed with the pool

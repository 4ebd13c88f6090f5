"""Backoff with full jitter, the adaptive concurrency gate; upload state transitions in one place."""

from __future__ import annotations

import random

import pytest

from hoist.engine.ratelimit import AdaptiveGate
from hoist.engine.retry import RetryPolicy
from hoist.s3.errors import Kind, classify, parse_error_xml
from hoist.s3.redact import redact
from hoist.store.states import IllegalTransition, UploadState, check_transition


def test_full_jitter_stays_within_the_exponential_ceiling() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=20)
    rng = random.Random(7)
    for attempt in range(1, 12):
        ceiling = min(20, 0.5 * 2 ** (attempt - 1))
        delays = [policy.delay(attempt, rng=rng) for _ in range(200)]
        assert all(0 <= d <= ceiling for d in delays)
        assert max(delays) > ceiling * 0.8  # jitter really spreads over the range


def test_retry_after_is_honoured() -> None:
    assert RetryPolicy(base_delay=0.01).delay(1, retry_after=3.0) == 3.0


@pytest.mark.parametrize(
    ("status", "code", "message", "kind"),
    [
        (503, "SlowDown", "Please reduce your request rate.", Kind.SLOWDOWN),
        (429, "", "", Kind.SLOWDOWN),
        (500, "InternalError", "", Kind.RETRY),
        (400, "RequestTimeout", "", Kind.RETRY),
        (403, "AccessDenied", "Request has expired", Kind.RESIGN),
        (400, "AccessDenied", "difference between the request time and the server's time", Kind.RESIGN),
        (403, "AccessDenied", "Access Denied", Kind.FATAL),
        (404, "NoSuchUpload", "", Kind.NO_SUCH_UPLOAD),
        (404, "NoSuchBucket", "", Kind.FATAL),
        (400, "EntityTooSmall", "", Kind.FATAL),
        (400, "BadDigest", "", Kind.BAD_DIGEST),
    ],
)
def test_error_classification(status: int, code: str, message: str, kind: Kind) -> None:
    assert classify(status, code, message).kind == kind


def test_error_xml_is_parsed_with_or_without_namespace() -> None:
    body = b'<?xml version="1.0"?><Error xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Code>SlowDown</Code><Message>slow</Message></Error>'
    assert parse_error_xml(body) == ("SlowDown", "slow")


def test_presigned_urls_are_redacted() -> None:
    url = "https://s3.example.com/b/k?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=abc123&partNumber=2"
    text = redact(f"PUT {url} failed")
    assert text == "PUT https://s3.example.com/b/k?<redacted> failed"
    assert "abc123" not in redact("X-Amz-Signature=abc123")


def test_only_allowed_transitions() -> None:
    check_transition(UploadState.QUEUED, UploadState.RUNNING)
    check_transition(UploadState.RUNNING, UploadState.PAUSED)
    with pytest.raises(IllegalTransition):
        check_transition(UploadState.DONE, UploadState.RUNNING)
    with pytest.raises(IllegalTransition):
        check_transition(UploadState.CANCELLED, UploadState.QUEUED)


def test_gate_halves_on_slowdown_grows_back_and_follows_a_new_setting() -> None:
    gate = AdaptiveGate(8)
    gate.slow_down()
    gate.slow_down()
    assert (gate.limit, gate.maximum) == (2, 8)
    for _ in range(2):  # a streak as long as the limit earns one more part in flight
        gate.success()
    assert gate.limit == 3
    gate.resize(16)  # raised by the person: the SlowDown distance below the maximum stays
    assert (gate.limit, gate.maximum) == (11, 16)
    gate.resize(4)
    assert (gate.limit, gate.maximum) == (4, 4)  # lowered by the person: capped
    gate.slow_down()
    for _ in range(10):
        gate.success()
    assert gate.limit == 4  # grows back up to the setting, not past it


def test_refused_connections_use_no_tries_until_the_offline_wait_is_over(tmp_path) -> None:
    import time

    from hoist.config.settings import TransferSettings
    from hoist.engine.core import Engine
    from hoist.s3.errors import Kind, S3Failure
    from hoist.store.journal import Journal

    engine = Engine(Journal(tmp_path / "j.sqlite3"), lambda _d: None,  # type: ignore[arg-type,return-value]
                    TransferSettings(offline_wait=0.3), retry=RetryPolicy(max_attempts=2)).machinery  # fmt: skip
    refused = S3Failure(Kind.RETRY, "ConnectError", "cannot connect to the server: connection refused")
    server_error = S3Failure(Kind.RETRY, "InternalError", "We encountered an internal error.", 500)
    assert not engine.waiting_for_network(server_error)
    assert (engine.out_of_tries(server_error, 1, False), engine.out_of_tries(server_error, 2, False)) == (
        False,
        True,
    )
    dead, live = "http://127.0.0.1:9", "http://127.0.0.1:8000"
    waiting = engine.waiting_for_network(refused, dead)
    assert waiting and not engine.out_of_tries(refused, 99, waiting)  # the clock starts, no try counted
    time.sleep(0.2)
    engine.heard_from_server(live)  # another server answering says nothing about this one
    time.sleep(0.15)
    waiting = engine.waiting_for_network(refused, dead)
    assert not waiting and engine.out_of_tries(refused, 0, waiting)  # the wait is over: give up at once
    assert engine.offline_for(dead) >= 0.35 and engine.offline_for(live) == 0.0
    assert set(engine.offline.endpoints()) == {dead}
    engine.heard_from_server(dead)  # it answered: the next outage gets the whole wait again
    assert engine.offline_for(dead) == 0.0 and engine.waiting_for_network(refused, dead)
    engine.journal.close()


def test_a_request_hoist_cannot_even_write_fails_at_once_instead_of_retrying() -> None:
    import httpx

    from hoist.s3.errors import from_transport

    failure = from_transport(httpx.LocalProtocolError("Illegal header value b'trail '"))
    assert (failure.kind, failure.message) == (
        Kind.FATAL, "Hoist could not form the request: Illegal header value b'trail '"
    )  # fmt: skip
    assert from_transport(httpx.ReadError("connection reset")).kind == Kind.RETRY

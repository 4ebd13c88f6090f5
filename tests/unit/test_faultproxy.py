"""The fault proxy's own logic: request classification and rule firing (no network)."""

from __future__ import annotations

import pytest

from tests.support.faultproxy import FaultProxy, Rule, Seen, classify, error_body


@pytest.mark.parametrize(
    ("method", "target", "expected"),
    [
        (
            "PUT",
            "/b/dir/a%20b.txt?partNumber=3&uploadId=U1&X-Amz-Signature=s",
            ("part", "b", "dir/a b.txt", 3, "U1"),
        ),
        ("PUT", "/b/k?X-Amz-Signature=s", ("put", "b", "k", None, None)),
        ("POST", "/b/k?uploads", ("create", "b", "k", None, None)),
        ("POST", "/b/k?uploadId=U2", ("complete", "b", "k", None, "U2")),
        ("GET", "/b/k?uploadId=U2&part-number-marker=0", ("list_parts", "b", "k", None, "U2")),
        ("DELETE", "/b/k?uploadId=U2", ("abort", "b", "k", None, "U2")),
        ("HEAD", "/b/k", ("head", "b", "k", None, None)),
        ("HEAD", "/b", ("head", "b", "", None, None)),
        ("GET", "/b?list-type=2", ("bucket", "b", "", None, None)),
    ],
)
def test_classify(method, target, expected):
    assert classify(method, target) == expected


def _seen(op: str, part: int | None = None) -> Seen:
    return Seen(1, "PUT", "/b/k", op, "b", "k", part, None, {}, 0, 0.0)


def test_rule_fires_on_the_nth_match_for_times_requests():
    proxy = FaultProxy("http://127.0.0.1:9")  # never started: only its script is used
    try:
        rule = Rule("close", op="part", part=2, nth=2, times=2)
        every = Rule("latency", op="put", times=0, delay=0.1)
        proxy.add(rule, every)
        fired = [proxy._choose(_seen("part", 2)) is rule for _ in range(5)]
        assert fired == [False, True, True, False, False]
        assert proxy._choose(_seen("part", 1)) is None
        assert [proxy._choose(_seen("put")) is every for _ in range(3)] == [True] * 3
        proxy.clear()
        proxy.decide = lambda seen: rule if seen.part == 7 else None
        assert proxy._choose(_seen("part", 7)) is rule and proxy._choose(_seen("part", 8)) is None
    finally:
        proxy.stop()


def test_unknown_action_is_refused():
    with pytest.raises(ValueError, match="unknown action"):
        Rule("explode")


def test_error_body_is_an_s3_error_document():
    body = error_body("SlowDown", "Please <reduce> & retry", "k")
    assert body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code>')
    assert b"<Message>Please &lt;reduce&gt; &amp; retry</Message>" in body

"""Hoist Server's routes on SQLite and PostgreSQL: isolation between users, tokens, keys,
bad input on every route, limits, metrics, health and logs. Storage is SeaweedFS."""

from __future__ import annotations

import json
import logging
import time
import unicodedata
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from hoist.server.db import session_parts, upload_sessions

from .conftest import Harness, auth

MiB = 1024 * 1024


def create(h: Harness, token: str, filename: str = "photos/a.bin", **extra: Any) -> dict[str, Any]:
    r = h.http.post(
        "/s3/multipart",
        headers=auth(token),
        json={"filename": filename, "type": "application/octet-stream", **extra},
    )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def put_part(h: Harness, token: str, upload: dict[str, Any], number: int, data: bytes) -> str:
    r = h.http.get(
        f"/s3/multipart/{upload['uploadId']}/{number}", headers=auth(token), params={"key": upload["key"]}
    )
    assert r.status_code == 200, r.text
    assert set(r.json()) == {"url", "expires"}
    put = httpx.put(r.json()["url"], content=data)
    assert put.status_code == 200, put.text
    return str(put.headers["etag"])


def session_row(h: Harness, upload_id: str) -> Any:
    with h.engine.connect() as conn:
        return conn.execute(sa.select(upload_sessions).where(upload_sessions.c.upload_id == upload_id)).one()


def test_companion_shapes_and_a_whole_upload(harness: Harness) -> None:
    h = harness
    ana = h.add_user("ana")
    upload = create(h, ana, "docs/report.pdf", size=6 * MiB)
    assert set(upload) == {"key", "uploadId", "bucket"}
    assert upload["key"] == h.prefix("ana") + "docs/report.pdf"
    key, uid = upload["key"], upload["uploadId"]
    batch = h.http.get(
        f"/s3/multipart/{uid}/batch", headers=auth(ana), params={"key": key, "partNumbers": "1,2"}
    )
    assert batch.status_code == 200
    urls = batch.json()["presignedUrls"]
    assert set(urls) == {"1", "2"}
    assert all("X-Amz-Signature=" in u and "X-Amz-Expires=900" in u for u in urls.values())
    data = [b"a" * (5 * MiB), b"b" * MiB]
    etags = [httpx.put(urls[str(n + 1)], content=d).headers["etag"] for n, d in enumerate(data)]
    listed = h.http.get(f"/s3/multipart/{uid}", headers=auth(ana), params={"key": key}).json()
    assert [(p["PartNumber"], p["ETag"], p["Size"]) for p in listed] == [
        (1, etags[0], 5 * MiB),
        (2, etags[1], MiB),
    ]
    assert all(set(p) == {"PartNumber", "LastModified", "ETag", "Size"} for p in listed)
    assert listed[0]["LastModified"].endswith("Z")
    parts = [{"PartNumber": n + 1, "ETag": e} for n, e in enumerate(etags)]
    done = h.http.post(
        f"/s3/multipart/{uid}/complete", headers=auth(ana), params={"key": key}, json={"parts": parts}
    )
    assert done.status_code == 200, done.text
    assert set(done.json()) == {"location", "key", "bucket"} and done.json()["key"] == key
    assert h.get_object(key) == b"".join(data)
    row = session_row(h, uid)
    assert (row.state, row.part_count, row.final_size, row.declared_size) == (
        "completed",
        2,
        6 * MiB,
        6 * MiB,
    )
    with h.engine.connect() as conn:
        signed = conn.execute(
            sa.select(sa.func.count()).select_from(session_parts).where(session_parts.c.session_id == row.id)
        ).scalar()
    assert signed == 2
    # A Complete retried after its reply was lost answers the same again...
    again = h.http.post(
        f"/s3/multipart/{uid}/complete", headers=auth(ana), params={"key": key}, json={"parts": parts}
    )
    assert again.status_code == 200 and again.json()["key"] == key
    # ...but any other route on a completed session is the "completed" 404.
    signed_late = h.http.get(f"/s3/multipart/{uid}/3", headers=auth(ana), params={"key": key})
    assert signed_late.status_code == 404 and signed_late.json()["reason"] == "completed"


def test_isolation_table(harness: Harness) -> None:
    """User B's token on each of user A's routes: the same 404 as an unknown upload, and
    nothing changes; A then finishes the upload as if B had never tried."""
    h = harness
    ana, bob = h.add_user("ana"), h.add_user("bob")
    upload = create(h, ana, "secret.bin")
    key, uid = upload["key"], upload["uploadId"]
    etag = put_part(h, ana, upload, 1, b"ana's bytes")
    before = session_row(h, uid)
    unknown = h.http.get("/s3/multipart/no-such-upload/1", headers=auth(bob), params={"key": key}).json()
    parts = {"parts": [{"PartNumber": 1, "ETag": etag}]}
    routes = {
        "list parts": ("GET", f"/s3/multipart/{uid}", {}),
        "sign one part": ("GET", f"/s3/multipart/{uid}/1", {}),
        "sign a batch": ("GET", f"/s3/multipart/{uid}/batch", {"partNumbers": "1,2"}),
        "complete": ("POST", f"/s3/multipart/{uid}/complete", {}),
        "abort": ("DELETE", f"/s3/multipart/{uid}", {}),
    }
    outcome = {}
    for name, (method, path, query) in routes.items():
        r = h.http.request(
            method,
            path,
            headers=auth(bob),
            params={"key": key, **query},
            json=parts if method == "POST" else None,
        )
        outcome[name] = r.status_code
        assert r.status_code == 404, (name, r.text)
        assert r.json() == unknown, name  # indistinguishable from an upload that never existed
        # Ana's own key on Bob's path, or Bob guessing a key under his prefix: the same.
        r2 = h.http.request(
            method,
            path,
            headers=auth(bob),
            params={"key": h.prefix("bob") + "secret.bin", **query},
            json=parts if method == "POST" else None,
        )
        assert r2.status_code == 404 and r2.json() == unknown, name
    print("isolation:", outcome)
    after = session_row(h, uid)
    assert (after.state, after.last_activity) == (
        before.state,
        before.last_activity,
    )  # B did not even touch it
    assert [u["UploadId"] for u in h.open_uploads(h.prefix("ana"))] == [uid]
    # Ana with a key that is not the session's: the same unknown answer.
    wrong_key = h.http.get(
        f"/s3/multipart/{uid}/1", headers=auth(ana), params={"key": h.prefix("ana") + "other.bin"}
    )
    assert wrong_key.status_code == 404 and wrong_key.json() == unknown
    done = h.http.post(f"/s3/multipart/{uid}/complete", headers=auth(ana), params={"key": key}, json=parts)
    assert done.status_code == 200, done.text
    assert h.get_object(key) == b"ana's bytes"


S3_ROUTES = [
    ("POST", "/s3/multipart"),
    ("GET", "/s3/multipart/UPLOAD"),
    ("DELETE", "/s3/multipart/UPLOAD"),
    ("GET", "/s3/multipart/UPLOAD/batch"),
    ("GET", "/s3/multipart/UPLOAD/1"),
    ("POST", "/s3/multipart/UPLOAD/complete"),
    ("GET", "/s3/params"),
    ("GET", "/s3/sts"),
]


def test_every_s3_route_needs_a_valid_token(harness: Harness) -> None:
    h = harness
    ana = h.add_user("ana")
    upload = create(h, ana)
    token_id = ana.split("_")[1]
    revoked = h.add_user("eve")
    from .conftest import run_cli

    run_cli("--database-url", h.database_url, "token", "revoke", revoked)
    bad_headers: list[dict[str, str]] = [
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic YW5hOnB3"},
        {"Authorization": f"Bearer {ana[:-1]}x"},  # right id, wrong secret
        {"Authorization": f"Bearer hst_{token_id}"},
        {"Authorization": "Bearer hst_ffffffffffffffff_" + "A" * 43},
        auth(revoked),
    ]
    for method, path in S3_ROUTES:
        path = path.replace("UPLOAD", upload["uploadId"])
        for headers in bad_headers:
            r = h.http.request(
                method,
                path,
                headers=headers,
                params={"key": upload["key"], "partNumbers": "1", "filename": "x"},
                json={"filename": "x", "parts": []} if method == "POST" else None,
            )
            assert r.status_code == 401, (method, path, headers, r.text)
            assert "error" in r.json() and r.headers["www-authenticate"] == "Bearer"
    assert session_row(h, upload["uploadId"]).state == "open"


@pytest.mark.parametrize(
    "filename",
    [
        "../escape.bin",
        "a/../../escape.bin",
        "a/./b.bin",
        "/etc/passwd",
        "a//b.bin",
        "dir/",
        "line\nbreak.bin",
        "tab\there.bin",
        "esc\x1b[31m.bin",
        "nul\x00.bin",
        "back\\slash.bin",
        "x" * 1100,
        "   ",
    ],
)
def test_relative_paths_that_would_leave_the_prefix_are_refused(harness: Harness, filename: str) -> None:
    h = harness
    ana = h.add_user("ana")
    r = h.http.post("/s3/multipart", headers=auth(ana), json={"filename": filename, "type": "text/plain"})
    assert r.status_code == 400, r.text
    assert r.json()["error"].startswith("s3: ")
    params = h.http.get("/s3/params", headers=auth(ana), params={"filename": filename, "type": "text/plain"})
    assert params.status_code == 400, params.text
    assert h.open_uploads(h.ns) == []
    with h.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(upload_sessions)).scalar() == 0


def test_keys_stay_in_the_prefix_and_are_nfc(harness: Harness) -> None:
    h = harness
    ana = h.add_user("ana", prefix=h.ns + "/team/ana/")
    nfd = unicodedata.normalize("NFD", "café/résumé #1?.txt")
    upload = create(h, ana, nfd, bucket="someone-elses-bucket", key="not/this")
    assert upload["key"] == h.ns + "/team/ana/" + unicodedata.normalize("NFC", "café/résumé #1?.txt")
    assert upload["bucket"] == h.settings.storage.bucket
    post = h.http.get(
        "/s3/params",
        headers=auth(ana),
        params={"filename": "notes.txt", "type": "text/plain", "metadata[owner]": "ana"},
    )
    assert post.status_code == 200, post.text
    body = post.json()
    assert (
        body["method"] == "POST"
        and body["fields"]["key"] == h.ns + "/team/ana/notes.txt"
        and body["expires"] == 900
    )
    sent = httpx.post(body["url"], data=body["fields"], files={"file": ("notes.txt", b"hello", "text/plain")})
    assert sent.status_code == 201, sent.text
    assert h.get_object(h.ns + "/team/ana/notes.txt") == b"hello"


def test_bad_input_on_every_route_is_a_4xx_with_a_json_error(harness: Harness) -> None:
    h = harness
    ana = h.add_user("ana")
    upload = create(h, ana)
    uid, key = upload["uploadId"], upload["key"]
    big = json.dumps({"filename": "x", "metadata": {"a": "b" * (2 * MiB)}})
    cases: list[tuple[str, str, dict[str, Any], Any]] = [
        ("POST", "/s3/multipart", {}, {}),
        ("POST", "/s3/multipart", {}, {"type": "text/plain"}),
        ("POST", "/s3/multipart", {}, {"filename": 42}),
        ("POST", "/s3/multipart", {}, {"filename": ""}),
        ("POST", "/s3/multipart", {}, {"filename": "x", "type": 7}),
        ("POST", "/s3/multipart", {}, {"filename": "x", "size": -1}),
        ("POST", "/s3/multipart", {}, {"filename": "x", "size": "10"}),
        ("POST", "/s3/multipart", {}, {"filename": "x", "size": True}),
        ("POST", "/s3/multipart", {}, {"filename": "x", "metadata": ["a"]}),
        ("POST", "/s3/multipart", {}, {"filename": "x", "metadata": {"bad name": "v"}}),
        ("POST", "/s3/multipart", {}, {"filename": "x", "metadata": {"n": 5}}),
        ("POST", "/s3/multipart", {}, ["filename"]),
        ("POST", "/s3/multipart", {}, "not json {"),
        ("POST", "/s3/multipart", {}, big),
        ("POST", "/s3/multipart", {}, "[" * 200_000 + "]" * 200_000),
        ("GET", f"/s3/multipart/{uid}/0", {"key": key}, None),
        ("GET", f"/s3/multipart/{uid}/10001", {"key": key}, None),
        ("GET", f"/s3/multipart/{uid}/abc", {"key": key}, None),
        ("GET", f"/s3/multipart/{uid}/-1", {"key": key}, None),
        ("GET", f"/s3/multipart/{uid}/1", {}, None),
        ("GET", f"/s3/multipart/{uid}/batch", {"key": key}, None),
        ("GET", f"/s3/multipart/{uid}/batch", {"key": key, "partNumbers": "1,,2"}, None),
        ("GET", f"/s3/multipart/{uid}/batch", {"key": key, "partNumbers": "0"}, None),
        ("GET", f"/s3/multipart/{uid}/batch", {"key": key, "partNumbers": "10001"}, None),
        ("GET", f"/s3/multipart/{uid}/batch", {"partNumbers": "1"}, None),
        ("GET", f"/s3/multipart/{uid}", {}, None),
        ("DELETE", f"/s3/multipart/{uid}", {}, None),
        ("GET", "/s3/multipart/bad%20id/1", {"key": key}, None),
        ("GET", "/s3/multipart/" + "x" * 2000 + "/1", {"key": key}, None),
        ("GET", "/s3/multipart/%00/batch", {"key": key, "partNumbers": "1"}, None),
        ("POST", f"/s3/multipart/{uid}/complete", {"key": key}, {}),
        ("POST", f"/s3/multipart/{uid}/complete", {"key": key}, {"parts": []}),
        ("POST", f"/s3/multipart/{uid}/complete", {"key": key}, {"parts": "1"}),
        (
            "POST",
            f"/s3/multipart/{uid}/complete",
            {"key": key},
            {"parts": [{"PartNumber": "1", "ETag": "x"}]},
        ),
        ("POST", f"/s3/multipart/{uid}/complete", {"key": key}, {"parts": [{"PartNumber": 0, "ETag": "x"}]}),
        (
            "POST",
            f"/s3/multipart/{uid}/complete",
            {"key": key},
            {"parts": [{"PartNumber": 10001, "ETag": "x"}]},
        ),
        ("POST", f"/s3/multipart/{uid}/complete", {"key": key}, {"parts": [{"PartNumber": 1}]}),
        (
            "POST",
            f"/s3/multipart/{uid}/complete",
            {"key": key},
            {"parts": [{"PartNumber": 1, "ETag": '"nope"'}]},
        ),
        ("POST", f"/s3/multipart/{uid}/complete", {}, {"parts": [{"PartNumber": 1, "ETag": "x"}]}),
        ("GET", "/s3/params", {}, None),
        ("GET", "/s3/params", {"filename": "x", "metadata[bad name]": "v"}, None),
        ("GET", "/s3/nothing", {}, None),
        ("PUT", "/s3/multipart", {}, None),
    ]
    for method, path, params, body in cases:
        content = body if isinstance(body, str) else (json.dumps(body) if body is not None else None)
        r = h.http.request(method, path, headers=auth(ana), params=params, content=content)
        assert 400 <= r.status_code < 500, (method, path, params, str(body)[:80], r.status_code, r.text[:200])
        assert isinstance(r.json().get("error"), str), (method, path, r.text[:200])
        assert "Traceback" not in r.text
    assert session_row(h, uid).state == "open"  # a bad Complete did not end the session


def test_limits(harness: Harness) -> None:
    h = harness
    ana = h.add_user("ana", "--max-object-size", "6MiB", "--quota", "20MiB", "--max-open-sessions", "2")
    too_big = h.http.post("/s3/multipart", headers=auth(ana), json={"filename": "big.bin", "size": 7 * MiB})
    assert (
        too_big.status_code == 413
        and too_big.json()["limit"] == 6 * MiB
        and too_big.json()["size"] == 7 * MiB
    )
    first = create(h, ana, "one.bin", size=6 * MiB)
    create(h, ana, "two.bin", size=6 * MiB)
    third = h.http.post("/s3/multipart", headers=auth(ana), json={"filename": "three.bin", "size": 1})
    assert third.status_code == 429 and third.json()["open_sessions"] == 2 and third.json()["limit"] == 2
    # Abort one; the quota now counts the open one's 6 MiB.
    assert (
        h.http.delete(
            f"/s3/multipart/{first['uploadId']}", headers=auth(ana), params={"key": first["key"]}
        ).json()
        == {}
    )
    assert h.open_uploads(first["key"]) == []
    over = h.http.post("/s3/multipart", headers=auth(ana), json={"filename": "q.bin", "size": 15 * MiB})
    assert over.status_code in (403, 413)
    # A declared size is a promise, checked at Complete against what the storage holds.
    liar = create(h, ana, "liar.bin", size=1)
    etags = [put_part(h, ana, liar, n, bytes([n]) * (5 * MiB if n == 1 else 2 * MiB)) for n in (1, 2)]
    done = h.http.post(
        f"/s3/multipart/{liar['uploadId']}/complete",
        headers=auth(ana),
        params={"key": liar["key"]},
        json={"parts": [{"PartNumber": n + 1, "ETag": e} for n, e in enumerate(etags)]},
    )
    assert done.status_code == 413 and done.json()["size"] == 7 * MiB, done.text
    assert h.open_uploads(liar["key"]) == []
    assert session_row(h, liar["uploadId"]).state == "aborted"
    # Quota: 403 with the numbers.
    bob = h.add_user("bob", "--quota", "10MiB")
    create(h, bob, "a.bin", size=8 * MiB)
    q = h.http.post("/s3/multipart", headers=auth(bob), json={"filename": "b.bin", "size": 3 * MiB})
    assert q.status_code == 403 and q.json() | {"error": ""} == {
        "error": "",
        "quota": 10 * MiB,
        "used": 8 * MiB,
        "requested": 3 * MiB,
    }


def test_healthz_metrics_and_logs_without_secrets(harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    h = harness
    ana = h.add_user("ana")
    with caplog.at_level(logging.INFO, logger="hoist.server.access"):
        health = h.http.get("/healthz")
        upload = create(h, ana, "m.bin")
        etag = put_part(h, ana, upload, 1, b"m")
        h.http.get(
            f"/s3/multipart/{upload['uploadId']}/batch",
            headers=auth(ana),
            params={"key": upload["key"], "partNumbers": "1,2,3"},
        )
        h.http.get("/s3/multipart/nope/1", headers=auth(ana), params={"key": "k"})
        h.http.post(
            f"/s3/multipart/{upload['uploadId']}/complete",
            headers=auth(ana),
            params={"key": upload["key"]},
            json={"parts": [{"PartNumber": 1, "ETag": etag}]},
        )
    # Taken now: whether /metrics below is logged too depends on the logger's level, which an
    # earlier test in the same process may have set (CI runs the whole suite in one).
    lines = [r.getMessage() for r in caplog.records if r.name == "hoist.server.access"]
    assert health.status_code == 200 and health.json() == {"status": "ok", "database": "ok", "storage": "ok"}
    metrics = h.http.get("/metrics").text
    assert "hoist_server_sessions_opened_total 1.0" in metrics
    assert "hoist_server_sessions_completed_total 1.0" in metrics
    assert "hoist_server_parts_signed_total 4.0" in metrics
    assert (
        'hoist_server_errors_total{route="/s3/multipart/{upload_id}/{part_number}",status="404"} 1.0'
        in metrics
    )
    assert len(lines) == 6
    records = [json.loads(line) for line in lines]
    assert {r["route"] for r in records} >= {"/s3/multipart", "/s3/multipart/{upload_id}/batch", "/healthz"}
    assert all(r["user"] == "ana" for r in records if r["route"] != "/healthz")
    text = "\n".join(lines)
    secret_half = ana.split("_", 2)[2]
    for forbidden in (
        secret_half,
        "X-Amz-Signature",
        "X-Amz-Credential",
        h.settings.storage.secret_access_key,
        upload["key"],
    ):
        assert forbidden not in text


def test_only_a_hash_of_each_token_is_stored(tmp_path: Any, seaweed: Any) -> None:
    url = f"sqlite:///{tmp_path / 'hs.db'}"
    h = Harness(url, seaweed)
    try:
        token = h.add_user("ana")
    finally:
        h.close()
    secret_half = token.split("_", 2)[2]
    for path in tmp_path.iterdir():
        assert secret_half.encode() not in path.read_bytes(), path


def test_a_revoked_token_stops_working_within_the_cache_time(database_url: str, seaweed: Any) -> None:
    from .conftest import run_cli

    h = Harness(database_url, seaweed, token_cache_seconds=0.5)
    try:
        ana = h.add_user("ana")
        assert h.http.get("/s3/multipart/x/1", headers=auth(ana), params={"key": "k"}).status_code == 404
        run_cli("--database-url", database_url, "token", "revoke", ana)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            r = h.http.get("/s3/multipart/x/1", headers=auth(ana), params={"key": "k"})
            if r.status_code == 401:
                break
            time.sleep(0.1)
        assert r.status_code == 401
    finally:
        h.close()

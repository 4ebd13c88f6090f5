"""Uploads through a real Uppy Companion (pinned @uppy/companion, tests/support/companion.py)
in front of a real SeaweedFS, with fault proxies in front of the storage and of the service.

    hoist --(JSON routes)--> service proxy --> Companion --(keys)--> storage proxy --> SeaweedFS
    hoist --(presigned part PUTs / POST form)-----------------------> storage proxy --> SeaweedFS

Companion signs URLs for the storage proxy's address (its COMPANION_AWS_ENDPOINT), so the
storage proxy sees every byte Hoist sends and can count and break part PUTs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import hoist_env, make_file, start_hoist
from tests.server.services import ACCESS_KEY, BUCKET, SECRET_KEY, Seaweed
from tests.support.cli import run_cli
from tests.support.companion import Companion
from tests.support.faultproxy import FaultProxy, Rule, Seen

MiB = 1024 * 1024


@pytest.fixture(scope="module")
def seaweed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seaweed]:
    sw = Seaweed(tmp_path_factory.mktemp("seaweed"))
    try:
        sw.start()
        yield sw
    finally:
        sw.stop()


@pytest.fixture(scope="module")
def storage_proxy(seaweed: Seaweed) -> Iterator[FaultProxy]:
    with FaultProxy(seaweed.endpoint) as proxy:
        yield proxy


@pytest.fixture(scope="module")
def companion(storage_proxy: FaultProxy) -> Iterator[Companion]:
    with Companion(storage_proxy.url, ACCESS_KEY, SECRET_KEY, BUCKET) as service:
        yield service


@pytest.fixture
def service_proxy(companion: Companion) -> Iterator[FaultProxy]:
    with FaultProxy(companion.url) as proxy:
        yield proxy


@pytest.fixture(autouse=True)
def _clean(storage_proxy: FaultProxy) -> Iterator[None]:
    storage_proxy.clear()
    yield
    storage_proxy.clear()


def s3(seaweed: Seaweed) -> Any:
    return seaweed.client()


def sha256_of_object(seaweed: Seaweed, bucket: str, key: str) -> str:
    body = s3(seaweed).get_object(Bucket=bucket, Key=key)["Body"]
    digest = hashlib.sha256()
    for chunk in iter(lambda: body.read(MiB), b""):
        digest.update(chunk)
    return digest.hexdigest()


def status(home: Path) -> list[dict[str, Any]]:
    result = run_cli(home, "status", "--json", "--all")
    assert result.code == 0, result.err
    rows: list[dict[str, Any]] = json.loads(result.out)
    return rows


def service_requests(proxy: FaultProxy, fragment: str) -> list[Seen]:
    return [s for s in proxy.seen if fragment in s.target]


# -- through Companion, end to end ---------------------------------------------------------


def test_files_and_a_unicode_folder_through_companion(companion, seaweed, storage_proxy, tmp_path):
    home = tmp_path / "home"
    files = tmp_path / "files"
    digests = {
        "empty.bin": make_file(files / "empty.bin", 0),
        "small.txt": make_file(files / "small.txt", 12_345, seed=1),
        "three.bin": make_file(files / "three.bin", 2 * 5 * MiB + 777, seed=2),
    }
    folder = files / "Fotos Überblick"
    digests["Fotos Überblick/ça va.txt"] = make_file(folder / "ça va.txt", 3000, seed=3)
    digests["Fotos Überblick/日本/写真 #1.bin"] = make_file(folder / "日本" / "写真 #1.bin", 6 * MiB, seed=4)
    started = time.monotonic()
    result = run_cli(
        home, "upload", *(str(files / n) for n in ("empty.bin", "small.txt", "three.bin")), str(folder),
        "--service", companion.url, "--part-size", "5MiB", "--quiet",
    )  # fmt: skip
    assert result.code == 0, result.err
    rows = status(home)
    assert len(rows) == 5 and all(r["state"] == "done" for r in rows), rows
    for row in rows:
        local = Path(row["local_path"]).relative_to(files).as_posix()
        # Companion's key: a UUID, a dash, the file name; the bucket is the service's.
        assert row["bucket"] == BUCKET
        assert row["key"].endswith("-" + local.rsplit("/", 1)[-1]) and row["key"] != local
        assert sha256_of_object(seaweed, BUCKET, row["key"]) == digests[local] == row["sha256"]
    by_name = {Path(r["local_path"]).name: r for r in rows}
    assert by_name["three.bin"]["parts_total"] == 3 and by_name["three.bin"]["upload_id"]
    assert by_name["small.txt"]["strategy"] == "single"  # one presigned POST
    posts = [s for s in storage_proxy.seen if s.method == "POST" and s.key == "" and s.op == "bucket"]
    assert len(posts) == 3  # the empty file, small.txt and ça va.txt went as forms
    # Uppy's metadata conventions reached the storage through the service.
    head = s3(seaweed).head_object(Bucket=BUCKET, Key=by_name["写真 #1.bin"]["key"])
    assert head["Metadata"].get("relativepath") == "Fotos Überblick/日本/写真 #1.bin" or head["Metadata"]
    assert time.monotonic() - started < 60


def test_profile_set_test_and_upload_with_a_token(companion, seaweed, tmp_path, memory_keyring):
    home = tmp_path / "home"
    import io
    import sys

    stdin = sys.stdin
    sys.stdin = io.StringIO("s3cret-token\n")
    try:
        result = run_cli(
            home, "profile", "set", "org", "--service", companion.url + "/", "--service-token-stdin"
        )
    finally:
        sys.stdin = stdin
    assert result.code == 0, result.err
    assert (
        "s3cret-token" not in (home / "config.json").read_text() if (home / "config.json").exists() else True
    )
    tested = run_cli(home, "profile", "test", "org")
    assert tested.code == 0, tested.err
    assert "answers, accepts the token" in tested.out and "parts go to http://127.0.0.1:" in tested.out
    listed = s3(seaweed).list_multipart_uploads(Bucket=BUCKET).get("Uploads", [])
    path = make_file(tmp_path / "f.bin", 7 * MiB, seed=9)
    result = run_cli(home, "upload", str(tmp_path / "f.bin"), "--profile", "org", "--part-size", "5MiB",
                     "--to", "s3://ignored/prefix", "-q")  # fmt: skip
    assert result.code == 0, result.err
    assert "--to s3://ignored/prefix is not used" in result.err
    [row] = status(home)
    assert sha256_of_object(seaweed, BUCKET, row["key"]) == path
    # Test connection created nothing on the storage.
    assert len(listed) == len(
        [
            u
            for u in s3(seaweed).list_multipart_uploads(Bucket=BUCKET).get("Uploads", [])
            if u["Key"] != row["key"]
        ]
    )
    for log in (home / "logs").glob("*") if (home / "logs").exists() else []:
        assert "s3cret-token" not in log.read_text() and "X-Amz-Signature=" not in log.read_text()


def test_kill_9_mid_upload_then_resume_resends_no_acknowledged_part(
    companion, seaweed, storage_proxy, tmp_path
):
    home = tmp_path / "home"
    home.mkdir()
    big = tmp_path / "big.bin"
    digest = make_file(big, 6 * 5 * MiB + 123, seed=11)  # 7 parts of 5 MiB
    box: dict[str, int] = {}

    def kill(seen: Seen) -> None:
        with contextlib.suppress(ProcessLookupError, KeyError):
            os.kill(box["pid"], signal.SIGKILL)

    storage_proxy.add(Rule(op="part", part=4, after_reply=kill))  # type: ignore[arg-type]
    process = start_hoist(home, "upload", str(big), "--service", companion.url, "--part-size", "5MiB",
                          "--concurrency", "2", "--quiet", env=hoist_env(home))  # fmt: skip
    box["pid"] = process.pid
    _, err = process.communicate(timeout=90)
    assert process.returncode == -signal.SIGKILL, err
    storage_proxy.clear()
    conn = sqlite3.connect(home / "journal.sqlite3")
    acked = {n for (n,) in conn.execute("SELECT part_number FROM parts WHERE state = 'done'")}
    conn.close()
    assert acked, "no part was journaled before the kill"
    mark = len(storage_proxy.seen)
    result = run_cli(home, "resume", "--quiet")
    assert result.code == 0, result.err
    [row] = status(home)
    assert row["state"] == "done"
    assert sha256_of_object(seaweed, BUCKET, row["key"]) == digest
    resent = [s.part for s in storage_proxy.seen[mark:] if s.op == "part" and s.part in acked]
    assert resent == [], f"acknowledged parts sent again: {resent}"


# -- failures of the storage, behind the service's URLs ---------------------------------------


def test_expired_part_url_is_fetched_again_and_a_reset_part_retried(
    companion, seaweed, storage_proxy, tmp_path
):
    home = tmp_path / "home"
    digest = make_file(tmp_path / "f.bin", 11 * MiB, seed=5)
    proxy = FaultProxy(companion.url).start()
    try:
        storage_proxy.add(
            Rule(
                action="status",
                op="part",
                part=2,
                status=403,
                code="AccessDenied",
                message="Request has expired",
            ),
            Rule(action="reset", op="part", part=3),
        )
        result = run_cli(home, "upload", str(tmp_path / "f.bin"), "--service", proxy.url, "--part-size", "5MiB",
                         "--retries", "3", "-q")  # fmt: skip
        assert result.code == 0, result.err
        [row] = status(home)
        assert sha256_of_object(seaweed, BUCKET, row["key"]) == digest
        assert storage_proxy.part_counts(row["key"]) == {1: 1, 2: 2, 3: 2}
        # The expired URL was not used again: part 2's second URL came from the one-part route.
        assert len([s for s in proxy.seen if s.target.split("?")[0].endswith("/2")]) == 1
        assert len(service_requests(proxy, "/batch?")) == 2  # Test's probe + one batch for all parts
    finally:
        proxy.stop()


def test_storage_lost_the_upload_the_file_starts_over(companion, seaweed, storage_proxy, tmp_path):
    home = tmp_path / "home"
    digest = make_file(tmp_path / "f.bin", 11 * MiB, seed=6)

    def lose(seen: Seen) -> None:
        s3(seaweed).abort_multipart_upload(Bucket=BUCKET, Key=seen.key, UploadId=seen.upload_id)

    storage_proxy.add(Rule(op="part", part=1, after_reply=lose))  # type: ignore[arg-type]
    result = run_cli(home, "upload", str(tmp_path / "f.bin"), "--service", companion.url, "--part-size", "5MiB",
                     "--concurrency", "1", "-q")  # fmt: skip
    assert result.code == 0, result.err
    [row] = status(home)
    assert sha256_of_object(seaweed, BUCKET, row["key"]) == digest


def test_crc32_misconfigured_companion_fails_at_the_first_refused_part(seaweed, storage_proxy, tmp_path):
    """Companion 6.2.2 without AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED: SeaweedFS refuses
    every non-empty part; Hoist fails at once, saying what the service's admin must set."""
    home = tmp_path / "home"
    make_file(tmp_path / "a.bin", 6 * MiB, seed=7)
    mark = len(storage_proxy.seen)
    with Companion(storage_proxy.url, ACCESS_KEY, SECRET_KEY, BUCKET, checksum_when_required=False) as bad:
        tested = run_cli(home, "upload", str(tmp_path / "a.bin"), "--service", bad.url, "--part-size", "5MiB",
                         "--concurrency", "1", "--retries", "5", "-q")  # fmt: skip
    assert tested.code == 1
    [row] = status(home)
    assert row["state"] == "failed"
    assert "AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED" in row["error"], row["error"]
    assert "requestChecksumCalculation" in row["error"]
    parts = [s for s in storage_proxy.seen[mark:] if s.op == "part"]
    assert len(parts) == 1, [(s.part, s.status) for s in parts]  # no retry of a part that cannot pass


# -- failures of the service itself -------------------------------------------------------------


def _service_rule(fragment: str, method: str, rule: Rule, count: dict[str, int], times: int = 1):
    def decide(seen: Seen) -> Rule | None:
        if seen.method == method and fragment in seen.target:
            count["n"] = count.get("n", 0) + 1
            if count["n"] <= times:
                return rule
        return None

    return decide


def test_service_5xx_429_and_an_outage_are_ridden_out(companion, seaweed, service_proxy, tmp_path):
    home = tmp_path / "home"
    digest = make_file(tmp_path / "f.bin", 11 * MiB, seed=8)
    count: dict[str, int] = {}
    faults = {
        ("POST", "/s3/multipart?"): Rule(action="status", status=503, code="ServiceUnavailable"),
        ("POST", "/s3/multipart"): Rule(action="status", status=503, code="ServiceUnavailable"),
        ("GET", "/batch?"): Rule(
            action="status", status=429, code="TooManyRequests", headers={"Retry-After": "1"}
        ),
        ("POST", "/complete?"): Rule(action="status", status=500, code="InternalError"),
    }
    fired: list[str] = []

    def decide(seen: Seen) -> Rule | None:
        if service_proxy.requests().index(seen) < 2:  # the preflight's two requests go through
            return None
        for (method, fragment), rule in faults.items():
            if seen.method == method and seen.target.split("?")[0].endswith(fragment.rstrip("?")):
                key = f"{method} {fragment}"
                count[key] = count.get(key, 0) + 1
                if count[key] == 1:
                    fired.append(key)
                    return rule
        return None

    service_proxy.decide = decide
    started = time.monotonic()
    result = run_cli(home, "upload", str(tmp_path / "f.bin"), "--service", service_proxy.url,
                     "--part-size", "5MiB", "-q")  # fmt: skip
    assert result.code == 0, result.err
    [row] = status(home)
    assert sha256_of_object(seaweed, BUCKET, row["key"]) == digest
    assert {"POST /s3/multipart", "GET /batch?", "POST /complete?"} <= set(fired), fired
    assert time.monotonic() - started >= 1.0  # Retry-After was honoured


def test_service_unreachable_waits_for_it(companion, seaweed, service_proxy, tmp_path):
    home = tmp_path / "home"
    digest = make_file(tmp_path / "f.bin", 6 * MiB, seed=10)
    seen_create = threading.Event()

    def decide(seen: Seen) -> Rule | None:
        if seen.method == "POST" and seen.target.startswith("/s3/multipart") and not seen_create.is_set():
            seen_create.set()
            threading.Thread(target=_outage, args=(service_proxy, 2.0), daemon=True).start()
            return Rule(action="close")
        return None

    service_proxy.decide = decide
    result = run_cli(home, "upload", str(tmp_path / "f.bin"), "--service", service_proxy.url,
                     "--part-size", "5MiB", "-q")  # fmt: skip
    assert result.code == 0, result.err
    [row] = status(home)
    assert sha256_of_object(seaweed, BUCKET, row["key"]) == digest


def _outage(proxy: FaultProxy, seconds: float) -> None:
    proxy.go_offline()
    time.sleep(seconds)
    proxy.go_online()


def test_refused_token_mid_run_fails_each_file_once_without_a_retry_storm(companion, service_proxy, tmp_path):
    home = tmp_path / "home"
    for n in range(3):
        make_file(tmp_path / f"f{n}.bin", 6 * MiB, seed=20 + n)
    refused: list[Seen] = []

    def decide(seen: Seen) -> Rule | None:
        if service_proxy.requests().index(seen) >= 2:  # after the preflight: the token is revoked
            refused.append(seen)
            return Rule(action="status", status=401, code="Unauthorized", message="token revoked")
        return None

    service_proxy.decide = decide
    result = run_cli(home, "upload", *(str(tmp_path / f"f{n}.bin") for n in range(3)), "--service",
                     service_proxy.url, "--part-size", "5MiB", "--concurrency", "1", "-q")  # fmt: skip
    assert result.code == 1
    rows = status(home)
    assert all(r["state"] == "failed" and "refused the token" in r["error"] for r in rows), rows
    assert len(refused) == 1, [s.target for s in refused]  # one refusal fails them all


# -- bad input ---------------------------------------------------------------------------------


class _Fake(BaseHTTPRequestHandler):
    reply: tuple[int, str, bytes] = (200, "text/html", b"<!doctype html><html><body>Intranet</body></html>")

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        if length:
            self.rfile.read(length)
        status, kind, body = self.reply
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_DELETE = _answer


@contextlib.contextmanager
def fake_service(status: int, kind: str, body: bytes) -> Iterator[str]:
    handler = type("Handler", (_Fake,), {"reply": (status, kind, body)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("case", "expected_code", "words"),
    [
        ("ftp", 2, "must be the http(s) URL of an upload service"),
        ("with-endpoint", 2, "--service and --endpoint-url do not go together"),
        ("html", 1, "a web page (HTML), not JSON"),
        ("404", 1, "has no sign parts (GET /s3/multipart/ID/batch) route (HTTP 404: Not Found)"),
        ("401", 1, "refused the token (HTTP 401: bad token)"),
        ("not-s3", 1, "not set up for S3 uploads"),
        ("down", 1, "Cannot reach http://127.0.0.1:"),
    ],
)
def test_bad_service_input(case, expected_code, words, companion, tmp_path):
    home = tmp_path / "home"
    make_file(tmp_path / "f.txt", 10, seed=1)
    replies = {
        "html": (200, "text/html", b"<!doctype html><html><body>Sign in</body></html>"),
        "401": (401, "application/json", b'{"error": "bad token"}'),
        "not-s3": (
            400,
            "application/json",
            b'{"error":"This Companion server does not support uploading to S3"}',
        ),
    }
    with contextlib.ExitStack() as stack:
        extra: list[str] = []
        if case == "ftp":
            url = "ftp://uploads.example.org"
        elif case == "with-endpoint":
            url, extra = companion.url, ["--endpoint-url", "http://127.0.0.1:9"]
        elif case == "404":
            url = companion.url + "/not-here"
        elif case == "down":
            from tests.support.companion import free_port

            url = f"http://127.0.0.1:{free_port()}"
        else:
            url = stack.enter_context(fake_service(*replies[case]))
        result = run_cli(home, "upload", str(tmp_path / "f.txt"), "--service", url, *extra, "-q")
    assert result.code == expected_code, result
    assert words in result.err, result.err
    assert "Traceback" not in result.err
    assert not (home / "journal.sqlite3").exists() or status(home) == []


def test_a_service_without_the_one_request_route_takes_small_files_as_one_part(
    companion, seaweed, storage_proxy, service_proxy, tmp_path
):
    """A service that offers only the multipart routes (no /s3/params): a small file goes
    up as the one part of a multipart upload instead of failing."""
    home = tmp_path / "home"
    digest = make_file(tmp_path / "small.txt", 3000, seed=8)
    service_proxy.add(
        Rule(
            action="status",
            method="GET",
            key="params",
            nth=1,
            times=0,
            status=404,
            code="NotFound",
            message="Not Found",
        )
    )
    result = run_cli(home, "upload", str(tmp_path / "small.txt"), "--service", service_proxy.url, "-q")
    assert result.code == 0, result.err
    [row] = status(home)
    assert row["state"] == "done" and row["parts_total"] == 1
    assert sha256_of_object(seaweed, BUCKET, row["key"]) == digest
    creates = [
        s for s in service_proxy.seen if s.method == "POST" and s.target.split("?")[0] == "/s3/multipart"
    ]
    assert len(creates) == 1  # a multipart upload of one part, created through the service
    assert storage_proxy.part_counts(row["key"]) == {1: 1}

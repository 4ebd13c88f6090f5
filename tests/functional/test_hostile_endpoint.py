"""A hostile S3 endpoint (tests/support/hostile_server.py) meets the bounds of issue 13.

Each test states the bound it holds Hoist to: memory, time, requests, exit code, no
traceback, and the sentence a person reads.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from hoist.s3 import signer as signer_module
from hoist.s3.errors import Kind, S3Failure
from hoist.s3.signer import Credentials, Endpoint, LocalSigner, ObjectOptions, make_client
from tests.helpers import hoist_env
from tests.support.cli import run_cli
from tests.support.hostile_server import (
    endless_parts,
    endless_uploads,
    error_reply,
    hostile_server,
    huge_error,
    redirect_to_self,
    repeated_uploads_marker,
    trickle,
)

GiB = 1024**3
MiB = 1024**2


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    max_rss: int  # bytes: the hoist process's peak RSS, as last seen while it ran


def peak_rss(pid: int) -> int | None:
    """VmHWM of a running process, in bytes: the peak of its own memory since exec (the
    rusage of a child would also count the copy of this test process it was forked from)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def run_measured(home: Path, *args: str, timeout: float = 60) -> Run:
    """`python -m hoist ARGS`, watching its peak RSS until it ends."""
    out_path, err_path = home.parent / "out.txt", home.parent / "err.txt"
    peak = 0
    with open(out_path, "w") as out, open(err_path, "w") as err:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "hoist", *args], env=hoist_env(home), stdout=out, stderr=err,
            cwd=str(home.parent),
        )  # fmt: skip
        while process.poll() is None:
            if time.monotonic() - started > timeout:
                process.kill()
                process.wait()
                pytest.fail(f"hoist {' '.join(args)} still running after {timeout} s")
            peak = max(peak, peak_rss(process.pid) or 0)
            time.sleep(0.02)
        seconds = time.monotonic() - started
    return Run(process.returncode, out_path.read_text(), err_path.read_text(), seconds, peak)


def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    return path


def upload_args(source: Path, url: str, *extra: str) -> list[str]:
    return ["upload", str(source), "--to", "s3://bucket1/p", "--endpoint-url", url, "--path-style", *extra]


def signer_for(url: str, read_timeout: float = 10.0) -> LocalSigner:
    return LocalSigner(
        make_client(Endpoint(url, "us-east-1", True), Credentials("a", "b"), read_timeout=read_timeout)
    )


# 3. Error bodies are read up to a cap --------------------------------------------------


def test_a_1_gib_error_body_on_every_put_costs_no_memory(home, tmp_path):
    with hostile_server((("put",), huge_error(GiB))) as server:
        run = run_measured(home, *upload_args(small_file(tmp_path), server.url, "--retries", "2"))
        sent = server.stats.error_bytes_sent
    # Before: 3 GB of RSS for three attempts (7.5 GB for nine); the whole process stays small now.
    assert run.max_rss < 200 * MiB, f"peak RSS {run.max_rss / MiB:.0f} MiB"
    assert run.code == 1, run.err
    assert "Traceback" not in run.err
    assert "part 1 failed 3 times; last error: InternalError: We encountered an internal error" in run.err
    # The rest of each body is dropped with the connection: what the server got out is
    # only what fitted in the socket buffers.
    assert sent < 3 * 32 * MiB
    assert run.seconds < 30


def test_a_1_gib_error_body_on_a_control_call_is_cut_too(tmp_path):
    with hostile_server((("create",), huge_error(GiB))) as server:
        with pytest.raises(S3Failure) as caught:
            signer_for(server.url).create_multipart("bucket1", "k", ObjectOptions())
        attempts, sent = server.requests("create"), server.stats.error_bytes_sent
    assert caught.value.kind == Kind.RETRY
    assert caught.value.code == "InternalError"  # salvaged from the start of the body
    assert attempts >= 2  # botocore's own retries still happen
    assert sent < attempts * 32 * MiB  # never the whole GiB


# 4. Listings end ------------------------------------------------------------------------


def test_list_parts_with_ever_advancing_markers_stops_at_10000_parts():
    with hostile_server((("list_parts",), endless_parts())) as server:
        started = time.monotonic()
        with pytest.raises(S3Failure) as caught:
            signer_for(server.url).list_parts("bucket1", "big.iso", "u")
        pages = server.requests("list_parts")
    assert caught.value.kind == Kind.FATAL
    assert caught.value.code == "TooManyParts"
    assert str(caught.value) == (
        "The server listed more than 10,000 parts for the upload of 'big.iso' (S3 allows at most "
        "10,000): the endpoint is not behaving as S3 does."
    )
    assert pages == 11  # 1,000 parts a page: the 11th goes over
    assert time.monotonic() - started < 10


def test_cleanup_against_repeated_markers_ends_with_one_clear_error(home):
    with hostile_server((("list_uploads",), repeated_uploads_marker())) as server:
        result = run_cli(home, "cleanup", "--bucket", "bucket1", "--endpoint-url", server.url, "--path-style")
        pages = server.requests("list_uploads")
    assert result.code == 1
    assert pages == 2  # before: the same page 466 times and counting
    assert result.err.strip() == (
        "hoist: error: The server's listing of unfinished uploads in bucket 'bucket1' does not move on "
        "(it gave the same next markers again after 2 pages): the endpoint is not behaving as S3 does."
    )


def test_uploads_listing_with_advancing_markers_is_capped_in_pages(monkeypatch):
    monkeypatch.setattr(signer_module, "MAX_LIST_PAGES", 30)
    with hostile_server((("list_uploads",), endless_uploads())) as server:
        with pytest.raises(S3Failure) as caught:
            signer_for(server.url).list_multipart_uploads("bucket1")
        pages = server.requests("list_uploads")
    assert caught.value.code == "ListingTooLong"
    assert "it stops after 30 pages, 100,000 uploads or 120 seconds; it had 30 in 30 pages" in str(
        caught.value
    )
    assert pages == 30


def test_uploads_listing_is_capped_by_its_deadline(monkeypatch):
    monkeypatch.setattr(signer_module, "LIST_DEADLINE_SECONDS", 1.0)
    monkeypatch.setattr(signer_module, "MAX_LIST_PAGES", 1_000_000)
    with hostile_server((("list_uploads",), endless_uploads())) as server:
        started = time.monotonic()
        with pytest.raises(S3Failure) as caught:
            signer_for(server.url).list_multipart_uploads("bucket1")
        pages = server.requests("list_uploads")
    assert caught.value.code == "ListingTooLong"
    assert "or 1 seconds" in str(caught.value)
    assert 1 < pages < 100_000  # the deadline ended it, not the upload cap
    assert time.monotonic() - started < 5


def test_cleanup_against_1000_uploads_a_page_for_ever_stops_in_one_line(home):
    # Before: 821 pages in 120 s, RSS 286 MB and rising, nothing printed.
    with hostile_server((("list_uploads",), endless_uploads(per_page=1000))) as server:
        args = ("cleanup", "--bucket", "bucket1", "--endpoint-url", server.url, "--path-style")
        run = run_measured(home, *args, timeout=150)
        pages = server.requests("list_uploads")
    assert run.code == 1
    assert pages == 100
    assert run.err.strip() == (
        "hoist: error: The server listed more unfinished uploads in bucket 'bucket1' than Hoist looks at "
        "(it stops after 100 pages, 100,000 uploads or 120 seconds; it had 100,000 in 100 pages), so it "
        "aborted none there. Abort them with the storage's own tools or a lifecycle rule."
    )
    assert server.requests("other") == 0 and server.requests("list_parts") == 0  # nothing aborted or probed
    assert run.max_rss < 150 * MiB, f"peak RSS {run.max_rss / MiB:.0f} MiB"


# 8. A trickling reply is cut ------------------------------------------------------------


def test_a_put_reply_that_trickles_is_cut_as_a_stall_and_retried(home, tmp_path):
    # Each byte comes well within the 2 s per-read timeout, so only a deadline ends it.
    (home / "config.json").write_text(json.dumps({"transfer": {"io_timeout": 2}}))
    with hostile_server((("put",), trickle(0.5))) as server:
        run = run_measured(home, *upload_args(small_file(tmp_path), server.url, "--retries", "1"))
        puts = server.requests("put")
    assert run.code == 1, run.err
    assert "Traceback" not in run.err
    assert "part 1 failed 2 times; last error: the connection stalled (the reply trickled in" in run.err
    assert puts == 2  # retried like a stall
    assert run.seconds < 20  # two cuts at ~2-3 s each, plus start-up; before: hours


def test_a_control_reply_that_trickles_is_cut():
    with hostile_server((("create",), trickle(0.3))) as server:
        started = time.monotonic()
        with pytest.raises(S3Failure) as caught:
            signer_for(server.url, read_timeout=1.0).create_multipart("bucket1", "k", ObjectOptions())
    assert caught.value.kind == Kind.RETRY
    assert caught.value.code == "ReadTimeout"
    assert time.monotonic() - started < 5


# 9. Redirects are one clear error -------------------------------------------------------


@pytest.mark.parametrize("where", ["any", "put"])
def test_307_on_every_request_is_one_clear_error(home, tmp_path, where):
    with hostile_server(((where,), redirect_to_self())) as server:
        run = run_measured(home, *upload_args(small_file(tmp_path), server.url))
        requests = sum(server.stats.requests.values())
    assert run.code == 1, run.err
    assert "Traceback" not in run.err and "RecursionError" not in run.err
    assert "The server answered with a redirect (HTTP 307 to http://127.0.0.1:" in run.err
    # Refused before queueing or mid-upload, the advice names what was typed (issue 12,
    # item 13): no profile was used, so it never says "in the profile".
    assert "which Hoist does not follow. Check --endpoint-url and --region." in run.err
    assert "profile" not in run.err
    assert len(run.err.splitlines()) <= 2
    assert requests <= 4
    assert run.seconds < 20


# Security test item 4: what a server says reaches the log escaped -----------------------


def test_a_servers_control_characters_land_escaped_in_the_log(home, tmp_path):
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied\x1b[5m</Code>'
        "<Message>Access Denied\x1b]0;owned\x07\u202e\nforged record</Message></Error>"
    ).encode()
    with hostile_server((("put",), error_reply(403, body))) as server:
        run = run_measured(home, "-v", *upload_args(small_file(tmp_path), server.url, "--retries", "0"))
    assert run.code == 1, run.err
    log = (home / "logs" / "hoist.log").read_text(encoding="utf-8")
    assert "AccessDenied\\x1b[5m" in log
    assert not [c for c in log if (ord(c) < 0x20 and c != "\n") or c in "\x7f\u202e"]
    assert not [line for line in log.splitlines() if line.startswith("forged record")]

"""A laptop suspend (the wall clock jumps, time.monotonic does not) made every small
file's presigned PUT come from a stale derived-URL template (s3/derived_urls.py): each
re-sign gave the same expired URL, and all 20 files failed as "access denied".
Found by a helper trying to break issue 17's derived URLs.

Simulation: the first botocore *presign* (the template) is dated 2 h in the past, as if
it was signed just before a 2-hour suspend; every later botocore call uses the real clock
(so a fresh botocore signature would be accepted). rclone serve s3 checks expiry.
"""

from __future__ import annotations

import datetime

import boto3
import botocore.auth
import pytest

from tests.support.cli import run_cli
from tests.support.rclone import ACCESS, BUCKET, SECRET, rclone_server  # noqa: F401


@pytest.mark.parametrize("derive", [True, False], ids=["derived-urls", "control-botocore-signs-every-url"])
def test_small_files_after_suspend(rclone, tmp_path, monkeypatch, derive):
    if not derive:
        from hoist.s3 import derived_urls

        monkeypatch.setattr(
            derived_urls.DerivedPutUrls, "url", lambda self, shape, key, headers, presign: presign(key)
        )
    endpoint, _root = rclone
    src = tmp_path / "src"
    src.mkdir()
    for i in range(20):
        (src / f"f{i:03}.txt").write_bytes(f"file {i}".encode() * 10)
    home = tmp_path / "home"
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)

    real_now = botocore.auth.get_current_datetime
    state = {"stale_left": 1}

    class QueryAuthBeforeSuspend(botocore.auth.S3SigV4QueryAuth):
        def add_auth(self, request):
            if state["stale_left"] > 0:
                state["stale_left"] -= 1
                monkeypatch.setattr(
                    botocore.auth, "get_current_datetime", lambda: real_now() - datetime.timedelta(hours=2)
                )
                try:
                    return super().add_auth(request)
                finally:
                    monkeypatch.setattr(botocore.auth, "get_current_datetime", real_now)
            return super().add_auth(request)

    monkeypatch.setitem(botocore.auth.AUTH_TYPE_MAPS, "s3v4-query", QueryAuthBeforeSuspend)

    result = run_cli(
        home,
        "upload",
        f"{src}/",
        "--to",
        f"s3://{BUCKET}/s",
        "--endpoint-url",
        endpoint,
        "--path-style",
        "--concurrency",
        "1",
        "-q",
    )
    print(result.out, result.err)
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS,
        aws_secret_access_key=SECRET,
        region_name="us-east-1",
    )
    missing = []
    for i in range(20):
        try:
            s3.head_object(Bucket=BUCKET, Key=f"s/f{i:03}.txt")
        except Exception:
            missing.append(i)
    assert result.code == 0 and not missing, (result.code, missing, result.err[-2000:])

"""`hoist cleanup` and `hoist cancel` leave no orphaned multipart uploads (they cost money)."""

from __future__ import annotations

import json
import signal

from tests.functional.test_resume import journal_done_parts, wait_for
from tests.helpers import MiB, make_file, run_hoist, start_hoist


def open_uploads(s3, bucket: str) -> list[str]:
    return [u["Key"] for u in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])]


def test_cleanup_lists_then_aborts_stale_uploads_on_the_bucket(home, bucket, s3, moto_endpoint):
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key="forgotten/by-another-tool.iso")["UploadId"]
    s3.upload_part(Bucket=bucket, Key="forgotten/by-another-tool.iso", UploadId=upload_id, PartNumber=1,
                   Body=b"x" * (6 * MiB))  # fmt: skip
    common = ["--bucket", bucket, "--older-than", "0s", "--endpoint-url", moto_endpoint, "--path-style"]
    dry = run_hoist(home, "cleanup", *common, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert f"s3://{bucket}/forgotten/by-another-tool.iso" in dry.stdout
    assert "6.0 MiB stored" in dry.stdout  # what the orphan costs, from ListParts
    assert "would abort 1 incomplete multipart upload(s) older than 0s (about 6.0 MiB" in dry.stdout
    assert open_uploads(s3, bucket) == ["forgotten/by-another-tool.iso"]

    real = run_hoist(home, "cleanup", *common)
    assert real.returncode == 0, real.stderr
    assert "aborted 1 incomplete multipart upload(s)" in real.stdout
    assert open_uploads(s3, bucket) == []


def test_cancel_after_a_crash_aborts_the_server_side_upload(home, bucket, s3, moto_endpoint, tmp_path):
    source = tmp_path / "big.bin"
    make_file(source, 4 * 5 * MiB, seed=21)
    process = start_hoist(
        home, "upload", str(source), "--to", f"s3://{bucket}", "--endpoint-url", moto_endpoint,
        "--path-style", "--part-size", "5MiB", "--concurrency", "1", "--bandwidth-limit", "8MiB", "--quiet",
    )  # fmt: skip
    try:
        wait_for(lambda: len(journal_done_parts(home)) >= 1)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    assert open_uploads(s3, bucket) == ["big.bin"]
    (row,) = json.loads(run_hoist(home, "status", "--json").stdout)
    result = run_hoist(home, "cancel", str(row["id"]), "--endpoint-url", moto_endpoint, "--path-style")
    assert result.returncode == 0, result.stderr
    assert "cancelled 1 upload(s)" in result.stdout
    assert open_uploads(s3, bucket) == []
    (row,) = json.loads(run_hoist(home, "status", "--json", "--all").stdout)
    assert row["state"] == "cancelled"


def test_cancel_unknown_id_is_bad_usage(home):
    result = run_hoist(home, "cancel", "999")
    assert result.returncode == 2
    assert result.stderr.strip() == "hoist: error: no upload with ID 999 (see `hoist status`)"

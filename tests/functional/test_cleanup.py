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


def test_cleanup_keeps_paused_and_queued_uploads_and_aborts_failed_ones(
    home, bucket, s3, moto_endpoint, tmp_path
):
    """A paused upload is work a person means to finish: cleanup lists it as kept, and
    does not count it as an orphan on the bucket either; a failed one is aborted."""
    from hoist.config.paths import resolve_paths
    from hoist.store.journal import Journal
    from hoist.store.states import UploadState
    from tests.support.faultproxy import FaultProxy, Rule

    for name in ("keep.bin", "drop.bin"):
        make_file(tmp_path / name, 2 * 5 * MiB + 1, seed=len(name))
    with FaultProxy(moto_endpoint) as proxy:
        # Part 2 of each file is refused for good: both fail with their upload begun on the server.
        proxy.add(Rule(action="status", op="part", part=2, status=403, code="AccessDenied", times=0))
        result = run_hoist(home, "upload", str(tmp_path / "keep.bin"), str(tmp_path / "drop.bin"), "--to",
                           f"s3://{bucket}", "--endpoint-url", proxy.url, "--path-style", "--part-size", "5MiB",
                           "--quiet")  # fmt: skip
        assert result.returncode == 1
        journal = Journal(resolve_paths(home).journal)
        ids = {r.key: r.id for r in journal.list_uploads()}
        journal.set_state(ids["keep.bin"], UploadState.QUEUED)  # retried,
        journal.set_state(ids["keep.bin"], UploadState.PAUSED)  # then paused
        journal.close()
        common = ["--bucket", bucket, "--older-than", "0s", "--endpoint-url", moto_endpoint, "--path-style"]
        real = run_hoist(home, "cleanup", *common)  # the journal's uploads are aborted where they went
    assert real.returncode == 0, real.stderr
    lines = real.stdout.splitlines()
    assert lines[0] == f"journal  {ids['keep.bin']:>5}  s3://{bucket}/keep.bin  paused: kept " \
                       f"(`hoist cancel {ids['keep.bin']}` aborts it)"  # fmt: skip
    assert lines[1].startswith(f"journal  {ids['drop.bin']:>5}  s3://{bucket}/drop.bin  started ")
    assert lines[-1].startswith("hoist: aborted 1 incomplete multipart upload(s) older than 0s")
    left = [u["Key"] for u in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])]
    assert left == ["keep.bin"]


def test_cleanup_of_a_missing_bucket_names_it_and_its_endpoint(home, moto_endpoint):
    result = run_hoist(home, "cleanup", "--bucket", "no-such-bucket-here", "--endpoint-url", moto_endpoint,
                       "--path-style", "--dry-run")  # fmt: skip
    assert (result.returncode, result.stderr) == (1, f"hoist: error: The bucket 'no-such-bucket-here' does not "
                                                     f"exist at {moto_endpoint}. Check the bucket name and the "
                                                     "endpoint in the profile.\n")  # fmt: skip

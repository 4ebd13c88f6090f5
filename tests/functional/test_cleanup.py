"""`hoist cleanup` and `hoist cancel` leave no orphaned multipart uploads (they cost money)."""

from __future__ import annotations

import json
import signal

from tests.functional.test_resume import journal_done_parts, wait_for
from tests.helpers import MiB, make_file, run_hoist, start_hoist
from tests.support.cli import run_cli


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
    # The advice names what was typed (--bucket, --endpoint-url), not a profile nobody used.
    assert (result.returncode, result.stderr) == (1, f"hoist: error: The bucket 'no-such-bucket-here' does not "
                                                     f"exist at {moto_endpoint}. Check the bucket name in --bucket "
                                                     "and --endpoint-url.\n")  # fmt: skip


def test_cleanup_without_bucket_looks_at_every_profiles_bucket_and_says_which(
    home, s3, bucket, moto_endpoint
):
    """Issue 12, item 21: without --bucket, cleanup looked at the journal only; orphans on the
    profiles' buckets (from another tool, or a machine that died) stayed and were billed."""
    alone = run_cli(home, "cleanup", "--older-than", "0s")
    assert (alone.code, alone.err) == (0, "")
    assert alone.out.splitlines() == [
        "hoist: looked at the journal's uploads only (no profile names a bucket; --bucket B looks at one).",
        "hoist: aborted 0 incomplete multipart upload(s) older than 0s (about 0 B of parts the server keeps, "
        "and bills, until they are aborted).",
    ]
    second = f"{bucket}-two"
    s3.create_bucket(Bucket=second)
    for name, where, endpoint in (("one", bucket, moto_endpoint), ("two", second, moto_endpoint),
                                  ("down", "far-away", "http://127.0.0.1:9")):  # fmt: skip
        made = run_cli(home, "profile", "set", name, "--endpoint-url", endpoint, "--bucket", where, "--path-style",
                       "--environment")  # fmt: skip
        assert made.code == 0, made.err
    for where, key in ((bucket, "left/by-another-tool.iso"), (second, "old.bin")):
        upload_id = s3.create_multipart_upload(Bucket=where, Key=key)["UploadId"]
        s3.upload_part(Bucket=where, Key=key, UploadId=upload_id, PartNumber=1, Body=b"x" * 1024)

    result = run_cli(home, "cleanup", "--older-than", "0s")

    # One server down: it is named, the others are still cleaned, and the exit code says so.
    assert result.code == 1
    assert result.err == (
        "hoist: could not look at s3://far-away (profile 'down', http://127.0.0.1:9): Cannot reach "
        "http://127.0.0.1:9: connection refused (nothing is listening at that address and port). Check the "
        "endpoint URL and your network.\n"
    )
    lines = result.out.splitlines()
    assert [line.split("  started ")[0] for line in lines[:2]] == [
        f"bucket          s3://{bucket}/left/by-another-tool.iso",
        f"bucket          s3://{second}/old.bin",
    ]
    assert all(line.endswith("  1.0 KiB stored") for line in lines[:2])
    assert lines[2:] == [
        f"hoist: looked at the journal's uploads and at s3://{bucket} (profile 'one', {moto_endpoint}), "
        f"s3://{second} (profile 'two', {moto_endpoint}).",
        "hoist: aborted 2 incomplete multipart upload(s) older than 0s (about 2.0 KiB of parts the server "
        "keeps, and bills, until they are aborted).",
    ]
    assert open_uploads(s3, bucket) == [] and open_uploads(s3, second) == []

"""`hoist upload` against a real S3 HTTP server: objects byte-identical by SHA-256."""

from __future__ import annotations

import json
import unicodedata

import pytest

from tests.helpers import MiB, make_file, object_sha256, run_hoist

PART = 5 * MiB


@pytest.mark.parametrize(
    "size",
    [0, 1, PART, PART + 1, 3 * PART - 7],
    ids=["empty", "one-byte", "exactly-one-part", "one-byte-over-a-part", "three-parts"],
)
def test_upload_sizes_are_byte_identical(home, bucket, s3, moto_endpoint, tmp_path, size):
    source = tmp_path / f"file-{size}.bin"
    digest = make_file(source, size, seed=size)
    result = run_hoist(
        home, "upload", str(source), "--to", f"s3://{bucket}/in", "--endpoint-url", moto_endpoint,
        "--path-style", "--part-size", "5MiB", "--quiet",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert object_sha256(s3, bucket, f"in/{source.name}") == digest
    status = json.loads(run_hoist(home, "status", "--json", "--all").stdout)
    assert [row["state"] for row in status] == ["done"]
    assert status[0]["sha256"] == digest
    expected_parts = 1 if size <= PART else -(-size // PART)
    assert status[0]["parts_total"] == expected_parts
    assert status[0]["strategy"] == ("single" if size <= PART else "multipart")


def test_metadata_and_content_type_reach_single_and_multipart_objects(
    home, bucket, s3, moto_endpoint, tmp_path
):
    small, big = tmp_path / "small.dat", tmp_path / "big.dat"
    digests = {"small.dat": make_file(small, 1000, seed=1), "big.dat": make_file(big, 2 * PART + 5, seed=2)}
    result = run_hoist(
        home, "upload", str(small), str(big), "--to", f"s3://{bucket}/meta", "--endpoint-url", moto_endpoint,
        "--path-style", "--part-size", "5MiB", "--quiet", "--content-type", "text/csv; charset=utf-8",
        "--metadata", "Owner=ana", "--metadata", "x-amz-meta-project=Q4 report", "--metadata", "empty=",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for name, digest in digests.items():
        head = s3.head_object(Bucket=bucket, Key=f"meta/{name}")
        assert head["ContentType"] == "text/csv; charset=utf-8"
        assert head["Metadata"] == {"owner": "ana", "project": "Q4 report", "empty": ""}
        assert object_sha256(s3, bucket, f"meta/{name}") == digest
    rows = json.loads(run_hoist(home, "status", "--json", "--all").stdout)
    assert sorted(row["strategy"] for row in rows) == ["multipart", "single"]


def test_dry_run_prints_the_plan_and_sends_and_queues_nothing(home, tmp_path):
    huge = tmp_path / "huge.img"
    with open(huge, "wb") as handle:
        handle.truncate(200 * 2**30)  # sparse: 200 GiB on paper
    make_file(tmp_path / "photos" / "a.jpg", 3)
    make_file(tmp_path / "photos" / "new\nline.txt", 0)
    # Port 9 (discard) is closed here: a plan that touched the network would fail.
    result = run_hoist(
        home, "upload", str(huge), str(tmp_path / "photos"), "--to", "s3://bkt/x", "--endpoint-url",
        "http://127.0.0.1:9", "--part-size", "8MiB", "--bandwidth-limit", "100MiB", "--dry-run",
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Plan for s3://bkt/x at http://127.0.0.1:9 (dry run: nothing is sent or queued)",
        "  200.0 GiB  9,753 parts of 21.0 MiB (grown: at most 10,000 parts)  x/huge.img",
        "        3 B  single PUT                                             x/photos/a.jpg",
        "        0 B  single PUT                                             x/photos/new\\nline.txt",
        "3 files, 200.0 GiB, 9,757 requests; up to 12 parts in flight; memory stays flat (parts are streamed "
        "from disk, not held in memory).",
        "At the bandwidth limit of 100.0 MiB/s: about 34m08s.",
    ]
    assert not (home / "journal.sqlite3").exists()
    assert json.loads(run_hoist(home, "status", "--json", "--all").stdout) == []


def test_dry_run_flags_keys_with_a_backslash_and_escapes_a_right_to_left_override(home, tmp_path):
    make_file(tmp_path / "in" / "..\\..\\x.txt", 3)
    make_file(tmp_path / "in" / "photo\u202egpj.exe", 3)
    result = run_hoist(home, "upload", str(tmp_path / "in"), "--to", "s3://bkt/x", "--endpoint-url",
                       "http://127.0.0.1:9", "--dry-run")  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert any(line.endswith("x/in/..\\..\\x.txt") for line in lines)  # kept as the bytes it is
    assert any(line.endswith("x/in/photo\\u202egpj.exe") for line in lines)
    assert "note: 1 key contains a backslash, which some tools read as a folder separator." in lines


def test_a_prefix_with_hash_and_question_mark_is_taken_literally(home, bucket, s3, moto_endpoint, tmp_path):
    """A URL parser would read '#v2' as a fragment and '?x' as a query and drop them."""
    source = tmp_path / "notes.txt"
    digest = make_file(source, 50)
    result = run_hoist(home, "upload", str(source), "--to", f"s3://{bucket}/tag#v2/a?x=1", "--endpoint-url",
                       moto_endpoint, "--path-style", "--quiet")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert object_sha256(s3, bucket, "tag#v2/a?x=1/notes.txt") == digest


def test_folder_tree_with_unicode_names_keeps_structure(home, bucket, s3, moto_endpoint, tmp_path):
    root = tmp_path / "Photos 2026"
    # A decomposed "é" (NFD, as macOS writes it) must become NFC in the key.
    nfd_name = unicodedata.normalize("NFD", "café #1 ?%+.txt")
    files = {
        "Photos 2026/a.txt": make_file(root / "a.txt", 10, seed=1),
        "Photos 2026/sub dir/日本語.bin": make_file(root / "sub dir" / "日本語.bin", PART + 3, seed=2),
        f"Photos 2026/sub dir/{unicodedata.normalize('NFC', nfd_name)}": make_file(
            root / "sub dir" / nfd_name, 5, seed=3
        ),
        "Photos 2026/empty.dat": make_file(root / "empty.dat", 0),
    }
    result = run_hoist(
        home, "upload", str(root), "--to", f"s3://{bucket}/backup/", "--endpoint-url",
        moto_endpoint, "--path-style", "--part-size", "5MiB",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    listed = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    assert listed == {f"backup/{k}" for k in files}
    for key, digest in files.items():
        assert object_sha256(s3, bucket, f"backup/{key}") == digest


def test_folder_with_trailing_slash_uploads_contents_only(home, bucket, s3, moto_endpoint, tmp_path):
    root = tmp_path / "site"
    digest = make_file(root / "index.html", 100)
    result = run_hoist(
        home, "upload", f"{root}/", "--to", f"s3://{bucket}", "--endpoint-url", moto_endpoint,
        "--path-style", "--quiet",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert object_sha256(s3, bucket, "index.html") == digest
    head = s3.head_object(Bucket=bucket, Key="index.html")
    assert head["ContentType"] == "text/html"


@pytest.mark.parametrize("policy", ["skip", "rename", "overwrite"])
def test_if_exists_policies(home, bucket, s3, moto_endpoint, tmp_path, policy):
    s3.put_object(Bucket=bucket, Key="report.pdf", Body=b"old bytes")
    source = tmp_path / "report.pdf"
    digest = make_file(source, 1000)
    result = run_hoist(
        home, "upload", str(source), "--to", f"s3://{bucket}", "--endpoint-url", moto_endpoint,
        "--path-style", "--if-exists", policy,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    existing = s3.get_object(Bucket=bucket, Key="report.pdf")["Body"].read()
    if policy == "skip":
        assert existing == b"old bytes"
        assert "skipped" in result.stderr
    elif policy == "rename":
        assert existing == b"old bytes"
        assert object_sha256(s3, bucket, "report (1).pdf") == digest
    else:
        assert object_sha256(s3, bucket, "report.pdf") == digest


def test_bad_input_is_one_line_and_exit_code_2(home, bucket, moto_endpoint, tmp_path):
    good = tmp_path / "good.txt"
    make_file(good, 10)
    result = run_hoist(
        home, "upload", str(good), str(tmp_path / "missing.txt"), "--to", f"s3://{bucket}",
        "--endpoint-url", moto_endpoint, "--path-style",
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip() == f"hoist: error: {tmp_path / 'missing.txt'}: no such file or folder."
    # Nothing was queued: the good file was not half-submitted.
    assert json.loads(run_hoist(home, "status", "--json", "--all").stdout) == []


def test_nonexistent_bucket_fails_the_file_with_a_clear_message(home, moto_endpoint, tmp_path):
    source = tmp_path / "a.txt"
    make_file(source, 10)
    result = run_hoist(
        home, "upload", str(source), "--to", "s3://no-such-bucket-here", "--endpoint-url",
        moto_endpoint, "--path-style", "--retries", "0",
    )  # fmt: skip
    assert result.returncode == 1
    assert "The bucket 'no-such-bucket-here' does not exist at " + moto_endpoint in result.stderr
    assert "Traceback" not in result.stderr


def test_two_files_with_one_key_are_refused_before_anything_is_sent(home, bucket, moto_endpoint, tmp_path):
    first, second = tmp_path / "a" / "same.txt", tmp_path / "b" / "same.txt"
    make_file(first, 5)
    make_file(second, 6)
    result = run_hoist(
        home, "upload", str(first), str(second), "--to", f"s3://{bucket}", "--endpoint-url",
        moto_endpoint, "--path-style",
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"hoist: error: {first} and {second} would both be uploaded as 'same.txt'; "
        "upload them separately or to different prefixes."
    )


def test_retry_only_queues_again_and_resume_runs_it(home, bucket, s3, moto_endpoint, tmp_path):
    from tests.support.faultproxy import FaultProxy, Rule

    source = tmp_path / "denied.txt"
    digest = make_file(source, 100)
    with FaultProxy(moto_endpoint) as proxy:
        proxy.add(Rule(action="status", op="put", status=403, code="AccessDenied", message="Access Denied"))
        args = ["--endpoint-url", proxy.url, "--path-style", "--quiet"]
        assert run_hoist(home, "upload", str(source), "--to", f"s3://{bucket}", *args).returncode == 1
        puts = proxy.puts("denied.txt")
        retried = run_hoist(home, "retry", "--all")
        assert (retried.returncode, retried.stdout) == (
            0,
            "hoist: queued again 1 upload(s); `hoist resume` runs them.\n",
        )
        assert proxy.puts("denied.txt") == puts  # nothing was sent by `retry` itself
        assert [r["state"] for r in json.loads(run_hoist(home, "status", "--json").stdout)] == ["queued"]
        proxy.clear()
        # Paused, it stays put on a plain resume; named, it carries on.
        assert run_hoist(home, "pause", "1").stdout == "hoist: paused 1 upload(s).\n"
        plain = run_hoist(home, "resume", "--quiet")
        assert (plain.returncode, plain.stderr) == (0, "hoist: nothing to resume (1 paused, 0 failed; `hoist resume "
                                                    "ID` continues a paused upload, `hoist retry --all` re-queues "
                                                    "failed ones).\n")  # fmt: skip
        assert run_hoist(home, "resume", "7", "--quiet").returncode == 2
        assert run_hoist(home, "resume", "1", "--quiet").returncode == 0
    assert object_sha256(s3, bucket, "denied.txt") == digest


def test_the_same_file_given_twice_is_uploaded_once(home, bucket, s3, moto_endpoint, tmp_path):
    source = tmp_path / "in" / "once.txt"
    digest = make_file(source, 10)
    result = run_hoist(home, "upload", str(source), str(source), str(source.parent), "--to", f"s3://{bucket}",
                       "--endpoint-url", moto_endpoint, "--path-style", "--quiet")  # fmt: skip
    assert result.returncode == 0, result.stderr
    keys = sorted(r["key"] for r in json.loads(run_hoist(home, "status", "--json", "--all").stdout))
    assert keys == ["in/once.txt", "once.txt"]  # the folder's copy has its own key
    assert object_sha256(s3, bucket, "once.txt") == digest


@pytest.mark.parametrize("command", ["pause", "cancel"])
def test_pause_or_cancel_from_another_shell_is_not_a_failure(
    home, bucket, s3, moto_endpoint, tmp_path, command
):
    """Exit 3, with one line that says so even under -q: nothing failed, a person stopped
    some of the files (exit 1 would send a script looking for an error that never was)."""
    import time

    from tests.helpers import start_hoist
    from tests.support.faultproxy import FaultProxy, Rule

    small, slow = tmp_path / "small.txt", tmp_path / "slow.bin"
    small_digest = make_file(small, 100, seed=1)
    make_file(slow, 4 * PART, seed=2)
    with FaultProxy(moto_endpoint) as proxy:
        proxy.add(Rule(action="latency", op="part", key="slow.bin", delay=3.0, times=0))
        upload = start_hoist(
            home, "upload", str(small), str(slow), "--to", f"s3://{bucket}", "--endpoint-url", proxy.url,
            "--path-style", "--part-size", "5MiB", "--concurrency", "1", "--quiet",
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            rows: list[dict[str, object]] = []
            while time.monotonic() < deadline:
                listed = run_hoist(home, "status", "--json", "--all").stdout
                rows = json.loads(listed) if listed.strip() else []
                if any(r["key"] == "small.txt" and r["state"] == "done" for r in rows):
                    break
                time.sleep(0.1)
            slow_id = next(r["id"] for r in rows if r["key"] == "slow.bin")
            asked = run_hoist(home, command, str(slow_id))
            assert asked.returncode == 0 and f"asked the running Hoist to {command}" in asked.stdout, asked
            _, stderr = upload.communicate(timeout=60)
        finally:
            if upload.poll() is None:
                upload.kill()
                upload.wait()
    state = {"pause": "paused", "cancel": "cancelled"}[command]
    assert (upload.returncode, stderr) == (
        3,
        f"hoist: {'1 cancelled, 1 done' if command == 'cancel' else '1 done, 1 paused'}. Nothing failed: the rest "
        "was paused or cancelled on request (`hoist resume ID` carries on with a paused one).\n",
    ), stderr
    assert object_sha256(s3, bucket, "small.txt") == small_digest
    states = {r["key"]: r["state"] for r in json.loads(run_hoist(home, "status", "--json", "--all").stdout)}
    assert states == {"small.txt": "done", "slow.bin": state}


def test_links_and_special_files_one_rule_per_case(home, bucket, s3, moto_endpoint, tmp_path):
    """README, 'Symbolic links and special files': named on the command line, a link (to a
    file or a folder) is followed; inside a folder, links and FIFOs are skipped, each
    listed even under -q, and the run still exits 0; a FIFO named is refused (exit 2)."""
    import os

    real = tmp_path / "real"
    digest = make_file(real / "a.txt", 10, seed=3)
    (real / "inner-link").symlink_to(real / "a.txt")
    os.mkfifo(real / "pipe")
    (tmp_path / "folder-link").symlink_to(real)
    (tmp_path / "file-link").symlink_to(real / "a.txt")
    args = ["--to", f"s3://{bucket}", "--endpoint-url", moto_endpoint, "--path-style", "--quiet"]
    result = run_hoist(home, "upload", str(tmp_path / "folder-link"), str(tmp_path / "file-link"), *args)
    assert (result.returncode, result.stderr) == (0, (
        f"hoist: skipped {tmp_path / 'folder-link' / 'inner-link'}: is a symbolic link (use --follow-symlinks)\n"
        f"hoist: skipped {tmp_path / 'folder-link' / 'pipe'}: is a named pipe (FIFO), not a regular file\n"
    ))  # fmt: skip
    assert object_sha256(s3, bucket, "folder-link/a.txt") == object_sha256(s3, bucket, "file-link") == digest
    refused = run_hoist(home, "upload", str(real / "pipe"), *args)
    assert (refused.returncode, refused.stderr) == (
        2,
        f"hoist: error: {real / 'pipe'}: is a named pipe (FIFO), not a regular file.\n",
    )

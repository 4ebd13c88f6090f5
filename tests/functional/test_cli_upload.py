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

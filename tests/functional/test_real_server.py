"""Against `rclone serve s3`, a server that checks SigV4 signatures and URL expiry
(moto checks neither): Hoist's presigned requests must be signed exactly right."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from hoist.config.settings import Config, TransferSettings
from hoist.connect import connection_factory
from hoist.engine import events as ev
from hoist.engine.core import Engine
from hoist.engine.retry import RetryPolicy
from hoist.s3 import signer as signer_module
from hoist.store.journal import Destination, Journal
from hoist.store.states import UploadState
from tests.helpers import MiB, hoist_env, make_file, run_hoist, sha256_file
from tests.support.rclone import ACCESS, SECRET, rclone_binary, rclone_server  # noqa: F401 - the rclone fixture


def env_with(home: Path, secret: str = SECRET) -> dict[str, str]:
    return hoist_env(home, AWS_ACCESS_KEY_ID=ACCESS, AWS_SECRET_ACCESS_KEY=secret)


def test_signed_single_and_multipart_uploads_are_accepted(rclone, home, tmp_path):
    endpoint, root = rclone
    files = {
        "page.html": make_file(tmp_path / "in" / "page.html", 2000, seed=1),
        "movie.mkv": make_file(tmp_path / "in" / "movie.mkv", 3 * 5 * MiB + 17, seed=2),
    }
    result = run_hoist(
        home, "upload", f"{tmp_path / 'in'}/", "--to", "s3://real/signed", "--endpoint-url", endpoint,
        "--path-style", "--part-size", "5MiB", "--storage-class", "STANDARD", "--metadata", "owner=ana",
        "--content-type", "application/x-test", env=env_with(home),
    )  # fmt: skip
    # rclone checks every signature: the headers Hoist sends are exactly the ones it signed.
    assert result.returncode == 0, result.stderr
    for name, digest in files.items():
        assert sha256_file(root / "real" / "signed" / name) == digest


def test_wrong_secret_is_one_clear_line(rclone, home, tmp_path):
    endpoint, _ = rclone
    source = tmp_path / "a.txt"
    make_file(source, 10)
    result = run_hoist(
        home, "upload", str(source), "--to", "s3://real", "--endpoint-url", endpoint, "--path-style",
        env=env_with(home, secret="not-the-secret"),
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"hoist: error: The secret key does not match the access key for {endpoint}. Check "
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or ~/.aws (or give --profile NAME)."
    )


def test_an_expired_url_is_signed_again_and_the_part_succeeds(rclone, home, tmp_path, monkeypatch):
    """rclone answers an expired presigned URL with 400 AccessDenied ("difference between the
    request time and the server's time"), AWS with 403 "Request has expired": both re-sign."""
    endpoint, root = rclone
    source = tmp_path / "late.bin"
    digest = make_file(source, 2 * 5 * MiB + 5, seed=3)
    real_sign = signer_module.LocalSigner.sign_part
    expired_once: list[int] = []

    def sign_then_stall(self, bucket, key, upload_id, part_number):  # type: ignore[no-untyped-def]
        if not expired_once:
            expired_once.append(part_number)
            monkeypatch.setattr(signer_module, "URL_LIFETIME_SECONDS", 1)
            request = real_sign(self, bucket, key, upload_id, part_number)
            monkeypatch.setattr(signer_module, "URL_LIFETIME_SECONDS", 3600)
            time.sleep(2.2)  # the URL expires before it is used
            return request
        return real_sign(self, bucket, key, upload_id, part_number)

    monkeypatch.setattr(signer_module.LocalSigner, "sign_part", sign_then_stall)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    settings = TransferSettings(part_size=5 * MiB, multipart_threshold=5 * MiB, concurrency=2)
    engine = Engine(
        Journal(home / "journal.sqlite3"), connection_factory(Config(), settings), settings,
        retry=RetryPolicy(max_attempts=2, base_delay=0.05),
    )  # fmt: skip
    retries: list[ev.PartRetry] = []
    engine.subscribe(lambda e: retries.append(e) if isinstance(e, ev.PartRetry) else None)
    engine.start()
    try:
        (upload_id,) = engine.queue_paths(
            [str(source)], Destination("", endpoint, "us-east-1", "real", True)
        ).upload_ids
        assert engine.wait_idle(60)
    finally:
        engine.shutdown()
    row = engine.journal.get_upload(upload_id)
    assert row is not None and row.state == UploadState.DONE, row
    assert expired_once and not retries  # re-signing is not a failed attempt
    parts = engine.journal.parts(upload_id)
    # One failed (expired) attempt recorded, then success with a fresh signature.
    assert [p.attempts for p in parts if p.part_number == expired_once[0]] == [1]
    assert hashlib.sha256((root / "real" / "late.bin").read_bytes()).hexdigest() == digest

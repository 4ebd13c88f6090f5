"""Profiles: the secret goes to the keyring only, and uploads use it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from hoist.cli.main import main
from hoist.config.paths import resolve_paths
from hoist.config.settings import load_config
from tests.functional.test_secrets import no_keyring  # noqa: F401 - the fixture
from tests.helpers import make_file, object_sha256, sha256_file
from tests.support.cli import run_cli
from tests.support.rclone import ACCESS as RCLONE_ACCESS
from tests.support.rclone import (
    BUCKET,
    rclone_server,  # noqa: F401 - the rclone fixture
)
from tests.support.rclone import SECRET as RCLONE_SECRET

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def test_profile_secret_lives_in_the_keyring_only(
    home: Path, bucket, s3, moto_endpoint, tmp_path, memory_keyring, monkeypatch, capsys
):
    monkeypatch.setattr("sys.stdin", io.StringIO(SECRET + "\n"))
    code = main([
        "--home", str(home), "profile", "set", "lab", "--endpoint-url", moto_endpoint,
        "--bucket", bucket, "--prefix", "inbox", "--path-style", "--access-key-id", "AKIDLAB",
        "--secret-stdin",
    ])  # fmt: skip
    assert code == 0
    # Under a name bound to what it unlocks: this endpoint and this access key id.
    assert memory_keyring.store == {
        ("hoist", f"lab:secret_access_key@endpoint={moto_endpoint} key=AKIDLAB"): SECRET
    }

    # With no --to, the profile's bucket and prefix are the destination.
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")  # prove the keyring secret is what is used
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    source = tmp_path / "notes.txt"
    digest = make_file(source, 1234)
    assert main(["--home", str(home), "upload", str(source), "--profile", "lab", "--quiet"]) == 0
    assert object_sha256(s3, bucket, "inbox/notes.txt") == digest

    assert main(["--home", str(home), "profile", "test", "lab"]) == 0
    assert main(["--home", str(home), "profile", "show", "lab"]) == 0
    out = capsys.readouterr()
    assert "reachable, credentials accepted" in out.out
    assert "stored in" in out.out
    for path in home.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), f"secret found in {path}"
    assert SECRET not in out.out + out.err

    assert main(["--home", str(home), "profile", "remove", "lab"]) == 0
    assert memory_keyring.store == {}


def test_etag_check_can_be_turned_off_per_profile_and_back_on(home: Path, moto_endpoint, bucket, capsys):
    base = ["--home", str(home), "profile", "set", "kms", "--endpoint-url", moto_endpoint,
            "--bucket", bucket, "--environment"]  # fmt: skip
    assert main([*base, "--no-verify-etag"]) == 0
    config_file = resolve_paths(home).config_file
    assert load_config(config_file).profiles["kms"].verify_etag is False
    assert main(["--home", str(home), "profile", "show", "kms"]) == 0
    assert "verify_etag: False" in capsys.readouterr().out
    assert main([*base, "--verify-etag"]) == 0
    assert load_config(config_file).profiles["kms"].verify_etag is True


def test_profile_metadata_goes_on_every_object_and_the_command_line_adds_to_it(
    home: Path, moto_endpoint, bucket, s3, tmp_path, capsys
):
    base = ["--home", str(home), "profile", "set", "tagged", "--endpoint-url", moto_endpoint,
            "--bucket", bucket, "--path-style", "--environment"]  # fmt: skip
    assert main([*base, "--metadata", "owner=ana", "--metadata", "project=q4"]) == 0
    config_file = resolve_paths(home).config_file
    assert load_config(config_file).profiles["tagged"].metadata == {"owner": "ana", "project": "q4"}
    assert main([*base, "--metadata", "owner"]) == 2
    assert (
        capsys.readouterr().err == "hoist: error: --metadata: 'owner' is not NAME=VALUE (e.g. owner=ana).\n"
    )
    assert load_config(config_file).profiles["tagged"].metadata == {
        "owner": "ana",
        "project": "q4",
    }  # unchanged

    source = tmp_path / "report.csv"
    digest = make_file(source, 100)
    upload = ["--home", str(home), "upload", str(source), "--profile", "tagged", "--quiet"]
    assert main([*upload, "--metadata", "project=q1", "--metadata", "kind=draft"]) == 0
    head = s3.head_object(Bucket=bucket, Key="report.csv")
    assert head["Metadata"] == {"owner": "ana", "project": "q1", "kind": "draft"}  # the command line wins
    assert object_sha256(s3, bucket, "report.csv") == digest

    assert main([*base, "--clear-metadata"]) == 0
    assert load_config(config_file).profiles["tagged"].metadata == {}


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_the_message_says_what_to_do_and_doing_it_uploads(
    home: Path, rclone, tmp_path, monkeypatch
):
    """Issue 12, item 21: `profile set --secret-stdin` on a machine without a keyring exited 2
    and the README only spoke of the window. It still refuses (a secret never goes to a Hoist
    file), says exactly what a headless machine does instead, and each way works against a
    server that checks signatures (rclone serve s3)."""
    endpoint, root = rclone
    settings = ["--endpoint-url", endpoint, "--bucket", BUCKET, "--path-style"]
    monkeypatch.setattr("sys.stdin", io.StringIO(RCLONE_SECRET + "\n"))
    refused = run_cli(
        home, "profile", "set", "lab", *settings, "--access-key-id", RCLONE_ACCESS, "--secret-stdin"
    )
    assert (refused.code, refused.out) == (2, "")
    assert refused.err == (
        "hoist: error: the secret key cannot be stored: there is no usable OS keyring (fail Keyring), and Hoist "
        "never writes a secret to a file. Nothing was saved. Without a keyring, give the credentials to each "
        "run: `hoist profile set lab --environment` takes AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the "
        "environment; `hoist profile set lab --aws-profile NAME` takes them from that profile in "
        "~/.aws/credentials.\n"
    )
    assert load_config(resolve_paths(home).config_file).profiles == {}

    # The first way: the environment.
    assert run_cli(home, "profile", "set", "lab", *settings, "--environment").code == 0
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", RCLONE_ACCESS)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", RCLONE_SECRET)
    digest = make_file(tmp_path / "from-env.bin", 3000, seed=5)
    uploaded = run_cli(home, "upload", str(tmp_path / "from-env.bin"), "--profile", "lab", "-q")
    assert (uploaded.code, uploaded.err) == (0, "")
    assert sha256_file(root / BUCKET / "from-env.bin") == digest

    # The second way: a profile in an AWS shared-credentials file, no variables.
    credentials = tmp_path / "aws-credentials"
    credentials.write_text(
        f"[rc]\naws_access_key_id = {RCLONE_ACCESS}\naws_secret_access_key = {RCLONE_SECRET}\n"
    )
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    assert run_cli(home, "profile", "set", "lab", *settings, "--aws-profile", "rc").code == 0
    tested = run_cli(home, "profile", "test", "lab")
    assert (tested.code, tested.out) == (0, f"hoist: lab: reachable, credentials accepted, bucket '{BUCKET}' is "
                                            "writable-listable.\n")  # fmt: skip
    digest = make_file(tmp_path / "from-aws-profile.bin", 4000, seed=6)
    uploaded = run_cli(home, "upload", str(tmp_path / "from-aws-profile.bin"), "--profile", "lab", "-q")
    assert (uploaded.code, uploaded.err) == (0, "")
    assert sha256_file(root / BUCKET / "from-aws-profile.bin") == digest
    for path in home.rglob("*"):
        if path.is_file():
            assert RCLONE_SECRET.encode() not in path.read_bytes(), f"the secret is in {path}"

"""Secrets: a real Secret Service, no keyring at all, and no secret or signature in any
file or output after real runs. (TLS verification on by default / off with a warning
is proven against an HTTPS server in tests/functional/test_tls.py; the profile setting's
warning is checked here.)"""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import keyring
import keyring.errors
import pytest
from keyring.backends import fail

from hoist.config.secrets import bound_to, secrets
from hoist.config.settings import Config, CredentialSource, Profile, TransferSettings, save_config
from hoist.connect import connection_factory
from hoist.store.journal import Destination
from hoist.store.states import UploadState
from tests.conftest import MemoryKeyring, free_port
from tests.helpers import REPO, hoist_env, make_file, object_sha256, run_hoist
from tests.support.cli import run_cli
from tests.support.faultproxy import FaultProxy, Rule, Seen
from tests.support.fixtures import fault_proxy  # noqa: F401 - the `proxy` fixture
from tests.support.harness import PART, make_engine
from tests.support.rclone import ACCESS, BUCKET, rclone_binary

SECRET = "hoistTestSecretKey/Zq9+unique-7f3a"
TOKEN = "hoistTestSessionToken//unique+Qm4=b91c"


def test_real_secret_service_stores_and_reads_a_profile_secret(tmp_path):
    """gnome-keyring-daemon under dbus-run-session, unlocked with a throwaway password;
    started and stopped by tests/support/keyring_probe.py inside the session."""
    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        assert shutil.which(tool), f"{tool} is needed (Debian: dbus, gnome-keyring)"
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
               PYTHONPATH=os.pathsep.join(p for p in sys.path if p))  # fmt: skip
    for name in ("DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND", "GNOME_KEYRING_CONTROL"):
        env.pop(name, None)
    result = subprocess.run(
        ["dbus-run-session", "--", sys.executable, str(REPO / "tests" / "support" / "keyring_probe.py"),
         SECRET, TOKEN],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    pid = report.pop("daemon_pid")
    assert report == {
        "backend": "SecretService Keyring", "available": True, "stored_in_keyring": True,
        "token_in_keyring": True, "plaintext_on_disk": False, "read_secret": True, "read_token": True,
        "raw": True, "deleted": True,
    }  # fmt: skip
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the daemon was stopped


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    secrets._session.clear()
    try:
        yield
    finally:
        secrets._session.clear()
        keyring.set_keyring(previous)


def test_without_a_keyring_secrets_live_for_the_session_only(no_keyring, home, bucket, s3, moto_endpoint,
                                                            tmp_path, monkeypatch):  # fmt: skip
    assert not secrets.keyring_available()
    # The command line cannot keep a secret beyond its own process, so it refuses and says why.
    monkeypatch.setattr("sys.stdin", io.StringIO(SECRET + "\n"))
    result = run_cli(home, "profile", "set", "lab", "--endpoint-url", moto_endpoint, "--bucket", bucket,
                     "--path-style", "--access-key-id", "AKIDLAB", "--secret-stdin")  # fmt: skip
    assert (result.code, result.err) == (
        2, "hoist: error: the secret key cannot be stored: there is no usable OS keyring (fail Keyring), and "
        "Hoist never writes a secret to a file. Nothing was saved. Without a keyring, give the credentials to "
        "each run: `hoist profile set lab --environment` takes AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from "
        "the environment; `hoist profile set lab --aws-profile NAME` takes them from that profile in "
        "~/.aws/credentials.\n",
    )  # fmt: skip
    # The engine (as the window does) keeps it in memory for this session, and uploads with it.
    config = Config(profiles={"lab": Profile("lab", endpoint_url=moto_endpoint, bucket=bucket, path_style=True,
                                             credential_source=CredentialSource.KEYRING,
                                             access_key_id="AKIDLAB")})  # fmt: skip
    bound = bound_to(config.profiles["lab"])
    assert secrets.set("lab", "secret_access_key", SECRET, bound) is False
    assert secrets.get("lab", "secret_access_key", bound) == SECRET
    save_config(config, home / "config.json")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    source = tmp_path / "session.txt"
    digest = make_file(source, 100)
    result = run_cli(home, "upload", str(source), "--profile", "lab", "--quiet")
    assert (result.code, result.err) == (0, "")
    assert object_sha256(s3, bucket, "session.txt") == digest
    for path in home.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), f"the secret is in {path}"


class RefusingKeyring(MemoryKeyring):
    """A keyring that is there but refuses to store (locked, or a policy says no)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("the collection is locked")


def test_a_keyring_that_refuses_the_secret_is_reported_not_claimed(home, moto_endpoint, bucket, monkeypatch):
    previous = keyring.get_keyring()
    keyring.set_keyring(RefusingKeyring())
    secrets._session.clear()
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO(SECRET + "\n"))
        result = run_cli(home, "profile", "set", "lab", "--endpoint-url", moto_endpoint, "--bucket", bucket,
                         "--access-key-id", "AKIDLAB", "--secret-stdin")  # fmt: skip
    finally:
        secrets._session.clear()
        keyring.set_keyring(previous)
    assert (result.code, result.err) == (
        2, "hoist: error: the secret key cannot be stored: the OS keyring refused it (test secrets RefusingKeyring), "
        "and Hoist never writes a secret to a file. Nothing was saved. Without a keyring, give the credentials to "
        "each run: `hoist profile set lab --environment` takes AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from "
        "the environment; `hoist profile set lab --aws-profile NAME` takes them from that profile in "
        "~/.aws/credentials.\n",
    )  # fmt: skip
    assert not (home / "config.json").exists() or "lab" not in (home / "config.json").read_text()


def _signing_values(seen: list[Seen]) -> set[str]:
    """Every X-Amz-Signature/Credential/Security-Token value the proxy saw, raw and encoded."""
    values: set[str] = set()
    for request in seen:
        query = parse_qs(urlsplit(request.target).query)
        for name in ("X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token"):
            for value in query.get(name, []):
                values |= {value, quote(value, safe=""), quote(value, safe="/")}
        auth = request.headers.get("authorization", "")
        if "Signature=" in auth:
            values.add(auth.rsplit("Signature=", 1)[1])
        if "x-amz-security-token" in request.headers:
            values.add(request.headers["x-amz-security-token"])
    return {v for v in values if len(v) > 8}


def _assert_nowhere(needles: set[str], home: Path, *outputs: str) -> None:
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.name == "journal.sqlite3" for p in files) and any(p.suffix == ".log" for p in files)
    for needle in needles:
        raw = needle.encode()
        for path in files:
            assert raw not in path.read_bytes(), f"{needle[:12]}... found in {path}"
        for output in outputs:
            assert needle not in output, f"{needle[:12]}... found in the output"


def _echo_url(rule: Rule, proxy: FaultProxy):
    """Make the server's error message quote the full presigned URL, as some servers do."""

    def before(seen: Seen) -> None:
        rule.message = f"We encountered an internal error at {proxy.url}{seen.target}"

    return before


def test_no_secret_or_signature_in_journal_config_logs_or_output(home, bucket, s3, proxy, tmp_path):
    big, doomed = tmp_path / "big.bin", tmp_path / "doomed.txt"
    digest = make_file(big, 2 * PART + 1, seed=51)
    make_file(doomed, 100, seed=52)
    echo = Rule("status", op="part", part=2, status=500, code="InternalError")
    echo.before = _echo_url(echo, proxy)
    always = Rule("status", op="put", key="doomed.txt", times=0, status=500, code="InternalError")
    always.before = _echo_url(always, proxy)
    proxy.add(echo, always, Rule("status", op="part", part=3, status=403, code="AccessDenied",
                                 message="Request has expired"))  # fmt: skip
    env = hoist_env(home, AWS_SECRET_ACCESS_KEY=SECRET, AWS_SESSION_TOKEN=TOKEN)
    result = run_hoist(
        home, "-v", "upload", str(big), str(doomed), "--to", f"s3://{bucket}", "--endpoint-url", proxy.url,
        "--path-style", "--part-size", "5MiB", "--retries", "1", env=env,
    )  # fmt: skip
    assert result.returncode == 1  # doomed.txt failed; big.bin is done
    assert object_sha256(s3, bucket, "big.bin") == digest
    status = run_hoist(home, "status", "--all", "--json", env=env)
    listing = run_hoist(home, "status", "--all", env=env)
    rows = {r["key"]: r for r in json.loads(status.stdout)}
    assert rows["big.bin"]["state"] == "done" and rows["doomed.txt"]["state"] == "failed"
    # The error that quoted a presigned URL is kept and shown redacted to scheme://host/path.
    assert rows["doomed.txt"]["error"] == (
        f"doomed.txt: part 1 failed 2 times; last error: InternalError: We encountered an internal error at "
        f"{proxy.url}/{bucket}/doomed.txt?<redacted>"
    )
    log = (home / "logs" / "hoist.log").read_text()
    assert f"{proxy.url}/{bucket}/big.bin?<redacted>" in log
    needles = _signing_values(proxy.seen) | {SECRET, TOKEN}
    assert any("X-Amz-Security-Token" in s.target for s in proxy.seen)  # the token was really used
    assert len(needles) > 10
    _assert_nowhere(needles, home, result.stdout, result.stderr, status.stdout, listing.stdout)


def test_keyring_profile_run_leaks_nothing(
    home, bucket, s3, proxy, tmp_path, memory_keyring, monkeypatch, caplog
):
    config = Config(profiles={"lab": Profile("lab", endpoint_url=proxy.url, bucket=bucket, path_style=True,
                                             credential_source=CredentialSource.KEYRING,
                                             access_key_id="AKIDLAB")})  # fmt: skip
    secrets.set("lab", "secret_access_key", SECRET, bound_to(config.profiles["lab"]))
    secrets.set("lab", "session_token", TOKEN, bound_to(config.profiles["lab"]))
    save_config(config, home / "config.json")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    source = tmp_path / "kr.bin"
    digest = make_file(source, PART + 10, seed=53)
    rule = Rule("status", op="part", part=1, status=500, code="InternalError")
    rule.before = _echo_url(rule, proxy)
    proxy.add(rule)
    caplog.set_level(logging.DEBUG)
    result = run_cli(home, "-v", "upload", str(source), "--profile", "lab", "--part-size", "5MiB")
    assert result.code == 0, result.err
    assert object_sha256(s3, bucket, "kr.bin") == digest
    bound = bound_to(config.profiles["lab"])
    assert memory_keyring.store == {("hoist", f"lab:secret_access_key@{bound}"): SECRET,
                                    ("hoist", f"lab:session_token@{bound}"): TOKEN}  # fmt: skip
    needles = _signing_values(proxy.seen) | {SECRET, TOKEN}
    captured = "\n".join(r.getMessage() for r in caplog.records)
    _assert_nowhere(needles, home, result.out, result.err, captured)
    secrets.delete("lab", "secret_access_key", bound)
    secrets.delete("lab", "session_token", bound)
    assert memory_keyring.store == {}


def test_profile_with_tls_verification_off_warns(caplog):
    config = Config(profiles={"insecure": Profile("insecure", endpoint_url="https://s3.internal.example",
                                                  path_style=True, verify_tls=False)})  # fmt: skip
    caplog.set_level(logging.WARNING)
    connect = connection_factory(config, TransferSettings())
    connect(Destination("insecure", "https://s3.internal.example", "us-east-1", "b", True))
    assert (
        "TLS certificate verification is OFF for https://s3.internal.example: anyone on the network path "
        "could read or alter the upload."
    ) in [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    caplog.clear()
    connection_factory(Config(), TransferSettings())(Destination("", "https://s3.example", "us-east-1", "b"))
    assert not [r for r in caplog.records if "TLS" in r.getMessage()]  # on by default, no warning


def test_a_keyring_profile_on_a_machine_without_a_keyring_is_told_what_works_there(no_keyring):
    """`hoist profile set NAME` cannot store the secret here either, so the failure names the
    two ways that do work without a keyring, with the profile name quoted for a shell."""
    from hoist.connect import CredentialsMissing, credentials_for

    profile = Profile(name="rclone local", endpoint_url="http://127.0.0.1:9", access_key_id="AKIDX",
                      credential_source=CredentialSource.KEYRING)  # fmt: skip
    with pytest.raises(CredentialsMissing) as missing:
        credentials_for(profile)
    assert str(missing.value) == (
        "The profile 'rclone local' has no stored secret key in the keyring (fail Keyring). This computer "
        "has no usable OS keyring to keep it: give the credentials to each run with `hoist profile set "
        "'rclone local' --environment` (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) or `hoist profile set "
        "'rclone local' --aws-profile NAME` (~/.aws)."
    )


def test_a_secret_corrected_outside_the_running_engine_is_used_by_retry_failed(
    memory_keyring, home, tmp_path
):
    """Issue 12, item 2, by the command line's route: the window runs; `hoist profile set`
    in a shell stores the right secret in the keyring (the window's connections still hold
    the wrong one); Retry failed must use the keyring's secret as it is now. Against rclone,
    which checks signatures."""
    from tests.support.rclone import SECRET as RIGHT

    root = tmp_path / "srv"
    (root / BUCKET).mkdir(parents=True)
    port = free_port()
    server = subprocess.Popen([str(rclone_binary()), "serve", "s3", "--addr", f"127.0.0.1:{port}", "--auth-key",
                               f"{ACCESS},{RIGHT}", "--vfs-cache-mode", "off", str(root)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        endpoint = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                httpx.get(endpoint, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        profile = Profile("kr", endpoint_url=endpoint, bucket=BUCKET, path_style=True,
                          credential_source=CredentialSource.KEYRING, access_key_id=ACCESS)  # fmt: skip
        secrets.set("kr", "secret_access_key", "the-wrong-secret", bound_to(profile))
        config = Config(profiles={"kr": profile}, default_profile="kr")
        engine = make_engine(home, config=config)
        source = tmp_path / "report.txt"
        digest = make_file(source, 3000, seed=12)
        where = Destination("kr", endpoint, "us-east-1", BUCKET, True)
        engine.start(resume=False)
        try:
            ids = list(engine.queue_paths([str(source)], where, "").upload_ids)
            engine.run_uploads(ids)
            assert engine.wait_idle(30)
            assert engine.journal.get_upload(ids[0]).state == UploadState.FAILED
            # A shell stores the right secret; the engine runs on, with its connections.
            secrets.set("kr", "secret_access_key", RIGHT, bound_to(profile))
            # A new file added now goes up with it, as does the failed one retried.
            later = tmp_path / "later.txt"
            make_file(later, 2000, seed=13)
            (later_id,) = engine.queue_paths([str(later)], where, "").upload_ids
            engine.run_uploads([later_id])
            assert engine.wait_idle(30)
            assert engine.journal.get_upload(later_id).state == UploadState.DONE
            assert engine.retry_failed(ids) == ids
            assert engine.wait_idle(30)
        finally:
            engine.shutdown()
        assert (root / BUCKET / "later.txt").read_bytes() == later.read_bytes()
        row = engine.journal.get_upload(ids[0])
        assert row is not None and row.state == UploadState.DONE, row.error
        assert (root / BUCKET / "report.txt").read_bytes() == source.read_bytes()
        assert row.sha256 == digest
    finally:
        server.terminate()
        server.wait(10)

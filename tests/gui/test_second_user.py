"""Issue 13: a second local account, made for the test with `useradd` (and removed after),
tries what another user of the machine could: read the journal, take the engine lock,
connect to the window's socket, and read or write the demo storage. Each must be refused,
and what it tried must change nothing.

Hoist's home is put in a folder every account may pass through (0711), so what stops the
other account is Hoist's own permissions, not the test's temporary folder."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before pytest-qt creates the QApplication

import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from hoist.config.paths import resolve_paths
from hoist.ui.demo import DEMO_BUCKET, DemoStorage
from hoist.ui.platform.single_instance import InstanceServer
from tests.helpers import make_file, object_sha256, run_hoist

SYSTEM_PYTHON = "/usr/bin/python3"  # the other account runs only the standard library


@pytest.fixture(scope="module")
def other_account() -> Iterator[str]:
    if os.geteuid() != 0:
        pytest.fail("this test makes a second account with useradd: run it as root (CI does)")
    if shutil.which("useradd") is None or shutil.which("runuser") is None:
        pytest.fail("this platform has no useradd/runuser: the second-account test cannot run here")
    name = f"hoistx{secrets.token_hex(4)}"
    subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name], check=True)
    try:
        yield name
    finally:
        subprocess.run(["userdel", name], check=False)


def as_account(name: str, code: str) -> str:
    """Run Python ``code`` as the other account; returns what it printed."""
    result = subprocess.run(["runuser", "-u", name, "--", SYSTEM_PYTHON, "-c", code],
                            capture_output=True, text=True, timeout=30)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def attempt(action: str) -> str:
    """Python that runs ``action`` and prints 'refused: <errno name>', 'refused: HTTP <status>' or 'allowed'."""
    return (
        "import errno, fcntl, os, socket, sys, urllib.error, urllib.request\n"
        "try:\n" + "".join(f"    {line}\n" for line in action.splitlines()) + "    print('allowed')\n"
        "except urllib.error.HTTPError as exc:\n"
        "    print('refused: HTTP', exc.code)\n"
        "except OSError as exc:\n"
        "    print('refused:', errno.errorcode.get(exc.errno, exc.errno) if exc.errno else type(exc).__name__)\n"
    )


@pytest.fixture
def shared_home(monkeypatch) -> Iterator[Path]:
    parent = Path(tempfile.mkdtemp(prefix="hoist-shared-"))
    parent.chmod(0o711)  # any account may pass through to Hoist's home
    home = parent / "home"
    runtime = parent / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("HOIST_HOME", str(home))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    try:
        yield home
    finally:
        shutil.rmtree(parent, ignore_errors=True)


def test_another_account_can_read_write_or_reach_nothing_of_hoists(
    qapp, other_account, shared_home, moto_endpoint, bucket, s3, tmp_path
):
    source = tmp_path / "private.txt"
    digest = make_file(source, 2048, seed=5)
    done = run_hoist(shared_home, "upload", str(source), "--to", f"s3://{bucket}", "--endpoint-url",
                     moto_endpoint, "--path-style", "--quiet")  # fmt: skip
    assert done.returncode == 0, done.stderr
    journal = shared_home / "journal.sqlite3"
    lock = shared_home / "engine.lock"
    before = journal.read_bytes()

    # The journal (paths, endpoints, buckets, keys, receipts) and the lock.
    assert as_account(other_account, attempt(f"open({str(journal)!r}, 'rb').read(1)")) == "refused: EACCES"
    assert as_account(other_account, attempt(f"os.listdir({str(shared_home)!r})")) == "refused: EACCES"
    take_lock = f"fd = os.open({str(lock)!r}, os.O_RDONLY)\nfcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)"
    assert as_account(other_account, attempt(take_lock)) == "refused: EACCES"
    # The window's socket: it would be handed the paths a person opens with Hoist.
    name = resolve_paths(shared_home).instance_socket_name
    server = InstanceServer(name)
    try:
        assert server.listen() is True
        connect = f"s = socket.socket(socket.AF_UNIX)\ns.connect({name!r})"
        assert as_account(other_account, attempt(connect)) == "refused: EACCES"
    finally:
        server.close()

    # The demo storage: every request without this run's signature is refused.
    demo = DemoStorage()
    profile = demo.start()
    try:
        from hoist.config.secrets import bound_to
        from hoist.config.secrets import secrets as keyring_secrets
        from hoist.s3.signer import Credentials, Endpoint, make_client

        secret = keyring_secrets.get(profile.name, "secret_access_key", bound_to(profile))
        assert secret
        owner = make_client(Endpoint(demo.endpoint, profile.region, path_style=True),
                            Credentials(profile.access_key_id, secret))  # fmt: skip
        owner.put_object(Bucket=DEMO_BUCKET, Key="photo.jpg", Body=b"the person's photo")
        # moto keeps one store per process: other tests' demo objects may be there too.
        keys_before = [o["Key"] for o in owner.list_objects_v2(Bucket=DEMO_BUCKET).get("Contents", [])]
        url = f"{demo.endpoint}/{DEMO_BUCKET}"
        read = f"urllib.request.urlopen({url + '/photo.jpg'!r}, timeout=5).read()"
        listing = f"urllib.request.urlopen({url!r}, timeout=5).read()"
        plant = (f"urllib.request.urlopen(urllib.request.Request({url + '/planted.txt'!r}, data=b'x', "
                 "method='PUT', headers={'Authorization': 'AWS4-HMAC-SHA256 junk'}), timeout=5)")  # fmt: skip
        for action in (read, listing, plant):
            assert as_account(other_account, attempt(action)) == "refused: HTTP 403", action
        keys = [o["Key"] for o in owner.list_objects_v2(Bucket=DEMO_BUCKET).get("Contents", [])]
        assert keys == keys_before and "planted.txt" not in keys
        assert owner.get_object(Bucket=DEMO_BUCKET, Key="photo.jpg")["Body"].read() == b"the person's photo"
    finally:
        demo.stop()

    # Nothing the other account tried changed what Hoist holds.
    assert journal.read_bytes() == before
    assert object_sha256(s3, bucket, "private.txt") == digest

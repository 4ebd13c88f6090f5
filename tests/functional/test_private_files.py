"""Hoist's folders are 0700 and its files 0600, whatever the umask (issue 13, findings 6
and 7): the journal lists local paths, endpoints, buckets and keys, and a lock file
others can open is one they can flock to keep Hoist from starting."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import hoist_env, make_file

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def modes(home: Path) -> dict[str, str]:
    found = {".": oct(stat.S_IMODE(home.stat().st_mode))}
    for path in sorted(home.rglob("*")):
        found[str(path.relative_to(home))] = oct(stat.S_IMODE(path.lstat().st_mode))
    return found


def hoist(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hoist", *args], env=hoist_env(home), capture_output=True, text=True, timeout=120,
        cwd=str(home.parent),
    )  # fmt: skip


def test_every_folder_and_file_hoist_creates_is_private_under_umask_022(tmp_path, moto_endpoint, bucket):
    home = tmp_path / "new-home"  # Hoist creates it
    source = tmp_path / "a.bin"
    make_file(source, 1000)
    with umask(0o022):
        uploaded = hoist(home, "upload", str(source), "--to", f"s3://{bucket}", "--endpoint-url", moto_endpoint,
                         "--path-style", "--quiet")  # fmt: skip
        assert uploaded.returncode == 0, uploaded.stderr
        profile = hoist(home, "profile", "set", "p", "--endpoint-url", moto_endpoint, "--bucket", bucket)
        assert profile.returncode == 0, profile.stderr
        # The journal's -wal and -shm exist while a connection is open: hold one.
        from hoist.store.db import open_journal_db

        opened = open_journal_db(home / "journal.sqlite3")
        try:
            opened.conn.execute("SELECT count(*) FROM uploads").fetchone()
            found = modes(home)
        finally:
            opened.conn.close()
    for name in ("journal.sqlite3", "journal.sqlite3-wal", "journal.sqlite3-shm", "engine.lock",
                 "config.json", "logs/hoist.log"):  # fmt: skip
        assert name in found, sorted(found)
    wide = {
        name: mode for name, mode in found.items() if mode != ("0o700" if (home / name).is_dir() else "0o600")
    }
    assert wide == {}, f"readable by others: {wide}"


def test_a_home_left_readable_by_an_earlier_version_is_narrowed_at_start(tmp_path):
    home = tmp_path / "old-home"
    (home / "logs").mkdir(parents=True)
    for directory in (home, home / "logs"):
        directory.chmod(0o755)
    for name in ("journal.sqlite3-wal", "engine.lock", "config.json", "logs/hoist.log", "logs/hoist.log.1"):
        (home / name).write_text("")
        (home / name).chmod(0o644)
    (home / "config.json").write_text("{}")
    with umask(0o022):
        result = hoist(home, "status")
    assert result.returncode == 0, result.stderr
    found = modes(home)
    assert found["."] == found["logs"] == "0o700"
    for name in ("journal.sqlite3", "engine.lock", "config.json", "logs/hoist.log", "logs/hoist.log.1"):
        assert found[name] == "0o600", (name, found)


def test_the_lock_file_cannot_be_opened_by_others(tmp_path):
    from hoist.cli.runner import engine_lock
    from hoist.config.paths import resolve_paths

    paths = resolve_paths(tmp_path / "home").ensure()
    with umask(0o022), engine_lock(paths):
        mode = stat.S_IMODE(paths.engine_lock.stat().st_mode)
    # flock works on a read-only descriptor, so read access alone was enough to block Hoist.
    assert mode & 0o077 == 0, oct(mode)


def test_exported_receipts_are_private(tmp_path):
    pytest.importorskip("PySide6")
    from hoist.ui.dialogs.history import export_rows

    with umask(0o022):
        for name in ("receipts.csv", "receipts.json"):
            assert export_rows([], tmp_path / name) == 0
            assert oct(stat.S_IMODE((tmp_path / name).stat().st_mode)) == "0o600"


def test_log_rotation_keeps_the_log_private(tmp_path):
    from hoist.logs import LogFileHandler

    log = tmp_path / "logs" / "hoist.log"
    log.parent.mkdir()
    with umask(0o022):
        handler = LogFileHandler(log, maxBytes=10, backupCount=2, encoding="utf-8")
        try:
            import logging

            for n in range(3):
                handler.emit(logging.LogRecord("t", logging.INFO, __file__, 1, f"line {n} " * 5, None, None))
        finally:
            handler.close()
    for path in (log, log.with_name("hoist.log.1")):
        assert oct(stat.S_IMODE(path.stat().st_mode)) == "0o600", path


def _queued_home(tmp_path: Path, moto_endpoint: str, bucket: str) -> Path:
    """A home with one upload waiting in its journal (paused before it ran)."""
    home = tmp_path / "home"
    source = tmp_path / "secret.txt"
    make_file(source, 100)
    result = hoist(home, "upload", str(source), "--to", f"s3://{bucket}", "--endpoint-url", moto_endpoint,
                   "--path-style", "--dry-run")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert hoist(home, "status").returncode == 0  # creates the journal and the folders
    return home


@pytest.mark.parametrize("target", ["home", "journal", "config"])
def test_a_home_journal_or_settings_others_can_write_is_refused_in_words(
    tmp_path, moto_endpoint, bucket, target
):
    home = _queued_home(tmp_path, moto_endpoint, bucket)
    assert (
        hoist(home, "profile", "set", "p", "--endpoint-url", moto_endpoint, "--bucket", bucket).returncode
        == 0
    )
    path = {"home": home, "journal": home / "journal.sqlite3", "config": home / "config.json"}[target]
    os.chmod(path, 0o777 if target == "home" else 0o666)
    result = hoist(home, "status")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"Hoist will not use {path}: other accounts can write to this" in result.stderr
    os.chmod(path, 0o700 if target == "home" else 0o600)  # the person fixes it: Hoist starts again
    assert hoist(home, "status").returncode == 0


def test_a_journal_owned_by_another_account_is_refused(tmp_path, moto_endpoint, bucket):
    """Needs root to give a file away (CI runs as root); another account's journal names
    files to read and servers to send them to: Hoist must not act on it."""
    if os.geteuid() != 0:
        pytest.fail("this test gives a file to another account: run it as root (CI does)")
    home = _queued_home(tmp_path, moto_endpoint, bucket)
    os.chown(home / "journal.sqlite3", 65534, 65534)  # nobody
    result = hoist(home, "status")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "belongs to another account (uid 65534)" in result.stderr

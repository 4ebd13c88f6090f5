"""Issue 13, security test items 3 and 5: what Hoist writes (its log, its lock) is never
reached through a symbolic link, and a home inside a folder another account could change
is refused, each in one sentence, exit 1, no traceback. Run as root (CI does) to hand
files to another account (uid 65534, nobody)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hoist.logs import LogFileHandler
from tests.helpers import hoist_env, make_file

NOBODY = 65534


def hoist(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hoist", *args], env=hoist_env(home), capture_output=True, text=True, timeout=120,
        cwd=str(home.parent),
    )  # fmt: skip


def as_root() -> None:
    if os.geteuid() != 0:
        pytest.fail("this test gives files to another account: run it as root (CI does)")


def others_file(tmp_path: Path) -> Path:
    """Another account's 0666 file, as the tester planted it (/tmp/other/log.txt)."""
    folder = tmp_path / "other"
    folder.mkdir()
    target = folder / "log.txt"
    target.write_text("theirs\n")
    os.chmod(target, 0o666)
    os.chown(target, NOBODY, NOBODY)
    return target


def started_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    assert hoist(home, "profile", "list").returncode == 0  # its folders and log, made as Hoist makes them
    return home


def refused(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr  # one line
    return result.stderr


def test_a_log_file_linked_to_another_accounts_file_is_refused_and_not_written(tmp_path):
    as_root()
    home = started_home(tmp_path)
    target = others_file(tmp_path)
    (home / "logs" / "hoist.log").unlink()
    (home / "logs" / "hoist.log").symlink_to(target)
    err = refused(hoist(home, "profile", "list"))
    assert err == (
        f"hoist: error: Hoist will not use {home}/logs/hoist.log: it is a symbolic link (to {target}), so "
        "what Hoist writes there would land in a place it does not choose, perhaps another account's file. "
        "Remove the link and start again.\n"
    )
    assert target.read_text() == "theirs\n"


def test_a_log_folder_linked_to_another_accounts_open_folder_is_refused(tmp_path):
    as_root()
    home = started_home(tmp_path)
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    os.chmod(theirs, 0o777)
    os.chown(theirs, NOBODY, NOBODY)
    for old in (home / "logs").iterdir():
        old.unlink()
    (home / "logs").rmdir()
    (home / "logs").symlink_to(theirs)
    err = refused(hoist(home, "profile", "list"))
    assert f"Hoist will not use {home}/logs: it is a symbolic link (to {theirs})" in err
    assert list(theirs.iterdir()) == []  # no log written there


def test_the_log_is_opened_without_following_a_link(tmp_path):
    """Between Hoist's check and its open, a link put in place is still not followed."""
    as_root()
    target = others_file(tmp_path)
    link = tmp_path / "hoist.log"
    link.symlink_to(target)
    with pytest.raises(OSError) as caught:
        LogFileHandler(link, maxBytes=1024, backupCount=1, encoding="utf-8")
    assert caught.value.errno == errno.ELOOP
    assert target.read_text() == "theirs\n"


def test_an_engine_lock_that_is_a_link_is_refused_in_one_sentence(tmp_path):
    home = started_home(tmp_path)
    (home / "engine.lock").symlink_to(home / "engine.lock")  # the tester's loop: ELOOP on open
    source = tmp_path / "a.txt"
    make_file(source, 10)
    err = refused(
        hoist(home, "upload", str(source), "--to", "s3://bucket1", "--endpoint-url", "http://127.0.0.1:9")
    )
    assert err.startswith(f"hoist: error: Hoist will not use {home}/engine.lock: it is a symbolic link")


def test_a_home_in_a_folder_others_can_write_is_refused_until_it_is_sticky(tmp_path):
    parent = tmp_path / "parent"
    parent.mkdir()
    os.chmod(parent, 0o777)
    home = parent / "home"
    err = refused(hoist(home, "profile", "list"))
    assert err == (
        f"hoist: error: Hoist will not use {home}: other accounts can write to the folder {parent} that "
        "holds it (mode 777, not sticky), so they could replace Hoist's folder with one of their own. Move "
        "Hoist's folder to a place of your own (HOIST_HOME or --home), or make that folder writable only by "
        "you, and start again.\n"
    )
    assert not home.exists()  # nothing made there
    os.chmod(parent, 0o1777)  # as /tmp is: others cannot rename what is not theirs
    assert hoist(home, "profile", "list").returncode == 0


def test_a_home_in_a_folder_of_another_account_is_refused(tmp_path):
    as_root()
    parent = tmp_path / "other" / "parent"
    parent.mkdir(parents=True)
    os.chown(parent.parent, NOBODY, NOBODY)
    home = parent / "home"
    err = refused(hoist(home, "profile", "list"))
    assert (
        f"Hoist will not use {home}: the folder {parent.parent} that holds it belongs to another account "
        f"(uid {NOBODY})"
    ) in err

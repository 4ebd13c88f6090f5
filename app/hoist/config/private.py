"""Hoist's folders and files are private to the person, as ssh's and gpg's are.

Folders are created 0700 and files 0600 at the moment they are made (the mode is given
to mkdir/open, so there is no window in which they are readable, whatever the umask),
and ones left wider by an earlier version are narrowed at start. The journal lists
local paths, endpoints, buckets and keys; the lock file, if others could open it,
lets them flock it and keep Hoist from starting.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
POSIX = os.name == "posix"


class UntrustedHome(Exception):
    """A folder or file of Hoist's that another account owns or could have written. Its
    journal rows name files to read and servers to send them to, so Hoist refuses it
    rather than act on it (as ssh refuses a key file others can write)."""


def ensure_trusted(path: Path) -> None:
    """Refuse ``path`` if it exists and is owned by someone else, or writable by group or
    others; symlinks are judged by what they point to. Missing paths are fine."""
    if not POSIX:
        return
    try:
        info = path.stat()
    except OSError:
        return
    what = "folder" if stat.S_ISDIR(info.st_mode) else "file"
    if info.st_uid != os.geteuid():
        raise UntrustedHome(
            f"Hoist will not use {path}: the {what} belongs to another account (uid {info.st_uid}), "
            "which could have written what Hoist would upload and where. Move it aside, or give it "
            "back to your account, and start again."
        )
    if stat.S_IMODE(info.st_mode) & 0o022:
        raise UntrustedHome(
            f"Hoist will not use {path}: other accounts can write to this {what} (mode "
            f"{stat.S_IMODE(info.st_mode):o}), so they could have changed what Hoist would upload and "
            f"where. Check it, then make it private (chmod {'700' if what == 'folder' else '600'}) and "
            "start again."
        )


def ensure_real(path: Path) -> None:
    """Refuse ``path`` if it is a symbolic link, or (like ``ensure_trusted``) another
    account's or writable by others. For what Hoist writes (logs, the lock): a link would
    carry its writes into a place it does not choose, another account's file among them.
    Missing paths are fine."""
    if not POSIX:
        return
    try:
        info = path.lstat()
    except OSError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise UntrustedHome(
            f"Hoist will not use {path}: it is a symbolic link (to {os.readlink(path)}), so what Hoist "
            "writes there would land in a place it does not choose, perhaps another account's file. "
            "Remove the link and start again."
        )
    ensure_trusted(path)


def ensure_safe_parents(path: Path) -> None:
    """Refuse a home whose enclosing folders, up to /, another account could change: one
    owned by an account other than this one or root, or writable by group or others
    without the sticky bit (as /tmp has). There they could rename the home away and put
    their own in its place (as ssh's StrictModes refuses such a path)."""
    if not POSIX:
        return
    me = os.geteuid()
    chains = [*path.absolute().parents, *path.resolve().parents]  # links included, and where they lead
    for folder in dict.fromkeys(chains):
        try:
            info = folder.stat()
        except OSError:
            continue  # not there yet: made by Hoist, 0700
        mode = stat.S_IMODE(info.st_mode)
        if info.st_uid not in (me, 0):
            raise UntrustedHome(
                f"Hoist will not use {path}: the folder {folder} that holds it belongs to another account "
                f"(uid {info.st_uid}), which could replace Hoist's folder with one of its own. Move Hoist's "
                "folder to a place of your own (HOIST_HOME or --home) and start again."
            )
        if mode & 0o022 and not mode & stat.S_ISVTX:
            raise UntrustedHome(
                f"Hoist will not use {path}: other accounts can write to the folder {folder} that holds it "
                f"(mode {mode:o}, not sticky), so they could replace Hoist's folder with one of their own. "
                "Move Hoist's folder to a place of your own (HOIST_HOME or --home), or make that folder "
                "writable only by you, and start again."
            )


def private_to_me(path: Path) -> bool:
    """``path`` is a real folder (not a symlink) of this account's that no other account
    can enter or list (no group/other bits): a place for a socket only we may reach."""
    try:
        info = path.lstat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid() and not stat.S_IMODE(info.st_mode) & 0o077
    )


def narrow(path: Path, mode: int) -> None:
    """Take group/other permissions off a file or folder of ours (not a symlink's target,
    not someone else's); missing paths and refusals are left alone."""
    if not POSIX:
        return
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode) or info.st_uid != os.geteuid():
            return
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, stat.S_IMODE(info.st_mode) & mode)
    except OSError:
        pass


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) with the folder itself 0700, or narrow it."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    narrow(path, PRIVATE_DIR)
    return path


def private_opener(path: str | os.PathLike[str], flags: int) -> int:
    """For open(..., opener=private_opener): a file created 0600."""
    return os.open(path, flags, PRIVATE_FILE)


def private_file(path: Path) -> None:
    """Make sure ``path`` exists as a 0600 file (created so, or narrowed)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        narrow(path, PRIVATE_FILE)

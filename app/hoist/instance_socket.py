"""The single-instance socket's protocol and guards, without Qt: shared by the window
(ui/platform/single_instance.py, which listens and hands over with QLocalSocket) and the
command line's hand-over where no display is open (cli/handover.py, a plain Unix socket).

Wire format: one JSON line each way (see ui/platform/single_instance.py). A launch hands
nothing over to a socket that may be another account's: ``socket_problem`` checks the
folder and the socket file before connecting, ``peer_uid`` the process listening after.
"""

from __future__ import annotations

import os
import socket
import stat
import struct
from collections.abc import Sequence
from pathlib import Path

PROTOCOL = 1
NOT_OURS = "Nothing was handed over; remove it (it is not Hoist's) and start Hoist again."


def request_for(paths: Sequence[str], cwd: str | None = None) -> dict[str, object]:
    base = Path(cwd or os.getcwd())
    absolute = [str(base / p) if not Path(p).is_absolute() else str(p) for p in paths]
    # Keep a trailing slash: "folder/" means "its contents" (rsync-style), as in the CLI.
    absolute = [a + ("/" if p.endswith(("/", os.sep)) and not a.endswith("/") else "")
                for a, p in zip(absolute, paths, strict=True)]  # fmt: skip
    return {"v": PROTOCOL, "action": "open" if paths else "activate", "paths": absolute}


def socket_problem(name: str) -> str | None:
    """Why the socket ``name`` (a full path) may belong to someone else, or None: its
    folder must be this account's and closed to others, the socket file this account's.
    A missing socket is no problem (no Hoist is running). Names that are not paths
    (Windows named pipes) are left to the system's per-user access rules."""
    if os.name != "posix" or not os.path.isabs(name):
        return None
    path = Path(name)
    try:
        folder = path.parent.stat()
    except OSError as exc:
        return f"Hoist cannot check the folder of its socket {path}: {exc.strerror or exc}."
    if folder.st_uid != os.geteuid() or stat.S_IMODE(folder.st_mode) & 0o077:
        return (f"Hoist will not hand files to the socket {path}: its folder belongs to another account "
                f"(uid {folder.st_uid}) or others can enter it (mode {stat.S_IMODE(folder.st_mode):o}). "
                + NOT_OURS)  # fmt: skip
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"Hoist cannot check its socket {path}: {exc.strerror or exc}."
    if not stat.S_ISSOCK(info.st_mode):
        return f"Hoist will not hand files to {path}: it is not a socket. " + NOT_OURS
    if info.st_uid != os.geteuid():
        return (f"Hoist will not hand files to the socket {path}: it belongs to another account "
                f"(uid {info.st_uid}). " + NOT_OURS)  # fmt: skip
    return None


def peer_uid(descriptor: int) -> int | None:
    """The uid of the process at the other end of a connected Unix socket (Linux's
    SO_PEERCRED), or None where the system does not say."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None or descriptor < 0:
        return None
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM, fileno=os.dup(descriptor)) as sock:
            _pid, uid, _gid = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, option, 12))
    except OSError:
        return None
    return int(uid)

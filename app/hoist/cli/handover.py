"""`hoist PATH...` where no window can open: hand the paths to a window already running.

The hand-over is a local socket (ui/platform/single_instance.py: one JSON line each way),
so it needs no display: from a terminal without DISPLAY (SSH into the machine where the
window runs, a systemd unit, a script) the files still join the window's queue, and the
exit code is the window's answer. Only a new window needs a display; when none is running,
the line says so and gives the form that needs none, `hoist upload` (issue 12, item 13).

This is the protocol's client without Qt, for POSIX (a Unix socket; Windows and macOS always
have a display), with the window's own guards: the socket's folder must be this account's
and closed to others, the socket file this account's, and (Linux) the program listening on
it must run as this account. Nothing is sent otherwise.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config.paths import resolve_paths
from ..display import printable
from ..instance_socket import NOT_OURS, peer_uid, request_for, socket_problem

CONNECT_SECONDS = 1.0
REPLY_SECONDS = 30.0  # the window plans a big folder before it answers
MAX_REPLY = 1024 * 1024


@dataclass(frozen=True)
class Answer:
    """What the running window said, and the exit code for this launch."""

    message: str
    code: int


def _read_line(sock: socket.socket) -> bytes:
    data = b""
    while b"\n" not in data and len(data) < MAX_REPLY:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data.split(b"\n", 1)[0]


def hand_over(path: Path, paths: Sequence[str], cwd: str) -> Answer | None:
    """Give ``paths`` (or "come forward") to the window listening at ``path``. None when no
    window listens there (no socket, or one left by a crash)."""
    problem = socket_problem(str(path))
    if problem:
        return Answer(problem, 1)
    if not path.exists():
        return None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(CONNECT_SECONDS)
        try:
            sock.connect(str(path))
        except OSError:  # refused or timed out: a socket left behind, nobody answers
            return None
        uid = peer_uid(sock.fileno())
        if uid is not None and uid != os.geteuid():
            return Answer(f"Hoist will not hand files to the socket {path}: the program listening on it runs "
                          f"as another account (uid {uid}). " + NOT_OURS, 1)  # fmt: skip
        sock.settimeout(REPLY_SECONDS)
        try:
            sock.sendall(json.dumps(request_for(paths, cwd)).encode() + b"\n")
            line = _read_line(sock)
        except TimeoutError:
            return Answer("The running Hoist did not answer in time.", 1)
        except OSError as exc:
            return Answer(f"The running Hoist closed the connection: {exc.strerror or exc}.", 1)
    if not line.strip():
        return Answer("The running Hoist closed the connection without answering.", 1)
    try:
        reply = json.loads(line)
        ok, message, code = bool(reply.get("ok")), str(reply.get("message", "")), reply.get("code")
    except (ValueError, AttributeError):
        return Answer("The running Hoist sent an unreadable answer.", 1)
    if not isinstance(code, int):
        code = 0 if ok else 1
    return Answer(message or ("" if ok else "The running Hoist refused the request."), code)


def without_display(home: str | None, paths: Sequence[str], display_problem: str) -> int:
    """``hoist [PATH...]`` where no window can open (``display_problem`` says why): a running
    window takes the paths; else one line, exit 1."""
    hoist_paths = resolve_paths(home)
    answer = None
    if os.name == "posix" and hoist_paths.data_dir.is_dir():  # no home yet: no window has run on it
        answer = hand_over(Path(hoist_paths.instance_socket_name), paths, os.getcwd())
    if answer is not None:
        for line in filter(None, answer.message.split("\n")):
            print(f"hoist: {printable(line)}", file=sys.stderr)
        return answer.code
    reason = display_problem.removeprefix("hoist: ")
    if paths:
        print(f"hoist: no Hoist window is running to take the files, and a new one cannot open here: {reason}",
              file=sys.stderr)  # fmt: skip
    else:
        print(f"hoist: {reason}", file=sys.stderr)
    return 1

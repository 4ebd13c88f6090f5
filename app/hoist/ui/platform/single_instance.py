"""One Hoist window per journal.

The first GUI listens on a local socket named after its home (``Paths.instance_socket_name``;
a Unix socket here, a named pipe on Windows). A later ``hoist`` connects and asks it to
come forward; ``hoist PATH...`` (and the file manager's "open with", Exec=hoist %F) hands
its paths over to be queued with the running window's current destination, then exits 0.

Wire format: one JSON line each way.
  request  {"v": 1, "action": "activate" | "open", "paths": [absolute paths]}
  reply    {"ok": true, "message": "...", "code": 0} or {"ok": false, "message": "what went wrong", "code": N}
           (``code``: the exit code for the launching ``hoist``, by the CLI's rules: 2 bad
           input and nothing queued, 1 refused by the window; sent once the files are
           queued or refused, not before)

The socket is a full path in a folder only this account can enter (Paths.instance_socket_name:
$XDG_RUNTIME_DIR, else a 0700 folder of Hoist's own), and a launch hands nothing over to
a socket that is not this account's: before connecting, the folder must be this account's
and closed to others and the socket file this account's (``socket_problem``); once
connected, on Linux, the process listening must run as this account (SO_PEERCRED). The
window likewise answers only this account's processes.

A socket left behind by a crash is detected (nobody answers) and removed with
``QLocalServer.removeServer`` before listening again. The engine's journal lock
(Paths.engine_lock), held by the GUI too, stays the real guard: never two engines on
one journal.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from ...instance_socket import NOT_OURS, peer_uid, request_for, socket_problem

log = logging.getLogger(__name__)

CONNECT_MS = 1000
REPLY_MS = 30000  # queuing a big folder is planned before the reply
MAX_REQUEST = 4 * 1024 * 1024


@dataclass(frozen=True)
class HandOff:
    """What the running instance answered."""

    ok: bool
    message: str = ""
    code: int | None = None  # exit code for the launcher; None: 0 if ok else 1


def _stranger(socket: QLocalSocket) -> int | None:
    """The peer's uid if it is another account's, else None."""
    uid = peer_uid(int(socket.socketDescriptor()))
    return uid if uid is not None and uid != os.geteuid() else None


def hand_off(name: str, paths: Sequence[str] = (), *, connect_ms: int = CONNECT_MS,
             reply_ms: int = REPLY_MS) -> HandOff | None:  # fmt: skip
    """Give ``paths`` (or just "come forward") to a running instance. None if there is
    none (or only a stale socket). A socket that may be another account's gets nothing:
    the answer says so (exit 1)."""
    problem = socket_problem(name)
    if problem:
        return HandOff(False, problem, 1)
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(connect_ms):
        return None
    stranger = _stranger(socket)
    if stranger is not None:
        socket.abort()
        return HandOff(False, f"Hoist will not hand files to the socket {name}: the program listening on it "
                              f"runs as another account (uid {stranger}). " + NOT_OURS, 1)  # fmt: skip
    try:
        socket.write(json.dumps(request_for(paths)).encode() + b"\n")
        socket.flush()
        socket.waitForBytesWritten(connect_ms)
        data = b""
        while b"\n" not in data:
            if not socket.waitForReadyRead(reply_ms):
                if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
                    break
                return HandOff(False, "The running Hoist did not answer in time.")
            data += bytes(socket.readAll().data())
        if not data.strip():
            return HandOff(False, "The running Hoist closed the connection without answering.")
        try:
            reply = json.loads(data.split(b"\n", 1)[0])
        except ValueError:
            return HandOff(False, "The running Hoist sent an unreadable answer.")
        code = reply.get("code")
        return HandOff(
            bool(reply.get("ok")), str(reply.get("message", "")), code if isinstance(code, int) else None
        )
    finally:
        socket.disconnectFromServer()


# Called with the paths and a function to answer with, once the window has queued or
# refused them (queuing runs off the GUI thread: the answer comes later).
PathsHandler = Callable[[list[str], Callable[[HandOff], None]], None]


class InstanceServer(QObject):
    """Listens for later launches. Set ``open_paths`` to queue handed-over files; its
    answer goes back to the caller. ``activate_requested`` fires for every request."""

    activate_requested = Signal()
    paths_received = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)
        self.open_paths: PathsHandler | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening. False if another live instance owns the name (hand off to it).
        A stale socket (no one answers) is removed first."""
        if self.server.listen(self.name):
            return True
        # Usually AddressInUseError: either a live instance or a socket left by a crash.
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        alive = probe.waitForConnected(CONNECT_MS)
        probe.abort()
        if alive:
            return False
        log.info("Removing a stale single-instance socket %s", self.name)
        QLocalServer.removeServer(self.name)
        ok = self.server.listen(self.name)
        if not ok:
            log.warning("Cannot listen on %s: %s", self.name, self.server.errorString())
        return ok

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def close(self) -> None:
        self.server.close()

    def _on_connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            stranger = _stranger(socket)
            if stranger is not None:  # the folder is 0700: only root could get here
                log.warning("Refused a hand-over from another account (uid %s)", stranger)
                socket.abort()
                socket.deleteLater()
                continue
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._on_ready(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))
            if socket.bytesAvailable():
                self._on_ready(socket)

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _on_ready(self, socket: QLocalSocket) -> None:
        if socket not in self._buffers:
            return
        data = self._buffers[socket] + bytes(socket.readAll().data())
        if len(data) > MAX_REQUEST:
            self._reply(socket, HandOff(False, "Request too large."))
            return
        if b"\n" not in data:
            self._buffers[socket] = data
            return
        self._buffers[socket] = b""
        try:
            request = json.loads(data.split(b"\n", 1)[0])
            paths = [str(p) for p in request.get("paths") or []]
        except (ValueError, AttributeError, TypeError):
            self._reply(socket, HandOff(False, "Unreadable request."))
            return
        self.activate_requested.emit()
        if not paths:
            self._reply(socket, HandOff(True, "The running Hoist was brought forward."))
            return
        self.paths_received.emit(paths)
        if self.open_paths is None:
            self._reply(socket, HandOff(False, "The running Hoist cannot take files yet."))
            return
        try:
            self.open_paths(paths, lambda result: self._reply(socket, result))
        except Exception as exc:  # the caller gets one line, the window stays up
            log.exception("Queuing handed-over files failed")
            self._reply(socket, HandOff(False, str(exc) or type(exc).__name__))

    def _reply(self, socket: QLocalSocket, result: HandOff) -> None:
        if socket not in self._buffers:  # the caller gave up waiting and left
            return
        code = result.code if result.code is not None else (0 if result.ok else 1)
        socket.write(json.dumps({"ok": result.ok, "message": result.message, "code": code}).encode() + b"\n")
        socket.flush()
        socket.disconnectFromServer()

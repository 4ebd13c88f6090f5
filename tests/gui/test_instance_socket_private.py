"""Issue 13, finding 5: the single-instance socket is private to the person's account.

It lives in a folder only this account can enter ($XDG_RUNTIME_DIR when it is ours and
0700, else Hoist's own 0700 folder), and a launch hands nothing to a socket planted by
another account, or to a program listening as another account (SO_PEERCRED)."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before pytest-qt creates the QApplication

import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from hoist.config.paths import resolve_paths
from hoist.ui.platform.single_instance import InstanceServer, hand_off

NOBODY = 65534
needs_root = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0, reason="planting a socket as another account needs root (chown)"
)


def assert_private_folder(path: Path) -> None:
    info = path.stat()
    assert info.st_uid == os.geteuid()
    assert stat.S_IMODE(info.st_mode) == 0o700


def test_the_socket_is_in_a_folder_only_this_account_can_enter(home, tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    name = resolve_paths(home).instance_socket_name
    assert Path(name).is_absolute() and not name.startswith("/tmp/hoist-")
    assert Path(name).parent == home / "run"
    assert_private_folder(Path(name).parent)

    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    name = resolve_paths(home).instance_socket_name
    assert Path(name).parent == runtime and Path(name).name.startswith("hoist-")

    runtime.chmod(0o777)  # a runtime folder others can enter is not used
    assert Path(resolve_paths(home).instance_socket_name).parent == home / "run"
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/tmp")  # nor a shared one
    assert Path(resolve_paths(home).instance_socket_name).parent == home / "run"


@needs_root
def test_an_xdg_runtime_dir_of_another_account_is_not_used(home, tmp_path, monkeypatch):
    runtime = tmp_path / "theirs"
    runtime.mkdir(mode=0o700)
    os.chown(runtime, NOBODY, NOBODY)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    name = resolve_paths(home).instance_socket_name
    assert Path(name).parent == home / "run"
    assert_private_folder(Path(name).parent)


def test_the_window_listens_on_a_socket_only_this_account_can_reach(qapp, home, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    name = resolve_paths(home).instance_socket_name
    server = InstanceServer(name)
    try:
        assert server.listen() is True
        assert stat.S_ISSOCK(os.lstat(name).st_mode) and os.lstat(name).st_uid == os.geteuid()
        assert_private_folder(Path(name).parent)
    finally:
        server.close()


class Planted:
    """A listener at Hoist's socket path that records what it is sent."""

    def __init__(self, path: str) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(path)
        self.sock.listen(4)
        self.sock.settimeout(0.2)
        self.received = b""
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            with conn:
                conn.settimeout(2)
                try:
                    while chunk := conn.recv(65536):
                        self.received += chunk
                        conn.sendall(b'{"ok": true, "message": "queued", "code": 0}\n')
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()


@needs_root
def test_a_socket_planted_by_another_account_is_refused_and_gets_no_paths(qapp, home, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    name = resolve_paths(home).instance_socket_name
    planted = Planted(name)
    os.chown(name, NOBODY, NOBODY)
    try:
        answer = hand_off(name, [str(home / "secret.txt")], connect_ms=500, reply_ms=2000)
    finally:
        planted.close()
    assert answer is not None and answer.ok is False and answer.code == 1
    assert (
        f"Hoist will not hand files to the socket {name}: it belongs to another account (uid {NOBODY})"
        in (answer.message)
    )
    assert (planted.connections, planted.received) == (0, b"")


def test_a_socket_in_a_folder_others_can_enter_is_refused(qapp, home, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    name = resolve_paths(home).instance_socket_name
    planted = Planted(name)
    Path(name).parent.chmod(0o777)
    try:
        answer = hand_off(name, [str(home / "secret.txt")], connect_ms=500, reply_ms=2000)
    finally:
        planted.close()
    assert answer is not None and answer.ok is False
    assert "others can enter it (mode 777)" in answer.message
    assert (planted.connections, planted.received) == (0, b"")


LISTENER = """
import os, socket, sys
sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
sock.bind(sys.argv[1])               # the file is root's, like the person's own
os.setgid(65534); os.setuid(65534)   # ...but the program listening is another account's
sock.listen(4)
sock.settimeout(20)
print("listening", flush=True)
conn, _ = sock.accept()
conn.settimeout(3)
data = b""
try:
    while chunk := conn.recv(65536):
        data += chunk
except OSError:
    pass
print("received", repr(data), flush=True)
"""


@needs_root
def test_a_program_listening_as_another_account_gets_no_paths(qapp, home, monkeypatch):
    if not hasattr(socket, "SO_PEERCRED"):
        pytest.skip("SO_PEERCRED is Linux's")
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    name = resolve_paths(home).instance_socket_name
    listener = subprocess.Popen([sys.executable, "-c", LISTENER, name], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert listener.stdout is not None and listener.stdout.readline().strip() == "listening"
        assert os.lstat(name).st_uid == os.geteuid()  # the file checks pass: only the peer tells
        answer = hand_off(name, [str(home / "secret.txt")], connect_ms=2000, reply_ms=2000)
        out, err = listener.communicate(timeout=20)
    finally:
        if listener.poll() is None:
            listener.kill()
            listener.communicate()
    assert answer is not None and answer.ok is False and answer.code == 1
    assert f"the program listening on it runs as another account (uid {NOBODY})" in answer.message
    assert out.strip() == "received b''", out + err

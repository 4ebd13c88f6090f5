"""A private D-Bus session bus with a session manager on it that speaks GNOME's protocol
(org.gnome.SessionManager), for logout tests (issue 18).

``dbus-daemon`` is the real message bus. The manager is this test's stand-in for
gnome-session (which needs a whole GNOME session to run): it owns the name, hands out a
client object path on ``RegisterClient(app_id, startup_id)``, records each client's
``EndSessionResponse(is_ok, reason)``, and ends the session the way gnome-session
does: ``QueryEndSession(flags)`` to every client, then ``EndSession(flags)``, each a
signal from the client's object on interface org.gnome.SessionManager.ClientPrivate.
"""

from __future__ import annotations

import contextlib
import itertools
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from jeepney import DBusAddress, HeaderFields, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

BUS_NAME = "org.gnome.SessionManager"
PATH = "/org/gnome/SessionManager"
CLIENT_INTERFACE = "org.gnome.SessionManager.ClientPrivate"


class SessionBus:
    """``dbus-daemon`` on a socket in ``folder``; ``address`` for DBUS_SESSION_BUS_ADDRESS."""

    def __init__(self, folder: Path) -> None:
        assert shutil.which("dbus-daemon"), "dbus-daemon is not installed (scripts/setup.sh installs it)"
        folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1", f"--address=unix:path={folder}/bus"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        assert self.process.stdout is not None
        self.address = self.process.stdout.readline().strip()
        assert self.address.startswith("unix:"), "dbus-daemon did not start"

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


@dataclass
class Client:
    path: str
    app_id: str
    startup_id: str
    sender: str  # the unique bus name of the process that registered
    pid: int
    responses: list[tuple[float, bool, str]] = field(default_factory=list)  # (when, is_ok, reason)


class GnomeSessionManager:
    def __init__(self, address: str) -> None:
        self.conn: DBusConnection = open_dbus_connection(bus=address)
        self._bus_name_conn: DBusConnection = open_dbus_connection(bus=address)  # for questions to the bus
        self.clients: list[Client] = []
        self._numbers = itertools.count(1)
        self._send_lock = threading.Lock()
        self._stop = threading.Event()
        self._changed = threading.Condition()
        reply = self.conn.send_and_get_reply(
            message_bus.RequestName(BUS_NAME, 4), timeout=5
        )  # 4: do not queue
        assert reply.body[0] == 1, f"could not own {BUS_NAME}: {reply.body}"
        self._thread = threading.Thread(target=self._serve, name="fake-gnome-session", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        for conn in (self.conn, self._bus_name_conn):
            with contextlib.suppress(OSError):
                conn.close()

    def _send(self, message: object) -> None:
        with self._send_lock:
            self.conn.send(message)  # type: ignore[arg-type]

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                message = self.conn.receive(timeout=0.2)
            except TimeoutError:
                continue
            except OSError:
                return
            if message.header.message_type != MessageType.method_call:
                continue
            fields = message.header.fields
            member, path = fields.get(HeaderFields.member), fields.get(HeaderFields.path)
            if path == PATH and member == "RegisterClient":
                app_id, startup_id = message.body
                sender = fields[HeaderFields.sender]
                pid = self._bus_name_conn.send_and_get_reply(
                    message_bus.GetConnectionUnixProcessID(sender), timeout=5
                ).body[0]
                client = Client(f"{PATH}/Client{next(self._numbers)}", app_id, startup_id, sender, int(pid))
                with self._changed:
                    self.clients.append(client)
                    self._changed.notify_all()
                self._send(new_method_return(message, "o", (client.path,)))
            elif member == "EndSessionResponse" and any(c.path == path for c in self.clients):
                is_ok, reason = message.body
                with self._changed:
                    next(c for c in self.clients if c.path == path).responses.append(
                        (time.monotonic(), is_ok, reason)
                    )
                    self._changed.notify_all()
                self._send(new_method_return(message))
            else:
                self._send(
                    new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", (str(member),))
                )

    def wait_for(self, predicate: object, timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(predicate, timeout)  # type: ignore[arg-type]

    def signal(self, client: Client, name: str, flags: int | None = 0) -> float:
        """Emit ``name`` from the client's object; when it was sent."""
        emitter = DBusAddress(client.path, interface=CLIENT_INTERFACE)
        message = new_signal(emitter, name, "u", (flags,)) if flags is not None else new_signal(emitter, name)
        sent = time.monotonic()
        self._send(message)
        return sent

    def end_session(self, client: Client, timeout: float = 5.0) -> tuple[float, float]:
        """A logout as gnome-session runs it: QueryEndSession, then (once answered)
        EndSession. Returns (seconds to answer QueryEndSession, when EndSession was sent)."""
        before = len(client.responses)
        asked = self.signal(client, "QueryEndSession", 0)
        assert self.wait_for(lambda: len(client.responses) > before, timeout), (
            "QueryEndSession was not answered"
        )
        answered = client.responses[-1][0] - asked
        assert client.responses[-1][1:] == (True, ""), client.responses[-1]
        return answered, self.signal(client, "EndSession", 0)


def ping(address: str) -> bool:
    """The bus answers (a quick check that dbus-daemon is up)."""
    with open_dbus_connection(bus=address) as conn:
        return bool(conn.send_and_get_reply(message_bus.GetId(), timeout=5).body[0])

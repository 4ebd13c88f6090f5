"""A logout through the session manager (issue 18): Hoist registers with a session
manager that speaks GNOME's D-Bus protocol (org.gnome.SessionManager: GNOME, and the
session managers of Cinnamon, MATE and Budgie, which keep it) as GTK applications do.

The protocol, as gnome-session runs it: the client calls ``RegisterClient(app_id,
startup_id)`` and gets an object path; at a logout the manager sends that object's
``QueryEndSession(flags)`` (may the session end?) and ``EndSession(flags)`` (it ends
now), each answered with ``EndSessionResponse(is_ok, reason)``, and ``Stop()`` to say
"exit". Hoist never holds a logout up: it answers yes at once (running uploads go back
to queued and carry on at the next start), and at ``EndSession`` or ``Stop`` it ends
the way a SIGTERM ends it (platform.ending).

The X11 session protocol (XSMP) reaches Qt applications as commitDataRequest and a
Quit event (Ending.eventFilter), but only where Qt was built with libSM; the PySide6
wheels are not, and this D-Bus client does not need Qt's build to have it.

A thread with its own jeepney connection waits for the manager's signals (as the
notification listener does, tray.dbus_notify) and hands ``ends`` to the GUI thread
through a queued Qt signal: nothing of the ending runs on this thread.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

BUS_NAME = "org.gnome.SessionManager"
PATH = "/org/gnome/SessionManager"
CLIENT_INTERFACE = "org.gnome.SessionManager.ClientPrivate"
APP_ID = "hoist"  # the desktop entry's name (hoist.desktop)
TIMEOUT = 2.0


class SessionManagerClient(QObject):
    ends = Signal(str)  # why: "the session ends" (EndSession) or "the session manager said stop" (Stop)
    registered = Signal(str)  # the client object path the manager gave (tests, logs)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.client_path = ""

    def start(self) -> None:
        """Register in the background (nothing on the GUI thread waits for D-Bus)."""
        if not sys.platform.startswith("linux") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            return
        self._thread = threading.Thread(target=self._run, name="hoist-session", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        try:
            from jeepney import DBusAddress, HeaderFields, MatchRule, new_method_call
            from jeepney.bus_messages import message_bus
            from jeepney.io.blocking import open_dbus_connection

            with open_dbus_connection(bus="SESSION") as conn:
                owner = conn.send_and_get_reply(message_bus.NameHasOwner(BUS_NAME), timeout=TIMEOUT)
                if not owner.body[0]:
                    log.debug("No session manager on the session bus (%s)", BUS_NAME)
                    return
                # Listen before registering: a manager may speak to a new client at once (a
                # logout already under way), before a rule added afterwards would catch it.
                # The bus matches the manager by its name; signals arrive from its unique name.
                on_bus = MatchRule(type="signal", sender=BUS_NAME, interface=CLIENT_INTERFACE)
                conn.send_and_get_reply(message_bus.AddMatch(on_bus), timeout=TIMEOUT)
                with conn.filter(MatchRule(type="signal", interface=CLIENT_INTERFACE), bufsize=16) as queue:
                    manager = DBusAddress(PATH, bus_name=BUS_NAME, interface=BUS_NAME)
                    startup_id = os.environ.pop("DESKTOP_AUTOSTART_ID", "")  # for us, not our children
                    reply = conn.send_and_get_reply(
                        new_method_call(manager, "RegisterClient", "ss", (APP_ID, startup_id)),
                        timeout=TIMEOUT,
                    )
                    self.client_path = str(reply.body[0])
                    client = DBusAddress(self.client_path, bus_name=BUS_NAME, interface=CLIENT_INTERFACE)
                    log.info("Registered with the session manager as %s", self.client_path)
                    self.registered.emit(self.client_path)
                    while not self._stop.is_set():
                        try:
                            message = conn.recv_until_filtered(queue, timeout=0.5)
                        except TimeoutError:
                            continue
                        fields = message.header.fields
                        if fields.get(HeaderFields.path) != self.client_path:  # another client's
                            continue
                        if self._answer(conn, client, fields.get(HeaderFields.member, ""), new_method_call):
                            return
        except Exception:
            if not self._stop.is_set():
                log.warning("No logout through the session manager", exc_info=True)

    def _answer(self, conn: Any, client: Any, member: str, new_method_call: Any) -> bool:
        """One signal of the manager; True once the session ends (nothing more to hear)."""
        if member in ("QueryEndSession", "EndSession"):
            # Never hold a logout up: unfinished uploads carry on at the next start.
            conn.send_and_get_reply(new_method_call(client, "EndSessionResponse", "bs", (True, "")),
                                    timeout=TIMEOUT)  # fmt: skip
        if member == "EndSession":
            self.ends.emit("the session ends")
            return True
        if member == "Stop":
            self.ends.emit("the session manager asked Hoist to stop")
            return True
        return False

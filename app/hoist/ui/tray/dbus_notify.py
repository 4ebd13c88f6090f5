"""Desktop notifications over D-Bus (org.freedesktop.Notifications), for Linux desktops
without a tray: plain GNOME shows them although it shows no tray icon. Uses jeepney
(pure Python, already there for keyring's Secret Service backend).

``notify`` sends on the calling (GUI) thread with a short timeout; a background thread
listens for ActionInvoked (the person clicked the notification) and hands the id to the
GUI thread through a queued signal.
"""

from __future__ import annotations

import logging
import sys
import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

BUS_NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
TIMEOUT = 2.0


class FreedesktopNotifications(QObject):
    clicked = Signal(int)  # the notification id whose default action was invoked

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._conn: Any = None
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._listener: threading.Thread | None = None
        self._usable: bool | None = None

    def _address(self) -> Any:
        from jeepney import DBusAddress

        return DBusAddress(PATH, bus_name=BUS_NAME, interface=BUS_NAME)

    def available(self) -> bool:
        """A notification server is on the session bus (checked once, then cached)."""
        if self._usable is None:
            self._usable = False
            if sys.platform.startswith("linux"):
                try:
                    from jeepney.bus_messages import message_bus
                    from jeepney.io.blocking import open_dbus_connection

                    self._conn = open_dbus_connection(bus="SESSION")
                    reply = self._conn.send_and_get_reply(message_bus.NameHasOwner(BUS_NAME), timeout=TIMEOUT)
                    self._usable = bool(reply.body[0])
                except Exception as exc:  # no session bus, no jeepney: no notifications
                    log.info("No desktop notifications over D-Bus: %s", exc)
                if self._usable:
                    self._listener = threading.Thread(target=self._listen, name="hoist-notify", daemon=True)
                    self._listener.start()
                    self._listening.wait(TIMEOUT)  # so a click on the first one is not missed
        return self._usable

    def notify(self, title: str, text: str, warning: bool = False, timeout_ms: int = 8000) -> int | None:
        """Show a notification; its id, or None if it could not be shown."""
        if not self.available():
            return None
        from jeepney import new_method_call

        hints = {"urgency": ("y", 2 if warning else 1), "desktop-entry": ("s", "hoist")}
        message = new_method_call(
            self._address(), "Notify", "susssasa{sv}i",
            ("Hoist", 0, "hoist", title, text, ["default", self.tr("Open Hoist")], hints, timeout_ms),
        )  # fmt: skip
        try:
            reply = self._conn.send_and_get_reply(message, timeout=TIMEOUT)
            return int(reply.body[0])
        except Exception as exc:
            log.warning("Cannot show a desktop notification: %s", exc)
            return None

    def _listen(self) -> None:
        from jeepney import MatchRule
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        try:
            conn = open_dbus_connection(bus="SESSION")
            rule = MatchRule(type="signal", interface=BUS_NAME, member="ActionInvoked", path=PATH)
            conn.send_and_get_reply(message_bus.AddMatch(rule), timeout=TIMEOUT)
            with conn, conn.filter(rule, bufsize=64) as queue:
                self._listening.set()
                while not self._stop.is_set():
                    try:
                        signal = conn.recv_until_filtered(queue, timeout=0.5)
                    except TimeoutError:
                        continue
                    notification_id, action = signal.body
                    if action == "default":
                        self.clicked.emit(int(notification_id))
        except Exception:
            if not self._stop.is_set():
                log.exception("Stopped listening for notification clicks")

    def close(self) -> None:
        self._stop.set()
        if self._listener is not None:
            self._listener.join(2)
        if self._conn is not None:
            self._conn.close()
            self._conn = None

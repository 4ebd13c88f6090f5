"""Without a tray (plain GNOME), notifications go to org.freedesktop.Notifications over
D-Bus; clicking one opens the window on its rows. Against a private dbus-daemon and a
fake notification server (jeepney) that records Notify and sends ActionInvoked."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before pytest-qt creates the QApplication

import shutil
import subprocess
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from jeepney import DBusAddress, MessageType, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection
from PySide6.QtWidgets import QSystemTrayIcon

from hoist.config.settings import AppSettings
from hoist.ui.tray.dbus_notify import BUS_NAME, PATH, FreedesktopNotifications
from hoist.ui.tray.notifications import Notification, NotificationPolicy, Notifier


@pytest.fixture
def session_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    assert shutil.which("dbus-daemon"), "dbus-daemon is not installed (scripts/setup.sh installs dbus)"
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        assert address.startswith("unix:"), address
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address
    finally:
        daemon.terminate()
        daemon.wait(10)


class FakeNotificationServer:
    """Owns org.freedesktop.Notifications; answers Notify with ids 41, 42, ..."""

    def __init__(self, address: str) -> None:
        self.conn = open_dbus_connection(address)
        reply = self.conn.send_and_get_reply(message_bus.RequestName(BUS_NAME), timeout=5)
        assert reply.body[0] == 1  # primary owner
        self.calls: list[tuple[Any, ...]] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while not self.stop.is_set():
            try:
                msg = self.conn.receive(timeout=0.2)
            except TimeoutError:
                continue
            if msg.header.message_type == MessageType.method_call and msg.header.fields.get(3) == "Notify":
                self.calls.append(tuple(msg.body))
                self.conn.send(new_method_return(msg, "u", (40 + len(self.calls),)))

    def click(self, notification_id: int) -> None:
        address = DBusAddress(PATH, interface=BUS_NAME)
        self.conn.send(new_signal(address, "ActionInvoked", "us", (notification_id, "default")))

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        self.conn.close()


def test_no_tray_notifications_go_over_dbus_and_clicks_come_back(qtbot, session_bus):
    server = FakeNotificationServer(session_bus)
    desktop = FreedesktopNotifications()
    icon = QSystemTrayIcon()
    try:
        policy = NotificationPolicy(AppSettings(), coalesce=0.1, min_interval=0.1)
        notifier = Notifier(icon, AppSettings(), names=lambda i: f"file{i}.bin", policy=policy,
                            tray_shown=lambda: False, desktop=desktop)  # fmt: skip
        shown: list[Notification] = []
        notifier.shown.connect(shown.append)
        notifier.on_file_failed(3, "The bucket 'gone' does not exist.", True)
        qtbot.waitUntil(lambda: len(server.calls) == 1, timeout=5000)
        app, replaces, icon_name, title, body, actions, hints, timeout = server.calls[0]
        assert (app, replaces, icon_name, title, body) == ("Hoist", 0, "hoist", "Upload failed: file3.bin",
                                                "The bucket 'gone' does not exist.")  # fmt: skip
        assert actions == ["default", "Open Hoist"] and hints["urgency"] == ("y", 2) and timeout == 8000

        with qtbot.waitSignal(notifier.clicked, timeout=5000) as clicked:
            server.click(41)
        assert clicked.args == [shown[0]] and shown[0].upload_ids == (3,)
    finally:
        desktop.close()
        server.close()


def test_without_a_notification_server_nothing_breaks(qtbot, session_bus):
    desktop = FreedesktopNotifications()
    try:
        assert desktop.available() is False
        assert desktop.notify("t", "x") is None
    finally:
        desktop.close()

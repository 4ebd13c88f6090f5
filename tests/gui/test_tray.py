"""The tray (offscreen): state machine, icon pixels, tooltip, close/quit decisions, and
its menu while real uploads run against the moto server."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before pytest-qt creates the QApplication

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget

from hoist.config.settings import AppSettings, Config, TransferSettings
from hoist.connect import connection_factory
from hoist.engine.core import Engine
from hoist.engine.retry import RetryPolicy
from hoist.store.journal import Destination, Journal
from hoist.store.states import UploadState
from hoist.ui.bridge import EngineBridge
from hoist.ui.tray.controller import TrayController, no_tray_question, quit_question
from hoist.ui.tray.icon import render_tray_image
from hoist.ui.tray.integration import DesktopIntegration
from hoist.ui.tray.state import (
    ActiveUpload,
    CloseAction,
    QueueSummary,
    TrayState,
    close_action,
    menu_upload_lines,
    tooltip_text,
    tray_state,
)
from tests.helpers import MiB, make_file, object_sha256


def summary(**values: object) -> QueueSummary:
    return QueueSummary(**values)  # type: ignore[arg-type]


def flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def make_tray(qtbot):
    made: list[TrayController] = []

    def make(*args: object, **kwargs: object) -> TrayController:
        tray = TrayController(*args, retry_ms=10_000, **kwargs)  # type: ignore[arg-type]
        made.append(tray)
        return tray

    yield make
    for tray in made:
        tray.dispose()
    flush_deletes()


# -- state machine ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, TrayState.IDLE),
        ({"done": 12}, TrayState.IDLE),
        ({"queued": 2}, TrayState.UPLOADING),
        ({"running": 1, "paused": 3}, TrayState.UPLOADING),
        ({"paused": 3}, TrayState.PAUSED),
        ({"failed": 1, "running": 2}, TrayState.ERROR),
        ({"failed": 1, "paused": 2}, TrayState.ERROR),
    ],
)
def test_state_machine(values, expected):
    assert tray_state(summary(**values)) == expected


def test_controller_follows_summaries_and_redraws_only_on_change(make_tray):
    tray = make_tray()
    assert tray.state == TrayState.IDLE
    before = tray.redraws
    tray.set_summary(summary(running=1, bytes_done=100, bytes_total=1000))
    assert tray.state == TrayState.UPLOADING
    tray.set_summary(summary(running=1, bytes_done=101, bytes_total=1000))  # same ring step
    assert tray.redraws - before == 1
    tray.set_summary(summary(running=1, bytes_done=60, bytes_total=100))
    tray.set_summary(summary(paused=1, bytes_done=60, bytes_total=100))
    assert tray.state == TrayState.PAUSED
    tray.set_summary(summary(failed=1))
    assert tray.state == TrayState.ERROR
    tray.set_summary(summary(done=3))
    assert tray.state == TrayState.IDLE
    assert tray.redraws - before == 5


def test_icon_pixels_differ_between_states(qtbot, tmp_path):
    images = {
        "idle": render_tray_image(TrayState.IDLE),
        "uploading-10": render_tray_image(TrayState.UPLOADING, 0.10),
        "uploading-60": render_tray_image(TrayState.UPLOADING, 0.60),
        "paused": render_tray_image(TrayState.PAUSED, 0.60),
        "error": render_tray_image(TrayState.ERROR),
    }
    raw = {}
    for name, image in images.items():
        assert image.width() == 64 and image.height() == 64
        image.save(str(tmp_path / f"{name}.png"))
        raw[name] = bytes(image.constBits())
    names = list(raw)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert raw[a] != raw[b], f"{a} and {b} look the same"
    # The ring at 3 o'clock (25%): solid green once past 25%, the faint track before.
    at_quarter = (60, 32)
    ring = images["uploading-60"].pixelColor(*at_quarter)
    assert (ring.red() < 100, ring.green() > 150, ring.alpha()) == (True, True, 255)
    assert images["uploading-10"].pixelColor(*at_quarter).alpha() < 150
    idle = images["idle"].pixelColor(*at_quarter)  # no ring when idle: the bigger blue disc
    assert idle.blue() > idle.green() and idle.blue() > idle.red()
    # The error badge is red, the paused badge amber, in the bottom-right corner.
    red = images["error"].pixelColor(38, 50)
    assert red.red() > 180 and red.green() < 90
    amber = images["paused"].pixelColor(38, 50)
    assert amber.red() > 180 and 110 < amber.green() < 180


# -- words ------------------------------------------------------------------------------------


def test_tooltip_text():
    s = summary(running=2, queued=1, bytes_done=42 * MiB, bytes_total=100 * MiB, speed=12.4e6, eta=240)
    assert tooltip_text(s) == "Hoist - 3 uploading, 42%, 11.8 MiB/s, about 4 min left"
    assert tooltip_text(summary()) == "Hoist - nothing to upload"
    assert tooltip_text(summary(done=4)) == "Hoist - all uploads done"
    assert tooltip_text(summary(paused=2, failed=1)) == "Hoist - 2 paused, 1 failed"
    assert tooltip_text(summary(queued=1, bytes_total=10, speed=2.5e9, eta=3 * 3600 + 60 * 7)) == (
        "Hoist - 1 uploading, 0%, 2.3 GiB/s, about 3 h 7 min left"
    )
    assert (
        tooltip_text(summary(running=1, bytes_done=999, bytes_total=1000, speed=900, eta=30))
        == "Hoist - 1 uploading, 99%, 900 B/s, less than a minute left"
    )


def test_menu_lines_cap_at_five_then_and_n_more():
    active = tuple(
        ActiveUpload(i, f"file{i}.bin", i / 10, UploadState.RUNNING if i < 3 else UploadState.QUEUED)
        for i in range(1, 9)
    )
    lines = menu_upload_lines(summary(running=2, queued=6, active=active))
    assert lines == [
        "file1.bin - 10%", "file2.bin - 20%", "file3.bin - waiting", "file4.bin - waiting",
        "file5.bin - waiting", "and 3 more",
    ]  # fmt: skip


def test_menu_for_paused_and_failed_uploads(make_tray):
    tray = make_tray()
    opened: list[list[int]] = []
    tray.open_failed_requested.connect(opened.append)
    tray.set_summary(summary(paused=2, failed=2, failed_ids=(4, 9), paused_ids=(5, 6)))
    assert tray.menu_texts() == [
        "Show Hoist", "---", "2 paused, 2 failed", "---", "Resume all", "Open failed uploads (2)", "---",
        "Settings...", "Quit Hoist",
    ]  # fmt: skip
    tray.action("open-failed").trigger()  # type: ignore[union-attr]
    assert opened == [[4, 9]]
    active = (
        ActiveUpload(1, "a.bin", 0.5, UploadState.RUNNING),
        ActiveUpload(2, "R&D\nplan.pdf", 0.1, UploadState.RUNNING),
    )
    tray.set_summary(summary(running=3, bytes_done=42, bytes_total=100, speed=12.4e6, eta=240, active=active))
    texts = tray.menu_texts()
    # "&&" is how Qt shows a literal "&" (a single one would underline the next letter).
    assert texts[2:6] == [
        "3 uploading, 42%, 11.8 MiB/s, about 4 min left",
        "a.bin - 50%",
        "R&&D\\nplan.pdf - 10%",
        "---",
    ]
    assert "Pause all" in texts and "Resume all" not in texts


# -- closing and quitting ---------------------------------------------------------------------


def test_close_action_never_strands_running_uploads():
    assert close_action(tray_available=True, close_to_tray=True, uploads_active=True) == CloseAction.HIDE
    assert close_action(tray_available=False, close_to_tray=True, uploads_active=True) == CloseAction.ASK
    assert close_action(tray_available=True, close_to_tray=False, uploads_active=True) == CloseAction.ASK
    assert close_action(tray_available=False, close_to_tray=True, uploads_active=False) == CloseAction.QUIT


def test_quit_with_uploads_asks_and_says_they_resume(make_tray):
    tray = make_tray()
    asked: list[tuple[str, str, str, str]] = []
    answer = [False]

    def confirm(title: str, text: str, yes: str, no: str) -> bool:
        asked.append((title, text, yes, no))
        return answer[0]

    tray.confirm = confirm
    quits: list[bool] = []
    tray.quit_requested.connect(lambda: quits.append(True))
    tray.set_summary(summary(running=2, queued=1))
    assert tray.request_quit() is False and quits == []
    assert asked[0][1] == quit_question(3)
    assert "3 uploads are still running" in asked[0][1]
    assert "will resume the next time you start Hoist" in asked[0][1]
    assert asked[0][2:] == ("Quit", "Keep uploading")
    answer[0] = True
    assert tray.request_quit() is True and quits == [True]
    tray.set_summary(summary(done=3))
    asked.clear()
    assert tray.request_quit() is True and asked == []  # nothing running: no question


def test_close_without_tray_asks_when_uploads_run(qtbot, make_tray):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    tray = make_tray(window, AppSettings())
    assert tray.available is False  # the offscreen platform has no tray
    asked: list[str] = []
    tray.confirm = lambda title, text, yes, no: asked.append(f"{text}|{yes}|{no}") is not None and False
    tray.set_summary(summary(running=1))
    event = QCloseEvent()
    assert tray.handle_close(event) == CloseAction.ASK
    assert not event.isAccepted()
    assert asked == [f"{no_tray_question(1)}|Quit|Keep uploading in the window"]
    assert "has no system tray" in asked[0]
    tray.confirm = lambda *args: True
    quits: list[bool] = []
    tray.quit_requested.connect(lambda: quits.append(True))
    event = QCloseEvent()
    assert tray.handle_close(event) == CloseAction.QUIT
    assert event.isAccepted() and quits == [True]


def test_close_with_tray_hides_and_shows_the_hint_once(qtbot, make_tray, monkeypatch):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    settings = AppSettings()
    saved: list[bool] = []
    tray = make_tray(window, settings, lambda: saved.append(settings.tray_hint_shown))
    # As if a tray host were there (the real one: tests/desktop).
    monkeypatch.setattr(tray, "tray_shown", lambda: True)
    messages: list[str] = []
    monkeypatch.setattr(tray, "show_message", lambda title, text, *a: messages.append(title))
    tray.set_summary(summary(running=1))
    for _ in range(2):
        window.show()
        event = QCloseEvent()
        assert tray.handle_close(event) == CloseAction.HIDE
        assert not event.isAccepted() and not window.isVisible()
    assert messages == ["Hoist is still running"]
    assert settings.tray_hint_shown and saved == [True]


# -- the menu while uploads run ------------------------------------------------------------------


@pytest.fixture
def engine(home: Path, moto_endpoint: str):
    transfer = TransferSettings(
        part_size=5 * MiB, multipart_threshold=5 * MiB, concurrency=2, bandwidth_limit=256 * 1024
    )
    engine = Engine(
        Journal(home / "journal.sqlite3"),
        connection_factory(Config(), transfer),
        transfer,
        retry=RetryPolicy(max_attempts=3, base_delay=0.05),
    )
    yield engine
    engine.shutdown()


def test_menu_while_uploads_run(qtbot, engine, bucket, s3, moto_endpoint, tmp_path):
    digests = {f"f{i}.bin": make_file(tmp_path / "src" / f"f{i}.bin", 200 * 1024, seed=i) for i in range(7)}
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    bridge = EngineBridge(engine)
    desk = DesktopIntegration(window, bridge, AppSettings(), retry_ms=10_000)
    pauses: list[bool] = []
    desk.tray.pause_all_requested.connect(lambda: pauses.append(True))
    bridge.start()
    qtbot.waitUntil(lambda: engine.running, timeout=10_000)
    dest = Destination("", moto_endpoint, "us-east-1", bucket, path_style=True)
    bridge.queue_paths([str(tmp_path / "src") + "/"], dest, "in")
    qtbot.waitUntil(lambda: desk.tracker.summary().running >= 1, timeout=10_000)

    texts = desk.tray.menu_texts()
    assert texts[0] == "Hide Hoist"
    active = desk.tray.summary.in_progress  # the summary the menu was just built from
    assert active >= 6, texts
    assert texts[2].startswith(f"{active} uploading, ") and texts[2].endswith("%"), texts
    uploads = [t for t in texts if t.startswith("f") and ".bin - " in t]
    assert len(uploads) == 5, texts
    assert any(t.endswith("%") for t in uploads)
    assert texts[3 + 5] == f"and {active - 5} more"
    assert "Pause all" in texts and "Resume all" not in texts
    assert texts[-2:] == ["Settings...", "Quit Hoist"]
    assert desk.tray.icon.toolTip().startswith("Hoist - ")
    assert "uploading" in desk.tray.icon.toolTip()
    assert desk.tray.state == TrayState.UPLOADING

    desk.tray.action("pause-all").trigger()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: desk.tray.state == TrayState.PAUSED, timeout=10_000)
    assert pauses == [True]
    texts = desk.tray.menu_texts()
    assert "Resume all" in texts and "Pause all" not in texts, texts
    window.hide()
    assert desk.tray.menu_texts()[0] == "Show Hoist"

    engine.set_bandwidth_limit(0)
    desk.tray.action("resume-all").trigger()  # type: ignore[union-attr]
    try:
        qtbot.waitUntil(lambda: desk.tracker.summary().done == 7, timeout=30_000)
    except Exception:
        print({i: (u.state, u.bytes_done, u.error) for i, u in desk.tracker.uploads.items()})
        print({i: (rt.state, rt.error) for i, rt in engine.runtimes.items()})
        raise
    assert desk.tray.state == TrayState.IDLE
    assert desk.tray.icon.toolTip() == "Hoist - all uploads done"
    for name, digest in digests.items():
        assert object_sha256(s3, bucket, f"in/{name}") == digest
    desk.shutdown()
    bridge.shutdown()
    flush_deletes()


# -- settings --------------------------------------------------------------------------------------


def test_desktop_tab_of_the_settings_dialog(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from hoist.ui.dialogs.settings import SettingsDialog

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    entry = tmp_path / "config" / "autostart" / "hoist.desktop"
    app_settings = AppSettings()
    dialog = SettingsDialog(TransferSettings(), None, app_settings, tray_available=False)
    qtbot.addWidget(dialog)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["Transfers", "Desktop"]
    page = dialog.desktop
    assert page is not None
    assert (page.close_to_tray.isChecked(), page.notifications.isChecked()) == (True, True)
    page.notifications.setChecked(False)
    assert not page.notify_failures.isEnabled()  # the per-kind switches follow the main one
    page.notifications.setChecked(True)
    page.notify_batch_done.setChecked(False)
    page.close_to_tray.setChecked(False)
    page.start_minimized.setChecked(True)
    page.start_at_login.setChecked(True)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (app_settings.notify_batch_done, app_settings.notify_failures, app_settings.notify_all_done) == (
        False, True, True,
    )  # fmt: skip
    assert (app_settings.close_to_tray, app_settings.start_minimized, app_settings.start_at_login) == (
        False, True, True,
    )  # fmt: skip
    assert entry.exists() and "--minimized" in entry.read_text()

    again = SettingsDialog(TransferSettings(), None, app_settings)
    qtbot.addWidget(again)
    assert again.desktop is not None and again.desktop.start_at_login.isChecked()
    again.desktop.start_at_login.setChecked(False)
    again.accept()
    assert not entry.exists() and app_settings.start_at_login is False


def test_a_tray_that_appears_late_is_picked_up(qtbot, monkeypatch):
    from PySide6.QtWidgets import QSystemTrayIcon

    there = [False]
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: there[0]))
    tray = TrayController(retry_ms=50, retry_limit=100)
    try:
        assert tray.available is False and tray._retry.isActive()
        qtbot.wait(200)
        assert tray.available is False  # still looking
        with qtbot.waitSignal(tray.availability_changed, timeout=2000) as signal:
            there[0] = True  # the desktop's panel finished starting
        assert signal.args == [True]
        assert tray.available is True and not tray._retry.isActive()
    finally:
        tray.dispose()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_looking_for_a_tray_stops_after_the_limit(qtbot):
    tray = TrayController(retry_ms=20, retry_limit=3)  # offscreen: never a tray
    try:
        qtbot.waitUntil(lambda: not tray._retry.isActive(), timeout=2000)
        assert tray.available is False
    finally:
        tray.dispose()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize(("button", "expected"), [("Quit", True), ("Keep uploading", False)])
def test_the_real_quit_question_box(make_tray, qtbot, button, expected):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    tray = make_tray()
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        (chosen,) = [b for b in box.buttons() if b.text() == button]
        chosen.click()

    QTimer.singleShot(100, answer)
    tray.set_summary(summary(running=1))
    quits: list[bool] = []
    tray.quit_requested.connect(lambda: quits.append(True))
    assert tray.request_quit() is expected
    assert seen == [quit_question(1)] and quits == ([True] if expected else [])
    assert seen[0].startswith("1 upload is still running.")

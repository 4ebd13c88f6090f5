"""Pictures of the window mid-upload (part map visible), the profile dialog and the
history. Saved to tmp (and to docs/screenshots/ with HOIST_SCREENSHOTS=1) for a
person to look at; the test checks they are real, small PNGs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import keyring
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from hoist.store.states import UploadState
from hoist.ui.models.messages import EDIT_PROFILE
from hoist.ui.models.queue_model import Column
from tests.gui.conftest import make_config
from tests.helpers import REPO, MiB, make_file


def save(widget: QWidget, name: str, tmp_path: Path) -> Path:
    QApplication.processEvents()
    pixmap = widget.grab()
    target_dir = REPO / "docs" / "screenshots" if os.environ.get("HOIST_SCREENSHOTS") else tmp_path
    target_dir.mkdir(parents=True, exist_ok=True)
    path = target_dir / f"{name}.png"
    assert pixmap.save(str(path), "PNG", 9)
    image = QImage(str(path))
    assert image.width() >= 400 and image.height() >= 200
    assert path.stat().st_size < 400_000
    return path


def test_screenshots(make_gui: Any, qtbot: Any, tmp_path: Path, moto_endpoint: str, bucket: str) -> None:
    gui = make_gui(make_config(moto_endpoint, bucket, bandwidth_limit=12 * MiB, concurrency=4))
    window = gui.main_window
    window.resize(1100, 700)
    for i, size in enumerate((2 * MiB, 190 * MiB)):
        make_file(tmp_path / "Holiday 2026" / f"{'notes.txt' if i == 0 else 'video.mp4'}", size, seed=i)
    make_file(tmp_path / "backup.tar", 9 * MiB, seed=5)
    window.add_paths([str(tmp_path / "backup.tar")])
    window.add_paths([str(tmp_path / "Holiday 2026")])

    def big() -> Any:
        return next((p for p in gui.bridge.uploads.values() if p.name == "video.mp4"), None)

    qtbot.waitUntil(lambda: big() is not None and big().parts_done >= 6, timeout=30_000)
    window.select_uploads([big().upload_id])
    qtbot.waitUntil(lambda: window.parts.model.rowCount() == 38, timeout=5000)
    qtbot.wait(300)
    save(window, "main-window", tmp_path)

    from hoist.ui.dialogs.profile import ProfileDialog

    dialog = ProfileDialog(gui.config.profiles["local"], set(gui.config.profiles), window)
    dialog.source.setCurrentIndex(0)  # access key + secret in the OS keyring
    dialog.access_key.setText("AKIAIOSFODNN7EXAMPLE")
    dialog.secret.setText("not-a-real-secret")
    dialog.prefix.setText("photos/2026")
    dialog.show()
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_result.text().startswith("Connected"), timeout=15_000)
    save(dialog, "profile-dialog", tmp_path)
    dialog.close()

    # The same dialog when Test connection answers in several lines (issue 12, item 9), on
    # a machine with no keyring: its two-line note was cut at top and bottom.
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        long = ProfileDialog(gui.config.profiles["local"], set(gui.config.profiles), window)
        long.bucket.setText("no-such-bucket-for-the-holiday-photos-2026")
        long.source.setCurrentIndex(0)
        long.access_key.setText("AKIAIOSFODNN7EXAMPLE")
        long.secret.setText("not-a-real-secret")
        long.show()
        long.test_button.click()
        qtbot.waitUntil(lambda: "no-such-bucket-for-the-holiday" in long.test_result.text(), timeout=15_000)
        assert "No OS keyring is available" in long.keyring_note.text()
        save(long, "profile-dialog-long-answer", tmp_path)
        long.close()
    finally:
        keyring.set_keyring(previous)

    from hoist.ui.dialogs.settings import SettingsDialog

    settings = SettingsDialog(gui.config.transfer, window, gui.config.app)
    settings.part_size.setCurrentIndex(0)  # "Automatic (16 MiB, larger for big files)": it was cut
    settings.show()
    save(settings, "settings-dialog", tmp_path)
    settings.close()

    window.bridge.cancel([big().upload_id])
    qtbot.waitUntil(lambda: big().state == UploadState.CANCELLED, timeout=10_000)
    window.select_uploads([big().upload_id])
    qtbot.wait(600)
    save(window, "cancelled-row", tmp_path)
    qtbot.waitUntil(lambda: sum(p.state == UploadState.DONE for p in gui.bridge.uploads.values()) == 2,
                    timeout=30_000)  # fmt: skip
    window.open_history()
    history = window._history
    qtbot.waitUntil(lambda: history.model.rowCount() == 2, timeout=5000)
    save(history, "history", tmp_path)
    history.close()


def test_screenshot_of_a_failed_row(make_gui: Any, qtbot: Any, tmp_path: Path, moto_endpoint: str) -> None:
    gui = make_gui(make_config(moto_endpoint, "no-such-bucket-here"))
    window = gui.main_window
    window.resize(1100, 500)
    make_file(tmp_path / "report.pdf", 1000)
    window.add_paths([str(tmp_path / "report.pdf")])
    qtbot.waitUntil(lambda: any(p.state == UploadState.FAILED for p in gui.bridge.uploads.values()),
                    timeout=20_000)  # fmt: skip
    window.select_uploads([p.upload_id for p in gui.bridge.uploads.values()])
    qtbot.waitUntil(lambda: window.parts.model.rowCount() == 1 and window.parts.model.part(0).state == "stopped",
                    timeout=5000)  # fmt: skip
    qtbot.wait(400)
    save(window, "failed-row", tmp_path)
    # What the picture shows, in words (issue 12): the name once, a sentence with what to do,
    # the part not sent (nothing retries it), its last error the same sentence, no S3 code.
    (failed,) = gui.bridge.uploads.values()
    state = window.model.data(window.model.upload_index(failed.upload_id, Column.STATE))
    sentence = (f"The bucket 'no-such-bucket-here' does not exist at {moto_endpoint}. Check the bucket name "
                f"and the endpoint: {EDIT_PROFILE}, then press Retry failed.")  # fmt: skip
    assert state == f"failed: {sentence}"
    table = window.parts.model
    assert [table.data(table.index(0, c)) for c in (3, 6)] == ["not sent", sentence]

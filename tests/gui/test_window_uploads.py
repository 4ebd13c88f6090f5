"""The window against a real S3 HTTP server: drop files, watch them finish, check bytes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFileOpenEvent
from PySide6.QtWidgets import QApplication

from hoist.store.states import UploadState
from hoist.ui.models.queue_model import Column
from tests.helpers import MiB, make_file, object_sha256


def drop(window: Any, paths: list[str]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(p) for p in paths])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    assert window.overlay.isVisible()  # the drop highlight
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(window, event)
    assert not window.overlay.isVisible()


def states(gui: Any) -> dict[str, UploadState]:
    return {p.key: p.state for p in gui.bridge.uploads.values()}


def test_dropped_files_and_folder_upload_byte_identical(gui, qtbot, tmp_path, s3, bucket):
    window = gui.main_window
    window.prefix.setText("dropped")
    single = tmp_path / "report.pdf"
    digests = {"dropped/report.pdf": make_file(single, 11 * MiB + 3, seed=1)}
    folder = tmp_path / "photos"
    digests["dropped/photos/a.jpg"] = make_file(folder / "a.jpg", 1234, seed=2)
    digests["dropped/photos/sub/b.raw"] = make_file(folder / "sub" / "b.raw", 6 * MiB, seed=3)
    drop(window, [str(single)])
    drop(window, [str(folder)])
    qtbot.waitUntil(lambda: len(states(gui)) == 3 and all(s == UploadState.DONE for s in states(gui).values()),
                    timeout=60_000)  # fmt: skip
    for key, digest in digests.items():
        assert object_sha256(s3, bucket, key) == digest
    model = window.model
    # Two batches (one per drop); the folder's batch holds its two files.
    assert model.rowCount() == 2
    folder_batch = model.index(1, 0)
    assert model.rowCount(folder_batch) == 2
    assert "photos" in model.data(folder_batch)
    assert model.data(model.index(1, Column.STATE)) == "2 done"
    row = model.index(0, Column.STATE, model.index(0, 0))
    assert model.data(row) == "done"
    assert model.data(model.index(0, Column.PROGRESS, model.index(0, 0))) == "100%"
    qtbot.waitUntil(lambda: "3 done" in window.status_text.text(), timeout=5000)


def test_files_opened_through_the_system_become_one_batch(gui, qtbot, tmp_path, s3, bucket):
    """macOS "Open With > Hoist" / a drop on the Dock icon: one QFileOpenEvent per file."""
    window = gui.main_window
    window.hide()  # Hoist sits in the tray; opening files brings it forward
    digests = {name: make_file(tmp_path / name, size, seed=seed)
               for name, size, seed in (("one.bin", 300, 1), ("two.bin", 6 * MiB, 2))}  # fmt: skip
    app = QApplication.instance()
    for name in digests:
        assert QApplication.sendEvent(app, QFileOpenEvent(str(tmp_path / name)))
    qtbot.waitUntil(lambda: len(states(gui)) == 2 and all(s == UploadState.DONE for s in states(gui).values()),
                    timeout=30_000)  # fmt: skip
    assert window.isVisible()
    assert window.model.rowCount() == 1  # both files in one batch
    for name, digest in digests.items():
        assert object_sha256(s3, bucket, name) == digest


def test_a_big_batch_starts_collapsed_a_small_one_open(gui, qtbot, tmp_path, monkeypatch, s3, bucket):
    """Rows inserted under an open batch make the view lay out all of it again: a folder
    of thousands of files stays one row until the person opens it."""
    import hoist.ui.window.main_window as main_window

    monkeypatch.setattr(main_window, "AUTO_EXPAND_FILES", 3)
    window = gui.main_window
    for i in range(4):
        make_file(tmp_path / "big" / f"{i}.txt", 10, seed=i)
    make_file(tmp_path / "small" / "one.txt", 10, seed=9)
    drop(window, [str(tmp_path / "big")])
    qtbot.waitUntil(
        lambda: window.model.rowCount() == 1 and window.model.rowCount(window.model.index(0, 0)) == 4
    )
    drop(window, [str(tmp_path / "small")])
    qtbot.waitUntil(
        lambda: window.model.rowCount() == 2 and window.model.rowCount(window.model.index(1, 0)) == 1
    )
    assert not window.tree.isExpanded(window.model.index(0, 0))
    assert window.tree.isExpanded(window.model.index(1, 0))
    qtbot.waitUntil(lambda: len(states(gui)) == 5 and all(s == UploadState.DONE for s in states(gui).values()),
                    timeout=30_000)  # fmt: skip
    assert object_sha256(s3, bucket, "big/3.txt") == make_file(tmp_path / "check.txt", 10, seed=3)

"""Issue 12, item 13, the main window: the status bar says what is true now, speeds and
times left a person can trust, batches that tell the truth about cancelled files, new
batches in view, failed parts that say why, shortcuts that never fail silently, and a
queue that shows rows at the smallest window. Flows in the order a person does them."""

from __future__ import annotations


from PySide6.QtCore import Qt

from hoist.store.states import UploadState
from tests.gui.conftest import make_config
from tests.gui.test_window_controls import upload
from tests.helpers import make_file


def test_show_local_file_says_so_when_no_file_manager_opens(make_gui, qtbot, tmp_path, moto_endpoint, bucket):
    """Ctrl+L did nothing at all on a machine with no file manager (no xdg-open): the
    status bar now says so and where the file is. (Offscreen Qt has no launcher either.)"""
    gui = make_gui(make_config(moto_endpoint, bucket))
    window = gui.main_window
    make_file(tmp_path / "report.pdf", 1000)
    window.add_paths([str(tmp_path / "report.pdf")])
    qtbot.waitUntil(lambda: upload(gui, "report.pdf") is not None
                    and upload(gui, "report.pdf").state == UploadState.DONE, timeout=20_000)  # fmt: skip
    window.select_uploads([upload(gui, "report.pdf").upload_id])
    window.activateWindow()
    qtbot.keyClick(window.tree, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == (
        "No file manager opened the folder: none is set up on this computer. The file is "
        f"{tmp_path / 'report.pdf'}"
    )

"""The window with an upload-service profile: made in the profile dialog (kind "Upload
service"), tested, saved with its token in the keyring only; a dropped file goes up through
a real Companion and its row reaches done showing the key the service chose."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hoist.config.paths import resolve_paths
from hoist.config.secrets import bound_to
from hoist.config.settings import Config, ProfileKind, load_config
from hoist.store.states import UploadState
from hoist.ui.dialogs.profile import KINDS
from hoist.ui.models.queue_model import Column
from tests.functional.test_service_companion import (  # noqa: F401 - fixtures
    companion,
    seaweed,
    sha256_of_object,
    storage_proxy,
)
from tests.helpers import make_file
from tests.server.services import BUCKET

TOKEN = "org-token-8Jq2-not-for-files"


def test_service_profile_in_the_dialog_then_a_drop_uploads_through_it(
    make_gui,
    qtbot,
    memory_keyring,
    home,
    companion,  # noqa: F811
    seaweed,  # noqa: F811
):
    gui = make_gui(Config())
    window = gui.main_window
    qtbot.waitUntil(lambda: getattr(gui, "_welcome", None) is not None and gui._welcome.isVisible())
    gui._welcome.connect_button.click()
    dialog = window._profile_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.name.setText("org uploads")
    dialog.kind.setCurrentIndex([k for k, _ in KINDS].index(ProfileKind.SERVICE))
    assert dialog.service_box.isVisible() and not dialog.bucket.isVisible()
    dialog.service_url.setText("ftp://nope")
    dialog.accept()
    assert dialog.isVisible() and "http(s) URL of an upload service" in dialog.error.text()
    dialog.service_url.setText(companion.url + "/not-here")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "route" in dialog.test_result.text(), timeout=15_000)
    dialog.service_url.setText(companion.url)
    dialog.token.setText(TOKEN)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_result.text().startswith("Connected"), timeout=15_000)
    assert "accepts the token" in dialog.test_result.text()
    dialog.accept()
    assert not dialog.isVisible()
    bound = bound_to(dialog.result_profile)  # the service URL: the token is not sent to another
    assert memory_keyring.store == {("hoist", f"org uploads:service_token@{bound}"): TOKEN}
    config_file = resolve_paths(home).config_file
    qtbot.waitUntil(lambda: config_file.exists() and "org uploads" in config_file.read_text())
    assert TOKEN not in config_file.read_text()
    assert load_config(config_file).profiles["org uploads"].service_url == companion.url

    path = home.parent / "report 2026.pdf"
    digest = make_file(path, 7 * 1024 * 1024, seed=3)
    window.add_paths([str(path)])
    qtbot.waitUntil(lambda: any(p.state == UploadState.DONE for p in gui.bridge.uploads.values()),
                    timeout=30_000)  # fmt: skip
    [upload] = gui.bridge.uploads.values()
    assert upload.bucket == BUCKET and upload.key.endswith("-report 2026.pdf") and upload.key != path.name
    assert sha256_of_object(seaweed, BUCKET, upload.key) == digest
    model = window.model
    shown = [
        model.data(model.index(r, Column.DESTINATION, model.index(b, 0)), Qt.ItemDataRole.DisplayRole)
        for b in range(model.rowCount())
        for r in range(model.rowCount(model.index(b, 0)))
    ]
    assert any(upload.key in str(text) for text in shown), shown
    for file in home.rglob("*"):
        if file.is_file() and not file.name.endswith(".lock"):
            assert TOKEN.encode() not in file.read_bytes(), file

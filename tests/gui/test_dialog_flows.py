"""After a dialog saves, the main flow still works: the steps a person takes, in order.

Each dialog was tested on its own and the suite was green, yet Save in Transfer settings
broke every later add until a restart, and a secret corrected in the profile dialog was
ignored by uploads until a restart. These tests press Save and then carry on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from hoist.config.settings import Config
from hoist.store.states import UploadState
from hoist.ui.dialogs.errors import ErrorDialog
from hoist.ui.models.messages import EDIT_PROFILE
from hoist.ui.models.queue_model import Column
from hoist.ui.tray.notifications import Kind as NoticeKind
from tests.gui.conftest import make_config
from tests.helpers import MiB, make_file, object_sha256, sha256_file
from tests.support.rclone import ACCESS, BUCKET, SECRET, rclone_server  # noqa: F401 - the `rclone` fixture


def press_save(qtbot, dialog: QDialog) -> None:
    """Click the dialog's Save button, as a person does."""
    buttons = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def upload_named(gui, key: str):
    return next((p for p in gui.bridge.uploads.values() if p.key == key), None)


def wait_done(qtbot, gui, key: str) -> None:
    def finished() -> bool:
        p = upload_named(gui, key)
        return p is not None and p.state == UploadState.DONE

    qtbot.waitUntil(finished, timeout=30_000)


def test_save_in_transfer_settings_then_added_files_upload(
    make_gui, qtbot, tmp_path, moto_endpoint, bucket, s3
):
    gui = make_gui(make_config(moto_endpoint, bucket))
    window = gui.main_window

    # Settings > Transfer settings..., change nothing, Save.
    window.action_map["settings"].trigger()
    dialog = window._settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    press_save(qtbot, dialog)
    assert not dialog.isVisible()

    # Then add a file: it uploads (it was a crash dialog and nothing queued).
    digest = make_file(tmp_path / "after-save.bin", 6 * MiB + 3, seed=7)
    assert window.add_paths([str(tmp_path / "after-save.bin")])
    wait_done(qtbot, gui, "after-save.bin")
    assert object_sha256(s3, bucket, "after-save.bin") == digest
    assert window.findChild(ErrorDialog) is None
    assert not window.statusBar().currentMessage().startswith("Adding")

    # Again, now choosing "Keep both": the same file goes up next to the first one.
    window.action_map["settings"].trigger()
    dialog = window._settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.if_exists.setCurrentIndex(dialog.if_exists.findText("Keep both (upload as 'name (1)')"))
    press_save(qtbot, dialog)
    assert not dialog.isVisible()
    assert window.add_paths([str(tmp_path / "after-save.bin")])
    wait_done(qtbot, gui, "after-save (1).bin")
    assert object_sha256(s3, bucket, "after-save (1).bin") == digest
    assert object_sha256(s3, bucket, "after-save.bin") == digest
    assert window.findChild(ErrorDialog) is None


def test_an_add_that_fails_says_so_in_the_window(
    make_gui, qtbot, tmp_path, moto_endpoint, bucket, monkeypatch
):
    """A bug while adding: the crash dialog, and the status bar says nothing was added
    (it stayed on "Adding 1 item..." as if the files were on their way)."""
    gui = make_gui(make_config(moto_endpoint, bucket))
    window = gui.main_window

    def broken(*_args, **_kwargs):
        raise AttributeError("'str' object has no attribute 'value'")

    monkeypatch.setattr(gui.engine, "queue_paths", broken)
    make_file(tmp_path / "a.txt", 10)
    assert window.add_paths([str(tmp_path / "a.txt")])
    qtbot.waitUntil(lambda: window.findChild(ErrorDialog) is not None)
    assert window.statusBar().currentMessage() == (
        "Nothing was added: Hoist ran into an unexpected error (details shown)."
    )
    window.findChild(ErrorDialog).close()

    # A path that is gone: the sentence, in a box and in the status bar.
    monkeypatch.undo()
    assert window.add_paths([str(tmp_path / "gone.txt")])
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Nothing was added: "))
    assert "gone.txt" in window.statusBar().currentMessage()
    assert gui.journal.list_uploads() == []


def test_a_secret_corrected_in_the_profile_dialog_is_used_by_retry_and_new_uploads(
    make_gui, qtbot, memory_keyring, tmp_path, rclone
):
    """rclone checks signatures. A new person types a wrong secret, uploads, sees the
    failure in the same words as Test connection, fixes the secret, saves, retries."""
    endpoint, root = rclone
    gui = make_gui(Config())  # first run: no storage yet
    window = gui.main_window
    qtbot.waitUntil(lambda: getattr(gui, "_welcome", None) is not None and gui._welcome.isVisible())
    gui._welcome.connect_button.click()
    dialog = window._profile_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.name.setText("rclone here")
    dialog.endpoint.setText(endpoint)
    dialog.bucket.setText(BUCKET)
    dialog.path_style.setChecked(True)
    dialog.source.setCurrentIndex(0)  # access key, secret in the keyring
    dialog.access_key.setText(ACCESS)
    dialog.secret.setText("not-the-secret")
    press_save(qtbot, dialog)
    assert not dialog.isVisible()

    # The upload fails, in words, as something the person must fix.
    digest = make_file(tmp_path / "mid.bin", 6 * MiB + 5, seed=3)
    assert window.add_paths([str(tmp_path / "mid.bin")])
    qtbot.waitUntil(lambda: (p := upload_named(gui, "mid.bin")) is not None and p.state == UploadState.FAILED,
                    timeout=30_000)  # fmt: skip
    row_text = window.model.data(
        window.model.upload_index(upload_named(gui, "mid.bin").upload_id, Column.STATE)
    )

    # Test connection in the profile dialog says the same sentence.
    window.edit_current_profile()
    dialog = window._profile_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled() and dialog.test_result.text() != "Testing...",
                    timeout=15_000)  # fmt: skip
    sentence = dialog.test_result.text()
    first = sentence.split(". ")[0] + "."
    assert first in (f"The access key is not known to {endpoint}.",
                     f"The secret key does not match the access key for {endpoint}.")  # fmt: skip
    # The row says the same, then what to do in the window (no file name in front, twice).
    fix = (f"Check the access key and secret key: {EDIT_PROFILE}, correct them and save; the uploads that "
           "failed for this start again.")  # fmt: skip
    assert row_text == f"failed: {first} {fix}"
    notifier = gui.desktop.notifier
    qtbot.waitUntil(lambda: notifier.last is not None, timeout=15_000)
    assert (notifier.last.kind, notifier.last.warning) == (NoticeKind.FAILURE, True)
    assert notifier.last.title == "Upload failed: mid.bin"
    assert notifier.last.text.startswith(f"{first} {fix}")

    # Type the right secret: Test connection agrees; Save.
    dialog.secret.setText(SECRET)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_result.text().startswith("Connected"), timeout=15_000)
    press_save(qtbot, dialog)
    assert not dialog.isVisible()

    # It uploads with the new secret, no restart and no Retry failed: it waited for it.
    wait_done(qtbot, gui, "mid.bin")
    assert sha256_file(root / BUCKET / "mid.bin") == digest
    # And a new upload too.
    other = make_file(tmp_path / "new.bin", 1000, seed=4)
    assert window.add_paths([str(tmp_path / "new.bin")])
    wait_done(qtbot, gui, "new.bin")
    assert sha256_file(root / BUCKET / "new.bin") == other


def test_uploads_that_failed_for_a_missing_secret_go_on_once_it_is_entered(
    make_gui, qtbot, memory_keyring, tmp_path, moto_endpoint, bucket, s3
):
    """No OS keyring kept the secret (issue 12, item 5): the queued uploads fail with a
    window sentence (not "big.bin: big.bin: ... `hoist profile set`"), and entering the
    secret in the profile dialog sends them without a Retry failed."""
    from hoist.config.settings import CredentialSource, Profile
    from hoist.ui.context import destination_for

    profile = Profile(name="rclone local", endpoint_url=moto_endpoint, bucket=bucket, path_style=True,
                      credential_source=CredentialSource.KEYRING, access_key_id="AKID")  # fmt: skip
    gui = make_gui(Config(profiles={profile.name: profile}, default_profile=profile.name))
    window = gui.main_window
    digest = make_file(tmp_path / "big.bin", 6 * MiB + 1, seed=9)
    # Queued as after a restart: the engine has it, the secret is not there.
    gui.bridge.queue_paths([str(tmp_path / "big.bin")], destination_for(profile), "")
    qtbot.waitUntil(lambda: (p := upload_named(gui, "big.bin")) is not None and p.state == UploadState.FAILED,
                    timeout=20_000)  # fmt: skip
    upload_id = upload_named(gui, "big.bin").upload_id
    row_text = window.model.data(window.model.upload_index(upload_id, Column.STATE))
    assert row_text == (
        "failed: The secret key of the storage profile 'rclone local' is not stored on this computer (no "
        f"keyring kept it). Enter it in the profile ({EDIT_PROFILE}) and save: the uploads waiting for it "
        "start again by themselves."
    )

    window.edit_current_profile()
    dialog = window._profile_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.secret.setText("any-secret-moto-takes")
    press_save(qtbot, dialog)
    assert not dialog.isVisible()
    wait_done(qtbot, gui, "big.bin")  # no Retry failed pressed
    assert object_sha256(s3, bucket, "big.bin") == digest

"""The profile dialog (secrets to the keyring only), transfer settings, history export,
the demo storage, and how `hoist` starts (no display, journal already in use)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import keyring
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtWidgets import QLabel

from hoist.config.paths import resolve_paths
from hoist.config.secrets import bound_to, secrets
from hoist.config.settings import Config, CredentialSource, IfExists, Profile, load_config
from hoist.store.states import UploadState
from hoist.ui.dialogs.profile import ProfileDialog
from tests.gui.conftest import make_config
from tests.helpers import REPO, hoist_env, make_file, object_sha256

SECRET = "wJalrXUtnFEMI-very-secret-KEY"


def fill(dialog: ProfileDialog, endpoint: str, bucket: str) -> None:
    dialog.name.setText("minio at home")
    dialog.endpoint.setText(endpoint)
    dialog.bucket.setText(bucket)
    dialog.prefix.setText("/backups/")
    dialog.path_style.setChecked(True)
    dialog.source.setCurrentIndex(0)  # keyring
    dialog.access_key.setText("AKIAHOISTTEST")
    dialog.secret.setText(SECRET)


def test_profile_dialog_keeps_the_secret_in_the_keyring_only(make_gui, qtbot, memory_keyring, home,
                                                             moto_endpoint, bucket, s3):  # fmt: skip
    gui = make_gui(Config())  # first run: no profile
    window = gui.main_window
    qtbot.waitUntil(lambda: getattr(gui, "_welcome", None) is not None and gui._welcome.isVisible())
    gui._welcome.connect_button.click()
    dialog = window._profile_dialog
    qtbot.waitUntil(dialog.isVisible)
    fill(dialog, moto_endpoint, bucket)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_result.text().startswith("Connected"), timeout=15_000)
    assert dialog.test_result.text() == (f"Connected: the bucket '{bucket}' at {moto_endpoint} accepts "
                                         "these credentials.")  # fmt: skip
    dialog.bucket.setText("missing-bucket")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "does not exist" in dialog.test_result.text(), timeout=15_000)
    assert dialog.test_result.text() == (f"The bucket 'missing-bucket' does not exist at {moto_endpoint}. "
                                         "Check the bucket name and the endpoint in the profile.")  # fmt: skip
    dialog.bucket.setText(bucket)
    dialog.metadata.setText("owner")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text() == "Metadata: 'owner' is not NAME=VALUE (e.g. owner=ana)."
    dialog.metadata.setText("owner=ana, project=q4")
    dialog.accept()
    assert not dialog.isVisible()

    bound = bound_to(dialog.result_profile)  # the endpoint and access key id it unlocks
    assert memory_keyring.store == {("hoist", f"minio at home:secret_access_key@{bound}"): SECRET}
    config_file = resolve_paths(home).config_file
    qtbot.waitUntil(config_file.exists)
    qtbot.waitUntil(lambda: "minio at home" in config_file.read_text())
    text = config_file.read_text()
    assert SECRET not in text
    saved = load_config(config_file).profiles["minio at home"]
    assert (saved.credential_source, saved.access_key_id, saved.prefix) == (
        CredentialSource.KEYRING,
        "AKIAHOISTTEST",
        "backups",
    )
    assert window.profile_box.currentText() == "minio at home"
    assert window.prefix.text() == "backups"

    # Edit again: the stored secret is never shown back.
    again = ProfileDialog(saved, {"minio at home"}, window)
    assert again.secret.text() == ""
    assert "stored" in again.secret.placeholderText()
    assert SECRET not in again.grab().toImage().text()
    again.reject()

    # The keyring credentials work for a real upload through the window.
    path = home.parent / "k.bin"
    digest = make_file(path, 1000, seed=9)
    window.add_paths([str(path)])
    qtbot.waitUntil(lambda: any(p.state == UploadState.DONE for p in gui.bridge.uploads.values()),
                    timeout=20_000)  # fmt: skip
    assert object_sha256(s3, bucket, "backups/k.bin") == digest
    assert s3.head_object(Bucket=bucket, Key="backups/k.bin")["Metadata"] == {"owner": "ana", "project": "q4"}
    for file in home.rglob("*"):
        if file.is_file() and not file.name.endswith((".lock",)):
            assert SECRET.encode() not in file.read_bytes(), file


def test_without_a_keyring_the_dialog_says_so_and_keeps_the_secret_for_the_session(qtbot):
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        dialog = ProfileDialog(None, set())
        qtbot.addWidget(dialog)
        assert "No OS keyring is available" in dialog.keyring_note.text()
        assert dialog.session_only.isChecked() and not dialog.session_only.isEnabled()
        fill(dialog, "http://127.0.0.1:9", "b")
        dialog.accept()
        assert dialog.result_profile is not None
        assert dialog.stored_in_keyring is False
        bound = bound_to(dialog.result_profile)
        assert secrets.get("minio at home", "secret_access_key", bound) == SECRET
        assert secrets.get("minio at home", "secret_access_key") is None  # only under what it unlocks
    finally:
        secrets.delete("minio at home", "secret_access_key", bound_to(dialog.result_profile))
        keyring.set_keyring(previous)


def test_transfer_settings_apply_and_save(make_gui, qtbot, home, moto_endpoint, bucket):
    from hoist.ui.dialogs.settings import SettingsDialog

    gui = make_gui(make_config(moto_endpoint, bucket))
    window = gui.main_window
    window.open_settings()
    dialog: SettingsDialog = window._settings_dialog
    dialog.part_size.setCurrentText("4 MiB")
    dialog.accept()
    assert dialog.isVisible()
    assert (
        dialog.error.text() == "Part size: A part size of 4.0 MiB is below S3's minimum of 5.0 MiB per part."
    )
    dialog.part_size.setCurrentIndex(0)  # automatic
    dialog.bandwidth.setText("2 MiB")
    dialog.if_exists.setCurrentIndex(3)
    dialog.concurrency.setValue(12)
    dialog.offline_wait.setValue(5)
    dialog.accept()
    assert gui.engine.settings.part_size == 0
    assert gui.engine.bandwidth.rate == 2 * 1024 * 1024
    assert (gui.engine.gate.maximum, gui.engine.settings.concurrency) == (12, 12)  # live, no restart
    assert gui.engine.settings.offline_wait == 300.0
    assert gui.engine.settings.if_exists == IfExists.RENAME
    config_file = resolve_paths(home).config_file
    qtbot.waitUntil(
        lambda: config_file.exists() and load_config(config_file).transfer.if_exists == IfExists.RENAME
    )


def test_history_search_and_export(make_gui, qtbot, tmp_path, moto_endpoint, bucket):
    gui = make_gui(make_config(moto_endpoint, bucket))
    window = gui.main_window
    for name in ("alpha.txt", "beta.txt", "alphabet.txt"):
        make_file(tmp_path / "in" / name, 50)
    window.add_paths([str(tmp_path / "in")])
    qtbot.waitUntil(lambda: len(gui.bridge.uploads) == 3
                    and all(p.state == UploadState.DONE for p in gui.bridge.uploads.values()), timeout=20_000)  # fmt: skip
    window.open_history()
    history = window._history
    qtbot.waitUntil(lambda: history.model.rowCount() == 3)
    history.search.setText("alpha")
    qtbot.waitUntil(lambda: history.model.rowCount() == 2)
    assert history.count.text() == "2 finished uploads"
    history.export("csv", str(tmp_path / "h.csv"))
    history.export("json", str(tmp_path / "h.json"))
    qtbot.waitUntil(lambda: (tmp_path / "h.json").exists() and "Exported 2" in history.count.text())
    with open(tmp_path / "h.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    records = json.loads((tmp_path / "h.json").read_text())
    assert sorted(r["key"] for r in rows) == ["in/alpha.txt", "in/alphabet.txt"]
    assert {r["sha256"] for r in records} == {r["sha256"] for r in rows}
    assert all(len(r["sha256"]) == 64 and r["etag"] for r in records)
    history.close()


def test_demo_storage_uploads_and_is_never_saved(make_gui, qtbot, home, tmp_path):
    gui = make_gui(Config())
    window = gui.main_window
    qtbot.waitUntil(lambda: getattr(gui, "_welcome", None) is not None and gui._welcome.isVisible())
    gui._welcome.demo.click()
    qtbot.waitUntil(lambda: window.current_profile() is not None, timeout=30_000)
    assert window.demo_note.isVisible()
    assert "Temporary in-memory demo storage" in window.demo_note.text()
    make_file(tmp_path / "hello.txt", 20)
    window.add_paths([str(tmp_path / "hello.txt")])
    qtbot.waitUntil(lambda: any(p.state == UploadState.DONE for p in gui.bridge.uploads.values()),
                    timeout=20_000)  # fmt: skip
    gui.ctx.save_config()
    config_file = resolve_paths(home).config_file
    qtbot.waitUntil(config_file.exists)
    qtbot.wait(200)
    assert "Demo" not in config_file.read_text() and "demo-secret" not in config_file.read_text()


def test_no_display_prints_one_line_and_exits_non_zero(home):
    env = hoist_env(home)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-m", "hoist"], env=env, capture_output=True, text=True,
                            timeout=60, cwd=str(REPO))  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "no graphical display" in lines[0] and "hoist upload" in lines[0]


def test_a_second_engine_on_the_journal_is_refused_in_words(qtbot, home):
    from hoist.ui.app import HoistGui

    paths = resolve_paths(home).ensure()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from filelock import FileLock; l = FileLock(sys.argv[1]); "
         "l.acquire(); print('held', flush=True); time.sleep(60)", str(paths.engine_lock)],
        stdout=subprocess.PIPE, text=True, env=dict(os.environ),
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        message = HoistGui(paths, Config()).acquire_lock()
        assert message is not None
        assert message.startswith(f"Another Hoist is already uploading with this journal ({paths.data_dir})")
    finally:
        holder.kill()
        holder.wait()
    assert HoistGui(paths, Config()).acquire_lock() is None


def test_an_unexpected_exception_shows_details_to_copy_and_is_logged(make_gui, qtbot, home, moto_endpoint,
                                                                    bucket, monkeypatch):  # fmt: skip
    import logging
    import logging.handlers
    import threading

    from PySide6.QtGui import QGuiApplication

    from hoist.logs import setup_logging
    from hoist.ui.app import install_excepthooks
    from hoist.ui.dialogs.errors import ErrorDialog

    gui = make_gui(make_config(moto_endpoint, bucket))
    setup_logging(resolve_paths(home).log_file)  # as run_gui does
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # both restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_excepthooks(gui)
    try:
        raise RuntimeError("the frobnicator broke")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    dialog = gui.main_window.findChild(ErrorDialog)
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert "RuntimeError: the frobnicator broke" in dialog.findChild(QLabel).text()
    dialog.copy_details()
    assert 'raise RuntimeError("the frobnicator broke")' in QGuiApplication.clipboard().text()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            handler.close()
            root.removeHandler(handler)
    log_text = resolve_paths(home).log_file.read_text()
    assert "Unexpected error" in log_text and "the frobnicator broke" in log_text
    dialog.close()


def test_a_profile_whose_secret_is_gone_says_so_before_queueing(make_gui, qtbot, memory_keyring, tmp_path,
                                                                moto_endpoint, bucket):  # fmt: skip
    from PySide6.QtWidgets import QMessageBox

    config = make_config(moto_endpoint, bucket)
    profile = config.profiles["local"]
    profile.credential_source, profile.access_key_id = CredentialSource.KEYRING, "AKIAHOISTTEST"
    gui = make_gui(config)
    window = gui.main_window
    make_file(tmp_path / "a.txt", 5)
    assert window.add_paths([str(tmp_path / "a.txt")])
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "problemBox") is not None)
    box = window.findChild(QMessageBox, "problemBox")
    assert box.text().startswith("The secret key for the profile 'local' is not available")
    assert window._profile_dialog.isVisible()
    assert gui.journal.list_uploads() == []  # nothing was queued


def test_removing_a_profile_forgets_it_and_its_secret(make_gui, qtbot, memory_keyring, home, moto_endpoint,
                                                      bucket):  # fmt: skip
    config = make_config(moto_endpoint, bucket)
    secrets.set("local", "secret_access_key", SECRET)
    gui = make_gui(config)
    window = gui.main_window
    window.action_map["remove_profile"].trigger()
    assert window.current_profile() is None
    assert window.profile_box.currentText() == "No storage yet: set one up"
    qtbot.waitUntil(lambda: memory_keyring.store == {})
    config_file = resolve_paths(home).config_file
    qtbot.waitUntil(lambda: config_file.exists() and load_config(config_file).profiles == {})


def test_unfinished_demo_uploads_from_a_past_session_are_cancelled_in_words(make_gui, qtbot, home, tmp_path):
    """Left queued by a kill -9 (no quit): closed at the next start all the same."""
    from hoist.connect import connection_factory
    from hoist.engine.core import Engine
    from hoist.store.journal import Destination, Journal
    from hoist.ui.demo import DEMO_PROFILE

    journal = Journal(resolve_paths(home).ensure().journal)
    engine = Engine(journal, connection_factory(Config(), Config().transfer))
    make_file(tmp_path / "old.bin", 10)
    engine.queue_paths([str(tmp_path / "old.bin")], Destination(DEMO_PROFILE, "http://127.0.0.1:9", "us-east-1",
                                                                 "hoist-demo", True))  # fmt: skip
    journal.close()
    gui = make_gui(Config())
    qtbot.waitUntil(
        lambda: any(p.state == UploadState.CANCELLED for p in gui.bridge.uploads.values()), timeout=10_000
    )
    (row,) = gui.journal.list_uploads()
    assert row.error == ("old.bin: The demo storage was emptied when Hoist quit, and this upload with it. Add "
                         "the file again to upload it.")  # fmt: skip


def test_profile_dialog_switches_the_etag_check(qtbot):
    dialog = ProfileDialog(Profile(name="kms", bucket="b", verify_etag=False), set(), None)
    qtbot.addWidget(dialog)
    assert not dialog.verify_etag.isChecked()
    assert dialog.build_profile().verify_etag is False
    dialog.verify_etag.setChecked(True)
    assert dialog.build_profile().verify_etag is True
    assert ProfileDialog(None, set(), None).verify_etag.isChecked()  # on for new profiles


def test_the_window_refuses_a_journal_others_can_write_in_a_box(qtbot, home, monkeypatch):
    """Started from a menu nobody reads stderr: the refusal is a message box too."""
    from PySide6.QtWidgets import QMessageBox

    from hoist.ui import app as app_module

    resolve_paths(home).ensure()
    (home / "journal.sqlite3").touch()
    os.chmod(home / "journal.sqlite3", 0o666)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(app_module, "display_problem", lambda: None)
    assert app_module.run_gui(["--home", str(home)]) == 1
    assert len(shown) == 1 and "other accounts can write to this file" in shown[0]

"""Issue 12, the dialogs: nothing clipped in the profile and settings dialogs, History's
receipts and exports in a person's words, and a file dialog that never freezes the window.
Flows in the order a person does them; the asserts read what the dialog shows."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from hoist.config.settings import CredentialSource, Profile
from hoist.ui.dialogs.profile import ProfileDialog


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A machine with no OS keyring: the dialog's keyring note is two lines long."""
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def clipped_labels(dialog: QWidget) -> list[str]:
    """Visible labels that are given less height than their text needs at their width."""
    QApplication.processEvents()
    short = []
    for label in dialog.findChildren(QLabel):
        if not label.isVisibleTo(dialog) or not label.text():
            continue
        needed = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
        if label.height() < needed:
            short.append(f"{label.text()[:40]!r}: {label.height()} px of {needed}")
    return short


def test_the_profile_dialog_never_clips_a_long_test_answer(qtbot, no_keyring, moto_endpoint):
    """Item 9: with the two-line "no keyring" note, a three-line answer from Test
    connection cut the note at top and bottom (the dialog did not grow and squeezed it),
    and so did a small dialog. Every label gets the height its text needs; what does not
    fit a small dialog scrolls."""
    profile = Profile(name="rclone local", endpoint_url=moto_endpoint, bucket="no-such-bucket-for-the-holiday-photos-2026",
                      path_style=True, credential_source=CredentialSource.KEYRING,
                      access_key_id="AKIAIOSFODNN7EXAMPLE")  # fmt: skip
    dialog = ProfileDialog(profile, set())
    qtbot.addWidget(dialog)
    dialog.secret.setText("not-a-real-secret")
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "No OS keyring is available" in dialog.keyring_note.text()
    assert clipped_labels(dialog) == []

    dialog.test_button.click()
    qtbot.waitUntil(
        lambda: "no-such-bucket-for-the-holiday-photos-2026" in dialog.test_result.text(), timeout=15_000
    )
    answer = dialog.test_result
    assert answer.heightForWidth(answer.width()) >= 3 * answer.fontMetrics().lineSpacing()  # three lines
    assert clipped_labels(dialog) == []
    # On a screen 800 px high (offscreen Qt's) the whole form shows at once, no scrolling.
    assert dialog.form_area.verticalScrollBar().maximum() == 0

    dialog.resize(1, 1)  # as small as the dialog lets a person make it
    assert clipped_labels(dialog) == []
    body = dialog.form_area.widget()
    assert body.height() >= body.heightForWidth(body.width())  # the rest scrolls into view
    assert dialog.form_area.verticalScrollBar().maximum() > 0

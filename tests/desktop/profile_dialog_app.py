"""The profile dialog on the X display in DISPLAY, on a machine with no OS keyring: Test
connection against a server that is not there, then the dialog made as small as it
goes. Prints one JSON line per look: each visible label's height and the height its
text needs at its width (issue 12, item 9: the keyring note was cut at top and bottom).

Usage: python profile_dialog_app.py ENDPOINT
"""

from __future__ import annotations

import json
import sys

import keyring
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from hoist.config.settings import CredentialSource, Profile
from hoist.ui.dialogs.profile import ProfileDialog

DEADLINE_MS = 30_000


def labels(dialog: ProfileDialog) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for label in dialog.findChildren(QLabel):
        if label.isVisibleTo(dialog) and label.text():
            needed = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
            out.append({"text": label.text()[:50], "height": label.height(), "needed": needed,
                        "line": label.fontMetrics().lineSpacing()})  # fmt: skip
    return out


def main() -> int:
    keyring.set_keyring(FailKeyring())
    app = QApplication(["hoist"])
    profile = Profile(name="rclone local", endpoint_url=sys.argv[1], bucket="holiday-photos-2026",
                      path_style=True, credential_source=CredentialSource.KEYRING,
                      access_key_id="AKIAIOSFODNN7EXAMPLE")  # fmt: skip
    dialog = ProfileDialog(profile, set())
    dialog.secret.setText("not-a-real-secret")
    dialog.show()

    def report(look: str) -> None:
        screen = dialog.screen().availableGeometry()
        print(json.dumps({"look": look, "size": [dialog.width(), dialog.height()], "labels": labels(dialog),
                          "screen": [screen.width(), screen.height()]}), flush=True)  # fmt: skip

    def answered() -> None:
        if dialog.test_result.text() in ("", "Testing..."):
            QTimer.singleShot(100, answered)
            return
        QTimer.singleShot(
            300, lambda: (report("answered"), dialog.resize(1, 1), QTimer.singleShot(300, smallest))
        )

    def smallest() -> None:
        report("smallest")
        app.quit()

    QTimer.singleShot(500, lambda: (report("opened"), dialog.test_button.click(), answered()))
    QTimer.singleShot(DEADLINE_MS, lambda: (print(json.dumps({"look": "timeout"}), flush=True), app.exit(1)))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

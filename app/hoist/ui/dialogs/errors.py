"""Errors in words; an unexpected one with details a person can copy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...display import printable
from ..i18n import fill


def show_problem(
    parent: QWidget | None, message: str, title: str = "Hoist"
) -> None:  # the app's name: not translated
    """An error a person can act on: one sentence, no traceback."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title,
        "\n".join(printable(line) for line in message.split("\n")),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # a file name like "<b>x" is not markup
    box.setObjectName("problemBox")
    box.open() if parent is not None and parent.isVisible() else box.exec()


class ErrorDialog(QDialog):
    """For bugs: says what happened in a sentence, the details below, a Copy button."""

    def __init__(self, summary: str, details: str, log_file: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hoist: unexpected error"))
        self.setObjectName("errorDialog")
        self.details = details
        text = (
            self.tr("Something went wrong inside Hoist. Your uploads are safe: finished parts are kept in the "
                    "journal and carry on after a restart.") + "\n\n" + summary
        )  # fmt: skip
        if log_file:
            text += "\n\n" + fill(self.tr("The details are also in the log: %1"), log_file)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QPlainTextEdit(details)
        box.setReadOnly(True)
        box.setAccessibleName(self.tr("Details"))
        box.setMinimumSize(560, 220)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("Copy details"))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(box)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)

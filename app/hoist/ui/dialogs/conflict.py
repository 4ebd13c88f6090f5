"""When an object already exists and the policy is "ask"."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ...config.settings import IfExists
from ...store.journal import UploadRow
from ..models.formatting import size_text


class ConflictDialog(QDialog):
    def __init__(self, row: UploadRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("The object already exists")
        self.setObjectName("conflictDialog")
        self.choice = IfExists.SKIP
        label = QLabel(
            f"s3://{row.bucket}/{row.key} already exists.\n\n"
            f"Uploading {row.local_path} ({size_text(row.size)}) would replace it."
        )
        label.setWordWrap(True)
        self.apply_all = QCheckBox("Do the same for the other files that already exist")
        buttons = QDialogButtonBox()
        self.buttons: dict[IfExists, QPushButton] = {}
        for choice, text, role in (
            (IfExists.OVERWRITE, "Replace", QDialogButtonBox.ButtonRole.AcceptRole),
            (IfExists.RENAME, "Keep both (rename)", QDialogButtonBox.ButtonRole.AcceptRole),
            (IfExists.SKIP, "Skip this file", QDialogButtonBox.ButtonRole.RejectRole),
        ):
            button = buttons.addButton(text, role)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            self.buttons[choice] = button
        self.buttons[IfExists.SKIP].setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.apply_all)
        layout.addWidget(buttons)

    def _choose(self, choice: IfExists) -> None:
        self.choice = choice
        self.accept()

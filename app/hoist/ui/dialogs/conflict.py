"""When an object already exists and the policy is "ask"."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ...config.settings import IfExists
from ...store.journal import UploadRow
from ..i18n import fill
from ..models.formatting import size_text


class ConflictDialog(QDialog):
    def __init__(self, row: UploadRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The object already exists"))
        self.setObjectName("conflictDialog")
        self.choice = IfExists.SKIP
        label = QLabel(
            fill(self.tr("%1 already exists.\n\nUploading %2 (%3) would replace it."), f"s3://{row.bucket}/{row.key}",
                 row.local_path, size_text(row.size))
        )  # fmt: skip
        label.setWordWrap(True)
        self.apply_all = QCheckBox(self.tr("Do the same for the other files that already exist"))
        buttons = QDialogButtonBox()
        self.buttons: dict[IfExists, QPushButton] = {}
        for choice, text, role in (
            (IfExists.OVERWRITE, self.tr("Replace"), QDialogButtonBox.ButtonRole.AcceptRole),
            (IfExists.RENAME, self.tr("Keep both (rename)"), QDialogButtonBox.ButtonRole.AcceptRole),
            (IfExists.SKIP, self.tr("Skip this file"), QDialogButtonBox.ButtonRole.RejectRole),
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

"""First run with no storage: the window's content is the two choices, try the demo
storage or connect real storage (issue 18: it was a dialog drawn over the empty queue,
part map and parts table)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCommandLinkButton, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..focus_ring import ring

MAX_WIDTH = 620  # the column of text and choices, centred in a wide window


class WelcomePane(QWidget):
    DEMO, CONNECT = "demo", "connect"
    chosen = Signal(str)  # DEMO or CONNECT

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePane")
        self.choice = ""
        heading = QLabel(self.tr("Welcome to Hoist"))
        heading.setObjectName("welcomeHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            self.tr(
                "Hoist uploads files and folders to S3-compatible storage and carries on after any "
                "interruption. Where should your uploads go?"
            )
        )
        intro.setWordWrap(True)
        self.demo = QCommandLinkButton(
            self.tr("Try it with built-in demo storage"),
            self.tr(
                "A temporary in-memory server on this computer, no account needed; only this Hoist can "
                "use it. Everything in it disappears when Hoist quits, unfinished uploads included."
            ),
        )
        self.demo.setObjectName("welcomeDemo")
        self.connect_button = QCommandLinkButton(
            self.tr("Connect to your storage"),
            self.tr("AWS S3, MinIO, Ceph, R2, Wasabi, B2, SeaweedFS... with your keys."),
        )
        self.connect_button.setObjectName("welcomeConnect")
        for button in (self.demo, self.connect_button):
            button.setAccessibleDescription(button.description())
        self.demo.clicked.connect(lambda: self._choose(self.DEMO))
        self.connect_button.clicked.connect(lambda: self._choose(self.CONNECT))

        column = QWidget()
        column.setMaximumWidth(MAX_WIDTH)
        inner = QVBoxLayout(column)
        inner.addWidget(heading)
        inner.addWidget(intro)
        inner.addSpacing(8)
        inner.addWidget(self.demo)
        inner.addWidget(self.connect_button)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        ring(self.demo, self.connect_button)  # Fusion shows no focus on a flat command link
        self.setFocusProxy(self.demo)
        self.setTabOrder(self.demo, self.connect_button)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.chosen.emit(choice)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return and Enter pick the focused choice, as Space does: outside a dialog a
        button takes only Space, and a person at the keyboard tries Return first."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            for button in (self.demo, self.connect_button):
                if button.hasFocus():
                    button.click()
                    return
        super().keyPressEvent(event)

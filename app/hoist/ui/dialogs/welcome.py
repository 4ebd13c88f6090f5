"""First run with no profile: try the demo storage, or connect real storage."""

from __future__ import annotations

from PySide6.QtWidgets import QCommandLinkButton, QDialog, QLabel, QVBoxLayout, QWidget


class WelcomeDialog(QDialog):
    DEMO, CONNECT = "demo", "connect"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to Hoist")
        self.setObjectName("welcomeDialog")
        self.choice = ""
        intro = QLabel(
            "<h3>Welcome to Hoist</h3>Hoist uploads files and folders to S3-compatible storage and "
            "carries on after any interruption. Where should your uploads go?"
        )
        intro.setWordWrap(True)
        self.demo = QCommandLinkButton(
            "Try it with built-in demo storage",
            "A temporary in-memory server on this computer, no account needed; only this Hoist can "
            "use it. Everything in it disappears when Hoist quits, unfinished uploads included.",
        )
        self.connect_button = QCommandLinkButton(
            "Connect to your storage", "AWS S3, MinIO, Ceph, R2, Wasabi, B2, SeaweedFS... with your keys."
        )
        self.demo.clicked.connect(lambda: self._choose(self.DEMO))
        self.connect_button.clicked.connect(lambda: self._choose(self.CONNECT))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.demo)
        layout.addWidget(self.connect_button)
        self.setMinimumWidth(480)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

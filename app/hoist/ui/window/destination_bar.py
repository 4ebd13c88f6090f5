"""The bar at the top of the window: which storage profile and folder uploads go to.

It shows the profiles from the config and the current one's bucket and prefix; the
window decides what picking, editing or creating a profile does (via the signals).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from ...config.settings import Config, Profile

NO_PROFILE = "No storage yet: set one up"


class DestinationBar(QWidget):
    profile_picked = Signal(str)  # a profile name, "" for the "set one up" entry
    edit_requested = Signal()  # edit the current profile
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Upload to"))
        self.profile_box = QComboBox()
        self.profile_box.setObjectName("profileBox")
        self.profile_box.setMinimumWidth(200)
        self.profile_box.activated.connect(
            lambda _i: self.profile_picked.emit(self.profile_box.currentData())
        )
        layout.addWidget(self.profile_box)
        self.bucket_label = QLabel("")
        self.bucket_label.setObjectName("bucketLabel")
        layout.addWidget(self.bucket_label)
        self.prefix = QLineEdit()
        self.prefix.setObjectName("prefixEdit")
        self.prefix.setPlaceholderText("folder in the bucket (optional)")
        self.prefix.setMaximumWidth(260)
        layout.addWidget(self.prefix)
        for text, signal in (("Edit...", self.edit_requested), ("New profile...", self.new_requested)):
            button = QToolButton()
            button.setText(text)
            button.clicked.connect(signal)
            layout.addWidget(button)
        layout.addStretch(1)

    def current_name(self) -> str:
        return self.profile_box.currentData() or ""

    def list_profiles(self, config: Config) -> None:
        """Refill the list from the config and select its default profile."""
        self.profile_box.clear()
        for name, profile in config.profiles.items():
            self.profile_box.addItem(name, name)
            self.profile_box.setItemData(self.profile_box.count() - 1,
                                         f"s3://{profile.bucket}  ({profile.endpoint_url or 'AWS S3'})",
                                         Qt.ItemDataRole.ToolTipRole)  # fmt: skip
        if not config.profiles:
            self.profile_box.addItem(NO_PROFILE, "")
        if config.default_profile in config.profiles:
            self.profile_box.setCurrentIndex(self.profile_box.findData(config.default_profile))

    def show_profile(self, profile: Profile | None) -> None:
        """Show where uploads go: the bucket, and the profile's prefix (editable per drop)."""
        self.prefix.setEnabled(profile is not None)
        if profile is None:
            self.bucket_label.setText("")
            return
        if profile.is_service:  # the service chooses bucket and key: no prefix to give
            self.bucket_label.setText("upload service")
            self.bucket_label.setToolTip(f"{profile.service_url} chooses the bucket and key of each file")
            self.prefix.setText("")
            self.prefix.setEnabled(False)
            return
        self.bucket_label.setText(f"s3://{profile.bucket}/")
        self.bucket_label.setToolTip(profile.endpoint_url or "AWS S3")
        self.prefix.setText(profile.prefix)

    def where(self, profile: Profile | None) -> str:
        """Where a drop now would go, in words for the drop highlight."""
        if profile is None:
            return "a new destination"
        if profile.is_service:
            return f"the upload service at {profile.service_url}"
        prefix = self.prefix.text().strip("/")
        return f"s3://{profile.bucket}/{prefix + '/' if prefix else ''}"

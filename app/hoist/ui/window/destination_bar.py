"""The bar at the top of the window: which storage profile and folder uploads go to.

It shows the profiles from the config and the current one's bucket and prefix; the
window decides what picking, editing or creating a profile does (via the signals).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from ...config.settings import Config, Profile
from ..demo import profile_title
from ..i18n import QT_TRANSLATE_NOOP, fill

NO_PROFILE = QT_TRANSLATE_NOOP("DestinationBar", "No storage yet: set one up")


class DestinationBar(QWidget):
    profile_picked = Signal(str)  # a profile name, "" for the "set one up" entry
    edit_requested = Signal()  # edit the current profile
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Upload to")))
        self.profile_box = QComboBox()
        self.profile_box.setObjectName("profileBox")
        self.profile_box.setMinimumWidth(200)
        self.profile_box.setAccessibleName(self.tr("Upload to"))
        self.profile_box.activated.connect(
            lambda _i: self.profile_picked.emit(self.profile_box.currentData())
        )
        layout.addWidget(self.profile_box)
        self.bucket_label = QLabel("")
        self.bucket_label.setObjectName("bucketLabel")
        layout.addWidget(self.bucket_label)
        self.prefix = QLineEdit()
        self.prefix.setObjectName("prefixEdit")
        self.prefix.setPlaceholderText(self.tr("folder in the bucket (optional)"))
        self.prefix.setMaximumWidth(260)
        # Wide enough to show its hint whole in any language (it was cut to "folder in the buck...").
        hint = self.prefix.fontMetrics().horizontalAdvance(self.prefix.placeholderText())
        self.prefix.setMinimumWidth(min(260, hint + 4 * self.prefix.fontMetrics().averageCharWidth()))
        self.prefix.setAccessibleName(self.tr("Folder in the bucket"))
        layout.addWidget(self.prefix)
        buttons: list[QToolButton] = []
        for text, signal in (
            (self.tr("Edit..."), self.edit_requested),
            (self.tr("New profile..."), self.new_requested),
        ):
            button = QToolButton()
            button.setText(text)
            button.clicked.connect(signal)
            layout.addWidget(button)
            buttons.append(button)
        self.edit_button, self.new_button = buttons  # the window's tab order names them
        self.edit_button.setAccessibleDescription(self.tr("Edit the storage profile uploads go to"))
        self.new_button.setAccessibleDescription(self.tr("Set up another storage profile"))
        layout.addStretch(1)

    def current_name(self) -> str:
        return self.profile_box.currentData() or ""

    def list_profiles(self, config: Config) -> None:
        """Refill the list from the config and select its default profile."""
        self.profile_box.clear()
        for name, profile in config.profiles.items():
            self.profile_box.addItem(profile_title(name), name)
            self.profile_box.setItemData(self.profile_box.count() - 1,
                                         f"s3://{profile.bucket}  ({profile.endpoint_url or 'AWS S3'})",
                                         Qt.ItemDataRole.ToolTipRole)  # fmt: skip
        if not config.profiles:
            self.profile_box.addItem(self.tr(NO_PROFILE), "")
        if config.default_profile in config.profiles:
            self.profile_box.setCurrentIndex(self.profile_box.findData(config.default_profile))

    def show_profile(self, profile: Profile | None) -> None:
        """Show where uploads go: the bucket, and the profile's prefix (editable per drop)."""
        self.prefix.setEnabled(profile is not None)
        if profile is None:
            self.bucket_label.setText("")
            return
        if profile.is_service:  # the service chooses bucket and key: no prefix to give
            self.bucket_label.setText(self.tr("upload service"))
            self.bucket_label.setToolTip(
                fill(self.tr("%1 chooses the bucket and key of each file"), profile.service_url)
            )
            self.prefix.setText("")
            self.prefix.setEnabled(False)
            return
        self.bucket_label.setText(f"s3://{profile.bucket}/")
        self.bucket_label.setToolTip(profile.endpoint_url or "AWS S3")
        self.prefix.setText(profile.prefix)

    def where(self, profile: Profile | None) -> str:
        """Where a drop now would go, in words for the drop highlight."""
        if profile is None:
            return self.tr("a new destination")
        if profile.is_service:
            return fill(self.tr("the upload service at %1"), profile.service_url)
        prefix = self.prefix.text().strip("/")
        return f"s3://{profile.bucket}/{prefix + '/' if prefix else ''}"

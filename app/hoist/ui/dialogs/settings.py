"""Settings: transfers (concurrency, part size, bandwidth, retries, if-exists) and, when given
the app settings, a Desktop tab (tray, notifications, start at login)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...config.settings import DEFAULT_PART_SIZE, AppSettings, IfExists, TransferSettings
from ...engine.planner import PlanError, parse_size, validate_part_size
from .. import theme
from ..i18n import QT_TRANSLATE_NOOP, fill
from ..models.formatting import size_text
from ..models.messages import window_text
from .settings_desktop import DesktopSettingsPage

# English; the dialog shows them translated (context "SettingsDialog"). Sizes are read back
# with a decimal comma too ("1,5 GiB"), as the locale writes them.
AUTOMATIC = QT_TRANSLATE_NOOP("SettingsDialog", "Automatic (16 MiB, larger for big files)")
PART_SIZES = [AUTOMATIC, "5 MiB", "8 MiB", "16 MiB", "32 MiB", "64 MiB", "128 MiB", "256 MiB", "512 MiB",
              "1 GiB"]  # fmt: skip
IF_EXISTS = [
    (IfExists.ASK, QT_TRANSLATE_NOOP("SettingsDialog", "Ask me")),
    (IfExists.OVERWRITE, QT_TRANSLATE_NOOP("SettingsDialog", "Replace the object")),
    (IfExists.SKIP, QT_TRANSLATE_NOOP("SettingsDialog", "Skip the file")),
    (IfExists.RENAME, QT_TRANSLATE_NOOP("SettingsDialog", "Keep both (upload as 'name (1)')")),
]
UNLIMITED = ("unlimited", "0", "none")  # and the word for "unlimited" in the window's language


def fit_to_choices(combo: QComboBox) -> None:
    """An editable combo box wide enough to show its longest choice whole. Qt sizes one
    by the text alone, leaving out the edit field's own margins and the cursor: with
    some fonts "Automatic (16 MiB, larger for big files)" lost its last letters."""
    metrics = combo.fontMetrics()
    text = max(metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.editable = True
    option.rect = QRect(0, 0, 1000, combo.sizeHint().height())
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)  # fmt: skip
    room = 2 * EDIT_MARGIN + CARET_AND_AIR
    combo.setMinimumWidth(text + room + option.rect.width() - field.width())


EDIT_MARGIN = 2  # px a line edit keeps on each side of its text (QLineEditPrivate::horizontalMargin)
CARET_AND_AIR = 4  # px for the cursor after the last letter, and a little air


class SettingsDialog(QDialog):
    def __init__(self, settings: TransferSettings, parent: QWidget | None = None,
                 app_settings: AppSettings | None = None, *, tray_available: bool = True) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transfer settings") if app_settings is None else self.tr("Settings"))
        self.setObjectName("settingsDialog")
        self.original = settings
        self.result_settings: TransferSettings | None = None
        self.concurrency = QSpinBox()
        self.concurrency.setRange(1, 64)
        self.concurrency.setValue(settings.concurrency)
        self.part_size = QComboBox()
        self.part_size.setEditable(True)
        self.part_size.addItems([self.tr(AUTOMATIC), *PART_SIZES[1:]])
        fit_to_choices(self.part_size)
        self.part_size.setCurrentText(
            self.part_size.itemText(0) if not settings.part_size else size_text(settings.part_size)
        )
        self.bandwidth = QLineEdit(
            "" if not settings.bandwidth_limit else size_text(settings.bandwidth_limit)
        )
        self.bandwidth.setPlaceholderText(self.tr("unlimited; e.g. 10 MiB (per second)"))
        self.retries = QSpinBox()
        self.retries.setRange(0, 100)
        self.retries.setValue(settings.max_retries)
        self.offline_wait = QSpinBox()
        self.offline_wait.setRange(1, 7 * 24 * 60)
        self.offline_wait.setSuffix(" " + self.tr("min", "minutes"))
        self.offline_wait.setValue(max(1, round(settings.offline_wait / 60)))
        self.offline_wait.setToolTip(self.tr("While the server cannot be reached at all, uploads wait this long "
                                             "for it before they fail; retries are not used up meanwhile."))  # fmt: skip
        self.if_exists = QComboBox()
        for value, text in IF_EXISTS:
            self.if_exists.addItem(self.tr(text), value)
        self.if_exists.setCurrentIndex([v for v, _ in IF_EXISTS].index(settings.if_exists))
        self.error = QLabel("")
        self.error.setStyleSheet(theme.error_style())
        self.error.setWordWrap(True)
        note = QLabel(self.tr("Parts in flight, the bandwidth limit and the offline wait apply at once; part "
                              "size, retries and the if-exists choice to files added from now on."))  # fmt: skip
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Parts in flight"), self.concurrency)
        form.addRow(self.tr("Part size"), self.part_size)
        form.addRow(self.tr("Bandwidth limit"), self.bandwidth)
        form.addRow(self.tr("Retries per part"), self.retries)
        form.addRow(self.tr("Wait when offline"), self.offline_wait)
        form.addRow(self.tr("If the object exists"), self.if_exists)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        # With app settings: a "Transfers" tab and a "Desktop" tab (tray, notifications, login).
        self.desktop: DesktopSettingsPage | None = None
        if app_settings is not None:
            transfers = QWidget()
            inner = QVBoxLayout(transfers)
            inner.addLayout(form)
            inner.addWidget(note)
            inner.addStretch(1)
            self.tabs = QTabWidget()
            self.tabs.setAccessibleName(self.tr("Settings pages"))
            self.tabs.addTab(transfers, self.tr("Transfers"))
            self.desktop = DesktopSettingsPage(app_settings, tray_available=tray_available)
            self.tabs.addTab(self.desktop, self.tr("Desktop"))
            layout.addWidget(self.tabs)
        else:
            layout.addLayout(form)
            layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def build(self) -> TransferSettings:
        """Raises ValueError with a sentence for a bad value (already in the window's words)."""
        text = self.part_size.currentText().strip()
        part_size = 0
        if text and text != self.part_size.itemText(0) and not text.lower().startswith("auto"):
            try:
                part_size = parse_size(text.replace(",", "."))  # "1,5 GiB" where a comma is the decimal mark
                validate_part_size(part_size)
            except (ValueError, PlanError) as exc:
                raise ValueError(fill(self.tr("Part size: %1"), window_text(exc, in_dialog=True))) from None
        limit = 0
        bw = self.bandwidth.text().strip().lower().removesuffix("/s")
        if bw and bw not in (*UNLIMITED, self.tr("unlimited").lower()):
            try:
                limit = parse_size(bw.replace(",", "."))
            except ValueError as exc:
                raise ValueError(
                    fill(self.tr("Bandwidth limit: %1"), window_text(exc, in_dialog=True))
                ) from None
        return replace(
            self.original,
            concurrency=self.concurrency.value(),
            part_size=part_size,
            multipart_threshold=part_size or DEFAULT_PART_SIZE,
            bandwidth_limit=limit,
            max_retries=self.retries.value(),
            # By position, not currentData(): Qt hands a StrEnum back as a plain str.
            if_exists=IF_EXISTS[self.if_exists.currentIndex()][0],
            offline_wait=self.offline_wait.value() * 60.0,
        )

    def accept(self) -> None:
        try:
            self.result_settings = self.build()
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        if self.desktop is not None:
            problem = self.desktop.apply()
            if problem:
                self.error.setText(problem)
                return
        super().accept()

"""File dialogs that cannot freeze the window (issue 12, item 14).

Qt's own file dialog (used where the platform offers no native one: a bare X session,
a desktop without a portal) asks its icon provider for each file's icon and type.
The stock provider finds them with ``QMimeDatabase.mimeTypeForFile`` in its default
mode, which opens and reads any file whose name says nothing (no known extension).
Qt does that on the GUI thread for every file a typed path reaches, and in its
listing thread for the rest: typing ``/proc/`` into Export JSON as root read
``/proc/kmsg``, which waits for the next kernel message, and the window froze. The same
happens with any file whose open blocks (a file on a hung network share, one under a
lease). ``NameOnlyIconProvider`` decides icons and types from names alone and never
opens a file. The platform's native dialog is used wherever there is one (Qt picks
it; the provider only applies to Qt's own).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QFileInfo, QMimeDatabase, Qt
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget

from ..focus_ring import return_focus_when_closed
from ..i18n import Context

IconType = QAbstractFileIconProvider.IconType


class FileKinds(Context):
    """The type column of Qt's own file dialog."""


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from the file's name and kind (a stat), never its bytes."""

    def __init__(self) -> None:
        super().__init__()
        self._mime = QMimeDatabase()
        self.setOptions(QAbstractFileIconProvider.Option.DontUseCustomDirectoryIcons)

    def icon(self, what: Any) -> QIcon:  # both overloads: an IconType or a QFileInfo
        if not isinstance(what, QFileInfo):
            return super().icon(what)
        if what.isRoot():
            return super().icon(IconType.Drive)
        if what.isDir():
            return super().icon(IconType.Folder)
        mime = self._mime.mimeTypeForFile(what, QMimeDatabase.MatchMode.MatchExtension)
        fallback = super().icon(IconType.File)
        return QIcon.fromTheme(mime.iconName(), QIcon.fromTheme(mime.genericIconName(), fallback))

    def type(self, info: QFileInfo) -> str:
        if info.isRoot():
            return FileKinds.tr("Drive")
        if info.isDir():
            return FileKinds.tr("Folder")
        if not info.isFile():  # a FIFO, socket or device: said as such, never opened
            return FileKinds.tr("Special file")
        mime = self._mime.mimeTypeForFile(info, QMimeDatabase.MatchMode.MatchExtension)
        return mime.comment() or mime.name() if not mime.isDefault() else FileKinds.tr("File")


def file_dialog(
    parent: QWidget | None, title: str, directory: str = "", name_filter: str = ""
) -> QFileDialog:
    """A file dialog: the platform's own where it has one, else Qt's with an icon
    provider that never reads a file."""
    dialog = QFileDialog(parent, title, directory, name_filter)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one model and listing thread each
    dialog.setIconProvider(NameOnlyIconProvider())
    dialog.setOption(QFileDialog.Option.DontUseCustomDirectoryIcons, True)
    return_focus_when_closed(dialog)
    return dialog


def ask_open_files(parent: QWidget | None, title: str, then: Callable[[list[str]], object]) -> QFileDialog:
    """Ask for files to open (window-modal, no nested event loop); ``then(paths)`` once chosen."""
    dialog = file_dialog(parent, title)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.filesSelected.connect(lambda paths: then(list(paths)))
    dialog.open()
    return dialog


def ask_directory(parent: QWidget | None, title: str, then: Callable[[str], object]) -> QFileDialog:
    dialog = file_dialog(parent, title)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.fileSelected.connect(then)
    dialog.open()
    return dialog


def ask_save_file(parent: QWidget | None, title: str, suggested: str, name_filter: str, suffix: str,
                  then: Callable[[str], object]) -> QFileDialog:  # fmt: skip
    dialog = file_dialog(parent, title, suggested, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(suffix)
    dialog.fileSelected.connect(then)
    dialog.open()
    return dialog

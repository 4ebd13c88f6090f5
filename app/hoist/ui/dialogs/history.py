"""History: finished uploads from the journal with their receipts; search; export.

Queries run off the GUI thread (a journal may hold 100,000 finished uploads).
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...config.private import private_opener
from ...display import printable
from ...store.journal import UploadRow
from ..focus_ring import ring
from ..i18n import QT_TRANSLATE_NOOP, Context, fill
from ..models.formatting import date_text, duration_text, size_text
from ..models.messages import window_text
from ..platform.file_dialogs import ask_save_file
from ..window.keyboard import install_context_menu_key


class History(Context):
    """The history window's texts outside its classes."""


SHOWN = 1000  # rows in the window; exports take every match
HEADERS = [QT_TRANSLATE_NOOP("History", "Finished"), QT_TRANSLATE_NOOP("History", "Name"),
           QT_TRANSLATE_NOOP("History", "Size"), QT_TRANSLATE_NOOP("History", "Destination"),
           QT_TRANSLATE_NOOP("History", "Duration"), "SHA-256", "ETag"]  # fmt: skip
Submit = Callable[..., None]


def iso_date(timestamp: float | None) -> str:
    """A receipt's date, the same in every language (a file others read and sort)."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp)) if timestamp else ""


def receipt(row: UploadRow) -> dict[str, Any]:
    """One finished upload as a verifiable receipt (CSV/JSON export)."""
    started = row.started_at or row.created_at
    return {
        "finished": iso_date(row.finished_at),
        "finished_at": row.finished_at,
        "local_path": row.local_path,
        "size": row.size,
        "endpoint": row.endpoint_url or "AWS S3",
        "bucket": row.bucket,
        "key": row.key,
        "duration_s": round(row.finished_at - started, 3) if row.finished_at else None,
        "sha256": row.sha256 or "",
        "etag": row.etag or "",
        "multipart_upload_id": row.s3_upload_id or "",
        "parts": row.part_count,
        "part_size": row.part_size,
    }


RECEIPT_FIELDS = ["finished", "finished_at", "local_path", "size", "endpoint", "bucket", "key", "duration_s",
                  "sha256", "etag", "multipart_upload_id", "parts", "part_size"]  # fmt: skip


def receipts_json(records: list[dict[str, Any]] | dict[str, Any]) -> str:
    """Receipts as JSON a person reads: names as they are ("Été.txt", not "\\u00c9t\\u00e9")."""
    return json.dumps(records, indent=2, ensure_ascii=False)


def uploads_text(n: int) -> str:
    return History.tr("%Ln upload(s)", "", n)


def export_rows(rows: list[UploadRow], path: Path) -> int:
    """Write CSV or JSON by the file's extension. Returns the number of rows."""
    records = [receipt(r) for r in rows]
    if path.suffix.lower() == ".json":
        with open(path, "w", encoding="utf-8", opener=private_opener) as handle:
            handle.write(receipts_json(records))
    else:
        with open(path, "w", newline="", encoding="utf-8", opener=private_opener) as handle:
            writer = csv.DictWriter(handle, fieldnames=RECEIPT_FIELDS)
            writer.writeheader()
            writer.writerows(records)
    return len(records)


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[UploadRow] = []

    def set_rows(self, rows: list[UploadRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return History.tr(HEADERS[section])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            started = r.started_at or r.created_at
            return [
                date_text(r.finished_at), printable(r.name), size_text(r.size), printable(f"s3://{r.bucket}/{r.key}"),
                duration_text(r.finished_at - started) if r.finished_at else "",
                (r.sha256 or "")[:16] + ("..." if r.sha256 else ""), (r.etag or "").strip('"'),
            ][column]  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole:
            return {1: printable(r.local_path), 3: printable(f"s3://{r.bucket}/{r.key}"), 5: r.sha256}.get(
                column
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class HistoryDialog(QDialog):
    def __init__(self, journal: Any, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hoist: history"))
        self.setObjectName("historyDialog")
        self.journal = journal
        self.submit = submit
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by file name, key or bucket"))
        self.search.setClearButtonEnabled(True)
        self.model = HistoryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Tab leaves the table for the buttons below (it walked cell by cell: after 14 Tabs a
        # keyboard user was still inside, and Copy receipt, Export and Close were out of reach).
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName(self.tr("Finished uploads"))
        self.search.setAccessibleName(self.tr("Search"))
        self._size_columns()
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.count = QLabel(self.tr("Loading..."))
        self.count.setObjectName("historyStatus")
        self.copy_button = copy = QPushButton(self.tr("Copy receipt"))
        copy.setToolTip(self.tr("Copy the selected uploads' receipts (JSON) to the clipboard"))
        copy.setEnabled(False)  # until an upload is selected: a click on nothing did nothing
        copy.clicked.connect(self.copy_receipt)
        export_csv = QPushButton(self.tr("Export CSV..."))
        export_json = QPushButton(self.tr("Export JSON..."))
        self.export_csv_button, self.export_json_button = export_csv, export_json
        export_csv.clicked.connect(lambda: self.export("csv"))
        export_json.clicked.connect(lambda: self.export("json"))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        self.close_button = close
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        for button in (copy, export_csv, export_json, close):
            # No default button: Fusion draws it like the focused one, so Copy receipt looked
            # focused while the focus was in the search field or the table.
            button.setAutoDefault(False)
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        for first, second in zip((self.search, self.table, copy, export_csv, export_json),
                                 (self.table, copy, export_csv, export_json, close), strict=True):  # fmt: skip
            self.setTabOrder(first, second)
        ring(self.table)  # Fusion marks no focus on a table
        self.table.installEventFilter(self)
        self._context_key = install_context_menu_key(self)
        self.resize(980, 480)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self._generation = 0
        self.refresh()

    def _size_columns(self) -> None:
        """Widths from the font and the longest text each column can hold, so "1 min 04 s"
        is never cut to "1 min 4..." (fixed pixel widths were, at a larger font)."""
        metrics = self.table.fontMetrics()
        padding = 2 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16
        latest = time.mktime((2026, 12, 31, 23, 59, 0, 0, 0, -1))  # the widest date in most locales
        widest = {0: date_text(latest), 2: size_text(1023.9 * 1024**3), 4: duration_text(47 * 3600 + 59 * 60),
                  5: "0123456789abcdef..."}  # fmt: skip
        for column in range(len(HEADERS) - 1):
            header = metrics.horizontalAdvance(History.tr(HEADERS[column])) + padding + 12  # the sort arrow
            text = widest.get(column)
            width = (
                max(header, metrics.horizontalAdvance(text) + padding) if text else {1: 150, 3: 280}[column]
            )
            self.table.setColumnWidth(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Tab into the table picks its current row (the first one) when none is picked, so
        # the receipt a keyboard user sees marked is the one Copy receipt copies.
        if watched is self.table and event.type() == QEvent.Type.FocusIn:
            self._pick_current_row()
        return super().eventFilter(watched, event)

    def _pick_current_row(self) -> None:
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            current = self.table.currentIndex()
            self.table.selectRow(current.row() if current.isValid() else 0)

    def _selection_changed(self, *_: object) -> None:
        self.copy_button.setEnabled(self.table.selectionModel().hasSelection())

    def refresh(self) -> None:
        self._generation += 1
        generation, text = self._generation, self.search.text().strip()
        self.submit(lambda: self.journal.finished_uploads(text, limit=SHOWN),
                    lambda rows: self._loaded(generation, rows), query=True)  # fmt: skip

    def _loaded(self, generation: int, rows: list[UploadRow]) -> None:
        if generation != self._generation:
            return  # an older search answered late
        self.model.set_rows(rows)
        self._selection_changed()  # a new search forgets the selection
        if len(rows) >= SHOWN:
            self.count.setText(self.tr("%Ln finished upload(s) (the most recent; refine the search or export for "
                                       "all)", "", len(rows)))  # fmt: skip
        else:
            self.count.setText(self.tr("%Ln finished upload(s)", "", len(rows)))

    def copy_receipt(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        records = [receipt(self.model.rows[r]) for r in rows]
        if not records:
            self.count.setText(self.tr("Select the uploads whose receipts you want to copy."))
            return
        QGuiApplication.clipboard().setText(receipts_json(records if len(records) > 1 else records[0]))
        n = len(records)
        self.count.setText(self.tr("%Ln receipt(s) copied to the clipboard (JSON).", "", n))

    def export(self, kind: str, path: str | None = None) -> None:
        """Export every upload the search matches to ``path``, or ask where first."""
        if path is None:
            name_filter = "CSV (*.csv)" if kind == "csv" else "JSON (*.json)"
            self._file_dialog = ask_save_file(self, self.tr("Export history"), f"hoist-history.{kind}", name_filter, kind,
                                              lambda chosen: self.export(kind, chosen) if chosen else None)  # fmt: skip
            return
        target, text = Path(path), self.search.text().strip()
        self.count.setText(fill(self.tr("Exporting to %1..."), target))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OSError):
                reason = (exc.strerror or self.tr("an input/output error")).rstrip(".")
                words = fill(
                    self.tr("Hoist could not write %1 (%2)."), target, reason[:1].lower() + reason[1:]
                )
            else:
                words = window_text(exc, in_dialog=True)
            self.count.setText(fill(self.tr("Nothing was exported. %1 Choose another place and export again."),
                                    words))  # fmt: skip

        def exported(n: int) -> None:
            self.count.setText(fill(self.tr("Exported %1 to %2."), uploads_text(n), target))

        self.submit(lambda: export_rows(self.journal.finished_uploads(text, limit=10**9), target), exported,
                    failed, query=True)  # fmt: skip

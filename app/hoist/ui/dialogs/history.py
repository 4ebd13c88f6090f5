"""History: finished uploads from the journal with their receipts; search; export.

Queries run off the GUI thread (a journal may hold 100,000 finished uploads).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...config.private import private_opener
from ...display import printable
from ...store.journal import UploadRow
from ..models.formatting import date_text, duration_text, size_text

SHOWN = 1000  # rows in the window; exports take every match
HEADERS = ["Finished", "Name", "Size", "Destination", "Duration", "SHA-256", "ETag"]
Submit = Callable[..., None]


def receipt(row: UploadRow) -> dict[str, Any]:
    """One finished upload as a verifiable receipt (CSV/JSON export)."""
    started = row.started_at or row.created_at
    return {
        "finished": date_text(row.finished_at),
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


def export_rows(rows: list[UploadRow], path: Path) -> int:
    """Write CSV or JSON by the file's extension. Returns the number of rows."""
    records = [receipt(r) for r in rows]
    if path.suffix.lower() == ".json":
        with open(path, "w", encoding="utf-8", opener=private_opener) as handle:
            handle.write(json.dumps(records, indent=2))
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
            return HEADERS[section]
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
        self.setWindowTitle("Hoist: history")
        self.setObjectName("historyDialog")
        self.journal = journal
        self.submit = submit
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by file name, key or bucket")
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
        for column, width in enumerate((125, 150, 75, 300, 70, 140)):
            self.table.setColumnWidth(column, width)
        self.count = QLabel("Loading...")
        copy = QPushButton("Copy receipt")
        copy.clicked.connect(self.copy_receipt)
        export_csv = QPushButton("Export CSV...")
        export_json = QPushButton("Export JSON...")
        export_csv.clicked.connect(lambda: self.export("csv"))
        export_json.clicked.connect(lambda: self.export("json"))
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        for button in (copy, export_csv, export_json, close):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        self.resize(980, 480)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self._generation = 0
        self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation, text = self._generation, self.search.text().strip()
        self.submit(lambda: self.journal.finished_uploads(text, limit=SHOWN),
                    lambda rows: self._loaded(generation, rows), query=True)  # fmt: skip

    def _loaded(self, generation: int, rows: list[UploadRow]) -> None:
        if generation != self._generation:
            return  # an older search answered late
        self.model.set_rows(rows)
        more = " (the most recent; refine the search or export for all)" if len(rows) >= SHOWN else ""
        self.count.setText(f"{len(rows):,} finished upload{'s' if len(rows) != 1 else ''}{more}")

    def copy_receipt(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        records = [receipt(self.model.rows[r]) for r in rows]
        if records:
            QGuiApplication.clipboard().setText(
                json.dumps(records if len(records) > 1 else records[0], indent=2)
            )

    def export(self, kind: str, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Export history", f"hoist-history.{kind}",
                                                  "CSV (*.csv)" if kind == "csv" else "JSON (*.json)")  # fmt: skip
            if not path:
                return
        target, text = Path(path), self.search.text().strip()
        self.submit(lambda: export_rows(self.journal.finished_uploads(text, limit=10**9), target),
                    lambda n: self.count.setText(f"Exported {n:,} uploads to {target}"), query=True)  # fmt: skip

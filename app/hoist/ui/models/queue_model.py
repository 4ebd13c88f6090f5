"""The queue as a two-level tree: batches (one per drop) with their files under them.

As in qBittorrent's transfer list, the model formats every text for DisplayRole and
exposes raw values under RAW_ROLE; the delegate only paints the progress bar. An
id -> row map lets ``apply`` emit ``dataChanged`` for the rows that changed, nothing
else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from ...display import printable
from ...engine.events import UploadProgress
from ...store.states import UploadState
from .. import theme
from ..demo import profile_title
from ..i18n import QT_TRANSLATE_NOOP, Context, fill
from .formatting import (
    STATE_ORDER,
    duration_text,
    number_text,
    size_text,
    speed_text,
    state_count,
    state_label,
)
from .messages import window_text
from .totals import UNCOUNTED, Totals, acked_fraction

RAW_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value behind a cell's text
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # upload id (None on batch rows)
BATCH_ROLE = Qt.ItemDataRole.UserRole + 3  # batch id (both levels)
STATE_ROLE = Qt.ItemDataRole.UserRole + 4  # UploadState (aggregated on batch rows)


AnyIndex = QModelIndex | QPersistentModelIndex
MOVING = (UploadState.RUNNING, UploadState.COMPLETING)  # states in which a row can wait for its server


class Column(IntEnum):
    NAME = 0
    SIZE = 1
    DESTINATION = 2
    PROGRESS = 3
    SPEED = 4
    ETA = 5
    STATE = 6


class Queue(Context):
    """The queue's rows, headers and tooltips."""


HEADERS = {  # in English; headerData says them translated
    Column.NAME: QT_TRANSLATE_NOOP("Queue", "Name"),
    Column.SIZE: QT_TRANSLATE_NOOP("Queue", "Size"),
    Column.DESTINATION: QT_TRANSLATE_NOOP("Queue", "Destination key"),
    Column.PROGRESS: QT_TRANSLATE_NOOP("Queue", "Progress"),
    Column.SPEED: QT_TRANSLATE_NOOP("Queue", "Speed"),
    Column.ETA: QT_TRANSLATE_NOOP("Queue", "Time left"),
    Column.STATE: QT_TRANSLATE_NOOP("Queue", "State"),
}


@dataclass
class Batch:
    batch_id: int
    label: str
    upload_ids: list[int] = field(default_factory=list)
    rows: dict[int, int] = field(default_factory=dict)  # upload id -> row
    size: int = 0
    done: int = 0
    speed: float = 0.0
    counts: dict[UploadState, int] = field(default_factory=dict)
    state: UploadState = UploadState.QUEUED
    bucket: str = ""
    place: str = ""  # the profile (or server) it goes to: formatting.place_text
    totals: Totals = field(default_factory=Totals)  # what size/done/speed/counts show
    not_added: list[str] = field(default_factory=list)  # "path: reason" of items skipped at the drop


def failure_text(p: UploadProgress) -> str:
    """The row's failure as the window says it (messages.window_text)."""
    return window_text(p.error, name=p.name, local_path=p.local_path, bucket=p.bucket)


def batch_state(counts: dict[UploadState, int]) -> UploadState:
    """One state that sums up a batch: what a person would want to know first."""
    for state in (UploadState.RUNNING, UploadState.COMPLETING, UploadState.QUEUED, UploadState.FAILED,
                  UploadState.PAUSED):  # fmt: skip
        if counts.get(state):
            return state
    if counts.get(UploadState.DONE):
        return UploadState.DONE
    return UploadState.SKIPPED if counts.get(UploadState.SKIPPED) else UploadState.CANCELLED


def changed_columns(old: UploadProgress, new: UploadProgress) -> tuple[int, int] | None:
    """The first and last column whose text, colour or bar differs, or None."""
    if old.state != new.state:
        # The state colours the whole row (a failed name is red, a cancelled row grey):
        # a row retried to done or cancelled kept its red name until something repainted it.
        return Column.NAME, Column.STATE
    changed = [
        old.name != new.name,
        old.size != new.size,
        old.key != new.key or old.bucket != new.bucket,
        old.acked != new.acked or old.size != new.size or old.bytes_done != new.bytes_done,
        old.speed != new.speed,
        old.speed != new.speed or old.bytes_done != new.bytes_done,
        old.error != new.error or old.retries != new.retries,
    ]
    if not any(changed):
        # Fields not shown in any column (parts counts, local path): tooltips only.
        return (Column.PROGRESS, Column.PROGRESS) if old != new else None
    first = changed.index(True)
    return first, len(changed) - 1 - changed[::-1].index(True)


def row_runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, last) runs of adjacent rows: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class QueueModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._batches: list[Batch] = []
        self._batch_row: dict[int, int] = {}
        self._uploads: dict[int, UploadProgress] = {}
        self._labels: dict[int, str] = {}
        self._places: dict[int, str] = {}
        self._not_added: dict[int, list[str]] = {}
        self._waiting: dict[int, str] = {}  # upload id -> the silent server it waits for

    # -- structure ------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Bounds checked in Python: every call into Qt costs a GIL round trip, and the
        # view asks for thousands of indexes per second while workers are busy.
        if row < 0 or not 0 <= column < len(Column):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._batches) else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        batch = self._batches[parent.row()]
        if row >= len(batch.upload_ids):
            return QModelIndex()
        return self.createIndex(row, column, batch.batch_id)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        batch_id = index.internalId()
        if batch_id == 0:
            return QModelIndex()
        row = self._batch_row.get(batch_id)
        return QModelIndex() if row is None else self.createIndex(row, 0, 0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._batches)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self._batches[parent.row()].upload_ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return Queue.tr(HEADERS[Column(section)])
        return None

    # -- lookups ----------------------------------------------------------------------------

    def upload_index(self, upload_id: int, column: int = 0) -> QModelIndex:
        progress = self._uploads.get(upload_id)
        if progress is None:
            return QModelIndex()
        batch = self._batches[self._batch_row[progress.batch_id]]
        return self.createIndex(batch.rows[upload_id], column, batch.batch_id)

    def batch_index(self, batch_id: int, column: int = 0) -> QModelIndex:
        row = self._batch_row.get(batch_id)
        return QModelIndex() if row is None else self.createIndex(row, column, 0)

    def upload(self, upload_id: int) -> UploadProgress | None:
        return self._uploads.get(upload_id)

    def upload_ids(self) -> list[int]:
        return list(self._uploads)

    def ids_for(self, indexes: list[QModelIndex]) -> list[int]:
        """Upload ids under these indexes (a batch row means all its files)."""
        ids: list[int] = []
        for index in indexes:
            if not index.isValid():
                continue
            if index.internalId() == 0:
                ids.extend(self._batches[index.row()].upload_ids)
            else:
                ids.append(self._batches[self._batch_row[index.internalId()]].upload_ids[index.row()])
        return list(dict.fromkeys(ids))

    # -- data -------------------------------------------------------------------------------

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:  # what a screen reader says for a cell
            text = self.data(index, Qt.ItemDataRole.DisplayRole) or ""
            if index.column() == Column.PROGRESS and text.endswith("%"):  # the bar's number alone said little
                return fill(Queue.tr("%1 uploaded"), text)
            return text
        batch_id = index.internalId()
        if batch_id == 0:
            return self._batch_data(self._batches[index.row()], Column(index.column()), role)
        batch = self._batches[self._batch_row[batch_id]]
        progress = self._uploads[batch.upload_ids[index.row()]]
        return self._upload_data(progress, Column(index.column()), role)

    def _upload_data(self, p: UploadProgress, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.NAME:
                return printable(p.name)
            if column == Column.SIZE:
                return size_text(p.size)
            if column == Column.DESTINATION:
                return printable(p.key)
            if column == Column.PROGRESS:
                if p.state in UNCOUNTED:  # nothing of it is (or will be) on the server
                    return state_label(p.state)
                return f"{acked_fraction(p) * 100:.0f}%"
            if column == Column.SPEED:
                return speed_text(p.speed)
            if column == Column.ETA:
                return duration_text(p.eta) if p.state == UploadState.RUNNING else ""
            if column == Column.STATE:
                text = state_label(p.state)
                if p.state == UploadState.FAILED and p.error:
                    text = fill(Queue.tr("failed: %1"), printable(failure_text(p)))
                elif p.state == UploadState.CANCELLED and p.error:  # cancelled by Hoist, said why
                    text = fill(Queue.tr("cancelled: %1"), printable(failure_text(p)))
                elif p.upload_id in self._waiting and p.state in MOVING:
                    text = fill(Queue.tr("%1: %2 does not answer; Hoist keeps trying"), text,
                                self._waiting[p.upload_id])  # fmt: skip
                elif p.state == UploadState.RUNNING and p.retries:
                    text = Queue.tr("uploading (%n retries)", "", p.retries)
                return text
        elif role == RAW_ROLE:
            return {
                Column.NAME: p.name, Column.SIZE: p.size, Column.DESTINATION: f"s3://{p.bucket}/{p.key}",
                Column.PROGRESS: 0.0 if p.state in UNCOUNTED else acked_fraction(p),
                Column.SPEED: p.speed, Column.ETA: p.eta,
                Column.STATE: p.state.value,
            }[column]  # fmt: skip
        elif role == ID_ROLE:
            return p.upload_id
        elif role == BATCH_ROLE:
            return p.batch_id
        elif role == STATE_ROLE:
            return p.state
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.NAME:
                return printable(p.local_path)
            if column == Column.DESTINATION:
                row = self._batch_row.get(p.batch_id)
                place = self._batches[row].place if row is not None else ""
                where = f"s3://{p.bucket}/{p.key}"
                return printable(
                    fill(Queue.tr("%1 (profile '%2')"), where, profile_title(place)) if place else where
                )
            if column == Column.STATE and p.error:
                return printable(failure_text(p))
            if column == Column.STATE and p.upload_id in self._waiting:
                return fill(Queue.tr("The server %1 does not answer. Hoist keeps trying for as long as Settings > "
                                     "Wait when offline says, then marks the file failed; check the network or the "
                                     "server."), self._waiting[p.upload_id])  # fmt: skip
            if column == Column.PROGRESS:
                if p.state == UploadState.CANCELLED:
                    if p.error:  # not cancelled by the person (the demo storage went with Hoist)
                        return printable(failure_text(p))
                    return Queue.tr("Cancelled: the parts already sent were deleted from the server.")
                in_flight = max(0, p.bytes_done - p.acked)
                stored = fill(
                    Queue.tr("%1 of %2 stored on the server"), size_text(p.acked), size_text(p.size)
                )
                if in_flight:
                    stored = fill(Queue.tr("%1, %2 on the way"), stored, size_text(in_flight))
                return fill(Queue.tr("%1; parts %2/%3, %4 in flight"), stored, number_text(p.parts_done),
                            number_text(p.parts_total), number_text(p.parts_in_flight))  # fmt: skip
        elif role == Qt.ItemDataRole.ForegroundRole:
            if p.state == UploadState.FAILED and column in (Column.NAME, Column.STATE):
                return theme.error_text()
            if p.state in (UploadState.CANCELLED, UploadState.SKIPPED):
                return theme.muted_text()
        elif role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.SIZE, Column.SPEED, Column.ETA):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _batch_data(self, b: Batch, column: Column, role: int) -> Any:
        files = len(b.upload_ids)
        # Nothing left to upload (every file cancelled or skipped): an empty bar that
        # says so, not "0 B" with a full 100% bar as if it had finished. A cancelled file
        # stays in the bar as bytes that never went up: one file done and one cancelled is
        # not a full bar (skipped files were not meant to go up: the object was there).
        nothing = b.size == 0 and b.state in UNCOUNTED
        meant = b.size + b.totals.cancelled
        fraction = 0.0 if nothing else 1.0 if meant == 0 else min(1.0, b.done / meant)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.NAME:
                count = Queue.tr("%Ln file(s)", "", files)
                return f"{b.label}  ({count})"
            if column == Column.SIZE:
                return size_text(b.totals.all_size)
            if column == Column.PROGRESS and nothing:
                return state_label(b.state)
            if column == Column.DESTINATION:
                where = f"s3://{b.bucket}" if b.bucket else ""
                place = printable(profile_title(b.place))
                return f"{place}: {where}" if place and where else place or where
            if column == Column.PROGRESS:
                return f"{fraction * 100:.0f}%"
            if column == Column.SPEED:
                return speed_text(b.speed)
            if column == Column.ETA:  # what is left to send, parts in flight on their way
                return duration_text(max(0, b.size - b.totals.sent) / b.speed) if b.speed > 0 else ""
            if column == Column.STATE:
                parts = [state_count(s, b.counts[s]) for s in STATE_ORDER if b.counts.get(s)]
                text = ", ".join(parts) if files > 1 else state_label(b.state)
                return text + (", " + Queue.tr("%Ln not added", "", len(b.not_added)) if b.not_added else "")
        elif role == Qt.ItemDataRole.ToolTipRole and column == Column.PROGRESS and b.totals.cancelled:
            n = b.counts.get(UploadState.CANCELLED, 0)
            return fill(Queue.tr("%1 of %2 on the server; %3 cancelled (%4 not uploaded)"), size_text(b.done),
                        size_text(meant), Queue.tr("%Ln file(s)", "", n), size_text(b.totals.cancelled))  # fmt: skip
        elif role == Qt.ItemDataRole.ToolTipRole and column == Column.DESTINATION and b.place:
            place = profile_title(b.place)
            return printable(
                fill(Queue.tr("Profile '%1', bucket %2"), place, b.bucket) if b.bucket
                else fill(Queue.tr("Profile '%1'"), place)
            )  # fmt: skip
        elif role == Qt.ItemDataRole.ToolTipRole and b.not_added and column in (Column.NAME, Column.STATE):
            shown = [printable(line) for line in b.not_added[:20]]
            more = len(b.not_added) - len(shown)
            return (Queue.tr("Not added:") + "\n" + "\n".join(shown)
                    + ("\n" + Queue.tr("... and %Ln more", "", more) if more > 0 else ""))  # fmt: skip
        elif role == RAW_ROLE:
            return {
                Column.NAME: b.label, Column.SIZE: b.size, Column.DESTINATION: b.bucket,
                Column.PROGRESS: fraction, Column.SPEED: b.speed, Column.ETA: None,
                Column.STATE: b.state.value,
            }[column]  # fmt: skip
        elif role == BATCH_ROLE:
            return b.batch_id
        elif role == STATE_ROLE:
            return b.state
        elif role == Qt.ItemDataRole.ForegroundRole:
            if b.state == UploadState.FAILED and column in (Column.NAME, Column.STATE):
                return theme.error_text()
            if b.not_added and column == Column.STATE:
                return theme.warning_text()
            if b.state in UNCOUNTED:
                return theme.muted_text()
        elif role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.SIZE, Column.SPEED, Column.ETA):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # -- updates ----------------------------------------------------------------------------

    def batch_id_at(self, row: int) -> int:
        return self._batches[row].batch_id

    def set_batch_label(self, batch_id: int, label: str) -> None:
        self._labels[batch_id] = label
        row = self._batch_row.get(batch_id)
        if row is not None and self._batches[row].label != label:
            self._batches[row].label = label
            index = self.createIndex(row, Column.NAME, 0)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def set_batch_place(self, batch_id: int, place: str) -> None:
        self._places[batch_id] = place
        row = self._batch_row.get(batch_id)
        if row is not None and self._batches[row].place != place:
            self._batches[row].place = place
            index = self.createIndex(row, Column.DESTINATION, 0)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def set_waiting(self, waiting: dict[int, str]) -> None:
        """Uploads whose server does not answer (the bridge's offline clocks): their
        State says so instead of a plain "verifying" or "uploading"."""
        changed = self._waiting.keys() | waiting.keys()
        self._waiting = dict(waiting)
        for upload_id in changed:
            index = self.upload_index(upload_id, Column.STATE)
            if index.isValid():
                self.dataChanged.emit(index, index)

    def set_not_added(self, batch_id: int, lines: list[str]) -> None:
        """Items of this drop that were skipped (a FIFO, a key too long...): the batch's
        row says how many, its tooltip which and why."""
        self._not_added[batch_id] = list(lines)
        row = self._batch_row.get(batch_id)
        if row is not None:
            self._batches[row].not_added = list(lines)
            self.dataChanged.emit(
                self.createIndex(row, Column.NAME, 0), self.createIndex(row, Column.STATE, 0)
            )

    def apply(self, changes: list[UploadProgress]) -> None:
        """Take a snapshot's changed uploads; repaint only the cells that changed (and
        their batches' rows). New uploads are inserted a batch's worth at a time: one
        insertion per row made the view re-lay out 20,000 times for a big folder."""
        touched_batches: set[int] = set()
        new: dict[int, list[UploadProgress]] = {}
        # One dataChanged per batch, over the rows and columns that changed: one per row
        # made the view ask ~20 index()/parent() calls each (a pause of 20,000 queued files
        # held the window for 1.5 s).
        spans: dict[int, list[int]] = {}  # batch id -> [first row, last row, first column, last column]
        for p in changes:
            old = self._uploads.get(p.upload_id)
            if old is None:
                new.setdefault(p.batch_id, []).append(p)
                continue
            self._uploads[p.upload_id] = p
            if old == p:
                continue
            batch = self._batches[self._batch_row[p.batch_id]]
            batch.totals.replace(old, p)
            columns = changed_columns(old, p)
            if columns is not None:
                row = batch.rows[p.upload_id]
                span = spans.get(p.batch_id)
                if span is None:
                    spans[p.batch_id] = [row, row, columns[0], columns[1]]
                else:
                    span[0], span[1] = min(span[0], row), max(span[1], row)
                    span[2], span[3] = min(span[2], columns[0]), max(span[3], columns[1])
            touched_batches.add(p.batch_id)
        for batch_id, (first, last, left, right) in spans.items():
            self.dataChanged.emit(
                self.createIndex(first, left, batch_id), self.createIndex(last, right, batch_id)
            )
        for batch_id, added in new.items():
            self._insert(batch_id, added)
            touched_batches.add(batch_id)
        for batch_id in touched_batches:
            self._refresh_batch(batch_id)

    def _insert(self, batch_id: int, added: list[UploadProgress]) -> None:
        row = self._batch_row.get(batch_id)
        if row is None:
            row = len(self._batches)
            self.beginInsertRows(QModelIndex(), row, row)
            label = self._labels.get(batch_id, fill(Queue.tr("Batch %1"), batch_id))
            self._batches.append(Batch(batch_id, label, bucket=added[0].bucket,
                                       place=self._places.get(batch_id, ""),
                                       not_added=self._not_added.get(batch_id, [])))  # fmt: skip
            self._batch_row[batch_id] = row
            self.endInsertRows()
        batch = self._batches[row]
        first = len(batch.upload_ids)
        self.beginInsertRows(self.createIndex(row, 0, 0), first, first + len(added) - 1)
        for child, p in enumerate(added, start=first):
            batch.upload_ids.append(p.upload_id)
            batch.rows[p.upload_id] = child
            self._uploads[p.upload_id] = p
            batch.totals.add(p)
        self.endInsertRows()

    def _refresh_batch(self, batch_id: int) -> None:
        row = self._batch_row.get(batch_id)
        if row is None:
            return
        b = self._batches[row]
        t = b.totals
        size, done, speed, counts = t.size, t.done, float(t.speed), t.state_counts()
        before = (b.size, b.done, b.speed, b.counts, len(b.upload_ids), b.state)
        b.size, b.done, b.speed, b.counts, b.state = size, done, speed, counts, batch_state(counts)
        if before != (b.size, b.done, b.speed, b.counts, len(b.upload_ids), b.state):
            whole_row = before[0] != size or before[4] != len(b.upload_ids) or before[5] != b.state
            first = Column.NAME if whole_row else Column.PROGRESS
            self.dataChanged.emit(self.createIndex(row, first, 0), self.createIndex(row, Column.STATE, 0))

    def remove_uploads(self, upload_ids: list[int]) -> None:
        by_batch: dict[int, list[int]] = {}
        for upload_id in upload_ids:
            p = self._uploads.get(upload_id)
            if p is not None:
                by_batch.setdefault(p.batch_id, []).append(upload_id)
        for batch_id, ids in by_batch.items():
            batch = self._batches[self._batch_row[batch_id]]
            parent = self.createIndex(self._batch_row[batch_id], 0, 0)
            # One removal per run of adjacent rows, last run first so rows above stay put.
            for first, last in reversed(row_runs(sorted(batch.rows[i] for i in ids))):
                self.beginRemoveRows(parent, first, last)
                for upload_id in batch.upload_ids[first : last + 1]:
                    batch.totals.add(self._uploads.pop(upload_id), -1)
                del batch.upload_ids[first : last + 1]
                self.endRemoveRows()
            batch.rows = {u: r for r, u in enumerate(batch.upload_ids)}
            if not batch.upload_ids:
                row = self._batch_row[batch_id]
                self.beginRemoveRows(QModelIndex(), row, row)
                self._batches.pop(row)
                self._batch_row = {b.batch_id: r for r, b in enumerate(self._batches)}
                self.endRemoveRows()
            else:
                self._refresh_batch(batch_id)

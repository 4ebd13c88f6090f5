"""The per-part view of the selected file: a part map and a table of parts.

The map paints every cell in one paintEvent from a compact byte array (one byte per
part, blown up from a 1-pixel-per-part image), so 10,000 parts cost one image draw,
not 10,000 widgets. The table is a QAbstractTableModel that repaints changed rows.
Colours come from ui/theme (light or dark palette); the map says in words what it
shows ("38 parts: 6 done, 4 sending, 28 waiting") as its accessible description.
With no file selected the panel is one line (``set_open``).
"""

from __future__ import annotations

import math
import struct
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QHelpEvent, QImage, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ...display import printable
from ...engine.events import PartProgress, UploadProgress
from ...store.states import UploadState
from .. import theme
from ..focus_ring import ring
from ..i18n import QT_TRANSLATE_NOOP, Context, fill
from ..models.formatting import number_text, size_text, speed_text
from ..models.parts_frame import (
    DELETED,
    DONE,
    PENDING,
    RETRYING,
    RUNNING,
    STATE_CODES,
    STOPPED,
    PartsFrame,
    make_frame,
)


class Parts(Context):
    """A part's states and the table's headers (the widgets' own texts use self.tr)."""


# A part's state as the window names it, in English (Parts.tr says it translated).
STATE_NAMES = {"pending": QT_TRANSLATE_NOOP("Parts", "waiting"), "running": QT_TRANSLATE_NOOP("Parts", "sending"),
               "done": QT_TRANSLATE_NOOP("Parts", "done"), "retrying": QT_TRANSLATE_NOOP("Parts", "will retry"),
               "deleted": QT_TRANSLATE_NOOP("Parts", "cancelled"),
               "stopped": QT_TRANSLATE_NOOP("Parts", "not sent")}  # fmt: skip
CODE_NAMES = {code: name for name, code in STATE_CODES.items()}
# The order the map's summary and legend name the states in.
SUMMARY_ORDER = (DONE, RUNNING, PENDING, RETRYING, STOPPED, DELETED)
LEGEND = (DONE, RUNNING, PENDING, RETRYING, STOPPED)


def cell_colour(code: int, palette: QPalette | None = None) -> QColor:
    """A state's cell colour on this palette (a "stopped" part is a failed upload's: nothing
    sends it until Retry failed)."""
    return theme.part_colour(CODE_NAMES[code], palette)


def state_word(code: int) -> str:
    return part_state_name(CODE_NAMES[code])


def part_state_name(state: str) -> str:
    return Parts.tr(STATE_NAMES[state]) if state in STATE_NAMES else state


def state_count(code: int, n: int) -> str:
    """A count and a state that agree, "6 done" (in Spanish "1 enviada", "6 enviadas")."""
    if code == DONE:
        return Parts.tr("%Ln done", "", n)
    if code == RUNNING:
        return Parts.tr("%Ln sending", "", n)
    if code == PENDING:
        return Parts.tr("%Ln waiting", "", n)
    if code == RETRYING:
        return Parts.tr("%Ln will retry", "", n)
    if code == STOPPED:
        return Parts.tr("%Ln not sent", "", n)
    return Parts.tr("%Ln cancelled", "", n)


def parts_summary(states: bytearray) -> str:
    """The map in words, for a screen reader: "38 parts: 6 done, 4 sending, 28 waiting"."""
    if not states:
        return Parts.tr("No file selected.")
    counts = ", ".join(state_count(code, states.count(code)) for code in SUMMARY_ORDER if states.count(code))
    return fill(Parts.tr("%Ln part(s): %1", "", len(states)), counts)


class PartMap(QWidget):
    """One cell per part, coloured by state; in-flight cells fill as their bytes move."""

    part_clicked = Signal(int)  # part number

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._states = bytearray()
        self._running: dict[int, float] = {}  # index -> fraction sent
        self._numbers: list[int] = []
        self._image: QImage | None = None
        self._pixels = b""
        self._cell = 0
        self._cols = 1
        self.paints = 0  # counted by the benchmark
        self._pixel_values: dict[int, bytes] = {}  # state code -> ARGB pixel on this palette
        self.setMinimumHeight(48)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)
        # A Tab stop, so a screen reader reaches the summary of what the cells show.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleName(self.tr("Part map"))
        self.setAccessibleDescription(parts_summary(self._states))

    def sizeHint(self) -> QSize:
        return QSize(600, 120)

    def clear(self) -> None:
        self.set_frame(make_frame(0, [], None))

    def set_parts(self, parts: list[PartProgress]) -> None:
        self.set_frame(make_frame(0, parts, None))

    def set_frame(self, frame: PartsFrame) -> None:
        states, running, numbers = frame.states, frame.running, frame.numbers
        if states == self._states and running == self._running and numbers == self._numbers:
            return
        self._states, self._running, self._numbers = states, running, numbers
        self._image = None
        summary = parts_summary(states)
        if summary != self.accessibleDescription():
            self.setAccessibleDescription(summary)
        self.update()

    def counts(self) -> dict[int, int]:
        return {code: self._states.count(code) for code in CODE_NAMES}

    def _pixels_now(self) -> dict[int, bytes]:
        """One ARGB pixel per state in this palette's colours; a new palette repaints."""
        palette = self.palette()
        key = palette.color(QPalette.ColorRole.Window).rgba()
        if self._pixel_values.get(-1) != struct.pack("<I", key):
            self._pixel_values = {
                code: struct.pack("<I", cell_colour(code, palette).rgba()) for code in CODE_NAMES
            }
            self._pixel_values[-1] = struct.pack("<I", key)
            self._image = None
        return self._pixel_values

    def _layout(self) -> tuple[int, int]:
        """(cell size in pixels, columns): the biggest cells that fit the widget."""
        n = max(1, len(self._states))
        width, height = max(1, self.width() - 2), max(1, self.height() - 2)
        for cell in (22, 18, 16, 14, 12, 10, 8, 6, 5, 4, 3, 2, 1):
            cols = max(1, width // cell)
            if math.ceil(n / cols) * cell <= height:
                return cell, cols
        return 1, max(1, width)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paints += 1
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        n = len(self._states)
        if n == 0:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Select a file to see its parts")
            )
            return
        cell, cols = self._layout()
        self._cell, self._cols = cell, cols
        rows = math.ceil(n / cols)
        values = self._pixels_now()
        if self._image is None or self._image.width() != cols:
            pixels = b"".join(values[s] for s in self._states)
            pixels += struct.pack("<I", self.palette().base().color().rgba()) * (rows * cols - n)
            self._pixels = pixels
            self._image = QImage(pixels, cols, rows, cols * 4, QImage.Format.Format_ARGB32)
        painter.drawImage(QRect(1, 1, cols * cell, rows * cell), self._image)
        for index, fraction in self._running.items():
            x, y = 1 + (index % cols) * cell, 1 + (index // cols) * cell
            painter.fillRect(
                QRect(x, y, max(1, round(cell * fraction)), cell), theme.part_fill(self.palette())
            )
        if cell >= 5:  # gaps between cells, drawn as lines over the image
            painter.setPen(self.palette().base().color())
            for c in range(cols + 1):
                painter.drawLine(1 + c * cell, 1, 1 + c * cell, rows * cell)
            for r in range(rows + 1):
                painter.drawLine(1, 1 + r * cell, cols * cell, 1 + r * cell)

    def _index_at(self, pos: QPoint) -> int | None:
        if not self._cell:
            return None
        col, row = (pos.x() - 1) // self._cell, (pos.y() - 1) // self._cell
        if col < 0 or col >= self._cols or row < 0:
            return None
        index = row * self._cols + col
        return index if index < len(self._states) else None

    def event(self, event: Any) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QHelpEvent.Type.ToolTip:
            index = self._index_at(event.pos())
            if index is None:
                QToolTip.hideText()
            else:
                name = state_word(self._states[index])
                QToolTip.showText(
                    event.globalPos(), fill(self.tr("Part %1: %2"), self._numbers[index], name), self
                )
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self._index_at(event.position().toPoint())
        if index is not None:
            self.part_clicked.emit(self._numbers[index])


PART_HEADERS = [QT_TRANSLATE_NOOP("Parts", "Part"), QT_TRANSLATE_NOOP("Parts", "Byte range"),
                QT_TRANSLATE_NOOP("Parts", "Size"), QT_TRANSLATE_NOOP("Parts", "State"),
                QT_TRANSLATE_NOOP("Parts", "Retries"), QT_TRANSLATE_NOOP("Parts", "Speed"),
                QT_TRANSLATE_NOOP("Parts", "Last error")]  # fmt: skip


class PartsTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._parts: list[PartProgress] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._parts)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(PART_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return Parts.tr(PART_HEADERS[section])
        return None

    def part(self, row: int) -> PartProgress:
        return self._parts[row]

    def row_of(self, part_number: int) -> int | None:
        # Parts are numbered 1..n in order; fall back to a scan if not.
        guess = part_number - 1
        if 0 <= guess < len(self._parts) and self._parts[guess].part_number == part_number:
            return guess
        return next((i for i, p in enumerate(self._parts) if p.part_number == part_number), None)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        p = self._parts[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(p.part_number)
            if column == 1:
                return f"{number_text(p.offset)}-{number_text(p.offset + max(0, p.length - 1))}"
            if column == 2:
                return size_text(p.length)
            if column == 3:
                if p.state == "running" and p.length:
                    return fill(Parts.tr("sending %1%"), p.bytes_sent * 100 // p.length)
                return part_state_name(p.state)
            if column == 4:
                return str(p.attempts)
            if column == 5:
                return speed_text(p.speed)
            if column == 6:
                return p.last_error or ""
        elif role == Qt.ItemDataRole.ToolTipRole and column == 6:
            return p.last_error
        elif role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 2, 4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return theme.part_state_text(p.state)
        return None

    def set_frame(self, frame: PartsFrame) -> None:
        """Rows and the changed range come precomputed (off the GUI thread)."""
        if frame.reset or len(frame.parts) != len(self._parts):
            self.beginResetModel()
            self._parts = frame.parts
            self.endResetModel()
            return
        self._parts = frame.parts
        if frame.changed is not None:
            first, last = frame.changed
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(PART_HEADERS) - 1))

    def set_parts(self, parts: list[PartProgress]) -> None:
        if len(parts) != len(self._parts) or (parts and parts[0].part_number != self._parts[0].part_number):
            self.beginResetModel()
            self._parts = list(parts)
            self.endResetModel()
            return
        old = self._parts
        self._parts = list(parts)
        changed = [i for i, (a, b) in enumerate(zip(old, parts, strict=True)) if a != b]
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], len(PART_HEADERS) - 1))


class PartLegend(QWidget):
    """What each cell colour means: a swatch with an outline (a pale "waiting" swatch was
    invisible on the window's background) and its word, painted in the palette's colours."""

    GAP = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partLegend")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Legend"))
        self.setAccessibleDescription(", ".join(state_word(code) for code in LEGEND))

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        side = metrics.ascent()
        width = sum(side + self.GAP + metrics.horizontalAdvance(state_word(c)) + 3 * self.GAP for c in LEGEND)
        return QSize(width, metrics.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        side = metrics.ascent() - 2
        palette = self.palette()
        x, top = 0, (self.height() - side) // 2
        for code in LEGEND:
            painter.setPen(theme.swatch_outline(palette))
            painter.setBrush(cell_colour(code, palette))
            painter.drawRect(QRect(x, top, side, side))
            x += side + self.GAP
            word = state_word(code)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(QRect(x, 0, metrics.horizontalAdvance(word) + 1, self.height()),
                             Qt.AlignmentFlag.AlignVCenter, word)  # fmt: skip
            x += metrics.horizontalAdvance(word) + 3 * self.GAP


class PartsPanel(QWidget):
    """Title + part map + parts table for one upload; one line when none is chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.upload_id: int | None = None
        self.title = QLabel(self.tr("Parts"))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.map = PartMap(self)
        self.model = PartsTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setObjectName("partsTable")
        self.table.setAccessibleName(self.tr("Parts of the selected file"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((60, 190, 80, 110, 70, 90)):
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))  # a longer word whole
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.legend = PartLegend()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.legend)
        layout.addLayout(top)
        layout.addWidget(self.map, 2)
        layout.addWidget(self.table, 3)
        self.map.part_clicked.connect(self._show_part)
        ring(self.map, self.table)
        self.is_open = True
        self.set_open(False)
        self.update_title(None)

    def set_open(self, open_: bool) -> None:
        """Map, legend and table, or (no file chosen) only the title line: half the window
        was an empty parts pane before anything was queued (issue 18)."""
        if open_ == self.is_open:
            return
        self.is_open = open_
        for widget in (self.legend, self.map, self.table):
            widget.setVisible(open_)
        layout = self.layout()
        margin = layout.contentsMargins().top() if layout is not None else 0
        line = margin + self.title.sizeHint().height()
        self.setMaximumHeight(16_777_215 if open_ else line)  # QWIDGETSIZE_MAX

    def show_upload(self, upload_id: int | None, progress: UploadProgress | None) -> None:
        if upload_id != self.upload_id:
            self.upload_id = upload_id
            self.map.clear()
            self.model.set_parts([])
        self.update_title(progress)

    def update_title(self, progress: UploadProgress | None) -> None:
        if progress is None:
            self.title.setText(self.tr("Parts: select a file in the queue"))
            return
        name = printable(progress.name)
        if progress.state == UploadState.CANCELLED:
            self.title.setText(fill(self.tr("Parts of %1: cancelled; the parts already sent were deleted from the "
                                            "server."), name))  # fmt: skip
            return
        title = fill(self.tr("Parts of %1: %2 of %3 done, %4 in flight"), name, number_text(progress.parts_done),
                     number_text(progress.parts_total), number_text(progress.parts_in_flight))  # fmt: skip
        if progress.retries:
            title += ", " + self.tr("%n retries", "", progress.retries)
        self.title.setText(title)

    def set_parts(self, upload_id: int, frame: PartsFrame | list[PartProgress]) -> None:
        if upload_id != self.upload_id:
            return
        if not isinstance(frame, PartsFrame):
            frame = make_frame(upload_id, frame, None)
        self.map.set_frame(frame)
        self.model.set_frame(frame)

    def _show_part(self, number: int) -> None:
        row = self.model.row_of(number)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

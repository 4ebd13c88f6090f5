"""Console progress: a live table on a terminal, one line per finished file otherwise."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING

from ..display import printable
from ..engine import events as ev
from ..engine.planner import human_bytes
from ..store.states import UploadState

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def shown(text: str) -> str:
    """A name or message for rich: one line, and its brackets are text, not markup
    (a file called "[draft] notes.txt" or "x[/b].txt" must print as it is)."""
    from rich.markup import escape

    return escape(printable(text))


def human_rate(value: float) -> str:
    return f"{human_bytes(value)}/s" if value > 0 else "-"


def human_eta(seconds: float | None) -> str:
    if seconds is None or seconds <= 0 or seconds > 10 * 86400:
        return "-"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


class ConsoleProgress:
    """Polls ``engine.snapshot()`` a few times a second; never one line per byte."""

    def __init__(self, engine: object, upload_ids: Iterable[int], quiet: bool = False) -> None:
        self.engine = engine
        self.ids = set(upload_ids)
        self.quiet = quiet
        self.interactive = sys.stderr.isatty() and not quiet
        self._latest: dict[int, ev.UploadProgress] = {}
        self._since = 0
        self._reported: set[int] = set()
        self._finished: list[ev.UploadProgress] = []  # finished since the last report
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._started = time.monotonic()

    @cached_property
    def err(self) -> Console:
        # rich is imported on first use: with --quiet nothing is printed, and importing
        # it cost ~0.04 s of CPU (and of wall time before the first byte) at every start.
        from rich.console import Console

        return Console(stderr=True, highlight=False, soft_wrap=True)

    def add(self, upload_ids: Iterable[int]) -> None:
        self.ids.update(upload_ids)

    def on_event(self, event: ev.Event) -> None:
        if self.quiet:
            return
        if isinstance(event, ev.Notice):
            self.err.print(f"[yellow]note:[/] {shown(event.message)}", markup=True, highlight=False)
        elif isinstance(event, ev.FileFailed) and event.upload_id in self.ids:
            self.err.print(f"[red]failed:[/] {shown(event.error)}", markup=True, highlight=False)

    def _refresh(self) -> None:
        # Only what changed since the last refresh: with 20,000 files queued, asking for
        # everything four times a second held the engine lock for tens of milliseconds.
        self._since, changed = self.engine.snapshot(self._since)  # type: ignore[attr-defined]
        for item in changed:
            if item.upload_id in self.ids:
                self._latest[item.upload_id] = item
                if item.state.finished and item.upload_id not in self._reported:
                    self._finished.append(item)

    def _table(self) -> Table:
        from rich.table import Table

        table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
        for column in ("file", "progress", "size", "speed", "eta", "state"):
            table.add_column(column, overflow="ellipsis", no_wrap=True, max_width=48)
        active = [
            p for p in self._latest.values() if p.state in (UploadState.RUNNING, UploadState.COMPLETING)
        ]
        for p in active[:8]:
            if p.state == UploadState.COMPLETING:
                state = "verifying"
            else:
                flying = f" +{p.parts_in_flight}" if p.parts_in_flight else ""
                state = f"{p.parts_done}/{p.parts_total} parts{flying}"
            table.add_row(
                shown(p.key), f"{p.fraction * 100:5.1f}%", human_bytes(p.size), human_rate(p.speed),
                human_eta(p.eta), state,
            )  # fmt: skip
        if len(active) > 8:
            table.add_row(f"... and {len(active) - 8} more", "", "", "", "", "")
        done, total, speed = self._totals()
        eta = (total - done) / speed if speed > 0 else None
        finished = sum(1 for p in self._latest.values() if p.state.finished)
        percent = done / total * 100 if total else (100.0 if finished == len(self.ids) else 0.0)
        table.add_row(
            f"[bold]total[/] {finished}/{len(self.ids)} files",
            f"{percent:5.1f}%",
            f"{human_bytes(done)} / {human_bytes(total)}", human_rate(speed), human_eta(eta), "",
        )  # fmt: skip
        return table

    def _totals(self) -> tuple[int, int, float]:
        items = list(self._latest.values())
        return (
            sum(p.bytes_done for p in items),
            sum(p.size for p in items),
            sum(p.speed for p in items),
        )

    def _report_finished(self) -> None:
        finished, self._finished = self._finished, []
        for p in finished:
            if p.upload_id in self._reported:
                continue
            self._reported.add(p.upload_id)
            if not self.quiet and p.state == UploadState.DONE:
                self.err.print(f"uploaded {shown(p.local_path)} -> {shown(f's3://{p.bucket}/{p.key}')}")
            elif not self.quiet and p.state == UploadState.SKIPPED:
                self.err.print(f"skipped {shown(p.local_path)}: {shown(f's3://{p.bucket}/{p.key}')} exists")

    def run(self) -> None:
        """Start the display thread (returns at once)."""
        self._thread = threading.Thread(target=self._loop, name="hoist-console", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        if self.interactive:
            from rich.live import Live

            with Live(self._table(), console=self.err, refresh_per_second=4, transient=True) as live:
                while not self._stop.wait(0.25):
                    self._refresh()
                    live.update(self._table())
        else:
            while not self._stop.wait(0.5):
                self._refresh()
                self._report_finished()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        self._refresh()
        self._report_finished()

    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for p in self._latest.values():
            counts[p.state.value] = counts.get(p.state.value, 0) + 1
        return counts

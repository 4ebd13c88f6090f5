"""What the status bar and the window title say about the whole queue.

Pure text from an Aggregate, so it is tested without widgets and the window only has
to compare it with what it shows now.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...store.states import UploadState
from ..bridge import Aggregate
from ..models.formatting import STATE_ORDER, duration_text, size_text, speed_text, state_label

OFFLINE_STYLE = "background:#c62828; color:white; border-radius:3px"
PAUSED_STYLE = "background:#f9a825; color:black; border-radius:3px"
FAILED_STYLE = "color:#b3261e"


@dataclass(frozen=True)
class StatusSummary:
    text: str  # speed, bytes, counts per state, time left
    title: str  # the window title, with overall progress while uploads run
    indicator: str  # offline / paused / failed, or "" when all is well
    indicator_style: str


def summarise(agg: Aggregate) -> StatusSummary:
    counts = ", ".join(f"{agg.counts[s]} {state_label(s)}" for s in STATE_ORDER if agg.counts.get(s))
    pieces = []
    if agg.speed > 0:
        pieces.append(f"\u2191 {speed_text(agg.speed)}")
    if agg.bytes_total:
        pieces.append(f"{size_text(agg.bytes_done)} of {size_text(agg.bytes_total)}")
    if counts:
        pieces.append(counts)
    if agg.eta:
        pieces.append(f"{duration_text(agg.eta)} left")
    text = "   \u00b7   ".join(pieces) or "Nothing queued. Drop files to upload them."
    running = agg.active and agg.bytes_total
    title = f"Hoist \u2013 {agg.bytes_done * 100 // agg.bytes_total}%" if running else "Hoist"
    failed = agg.counts.get(UploadState.FAILED, 0)
    if agg.offline:
        # Name the server: one dead endpoint is not a global outage (other profiles upload on).
        where = ", ".join(agg.offline_where) or "the server"
        indicator, style = f"  Offline: cannot reach {where}, retrying  ", OFFLINE_STYLE
    elif agg.paused:
        indicator, style = "  Paused  ", PAUSED_STYLE
    elif failed:
        indicator, style = f"  {failed} failed  ", FAILED_STYLE
    else:
        indicator, style = "", ""
    return StatusSummary(text, title, indicator, style)

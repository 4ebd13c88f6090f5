"""What the status bar and the window title say about the whole queue.

Pure text from an Aggregate, so it is tested without widgets and the window only has
to compare it with what it shows now.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...store.states import UploadState
from ..bridge import Aggregate
from ..i18n import Context, fill
from ..models.formatting import STATE_ORDER, duration_text, size_text, speed_text, state_count


class Status(Context):
    """The status bar's summary and indicator."""


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
    counts = ", ".join(state_count(s, agg.counts[s]) for s in STATE_ORDER if agg.counts.get(s))
    pieces = []
    if agg.speed > 0:
        pieces.append(f"\u2191 {speed_text(agg.speed)}")
    if agg.bytes_total:
        pieces.append(fill(Status.tr("%1 of %2"), size_text(agg.bytes_done), size_text(agg.bytes_total)))
    if counts:
        pieces.append(counts)
    if agg.eta:
        pieces.append(fill(Status.tr("%1 left", "time left"), duration_text(agg.eta)))
    text = "   \u00b7   ".join(pieces) or Status.tr("Nothing queued. Drop files to upload them.")
    running = agg.active and agg.bytes_total
    title = f"Hoist \u2013 {agg.bytes_done * 100 // agg.bytes_total}%" if running else "Hoist"
    failed = agg.counts.get(UploadState.FAILED, 0)
    if agg.offline:
        # Name the server: one dead endpoint is not a global outage (other profiles upload on).
        if agg.offline_where:
            offline = fill(Status.tr("Offline: cannot reach %1, retrying"), ", ".join(agg.offline_where))
        else:
            offline = Status.tr("Offline: cannot reach the server, retrying")
        indicator, style = f"  {offline}  ", OFFLINE_STYLE
    elif agg.paused:
        indicator, style = "  " + Status.tr("Paused") + "  ", PAUSED_STYLE
    elif failed:
        indicator, style = "  " + Status.tr("%n failed", "", failed) + "  ", FAILED_STYLE
    else:
        indicator, style = "", ""
    return StatusSummary(text, title, indicator, style)

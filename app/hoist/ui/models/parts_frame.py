"""A part snapshot turned into what the part map and table need, computed off the GUI
thread (no Qt here): one byte per part, the in-flight fractions, and the range of
rows that changed since the frame the views show now."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...engine.events import PartProgress
from ...store.states import UploadState
from .messages import window_text

PENDING, RUNNING, DONE, RETRYING, DELETED, STOPPED = 0, 1, 2, 3, 4, 5
STATE_CODES = {"pending": PENDING, "running": RUNNING, "done": DONE, "retrying": RETRYING, "deleted": DELETED,
               "stopped": STOPPED}  # fmt: skip


def cancelled_parts(parts: list[PartProgress]) -> list[PartProgress]:
    """A cancelled upload's parts: none is on the server any more (Cancel deletes them),
    so none may look done (green) or still sending."""
    return [replace(p, state="deleted", bytes_sent=0, speed=0.0) for p in parts]


def shown_parts(
    parts: list[PartProgress],
    state: UploadState | None,
    *,
    bucket: str = "",
    endpoint: str = "",
    failure: str | None = None,
) -> list[PartProgress]:
    """The parts as the window shows them: a cancelled upload's deleted, a failed one's
    unsent parts stopped (nothing retries them until Retry failed, so not "will retry"),
    and each last error in the window's words (messages.window_text), not "NoSuchBucket: ...".
    A failed file's part that never failed itself says why it was not sent: ``failure``,
    the file's sentence as its row says it (an empty "Last error" told a person nothing)."""
    if state == UploadState.CANCELLED:
        return cancelled_parts(parts)
    words: dict[str, str] = {}  # a few distinct errors over thousands of parts

    def said(error: str | None) -> str | None:
        if not error:
            return error
        if error not in words:
            words[error] = window_text(error, bucket=bucket, endpoint=endpoint)
        return words[error]

    failed = state == UploadState.FAILED
    out = []
    for p in parts:
        if failed and p.state != "done":
            p = replace(p, state="stopped", bytes_sent=0, speed=0.0, last_error=p.last_error or failure)
            if p.last_error == failure:  # already in the window's words
                out.append(p)
                continue
        if p.last_error:
            p = replace(p, last_error=said(p.last_error))
        out.append(p)
    return out


@dataclass
class PartsFrame:
    upload_id: int
    parts: list[PartProgress]
    states: bytearray = field(default_factory=bytearray)
    running: dict[int, float] = field(default_factory=dict)  # index -> fraction sent
    numbers: list[int] = field(default_factory=list)
    reset: bool = True  # rows differ from the previous frame: reset the table
    changed: tuple[int, int] | None = None  # first, last row that changed


def make_frame(upload_id: int, parts: list[PartProgress], previous: PartsFrame | None) -> PartsFrame:
    frame = PartsFrame(
        upload_id,
        parts,
        bytearray(STATE_CODES.get(p.state, PENDING) for p in parts),
        {
            i: (p.bytes_sent / p.length if p.length else 0.0)
            for i, p in enumerate(parts)
            if p.state == "running"
        },
        [p.part_number for p in parts],
    )
    if previous is not None and previous.upload_id == upload_id and previous.numbers == frame.numbers:
        frame.reset = False
        old = previous.parts
        changed = [i for i, (a, b) in enumerate(zip(old, parts, strict=True)) if a != b]
        frame.changed = (changed[0], changed[-1]) if changed else None
    return frame


def empty_frame() -> PartsFrame:
    return PartsFrame(0, [])

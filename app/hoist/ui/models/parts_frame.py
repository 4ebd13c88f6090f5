"""A part snapshot turned into what the part map and table need, computed off the GUI
thread (no Qt here): one byte per part, the in-flight fractions, and the range of
rows that changed since the frame the views show now."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...engine.events import PartProgress

PENDING, RUNNING, DONE, RETRYING, DELETED = 0, 1, 2, 3, 4
STATE_CODES = {"pending": PENDING, "running": RUNNING, "done": DONE, "retrying": RETRYING, "deleted": DELETED}


def cancelled_parts(parts: list[PartProgress]) -> list[PartProgress]:
    """A cancelled upload's parts: none is on the server any more (Cancel deletes them),
    so none may look done (green) or still sending."""
    return [replace(p, state="deleted", bytes_sent=0, speed=0.0) for p in parts]


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

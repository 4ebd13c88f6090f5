"""Files inside a folder that Hoist cannot read, or whose key would be longer than S3's
1,024 bytes: failures of those files, not skips.

The person asked for the folder, so each file in it is one they asked to upload: one that
cannot be read (permission denied, a sub-folder that cannot be listed) gets one line
naming it and why, the rest of the folder still goes up, and the run exits 1 (issue 12:
such files used to be skipped and the run exited 0; so did files with too long a key,
item 4). Links, FIFOs, devices and sockets
inside a folder stay skipped by rule (README, "Symbolic links and special files").
"""

from __future__ import annotations

from ..display import printable
from ..engine.sources import Skipped


def cannot_be_read(item: Skipped) -> bool:
    return item.failed


def failure_line(item: Skipped) -> str:
    """``failed: PATH: why; not uploaded.`` (a folder: nothing in it)."""
    outcome = "nothing in it is uploaded" if item.reason.startswith("cannot be listed") else "not uploaded"
    return f"failed: {printable(str(item.path))}: {printable(item.reason.rstrip('.'))}; {outcome}."


def line_for(item: Skipped) -> str:
    """The line for anything collect() left out: a failure, or a skip and its rule."""
    if cannot_be_read(item):
        return failure_line(item)
    return f"skipped {printable(str(item.path))}: {printable(item.reason)}"

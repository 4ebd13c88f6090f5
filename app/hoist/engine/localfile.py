"""The local file behind an upload: still there, still the same bytes?"""

from __future__ import annotations

import os

from ..store.journal import UploadRow
from .runtime import Runtime


class FileProblem(Exception):
    """The local file is gone or changed; the message is for a person."""


def stat_file(rt: Runtime) -> os.stat_result:
    try:
        return os.stat(rt.row.local_path)
    except FileNotFoundError:
        raise FileProblem(
            f"{rt.row.local_path} no longer exists; it was deleted or moved after it was queued."
        ) from None
    except OSError as exc:
        raise FileProblem(f"{rt.row.local_path} cannot be read: {exc.strerror}.") from None


def ensure_unchanged(rt: Runtime, row: UploadRow | None = None) -> None:
    """The file is still the version ``row`` (default: the current plan's) describes."""
    row = row or rt.row
    st = stat_file(rt)
    if st.st_size != row.size or st.st_mtime_ns != row.mtime_ns:
        raise FileProblem(
            f"{row.local_path} changed while it was uploading (size or modification time). "
            "Nothing mixing old and new bytes was stored; retry once the file is final."
        )

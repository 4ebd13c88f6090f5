"""Words and numbers as a person reads them (no Qt)."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from ...engine.planner import human_bytes
from ...store.states import UploadState

STATE_LABELS: dict[UploadState, str] = {
    UploadState.QUEUED: "queued",
    UploadState.RUNNING: "uploading",
    UploadState.COMPLETING: "verifying",
    UploadState.DONE: "done",
    UploadState.FAILED: "failed",
    UploadState.PAUSED: "paused",
    UploadState.CANCELLED: "cancelled",
    UploadState.SKIPPED: "skipped",
}

# The order the status bar lists states in.
STATE_ORDER = (
    UploadState.RUNNING,
    UploadState.COMPLETING,
    UploadState.QUEUED,
    UploadState.PAUSED,
    UploadState.FAILED,
    UploadState.DONE,
    UploadState.SKIPPED,
    UploadState.CANCELLED,
)


def endpoint_text(endpoint: str) -> str:
    """An engine endpoint key ("https://host:port", "aws:REGION") as a person names it."""
    if endpoint.startswith("aws:"):
        return f"AWS S3 ({endpoint[4:]})"
    return urlsplit(endpoint).netloc or endpoint


def place_text(profile: str, endpoint_url: str) -> str:
    """Which storage a batch goes to, beside its bucket: the profile's name, or (an upload
    queued without one, from the command line) the server. Two profiles may both name
    "bucket1": their rows must not look the same (issue 12, item 8)."""
    if profile:
        return profile
    return urlsplit(endpoint_url).netloc or endpoint_url or "AWS S3"


def state_label(state: UploadState) -> str:
    return STATE_LABELS.get(state, state.value)


def size_text(value: float) -> str:
    return human_bytes(value)


def speed_text(bytes_per_second: float) -> str:
    if bytes_per_second <= 0:
        return ""
    return f"{human_bytes(bytes_per_second)}/s"


def duration_text(seconds: float | None) -> str:
    if seconds is None or seconds < 0:
        return ""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, secs = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes:02d} min"
    return f"{hours // 24} days"


def date_text(timestamp: float | None) -> str:
    if not timestamp:
        return ""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))

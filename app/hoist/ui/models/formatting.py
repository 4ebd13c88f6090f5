"""Words and numbers as a person reads them, in the window's language and locale
(ui/i18n: ``QLocale()`` is the chosen one; a decimal comma in German). No widgets."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from PySide6.QtCore import QDateTime, QLocale

from ...store.states import UploadState
from ..i18n import QT_TRANSLATE_NOOP, Context, fill


class State(Context):
    """An upload's state, alone ("queued") and counted ("3 queued")."""


class Formatting(Context):
    """Numbers with their units: speeds, durations."""


STATE_LABELS: dict[UploadState, str] = {  # English; state_label() says them in the window's language
    UploadState.QUEUED: QT_TRANSLATE_NOOP("State", "queued"),
    UploadState.RUNNING: QT_TRANSLATE_NOOP("State", "uploading"),
    UploadState.COMPLETING: QT_TRANSLATE_NOOP("State", "verifying"),
    UploadState.DONE: QT_TRANSLATE_NOOP("State", "done"),
    UploadState.FAILED: QT_TRANSLATE_NOOP("State", "failed"),
    UploadState.PAUSED: QT_TRANSLATE_NOOP("State", "paused"),
    UploadState.CANCELLED: QT_TRANSLATE_NOOP("State", "cancelled"),
    UploadState.SKIPPED: QT_TRANSLATE_NOOP("State", "skipped"),
}
SIZE_UNITS = ("B", "KiB", "MiB", "GiB", "TiB")  # IEC symbols: the same in every language Hoist speaks

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
    return State.tr(STATE_LABELS.get(state, state.value))


def state_count(state: UploadState, n: int) -> str:
    """ "3 queued": a count and a state, agreeing as each language needs ("1 fallida", "2 fallidas")."""
    if state == UploadState.QUEUED:
        return State.tr("%n queued", "", n)
    if state == UploadState.RUNNING:
        return State.tr("%n uploading", "", n)
    if state == UploadState.COMPLETING:
        return State.tr("%n verifying", "", n)
    if state == UploadState.DONE:
        return State.tr("%n done", "", n)
    if state == UploadState.FAILED:
        return State.tr("%n failed", "", n)
    if state == UploadState.PAUSED:
        return State.tr("%n paused", "", n)
    if state == UploadState.CANCELLED:
        return State.tr("%n cancelled", "", n)
    return State.tr("%n skipped", "", n)


def number_text(value: int) -> str:
    """A count with the locale's digit grouping: 1,234 / 1.234."""
    return QLocale().toString(value)


def size_text(value: float) -> str:
    """As the engine's human_bytes ("1.5 MiB"), the number in the locale's way ("1,5 MiB")."""
    locale = QLocale()
    locale.setNumberOptions(locale.numberOptions() | QLocale.NumberOption.OmitGroupSeparator)
    for unit in SIZE_UNITS:
        if abs(value) < 1024.0 or unit == SIZE_UNITS[-1]:
            return f"{locale.toString(float(value), 'f', 0 if unit == 'B' else 1)} {unit}"
        value /= 1024.0
    raise AssertionError("unreachable: the last unit takes any value")


def speed_text(bytes_per_second: float) -> str:
    if bytes_per_second <= 0:
        return ""
    return fill(Formatting.tr("%1/s", "a speed: bytes per second"), size_text(bytes_per_second))


def duration_text(seconds: float | None) -> str:
    if seconds is None or seconds < 0:
        return ""
    seconds = round(seconds)
    if seconds < 60:
        return fill(Formatting.tr("%1 s", "a duration in seconds"), seconds)
    minutes, secs = divmod(seconds, 60)
    if minutes < 60:
        return fill(Formatting.tr("%1 min %2 s"), minutes, f"{secs:02d}")
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return fill(Formatting.tr("%1 h %2 min"), hours, f"{minutes:02d}")
    return Formatting.tr("%n days", "", hours // 24)


def date_text(timestamp: float | None) -> str:
    """A date and time as the locale writes them (the window; exports keep ISO 8601)."""
    if not timestamp:
        return ""
    when = QDateTime.fromSecsSinceEpoch(int(timestamp))
    return QLocale().toString(when, QLocale.FormatType.ShortFormat)


_MORE = re.compile(r"^(?P<first>.+) and (?P<n>\d+) more$", re.S)


def batch_label_text(label: str) -> str:
    """A batch's label in the window's language: the engine journals "photo.jpg and 2 more"
    (English, as the command line says it); the window says it its own way."""
    more = _MORE.match(label)
    if more is None:
        return label
    return fill(Formatting.tr("%1 and %n more", "", int(more["n"])), more["first"])

"""Colours that stay readable on a light and on a dark palette (issue 18).

Nothing in the window hard-codes a colour that assumes a light background: each one
here comes in a light and a dark variant, picked from the palette the widget paints
with (a dark desktop theme, Fusion with a dark QPalette, a high-contrast theme), or is
derived from the palette itself. Functions, not constants: a palette can change while
Hoist runs, and each paint asks again.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette


def palette_now(palette: QPalette | None = None) -> QPalette:
    return palette if palette is not None else QGuiApplication.palette()


def is_dark(palette: QPalette | None = None) -> bool:
    """A dark theme: the window background is darker than mid-grey."""
    return palette_now(palette).color(QPalette.ColorRole.Window).lightness() < 128


def pick(light: str, dark: str, palette: QPalette | None = None) -> QColor:
    return QColor(dark if is_dark(palette) else light)


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way to ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def luminance(colour: QColor) -> float:
    """WCAG relative luminance (0 black .. 1 white)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours (1 .. 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(background: QColor) -> QColor:
    """Text over a bar's fill: white where it reads (WCAG's 3:1 for bold or large text,
    which a percentage in a bar is read as), else black."""
    white = QColor("#ffffff")
    return white if contrast(white, background) >= 3.0 else QColor("#000000")


# -- text -------------------------------------------------------------------------------


def muted_text(palette: QPalette | None = None) -> QColor:
    """Secondary text (a hint, a cancelled row): the text colour halfway to the background."""
    p = palette_now(palette)
    return blend(p.color(QPalette.ColorRole.WindowText), p.color(QPalette.ColorRole.Window), 0.4)


def error_text(palette: QPalette | None = None) -> QColor:
    return pick("#b3261e", "#f2b8b5", palette)


def success_text(palette: QPalette | None = None) -> QColor:
    return pick("#256b29", "#81c995", palette)


def warning_text(palette: QPalette | None = None) -> QColor:
    return pick("#8f5200", "#fdd663", palette)


def error_style(palette: QPalette | None = None) -> str:
    """A style sheet for a label that says something went wrong."""
    return f"color: {error_text(palette).name()}"


def success_style(palette: QPalette | None = None) -> str:
    return f"color: {success_text(palette).name()}"


def banner_style(palette: QPalette | None = None) -> str:
    """A warning banner (the demo storage note): amber, dark text on light, light on dark."""
    if is_dark(palette):
        return "background:#4a3500; color:#ffe0a3; padding:4px 8px; border-radius:4px"
    return "background:#fff3e0; color:#7a4f01; padding:4px 8px; border-radius:4px"


# -- the part map, its legend and the parts table ---------------------------------------

_PART_COLOURS = {  # state name -> (light, dark)
    "pending": ("#dde1e6", "#3b4148"),
    "running": ("#bbdefb", "#245a8a"),
    "done": ("#43a047", "#4caf50"),
    "retrying": ("#fb8c00", "#ffa726"),
    "deleted": ("#9e9e9e", "#6e6e6e"),
    "stopped": ("#e57373", "#c75450"),
}


def part_colour(state: str, palette: QPalette | None = None) -> QColor:
    light, dark = _PART_COLOURS[state]
    return pick(light, dark, palette)


def part_fill(palette: QPalette | None = None) -> QColor:
    """The bytes of a part in flight, filling its cell."""
    return pick("#1e88e5", "#64b5f6", palette)


def swatch_outline(palette: QPalette | None = None) -> QColor:
    """Around a legend swatch, so a pale one (waiting) still shows on the window."""
    p = palette_now(palette)
    return blend(p.color(QPalette.ColorRole.WindowText), p.color(QPalette.ColorRole.Window), 0.55)


def part_state_text(state: str, palette: QPalette | None = None) -> QColor | None:
    """The State column's colour in the parts table (None: the palette's text)."""
    if state == "done":
        return success_text(palette)
    if state == "retrying":
        return warning_text(palette)
    if state == "stopped":
        return error_text(palette)
    return None


# -- progress bars ----------------------------------------------------------------------

_BAR_COLOURS = {  # upload state value -> (light, dark)
    "done": ("#2e7d32", "#43a047"),
    "failed": ("#c62828", "#e53935"),
    "paused": ("#8a8a8a", "#8a8a8a"),
    "cancelled": ("#bdbdbd", "#616161"),
    "skipped": ("#bdbdbd", "#616161"),
}
_BAR_DEFAULT = ("#1e88e5", "#1e88e5")


def bar_colour(state: str | None, palette: QPalette | None = None) -> QColor:
    light, dark = _BAR_COLOURS.get(state or "", _BAR_DEFAULT)
    return pick(light, dark, palette)


def bar_track(palette: QPalette | None = None) -> QColor:
    p = palette_now(palette)
    return blend(p.color(QPalette.ColorRole.Base), p.color(QPalette.ColorRole.Text), 0.12)


# -- the drop highlight -----------------------------------------------------------------


def drop_colour(palette: QPalette | None = None) -> QColor:
    return pick("#1e88e5", "#64b5f6", palette)


def drop_text(palette: QPalette | None = None) -> QColor:
    return pick("#0d47a1", "#bbdefb", palette)


# -- the status bar's indicator ---------------------------------------------------------

OFFLINE_STYLE = "background:#c62828; color:white; border-radius:3px"  # the same on light and dark
PAUSED_STYLE = "background:#f9a825; color:black; border-radius:3px"


def failed_indicator_style(palette: QPalette | None = None) -> str:
    return f"color:{error_text(palette).name()}"

"""A dark palette and 200% scaling (issue 18): no colour of the window disappears on a
dark theme (bars, part map, legend, banners, error text keep their contrast), and at
QT_SCALE_FACTOR=2 the toolbar and tray icons are drawn at twice the pixels, not scaled
up from small bitmaps. Screenshots of both, for a person to look at."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from hoist.store.states import UploadState
from hoist.ui import theme
from hoist.ui.window.parts_view import LEGEND, cell_colour
from tests.gui.conftest import make_config
from tests.gui.test_screenshots import save
from tests.helpers import REPO, MiB, hoist_env, make_file

Role = QPalette.ColorRole


def dark_palette() -> QPalette:
    """Fusion's usual dark palette, as dark-theme Qt applications set it."""
    palette = QPalette()
    for role, colour in ((Role.Window, "#353535"), (Role.WindowText, "#ffffff"), (Role.Base, "#2a2a2a"),
                         (Role.AlternateBase, "#323232"), (Role.ToolTipBase, "#353535"),
                         (Role.ToolTipText, "#ffffff"), (Role.Text, "#ffffff"), (Role.Button, "#353535"),
                         (Role.ButtonText, "#ffffff"), (Role.BrightText, "#ff5555"), (Role.Link, "#5aa9ff"),
                         (Role.Highlight, "#2a82da"), (Role.HighlightedText, "#ffffff"),
                         (Role.PlaceholderText, "#8c8c8c"), (Role.Mid, "#505050")):  # fmt: skip
        palette.setColor(role, QColor(colour))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f7f7f"))
    return palette


@pytest.fixture
def dark() -> Iterator[QPalette]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before_style, before_palette = app.style().name(), app.palette()
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(dark_palette())
    try:
        yield app.palette()
    finally:
        app.setPalette(before_palette)
        app.setStyle(QStyleFactory.create(before_style))


def assert_readable(palette: QPalette) -> None:
    base, window = palette.color(Role.Base), palette.color(Role.Window)
    # Text the window colours itself: readable (WCAG AA, 4.5:1) on the background it sits on.
    for colour in (theme.error_text(palette), theme.success_text(palette), theme.warning_text(palette)):
        assert theme.contrast(colour, base) >= 4.5 and theme.contrast(colour, window) >= 4.5, colour.name()
    assert theme.contrast(theme.muted_text(palette), window) >= 3.0
    assert theme.contrast(theme.drop_text(palette), window) >= 4.5
    # Every part-map cell stands out from the map's background, and every legend swatch's
    # outline from the window; each bar's percentage reads on its fill and on the track.
    for code in LEGEND:
        assert theme.contrast(cell_colour(code, palette), base) >= 1.3, code
    assert theme.contrast(theme.swatch_outline(palette), window) >= 2.0
    for state in (None, "done", "failed", "paused", "cancelled"):
        fill = theme.bar_colour(state, palette)
        assert theme.contrast(theme.text_on(fill), fill) >= 3.0, state
        assert theme.contrast(fill, theme.bar_track(palette)) >= 1.3, state
    assert theme.contrast(palette.color(Role.Text), theme.bar_track(palette)) >= 4.5


def test_the_window_colours_read_on_the_light_palette(qtbot: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = QStyleFactory.create("Fusion").standardPalette()
    assert not theme.is_dark(light)
    assert_readable(light)


def test_no_colour_disappears_on_a_dark_palette(
    dark: QPalette, make_gui: Any, qtbot: Any, tmp_path: Path, moto_endpoint: str, bucket: str
) -> None:
    assert theme.is_dark(dark)
    assert_readable(dark)

    gui = make_gui(make_config(moto_endpoint, bucket, bandwidth_limit=12 * MiB, concurrency=4))
    window = gui.main_window
    window.resize(1100, 700)
    make_file(tmp_path / "Holiday 2026" / "notes.txt", 2 * MiB, seed=1)
    make_file(tmp_path / "Holiday 2026" / "video.mp4", 190 * MiB, seed=2)
    window.add_paths([str(tmp_path / "Holiday 2026")])

    def big() -> Any:
        return next((p for p in gui.bridge.uploads.values() if p.name == "video.mp4"), None)

    qtbot.waitUntil(lambda: big() is not None and big().parts_done >= 6, timeout=30_000)
    window.select_uploads([big().upload_id])
    qtbot.waitUntil(lambda: window.parts.model.rowCount() == 38, timeout=5000)
    qtbot.wait(300)
    # The window paints in the palette's colours: the queue's background is the dark base.
    image = window.grab().toImage()
    tree_at = window.tree.viewport().mapTo(window, window.tree.viewport().rect().bottomLeft())
    assert image.pixelColor(tree_at.x() + 5, tree_at.y() - 5).lightness() < 80
    save(window, "dark", tmp_path)
    gui.bridge.cancel([big().upload_id])
    qtbot.waitUntil(lambda: big().state == UploadState.CANCELLED, timeout=10_000)


SCALED_SHOT = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication, QToolButton
app = QApplication([])
from hoist.ui import i18n
assert i18n.install(i18n.chosen_language())  # as run_gui does: English's plural forms
from hoist.config.paths import resolve_paths
from hoist.config.settings import load_config
from hoist.ui.app import HoistGui
from hoist.ui.tray.icon import render_tray_image
from hoist.ui.tray.state import TrayState
home, source, out = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
paths = resolve_paths(home).ensure()
gui = HoistGui(paths, load_config(paths.config_file))
assert gui.acquire_lock() is None
gui.build(excepthooks=False)
gui.main_window.resize(900, 560)
gui.start([source])
facts = {"dpr": app.devicePixelRatio()}

def shot():
    window = gui.main_window
    uploads = list(gui.bridge.uploads.values())
    if not uploads or uploads[0].parts_done < 3:
        QTimer.singleShot(200, shot)
        return
    window.select_uploads([uploads[0].upload_id])
    QTimer.singleShot(600, finish)

def finish():
    window = gui.main_window
    pixmap = window.grab()
    facts["shot"] = [pixmap.width(), pixmap.height(), pixmap.devicePixelRatio()]
    pixmap.save(out, "PNG", 9)
    button = next(b for b in window.findChildren(QToolButton) if b.defaultAction() is window.action_map["pause"])
    icon = button.defaultAction().icon().pixmap(button.iconSize(), app.devicePixelRatio())
    facts["toolbar_icon"] = [button.iconSize().width(), icon.width(), icon.devicePixelRatio()]
    tray = gui.desktop.tray.icon.icon().pixmap(QSize(22, 22), app.devicePixelRatio())
    facts["tray_icon"] = [tray.width(), tray.devicePixelRatio()]
    from hoist.ui.tray.icon import tray_icon
    drawn = tray_icon(TrayState.UPLOADING, 0.5).pixmap(QSize(22, 22), 2.0).toImage()
    facts["tray_drawn_at_44"] = drawn == render_tray_image(TrayState.UPLOADING, 0.5, 44).convertToFormat(drawn.format())
    print("FACTS " + json.dumps(facts), flush=True)
    gui.bridge.cancel([p.upload_id for p in gui.bridge.uploads.values()])
    QTimer.singleShot(300, app.quit)

QTimer.singleShot(300, shot)
app.exec()
gui.shutdown()
"""


def test_at_200_percent_icons_are_drawn_at_twice_the_pixels(tmp_path: Path, moto_endpoint: str,
                                                             bucket: str) -> None:  # fmt: skip
    from hoist.config.paths import resolve_paths
    from hoist.config.settings import save_config

    home = tmp_path / "home"
    config = make_config(moto_endpoint, bucket, bandwidth_limit=8 * MiB, concurrency=2)
    save_config(config, resolve_paths(home).ensure().config_file)
    source = tmp_path / "scaled.bin"
    make_file(source, 80 * MiB)
    target = REPO / "docs" / "screenshots" if os.environ.get("HOIST_SCREENSHOTS") else tmp_path
    out = target / "scale-200.png"
    env = hoist_env(home, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2", HOIST_LANG="en")
    done = subprocess.run([sys.executable, "-c", SCALED_SHOT, str(home), str(source), str(out)], env=env,
                          cwd=str(REPO), capture_output=True, text=True, timeout=120)  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.startswith("FACTS ")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    facts = json.loads(lines[0][6:])
    assert facts["dpr"] == 2.0
    assert facts["shot"] == [1800, 1120, 2.0]  # the window's pixels, twice its size
    side, pixels, ratio = facts["toolbar_icon"]
    assert (pixels, ratio) == (2 * side, 2.0)  # the SVG drawn at 48 px for a 24 px icon, not a 32 px bitmap
    assert facts["tray_icon"] == [44, 2.0] and facts["tray_drawn_at_44"] is True
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1800, 1120)
    assert out.stat().st_size < 400_000

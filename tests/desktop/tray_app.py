"""Runs the real Hoist GUI (HoistGui: window, engine, bridge, tray) on the X display in
DISPLAY and reports what a person would see as JSON lines on stdout. Driven by
test_tray_desktop.py through files in a control folder:

  uploading  -> (tray embedded, uploads running; waits for CONTROL/close)
  closed     -> the window was closed (QWidget.close(), the path a window manager's close
                button takes); waits for CONTROL/go
  menu       -> whenever the tray menu opens (a right-click): its texts
  done       -> every upload finished with the window hidden; waits for the tray icon
                to be clicked (xdotool), then
  shown      -> the click brought the window back; exits 0.

Usage: python tray_app.py CONTROL_DIR FILE...   (HOIST_HOME holds a config with a profile)
"""

from __future__ import annotations

import faulthandler
import json
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from hoist.config.paths import resolve_paths
from hoist.config.settings import load_config
from hoist.ui.app import HoistGui

TIMEOUT = 90.0


def report(event: str, **values: Any) -> None:
    print(json.dumps({"event": event, **values}), flush=True)


def main() -> int:
    control = Path(sys.argv[1])
    files = sys.argv[2:]
    app = QApplication(["hoist"])
    app.setApplicationName("Hoist")
    app.setQuitOnLastWindowClosed(False)
    paths = resolve_paths().ensure()
    gui = HoistGui(paths, load_config(paths.config_file))
    refused = gui.acquire_lock()
    if refused:
        report("error", message=refused)
        return 1
    gui.build(excepthooks=False)
    gui.start(files)
    desk = gui.desktop
    tray = desk.tray
    window = gui.main_window
    started = time.monotonic()
    phase = ["uploading"]
    code = [0]

    def look() -> dict[str, Any]:
        s = desk.refresh()
        g = tray.icon.geometry()
        return {
            "available": tray.available, "icon_visible": tray.icon.isVisible(),
            "geometry": [g.x(), g.y(), g.width(), g.height()], "state": tray.state.value,
            "tooltip": tray.icon.toolTip(), "window_visible": window.isVisible(),
            "in_progress": s.in_progress, "done": s.done, "fraction": s.fraction,
            "hint_shown": gui.config.app.tray_hint_shown,
        }  # fmt: skip

    def step() -> None:
        if time.monotonic() - started > TIMEOUT:
            report("error", message=f"timed out in phase {phase[0]}", **look())
            code[0] = 1
            app.quit()
            return
        now = look()
        if phase[0] == "uploading":
            g = now["geometry"]
            if now["available"] and now["icon_visible"] and g[2] > 0 and 0.25 < now["fraction"] < 0.6:
                report("uploading", **now)
                phase[0] = "close"
        elif phase[0] == "close" and (control / "close").exists():
            window.close()
            report("closed", **look())
            phase[0] = "go"
        elif phase[0] == "go" and (control / "go").exists():
            phase[0] = "done"
        elif phase[0] == "done" and now["in_progress"] == 0 and now["done"] == len(files):
            report("done", **now)
            phase[0] = "click"
        elif phase[0] == "click" and window.isVisible():
            report("shown", **now)
            faulthandler.dump_traceback_later(15, exit=True)  # a hang on the way out shows where
            gui.quit()  # as the tray menu's Quit does

    def menu_opened() -> None:  # after the tray rebuilt it from live state
        texts = ["---" if a.isSeparator() else a.text() for a in tray.menu.actions()]
        QTimer.singleShot(200, lambda: report("menu", texts=texts, visible=tray.menu.isVisible()))

    tray.menu.aboutToShow.connect(menu_opened)
    timer = QTimer()
    timer.timeout.connect(step)
    timer.start(50)
    try:
        app.exec()
    finally:
        gui.shutdown()
    return code[0]


if __name__ == "__main__":
    sys.exit(main())

"""What app.py calls to join the desktop: the single-instance hand-over in ``run_gui``,
and the tray and notifications on the window of a built ``HoistGui``.

Kept out of app.py so the window's start-up code stays short: app.py calls
``hand_over_or_listen`` before taking the journal lock, and ``install`` after building
the window.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from typing import Any

from ...config.paths import Paths
from ..tray.integration import DesktopIntegration
from .single_instance import HandOff, InstanceServer, hand_off

log = logging.getLogger(__name__)


def hand_over_or_listen(paths: Paths, args: Sequence[str]) -> tuple[int | None, InstanceServer | None]:
    """(exit code, None) when a running Hoist took over (this process should exit),
    else (None, the listening server) - or (None, None) if listening failed (Hoist then
    still runs; the journal lock keeps it to one engine)."""
    name = paths.instance_socket_name
    for _ in range(2):
        answer = hand_off(name, list(args))
        if answer is not None:
            return _report(answer), None
        server = InstanceServer(name)
        if server.listen():
            return None, server
        # Another instance started listening between our two calls: hand over to it.
    log.warning("Single-instance socket %s unusable; starting without it", name)
    return None, None


def _report(answer: HandOff) -> int:
    if answer.ok:
        if answer.message:
            print(f"hoist: {answer.message}", file=sys.stderr)
        return 0
    print(f"hoist: {answer.message or 'the running Hoist refused the request'}", file=sys.stderr)
    return 1


def install(gui: Any, server: InstanceServer | None = None) -> DesktopIntegration:
    """Tray, notifications, close-to-tray and hand-over handling for a built HoistGui."""
    window = gui.main_window
    ctx = gui.ctx

    def open_rows(ids: Sequence[int], _batches: Sequence[int]) -> None:
        window.show_and_raise()
        if ids:
            window.select_uploads(list(ids))

    desk = DesktopIntegration(
        window,
        gui.bridge,
        ctx.config.app,
        ctx.save_config,
        open_rows=open_rows,
        open_settings=window.open_settings,
        quit_app=gui.quit,
    )

    def close_handler(event: Any) -> bool:
        desk.handle_close(event)  # hides, asks or quits (quit_requested -> gui.quit)
        return True  # handled: the window does not ask a second time

    window.close_handler = close_handler
    ctx.desktop = desk  # the settings dialog asks it whether a tray is shown
    if server is not None:
        server.setParent(window)
        server.activate_requested.connect(window.show_and_raise)

        def open_paths(handed: list[str]) -> HandOff:
            if window.add_paths(handed):
                n = len(handed)
                return HandOff(True, f"added {n} item{'s' if n != 1 else ''} to the running Hoist's queue.")
            return HandOff(False, "the running Hoist has no destination yet; choose one in its window.")

        server.open_paths = open_paths
    return desk

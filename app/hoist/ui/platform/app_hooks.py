"""What app.py calls to join the desktop: the single-instance hand-over in ``run_gui``,
and the tray and notifications on the window of a built ``HoistGui``.

Kept out of app.py so the window's start-up code stays short: app.py calls
``hand_over_or_listen`` before taking the journal lock, and ``install`` after building
the window.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ...config.paths import Paths
from ...display import printable
from ..tray.integration import DesktopIntegration
from .single_instance import HandOff, InstanceServer, hand_off

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2  # as the CLI's (hoist.cli.runner)


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
    lines = (answer.message or ("" if answer.ok else "the running Hoist refused the request")).split("\n")
    for line in filter(None, lines):
        print(f"hoist: {printable(line)}", file=sys.stderr)
    return answer.code if answer.code is not None else (0 if answer.ok else 1)


def path_problem(raw: str) -> str | None:
    """Why a path given on the command line cannot be queued (the CLI's rules), or None.
    A folder is fine here: what inside it cannot be uploaded is skipped and reported."""
    from ...engine.sources import BadInput, collect

    try:
        if os.path.isdir(raw) and not Path(raw).is_symlink():  # a link to a folder: collect says why
            return None
        collect([raw], "")
    except BadInput as exc:
        return str(exc)
    except OSError as exc:
        return f"{raw}: {exc.strerror or exc}."
    return None


def _plural(n: int, one: str) -> str:
    return f"{n:,} {one}{'' if n == 1 else 's'}"


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

        def open_paths(handed: list[str], reply: Callable[[HandOff], None]) -> None:
            """Answer once the window has queued or refused the paths, path by path.
            As the CLI does: any path that cannot be uploaded is named (each of them),
            nothing is queued, exit 2."""

            def checked(problems: list[str]) -> None:
                if problems:
                    # Each line escaped here (a name may hold a newline) and by the launcher.
                    lines = [printable(problem) for problem in problems]
                    reply(HandOff(False, "\n".join([*lines, "Nothing was added."]), EXIT_BAD_INPUT))
                    return

                def queued(result: Any) -> None:
                    lines = [f"added {_plural(len(result.upload_ids), 'file')} to the running Hoist's queue."]
                    lines += [
                        f"not added: {printable(str(s.path))}: {printable(s.reason)}" for s in result.skipped
                    ]
                    reply(HandOff(True, "\n".join(lines), EXIT_OK))

                def refused(words: str) -> None:
                    reply(HandOff(False, f"nothing was added: {printable(words)}", EXIT_FAILED))

                if not window.add_paths(handed, on_done=queued, on_refused=refused):
                    reply(HandOff(False, "the running Hoist has no destination yet; choose one in its window.",
                                  EXIT_FAILED))  # fmt: skip

            gui.bridge.submit(lambda: [p for raw in handed if (p := path_problem(raw))], checked, query=True)

        server.open_paths = open_paths
    return desk

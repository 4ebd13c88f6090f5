"""`hoist` with no subcommand: the window.

``run_gui`` builds everything in one place (``HoistGui``): QApplication, journal,
engine, bridge, window. The tray / single-instance code extends ``HoistGui``
(override ``build``/``start``/``shutdown`` or connect to ``gui.window``).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from filelock import FileLock, Timeout

from ..config.paths import Paths, resolve_paths
from ..config.private import PRIVATE_FILE, UntrustedHome
from ..config.settings import Config, ConfigError, load_config
from ..connect import connection_factory
from ..logs import setup_logging
from ..seal import sealing_or_refusing

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED = 0, 1
CLI_HINT = "use the command line instead: hoist upload FILE... --to s3://BUCKET[/PREFIX] (see hoist --help)"
HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb"}


def display_problem() -> str | None:
    """Why no window can open here (checked before Qt, which would abort with a wall
    of text), or None."""
    if sys.platform in ("win32", "darwin"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0]
    if platform in HEADLESS_PLATFORMS:
        return None
    if os.environ.get("WAYLAND_DISPLAY"):
        return None
    display = os.environ.get("DISPLAY", "")
    if not display:
        return "hoist: no graphical display found (DISPLAY and WAYLAND_DISPLAY are not set); " + CLI_HINT
    if display.startswith(":"):  # a local X server listens on a socket named after the display number
        number = display[1:].split(".")[0]
        if number.isdigit() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return f"hoist: the display {display} is not running; " + CLI_HINT
    return None


def parse_gui_args(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="hoist", add_help=False)
    parser.add_argument("--home", default=None)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--minimized", action="store_true")  # start in the tray (login autostart)
    parser.add_argument("paths", nargs="*")
    options, _unknown = parser.parse_known_args(args)
    return options


class HoistGui:
    """The application: owns the engine lock, the journal, the engine, the bridge and the window."""

    def __init__(self, paths: Paths, config: Config) -> None:
        self.paths = paths
        self.config = config
        self.lock = FileLock(str(paths.engine_lock), mode=PRIVATE_FILE)
        self.window: object = None
        self.desktop: Any = None  # tray + notifications (platform.app_hooks.install)
        self.instance_server: Any = None  # single-instance socket, if this process listens
        self._in_quit = False
        self._engine_stopped = False

    def acquire_lock(self) -> str | None:
        """One engine per journal (the CLI holds the same lock). None, or why not."""
        try:
            self.lock.acquire(timeout=0)
        except Timeout:
            return (
                f"Another Hoist is already uploading with this journal ({self.paths.data_dir}). "
                "Close it (or let `hoist upload` finish) first; two engines never share a journal."
            )
        return None

    def build(self, *, excepthooks: bool = True) -> None:
        from ..engine.core import Engine
        from ..store.journal import Journal
        from .bridge import ConflictBroker, EngineBridge
        from .context import Context
        from .window.main_window import MainWindow

        # Worker threads hold the GIL for up to the switch interval (5 ms by default) while
        # the GUI thread waits for it on every call into Qt; 1 ms keeps the window fluid.
        sys.setswitchinterval(0.001)
        self.journal = Journal(self.paths.journal)
        settings = self.config.transfer
        self.broker = ConflictBroker()
        self.engine = Engine(self.journal, connection_factory(self.config, settings), settings,
                             conflict_resolver=self.broker.resolve,
                             trust=sealing_or_refusing(self.journal))  # fmt: skip
        self.bridge = EngineBridge(self.engine, self.broker)
        self.ctx = Context(self.paths, self.config, self.journal, self.engine, self.bridge, self.broker)
        self.window = MainWindow(self.ctx)
        self.main_window.quit_requested.connect(self.quit)
        from .platform.app_hooks import install

        self.desktop = install(self, self.instance_server)
        self._install_file_open_handler()
        if excepthooks:
            install_excepthooks(self)

    def _install_file_open_handler(self) -> None:
        from PySide6.QtWidgets import QApplication

        from .platform.file_open import FileOpenHandler

        def open_paths(paths: list[str]) -> None:
            self.main_window.show_and_raise()
            self.main_window.add_paths(paths)

        app = QApplication.instance()
        self.file_open = FileOpenHandler(open_paths, self.main_window)
        if app is not None:
            app.installEventFilter(self.file_open)

    def _remove_file_open_handler(self) -> None:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        handler = getattr(self, "file_open", None)
        if app is not None and handler is not None:
            app.removeEventFilter(handler)

    @property
    def main_window(self):  # type: ignore[no-untyped-def]
        from .window.main_window import MainWindow

        assert isinstance(self.window, MainWindow)
        return self.window

    def start(self, paths_to_add: list[str] | None = None, *, show: bool = True) -> None:
        from PySide6.QtCore import QTimer

        window = self.main_window
        if show:
            window.show_and_raise()
        from .demo import close_past_demo_uploads_at_start

        close_past_demo_uploads_at_start(self.bridge, window.show_notice)
        self.bridge.start()
        if self.journal.set_aside is not None:
            from PySide6.QtCore import QCoreApplication

            from .i18n import fill

            window.show_notice(fill(QCoreApplication.translate("HoistGui", "The journal was damaged; it was moved "
                                                               "to %1 and a new one started."),
                                    self.journal.set_aside))  # fmt: skip
        if paths_to_add:
            QTimer.singleShot(0, lambda: window.add_paths(paths_to_add))
        elif not self.config.profiles:
            QTimer.singleShot(0, self.welcome)
        # What start-up built (modules, Qt wrappers, the window) lives until exit: out of
        # the cyclic collector's reach, its full passes no longer walk it. Measured with a
        # dropped folder of 20,000 files (bench_gui many): the passes that the queueing
        # thread set off held every thread, the window's too, for 37-53 ms each.
        gc.freeze()

    def welcome(self) -> None:
        """No storage yet: the window shows the two choices as its content (the window
        decides when, dialogs.welcome.WelcomePane); the first one has the focus."""
        window = self.main_window
        self._welcome = window.welcome
        if window.content.currentWidget() is window.welcome:
            window.welcome.setFocus()

    def quit(self) -> None:
        """Leave the event loop; ``shutdown`` then stops the engine. Qt 6's quit() closes
        every window first: ``quitting`` makes the window accept without asking again.
        (Not QApplication.exit(): called outside a running loop it ends the next one.)
        Not re-entered: Qt's quit sends close events, whose handlers may ask to quit."""
        from PySide6.QtWidgets import QApplication

        if self._in_quit:
            return
        self._in_quit = True
        try:
            self.main_window.quitting = True
            QApplication.quit()
        finally:
            self._in_quit = False

    def stop_engine(self) -> None:
        """Stop the engine (running uploads go back to queued, finished parts are kept),
        close the journal, release the lock. Once; touches no display, so it also serves
        when the display is gone. The workers get ENGINE_BUDGET seconds together."""
        if self._engine_stopped:
            return
        self._engine_stopped = True
        from .platform.ending import ENGINE_BUDGET

        try:
            workers = len(self.engine.machinery.workers)
            self.bridge.shutdown(ENGINE_BUDGET / max(1, workers))
        finally:
            self.ctx.demo.stop()
            self.journal.close()
            if self.lock.is_locked:
                self.lock.release()

    def shutdown(self) -> None:
        """Stop the engine (running uploads go back to queued and resume next time),
        then the tray and the hand-over socket. Once: a quit followed by the process's
        own teardown must not dispose twice."""
        if getattr(self, "_shut_down", False):
            return
        self._shut_down = True
        window = getattr(self, "main_window", None)
        if window is not None:
            window.quitting = True  # closing it later must not ask the tray, which is gone
        try:
            self.stop_engine()
        finally:
            self._remove_file_open_handler()
            if self.desktop is not None:
                self.desktop.shutdown()
            if self.instance_server is not None:
                self.instance_server.close()


def install_excepthooks(gui: HoistGui) -> None:
    """An unexpected exception: logged, and a dialog with details to copy (Vorta does
    the same), instead of a silent death or a traceback in a terminal nobody sees."""

    def show(summary: str, details: str) -> None:
        try:
            gui.main_window.show_unexpected(summary, details)
        except Exception:
            log.exception("Cannot show the error dialog")

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("Unexpected error:\n%s", details)
        summary = f"{kind.__name__}: {value}"
        if threading.current_thread() is threading.main_thread():
            show(summary, details)
        else:
            gui.bridge.dispatcher.post(lambda: show(summary, details))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def run_gui(args: list[str]) -> int:
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_FAILED
    options = parse_gui_args(args)
    try:
        paths: Paths | None = resolve_paths(options.home).ensure()
    except UntrustedHome as exc:
        paths, untrusted = None, str(exc)

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "hoist"])
    assert isinstance(app, QApplication)
    if paths is None:  # said in a box as well: started from a menu, nobody reads stderr
        return _refuse(untrusted)
    setup_logging(paths.log_file, logging.DEBUG if options.verbose else logging.INFO)
    app.setApplicationName("Hoist")
    app.setOrganizationName("Hoist")
    app.setDesktopFileName("hoist")
    app.setQuitOnLastWindowClosed(False)  # closing the window may only hide it to the tray
    from .platform.app_hooks import hand_over_or_listen

    # A Hoist already runs on this home: it comes forward and queues our paths; we exit.
    handed, server = hand_over_or_listen(paths, options.paths)
    if handed is not None:
        return handed
    try:
        config = load_config(paths.config_file)
    except ConfigError as exc:
        return _refuse(str(exc))
    from .i18n import chosen_language, install

    # Before any window exists: every text in it, and the locale of its numbers and dates.
    install(chosen_language(config.app.language))
    gui = HoistGui(paths, config)
    gui.instance_server = server
    refused = gui.acquire_lock()
    if refused:
        return _refuse(refused)
    try:
        gui.build()
        # SIGTERM, SIGINT, SIGHUP, the display lost, a logout: one way out (platform.ending).
        from .platform.ending import Ending

        ending = Ending(gui.stop_engine, app)
        ending.install()
        minimized = options.minimized or config.app.start_minimized
        gui.start([str(Path(p).absolute()) for p in options.paths], show=not minimized)
        if minimized and not gui.desktop.tray.tray_shown():
            gui.main_window.showMinimized()  # no tray (yet): the taskbar, never invisible
        code = int(app.exec())
    except BaseException:
        gui.shutdown()
        raise
    # The loop is over: whatever still runs, the process is gone within DEADLINE seconds.
    ending.arm_watchdog()
    gui.shutdown()
    if ending.began:  # the session ends: skip the teardown, which may wait on a display that is gone
        from .platform.ending import leave

        leave(EXIT_OK)
    return code


def _refuse(message: str) -> int:
    from PySide6.QtWidgets import QMessageBox

    print(f"hoist: {message}", file=sys.stderr)
    QMessageBox.warning(None, "Hoist", message)
    return EXIT_FAILED

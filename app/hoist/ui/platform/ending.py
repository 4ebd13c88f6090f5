"""How the window ends, whatever ends it: SIGTERM, SIGINT, SIGHUP, the display
connection lost, a logout through the session manager, or Quit.

The rules (issue 18):

- A signal handler does nothing but set a flag (and put the signals back to their
  default, so a second one ends the process at once, in the kernel, whatever the main
  thread is doing). The C-level handler also writes the signal's number to a socket
  pair (``signal.set_wakeup_fd``); a QSocketNotifier reads it in the event loop, which
  then starts the ending. Python runs a handler between two bytecodes, i.e. inside
  whatever Qt callback happens to run Python (an event filter, for one); before this,
  the handler called ``QApplication.quit()`` there, which sends events synchronously,
  so Qt's quit ran nested inside Qt's own event delivery - and, with the X server
  gone at the same moment, inside Qt's handling of the broken connection.
- ``begin`` runs once (a flag) and only calls ``QCoreApplication.exit``, which sends
  no event and runs no filter: nothing can re-enter it. ``run_gui`` then stops the
  engine (running uploads back to queued in the journal) and leaves with ``os._exit``,
  skipping the interpreter's and Qt's teardown, which may talk to a display that is gone.
- The display connection lost: Qt's xcb plugin says "The X11 connection broke" and
  then calls ``exit(1)`` from inside its event processing, which runs C++ static
  destructors under live Python threads and never stops the engine. The message is
  caught first: the engine is stopped and the journal closed right there, then
  ``os._exit``.
- A watchdog in C (``faulthandler``, no GIL needed) ends the process DEADLINE seconds
  after the ending began, whatever still runs, printing where it was stuck.
- A logout: a session manager speaking GNOME's D-Bus protocol says EndSession or Stop
  to the client Hoist registered (platform.session); that arrives here as one queued
  call of ``begin``. Through XSMP (Qt built with libSM) it is commitDataRequest and a
  Quit event (``eventFilter``).
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMessageLogContext,
    QObject,
    QSocketNotifier,
    QtMsgType,
    qInstallMessageHandler,
)

from .session import SessionManagerClient

log = logging.getLogger(__name__)

SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
DEADLINE = 4.5  # seconds from the first sign of the end until the process is gone, at the latest
ENGINE_BUDGET = 2.0  # seconds the engine's workers get, all together, to leave their task
DISPLAY_LOST = "The X11 connection broke"  # Qt xcb, before it calls exit(1) (both the xcb and Xlib paths)


class Ending(QObject):
    """The one way out of the window. ``stop_engine`` stops the engine and closes the
    journal (idempotent, touches no display); ``HoistGui`` passes its own."""

    def __init__(self, stop_engine: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop_engine = stop_engine
        self.began = False  # the ending started (once)
        self.reason = ""
        self.signalled: int | None = None  # set by the signal handler, nothing else
        self._session_ending = False
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)
        self._previous_messages: Any = None
        self.session = SessionManagerClient(self)  # a logout over D-Bus (started by install)

    def install(self) -> None:
        """Signals, the display-lost message and the session manager's logout. Call
        from the main thread, once the window is built."""
        app = QCoreApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        commit = getattr(app, "commitDataRequest", None)  # a QGuiApplication: the session manager
        if commit is not None:
            commit.connect(self._session_ends)
        signal.set_wakeup_fd(self._write.fileno(), warn_on_full_buffer=False)
        for signum in SIGNALS:
            signal.signal(signum, self._on_signal)
        self._previous_messages = qInstallMessageHandler(self._on_qt_message)
        self.session.ends.connect(self.begin)  # queued: emitted on the client's D-Bus thread
        self.session.start()

    # -- what may arrive at any moment ----------------------------------------------------

    def _on_signal(self, signum: int, _frame: object) -> None:
        """Only a flag. The signals go back to their default here: a second one ends
        the process at once, even if the main thread is stuck in C."""
        if self.signalled is None:
            self.signalled = signum
        for each in SIGNALS:
            signal.signal(each, signal.SIG_DFL)

    def _woken(self) -> None:
        """The event loop saw a byte from the signal's C-level handler."""
        try:
            data = self._read.recv(64)
        except (BlockingIOError, InterruptedError):
            data = b""
        if self.signalled is None and data:  # the Python-level handler has not run yet
            self.signalled = data[0]
        if self.signalled is not None:
            self.begin(f"signal {_signal_name(self.signalled)}")

    def _session_ends(self, *_args: object) -> None:
        self._session_ending = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The session manager's "die" (and a Quit already decided) arrives as a Quit event
        # to the application: then nothing may ask or hide to the tray. Only flags here.
        if event.type() == QEvent.Type.Quit and self._session_ending and not self.began:
            self.begin("the session ends")
        return False

    def _on_qt_message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message.startswith(DISPLAY_LOST):
            self.display_lost(message)  # does not return
        if self._previous_messages is not None:
            self._previous_messages(kind, context, message)
        else:
            print(message, file=sys.stderr, flush=True)

    # -- the ending ----------------------------------------------------------------------

    def begin(self, reason: str) -> None:
        """Leave every event loop; ``run_gui`` stops the engine and ends the process.
        Once; sends no event, so nothing can re-enter it."""
        if self.began:
            return
        self.began = True
        self.reason = reason
        log.info("Ending (%s)", reason)
        self.arm_watchdog()
        QCoreApplication.exit(0)

    def arm_watchdog(self) -> None:
        faulthandler.dump_traceback_later(DEADLINE, exit=True)

    def display_lost(self, message: str) -> None:
        """The X connection is gone: stop the engine now (uploads back to queued, the
        journal closed) and end, before Qt's exit(1) runs C++ teardown under live threads."""
        self.began = True
        self.reason = self.reason or "the display connection was lost"
        log.warning("Ending: %s", message)
        self.arm_watchdog()
        code = 0
        try:
            self._stop_engine()
        except BaseException:
            log.exception("Stopping the engine after the display was lost")
            code = 1
        leave(code)


def leave(code: int) -> None:
    """End the process now, logs and output flushed, without the interpreter's and Qt's
    teardown (which may wait on a display that is gone)."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def _signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return str(signum)

"""Desktop notifications (tray balloons) for what a person wants to hear about while the
window is closed: a batch finished, an upload needs them, everything is done.

``NotificationPolicy`` (no Qt) coalesces and rate-limits: events wait ``coalesce``
seconds for company and then go out as ONE notification, and no two notifications are
closer than ``min_interval`` seconds, so 1,000 small files never make 1,000 balloons.
``Notifier`` drives it with a QTimer and shows the result on the tray icon; clicking a
notification asks the window to show the rows it was about.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from ...config.settings import AppSettings
from ...display import printable
from ...engine import events as ev
from ..i18n import Context, fill
from ..models.messages import window_text


class Notes(Context):
    """The notifications' titles and texts."""


COALESCE_SECONDS = 2.0
MIN_INTERVAL_SECONDS = 10.0
SHOW_MS = 8000


class Kind(StrEnum):
    BATCH_DONE = "batch_done"
    FAILURE = "failure"
    ALL_DONE = "all_done"


@dataclass(frozen=True)
class Notification:
    kind: Kind  # the most important kind merged into it
    title: str
    text: str
    upload_ids: tuple[int, ...] = ()  # what clicking it opens (failures)
    batch_ids: tuple[int, ...] = ()  # ... or these batches' rows

    @property
    def warning(self) -> bool:
        return self.kind == Kind.FAILURE


@dataclass
class _Failure:
    upload_id: int
    name: str
    error: str


@dataclass
class _Pending:
    since: float | None = None
    batches: list[tuple[int, str, int, int, int, int, int]] = field(
        default_factory=list
    )  # id, label, done, failed, not added, skipped, cancelled
    failures: list[_Failure] = field(default_factory=list)
    all_done: bool = False

    def __bool__(self) -> bool:
        return bool(self.batches or self.failures or self.all_done)


def _not_added(n: int) -> str:
    return Notes.tr("%Ln item(s) not added (see the batch in the window)", "", n)


def _outcome(done: int, failed: int, not_added: int, skipped: int = 0, cancelled: int = 0) -> str:
    """What became of a batch, in the order a person cares: sent, then what was not."""
    pieces = [Notes.tr("%Ln file(s) uploaded", "", done)] if done or not (skipped or cancelled) else []
    if skipped:
        pieces.append(Notes.tr("%Ln skipped (already on the server)", "", skipped))
    if cancelled:
        pieces.append(Notes.tr("%Ln cancelled", "", cancelled))
    if failed:
        pieces.append(Notes.tr("%Ln failed", "", failed))
    if not_added:
        pieces.append(_not_added(not_added))
    return ", ".join(pieces) + "."


class NotificationPolicy:
    """Decides what to notify and when. Feed it events; ask ``due(now)``."""

    def __init__(
        self,
        settings: AppSettings,
        *,
        coalesce: float = COALESCE_SECONDS,
        min_interval: float = MIN_INTERVAL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.coalesce = coalesce
        self.min_interval = min_interval
        self.clock = clock
        self.pending = _Pending()
        self.last_shown: float | None = None
        # Since the last "all done": did anything finish? (Idle also fires on pause.)
        self._run_done = 0
        self._run_failed = 0
        self._run_not_added = 0
        self._run_skipped = 0
        self._run_cancelled = 0
        self._run_batches: set[int] = set()

    def _enabled(self, kind: Kind) -> bool:
        if not self.settings.notifications:
            return False
        return {
            Kind.BATCH_DONE: self.settings.notify_batch_done,
            Kind.FAILURE: self.settings.notify_failures,
            Kind.ALL_DONE: self.settings.notify_all_done,
        }[kind]

    def _touch(self) -> None:
        if self.pending.since is None:
            self.pending.since = self.clock()

    # -- inputs ----------------------------------------------------------------------

    def batch_done(
        self, batch_id: int, label: str, done: int, failed: int, not_added: int = 0,
        skipped: int = 0, cancelled: int = 0,
    ) -> None:  # fmt: skip
        """``not_added``: items of the drop skipped before uploading (a FIFO, a key too long);
        ``skipped``: left alone by the if-exists policy; ``cancelled``: by a person."""
        self._run_done += done
        self._run_failed += failed
        self._run_skipped += skipped
        self._run_cancelled += cancelled
        self._run_not_added += not_added if batch_id not in self._run_batches else 0
        self._run_batches.add(batch_id)
        if self._enabled(Kind.BATCH_DONE):
            self.pending.batches = [b for b in self.pending.batches if b[0] != batch_id]
            self.pending.batches.append((batch_id, label, done, failed, not_added, skipped, cancelled))
            self._touch()

    def upload_failed(self, upload_id: int, name: str, error: str, needs_attention: bool) -> None:
        """Only failures a person must act on (credentials, bucket, a changed file)."""
        if needs_attention and self._enabled(Kind.FAILURE):
            if all(f.upload_id != upload_id for f in self.pending.failures):
                self.pending.failures.append(_Failure(upload_id, name, error))
            self._touch()

    def idle(self, *, in_progress: int, paused: int) -> None:
        """The engine has nothing to do. "All done" only if nothing waits and something ran."""
        if in_progress or paused or not self._run_batches:
            return
        if self._enabled(Kind.ALL_DONE):
            self.pending.all_done = True
            self._touch()
        else:
            self._reset_run()

    def _reset_run(self) -> None:
        self._run_done = self._run_failed = self._run_not_added = 0
        self._run_skipped = self._run_cancelled = 0
        self._run_batches.clear()

    # -- output ----------------------------------------------------------------------

    def next_check(self, now: float | None = None) -> float | None:
        """Seconds until ``due`` may return something (None: nothing pending)."""
        if not self.pending or self.pending.since is None:
            return None
        now = self.clock() if now is None else now
        ready = self.pending.since + self.coalesce
        if self.last_shown is not None:
            ready = max(ready, self.last_shown + self.min_interval)
        return max(0.0, ready - now)

    def due(self, now: float | None = None) -> Notification | None:
        now = self.clock() if now is None else now
        wait = self.next_check(now)
        if wait is None or wait > 0:
            return None
        # Settings may have changed while these waited: drop what is now switched off.
        p = self.pending
        p.failures = p.failures if self._enabled(Kind.FAILURE) else []
        p.batches = p.batches if self._enabled(Kind.BATCH_DONE) else []
        p.all_done = p.all_done and self._enabled(Kind.ALL_DONE)
        if not p:
            self.pending = _Pending()
            return None
        note = self._compose()
        self.pending = _Pending()
        self.last_shown = now
        return note

    def _compose(self) -> Notification:
        p = self.pending
        batch_ids = tuple(b[0] for b in p.batches)
        if p.failures:
            first = p.failures[0]
            if len(p.failures) == 1:
                title = fill(Notes.tr("Upload failed: %1"), printable(first.name))
                text = printable(window_text(first.error, name=first.name))
            else:
                title = Notes.tr("%Ln upload(s) need your attention", "", len(p.failures))
                text = f"{printable(first.name)}: {printable(window_text(first.error, name=first.name))}"
                if len(p.failures) > 1:
                    text += "\n" + Notes.tr("(and %Ln more file(s))", "", len(p.failures) - 1)
            if p.all_done:
                text += "\n" + Notes.tr("Everything else is finished.")
                self._reset_run()
            elif p.batches:
                text += "\n" + Notes.tr("%Ln batch(es) finished.", "", len(p.batches))
            return Notification(Kind.FAILURE, title, text, tuple(f.upload_id for f in p.failures), batch_ids)
        if p.all_done:
            done, failed, batches = self._run_done, self._run_failed, len(self._run_batches)
            not_added, skipped, cancelled = self._run_not_added, self._run_skipped, self._run_cancelled
            self._reset_run()
            text = _outcome(done, failed, not_added, skipped, cancelled)
            if batches > 1:
                text = Notes.tr("%Ln batch(es): ", "", batches) + text
            if len(p.batches) == 1:
                text = f"{p.batches[0][1]}: {text}"
            kind = Kind.ALL_DONE
            # "finished", not "uploaded": it may be that nothing was (all skipped or cancelled).
            return Notification(kind, Notes.tr("All uploads finished"), text, (), batch_ids)
        if len(p.batches) == 1:
            _, label, done, failed, not_added, skipped, cancelled = p.batches[0]
            text = _outcome(done, failed, not_added, skipped, cancelled)
            return Notification(
                Kind.BATCH_DONE, fill(Notes.tr("Upload finished: %1"), label), text, (), batch_ids
            )
        text = _outcome(
            sum(b[2] for b in p.batches), sum(b[3] for b in p.batches), sum(b[4] for b in p.batches),
            sum(b[5] for b in p.batches), sum(b[6] for b in p.batches),
        )  # fmt: skip
        title = Notes.tr("%Ln batch(es) finished", "", len(p.batches))
        return Notification(Kind.BATCH_DONE, title, text, (), batch_ids)


class Notifier(QObject):
    """Shows the policy's notifications on a tray icon; relays clicks.

    Feed it engine events on the GUI thread (``on_event``). ``names`` maps an upload id
    to a file name and ``labels`` a batch id to its label; ``queue_state`` returns
    (in progress, paused) counts for the "all done" check.
    """

    clicked = Signal(object)  # the Notification clicked
    shown = Signal(object)  # each Notification as it is shown (tests, logs)

    def __init__(
        self,
        icon: QSystemTrayIcon,
        settings: AppSettings,
        *,
        names: Callable[[int], str] = lambda upload_id: fill(Notes.tr("upload %1"), upload_id),
        labels: Callable[[int], str] = lambda batch_id: fill(Notes.tr("batch %1"), batch_id),
        not_added: Callable[[int], int] = lambda batch_id: 0,
        queue_state: Callable[[], tuple[int, int]] = lambda: (0, 0),
        policy: NotificationPolicy | None = None,
        tray_shown: Callable[[], bool] | None = None,
        desktop: Any = None,  # FreedesktopNotifications: used when no tray icon is shown
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.icon = icon
        self.tray_shown = tray_shown or (lambda: True)
        self.desktop = desktop
        self._by_id: dict[int, Notification] = {}
        self.policy = policy or NotificationPolicy(settings)
        self.names = names
        self.labels = labels
        self.not_added = not_added
        self.queue_state = queue_state
        self.last: Notification | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.flush)
        icon.messageClicked.connect(self._on_clicked)
        if desktop is not None:
            desktop.clicked.connect(self._on_desktop_clicked)

    def on_event(self, event: ev.Event) -> None:
        """Engine events, on the GUI thread (the bridge's signals call the slots below)."""
        if isinstance(event, ev.BatchDone):
            self.on_batch_done(event.batch_id, event.done, event.failed, event.skipped, event.cancelled)
        elif isinstance(event, ev.FileFailed):
            self.on_file_failed(event.upload_id, event.error, event.needs_attention)
        elif isinstance(event, ev.Idle):
            self.on_idle()

    def on_batch_done(
        self, batch_id: int, done: int, failed: int, skipped: int = 0, cancelled: int = 0
    ) -> None:
        self.policy.batch_done(
            batch_id, self.labels(batch_id), done, failed, self.not_added(batch_id), skipped, cancelled
        )
        self._schedule()

    def on_file_failed(self, upload_id: int, error: str, needs_attention: bool) -> None:
        self.policy.upload_failed(upload_id, self.names(upload_id), error, needs_attention)
        self._schedule()

    def on_idle(self) -> None:
        in_progress, paused = self.queue_state()
        self.policy.idle(in_progress=in_progress, paused=paused)
        self._schedule()

    def _schedule(self) -> None:
        wait = self.policy.next_check()
        if wait is not None and not self.timer.isActive():
            self.timer.start(int(wait * 1000) + 20)

    def flush(self) -> None:
        note = self.policy.due()
        if note is not None:
            self.last = note
            icon = (
                QSystemTrayIcon.MessageIcon.Warning
                if note.warning
                else QSystemTrayIcon.MessageIcon.Information
            )
            if self.tray_shown() or self.desktop is None:
                self.icon.showMessage(note.title, note.text, icon, SHOW_MS)
            else:  # no tray (plain GNOME...): the desktop's own notifications over D-Bus
                notification_id = self.desktop.notify(note.title, note.text, note.warning, SHOW_MS)
                if notification_id is not None:
                    self._by_id[notification_id] = note
            self.shown.emit(note)
        self._schedule()

    def _on_clicked(self) -> None:
        if self.last is not None:
            self.clicked.emit(self.last)

    def _on_desktop_clicked(self, notification_id: int) -> None:
        note = self._by_id.get(notification_id)
        if note is not None:
            self.clicked.emit(note)

"""Built-in demo storage: moto's S3 server on 127.0.0.1, in memory, gone at exit.

A newcomer can drop a file and watch it upload within a minute, with no account.
Nothing about it is saved: the profile is left out of the config file and its key pair,
made up at random for each run, lives in this process's memory and the session's secret
store only (never in a file, a log or the journal).

Only this Hoist can use it. moto checks no signature, and listening on 127.0.0.1 still
lets every account on the computer in, so moto sits behind a front
(s3/sigv4_check.SignedOnly) that refuses every request not signed with this run's key
pair, presigned part URLs included. The front is WSGI middleware in the same server, not
a second process: it costs nothing at start (a child would import moto again, ~2 s on
two busy cores, and leave a process to reap), and moto's own signature checking would
have to be switched on for the whole process, where tests run moto of their own.

The demo storage ends when Hoist quits, and so does everything sent to it: the quit
questions say so, and at the next start its unfinished uploads are closed as cancelled,
in words, with nothing tried against a server that is gone.
"""

from __future__ import annotations

import contextlib
import logging
import secrets as random_source
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..config.secrets import bound_to, secrets
from ..config.settings import CredentialSource, Profile
from ..store.states import UNFINISHED, UploadState
from .i18n import QT_TRANSLATE_NOOP, Context

if TYPE_CHECKING:
    from ..engine.events import UploadProgress
    from ..store.journal import Journal
    from .bridge import EngineBridge

log = logging.getLogger(__name__)


class Demo(Context):
    """What the window says about the demo storage."""


DEMO_PROFILE = "Demo storage (temporary)"  # its name in the config and journal; shown as profile_title()
DEMO_BUCKET = "hoist-demo"
DEMO_REGION = "us-east-1"
# In English; the window says them with Demo.tr(...).
DEMO_NOTE = QT_TRANSLATE_NOOP(
    "Demo", "Temporary in-memory demo storage on this computer: everything in it is gone when Hoist quits."
)
DEMO_GONE = QT_TRANSLATE_NOOP(
    "Demo",
    "That file went to the demo storage of an earlier run, which was emptied when Hoist quit: "
    "there is no object to point at any more.",
)
LINK_LIFETIME = 3600  # seconds an "object URL" of the demo storage works (it is signed)


def is_demo(profile_name: str) -> bool:
    return profile_name == DEMO_PROFILE


def profile_title(profile_name: str) -> str:
    """A profile's name as the window shows it: the demo storage's in the window's language."""
    return Demo.tr("Demo storage (temporary)") if is_demo(profile_name) else profile_name


class DemoStorage:
    def __init__(self) -> None:
        self._server: Any = None  # werkzeug's BaseWSGIServer
        self._thread: threading.Thread | None = None
        self._client: Any = None  # signs this run's object links
        self._keys: tuple[str, str] | None = None  # (access key id, secret key) of this run
        self._lock = threading.Lock()
        self.endpoint = ""

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> Profile:
        """Start the server and create the demo bucket. Slow (imports moto): call it off
        the GUI thread."""
        with self._lock:
            if self._server is None or self._keys is None:
                from ..s3.signer import Credentials, Endpoint, make_client

                keys = _new_keys()
                self._server, self._thread = _serve(*keys)
                self._keys = keys
                self.endpoint = f"http://127.0.0.1:{self._server.server_address[1]}"
                self._client = make_client(Endpoint(self.endpoint, DEMO_REGION, path_style=True),
                                           Credentials(*keys))  # fmt: skip
                _create_bucket(self._client)
                log.info(
                    "Demo storage started at %s (requests signed with this run's key only)", self.endpoint
                )
            access_key_id, secret = self._keys
            profile = Profile(
                name=DEMO_PROFILE,
                endpoint_url=self.endpoint,
                region=DEMO_REGION,
                bucket=DEMO_BUCKET,
                path_style=True,
                credential_source=CredentialSource.KEYRING,
                access_key_id=access_key_id,
            )
        secrets.set(DEMO_PROFILE, "secret_access_key", secret, bound_to(profile), session_only=True)
        return profile

    def object_link(self, endpoint_url: str, bucket: str, key: str) -> str | None:
        """A link that opens an object of this run's demo storage (its plain URL is refused
        like any unsigned request), or None: an object in an earlier run's demo storage,
        which is gone."""
        with self._lock:
            if self._client is None or endpoint_url.rstrip("/") != self.endpoint:
                return None
            link: str = self._client.generate_presigned_url(
                "get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=LINK_LIFETIME
            )
            return link

    def stop(self) -> None:
        with self._lock:
            server, thread = self._server, self._thread
            self._server = self._thread = self._client = self._keys = None
            if server is not None:
                try:
                    server.shutdown()
                    server.server_close()
                except Exception:  # already gone
                    log.exception("Stopping the demo storage failed")
                if thread is not None:
                    thread.join(timeout=5)


def _new_keys() -> tuple[str, str]:
    """A key pair for this run only, shaped like AWS's (20 and 40 characters)."""
    access_key_id = "HOISTDEMO" + "".join(random_source.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
                                          for _ in range(11))  # fmt: skip
    return access_key_id, random_source.token_urlsafe(30)


def _serve(access_key_id: str, secret: str) -> tuple[Any, threading.Thread]:
    """moto's application behind the signature check, on a free port of 127.0.0.1 (bound
    at once: no window between choosing a port and taking it)."""
    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        MotoRequestHandler,
        create_backend_app,
    )
    from werkzeug.serving import make_server

    from ..s3.sigv4_check import SignedOnly, SigV4Checker

    # werkzeug would print every request, presigned URLs included, on stderr.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app = SignedOnly(DomainDispatcherApplication(create_backend_app),
                     SigV4Checker(access_key_id, secret, DEMO_REGION))  # fmt: skip
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=MotoRequestHandler)
    thread = threading.Thread(target=server.serve_forever, name="hoist-demo-storage", daemon=True)
    thread.start()
    return server, thread


def _create_bucket(client: Any) -> None:
    # moto's memory outlives a stop: a second demo storage in one process (tests) finds it.
    with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
        client.create_bucket(Bucket=DEMO_BUCKET)


# -- quitting: uploads to the demo storage end with it ------------------------------------


def active_demo_uploads(bridge: Any) -> int:
    """Uploads to the demo storage that are queued or running (the window's last tick)."""
    uploads: Mapping[int, UploadProgress] = getattr(bridge, "uploads", {})
    places: Mapping[int, str] = getattr(bridge, "batch_places", {})
    return count_demo(uploads.values(), places)


def count_demo(uploads: Iterable[UploadProgress], places: Mapping[int, str]) -> int:
    return sum(1 for p in uploads if p.state.active and is_demo(places.get(p.batch_id, "")))


def quit_promise(active: int, demo: int, usual: str) -> str:
    """What a quit question says becomes of the ``active`` unfinished uploads: ``usual``
    (they carry on at the next start) unless ``demo`` of them go to the demo storage,
    which is emptied when Hoist quits: those end, and nothing promises otherwise."""
    if demo <= 0:
        return usual
    if demo >= active:
        return Demo.tr("The demo storage and everything in it are deleted when Hoist quits, so it/they "
                         "end(s) there and will not carry on when Hoist starts again.", "", demo)  # fmt: skip
    return Demo.tr("Finished parts of the others are kept and they carry on when Hoist starts again; "
                     "the %n upload(s) to the demo storage end(s) there, as the demo storage and everything in it "
                     "are deleted when Hoist quits.", "", demo)  # fmt: skip


# -- the next start: what went to an earlier run's demo storage -----------------------------

EMPTIED = (
    "The demo storage was emptied when Hoist quit, and this upload with it. Add the file again to upload it."
)


def emptied_notice(count: int) -> str:
    return Demo.tr("%n upload(s) to the demo storage was/were cancelled: the demo storage was emptied when "
                     "Hoist quit. Add the files again to upload them.", "", count)  # fmt: skip


def close_past_demo_uploads(journal: Journal) -> list[int]:
    """Close every unfinished upload to an earlier run's demo storage as cancelled, in
    words: that server and every byte in it went when Hoist quit. Their server-side upload
    ids and Create intents are dropped, so the engine never tries to abort or sweep there
    (it would wait for a server that never answers, under an "Offline" banner). Done
    uploads keep their receipts. Runs before the engine loads the journal, and before this
    run's demo storage can have received anything (queueing waits for the engine's start).
    Returns the ids closed."""
    closed = []
    for row in journal.list_uploads(states=UNFINISHED):
        if is_demo(row.profile):
            journal.update_upload(row.id, s3_upload_id=None, creating_since=None)
            journal.set_state(row.id, UploadState.CANCELLED, f"{row.name}: {EMPTIED}")
            closed.append(row.id)
    for row in journal.cleanup_due():
        if is_demo(row.profile):
            dropped: dict[str, None] = {"creating_since": None}
            if row.state == UploadState.CANCELLED:  # a cancel whose abort never got through
                dropped["s3_upload_id"] = None
            journal.update_upload(row.id, **dropped)
    return closed


def close_past_demo_uploads_at_start(bridge: EngineBridge, tell: Callable[[str], None]) -> None:
    """Before ``bridge.start()``: close them (``close_past_demo_uploads``) just before the
    engine loads the journal; once it has, show them in the queue as cancelled, with their
    sentence, and ``tell`` the person in one line."""

    def show(closed: list[int]) -> tuple[dict[int, str], dict[int, str]]:
        engine = bridge.engine
        rows = [rt.row for upload_id in closed if (rt := engine.machinery.load(upload_id)) is not None]
        batches = {row.batch_id for row in rows}
        labels = {b.id: b.label for b in engine.journal.batches() if b.id in batches}
        return labels, dict.fromkeys(batches, DEMO_PROFILE)

    def before_start() -> None:
        closed = close_past_demo_uploads(bridge.engine.journal)
        if closed:  # runs after the engine's start: the bridge runs its jobs in order
            bridge.submit(lambda: show(closed), lambda loaded: _shown(loaded, len(closed)))

    def _shown(loaded: tuple[dict[int, str], dict[int, str]], count: int) -> None:
        bridge._labels_loaded(loaded)  # the batches' names and places, as at any start
        bridge.tick()
        tell(emptied_notice(count))

    bridge.before_start.append(before_start)

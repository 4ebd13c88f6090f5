"""Built-in demo storage: moto's S3 server on 127.0.0.1, in memory, gone at exit.

A newcomer can drop a file and watch it upload within a minute, with no account.
Nothing about it is saved: the profile is left out of the config file and its
made-up secret is kept for the session only.
"""

from __future__ import annotations

import logging
import socket
import threading
from typing import Any

from ..config.secrets import bound_to, secrets
from ..config.settings import CredentialSource, Profile

log = logging.getLogger(__name__)

DEMO_PROFILE = "Demo storage (temporary)"
DEMO_BUCKET = "hoist-demo"
DEMO_NOTE = "Temporary in-memory demo storage on this computer: everything in it is gone when Hoist quits."


def is_demo(profile_name: str) -> bool:
    return profile_name == DEMO_PROFILE


class DemoStorage:
    def __init__(self) -> None:
        self._server: Any = None
        self._lock = threading.Lock()
        self.endpoint = ""

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> Profile:
        """Start the server and create the demo bucket. Slow (imports moto): call it off
        the GUI thread."""
        with self._lock:
            if self._server is None:
                from moto.server import ThreadedMotoServer

                # werkzeug would print every request, presigned URLs included, on stderr.
                logging.getLogger("werkzeug").setLevel(logging.ERROR)
                port = _free_port()
                server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
                server.start()
                self._server = server
                self.endpoint = f"http://127.0.0.1:{port}"
                _create_bucket(self.endpoint)
                log.info("Demo storage started at %s", self.endpoint)
        profile = Profile(
            name=DEMO_PROFILE,
            endpoint_url=self.endpoint,
            region="us-east-1",
            bucket=DEMO_BUCKET,
            path_style=True,
            credential_source=CredentialSource.KEYRING,
            access_key_id="demo",
        )
        secrets.set(DEMO_PROFILE, "secret_access_key", "demo-secret", bound_to(profile), session_only=True)
        return profile

    def stop(self) -> None:
        with self._lock:
            if self._server is not None:
                try:
                    self._server.stop()
                except Exception:  # already gone
                    log.exception("Stopping the demo storage failed")
                self._server = None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _create_bucket(endpoint: str) -> None:
    import boto3
    from botocore.config import Config

    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="demo",
        aws_secret_access_key="demo-secret",
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )  # fmt: skip
    client.create_bucket(Bucket=DEMO_BUCKET)


ORPHANED = ("This upload went to the temporary demo storage, which was deleted when Hoist last quit. "
            "Cancel it, or add the file again.")  # fmt: skip


def fail_orphaned_demo_uploads(journal: Any) -> int:
    """Unfinished uploads to a previous session's demo storage cannot go anywhere (that
    server and its bytes are gone): fail them in words, in the journal, before the engine
    starts and would try to connect."""
    from ..store.states import UNFINISHED, UploadState

    count = 0
    for row in journal.list_uploads(states=UNFINISHED):
        if not is_demo(row.profile) or row.state == UploadState.FAILED:
            continue
        if row.state == UploadState.PAUSED:
            journal.set_state(row.id, UploadState.QUEUED)
        journal.set_state(row.id, UploadState.FAILED, f"{row.name}: {ORPHANED}")
        count += 1
    return count

"""Hoist's own uploads through the demo storage, now that it answers only requests signed
with this run's key (issue 13, finding 2): a single PUT and a multipart upload, both sent
through presigned URLs, arrive byte for byte; the same objects refuse a plain request, and
"Open object URL" hands the person a link that works."""

from __future__ import annotations

import hashlib

import httpx
from PySide6.QtGui import QGuiApplication

from hoist.config.secrets import bound_to, secrets
from hoist.config.settings import Config, IfExists, TransferSettings
from hoist.s3.signer import Credentials, Endpoint, make_client
from hoist.store.states import UploadState
from hoist.ui.demo import DEMO_BUCKET, DEMO_PROFILE
from tests.gui.test_screenshots import save
from tests.helpers import MiB, make_file, object_sha256

PART = 5 * MiB


def demo_config() -> Config:
    return Config(transfer=TransferSettings(part_size=PART, multipart_threshold=PART, concurrency=2,
                                            if_exists=IfExists.OVERWRITE))  # fmt: skip


def test_uploads_through_the_demo_storage_arrive_whole_and_only_signed_requests_read_them(
    make_gui, qtbot, tmp_path
):
    gui = make_gui(demo_config())
    window = gui.main_window
    qtbot.waitUntil(lambda: getattr(gui, "_welcome", None) is not None and gui._welcome.isVisible())
    assert gui._welcome.demo.description() == (
        "A temporary in-memory server on this computer, no account needed; only this Hoist can use it. "
        "Everything in it disappears when Hoist quits, unfinished uploads included."
    )
    save(gui._welcome, "welcome-dialog", tmp_path)  # for a person to look at
    gui._welcome.demo.click()
    qtbot.waitUntil(lambda: window.current_profile() is not None, timeout=30_000)
    profile = window.current_profile()
    assert profile.name == DEMO_PROFILE and profile.access_key_id.startswith("HOISTDEMO")
    small_sha = make_file(tmp_path / "demo-single.txt", 40_000, seed=11)
    big_sha = make_file(tmp_path / "demo-multi.bin", 12 * MiB, seed=12)
    assert window.add_paths([str(tmp_path / "demo-single.txt"), str(tmp_path / "demo-multi.bin")])
    qtbot.waitUntil(lambda: len(gui.bridge.uploads) == 2
                    and all(p.state == UploadState.DONE for p in gui.bridge.uploads.values()),
                    timeout=60_000)  # fmt: skip

    rows = {row.name: row for row in gui.journal.list_uploads()}
    assert rows["demo-single.txt"].strategy == "single" and rows["demo-single.txt"].sha256 == small_sha
    assert rows["demo-multi.bin"].strategy == "multipart" and rows["demo-multi.bin"].sha256 == big_sha
    assert rows["demo-multi.bin"].etag.strip('"').endswith("-3")  # 5 + 5 + 2 MiB, three presigned PUTs

    # Read back through a client signed with this run's key: the bytes are the files'.
    secret = secrets.get(DEMO_PROFILE, "secret_access_key", bound_to(profile))
    assert secret is not None
    signed = make_client(Endpoint(profile.endpoint_url, "us-east-1", path_style=True),
                         Credentials(profile.access_key_id, secret))  # fmt: skip
    assert object_sha256(signed, DEMO_BUCKET, "demo-single.txt") == small_sha
    assert object_sha256(signed, DEMO_BUCKET, "demo-multi.bin") == big_sha
    # The same object's plain URL is refused, as it is for anyone else on this computer.
    plain = httpx.get(f"{profile.endpoint_url}/{DEMO_BUCKET}/demo-single.txt")
    assert plain.status_code == 403 and "<Code>AccessDenied</Code>" in plain.text

    # "Copy object URL" gives a link that opens the file (signed, so it works).
    window.select_uploads([rows["demo-single.txt"].id])
    window._selection_changed()
    assert window.action_map["copy_url"].isEnabled()
    QGuiApplication.clipboard().clear()
    window.action_map["copy_url"].trigger()
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text().startswith(profile.endpoint_url))
    link = QGuiApplication.clipboard().text()
    assert window.statusBar().currentMessage() == "Object URL copied."
    assert hashlib.sha256(httpx.get(link).content).hexdigest() == small_sha

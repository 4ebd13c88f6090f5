"""Which journal rows this account's Hoist queued itself: a seal on each row.

A journal row names a local file and where it goes. For a row with a Hoist profile, the
endpoint must still be the profile's (connect.profile_mismatch). A row without one (an
upload queued with `hoist upload --endpoint-url ...`) is signed with whatever credentials
the environment or ~/.aws hold, so a row written by someone else (a copied or synced data
folder) could send ~/.ssh/id_rsa to their server, signed as the person. Each row therefore
carries an HMAC of its file and destination, made with a key that lives in Hoist's config
folder (0600, refused if others could write it: config.private.ensure_trusted), not
beside the journal. A row whose seal does not match is not sent; it fails in words.

Limits: a HOIST_HOME folder copied whole carries the key with it; rows queued before
seals existed (journal version 4 and older) carry none and are refused the same way.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable

from .config.paths import Paths
from .config.private import private_dir, private_opener
from .display import printable
from .s3.service import SERVICE_REGION
from .store.journal import Destination, Journal, UploadRow

KEY_FILE = "journal-seal.key"


class JournalSeal:
    def __init__(self, key: bytes) -> None:
        self._key = key

    def of(self, destination: Destination, local_path: str) -> str:
        fields: list[object] = [destination.profile, destination.endpoint_url.rstrip("/"), destination.region,
                                destination.path_style, local_path]  # fmt: skip
        if destination.region != SERVICE_REGION:  # an upload service picks the bucket later
            fields.append(destination.bucket)
        return hmac.new(self._key, json.dumps(fields).encode(), hashlib.sha256).hexdigest()

    def problem(self, row: UploadRow) -> str | None:
        """Why ``row`` must not be sent, or None."""
        if row.profile:
            return None  # the profile names the endpoint; a mismatch is refused on connecting
        if row.seal and hmac.compare_digest(row.seal, self.of(row.destination, row.local_path)):
            return None
        where = row.endpoint_url or "AWS S3"
        return (
            f"{printable(row.local_path)} was not queued by this account's Hoist (its journal row was "
            f"copied, changed or written by an older version), so it was not sent to {printable(where)}. "
            "If you meant to upload it, queue it again."
        )

    def attach(self, journal: Journal) -> JournalSeal:
        """Seal every row ``journal`` queues from now on."""
        journal.sealer = self.of
        return self


def load_seal(paths: Paths) -> JournalSeal:
    """This account's seal key (made on first use, 32 random bytes, a 0600 file)."""
    path = private_dir(paths.config_dir) / KEY_FILE
    try:
        with open(path, "x", opener=private_opener) as created:
            created.write(secrets.token_hex(32))
    except FileExistsError:
        pass
    with open(path, encoding="ascii") as stored:
        text = stored.read().strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < 32:
        raise ValueError(f"{path} is not a Hoist journal key; move it away and start again.")
    if os.stat(path).st_uid != os.geteuid():
        raise ValueError(f"{path} belongs to another account; Hoist does not use it.")
    return JournalSeal(key)


def sealing_or_refusing(paths: Paths, journal: Journal) -> Callable[[UploadRow], str | None]:
    """For the window, which must start whatever the key file's state: the seal's check,
    or, when the key cannot be read, one that refuses every row without a profile in words."""
    try:
        return load_seal(paths).attach(journal).problem
    except (ValueError, OSError) as exc:
        reason = str(exc)
        return lambda row: None if row.profile else f"{printable(row.local_path)} was not sent: {reason}"

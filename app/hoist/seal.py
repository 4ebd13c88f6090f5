"""Which journal rows this account's Hoist queued itself: a seal on each row.

A journal row names a local file and where it goes, and is signed with the person's
credentials: the profile's (whose endpoint must still match: connect.profile_mismatch) or,
without a profile, the environment's or ~/.aws's. A row written by someone else (a copied
or synced Hoist folder) could otherwise send ~/.ssh/id_rsa to a bucket of theirs, even on
the person's own endpoint (on AWS every bucket shares one). So each row carries an HMAC of
its file, profile, endpoint and bucket, made with a key of this account: a 0600 file in the
account's own config folder (~/.config/hoist, or XDG_CONFIG_HOME), never inside a
HOIST_HOME, so a copied Hoist folder does not carry it. A row whose seal does not match is
not sent; it fails in words.

Limits: rows queued before seals existed (journal version 4 and older) carry none and are
refused the same way (queue them again); a row may be set back to queued by someone who
can write the journal, but only to send the same file where the person sent it before.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from pathlib import Path

import platformdirs

from .config.private import UntrustedHome, ensure_trusted, private_dir, private_opener
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


def account_key_file() -> Path:
    """The seal key's place: the account's config folder, whatever HOIST_HOME says."""
    return Path(platformdirs.user_config_dir("hoist", appauthor=False)) / KEY_FILE


def load_seal() -> JournalSeal:
    """This account's seal key (made on first use, 32 random bytes, a 0600 file)."""
    path = account_key_file()
    ensure_trusted(path.parent)
    ensure_trusted(path)
    try:
        private_dir(path.parent)
        try:
            with open(path, "x", opener=private_opener) as created:
                created.write(secrets.token_hex(32))
        except FileExistsError:
            pass
        with open(path, encoding="ascii") as stored:
            text = stored.read().strip()
    except OSError as exc:
        raise ValueError(
            f"Hoist keeps this account's journal key in {path.parent}, which cannot be used "
            f"({exc.strerror}). Set XDG_CONFIG_HOME to a folder of your own."
        ) from None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < 32:
        raise ValueError(f"{path} is not a Hoist journal key; move it away and start again.")
    return JournalSeal(key)


def sealing_or_refusing(journal: Journal) -> Callable[[UploadRow], str | None]:
    """For the window, which must start whatever the key file's state: the seal's check,
    or, when the key cannot be read, one that refuses every row in words."""
    try:
        return load_seal().attach(journal).problem
    except (ValueError, OSError, UntrustedHome) as exc:
        reason = str(exc)
        return lambda row: f"{printable(row.local_path)} was not sent: {reason}"

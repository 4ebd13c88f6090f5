"""Secrets in the OS keyring, and only there.

With no usable keyring backend (a bare Linux box has ``keyring.backends.fail``),
secrets are kept in this process's memory for the session and the caller is told
so; they are never written to disk in plain text.

An entry is bound to what it unlocks: its keyring name holds the profile name, the field
and ``bound_to(profile)`` (the endpoint and access key id, or the upload service's URL).
A profile whose endpoint is changed (in a settings file, say) finds no secret there and
asks for it again, so the secret is never handed to another server under the same
profile name.

An entry saved by an older Hoist under the old name ("profile:field") is bound to nothing,
so it is never used: moving it to whatever endpoint the settings name on first use would
hand the person's real secret to a server named by a planted or copied config.json (and
bind it there). It is left where it is, and ``saved_unbound`` lets the caller say that it
must be entered again.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .settings import Profile

log = logging.getLogger(__name__)

SERVICE = "hoist"


def _keyring() -> ModuleType:
    """keyring, imported when a secret is first needed: an upload with environment or
    ~/.aws credentials never touches it, and importing it (jaraco, more_itertools,
    importlib.metadata) cost ~0.03 s of CPU at every start."""
    import keyring
    import keyring.errors

    return keyring


def bound_to(profile: Profile) -> str:
    """What a profile's secrets unlock, as part of their keyring name: the upload service's
    URL, or the storage endpoint ("" is AWS) and the access key id."""
    if profile.is_service:
        return f"service={profile.service_url.rstrip('/')}"
    return f"endpoint={profile.endpoint_url.rstrip('/') or 'AWS S3'} key={profile.access_key_id}"


class SecretStore:
    def __init__(self) -> None:
        self._session: dict[str, str] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _account(profile: str, field: str, bound: str = "") -> str:
        """The keyring name: "profile:field" (before secrets were bound) or
        "profile:field@endpoint=... key=..." / "profile:field@service=URL"."""
        return f"{profile}:{field}@{bound}" if bound else f"{profile}:{field}"

    @staticmethod
    def keyring_available() -> bool:
        backend = _keyring().get_keyring()
        priority = getattr(backend, "priority", 0)
        name = type(backend).__module__
        return not (name.startswith("keyring.backends.fail") or priority <= 0)

    @staticmethod
    def backend_name() -> str:
        backend = _keyring().get_keyring()
        return getattr(backend, "name", type(backend).__name__)

    def set(
        self, profile: str, field: str, value: str, bound: str = "", *, session_only: bool = False
    ) -> bool:
        """Store a secret for what ``bound`` names (``bound_to(profile)``). Returns True if
        it went to the keyring, False if session-only."""
        account = self._account(profile, field, bound)
        if not session_only and self.keyring_available():
            keyring = _keyring()
            try:
                keyring.set_password(SERVICE, account, value)
                with self._lock:
                    self._session.pop(account, None)
                return True
            except keyring.errors.KeyringError as exc:
                log.warning("The keyring refused the secret (%s); keeping it for this session", exc)
        with self._lock:
            self._session[account] = value
        return False

    def get(self, profile: str, field: str, bound: str = "") -> str | None:
        """The secret stored for exactly what ``bound`` names, or None. An entry from
        before secrets were bound ("profile:field") is not used (``saved_unbound``)."""
        account = self._account(profile, field, bound)
        with self._lock:
            if account in self._session:
                return self._session[account]
        if not self.keyring_available():
            return None
        keyring = _keyring()
        try:
            secret: str | None = keyring.get_password(SERVICE, account)
            return secret
        except keyring.errors.KeyringError as exc:
            log.warning("The keyring could not be read: %s", exc)
            return None

    def saved_unbound(self, profile: str, field: str) -> bool:
        """An older Hoist saved this profile's ``field`` under "profile:field", bound to no
        endpoint: it must be entered again (nothing is moved or deleted)."""
        if not self.keyring_available():
            return False
        keyring = _keyring()
        try:
            return keyring.get_password(SERVICE, self._account(profile, field)) is not None
        except keyring.errors.KeyringError:
            return False

    def delete(self, profile: str, field: str, bound: str = "") -> None:
        """Forget the secret bound to ``bound``, and any old-style entry of the profile's."""
        accounts = {self._account(profile, field, bound), self._account(profile, field)}
        with self._lock:
            for account in accounts:
                self._session.pop(account, None)
        if self.keyring_available():
            keyring = _keyring()
            for account in accounts:
                with contextlib.suppress(keyring.errors.PasswordDeleteError):
                    keyring.delete_password(SERVICE, account)


# One store per process: session-only secrets must be visible to every part of the app.
secrets = SecretStore()

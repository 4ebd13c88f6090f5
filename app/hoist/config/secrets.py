"""Secrets in the OS keyring, and only there.

With no usable keyring backend (a bare Linux box has ``keyring.backends.fail``),
secrets are kept in this process's memory for the session and the caller is told
so; they are never written to disk in plain text.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from types import ModuleType

log = logging.getLogger(__name__)

SERVICE = "hoist"


def _keyring() -> ModuleType:
    """keyring, imported when a secret is first needed: an upload with environment or
    ~/.aws credentials never touches it, and importing it (jaraco, more_itertools,
    importlib.metadata) cost ~0.03 s of CPU at every start."""
    import keyring
    import keyring.errors

    return keyring


class SecretStore:
    def __init__(self) -> None:
        self._session: dict[str, str] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _account(profile: str, field: str) -> str:
        return f"{profile}:{field}"

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

    def set(self, profile: str, field: str, value: str, *, session_only: bool = False) -> bool:
        """Store a secret. Returns True if it went to the keyring, False if session-only."""
        account = self._account(profile, field)
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

    def get(self, profile: str, field: str) -> str | None:
        account = self._account(profile, field)
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

    def delete(self, profile: str, field: str) -> None:
        account = self._account(profile, field)
        with self._lock:
            self._session.pop(account, None)
        if self.keyring_available():
            keyring = _keyring()
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                keyring.delete_password(SERVICE, account)


# One store per process: session-only secrets must be visible to every part of the app.
secrets = SecretStore()

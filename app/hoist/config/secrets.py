"""Secrets in the OS keyring, and only there.

With no usable keyring backend (a bare Linux box has ``keyring.backends.fail``),
secrets are kept in this process's memory for the session and the caller is told
so; they are never written to disk in plain text.
"""

from __future__ import annotations

import contextlib
import logging
import threading

import keyring
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "hoist"


class SecretStore:
    def __init__(self) -> None:
        self._session: dict[str, str] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _account(profile: str, field: str) -> str:
        return f"{profile}:{field}"

    @staticmethod
    def keyring_available() -> bool:
        backend = keyring.get_keyring()
        priority = getattr(backend, "priority", 0)
        name = type(backend).__module__
        return not (name.startswith("keyring.backends.fail") or priority <= 0)

    @staticmethod
    def backend_name() -> str:
        backend = keyring.get_keyring()
        return getattr(backend, "name", type(backend).__name__)

    def set(self, profile: str, field: str, value: str, *, session_only: bool = False) -> bool:
        """Store a secret. Returns True if it went to the keyring, False if session-only."""
        account = self._account(profile, field)
        if not session_only and self.keyring_available():
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
        try:
            return keyring.get_password(SERVICE, account)
        except keyring.errors.KeyringError as exc:
            log.warning("The keyring could not be read: %s", exc)
            return None

    def delete(self, profile: str, field: str) -> None:
        account = self._account(profile, field)
        with self._lock:
            self._session.pop(account, None)
        if self.keyring_available():
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                keyring.delete_password(SERVICE, account)


# One store per process: session-only secrets must be visible to every part of the app.
secrets = SecretStore()

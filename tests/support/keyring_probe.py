"""Run inside `dbus-run-session`: start gnome-keyring-daemon (Secret Service), unlocked
with a throwaway password, store and read a profile secret through hoist.config.secrets,
stop the daemon. Prints one JSON line with what it saw. Used by tests/functional/test_secrets.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    secret, token = sys.argv[1], sys.argv[2]
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert daemon.stdin is not None
    daemon.stdin.write(b"throwaway-test-password")
    daemon.stdin.close()
    report: dict[str, object] = {}
    try:
        import keyring

        from hoist.config.secrets import secrets  # the backend keyring picks by itself

        deadline = time.monotonic() + 20
        while True:  # the daemon needs a moment to own org.freedesktop.secrets
            try:
                stored = secrets.set("lab", "secret_access_key", secret)
                break
            except Exception as exc:
                if time.monotonic() > deadline:
                    report["error"] = f"{type(exc).__name__}: {exc}"
                    raise
                time.sleep(0.2)
        report["backend"] = secrets.backend_name()
        report["available"] = secrets.keyring_available()
        report["stored_in_keyring"] = stored
        report["token_in_keyring"] = secrets.set("lab", "session_token", token)
        secrets._session.clear()  # read back from the Secret Service, not the session
        data = os.path.join(os.environ["XDG_DATA_HOME"], "keyrings")
        on_disk = b"".join(Path(data, n).read_bytes() for n in os.listdir(data))
        report["plaintext_on_disk"] = secret.encode() in on_disk or token.encode() in on_disk
        report["read_secret"] = secrets.get("lab", "secret_access_key") == secret
        report["read_token"] = secrets.get("lab", "session_token") == token
        report["raw"] = keyring.get_password("hoist", "lab:secret_access_key") == secret
        secrets.delete("lab", "secret_access_key")
        secrets.delete("lab", "session_token")
        report["deleted"] = keyring.get_password("hoist", "lab:secret_access_key") is None
    finally:
        daemon.terminate()
        try:
            daemon.wait(10)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
        report["daemon_pid"] = daemon.pid
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())

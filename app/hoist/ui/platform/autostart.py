"""Start Hoist at login, the way each desktop documents it.

- Linux and other XDG desktops: a ``hoist.desktop`` entry in ``$XDG_CONFIG_HOME/autostart``
  (default ``~/.config/autostart``), per the XDG Autostart specification. Tested.
- Windows: a value named "Hoist" under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``
  (winreg). Written as Microsoft documents it; not exercised on a real Windows here.
- macOS: a LaunchAgent ``~/Library/LaunchAgents/org.hoist.Hoist.plist`` with
  ``RunAtLoad``. Written as Apple documents it; not loaded by launchd here.

No Qt here: the settings page calls ``set_enabled`` / ``is_enabled``.
"""

from __future__ import annotations

import os
import plistlib
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

APP_NAME = "Hoist"
DESKTOP_FILE = "hoist.desktop"
LAUNCH_AGENT_LABEL = "org.hoist.Hoist"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
MINIMIZED_FLAG = "--minimized"


def launch_command() -> list[str]:
    """How to start this Hoist again: the frozen executable, the installed `hoist`
    script, or this interpreter with ``-m hoist``. Keeps HOIST_HOME when it is set."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        script = shutil.which("hoist")
        beside = Path(sys.executable).with_name("hoist")
        if beside.exists():
            command = [str(beside)]
        elif script:
            command = [script]
        else:
            command = [sys.executable, "-m", "hoist"]
    return [*command, MINIMIZED_FLAG]


def _environment() -> dict[str, str]:
    home = os.environ.get("HOIST_HOME")
    return {"HOIST_HOME": str(Path(home).expanduser().absolute())} if home else {}


# -- Linux / XDG ------------------------------------------------------------------------------


def xdg_autostart_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart"


def _desktop_quote(arg: str) -> str:
    """Quote one Exec argument per the Desktop Entry spec."""
    if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`%="):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped.replace("%", "%%")}"'


def desktop_entry(command: Sequence[str], env: dict[str, str]) -> str:
    args = [*(["env", *[f"{k}={v}" for k, v in env.items()]] if env else []), *command]
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={APP_NAME}",
            "Comment=Resumable uploads to S3-compatible storage",
            f"Exec={' '.join(_desktop_quote(a) for a in args)}",
            # After an uninstall the program is gone: TryExec makes the session skip the
            # entry instead of failing to start a missing file at every login.
            f"TryExec={command[0]}",
            "Icon=hoist",
            "Terminal=false",
            "Categories=Network;FileTransfer;",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


class _LinuxAutostart:
    def path(self) -> Path:
        return xdg_autostart_dir() / DESKTOP_FILE

    def is_enabled(self) -> bool:
        path = self.path()
        if not path.exists():
            return False
        text = path.read_text(encoding="utf-8", errors="replace")
        return "Hidden=true" not in text and "X-GNOME-Autostart-enabled=false" not in text

    def set_enabled(self, enabled: bool, command: Sequence[str], env: dict[str, str]) -> None:
        path = self.path()
        if not enabled:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(desktop_entry(command, env), encoding="utf-8")
        os.replace(tmp, path)


# -- macOS --------------------------------------------------------------------------------------


def launch_agent_plist(command: Sequence[str], env: dict[str, str]) -> bytes:
    data: dict[str, Any] = {
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }
    if env:
        data["EnvironmentVariables"] = dict(env)
    return plistlib.dumps(data)


class _MacAutostart:
    def path(self) -> Path:
        return Path.home() / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"

    def is_enabled(self) -> bool:
        return self.path().exists()

    def set_enabled(self, enabled: bool, command: Sequence[str], env: dict[str, str]) -> None:
        path = self.path()
        if not enabled:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(launch_agent_plist(command, env))


# -- Windows ------------------------------------------------------------------------------------


class Registry(Protocol):
    """The slice of winreg used here (a fake stands in for it in tests)."""

    def get(self, name: str) -> str | None: ...
    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...


class _WinReg:  # pragma: no cover - Windows only
    def __init__(self) -> None:
        import winreg  # type: ignore[import-not-found,unused-ignore]

        self.winreg = winreg

    def get(self, name: str) -> str | None:
        w = self.winreg
        try:
            with w.OpenKey(w.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _ = w.QueryValueEx(key, name)
                return str(value)
        except OSError:
            return None

    def set(self, name: str, value: str) -> None:
        w = self.winreg
        with w.CreateKey(w.HKEY_CURRENT_USER, RUN_KEY) as key:
            w.SetValueEx(key, name, 0, w.REG_SZ, value)

    def delete(self, name: str) -> None:
        w = self.winreg
        try:
            with w.OpenKey(w.HKEY_CURRENT_USER, RUN_KEY, 0, w.KEY_SET_VALUE) as key:
                w.DeleteValue(key, name)
        except FileNotFoundError:
            pass


def windows_command_line(command: Sequence[str]) -> str:
    import subprocess

    return subprocess.list2cmdline(list(command))


class _WindowsAutostart:
    def __init__(self, registry: Registry | None = None) -> None:
        self._registry = registry

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = _WinReg()
        return self._registry

    def is_enabled(self) -> bool:
        return self.registry.get(APP_NAME) is not None

    def set_enabled(self, enabled: bool, command: Sequence[str], env: dict[str, str]) -> None:
        # The Run key has no environment: a HOIST_HOME is passed as --home instead.
        if not enabled:
            self.registry.delete(APP_NAME)
            return
        args = list(command)
        if env.get("HOIST_HOME"):
            args[-1:-1] = ["--home", env["HOIST_HOME"]]  # before --minimized
        self.registry.set(APP_NAME, windows_command_line(args))


def backend(platform: str | None = None, registry: Registry | None = None) -> Any:
    platform = platform or sys.platform
    if platform.startswith("win"):
        return _WindowsAutostart(registry)
    if platform == "darwin":
        return _MacAutostart()
    return _LinuxAutostart()


def is_enabled(platform: str | None = None) -> bool:
    return bool(backend(platform).is_enabled())


def set_enabled(enabled: bool, platform: str | None = None, registry: Registry | None = None) -> None:
    """Create or remove the login entry. Raises OSError if it cannot be written."""
    backend(platform, registry).set_enabled(enabled, launch_command(), _environment())


def describe(platform: str | None = None) -> str:
    """Where the entry lives, for the settings page."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return f"HKEY_CURRENT_USER\\{RUN_KEY} (value {APP_NAME})"
    if platform == "darwin":
        return str(_MacAutostart().path())
    return str(_LinuxAutostart().path())

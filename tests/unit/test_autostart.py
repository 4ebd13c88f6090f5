"""Start at login: the XDG autostart entry (really written and read back here); the
Windows Run value and the macOS LaunchAgent are generated as documented (checked for
content; no Windows registry or launchd on this machine)."""

from __future__ import annotations

import configparser
import plistlib
import shlex
import sys

import pytest

from hoist.ui.platform import autostart


@pytest.fixture
def xdg(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HOIST_HOME", str(tmp_path / "my hoist"))
    return tmp_path


def test_xdg_autostart_entry_round_trip(xdg):
    entry = xdg / "config" / "autostart" / "hoist.desktop"
    assert autostart.is_enabled("linux") is False
    autostart.set_enabled(True, "linux")
    assert autostart.is_enabled("linux") is True
    assert autostart.describe("linux") == str(entry)
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(entry.read_text(encoding="utf-8"))
    section = parser["Desktop Entry"]
    assert section["Type"] == "Application" and section["Name"] == "Hoist"
    assert section["X-GNOME-Autostart-enabled"] == "true"
    argv = shlex.split(section["Exec"])
    assert argv[0] == "env" and argv[1] == f"HOIST_HOME={xdg / 'my hoist'}"
    assert argv[-1] == "--minimized"
    assert argv[2:-1] == autostart.launch_command()[:-1]
    assert section["TryExec"] == autostart.launch_command()[0]  # skipped once uninstalled
    autostart.set_enabled(False, "linux")
    assert not entry.exists() and autostart.is_enabled("linux") is False


def test_an_entry_hidden_by_the_desktop_counts_as_off(xdg):
    autostart.set_enabled(True, "linux")
    entry = xdg / "config" / "autostart" / "hoist.desktop"
    entry.write_text(entry.read_text() + "Hidden=true\n")
    assert autostart.is_enabled("linux") is False


def test_launch_command_starts_this_hoist(monkeypatch):
    command = autostart.launch_command()
    assert command[-1] == "--minimized"
    assert command[0].endswith("hoist") or command[:3] == [sys.executable, "-m", "hoist"]


def test_macos_launch_agent(xdg):
    autostart.set_enabled(True, "darwin")
    path = xdg / "home" / "Library" / "LaunchAgents" / "org.hoist.Hoist.plist"
    data = plistlib.loads(path.read_bytes())
    assert data["Label"] == "org.hoist.Hoist" and data["RunAtLoad"] is True
    assert data["ProgramArguments"][-1] == "--minimized"
    assert data["EnvironmentVariables"] == {"HOIST_HOME": str(xdg / "my hoist")}
    assert autostart.is_enabled("darwin")
    autostart.set_enabled(False, "darwin")
    assert not path.exists()


class FakeRegistry:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_windows_run_value(xdg):
    registry = FakeRegistry()
    autostart.set_enabled(True, "win32", registry)
    value = registry.values["Hoist"]
    assert value.endswith(f'--home "{xdg / "my hoist"}" --minimized')
    assert (
        autostart.describe("win32")
        == r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run (value Hoist)"
    )
    autostart.set_enabled(False, "win32", registry)
    assert registry.values == {}

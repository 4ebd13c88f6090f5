"""A real X desktop for the session: Xvfb on a free display and Debian's tint2 as the
tray host. GUIs under test run in their own processes with DISPLAY set (this pytest
process may already hold an offscreen QApplication for tests/gui)."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

TINT2RC = """\
# A bottom panel with only a system tray (tests/desktop).
rounded = 0
border_width = 0
background_color = #30343b 100
border_color = #000000 0
panel_items = S
panel_size = 100% 30
panel_position = bottom center horizontal
panel_background_id = 1
systray_padding = 4 3 4
systray_background_id = 0
systray_icon_size = 24
"""


@dataclass
class Desktop:
    display: str
    tint2_pid: int

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("QT_QPA_PLATFORM", None)  # the real X server, not offscreen
        env.pop("WAYLAND_DISPLAY", None)
        env["DISPLAY"] = self.display
        env.update(extra)
        return env

    def run(self, *args: str, timeout: float = 20) -> str:
        result = subprocess.run(list(args), env=self.env(), capture_output=True, text=True, timeout=timeout)
        assert result.returncode == 0, f"{args[0]} failed: {result.stderr}"
        return result.stdout


def _free_display() -> int:
    for number in range(90, 200):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number between :90 and :199")


def _stop(process: subprocess.Popen[bytes] | subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@pytest.fixture(scope="session")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    for tool in ("Xvfb", "tint2", "xprop", "xwininfo", "import", "xdotool"):
        assert shutil.which(tool), f"{tool} is not installed (scripts/setup.sh installs it)"
    number = _free_display()
    display = f":{number}"
    # -noreset: without it the server resets (dropping root properties) whenever the last
    # client disconnects, e.g. right after xprop below.
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    tint2: subprocess.Popen[str] | None = None
    try:
        deadline = time.monotonic() + 20
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            assert xvfb.poll() is None, "Xvfb exited"
            assert time.monotonic() < deadline, "Xvfb did not start"
            time.sleep(0.05)
        env = {**os.environ, "DISPLAY": display}
        # tint2 waits 15 s for a NETWM window manager to publish the number of desktops
        # (get_desktops() in its server.c); there is no WM on a bare Xvfb, so publish it
        # ourselves as a WM would: the tray is then up in well under a second.
        for name, value in (("_NET_NUMBER_OF_DESKTOPS", "1"), ("_NET_CURRENT_DESKTOP", "0")):
            subprocess.run(["xprop", "-root", "-f", name, "32c", "-set", name, value], env=env, check=True,
                           timeout=10)  # fmt: skip
        config = tmp_path_factory.mktemp("tint2")
        (config / "tint2rc").write_text(TINT2RC)
        tint2 = subprocess.Popen(
            ["tint2", "-c", str(config / "tint2rc")], env={**env, "XDG_CONFIG_HOME": str(config)},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        started = threading.Event()
        output: list[str] = []

        def read() -> None:
            assert tint2 is not None and tint2.stdout is not None
            for line in tint2.stdout:
                output.append(line)
                if "systray started" in line:
                    started.set()

        threading.Thread(target=read, daemon=True).start()
        assert started.wait(40), "tint2 never owned the tray:\n" + "".join(output)
        yield Desktop(display, tint2.pid)
    finally:
        if tint2 is not None:
            _stop(tint2)
        _stop(xvfb)

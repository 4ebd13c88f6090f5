"""The tray on a real X desktop (Xvfb + tint2): the icon is embedded in tint2's tray,
closing the window hides Hoist to the tray while uploads carry on to completion, a
click on the icon brings the window back, and screenshots show the icon mid-upload."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from hoist.config.paths import resolve_paths
from hoist.config.settings import Config, CredentialSource, IfExists, Profile, TransferSettings, save_config
from tests.desktop.conftest import Desktop
from tests.helpers import REPO, MiB, hoist_env, make_file, object_sha256

pytestmark = pytest.mark.desktop
DRIVER = Path(__file__).with_name("tray_app.py")


def screenshot_dir(tmp_path: Path) -> Path:
    target = REPO / "docs" / "screenshots" if os.environ.get("HOIST_SCREENSHOTS") else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    return target


class Driver:
    def __init__(self, process: subprocess.Popen[str], stderr: Path) -> None:
        self.process = process
        self.stderr = stderr
        self.seen: list[str] = []

    def expect(self, event: str) -> dict[str, Any]:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.seen.append(line)
            if not line.startswith("{"):
                continue
            data: dict[str, Any] = json.loads(line)
            assert data["event"] != "error", data
            if data["event"] == event:
                return data
        err = self.stderr.read_text(errors="replace")[-5000:]
        raise AssertionError(f"the app ended before '{event}': {''.join(self.seen)}\n{err}")


def tray_children(tree: str) -> list[str]:
    """The lines of `xwininfo -root -tree` nested under tint2's panel window."""
    lines = tree.splitlines()
    for index, line in enumerate(lines):
        if '"tint2"' in line:
            indent = len(line) - len(line.lstrip())
            children = []
            for below in lines[index + 1 :]:
                if below.strip() and len(below) - len(below.lstrip()) <= indent:
                    break
                children.append(below)
            return children
    raise AssertionError(f"no tint2 window in:\n{tree}")


def green_pixels(png: Path, x: int, y: int, w: int, h: int) -> int:
    """Pixels of the progress ring's green (#3fb950) inside the icon's rectangle."""
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert not image.isNull(), png
    count = 0
    for px in range(x, x + w):
        for py in range(y, y + h):
            c = image.pixelColor(px, py)
            if c.green() > 140 and c.red() < 120 and c.blue() < 140:
                count += 1
    return count


def test_tray_icon_on_a_real_desktop(desktop: Desktop, home, bucket, s3, moto_endpoint, tmp_path):
    profile = Profile(name="local", endpoint_url=moto_endpoint, bucket=bucket, path_style=True,
                      credential_source=CredentialSource.ENVIRONMENT)  # fmt: skip
    transfer = TransferSettings(part_size=5 * MiB, multipart_threshold=5 * MiB, concurrency=2,
                                bandwidth_limit=5 * MiB, if_exists=IfExists.OVERWRITE)  # fmt: skip
    save_config(Config(profiles={"local": profile}, default_profile="local", transfer=transfer),
                resolve_paths(home).config_file)  # fmt: skip
    files = {name: make_file(tmp_path / "src" / name, size, seed=i)
             for i, (name, size) in enumerate([("video.mp4", 15 * MiB + 9), ("photos.zip", 10 * MiB),
                                               ("notes.txt", 2000)])}  # fmt: skip
    control = tmp_path / "control"
    control.mkdir()
    shots = screenshot_dir(tmp_path)
    env = desktop.env(**{k: v for k, v in hoist_env(home).items() if k.startswith(("HOIST", "AWS"))})
    stderr = (tmp_path / "driver-stderr.txt").open("w")  # a file: a full pipe would block the app
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), str(control), *(str(tmp_path / "src" / n) for n in files)],
        env=env, stdout=subprocess.PIPE, stderr=stderr, text=True, cwd=str(REPO),
    )  # fmt: skip
    driver = Driver(process, tmp_path / "driver-stderr.txt")
    try:
        up = driver.expect("uploading")
        assert up["available"] is True and up["icon_visible"] is True
        x, y, w, h = up["geometry"]
        assert w > 0 and h > 0
        assert up["state"] == "uploading" and up["window_visible"] is True
        assert re.fullmatch(r"Hoist - 3 uploading, \d+%, [\d.]+ [kM]?B/s, about .+ left", up["tooltip"]) or \
            re.fullmatch(r"Hoist - [123] uploading, \d+%.*", up["tooltip"]), up["tooltip"]  # fmt: skip

        # Embedded for real: our icon window is a child of tint2's panel, where Qt says it is.
        children = tray_children(desktop.run("xwininfo", "-root", "-tree"))
        ours = [c for c in children if f"{w}x{h}+" in c and c.rstrip().endswith(f"+{x}+{y}")]
        assert ours, "\n".join(children)
        window_id = ours[-1].split()[0]
        assert desktop.run("xprop", "-id", window_id, "_NET_WM_PID").split("=")[-1].strip() == str(
            process.pid
        )
        desktop.run("import", "-window", "root", str(shots / "desktop-window-and-tray.png"))

        (control / "close").touch()
        closed = driver.expect("closed")
        assert closed["window_visible"] is False
        assert closed["in_progress"] >= 1  # still uploading, out of sight
        assert closed["hint_shown"] is True  # the one-time "Hoist is still running" balloon
        assert closed["icon_visible"] is True

        full = shots / "desktop-tray-mid-upload.png"
        desktop.run("import", "-window", "root", str(full))
        assert green_pixels(full, x, y, w, h) >= 15  # the progress ring (a quarter or more) is in the tray
        # Right-click: the menu, rebuilt from live state, while the window is hidden.
        desktop.run("xdotool", "mousemove", str(x + w // 2), str(y + h // 2), "click", "3")
        menu = driver.expect("menu")
        assert menu["visible"] is True
        texts = menu["texts"]
        assert texts[0] == "Show Hoist" and texts[-2:] == ["Settings...", "Quit Hoist"], texts
        assert re.fullmatch(r"[123] uploading, \d+%.*", texts[2]), texts
        assert any(re.fullmatch(r"(video\.mp4|photos\.zip) - \d+%", t) for t in texts), texts
        assert "Pause all" in texts
        desktop.run("import", "-window", "root", str(shots / "desktop-tray-menu.png"))
        desktop.run("xdotool", "key", "Escape")
        # The panel's corner (balloon and menu gone), magnified, for a person to look at.
        time.sleep(0.3)
        corner = shots / "desktop-tray-icon-zoom.png"
        desktop.run("import", "-window", "root", str(tmp_path / "corner.png"))
        desktop.run("convert", str(tmp_path / "corner.png"), "-crop", f"120x{h + 16}+{max(0, x - 8)}+{y - 8}",
                    "-scale", "800%", str(corner))  # fmt: skip
        assert green_pixels(tmp_path / "corner.png", x, y, w, h) >= 15
        (control / "go").touch()

        done = driver.expect("done")
        assert done["window_visible"] is False  # finished entirely from the tray
        assert done["state"] == "idle" and done["tooltip"] == "Hoist - all uploads done"
        for name, digest in files.items():
            assert object_sha256(s3, bucket, name) == digest

        # A click on the tray icon brings the window back.
        desktop.run("xdotool", "mousemove", str(x + w // 2), str(y + h // 2), "click", "1")
        shown = driver.expect("shown")
        assert shown["window_visible"] is True
        try:
            assert process.wait(30) == 0
        except subprocess.TimeoutExpired:
            raise AssertionError("the app did not exit: " + driver.stderr.read_text()[-5000:]) from None
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        stderr.close()


def visible_windows(desktop: Desktop, pid: int) -> list[tuple[int, int]]:
    """(width, height) of the mapped windows of a process."""
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)], env=desktop.env(),
                           capture_output=True, text=True, timeout=10).stdout.split()  # fmt: skip
    sizes = []
    for window in found:
        info = desktop.run("xwininfo", "-id", window)
        width = int(re.search(r"Width: (\d+)", info).group(1))  # type: ignore[union-attr]
        height = int(re.search(r"Height: (\d+)", info).group(1))  # type: ignore[union-attr]
        sizes.append((width, height))
    return sizes


def test_start_minimized_to_the_tray_then_a_second_hoist_brings_the_window(desktop: Desktop, home, tmp_path):
    env = desktop.env(**{k: v for k, v in hoist_env(home).items() if k.startswith(("HOIST", "AWS"))})
    # A profile, so no welcome dialog opens the window by itself.
    save_config(
        Config(profiles={"p": Profile(name="p")}, default_profile="p"), resolve_paths(home).config_file
    )
    stderr = (tmp_path / "first-stderr.txt").open("w")
    first = subprocess.Popen([sys.executable, "-m", "hoist", "--minimized"], env=env, stdout=subprocess.DEVNULL,
                             stderr=stderr, cwd=str(tmp_path))  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not visible_windows(desktop, first.pid):
            assert first.poll() is None, (tmp_path / "first-stderr.txt").read_text()
            time.sleep(0.2)
        time.sleep(0.5)
        sizes = visible_windows(desktop, first.pid)
        assert sizes and all(w <= 64 and h <= 64 for w, h in sizes), sizes  # only the tray icon
        children = tray_children(desktop.run("xwininfo", "-root", "-tree"))
        assert any(f"{w}x{h}+" in c for c in children for w, h in sizes), children

        second = subprocess.run([sys.executable, "-m", "hoist"], env=env, capture_output=True, text=True,
                                timeout=60, cwd=str(tmp_path))  # fmt: skip
        assert second.returncode == 0, second.stderr
        assert "brought forward" in second.stderr
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not any(
            w > 400 for w, _ in visible_windows(desktop, first.pid)
        ):
            time.sleep(0.2)
        assert any(w > 400 and h > 300 for w, h in visible_windows(desktop, first.pid))  # the window is back
    finally:
        first.terminate()
        try:
            first.wait(30)
        except subprocess.TimeoutExpired:
            first.kill()
            first.wait(10)
        stderr.close()

"""Dialogs on a real X server (Xvfb): what offscreen Qt may lay out differently."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import free_port
from tests.desktop.conftest import Desktop

pytestmark = pytest.mark.desktop
DRIVER = Path(__file__).with_name("profile_dialog_app.py")


def test_the_profile_dialog_clips_no_text_on_a_real_display(desktop: Desktop, tmp_path: Path) -> None:
    """Issue 12, item 9, seen on Xvfb: with no OS keyring and a Test connection answer of
    several lines, the two-line keyring note was cut at top and bottom; at its smallest
    too. Each visible label gets the height its text needs, at every look."""
    endpoint = f"http://127.0.0.1:{free_port()}"  # nothing listens there: a sentence of several lines
    result = subprocess.run([sys.executable, str(DRIVER), endpoint], env=desktop.env(HOIST_HOME=str(tmp_path)),
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    looks = {look["look"]: look for look in map(json.loads, result.stdout.splitlines()) if look}
    assert result.returncode == 0, (result.stdout, result.stderr[-3000:])
    assert set(looks) == {"opened", "answered", "smallest"}, looks
    answer = next(label for label in looks["answered"]["labels"] if label["text"].startswith("Cannot reach"))
    assert answer["needed"] >= 2 * answer["line"], answer  # several lines
    note = [label for label in looks["opened"]["labels"] if label["text"].startswith("No OS keyring")]
    assert note, looks["opened"]
    for look in looks.values():
        clipped = [label for label in look["labels"] if label["height"] < label["needed"]]
        assert clipped == [], (look["look"], look["size"], clipped)

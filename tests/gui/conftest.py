"""GUI fixtures: offscreen Qt, a HoistGui (window + engine + bridge) on a private home
pointed at the moto server."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hoist.config.paths import resolve_paths
from hoist.config.settings import Config, CredentialSource, IfExists, Profile, TransferSettings
from tests.helpers import MiB

PART = 5 * MiB


@pytest.fixture(scope="session", autouse=True)
def window_language(qapp: Any, translations_built: None) -> None:
    """The language run_gui would choose (HOIST_LANG=en, tests/conftest.py), installed
    once: the GUI tests build windows without run_gui."""
    from hoist.ui import i18n

    assert i18n.install(i18n.chosen_language())


def make_config(endpoint: str, bucket: str, **transfer: Any) -> Config:
    profile = Profile(name="local", endpoint_url=endpoint, bucket=bucket, path_style=True,
                      credential_source=CredentialSource.ENVIRONMENT)  # fmt: skip
    settings = TransferSettings(part_size=PART, multipart_threshold=PART, concurrency=4,
                                if_exists=IfExists.OVERWRITE, max_retries=2)  # fmt: skip
    for name, value in transfer.items():
        setattr(settings, name, value)
    return Config(profiles={"local": profile}, default_profile="local", transfer=settings)


@pytest.fixture
def make_gui(qtbot: Any, home: Path) -> Iterator[Callable[..., Any]]:
    """make_gui(config) -> a started HoistGui with its window shown; shut down after."""
    from hoist.ui.app import HoistGui

    made: list[HoistGui] = []

    def make(config: Config, *, start: bool = True) -> HoistGui:
        gui = HoistGui(resolve_paths(home).ensure(), config)
        assert gui.acquire_lock() is None
        gui.build(excepthooks=False)
        qtbot.addWidget(gui.main_window)
        gui.main_window.confirm = lambda title, text: True
        # A modal question at teardown (closing with uploads still running, no tray on
        # offscreen) would block the whole run: a failed test must end, not hang CI.
        gui.desktop.tray.confirm = lambda *_: True
        made.append(gui)
        if start:
            gui.start()
            qtbot.waitUntil(lambda: gui.bridge.aggregate.engine_running, timeout=10_000)
        return gui

    yield make
    for gui in made:
        gui.shutdown()


@pytest.fixture
def gui(make_gui: Callable[..., Any], moto_endpoint: str, bucket: str) -> Any:
    return make_gui(make_config(moto_endpoint, bucket))

"""The window in German and Spanish (issue 18): every text a person reads goes through
Qt's translation, the .ts files hold each one translated with its placeholders and plural
forms, numbers and sizes follow the locale, and nothing English is left in the menus and
dialogs. A missing translation file leaves the window in English, never broken.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from hoist.config.paths import resolve_paths
from hoist.config.settings import AppSettings, Config, CredentialSource, Profile, save_config
from hoist.engine.events import UploadProgress
from hoist.s3.errors import classify
from hoist.store.states import UploadState
from hoist.ui import i18n
from hoist.ui.bridge import Aggregate
from hoist.ui.models.formatting import date_text, duration_text, size_text, speed_text
from hoist.ui.models.messages import window_text
from hoist.ui.models.queue_model import Column, QueueModel
from hoist.ui.window.status_summary import summarise
from tests.helpers import REPO, hoist_env

I18N = REPO / "app" / "hoist" / "ui" / "i18n"
LANGUAGES = ("de", "es")
PLACEHOLDER = re.compile(r"%L?n|%[1-9]")
# Names that stay as they are in every language (products, protocols, codes).
NAMES = {"hoist", "aws", "minio", "ceph", "uppy", "companion", "seaweedfs", "wasabi", "moto", "etag", "md5",
         "sse", "kms", "tls", "url", "urls", "http", "https", "json", "csv", "put", "dns", "ascii", "sha",
         "mib", "gib", "kib", "tib", "standard_ia", "api", "bearer", "authorization", "s3", "b2", "r2"}  # fmt: skip


def ts_messages(language: str) -> list[tuple[str, ET.Element]]:
    tree = ET.parse(I18N / f"hoist_{language}.ts")
    return [(context.findtext("name") or "", message) for context in tree.getroot().iter("context")
            for message in context.iter("message")]  # fmt: skip


@pytest.fixture
def speak(window_language: None) -> Iterator[Callable[[str], None]]:
    """speak("de"): the window's language from now on (windows made after it use it);
    English again afterwards, as every other test expects."""

    def use(language: str) -> None:
        assert i18n.install(language), f"hoist_{language}.qm is missing"

    try:
        yield use
    finally:
        i18n.install(i18n.chosen_language())


# -- the .ts files --------------------------------------------------------------------------


@pytest.mark.parametrize("language", [*LANGUAGES, "en"])
def test_every_text_is_translated_with_its_placeholders_and_plural_forms(language: str) -> None:
    messages = ts_messages(language)
    assert len(messages) > (30 if language == "en" else 300)
    problems = []
    for context, message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        where = f"{context}: {source!r}"
        if translation.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{where} is {translation.get('type')}")
            continue
        wanted = sorted(set(PLACEHOLDER.findall(source)))
        if message.get("numerus") == "yes":
            forms = [form.text or "" for form in translation.iter("numerusform")]
            if len(forms) != 2 or not all(forms):
                problems.append(f"{where}: plural forms {forms!r}")
                continue
            numbers = [p for p in wanted if "n" in p]
            # The plural form keeps every placeholder; the singular one may say "1" or
            # nothing for the number ("Receipt copied", "1 upload is...").
            if sorted(set(PLACEHOLDER.findall(forms[-1]))) != wanted:
                problems.append(f"{where}: plural form {forms[-1]!r} has other placeholders")
            if sorted(set(PLACEHOLDER.findall(forms[0])) - set(numbers)) != [
                p for p in wanted if p not in numbers
            ]:
                problems.append(f"{where}: singular form {forms[0]!r} has other placeholders")
        else:
            assert language != "en", f"{where}: the English file holds only plural forms"
            text = translation.text or ""
            if not text:
                problems.append(f"{where} is empty")
            elif sorted(set(PLACEHOLDER.findall(text))) != wanted:
                problems.append(f"{where}: {text!r} has other placeholders")
            elif source.count("\n") != text.count("\n"):
                problems.append(f"{where}: {text!r} breaks lines differently")
    assert problems == []


def test_the_ts_files_hold_every_text_of_the_window(tmp_path: Path) -> None:
    """pyside6-lupdate over hoist/ui finds no text the .ts files lack (a new text without
    its translation), and they keep none the source no longer has."""
    from hoist.ui.i18n.build import UI, tool

    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    subprocess.run([tool("lupdate"), "-silent", "-no-obsolete", *sources, "-ts", str(fresh)], check=True)
    found = {(c, m.findtext("source"), m.findtext("comment")) for c, m in
             ((ctx.findtext("name"), m) for ctx in ET.parse(fresh).getroot().iter("context")
              for m in ctx.iter("message"))}  # fmt: skip
    for language in LANGUAGES:
        kept = {(c, m.findtext("source"), m.findtext("comment")) for c, m in ts_messages(language)}
        assert sorted(found - kept, key=str) == [], (
            f"hoist_{language}.ts lacks these: run python -m hoist.ui.i18n.build --update"
        )
        assert sorted(kept - found, key=str) == [], (
            f"hoist_{language}.ts keeps texts the source no longer has"
        )


def test_a_missing_translation_leaves_the_window_in_english(
    speak: Callable[[str], None], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, make_gui: Any,
    moto_endpoint: str, bucket: str,
) -> None:  # fmt: skip
    monkeypatch.setattr(i18n, "HERE", tmp_path)  # no hoist_de.qm there
    assert i18n.install("de") is False
    gui = make_gui(Config(profiles={"Archiv": profile(moto_endpoint, bucket)}, default_profile="Archiv"))
    assert [a.text() for a in gui.main_window.menuBar().actions()] == ["&File", "&Uploads", "&Settings"]
    assert size_text(1.5 * 1024**2) == "1,5 MiB"  # the locale is still German's


def test_the_language_is_the_environment_s_then_the_setting_s_then_the_system_s(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOIST_LANG", "es_ES.UTF-8")
    assert i18n.chosen_language("de") == "es"
    monkeypatch.delenv("HOIST_LANG")
    assert i18n.chosen_language("de") == "de"
    assert i18n.chosen_language("") == i18n.system_language()
    assert i18n.chosen_language("tlh") == i18n.system_language()  # a language Hoist does not speak
    monkeypatch.setenv("HOIST_LANG", "fr")  # ditto: the setting still counts
    assert i18n.chosen_language("es") == "es"


# -- the window in German ---------------------------------------------------------------------


def profile(endpoint: str, bucket: str) -> Profile:
    # A name that is a word in no language of the test's, so it is not taken for English.
    return Profile(name="Archiv", endpoint_url=endpoint, bucket=bucket, path_style=True,
                   credential_source=CredentialSource.ENVIRONMENT)  # fmt: skip


def english_words(language: str) -> set[str]:
    """Words of the English texts that no translation into ``language`` uses too (such as
    "Bucket", "Token", "Upload"): if one of them shows, a text was left in English."""
    words: set[str] = set()
    used: set[str] = set()
    for _context, message in ts_messages(language):
        words |= set(re.findall(r"[A-Za-z]{3,}", message.findtext("source") or ""))
        for text in [message.findtext("translation") or ""] + [
            f.text or "" for f in message.iter("numerusform")
        ]:
            used |= {w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]{3,}", text)}
    return {w for w in words if w.lower() not in used and w.lower() not in NAMES}


def shown_texts(widget: QWidget) -> list[str]:
    """What a person reads in a window: its title, menus, actions, labels, buttons, group
    and tab titles, placeholders and the choices of its lists."""
    texts = [widget.windowTitle()]
    for action in widget.findChildren(QAction):
        texts += [action.text(), action.toolTip()]
    for label in widget.findChildren(QLabel):
        texts.append(re.sub(r"<[^>]+>", " ", label.text()))
    texts += [b.text() for b in widget.findChildren(QAbstractButton)]
    texts += [g.title() for g in widget.findChildren(QGroupBox)]
    texts += [e.placeholderText() for e in widget.findChildren(QLineEdit)]
    for tabs in widget.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    for combo in widget.findChildren(QComboBox):
        if combo.objectName() != "profileBox":  # profile names are the person's own words
            texts += [combo.itemText(i) for i in range(combo.count())]
    return [t for t in texts if t]


def english_left(widget: QWidget, language: str) -> list[str]:
    english = english_words(language)
    words = {(word, text) for text in shown_texts(widget)  # paths and URLs are no one's words
             for word in re.findall(r"[A-Za-z]{3,}", re.sub(r"\S*/\S*", " ", text.replace("&", "")))}  # fmt: skip
    return sorted(f"{word} in {text!r}" for word, text in words if word in english)


def open_dialogs(gui: Any, qtbot: Any) -> dict[str, QWidget]:
    window = gui.main_window
    window.open_settings()
    window.edit_current_profile()
    window.open_history()
    qtbot.waitUntil(lambda: window._history.count.text() != window._history.tr("Loading..."))
    from hoist.ui.dialogs.profile import ProfileDialog

    new = ProfileDialog(None, set(gui.config.profiles), window)
    qtbot.addWidget(new)
    return {"settings": window._settings_dialog, "profile": window._profile_dialog, "new profile": new,
            "history": window._history}  # fmt: skip


def test_the_window_in_german(speak: Callable[[str], None], make_gui: Any, qtbot: Any, moto_endpoint: str,
                              bucket: str, tmp_path: Path) -> None:  # fmt: skip
    speak("de")
    gui = make_gui(Config(profiles={"Archiv": profile(moto_endpoint, bucket)}, default_profile="Archiv"))
    window = gui.main_window
    assert [a.text() for a in window.menuBar().actions()] == ["&Datei", "&Uploads", "&Einstellungen"]
    assert window.action_map["add_files"].text() == "Dateien hinzufügen..."
    assert window.action_map["retry"].text() == "Erneut versuchen"
    qtbot.waitUntil(lambda: window.status_text.text() == "Nichts in der Warteschlange. Legen Sie Dateien hier "
                    "ab, um sie hochzuladen.")  # fmt: skip

    # The status bar: counts that agree with their number, sizes with a decimal comma.
    one = summarise(Aggregate(counts={UploadState.RUNNING: 1, UploadState.FAILED: 2}, bytes_done=1536 * 1024,
                              bytes_total=3 * 1024**2, speed=1.5 * 1024**2, eta=75))  # fmt: skip
    assert one.text == ("\u2191 1,5 MiB/s   \u00b7   1,5 MiB von 3,0 MiB   \u00b7   1 wird hochgeladen, "
                        "2 fehlgeschlagen   \u00b7   noch 1 min 15 s")  # fmt: skip
    assert "3 werden hochgeladen" in summarise(Aggregate(counts={UploadState.RUNNING: 3})).text
    assert one.indicator.strip() == "2 fehlgeschlagen"

    # A failed row says the window's sentence in German.
    model = QueueModel()
    error = classify(404, "NoSuchBucket", "x").describe("nirgends", "AWS S3")
    failed = UploadProgress(upload_id=7, batch_id=1, name="bericht.pdf", local_path="/tmp/bericht.pdf",
                            bucket="nirgends", key="bericht.pdf", size=10, bytes_done=0, parts_total=1,
                            parts_done=0, parts_in_flight=0, state=UploadState.FAILED,
                            error=f"bericht.pdf: {error}", speed=0.0, retries=0)  # fmt: skip
    model.apply([failed])
    state = model.data(model.upload_index(7, Column.STATE))
    assert state == ("fehlgeschlagen: Der Bucket „nirgends“ existiert nicht bei AWS S3. Prüfen Sie Bucket-Namen "
                     "und Endpunkt: öffnen Sie das Profil mit „Bearbeiten...“ neben „Hochladen nach“, klicken Sie "
                     "dann auf „Erneut versuchen“.")  # fmt: skip
    assert model.headerData(Column.ETA, Qt.Orientation.Horizontal) == "Restzeit"
    assert model.data(model.batch_index(1)) == "Stapel 1  (1 Datei)"

    dialogs = open_dialogs(gui, qtbot)
    assert dialogs["settings"].windowTitle() == "Einstellungen"
    assert [dialogs["settings"].tabs.tabText(i) for i in range(2)] == ["Übertragungen", "Arbeitsumgebung"]
    assert dialogs["history"].windowTitle() == "Hoist: Verlauf"
    assert dialogs["history"].count.text() == "0 abgeschlossene Uploads"
    assert {b.text() for b in dialogs["settings"].findChildren(QAbstractButton)} >= {"Speichern", "Abbrechen"}
    for name, widget in {"main window": window, **dialogs}.items():
        left = english_left(widget, "de")
        assert left == [], f"{name}: {left}"
    # The tray's menu and tooltip too.
    tray = gui.desktop.tray
    menu = tray.menu_texts()
    assert {"Einstellungen...", "Hoist beenden"} <= set(menu)
    assert tray.icon.toolTip() == "Hoist - nichts hochzuladen"
    english = english_words("de")
    assert [t for t in menu if set(re.findall(r"[A-Za-z]{3,}", t.replace("&", ""))) & english] == []


def test_the_window_in_spanish(speak: Callable[[str], None], make_gui: Any, qtbot: Any, moto_endpoint: str,
                               bucket: str) -> None:  # fmt: skip
    speak("es")
    gui = make_gui(Config(profiles={"Archiv": profile(moto_endpoint, bucket)}, default_profile="Archiv"))
    window = gui.main_window
    assert [a.text() for a in window.menuBar().actions()] == ["&Archivo", "&Subidas", "A&justes"]
    assert window.action_map["pause"].text() == "Pausar"
    assert summarise(Aggregate(counts={UploadState.DONE: 1, UploadState.FAILED: 3})).text == (
        "3 fallidas, 1 completada"
    )
    assert window_text("NoSuchBucket: x", bucket="fotos", endpoint="localhost:9000") == (
        "El bucket «fotos» no existe en localhost:9000. Revise el nombre del bucket y el endpoint: abra el perfil "
        "con «Editar...» junto a «Subir a» y después pulse «Reintentar fallidas»."
    )
    dialogs = open_dialogs(gui, qtbot)
    assert dialogs["settings"].windowTitle() == "Ajustes"
    for name, widget in {"main window": window, "settings": dialogs["settings"]}.items():
        assert english_left(widget, "es") == [], name


def test_numbers_sizes_speeds_and_dates_follow_the_locale(speak: Callable[[str], None]) -> None:
    speak("de")
    assert (size_text(1023.94 * 1024), speed_text(2.4 * 1024**2), duration_text(3 * 86400)) == (
        "1023,9 KiB",
        "2,4 MiB/s",
        "3 Tage",
    )
    assert re.fullmatch(r"\d\d\.\d\d\.\d\d \d\d:\d\d", date_text(1_780_000_000.0))
    speak("es")
    assert (size_text(1.5 * 1024**3), duration_text(86400 * 2)) == ("1,5 GiB", "2 días")
    speak("en")
    assert (size_text(1.5 * 1024**3), speed_text(1024), duration_text(125)) == (
        "1.5 GiB",
        "1.0 KiB/s",
        "2 min 05 s",
    )


def test_the_language_setting_is_saved_and_chosen_at_the_next_start(
    speak: Callable[[str], None], qtbot: Any, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from hoist.ui.dialogs.settings_desktop import DesktopSettingsPage

    settings = AppSettings()
    page = DesktopSettingsPage(settings)
    qtbot.addWidget(page)
    assert page.language.currentData() == ""  # the system's
    assert [page.language.itemText(i) for i in range(1, 4)] == ["English", "Deutsch", "Español"]
    page.language.setCurrentIndex(page.language.findData("es"))
    assert page.apply() is None
    assert settings.language == "es"
    assert Config.from_dict(Config(app=settings).to_dict()).app.language == "es"
    monkeypatch.delenv("HOIST_LANG")
    assert i18n.chosen_language(settings.language) == "es"


def save(widget: QWidget, name: str, tmp_path: Path) -> Path:
    """As tests/gui/test_screenshots.py: docs/screenshots/ with HOIST_SCREENSHOTS=1."""
    QApplication.processEvents()
    target = REPO / "docs" / "screenshots" if os.environ.get("HOIST_SCREENSHOTS") else tmp_path
    path = target / f"{name}.png"
    assert widget.grab().save(str(path), "PNG", 9)
    return path


def test_german_screenshots(speak: Callable[[str], None], make_gui: Any, qtbot: Any, tmp_path: Path,
                           moto_endpoint: str, bucket: str) -> None:  # fmt: skip
    """The main window uploading and the settings in German, for a person to look at:
    German is longer than English, and no text may be cut off."""
    from tests.helpers import MiB, make_file

    speak("de")
    gui = make_gui(Config(profiles={"Archiv": profile(moto_endpoint, bucket)}, default_profile="Archiv",
                          transfer=replace(Config().transfer, bandwidth_limit=8 * MiB, concurrency=2,
                                           part_size=5 * MiB, multipart_threshold=5 * MiB)))  # fmt: skip
    window = gui.main_window
    window.resize(1100, 700)
    for i, size in enumerate((2 * MiB, 120 * MiB)):
        make_file(tmp_path / "Urlaub 2026" / ("notizen.txt" if i == 0 else "video.mp4"), size, seed=i)
    window.add_paths([str(tmp_path / "Urlaub 2026")])

    def big() -> UploadProgress | None:
        return next((p for p in gui.bridge.uploads.values() if p.name == "video.mp4"), None)

    qtbot.waitUntil(lambda: (p := big()) is not None and p.parts_done >= 3, timeout=30_000)
    window.select_uploads([big().upload_id])  # type: ignore[union-attr]
    qtbot.wait(600)
    assert "Dateien hinzufügen..." in [a.text() for a in window.action_map.values()]
    save(window, "main-window-de", tmp_path)
    window.open_settings()
    dialog = window._settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    save(dialog, "settings-de", tmp_path)
    dialog.tabs.setCurrentIndex(1)
    save(dialog, "settings-desktop-de", tmp_path)
    gui.bridge.pause(None)


def test_hoist_starts_in_the_language_chosen_in_settings(home: Path) -> None:
    """run_gui installs the language before the window: the setting's, with no HOIST_LANG,
    and the log says which (and that its .qm was found: no warning)."""
    paths = resolve_paths(home).ensure()
    save_config(Config(app=AppSettings(language="es")), paths.config_file)
    env = hoist_env(home, QT_QPA_PLATFORM="offscreen")
    env.pop("HOIST_LANG")
    process = subprocess.Popen([sys.executable, "-m", "hoist"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        said = ""
        while time.monotonic() < deadline and "The window speaks" not in said:
            time.sleep(0.2)
            said = paths.log_file.read_text(encoding="utf-8") if paths.log_file.exists() else ""
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert "The window speaks Español; numbers and dates as in es_ES" in said
    assert "No translation file" not in said and "No Qt translation" not in said


def test_a_batch_of_several_files_is_named_in_the_windows_language(speak: Callable[[str], None]) -> None:
    """The engine journals "gross.bin and 1 more" (the command line's English); the window
    showed it as is in German and Spanish (issue 18 retest)."""
    from hoist.ui.models.formatting import batch_label_text

    speak("de")
    assert batch_label_text("gross.bin and 1 more") == "gross.bin und 1 weitere"
    assert batch_label_text("a and b.txt and 12 more") == "a and b.txt und 12 weitere"
    assert batch_label_text("holiday") == "holiday"  # one file or folder: its own name
    speak("es")
    assert batch_label_text("klein.txt and 2 more") == "klein.txt y 2 más"

"""The window's language: Hoist's own texts (hoist_LANG.qm, built from the .ts files
beside this module by ``build.py``), Qt's standard texts (qtbase_LANG.qm: the Save,
Cancel, Yes and No buttons, the file dialogs) and the locale numbers, sizes and dates
are written in (``QLocale()``, the default set here).

The language is, first to last: ``HOIST_LANG`` (tests, or a person trying another
language for one run), the Settings choice (``AppSettings.language``), the system
locale. English is the source language: its .qm holds only the plural forms
("1 file", "2 files"). A .qm that is missing (a source checkout where
``python -m hoist.ui.i18n.build`` never ran) leaves the texts in English; it never
stops the window from opening.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
ENV = "HOIST_LANG"
SOURCE = "en"
# Code -> the language's own name, as the Settings list shows it (never translated: a
# person who cannot read the current language still finds theirs).
LANGUAGES = {"en": "English", "de": "Deutsch", "es": "Español"}

_installed: list[QTranslator] = []  # kept alive: Qt holds only a pointer
_PLACEHOLDER = re.compile(r"%([1-9])")


class Context:
    """A translation context for code outside QObject subclasses (which use ``self.tr``):
    ``class Status(Context): ...`` then ``Status.tr("Paused")``, or with a number
    ``Status.tr("%n failed", "", n)``. pyside6-lupdate reads ``Name.tr(...)`` as a text of
    context "Name" (a plural one with the third argument; its Python parser takes no
    plural from QCoreApplication.translate), and so does this at run time."""

    @classmethod
    def tr(cls, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate(cls.__name__, text, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a text for translation where it is defined (a table, a constant) and returns
    it unchanged: ``translate(context, text)`` says it where it is shown. Qt's own has this
    name, which is how pyside6-lupdate finds it, but is typed ``object``."""
    del context
    return text


def fill(text: str, *values: object) -> str:
    """Qt's %1, %2... placeholders of a translated text filled in one pass, as
    QString::arg does (PySide has no QString): a file name holding "%2" stays as it is,
    and a translation may put the placeholders in any order."""

    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return str(values[number - 1]) if number <= len(values) else match.group(0)

    return _PLACEHOLDER.sub(value, text)


def language_code(wanted: str) -> str | None:
    """'de', 'de_AT', 'de-DE.UTF-8' -> 'de' if Hoist speaks it, else None."""
    code = wanted.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return code if code in LANGUAGES else None


def system_language() -> str:
    return language_code(QLocale.system().name()) or SOURCE


def chosen_language(setting: str = "") -> str:
    """HOIST_LANG, else the Settings choice ("" = the system's), else the system locale."""
    for wanted in (os.environ.get(ENV, ""), setting):
        code = language_code(wanted) if wanted else None
        if code is not None:
            return code
    return system_language()


def locale_for(code: str) -> QLocale:
    """The locale numbers and dates follow: the system's when it speaks ``code`` (so
    de_AT and de_CH keep their own ways), else the language's main one. The "C" locale
    of a bare system is no one's: English numbers as most English readers write them."""
    system = QLocale.system()
    if language_code(system.name()) == code:
        return system
    if code == SOURCE:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return QLocale(code)


def qt_translations() -> list[Path]:
    """Where Qt's own .qm files are: Qt's translations folder, and PySide6's copy (a
    frozen bundle may not report the first)."""
    import PySide6

    return [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
            Path(PySide6.__file__).resolve().parent / "Qt" / "translations"]  # fmt: skip


def install(code: str) -> bool:
    """Speak ``code`` from now on (widgets made before keep their texts: Hoist switches
    language at start). True if Hoist's own translation was loaded."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before choosing a language")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(locale_for(code))
    ours = QTranslator()
    found = ours.load(f"hoist_{code}", str(HERE))
    if found:
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("No translation file hoist_%s.qm in %s; the window speaks English", code, HERE)
    if code != SOURCE:
        qt = QTranslator()
        if any(qt.load(f"qtbase_{code}", str(folder)) for folder in qt_translations()):
            app.installTranslator(qt)
            _installed.append(qt)
        else:
            log.info("No Qt translation qtbase_%s.qm; Qt's standard buttons stay in English", code)
    log.info("The window speaks %s; numbers and dates as in %s", LANGUAGES.get(code, code), QLocale().name())
    return found

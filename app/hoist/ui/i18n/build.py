"""The translations' two steps, with Qt's tools from the PySide6 wheel.

    python -m hoist.ui.i18n.build            # each .ts -> .qm beside it (setup, installer build)
    python -m hoist.ui.i18n.build --update   # the window's texts -> the .ts files (after changing texts)

The .ts files are kept in the repository (translators edit them, with Qt Linguist or by
hand); the .qm files are built from them and never committed. ``--update`` runs
``pyside6-lupdate`` over hoist/ui: new texts arrive unfinished, changed ones keep their
old translation marked unfinished, gone ones are dropped. English is the source
language, so its file holds only the plural forms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
UI = HERE.parent
TARGETS = {"de": "de_DE", "es": "es_ES", "en": "en_US"}


def tool(name: str) -> str:
    """lrelease/lupdate: the binary inside the PySide6 package, else pyside6-NAME on PATH."""
    import PySide6

    inside = Path(PySide6.__file__).resolve().parent / (name + (".exe" if sys.platform == "win32" else ""))
    if inside.exists():
        return str(inside)
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if found is None:
        raise SystemExit(f"build: Qt's {name} was not found (it comes with PySide6)")
    return found


def ts_files() -> list[Path]:
    return sorted(HERE.glob("hoist_*.ts"))


def release(*, force: bool = True, quiet: bool = True) -> list[Path]:
    """Build the .qm files (without ``force``: only those missing or older than their
    .ts). Returns them all."""
    built = []
    for ts in ts_files():
        qm = ts.with_suffix(".qm")
        if force or not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            # Written aside, then moved into place: a window starting meanwhile (another
            # test run) reads the old file or the new one, never half of one.
            partial = qm.with_name(f".{qm.name}.{os.getpid()}")
            subprocess.run([tool("lrelease"), *(["-silent"] if quiet else []), str(ts), "-qm", str(partial)],
                           check=True)  # fmt: skip
            os.replace(partial, qm)
        built.append(qm)
    return built


def update() -> None:
    sources = sorted(str(p.relative_to(UI.parent.parent)) for p in UI.rglob("*.py"))
    root = UI.parent.parent  # app/: paths in the .ts stay short and the same on every machine
    for code, target in TARGETS.items():
        ts = HERE / f"hoist_{code}.ts"
        options = ["-pluralonly"] if code == "en" else []
        subprocess.run([tool("lupdate"), "-no-obsolete", "-locations", "relative", "-source-language", "en_US",
                        "-target-language", target, *options, *sources, "-ts", str(ts)], check=True,
                       cwd=root)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hoist.ui.i18n.build")
    parser.add_argument("--update", action="store_true", help="update the .ts files from the source first")
    options = parser.parse_args(argv)
    if options.update:
        update()
    for qm in release(quiet=not options.update):
        print(f"build: {qm.relative_to(UI.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The layering rule: the engine, store, s3, config and CLI never import Qt."""

from __future__ import annotations

import subprocess
import sys


def test_engine_store_and_cli_do_not_import_pyside6() -> None:
    code = (
        "import sys, hoist.engine.core, hoist.engine.steps, hoist.store.journal, hoist.s3.signer, "
        "hoist.s3.transport, hoist.config.settings, hoist.connect, hoist.cli.main; "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"

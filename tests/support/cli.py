"""Run the `hoist` command line in this process (fast: no interpreter start-up), with
its output captured and the process-wide state it touches (signal handlers, logging)
restored afterwards. Any exception escaping main() fails the test: that is a traceback
a person would have seen."""

from __future__ import annotations

import contextlib
import io
import logging
import signal
from dataclasses import dataclass
from pathlib import Path

from hoist.cli.main import main


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


def run_cli(home: Path, *args: str) -> CliResult:
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    root = logging.getLogger()
    root_handlers, root_level = list(root.handlers), root.level
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--home", str(home), *args])
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        for handler in root.handlers:
            if handler not in root_handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(root_level)
    return CliResult(code, out.getvalue(), err.getvalue())

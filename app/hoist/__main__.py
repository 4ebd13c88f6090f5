"""`hoist` / `python -m hoist`: the window with no arguments or with only paths;
the command line for subcommands."""

from __future__ import annotations

import sys
from collections.abc import Sequence

SUBCOMMANDS = {"upload", "resume", "status", "pause", "cancel", "retry", "cleanup", "profile"}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    wants_cli = any(a in SUBCOMMANDS for a in args[:3]) or any(
        a in ("-h", "--help", "--version") for a in args
    )
    if not wants_cli:
        try:
            from .ui.app import run_gui
        except ImportError:
            run_gui = None
        if run_gui is not None:
            return run_gui(args)
    from .cli.main import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())

"""`hoist` / `python -m hoist`: the window with no arguments or with only paths;
the command line for subcommands."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

SUBCOMMANDS = {"upload", "resume", "status", "pause", "cancel", "retry", "cleanup", "profile"}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    wants_cli = any(a in SUBCOMMANDS for a in args[:3]) or any(
        a in ("-h", "--help", "--version") for a in args
    )
    if not wants_cli:
        # Checked before a window opens or files are handed to one: an option only `hoist
        # upload` honours, or an empty path, is refused here (issue 12, items 1 and 2).
        from .cli.handover_args import BadWindowArgs, parse_window_args
        from .display import printable

        try:
            window_args = parse_window_args(args)
        except BadWindowArgs as exc:
            print(f"hoist: error: {printable(str(exc))}", file=sys.stderr)
            return 2
        args = window_args.as_argv()
        run_gui: Callable[[list[str]], int] | None
        try:
            from .ui.app import display_problem, run_gui
        except ImportError:  # a build without Qt: the command line only
            run_gui = None
        if run_gui is not None:
            problem = display_problem()
            if problem is None:
                return run_gui(args)
            # No window can open here, but one already running takes the paths over its
            # local socket, which needs no display (issue 12, item 13).
            from .cli.handover import without_display

            return without_display(window_args.home, window_args.paths, problem)
    # httpx imports its own command-line tool (click, rich.syntax, pygments) whenever
    # those happen to be installed; Hoist never runs it, and httpx falls back to a stub
    # when it cannot be imported. Measured ~0.04 s of CPU, all of it before the first
    # byte is sent, at every start of the command line.
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
    from .cli.main import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())

"""The arguments of `hoist [FILE...]` (no command): checked before anything is handed over.

A running window queues handed-over files at its own destination with its own settings, so
the options of `hoist upload` (--to, --if-exists, ...) cannot be honoured there. They used to
be dropped silently or taken for paths (issue 12, item 2); now any option other than the
window's own (--home, -v/--verbose, --minimized) is refused with one line naming it and the
form that takes it, exit 2, nothing handed over. ``--`` ends the options, so a file whose
name starts with '-' can still be handed over (``hoist -- --notes.txt``).

An empty path is refused as `hoist upload` refuses it: joined to the current folder it
would have meant the whole folder (issue 12, item 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..display import printable

# What `hoist FILE...` takes besides the files; --help and the README say the same.
WINDOW_OPTIONS = "--home DIR, -v/--verbose, --minimized"
UPLOAD_FORM = "hoist upload FILE... --to s3://BUCKET[/PREFIX]"


class BadWindowArgs(Exception):
    """Bad usage of `hoist FILE...`: one line, exit 2 (the CLI's UsageError, without
    importing the whole command line before the window starts)."""


@dataclass(frozen=True)
class WindowArgs:
    """`hoist [--home DIR] [-v] [--minimized] [--] [FILE...]`, checked."""

    home: str | None
    verbose: bool
    minimized: bool
    paths: tuple[str, ...]

    def as_argv(self) -> list[str]:
        """The same arguments in one unambiguous form (for the window's own parser): the
        paths after ``--``, so none of them is read as an option."""
        argv = [f"--home={self.home}"] if self.home is not None else []
        argv += ["--verbose"] * self.verbose + ["--minimized"] * self.minimized
        return [*argv, "--", *self.paths]


def _upload_options() -> set[str]:
    """Every option `hoist upload` takes (imported only when refusing: the command line's
    parser is not needed to open a window)."""
    import argparse

    from .parser import build_parser

    subcommands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return set(subcommands.choices["upload"]._option_string_actions)


def _refuse_option(option: str) -> BadWindowArgs:
    name = option.split("=", 1)[0]
    shown = printable(name)
    if name in _upload_options():
        form = UPLOAD_FORM if name == "--to" else f"{UPLOAD_FORM} {shown} ..."
        return BadWindowArgs(
            f"{shown} cannot be handed to the Hoist window, which uploads at its own destination with "
            f"its own settings; to use {shown}, run `{form}` instead."
        )
    return BadWindowArgs(
        f"{shown} is not an option of `hoist FILE...` (it takes {WINDOW_OPTIONS}); to upload from the "
        f"command line use `{UPLOAD_FORM}`, and put `--` before a file whose name starts with '-'."
    )


def parse_window_args(args: Sequence[str]) -> WindowArgs:
    """The window's arguments, or BadWindowArgs (exit 2) for an option it cannot honour, an
    option without its value, or an empty path."""
    home: str | None = None
    verbose = minimized = False
    paths: list[str] = []
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            paths.extend(rest)
            break
        if arg in ("-v", "--verbose"):
            verbose = True
        elif arg == "--minimized":
            minimized = True
        elif arg == "--home":
            home = next(rest, None)
            if home is None:
                raise BadWindowArgs("--home needs a folder (see `hoist --help`)")
        elif arg.startswith("--home="):
            home = arg.removeprefix("--home=")
        elif arg.startswith("-") and arg != "-":
            raise _refuse_option(arg)
        else:
            paths.append(arg)
    if any(not path for path in paths):
        raise BadWindowArgs("An empty path was given.")
    return WindowArgs(home, verbose, minimized, tuple(paths))

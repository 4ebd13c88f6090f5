"""`hoist [FILE...]`'s arguments (issue 12, items 1 and 2): the window's own options are
kept, `--` ends the options, and anything a window cannot honour is refused in one line."""

from __future__ import annotations

import pytest

from hoist.__main__ import main
from hoist.cli.handover_args import BadWindowArgs, WindowArgs, parse_window_args


def test_the_window_options_are_kept_and_dash_dash_ends_them():
    parsed = parse_window_args(["--home=/h", "a.txt", "-v", "--", "--x.txt", "-v", "b"])
    assert parsed == WindowArgs("/h", True, False, ("a.txt", "--x.txt", "-v", "b"))
    # What the window's own parser is given: every path after `--`.
    assert parsed.as_argv() == ["--home=/h", "--verbose", "--", "a.txt", "--x.txt", "-v", "b"]
    assert parse_window_args(["--minimized", "--home", "/h", "-"]) == WindowArgs("/h", False, True, ("-",))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--", ""], "An empty path was given."),
        (["--home"], "--home needs a folder (see `hoist --help`)"),
        (["a", "--sse=AES256"], "--sse cannot be handed to the Hoist window, which uploads at its own destination "
         "with its own settings; to use --sse, run `hoist upload FILE... --to s3://BUCKET[/PREFIX] --sse ...` "
         "instead."),
        (["-x\x1b"], "-x\\x1b is not an option of `hoist FILE...` (it takes --home DIR, -v/--verbose, "
         "--minimized); to upload from the command line use `hoist upload FILE... --to s3://BUCKET[/PREFIX]`, "
         "and put `--` before a file whose name starts with '-'."),
    ],
)  # fmt: skip
def test_what_a_window_cannot_honour_is_refused(args, message, capsys):
    with pytest.raises(BadWindowArgs) as refused:
        parse_window_args(args)
    assert str(refused.value) == message
    # Before any window or hand-over: one line, exit 2.
    assert main(args) == 2
    assert capsys.readouterr().err == f"hoist: error: {message}\n"

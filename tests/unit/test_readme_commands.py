"""The README's commands are real (issue 12): every `hoist ...` line in its fenced
blocks names commands that exist (`--help` parses), flags that the command has, and
(when it is a concrete example, not a synopsis) parses as a whole with the real parser.
The synopsis under "Command line" lists every command and every option of `upload`.
"""

from __future__ import annotations

import argparse
import re
import shlex
from dataclasses import dataclass

import pytest

from hoist.cli.parser import build_parser
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
FLAG = re.compile(r"(?<![\w/.=-])(--?[a-zA-Z][\w-]*)")
PLACEHOLDER = re.compile(r"\[|\.\.\.|\||\b[A-Z][A-Z_]*\b(?!=)")


@dataclass(frozen=True)
class Line:
    number: int  # in README.md
    text: str  # the command, without prompt, environment, comment or redirection


def fenced_blocks() -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] | None = None
    for number, line in enumerate(README.splitlines(), start=1):
        if line.startswith("```"):
            if current is None:
                current = []
            else:
                blocks.append(current)
                current = None
        elif current is not None:
            current.append((number, line))
    return blocks


def command_lines() -> list[Line]:
    found: list[Line] = []
    for block in fenced_blocks():
        for number, raw in block:
            text = re.split(r"\s+#\s", raw, maxsplit=1)[0].rstrip()
            if found and found[-1].number == number - 1 and re.match(r"\s+[\[-]", text):
                found[-1] = Line(number, f"{found[-1].text} {text.strip()}")  # a synopsis line goes on
                continue
            text = text.removeprefix("$ ")
            text = re.sub(r"^(?:[A-Z_]+=\S*\s+)+", "", text)  # VAR=value hoist ...
            text = re.sub(r"^\.venv/bin/", "", text)
            if re.match(r"hoist(?:\s|$)", text):
                found.append(Line(number, re.sub(r"\s<\s*\S+", "", text)))
    return found


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def resolve(words: list[str]) -> tuple[list[str], argparse.ArgumentParser, list[str]]:
    """(the command path, its parser, the words after it); alternatives "set|list" are checked."""
    parser = build_parser()
    path: list[str] = []
    rest = list(words)
    while rest:
        choices = subcommands(parser)
        word = rest[0]
        if not choices or word.startswith("-"):
            break
        names = word.split("|")
        if not all(name in choices for name in names):
            break
        for name in names[1:]:  # each alternative exists and has --help
            assert_help([*path, name])
        path.append(names[0])
        parser = choices[names[0]]
        rest.pop(0)
    return path, parser, rest


def assert_help(path: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args([*path, "--help"])
    assert exit_.value.code == 0, path


def option_strings(parser: argparse.ArgumentParser) -> set[str]:
    return {s for action in parser._actions for s in action.option_strings}


LINES = command_lines()


def test_the_readme_has_commands() -> None:
    assert len(LINES) >= 15  # the parsing above finds them


@pytest.mark.parametrize("line", LINES, ids=[f"README.md:{line.number}" for line in LINES])
def test_every_readme_command_parses(line: Line, capsys: pytest.CaptureFixture[str]) -> None:
    words = line.text.split()[1:]
    path, parser, rest = resolve(words)
    assert_help(path)
    capsys.readouterr()
    known = option_strings(parser) | option_strings(build_parser())  # --home, -v, --version
    unknown = [flag for flag in FLAG.findall(" ".join(rest)) if flag not in known]
    assert not unknown, f"README.md:{line.number}: `hoist {' '.join(path)}` has no {', '.join(unknown)}"
    if not PLACEHOLDER.search(" ".join(rest)):  # a concrete example: the whole line parses
        build_parser().parse_args(shlex.split(line.text)[1:])


def test_the_synopsis_lists_every_command_and_upload_option() -> None:
    start = README.index("## Command line")
    block = README[start : README.index("```\n", README.index("```", start) + 3)]
    top = build_parser()
    missing = [f"hoist {name}" for name in subcommands(top) if f"hoist {name}" not in block]
    for name, sub in subcommands(top).items():
        if subcommands(sub):
            words = re.search(rf"hoist {name} (\S+)", block)
            listed = set(words.group(1).split("|")) if words else set()
            missing += [f"hoist {name} {each}" for each in subcommands(sub) if each not in listed]
    upload = subcommands(top)["upload"]
    listed = set(FLAG.findall(block))
    for action in upload._actions:
        names = set(action.option_strings) - {"-h", "--help"}
        if names and not names & listed:  # -q or --quiet
            missing.append(f"upload {max(names, key=len)}")
    for flag in ("--version", "-v", "-q"):
        if not re.search(rf"(?<![\w-]){flag}(?![\w-])", block):
            missing.append(flag)
    assert not missing, f"the synopsis under 'Command line' does not list: {', '.join(missing)}"


def test_the_readme_and_help_give_the_same_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    """One table (cli.parser.EXIT_CODES): `hoist --help`, `hoist upload --help` and the
    README's list say the same for every code."""
    from hoist.cli.parser import EXIT_CODES, EXIT_CODES_HELP

    listed = dict(re.findall(r"^- `(\d+)`: (.+)$", README, flags=re.MULTILINE))
    assert {int(code): text for code, text in listed.items()} == dict(EXIT_CODES)
    for path in ([], ["upload"], ["resume"]):
        assert_help(path)
        assert " ".join(EXIT_CODES_HELP.split()) in " ".join(capsys.readouterr().out.split()), path

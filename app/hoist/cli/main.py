"""Entry point of the command line: errors become one line and an exit code.

Exit codes: parser.EXIT_CODES (0 all done, 1 something failed, 2 bad usage or bad input,
3 nothing failed but some files were paused or cancelled by a person, 130 interrupted)."""

from __future__ import annotations

import errno
import logging
import os
import sys
from collections.abc import Sequence

from ..config.paths import resolve_paths
from ..config.private import UntrustedHome
from ..config.settings import ConfigError, load_config
from ..display import printable
from ..engine.connections import ConnectionSetupError
from ..logs import setup_logging
from ..s3.errors import S3Failure
from ..store.db import JournalError
from .commands import COMMANDS
from .parser import UsageError, build_parser
from .profiles import ProfileError
from .runner import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, Refused

__all__ = ["build_parser", "main"]


def _error(message: str) -> None:
    print(f"hoist: error: {printable(message)}", file=sys.stderr)


# Commands that only read (status) or act on uploads already in the journal (pause, cancel,
# retry): where there is no home they have nothing to do, and never create one (issue 12, item 6).
READ_ONLY = {"status", "pause", "cancel", "retry"}


def _storage_problem(exc: OSError) -> str:
    where = exc.filename or "Hoist's folder"
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):  # a file where a folder must be, or on its way
        return f"{where} is not a folder. Set HOIST_HOME (or --home) to a folder."
    if exc.errno == errno.EROFS:
        return f"{where} is on a read-only file system. Set HOIST_HOME (or --home) to a writable folder."
    if exc.errno == errno.ENOSPC:
        return f"The disk holding {where} is full. Free some space and try again."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{where}: permission denied. Set HOIST_HOME (or --home) to a writable folder."
    return f"{where} cannot be used: {exc.strerror}."


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_OK
        try:
            paths = resolve_paths(args.home)
            if args.command in READ_ONLY and not paths.data_dir.exists():
                # Reading must not create a home: a mistyped HOIST_HOME would otherwise become
                # an empty one that reports "No uploads" (issue 12, item 6).
                raise Refused(
                    f"There is no Hoist data at {paths.data_dir} (nothing has been uploaded with it); "
                    "check --home or HOIST_HOME. Nothing was created."
                )
            paths = paths.ensure()
            setup_logging(paths.log_file, logging.DEBUG if args.verbose else logging.INFO)
        except OSError as exc:  # read-only or full home: one line, not a traceback
            raise Refused(_storage_problem(exc)) from None
        config = load_config(paths.config_file)
        return COMMANDS[args.command](args, paths, config)
    except (UsageError, ProfileError) as exc:
        _error(str(exc))
        return EXIT_USAGE
    except (Refused, JournalError, ConfigError, ConnectionSetupError, UntrustedHome) as exc:
        _error(str(exc))
        return EXIT_FAILED
    except S3Failure as exc:
        _error(exc.describe())
        return EXIT_FAILED
    except PermissionError as exc:
        _error(f"permission denied: {exc.filename}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `hoist status | head`: the reader has gone; say nothing more (and let the
        # interpreter's final flush of stdout fail quietly too).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

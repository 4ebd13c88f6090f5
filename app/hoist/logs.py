"""Logging to a file in the log directory, with presigned URLs and secrets redacted."""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
from pathlib import Path
from typing import cast

from .config.private import PRIVATE_FILE, ensure_real, narrow, private_dir
from .display import printable
from .s3.redact import redact


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def _log_opener(path: str | os.PathLike[str], flags: int) -> int:
    """The log, created 0600 and never opened through a symbolic link (one planted as
    hoist.log would carry Hoist's log into another account's file)."""
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0), PRIVATE_FILE)


class EscapingFormatter(logging.Formatter):
    """Each record's message with control and invisible format characters escaped, as
    the terminal and the window show them (hoist.display): a server's error text or a
    file's name could otherwise put a terminal escape, a line break (a forged record) or a
    right-to-left override into the log. Tracebacks keep their lines."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = printable(record.message)
        return super().formatMessage(record)


class LogFileHandler(logging.handlers.RotatingFileHandler):
    def handleError(self, record: logging.LogRecord) -> None:
        # A full or read-only disk must not print "--- Logging error ---" tracebacks on a
        # person's terminal; the problem reaches them through the engine's own message.
        pass

    def _open(self) -> io.TextIOWrapper:
        # 0600 from creation, after each rotation too; a log left 0644 by an earlier version is narrowed.
        narrow(Path(self.baseFilename), PRIVATE_FILE)
        stream = open(  # noqa: SIM115 (the handler owns the stream)
            self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors, opener=_log_opener
        )
        return cast(io.TextIOWrapper, stream)


def setup_logging(log_file: Path, level: int = logging.INFO) -> None:
    """Log to ``log_file``. Raises UntrustedHome when its folder or the file is a symbolic
    link or another account's (Paths.ensure says so first)."""
    ensure_real(log_file.parent)
    ensure_real(log_file)
    private_dir(log_file.parent)
    handler = LogFileHandler(log_file, maxBytes=5 * 1024 * 1024, backupCount=3, encoding="utf-8")
    handler.setFormatter(EscapingFormatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.setLevel(level)
    for existing in list(root.handlers):
        if isinstance(existing, logging.handlers.RotatingFileHandler):
            root.removeHandler(existing)
    root.addHandler(handler)
    # botocore at DEBUG logs signed URLs and headers; keep it quiet even when we are verbose.
    for noisy in ("botocore", "boto3", "urllib3", "httpx", "httpcore", "s3transfer"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

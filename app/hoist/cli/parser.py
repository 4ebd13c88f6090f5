"""The `hoist` argument parser and the parsing of URLs, sizes and durations."""

from __future__ import annotations

import argparse
import math
import re
from typing import NoReturn
from urllib.parse import urlparse

from .. import __version__
from ..config.settings import DEFAULT_CONCURRENCY, IfExists
from ..engine.sources import BadInput, normalise_prefix
from ..s3.metadata import is_header_token
from ..s3.service import service_url_problem
from .profiles import add_profile_parser

# `hoist status` without --all shows this many finished uploads after the unfinished ones.
RECENT_FINISHED = 20


# What `hoist upload` and `hoist resume` exit with; --help and the README list the same
# (tests/unit/test_readme_commands.py compares them).
EXIT_CODES = (
    (0, "every file is done (or skipped by a rule or by --if-exists skip)"),
    (1, "at least one file failed (a file inside a folder that cannot be read counts as failed), "
        "or the server, the credentials or the bucket refused"),
    (2, "bad usage or bad input (nothing is queued)"),
    (3, "nothing failed, but a person paused or cancelled some files meanwhile (hoist pause or "
        "hoist cancel from another shell, or the window)"),
    (130, "interrupted by Ctrl-C or SIGTERM (finished parts are kept, hoist resume carries on)"),
)  # fmt: skip
EXIT_CODES_HELP = (
    "Exit codes of upload and resume: " + "; ".join(f"{code} {text}" for code, text in EXIT_CODES) + "."
)


class UsageError(Exception):
    """Bad usage or input: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2, no usage wall
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="hoist",
        description="Upload files and folders to S3-compatible storage; resumes after any crash. "
        "With no command, opens the window; `hoist [--home DIR] [-v] [--minimized] [--] FILE...` hands the "
        "files to the window (a running one, or a new one), which uploads them at its own destination: "
        "other options are refused (use `hoist upload`), and `--` ends the options (`hoist -- --x.txt`).",
        epilog=EXIT_CODES_HELP + " Other commands: 0 done, 1 refused (by the server or the journal), "
        "2 bad usage.",
    )
    parser.add_argument("--version", action="version", version=f"hoist {__version__}")
    parser.add_argument("--home", help="keep journal, settings and logs in this folder (or HOIST_HOME)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def connection_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--endpoint-url", default=None, help="S3-compatible endpoint (blank = AWS)")
        p.add_argument("--region", default=None, help="region (default us-east-1 or the profile's)")
        p.add_argument("--profile", default=None, help="a Hoist profile, else an AWS profile from ~/.aws")
        p.add_argument("--path-style", action="store_true", help="path-style addressing (MinIO, moto...)")
        p.add_argument("--no-verify-tls", action="store_true", help="DANGEROUS: skip TLS certificate checks")
        p.add_argument("--no-verify-etag", action="store_true",
                       help="do not require part ETags to equal their MD5 (SSE-KMS, some servers)")  # fmt: skip

    def transfer_options(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--concurrency",
            type=int,
            default=None,
            help=f"parts in flight (default {DEFAULT_CONCURRENCY}; a file under 8 MiB counts as a quarter of one)",
        )
        p.add_argument("--bandwidth-limit", default=None, help="e.g. 10MiB per second (default none)")
        p.add_argument("--retries", type=int, default=None, help="retries per part (default 8)")
        p.add_argument("--offline-wait", default=None, metavar="DURATION",
                       help="while the server cannot be reached at all, wait this long before files "
                       "fail (default 30m; retries are not used up meanwhile)")  # fmt: skip
        p.add_argument("-q", "--quiet", action="store_true", help="no progress display")

    up = sub.add_parser("upload", help="upload files and folders", description=(
        "Upload files and folders. A folder keeps its own name under the prefix; give it with a "
        "trailing slash to upload only its contents. If an object exists at a key, the default "
        "in the command line is to overwrite it (--if-exists)."), epilog=EXIT_CODES_HELP)  # fmt: skip
    up.add_argument("paths", nargs="+", metavar="PATH")
    up.add_argument("--to", default=None, metavar="s3://BUCKET[/PREFIX]",
                    help="destination (default: the profile's bucket and prefix)")  # fmt: skip
    up.add_argument("--service", default=None, metavar="URL",
                    help="upload through this upload service (Uppy Companion's S3 routes), which "
                    "chooses bucket and key; its token from HOIST_SERVICE_TOKEN")  # fmt: skip
    connection_options(up)
    transfer_options(up)
    up.add_argument("--part-size", default=None, help="e.g. 16MiB (5MiB-5GiB; default automatic)")
    up.add_argument("--if-exists", choices=[p.value for p in IfExists if p != IfExists.ASK],
                    default="overwrite", help="when the object exists (default: overwrite)")  # fmt: skip
    up.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="follow symbolic links inside folders (links named on the command line are always followed)",
    )
    up.add_argument("--storage-class", default="", help="e.g. STANDARD_IA")
    up.add_argument("--sse", default="", help="server-side encryption, e.g. AES256")
    up.add_argument("--no-content-type", action="store_true", help="send application/octet-stream")
    up.add_argument("--content-type", default="", metavar="TYPE",
                    help="Content-Type for every file (default: guessed from each file's name)")  # fmt: skip
    up.add_argument("--dry-run", action="store_true",
                    help="print the plan (keys, parts, totals) and stop: nothing is sent or queued")  # fmt: skip
    up.add_argument("--metadata", action="append", default=[], metavar="NAME=VALUE",
                    help="user metadata stored with each object (x-amz-meta-NAME); repeat for more")  # fmt: skip

    res = sub.add_parser("resume", help="carry on with everything unfinished in the journal",
                         epilog=EXIT_CODES_HELP)  # fmt: skip
    res.add_argument("ids", nargs="*", type=int, metavar="ID",
                     help="only these uploads; a paused one carries on too (default: all that were running)")  # fmt: skip
    connection_options(res)
    transfer_options(res)

    st = sub.add_parser("status", help="uploads with their ID, state and progress", description=(
        f"Without --all: every unfinished upload (queued, running, completing, paused, failed) and the "
        f"{RECENT_FINISHED} most recently finished ones (done, cancelled, skipped). The ID in the "
        "first column is what resume, pause, cancel and retry take."))  # fmt: skip
    st.add_argument("--json", action="store_true", help="machine-readable output")
    st.add_argument(
        "--all", action="store_true", help="every upload in the journal, however long ago it finished"
    )

    for name, text in (("pause", "pause uploads"), ("cancel", "cancel uploads (aborts them on the "
                       "server)"), ("retry", "queue failed uploads again")):  # fmt: skip
        p = sub.add_parser(name, help=text)
        p.add_argument("ids", nargs="*", type=int, metavar="ID")
        p.add_argument("--all", action="store_true", help="every upload")
        connection_options(p)

    cl = sub.add_parser("cleanup", help="list and abort incomplete multipart uploads", description=(
        "Abort incomplete multipart uploads, which the server keeps (and bills) until they are "
        "aborted: the journal's own uploads that failed, and the other unfinished uploads on the "
        "bucket of every storage profile (or of --profile, or the one given with --bucket). Says "
        "which buckets it looked at; exit code 1 if one could not be looked at."))  # fmt: skip
    cl.add_argument("--bucket", default=None,
                    help="look at this bucket (at --endpoint-url or the --profile's endpoint) instead "
                    "of the profiles' buckets")  # fmt: skip
    cl.add_argument("--older-than", default="24h", help="only uploads older than this (e.g. 6h, 7d)")
    cl.add_argument("--dry-run", action="store_true", help="list only")
    connection_options(cl)
    add_profile_parser(sub)
    return parser


def parse_duration(text: str) -> float:
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
    cleaned = text.strip().lower()
    try:
        seconds = float(cleaned[:-1]) * units[cleaned[-1]] if cleaned[-1] in units else float(cleaned)
    except (ValueError, IndexError):
        raise UsageError(f"'{text}' is not a duration; use e.g. 30m, 24h or 7d") from None
    if not math.isfinite(seconds) or seconds < 0:
        raise UsageError(f"'{text}' is not a duration; use e.g. 30m, 24h or 7d")
    return seconds


# S3's rules for bucket names: 3-63 lower-case letters, digits, dots and hyphens, starting
# and ending with a letter or digit (older buckets may have upper case and underscores).
_BUCKET = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,61}[A-Za-z0-9]$")


def parse_target(text: str) -> tuple[str, str]:
    """``s3://BUCKET/PREFIX`` taken literally: a key prefix may hold '#', '?' or '%',
    which a URL parser would take for a fragment, a query or an escape."""
    if not text.startswith("s3://") or len(text) == len("s3://"):
        raise UsageError(f"--to must look like s3://BUCKET[/PREFIX], not '{text}'")
    bucket, _, path = text[len("s3://") :].partition("/")
    if not _BUCKET.match(bucket):
        raise UsageError(f"'{bucket}' is not a valid bucket name")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in path):
        raise UsageError(f"--to: the prefix {path!r} holds a control character (a newline or tab)")
    try:
        prefix = normalise_prefix(path)
    except BadInput as exc:
        raise UsageError(str(exc)) from None
    return bucket, prefix


_CONTENT_TYPE = re.compile(r"^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\s*;\s*[\x20-\x7e]*)?$")


def check_token(option: str, value: str) -> str:
    """A storage class or encryption name: sent as a header, so no spaces or line breaks."""
    if value and not is_header_token(value):
        raise UsageError(f"{option} {value!r} is not a valid name (e.g. STANDARD_IA, AES256 or aws:kms)")
    return value


def check_content_type(value: str) -> str:
    """A media type such as "text/csv" or "text/plain; charset=utf-8" (it is sent as a header)."""
    if not _CONTENT_TYPE.match(value.strip()):
        raise UsageError(f"--content-type {value!r} is not a media type; give it like text/csv or image/png.")
    return value.strip()


def check_endpoint(url: str | None) -> str:
    if not url:
        return ""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise UsageError(f"--endpoint-url must be an http(s) URL like https://s3.example.com, not '{url}'")
    try:
        parsed.port  # noqa: B018 - raises on a bad port
    except ValueError:
        raise UsageError(f"--endpoint-url has an invalid port: '{url}'") from None
    if parsed.query or parsed.fragment:
        raise UsageError(f"--endpoint-url must not carry a query or fragment: '{url}'")
    return url.rstrip("/")


def check_service_url(url: str, option: str = "--service") -> str:
    """An upload service's base URL: http(s), a host, no query; without a trailing slash."""
    problem = service_url_problem(url, option)
    if problem:
        raise UsageError(problem)
    return url.rstrip("/")

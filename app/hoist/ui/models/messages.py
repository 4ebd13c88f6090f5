"""Every failure the window shows, in the window's own words (no Qt here).

The engine, the journal and the connection code write their failures for the command
line and the log: the file's name in front, S3's codes ("NoSuchBucket: ..."), exception
names ("Unexpected error: KeyError: ..."), advice that names CLI commands and flags
("Set it again with `hoist profile set NAME`", "--no-verify-tls"). ``window_message``
turns any of them (a string as journaled, or the exception itself) into one sentence
that says what happened and what to do with the window's buttons and dialogs. Rows,
their tooltips, the part table, notifications and message boxes all use it, so the
same failure reads the same everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from ...engine.localfile import FileProblem
from ...s3.errors import CONNECT_CODES, FRIENDLY, Kind, S3Failure
from ...store.db import JournalError

_TRY_AGAIN = "Press Retry failed to try again; if it fails the same way, check the profile."
EDIT_PROFILE = "open the profile with Edit... next to 'Upload to'"


class Cause(Enum):
    CREDENTIALS = "credentials"  # no secret, or the server refuses it: fix the profile
    DESTINATION = "destination"  # bucket, region, endpoint: fix the profile
    NETWORK = "network"  # the server does not answer
    FILE = "file"  # the local file is gone, changed or unreadable
    BUG = "bug"  # Hoist's own fault
    OTHER = "other"


@dataclass(frozen=True)
class WindowMessage:
    text: str
    cause: Cause


_KEYRING = re.compile(
    r"[Tt]he profile '(?P<profile>.*)' has no stored secret key in the keyring(?: \([^)]*\))?\.?"
    r"(?: Set it again with `[^`]*`\.?)?"
)
_UNEXPECTED = re.compile(r"^Unexpected error: (?:[A-Za-z_][\w.]*: ?)?(?P<detail>.*)$", re.S)
_CODE = re.compile(r"^(?P<code>[A-Z][A-Za-z0-9]+|HTTP\d{3}): (?P<message>.+)$", re.S)
_CLI_ADVICE = re.compile(r"\s*(?:Set it again |\()?(?:[Rr]un|[Uu]se|[Ww]ith|[Tt]ry) `hoist [^`]*`\)?[^.]*\.")
_CREDENTIAL_CODES = frozenset({"InvalidAccessKeyId", "SignatureDoesNotMatch", "NoCredentials",
                               "ExpiredToken", "InvalidToken"})  # fmt: skip
_DESTINATION_CODES = frozenset({"NoSuchBucket", "AccessDenied", "PermanentRedirect", "InvalidBucketName",
                                "AuthorizationHeaderMalformed"})  # fmt: skip
# The sentences S3Failure.describe gives the destination codes (already said for the log).
_DESTINATION_WORDS = ("does not exist at", "was denied at", "is in another region", "the region is wrong",
                      "is not a valid bucket name")  # fmt: skip
_REPLACEMENTS = (
    ("Check the credentials (the profile's keyring entry, AWS_* variables or ~/.aws).",
     f"Check the access key and secret key: {EDIT_PROFILE}, correct them and save; the uploads "
     "that failed for this start again."),
    ("Check the bucket name and the endpoint in the profile.",
     f"Check the bucket name and the endpoint: {EDIT_PROFILE}, then press Retry failed."),
    ("The credentials lack permission to write there.",
     f"The credentials lack permission to write there: use keys that may ({EDIT_PROFILE}), or ask "
     "the bucket's owner, then press Retry failed."),
    ("set the profile's region to the bucket's region.",
     f"set the region to the bucket's region ({EDIT_PROFILE}), then press Retry failed."),
    ("(--no-verify-tls, or the profile setting)", "(the profile's 'Verify TLS' setting)"),
    ("Use a part size of at least 5 MiB.", "Set a part size of at least 5 MiB in Settings, then press "
     "Retry failed."),
    ("Check the endpoint URL and your network.", "Check the profile's endpoint URL and your network; "
     "Hoist keeps trying while the window is open."),
    ("then retry.", "then press Retry failed."),
    ("retry once the file is final.", "press Retry failed once the file is final."),
    ("for `hoist resume`", "until Hoist starts again"),
)  # fmt: skip


def window_message(
    failure: BaseException | str | None,
    *,
    name: str = "",
    local_path: str = "",
    bucket: str = "",
    endpoint: str = "",
    in_dialog: bool = False,
) -> WindowMessage:
    """One sentence (or two) for a failure, without the file's name in front: the row,
    the notification title or the part table already say which file it is. ``in_dialog``:
    shown in the dialog that fixes it (Test connection), so no "open the profile"."""
    if failure is None or failure == "":
        return WindowMessage("", Cause.OTHER)
    if isinstance(failure, BaseException):
        message = _from_exception(failure, name=name, local_path=local_path, bucket=bucket, endpoint=endpoint)
    else:
        message = _from_text(failure, name=name, local_path=local_path, bucket=bucket, endpoint=endpoint)
    if in_dialog and failure is not None:
        plain = failure if isinstance(failure, str) else str(failure)
        if message.cause != Cause.BUG:  # the dialog's own sentence, only the CLI words changed
            return WindowMessage(
                _sentence(_cli_free(_strip_names(plain.strip(), name, local_path))), message.cause
            )
    return message


def window_text(
    failure: BaseException | str | None,
    *,
    name: str = "",
    local_path: str = "",
    bucket: str = "",
    endpoint: str = "",
    in_dialog: bool = False,
) -> str:
    return window_message(failure, name=name, local_path=local_path, bucket=bucket, endpoint=endpoint,
                          in_dialog=in_dialog).text  # fmt: skip


def expected(exc: BaseException) -> bool:
    """A failure a person can act on (a sentence), as opposed to a bug (details shown)."""
    from ...engine.connections import ConnectionSetupError

    # ValueError: Hoist's own checks (BadInput, PlanError, a dialog's fields) say it in words.
    return isinstance(exc, ValueError | JournalError | S3Failure | OSError | FileProblem
                      | ConnectionSetupError)  # fmt: skip


def _from_exception(exc: BaseException, **where: str) -> WindowMessage:
    if isinstance(exc, S3Failure):
        if exc.code in FRIENDLY or exc.code in CONNECT_CODES:
            return _from_s3(exc.code, exc.message, where["bucket"], where["endpoint"])
        return _from_text(exc.message, **where)  # "Code: message", or a sentence of Hoist's
    if isinstance(exc, PermissionError):
        return WindowMessage(
            f"Hoist may not read {exc.filename or 'the file'} (permission denied). Give your account "
            "read access to it, or choose another file.",
            Cause.FILE,
        )
    if isinstance(exc, FileNotFoundError):
        return WindowMessage(
            f"{exc.filename or 'The file'} does not exist any more. Add it again from where it is now.",
            Cause.FILE,
        )
    if isinstance(exc, OSError):
        reason = (exc.strerror or "an input/output error").rstrip(".")
        return WindowMessage(
            f"{exc.filename or 'A file'} cannot be read ({reason[:1].lower() + reason[1:]}). Check the file "
            "and its disk, then add it again.",
            Cause.FILE,
        )
    if expected(exc):
        return _from_text(str(exc), **where)
    return WindowMessage(_bug(str(exc)), Cause.BUG)


def _from_text(text: str, *, name: str, local_path: str, bucket: str, endpoint: str) -> WindowMessage:
    text = _strip_names(text.strip(), name, local_path)
    keyring = _KEYRING.search(text)
    if keyring:
        profile = keyring.group("profile")
        return WindowMessage(
            f"The secret key of the storage profile '{profile}' is not stored on this computer (no "
            f"keyring kept it). Enter it in the profile ({EDIT_PROFILE}) and save: the uploads waiting "
            "for it start again by themselves.",
            Cause.CREDENTIALS,
        )
    unexpected = _UNEXPECTED.match(text)
    if unexpected:
        return WindowMessage(_bug(unexpected.group("detail")), Cause.BUG)
    coded = _CODE.match(text)
    if coded and (coded.group("code") in FRIENDLY or coded.group("code") in CONNECT_CODES
                  or coded.group("code").startswith("HTTP")):  # fmt: skip
        return _from_s3(coded.group("code"), coded.group("message"), bucket, endpoint)
    if coded and not coded.group("code").startswith(("The", "A", "An")) and " " not in coded.group("code"):
        # A server's own code we have no sentence for: its message, then what to do.
        return _from_s3(coded.group("code"), coded.group("message"), bucket, endpoint)
    text = _sentence(_window_terms(text))
    if text.startswith("The server answered"):  # a status and no words: say what to do
        text += " " + _TRY_AGAIN
    return WindowMessage(text, _cause_of(text))


def _from_s3(code: str, message: str, bucket: str, endpoint: str) -> WindowMessage:
    failure = S3Failure(kind=Kind.FATAL, code=code, message=message)
    if code in FRIENDLY or code in CONNECT_CODES:
        text = failure.describe(bucket, endpoint)
        if not bucket:
            text = text.replace("bucket '' ", "bucket ").replace("'' ", "")
    elif code.startswith("HTTP"):
        text = f"The server answered with an error ({message.removeprefix('the server answered ')})."
    else:
        text = f"The server refused the upload: {message.rstrip('.')}."
    if code in _CREDENTIAL_CODES:
        cause = Cause.CREDENTIALS
    elif code in _DESTINATION_CODES:
        cause = Cause.DESTINATION
    elif code in CONNECT_CODES:
        cause = Cause.NETWORK
    else:
        cause = Cause.OTHER
    text = _window_terms(text)
    if cause == Cause.OTHER and "Retry" not in text:
        text += " " + _TRY_AGAIN
    return WindowMessage(_sentence(text), cause)


def _strip_names(text: str, name: str, local_path: str) -> str:
    """'report.pdf: report.pdf: The bucket...' -> 'The bucket...'."""
    prefixes = [p + ": " for p in (local_path, name) if p]
    changed = True
    while changed:
        changed = False
        for prefix in prefixes:
            if text.startswith(prefix):
                text, changed = text[len(prefix) :], True
    return text


def _window_terms(text: str) -> str:
    for old, new in _REPLACEMENTS:
        text = text.replace(old, new)
    return _cli_free(text)


def _cli_free(text: str) -> str:
    text = text.replace("(--no-verify-tls, or the profile setting)", "(the profile's 'Verify TLS' setting)")
    text = _CLI_ADVICE.sub("", text)
    return text.replace("`", "'")


def _sentence(text: str) -> str:
    text = text.strip()
    if text and text.split(" ", 1)[0].isalpha() and text[0].islower():  # not a file's name
        text = text[0].upper() + text[1:]
    if text and text[-1] not in ".!?)":
        text += "."
    return text


def _cause_of(text: str) -> Cause:
    lowered = text.lower()
    if "changed while" in lowered or "no longer exists" in lowered or "cannot be read" in lowered:
        return Cause.FILE
    if "cannot reach" in lowered:
        return Cause.NETWORK
    if "secret key" in lowered or "access key is not known" in lowered:
        return Cause.CREDENTIALS
    if any(words in lowered for words in _DESTINATION_WORDS):
        return Cause.DESTINATION
    return Cause.OTHER


def _bug(detail: str) -> str:
    """Hoist's own fault: no exception name or Python's wording (that is in the log)."""
    del detail
    return (
        "Hoist ran into a problem of its own and stopped this upload. Press Retry failed to try "
        "again; if it happens again, the details are in Hoist's log."
    )

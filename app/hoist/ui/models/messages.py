"""Every failure the window shows, in the window's own words and language.

The engine, the journal and the connection code write their failures for the command
line and the log: the file's name in front, S3's codes ("NoSuchBucket: ..."), exception
names ("Unexpected error: KeyError: ..."), advice that names CLI commands and flags
("Set it again with `hoist profile set NAME`", "--no-verify-tls"). ``window_message``
turns any of them (a string as journaled, or the exception itself) into one sentence
that says what happened and what to do with the window's buttons and dialogs. Rows,
their tooltips, the part table, notifications and message boxes all use it, so the
same failure reads the same everywhere.

The window's sentences go through Qt's translation (context "Messages"): each S3 code,
connection reason and engine failure it knows has a whole sentence of its own here, the
file names, buckets and servers in it as %1, %2. A failure it does not know keeps the
engine's (English) words, cleaned of command-line advice. Causes are decided from the
English, before anything is translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from ...engine.localfile import FileProblem
from ...s3.errors import CONNECT_CODES, CREDENTIAL_CODES, FRIENDLY, S3Failure
from ...store.db import JournalError
from ..i18n import QT_TRANSLATE_NOOP, Context, fill


class Messages(Context):
    """Failures in the window's words."""


_TRY_AGAIN = QT_TRANSLATE_NOOP(
    "Messages", "Press Retry failed to try again; if it fails the same way, check the profile."
)
EDIT_PROFILE = "open the profile with Edit... next to 'Upload to'"  # in English, as tests spell it
# Why no connection could be made (s3.errors._UNREACHABLE, said after "Cannot reach SERVER:").
REASONS = (
    QT_TRANSLATE_NOOP("Messages", "connection refused (nothing is listening at that address and port)"),
    QT_TRANSLATE_NOOP(
        "Messages", "the host name does not resolve (check its spelling, or the network's DNS)"
    ),
    QT_TRANSLATE_NOOP("Messages", "the network is unreachable (offline?)"),
    QT_TRANSLATE_NOOP("Messages", "there is no route to the host"),
    QT_TRANSLATE_NOOP("Messages", "the connection timed out"),
)


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


class CheckFailed(ValueError):
    """A one-off check (Test connection) that the server refused: the failure itself, so
    the dialog says it in its own words and language. ``str()`` is the S3 layer's English
    sentence (the log)."""

    def __init__(self, failure: S3Failure, bucket: str, endpoint: str) -> None:
        super().__init__(failure.describe_check(bucket, endpoint))
        self.failure, self.bucket, self.endpoint = failure, bucket, endpoint


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
    shown in the dialog that fixes it (Test connection, Settings), so no "open the profile"."""
    if failure is None or failure == "":
        return WindowMessage("", Cause.OTHER)
    if in_dialog and isinstance(failure, CheckFailed):
        return _from_check(failure)
    if isinstance(failure, BaseException):
        message = _from_exception(failure, name=name, local_path=local_path, bucket=bucket, endpoint=endpoint)
    else:
        message = _from_text(failure, name=name, local_path=local_path, bucket=bucket, endpoint=endpoint)
    if in_dialog and message.cause != Cause.BUG:
        plain = _strip_names(
            (failure if isinstance(failure, str) else str(failure)).strip(), name, local_path
        )
        known = _known(plain)
        if known is not None:
            return known
        # The dialog's own sentence, only the CLI words changed.
        return WindowMessage(_sentence(_cli_free(plain)), message.cause)
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
        text = (
            fill(Messages.tr("Hoist may not read %1 (permission denied). Give your account read "
                           "access to it, or choose another file."), exc.filename)
            if exc.filename
            else Messages.tr("Hoist may not read the file (permission denied). Give your account "
                           "read access to it, or choose another file.")
        )  # fmt: skip
        return WindowMessage(text, Cause.FILE)
    if isinstance(exc, FileNotFoundError):
        text = (
            fill(Messages.tr("%1 does not exist any more. Add it again from where it is now."),
                 exc.filename)
            if exc.filename
            else Messages.tr("The file does not exist any more. Add it again from where it is now.")
        )  # fmt: skip
        return WindowMessage(text, Cause.FILE)
    if isinstance(exc, OSError):
        reason = (exc.strerror or Messages.tr("an input/output error")).rstrip(".")
        reason = reason[:1].lower() + reason[1:]
        text = (
            fill(Messages.tr("%1 cannot be read (%2). Check the file and its disk, then add it "
                           "again."), exc.filename, reason)
            if exc.filename
            else fill(Messages.tr("A file cannot be read (%1). Check the file and its disk, then add "
                                "it again."), reason)
        )  # fmt: skip
        return WindowMessage(text, Cause.FILE)
    if expected(exc):
        return _from_text(str(exc), **where)
    return WindowMessage(_bug(str(exc)), Cause.BUG)


def _from_text(text: str, *, name: str, local_path: str, bucket: str, endpoint: str) -> WindowMessage:
    text = _strip_names(text.strip(), name, local_path)
    keyring = _KEYRING.search(text)
    if keyring:
        return WindowMessage(
            fill(Messages.tr("The secret key of the storage profile '%1' is not stored on this "
                           "computer (no keyring kept it). Enter it in the profile (open the profile with "
                           "Edit... next to 'Upload to') and save: the uploads waiting for it start again by "
                           "themselves."), keyring.group("profile")),
            Cause.CREDENTIALS,
        )  # fmt: skip
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
    said = _said_by_s3(text)
    if said is not None:
        return said
    known = _known(text)
    if known is not None:
        return known
    # Words of the engine's that the window has no sentence of its own for: they stay as
    # the engine wrote them (English), only the command-line advice goes.
    text = _sentence(_window_terms(text))
    if text.startswith("The server answered"):  # a status and no words: say what to do
        text += " " + _TRY_AGAIN
    return WindowMessage(text, _cause_of(text))


def _friendly_pattern(template: str) -> re.Pattern[str]:
    """A FRIENDLY sentence as journaled, back to its parts: its first sentence (the advice
    after it differs with and without a profile) with the bucket, server and message."""
    head = template if "{message}" in template else template.split(". ", 1)[0] + "."
    pattern = re.escape(head)
    for name, group in (("bucket", "(?P<bucket>.*?)"), ("endpoint", "(?P<endpoint>.+?)"),
                        ("message", "(?P<message>.*)")):  # fmt: skip
        pattern = pattern.replace(re.escape("{" + name + "}"), group)
    # A first sentence ends at a stop before a space (a server name has stops inside).
    return re.compile(pattern + ("$" if "{message}" in template else r"(?=\s|$)"), re.S)


# What the engine journals for a failed file (S3Failure.describe): each code's sentence.
_FRIENDLY = tuple((code, _friendly_pattern(template)) for code, template in FRIENDLY.items())
_CANNOT_REACH = re.compile(r"Cannot reach (?P<endpoint>.+?): (?P<message>.+)\. Check the endpoint URL", re.S)


def _said_by_s3(text: str) -> WindowMessage | None:
    """An S3 code's sentence as the engine journals it, in the window's words."""
    reach = _CANNOT_REACH.match(text)
    if reach:
        return _from_s3("ConnectError", reach["message"], "", reach["endpoint"])
    for code, pattern in _FRIENDLY:
        match = pattern.match(text)
        if match:
            found = match.groupdict()
            return _from_s3(
                code, found.get("message") or "", found.get("bucket") or "", found.get("endpoint") or ""
            )
    return None


def _known(text: str) -> WindowMessage | None:
    """The engine's failures the window has a sentence of its own for, in its language."""
    for pattern, cause, say in _KNOWN:
        match = pattern.match(text)
        if match:
            return WindowMessage(say(match), cause)
    return None


_Say = Callable[[re.Match[str]], str]
_KNOWN: tuple[tuple[re.Pattern[str], Cause, _Say], ...] = (
    (re.compile(r"(?P<path>.+) changed while it was uploading \(size or modification time\)\. Nothing mixing "
                r"old and new bytes was stored; retry once the file is final\.$", re.S), Cause.FILE,
     lambda m: fill(Messages.tr("%1 changed while it was uploading (size or modification time). "
                              "Nothing mixing old and new bytes was stored; press Retry failed once the file is "
                              "final."), m["path"])),
    (re.compile(r"(?P<path>.+) changed while it was uploading\.$", re.S), Cause.FILE,
     lambda m: fill(Messages.tr("%1 changed while it was uploading."), m["path"])),
    (re.compile(r"(?P<path>.+) no longer exists; it was deleted or moved after it was queued\.$", re.S),
     Cause.FILE,
     lambda m: fill(Messages.tr("%1 no longer exists; it was deleted or moved after it was queued."),
                    m["path"])),
    (re.compile(r"(?P<path>.+) cannot be read: (?P<reason>[^:]+)\.$", re.S), Cause.FILE,
     lambda m: fill(Messages.tr("%1 cannot be read: %2."), m["path"], m["reason"])),
    (re.compile(r"[Tt]he server lost the multipart upload (?P<n>\d+) times while its parts were being sent "
                r"\(it may be removing unfinished uploads early\)\. Check the bucket's lifecycle rules, then "
                r"retry\.$"), Cause.OTHER,  # more than once: it gives up after the second loss at the earliest
     lambda m: fill(Messages.tr("The server lost the multipart upload %1 times while its parts were "
                              "being sent (it may be removing unfinished uploads early). Check the bucket's "
                              "lifecycle rules, then press Retry failed."), m["n"])),
    (re.compile(r"[Tt]he server lost the multipart upload (?P<n>\d+) times \(it may be removing unfinished "
                r"uploads early\)\. Check the bucket's lifecycle rules, then retry\.$"), Cause.OTHER,
     lambda m: fill(Messages.tr("The server lost the multipart upload %1 times (it may be removing "
                              "unfinished uploads early). Check the bucket's lifecycle rules, then press Retry "
                              "failed."), m["n"])),
    # connect.profile_mismatch: the profile was pointed elsewhere after the file was queued.
    # Retry cannot help (the row keeps where it was queued for): say what does.
    (re.compile(r"[Qq]ueued for (?P<queued>.+?)(?: \([^)]*\))? but profile '(?P<profile>.*)' now (?:points to|uses) "
                r"(?P<now>.+?); not sent\.?$", re.S), Cause.DESTINATION,
     lambda m: fill(Messages.tr("This file was queued for %1, but the profile '%2' has been changed since "
                              "(%3 now), so it was not sent. To upload it with the profile as it is now, "
                              "cancel it and add the file again."), m["queued"], m["profile"], m["now"])),
    # hoist/seal.py: a journal row this account's Hoist did not queue.
    (re.compile(r"(?P<path>.+) was not queued by this account's Hoist \(its journal row was copied, changed or "
                r"written by an older version\), so it was not sent to (?P<where>.+?)\. If you meant to upload it, "
                r"queue it again\.$", re.S), Cause.OTHER,
     lambda m: fill(Messages.tr("%1 was not sent to %2: Hoist did not queue it on this account (its entry was "
                              "copied, changed, or made by an older version of Hoist). If you meant to upload it, "
                              "add it again."), m["path"], m["where"])),
    (re.compile(r"[Tt]he server answered HTTP (?P<status>\d{3})\.?$"), Cause.OTHER,
     lambda m: fill(Messages.tr("The server answered HTTP %1."), m["status"]) + " "
     + Messages.tr(_TRY_AGAIN)),
    (re.compile(r"The server's TLS certificate is not trusted \((?P<detail>.*)\)\. If this is your own server, "
                r"add its CA certificate to the system's trust store\.", re.S), Cause.OTHER,
     lambda m: fill(Messages.tr("The server's TLS certificate is not trusted (%1). If this is your "
                              "own server, add its CA certificate to the system's trust store. Turning "
                              "verification off (the profile's 'Verify TLS' setting) lets anyone on the network "
                              "path read or alter the upload."), m["detail"])),
    (re.compile(r"The demo storage was emptied when Hoist quit, and this upload with it\."), Cause.OTHER,
     lambda m: Messages.tr("The demo storage was emptied when Hoist quit, and this upload with it. "
                         "Add the file again to upload it.")),
    (re.compile(r"A part size of (?P<size>.+) is below S3's minimum of (?P<minimum>.+) per part\.$"), Cause.OTHER,
     lambda m: fill(Messages.tr("A part size of %1 is below S3's minimum of %2 per part."),
                    _size(m["size"]), _size(m["minimum"]))),
    (re.compile(r"A part size of (?P<size>.+) is above S3's maximum of 5 GiB per part\.$"), Cause.OTHER,
     lambda m: fill(Messages.tr("A part size of %1 is above S3's maximum of %2 per part."),
                    _size(m["size"]), _size("5.0 GiB"))),
    (re.compile(r"'(?P<text>.*)' is not a size; use e\.g\. 16MiB, 64M or 1GiB$", re.S), Cause.OTHER,
     lambda m: fill(Messages.tr("'%1' is not a size; use e.g. 16 MiB, 64M or 1 GiB."), m["text"])),
)  # fmt: skip


def _size(english: str) -> str:
    """ "1.5 MiB" (the engine's human_bytes) with the locale's decimal mark."""
    from .formatting import SIZE_UNITS, size_text

    number, _, unit = english.partition(" ")
    try:
        return size_text(float(number) * 1024 ** SIZE_UNITS.index(unit))
    except ValueError:  # not a number and a unit: as it was
        return english


def _from_s3(code: str, message: str, bucket: str, endpoint: str) -> WindowMessage:
    where = endpoint or "AWS S3"
    message = (
        message.strip().removeprefix(f"{code}: ").rstrip(".")
    )  # "NotImplemented: ..." as classify put it
    if code in CREDENTIAL_CODES:
        cause = Cause.CREDENTIALS
    elif code in _DESTINATION_CODES:
        cause = Cause.DESTINATION
    elif code in CONNECT_CODES:
        cause = Cause.NETWORK
    else:
        cause = Cause.OTHER
    text = _s3_sentence(code, message, bucket, where)
    if cause == Cause.OTHER and code not in _SAYS_WHAT_TO_DO:
        text += " " + Messages.tr(_TRY_AGAIN)
    return WindowMessage(_sentence(text), cause)


_SAYS_WHAT_TO_DO = frozenset({"EntityTooSmall", "RequestTimeTooSkewed"})  # no "Press Retry failed..." after


def _s3_sentence(code: str, message: str, bucket: str, where: str) -> str:
    """S3's codes in the window's words (s3.errors.FRIENDLY says them for the log and the
    command line), with what to do about them in the window."""
    if code in CONNECT_CODES:
        return fill(
            Messages.tr(
                "Cannot reach %1: %2. Check the profile's endpoint URL and your "
                "network; Hoist keeps trying while the window is open.",
            ),
            where,
            _reason(message),
        )
    if code == "NoSuchBucket":
        if not bucket:
            return fill(
                Messages.tr(
                    "The bucket does not exist at %1. Check the bucket name and the "
                    "endpoint: open the profile with Edit... next to 'Upload to', then press Retry "
                    "failed.",
                ),
                where,
            )
        return fill(
            Messages.tr(
                "The bucket '%1' does not exist at %2. Check the bucket name and the "
                "endpoint: open the profile with Edit... next to 'Upload to', then press Retry "
                "failed.",
            ),
            bucket,
            where,
        )
    if code == "InvalidAccessKeyId":
        return fill(
            Messages.tr(
                "The access key is not known to %1. Check the access key and secret "
                "key: open the profile with Edit... next to 'Upload to', correct them and save; the "
                "uploads that failed for this start again.",
            ),
            where,
        )
    if code == "SignatureDoesNotMatch":
        return fill(
            Messages.tr(
                "The secret key does not match the access key for %1. Check the access "
                "key and secret key: open the profile with Edit... next to 'Upload to', correct "
                "them and save; the uploads that failed for this start again.",
            ),
            where,
        )
    if code == "AccessDenied":
        if not bucket:
            return fill(
                Messages.tr(
                    "Access to the bucket was denied at %1. The credentials lack "
                    "permission to write there: use keys that may (open the profile with Edit... "
                    "next to 'Upload to'), or ask the bucket's owner, then press Retry failed.",
                ),
                where,
            )
        return fill(
            Messages.tr(
                "Access to bucket '%1' was denied at %2. The credentials lack "
                "permission to write there: use keys that may (open the profile with Edit... next "
                "to 'Upload to'), or ask the bucket's owner, then press Retry failed.",
            ),
            bucket,
            where,
        )
    if code == "EntityTooSmall":
        return Messages.tr(
            "The server refused a part as too small (S3 needs 5 MiB per part except the "
            "last). Set a part size of at least 5 MiB in Settings, then press Retry failed.",
        )
    if code == "EntityTooLarge":
        return Messages.tr("The server refused a part or object as too large.")
    if code == "InvalidBucketName":
        return fill(Messages.tr("'%1' is not a valid bucket name."), bucket)
    if code == "KeyTooLongError":
        return Messages.tr("The object key is too long for the server (1,024 bytes at most).")
    if code == "NotImplemented":
        return fill(Messages.tr("The server does not support this request: %1."), message)
    if code == "MissingContentLength":
        return fill(Messages.tr("The server needs a Content-Length on every PUT: %1."), message)
    if code == "PermanentRedirect":
        return fill(
            Messages.tr(
                "The bucket '%1' is in another region; set the region to the bucket's "
                "region (open the profile with Edit... next to 'Upload to'), then press Retry "
                "failed.",
            ),
            bucket,
        )
    if code == "AuthorizationHeaderMalformed":
        return fill(Messages.tr("The region is wrong for bucket '%1': %2."), bucket, message)
    if code == "RequestTimeTooSkewed":
        return fill(
            Messages.tr(
                "This computer's clock differs from %1's by more than 15 minutes, so "
                "the server refuses every signed request. Set the clock right (turn on automatic "
                "date and time), then press Retry failed.",
            ),
            where,
        )
    if code.startswith("HTTP"):
        return fill(
            Messages.tr("The server answered with an error (%1)."),
            message.removeprefix("the server answered "),
        )
    return fill(Messages.tr("The server refused the upload: %1."), message)


def _from_check(failed: CheckFailed) -> WindowMessage:
    """Test connection's answer: the same facts as a row's, and what to change in the
    dialog that is open (nothing to retry: the person tests again)."""
    failure, bucket = failed.failure, failed.bucket
    where = failed.endpoint or "AWS S3"
    message = failure.message.strip().rstrip(".")
    cause = _from_s3(failure.code, failure.message, bucket, where).cause
    code = failure.code
    if code in CONNECT_CODES:
        text = fill(
            Messages.tr("Cannot reach %1: %2. Check the endpoint URL and your network."),
            where,
            _reason(message),
        )
    elif failure.kind.value == "retry":  # the server answered, but cannot be used right now
        text = fill(Messages.tr("Cannot reach %1: %2."), where, message)
    elif code == "NoSuchBucket":
        text = fill(
            Messages.tr(
                "The bucket '%1' does not exist at %2. Check the bucket name and the "
                "endpoint in the profile.",
            ),
            bucket,
            where,
        )
    elif code == "InvalidAccessKeyId":
        text = fill(
            Messages.tr("The access key is not known to %1. Check the access key and the secret key."),
            where,
        )
    elif code == "SignatureDoesNotMatch":
        text = fill(
            Messages.tr(
                "The secret key does not match the access key for %1. Check the access "
                "key and the secret key.",
            ),
            where,
        )
    elif code == "AccessDenied":
        text = fill(
            Messages.tr(
                "Access to bucket '%1' was denied at %2. The credentials lack permission to write there.",
            ),
            bucket,
            where,
        )
    elif code == "PermanentRedirect":
        text = fill(
            Messages.tr(
                "The bucket '%1' is in another region; set the profile's region to the bucket's region.",
            ),
            bucket,
        )
    elif code == "RequestTimeTooSkewed":
        text = fill(
            Messages.tr(
                "This computer's clock differs from %1's by more than 15 minutes, so "
                "the server refuses every signed request. Set the clock right (turn on automatic "
                "date and time), then test again.",
            ),
            where,
        )
    elif code in FRIENDLY or code.startswith("HTTP"):
        text = _s3_sentence(code, message, bucket, where)
    else:
        known = _known(failure.message)
        text = known.text if known is not None else fill(Messages.tr("The server refused: %1."),
                                                             _cli_free(message))  # fmt: skip
    return WindowMessage(_sentence(text), cause)


def _reason(message: str) -> str:
    """Why no connection could be made, in the window's language where Hoist said it."""
    reason = message.removeprefix("cannot connect to the server: ")
    return Messages.tr(reason) if reason in REASONS else reason


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
    return Messages.tr(
        "Hoist ran into a problem of its own and stopped this upload. Press Retry "
        "failed to try again; if it happens again, the details are in Hoist's log.",
    )


def window_notice(text: str) -> str:
    """An engine notice (the status bar's passing line) in the window's language, where
    the window knows it; any other stays as the engine wrote it."""
    for pattern, say in _NOTICES:
        match = pattern.match(text)
        if match:
            return say(match)
    return text


_NOTICES: tuple[tuple[re.Pattern[str], _Say], ...] = (
    (re.compile(r"(?P<name>.+) exists; uploading as (?P<new>.+)\.$", re.S),
     lambda m: fill(Messages.tr("%1 exists; uploading as %2."), m["name"], m["new"])),
    (re.compile(r"(?P<name>.+) was already complete on the server\.$", re.S),
     lambda m: fill(Messages.tr("%1 was already complete on the server."), m["name"])),
    (re.compile(r"(?P<path>.+) changed since it was queued; uploading it again from the start\.$", re.S),
     lambda m: fill(Messages.tr("%1 changed since it was queued; uploading it again from the start."), m["path"])),
    (re.compile(r"(?P<path>.+) was lost by the server \(NoSuchUpload\); uploading it again from the start\.$", re.S),
     lambda m: fill(Messages.tr("The server lost the unfinished upload of %1; uploading it again from the start."),
                    m["path"])),
    (re.compile(r"(?P<name>.+): the server lacks (?P<n>\d+) part\(s\) the journal had; sending them again\.$", re.S),
     lambda m: fill(Messages.tr("%1: the server lacks %n part(s) the journal had; sending them again.", "",
                                int(m["n"])), m["name"])),
    (re.compile(r"Skipped (?P<path>.+?): (?P<reason>.+)$", re.S),
     lambda m: fill(Messages.tr("Skipped %1: %2"), m["path"], m["reason"])),
)  # fmt: skip

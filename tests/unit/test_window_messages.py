"""Every failure the window shows, as the window shows it (issue 12): one sentence that
says what happened and what to do, in the window's terms: no CLI command or flag, no
exception or S3 code name, the file's name not repeated in front.

CASES is the table, like tests/functional/test_bad_input.py's: what the engine, the
journal or a library hands over (as journaled text or as the exception), and the exact
text a row, its tooltip, the part table, a notification or a message box shows.
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass

import pytest

from hoist.connect import CredentialsMissing
from hoist.engine.localfile import FileProblem
from hoist.engine.planner import PlanError
from hoist.s3.errors import TLS_UNTRUSTED, Kind, S3Failure, classify
from hoist.store.db import JournalError
from hoist.ui.models.messages import Cause, window_message

EDIT = "open the profile with Edit... next to 'Upload to'"


@dataclass(frozen=True)
class Case:
    failure: BaseException | str
    text: str
    cause: Cause
    name: str = "report.pdf"
    bucket: str = "bucket1"
    endpoint: str = "localhost:9000"


KEYRING = (
    "The profile 'rclone local' has no stored secret key in the keyring (fail Keyring). "
    "Set it again with `hoist profile set rclone local`."
)
NO_SECRET = (
    f"The secret key of the storage profile 'rclone local' is not stored on this computer (no "
    f"keyring kept it). Enter it in the profile ({EDIT}) and save: the uploads waiting for it "
    "start again by themselves."
)
NO_BUCKET = (
    f"The bucket 'bucket1' does not exist at localhost:9000. Check the bucket name and the "
    f"endpoint: {EDIT}, then press Retry failed."
)
BAD_SECRET = (
    f"The secret key does not match the access key for localhost:9000. Check the access key "
    f"and secret key: {EDIT}, correct them and save; the uploads that failed for this start "
    "again."
)
BUG = (
    "Hoist ran into a problem of its own and stopped this upload. Press Retry failed to try again; "
    "if it happens again, the details are in Hoist's log."
)

CASES: dict[str, Case] = {
    # What the engine journals for a failed file: the name in front (twice for a keyring one).
    "missing-secret-name-doubled": Case(
        f"big300.bin: big300.bin: {KEYRING}", NO_SECRET, Cause.CREDENTIALS, name="big300.bin"
    ),
    "missing-secret-exception": Case(CredentialsMissing(KEYRING), NO_SECRET, Cause.CREDENTIALS),
    "no-such-bucket-row": Case(
        f"report.pdf: {classify(404, 'NoSuchBucket', 'x').describe('bucket1', 'localhost:9000')}",
        NO_BUCKET,
        Cause.DESTINATION,
    ),
    # A part's "Last error" is the server's raw "Code: message".
    "no-such-bucket-part": Case(
        "NoSuchBucket: The specified bucket does not exist", NO_BUCKET, Cause.DESTINATION
    ),
    "no-such-bucket-exception": Case(
        classify(404, "NoSuchBucket", "The specified bucket does not exist"), NO_BUCKET, Cause.DESTINATION
    ),
    "wrong-secret": Case(
        "mid80.bin: The secret key does not match the access key for localhost:9000. Check the "
        "credentials (the profile's keyring entry, AWS_* variables or ~/.aws).",
        BAD_SECRET,
        Cause.CREDENTIALS,
        name="mid80.bin",
    ),
    "wrong-secret-part": Case(
        "SignatureDoesNotMatch: The request signature we calculated does not match",
        BAD_SECRET,
        Cause.CREDENTIALS,
    ),
    "bare-403": Case(
        classify(403, "", ""),
        f"Access to bucket 'bucket1' was denied at localhost:9000. The credentials lack permission "
        f"to write there: use keys that may ({EDIT}), or ask the bucket's owner, then press Retry "
        "failed.",
        Cause.DESTINATION,
    ),
    "unknown-server-code": Case(
        "report.pdf: InvalidStorageClass: The storage class you specified is not valid",
        "The server refused the upload: The storage class you specified is not valid. "
        "Press Retry failed to try again; if it fails the same way, check the profile.",
        Cause.OTHER,
    ),
    "http-status-only": Case(
        "the server answered HTTP 418",
        "The server answered HTTP 418. Press Retry failed to try again; if it fails the "
        "same way, check the profile.",
        Cause.OTHER,
    ),
    "cannot-connect": Case(
        "ConnectError: cannot connect to the server: [Errno 111] Connection refused",
        "Cannot reach localhost:9000: [Errno 111] Connection refused. Check the profile's "
        "endpoint URL and your network; Hoist keeps trying while the window is open.",
        Cause.NETWORK,
    ),
    "tls-untrusted": Case(
        S3Failure(Kind.FATAL, "TLSCertificate", TLS_UNTRUSTED.format(detail="self-signed certificate")),
        "The server's TLS certificate is not trusted (self-signed certificate). If this is "
        "your own server, add its CA certificate to the system's trust store. Turning "
        "verification off (the profile's 'Verify TLS' setting) lets anyone on the network "
        "path read or alter the upload.",
        Cause.OTHER,
    ),
    "unexpected-error": Case(
        "Unexpected error: AttributeError: 'str' object has no attribute 'value'", BUG, Cause.BUG
    ),
    "unexpected-exception": Case(KeyError("value"), BUG, Cause.BUG),
    "file-changed": Case(
        FileProblem(
            "/home/a/report.pdf changed while it was uploading (size or modification "
            "time). Nothing mixing old and new bytes was stored; retry once the file "
            "is final."
        ),
        "/home/a/report.pdf changed while it was uploading (size or modification time). "
        "Nothing mixing old and new bytes was stored; press Retry failed once the file is "
        "final.",
        Cause.FILE,
    ),
    "server-lost-upload": Case(
        "report.pdf: the server lost the multipart upload 4 times while its parts were "
        "being sent (it may be removing unfinished uploads early). Check the bucket's "
        "lifecycle rules, then retry.",
        "The server lost the multipart upload 4 times while its parts were being sent (it "
        "may be removing unfinished uploads early). Check the bucket's lifecycle rules, "
        "then press Retry failed.",
        Cause.OTHER,
    ),
    "journal-full": Case(
        JournalError(
            "The journal /h/journal.db cannot be written: the disk is full. Free some "
            "space; the journal still has it unfinished, for `hoist resume`."
        ),
        "The journal /h/journal.db cannot be written: the disk is full. Free some space; the "
        "journal still has it unfinished, until Hoist starts again.",
        Cause.OTHER,
    ),
    "plan-too-big": Case(
        PlanError("the file is 6 TiB; S3 objects are 5 TiB at most"),
        "The file is 6 TiB; S3 objects are 5 TiB at most.",
        Cause.OTHER,
    ),
    "unreadable-file": Case(
        PermissionError(errno.EACCES, "Permission denied", "/srv/secret.bin"),
        "Hoist may not read /srv/secret.bin (permission denied). Give your account read "
        "access to it, or choose another file.",
        Cause.FILE,
    ),
    "too-small-part": Case(
        "EntityTooSmall: Your proposed upload is smaller than the minimum allowed size",
        "The server refused a part as too small (S3 needs 5 MiB per part except the last). "
        "Set a part size of at least 5 MiB in Settings, then press Retry failed.",
        Cause.OTHER,
    ),
    # Issue 12 retest: a profile re-pointed after the file was queued; Retry could not help.
    "profile-re-pointed": Case(
        "report.pdf: queued for http://127.0.0.1:9 but profile 'dead' now points to http://127.0.0.1:8333; "
        "not sent",
        "This file was queued for http://127.0.0.1:9, but the profile 'dead' has been changed since "
        "(http://127.0.0.1:8333 now), so it was not sent. To upload it with the profile as it is now, cancel it "
        "and add the file again.",
        Cause.DESTINATION,
    ),
    # Issue 13: a journal row this account's Hoist did not queue (hoist/seal.py).
    "row-not-sealed": Case(
        "/home/ana/report.pdf was not queued by this account's Hoist (its journal row was copied, changed or "
        "written by an older version), so it was not sent to http://127.0.0.1:5. If you meant to upload it, "
        "queue it again.",
        "/home/ana/report.pdf was not sent to http://127.0.0.1:5: Hoist did not queue it on this account (its "
        "entry was copied, changed, or made by an older version of Hoist). If you meant to upload it, add it "
        "again.",
        Cause.OTHER,
    ),
}

CLI_WORDS = re.compile(r"`|\bhoist [a-z]|(?<![\w-])--?[a-z]")
CODE_WORDS = re.compile(r"\b(?:[A-Z][a-z]+){2,}(?:Error|Exception)?\b|\b\w+(?:Error|Exception)\b|\bNoSuch\w+")


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_window_text(case: Case) -> None:
    message = window_message(case.failure, name=case.name, bucket=case.bucket, endpoint=case.endpoint)
    assert message.text == case.text
    assert message.cause == case.cause


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_every_window_text_is_a_sentence_in_window_terms(case: Case) -> None:
    text = window_message(case.failure, name=case.name, bucket=case.bucket, endpoint=case.endpoint).text
    assert (text[0].isupper() or text[0] == "/") and text.endswith("."), text  # a path may begin one
    assert not text.startswith(f"{case.name}:"), text
    assert not CLI_WORDS.search(text), text
    assert not CODE_WORDS.search(text), text


def test_nothing_to_say() -> None:
    assert window_message(None).text == ""
    assert window_message("").text == ""


def test_in_the_dialog_that_fixes_it_the_sentence_stays_and_only_cli_words_go() -> None:
    """Test connection's answers already speak of the profile the dialog shows."""
    said = "The bucket 'b' does not exist at localhost:9000. Check the bucket name and the endpoint in the profile."
    assert window_message(ValueError(said), in_dialog=True).text == said
    keyring = window_message(CredentialsMissing(KEYRING), in_dialog=True)
    assert (
        keyring.text == "The profile 'rclone local' has no stored secret key in the keyring (fail Keyring)."
    )
    assert keyring.cause == Cause.CREDENTIALS

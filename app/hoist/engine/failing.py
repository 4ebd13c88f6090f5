"""Failing an upload because of an error a step could not get past: the sentence a person
sees, and whether it needs them (a wrong secret) or not (a flaky network gave up)."""

from __future__ import annotations

from ..s3.errors import CREDENTIAL_CODES, S3Failure
from .context import StepContext
from .localfile import FileProblem
from .runtime import Runtime

# Errors that a person must fix (as opposed to a flaky network).
ATTENTION_CODES = frozenset(
    {"NoSuchBucket", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
     "NoCredentials", "PermanentRedirect", "AuthorizationHeaderMalformed", "FileChanged",
     "RequestTimeTooSkewed"}
)  # fmt: skip


def fail_with(ctx: StepContext, rt: Runtime, error: S3Failure | FileProblem) -> None:
    if isinstance(error, FileProblem):
        ctx.fail(rt, str(error), attention=True)
        return
    conn = ctx.connections.get(rt.row.destination)
    reason = error.describe(rt.row.bucket, conn.endpoint_label)
    if error.code in CREDENTIAL_CODES:
        # The next upload or retry of this profile builds its connection from the keyring
        # as it is then: a secret corrected meanwhile (the window, `hoist profile set`) counts.
        ctx.connections.forget_profile(rt.row.profile)
    if not rt.row.destination.profile:
        reason = without_profile(reason)
    ctx.fail(rt, f"{rt.row.name}: {reason}", attention=error.code in ATTENTION_CODES)


# The S3 layer's advice assumes a profile; an upload queued from the command line without
# one got its endpoint, region and bucket from the options, and its keys from the
# environment or ~/.aws: advice must name what the person actually typed.
_WITHOUT_PROFILE = (
    ("the endpoint in the profile", "the endpoint given with --endpoint-url"),
    ("the endpoint URL and the region in the profile", "--endpoint-url and --region"),
    ("the credentials (the profile's keyring entry, AWS_* variables or ~/.aws)",
     "the credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or ~/.aws)"),
)  # fmt: skip


def without_profile(reason: str) -> str:
    for said, meant in _WITHOUT_PROFILE:
        reason = reason.replace(said, meant)
    return reason

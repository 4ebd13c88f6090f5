"""The command line's advice after a refused check names what was typed (issue 12, item
13: it said "...in the profile" when no profile was used). One row per source of each
setting; tests/functional/test_bad_input.py sees the same lines from real servers."""

from __future__ import annotations

import pytest

from hoist.cli.advice import Given, refusal
from hoist.config.settings import CredentialSource, Profile
from hoist.s3.errors import Kind, S3Failure

KEYRING = Profile(name="rclone local", credential_source=CredentialSource.KEYRING, access_key_id="AK")
FROM_AWS = Profile(name="lab", credential_source=CredentialSource.AWS_PROFILE, aws_profile="backup")
URL = "http://127.0.0.1:9000"
REDIRECT = "The server answered with a redirect (HTTP 301), which Hoist does not follow."

ROWS = {
    "bucket from --to, no endpoint": (
        "NoSuchBucket", Given(None, "--to"),
        "The bucket 'b' does not exist at AWS S3. Check the bucket name in --to and --endpoint-url (without it, "
        "Hoist asks AWS S3).",
    ),
    "bucket from --bucket at a profile's endpoint": (
        "NoSuchBucket", Given(KEYRING, "--bucket"),
        f"The bucket 'b' does not exist at {URL}. Check the bucket name in --bucket and the endpoint of profile "
        "'rclone local' (`hoist profile show 'rclone local'`).",
    ),
    "bucket from a profile, endpoint typed": (
        "NoSuchBucket", Given(KEYRING, "", endpoint_option=True),
        f"The bucket 'b' does not exist at {URL}. Check the bucket of profile 'rclone local' and --endpoint-url.",
    ),
    "keyring credentials": (
        "SignatureDoesNotMatch", Given(KEYRING),
        f"The secret key does not match the access key for {URL}. Check the access key of profile 'rclone local' "
        "and its secret in the keyring (`hoist profile set 'rclone local' --access-key-id ID --secret-stdin` "
        "stores them again).",
    ),
    "credentials of a Hoist profile's AWS profile": (
        "InvalidAccessKeyId", Given(FROM_AWS),
        f"The access key is not known to {URL}. Check the profile 'backup' in ~/.aws (profile 'lab' uses it).",
    ),
    "credentials of --profile naming an AWS profile": (
        "InvalidAccessKeyId", Given(None, "--to", aws_profile="backup"),
        f"The access key is not known to {URL}. Check the profile 'backup' in ~/.aws.",
    ),
    "region, no profile": (
        "PermanentRedirect", Given(None, "--to"),
        "The bucket 'b' is in another region than the one asked. Give it with --region REGION.",
    ),
    "region of a profile": (
        "PermanentRedirect", Given(FROM_AWS),
        "The bucket 'b' is in another region than the one asked. Set it as the region of profile 'lab' "
        "(`hoist profile set lab --region REGION`).",
    ),
    "redirect, region typed": (
        "Redirect", Given(FROM_AWS, region_option=True),
        f"{REDIRECT} Check the endpoint of profile 'lab' (`hoist profile show lab`) and --region.",
    ),
}  # fmt: skip


@pytest.mark.parametrize("row", list(ROWS))
def test_the_advice_names_where_each_setting_came_from(row: str) -> None:
    code, given, expected = ROWS[row]
    message = (
        f"{REDIRECT} Check the endpoint URL and the region in the profile." if code == "Redirect" else "m"
    )
    endpoint = "" if "no endpoint" in row else URL
    assert refusal(S3Failure(Kind.FATAL, code, message), "b", endpoint, given) == expected


def test_other_refusals_keep_the_s3_layers_sentence() -> None:
    failure = S3Failure(Kind.FATAL, "AccessDenied", "denied")
    assert refusal(failure, "b", URL, Given(None, "--to")) == (
        f"Access to bucket 'b' was denied at {URL}. The credentials lack permission to write there."
    )

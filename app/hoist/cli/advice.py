"""What to check when the server refuses a destination, in the words the person typed.

The S3 layer's sentences end with advice for the window ("Check the bucket name and the
endpoint in the profile."). On the command line the bucket may come from --to or
--bucket, the endpoint from --endpoint-url or from nowhere (AWS S3), the credentials
from the environment: the advice must name what was typed, and a profile only when one
was used (issue 12, item 13).
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from ..config.settings import CredentialSource, Profile
from ..s3.errors import S3Failure

# The S3 layer's own advice after a redirect (s3/bounded.py), replaced here.
REDIRECT_ADVICE = " Check the endpoint URL and the region in the profile."
BOTH_KEYS = "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"


@dataclass(frozen=True)
class Given:
    """Where each part of a destination came from."""

    profile: Profile | None = None  # the Hoist profile used, if any
    bucket_option: str = ""  # "--to" or "--bucket" when typed; "" when the profile's bucket
    endpoint_option: bool = False  # --endpoint-url was typed
    region_option: bool = False  # --region was typed
    aws_profile: str = ""  # --profile named a profile in ~/.aws, not a Hoist profile

    def _profile_name(self) -> str:
        return self.profile.name if self.profile is not None else ""

    def bucket_and_endpoint(self) -> str:
        name = self._profile_name()
        if name and not self.bucket_option and not self.endpoint_option:
            return (
                f"the bucket and the endpoint of profile '{name}' (`hoist profile show {shlex.quote(name)}`)"
            )
        bucket = f"the bucket name in {self.bucket_option}" if self.bucket_option else (
            f"the bucket of profile '{name}'")  # fmt: skip
        return f"{bucket} and {self.endpoint()}"

    def endpoint(self) -> str:
        if self.endpoint_option:
            return "--endpoint-url"
        if self.profile is not None:
            return f"the endpoint of profile '{self.profile.name}' (`hoist profile show {shlex.quote(self.profile.name)}`)"
        return "--endpoint-url (without it, Hoist asks AWS S3)"

    def region(self) -> str:
        if self.profile is not None and not self.region_option:
            return f"the region of profile '{self.profile.name}'"
        return "--region"

    def set_region(self) -> str:
        if self.profile is not None and not self.region_option:
            name = self.profile.name
            return f"Set it as the region of profile '{name}' (`hoist profile set {shlex.quote(name)} --region REGION`)."
        return "Give it with --region REGION."

    def credentials(self) -> str:
        profile = self.profile
        if profile is None:
            if self.aws_profile:
                return f"the profile '{self.aws_profile}' in ~/.aws"
            return f"{BOTH_KEYS}, or ~/.aws (or give --profile NAME)"
        name = profile.name
        if profile.credential_source == CredentialSource.KEYRING:
            return (f"the access key of profile '{name}' and its secret in the keyring "
                    f"(`hoist profile set {shlex.quote(name)} --access-key-id ID --secret-stdin` stores them again)")  # fmt: skip
        if profile.credential_source == CredentialSource.AWS_PROFILE:
            return f"the profile '{profile.aws_profile}' in ~/.aws (profile '{name}' uses it)"
        return f"{BOTH_KEYS} (profile '{name}' takes them from the environment)"

    def no_credentials(self) -> str:
        if self.profile is not None and self.profile.credential_source == CredentialSource.ENVIRONMENT:
            return f"Profile '{self.profile.name}' takes them from the environment: set {BOTH_KEYS}."
        if self.aws_profile or self.profile is not None:
            return f"Check {self.credentials()}."
        return f"Set {BOTH_KEYS}, or give --profile NAME (a Hoist profile, or a profile in ~/.aws)."


def refusal(failure: S3Failure, bucket: str, endpoint_url: str, given: Given) -> str:
    """The one line for a check the server refused (before anything is queued)."""
    where = endpoint_url or "AWS S3"
    if failure.code == "NoSuchBucket":
        return f"The bucket '{bucket}' does not exist at {where}. Check {given.bucket_and_endpoint()}."
    if failure.code == "InvalidAccessKeyId":
        return f"The access key is not known to {where}. Check {given.credentials()}."
    if failure.code == "SignatureDoesNotMatch":
        return f"The secret key does not match the access key for {where}. Check {given.credentials()}."
    if failure.code == "NoCredentials":
        return f"No credentials were found for {where}. {given.no_credentials()}"
    if failure.code == "PermanentRedirect":
        return f"The bucket '{bucket}' is in another region than the one asked. {given.set_region()}"
    if failure.code == "Redirect" and failure.message.endswith(REDIRECT_ADVICE):
        return (
            f"{failure.message.removesuffix(REDIRECT_ADVICE)} Check {given.endpoint()} and {given.region()}."
        )
    return failure.describe_check(bucket, where)

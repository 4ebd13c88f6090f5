"""`hoist profile set|list|show|remove|test`: named destinations, secrets in the keyring."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from ..config.paths import Paths
from ..config.secrets import secrets
from ..config.settings import Config, CredentialSource, Profile, save_config
from ..connect import connection_factory
from ..s3.errors import S3Failure
from ..s3.metadata import MetadataError, is_header_token, parse_metadata
from ..store.journal import Destination


class ProfileError(Exception):
    """Bad usage of `hoist profile`; one line, exit code 2."""


def add_profile_parser(sub: Any) -> None:
    prof = sub.add_parser("profile", help="manage named destinations and their credentials")
    psub = prof.add_subparsers(dest="profile_command", required=True, parser_class=type(prof))
    s = psub.add_parser("set", help="create or change a profile")
    s.add_argument("name")
    s.add_argument("--endpoint-url", default=None)
    s.add_argument("--region", default=None)
    s.add_argument("--bucket", default=None)
    s.add_argument("--prefix", default=None)
    s.add_argument("--path-style", action=argparse.BooleanOptionalAction, default=None)
    s.add_argument("--access-key-id", default=None, help="store this key; the secret is asked for")
    s.add_argument("--secret-stdin", action="store_true", help="read the secret key from stdin")
    s.add_argument("--aws-profile", default=None, help="use this profile from ~/.aws instead")
    s.add_argument("--environment", action="store_true", help="use boto3's default chain (env vars)")
    s.add_argument("--storage-class", default=None)
    s.add_argument("--sse", default=None)
    s.add_argument("--verify-tls", action=argparse.BooleanOptionalAction, default=None)
    s.add_argument("--verify-etag", action=argparse.BooleanOptionalAction, default=None,
                   help="check each part's ETag against its MD5 (default on; off for SSE-KMS and "
                   "endpoints whose ETag is not the MD5)")  # fmt: skip
    s.add_argument("--metadata", action="append", default=None, metavar="NAME=VALUE",
                   help="user metadata for every object uploaded with this profile (repeat for more; "
                   "replaces what the profile had)")  # fmt: skip
    s.add_argument("--clear-metadata", action="store_true", help="remove the profile's metadata")
    s.add_argument("--default", action="store_true", help="make it the default profile")
    psub.add_parser("list", help="list profiles")
    for name, text in (("show", "show a profile"), ("remove", "delete a profile and its secret"),
                       ("test", "check reachability, credentials and bucket access")):  # fmt: skip
        p = psub.add_parser(name, help=text)
        p.add_argument("name")


def cmd_profile(args: argparse.Namespace, paths: Paths, config: Config) -> int:
    command = args.profile_command
    if command == "list":
        if not config.profiles:
            print("No profiles. Create one with `hoist profile set NAME --endpoint-url ... --bucket ...`.")
        for name, p in sorted(config.profiles.items()):
            mark = "*" if name == config.default_profile else " "
            print(f"{mark} {name:<16} {p.endpoint_url or 'AWS S3':<36} s3://{p.bucket}/{p.prefix}  "
                  f"[{p.credential_source.value}]")  # fmt: skip
        return 0
    profile = config.profiles.get(args.name)
    if command != "set" and profile is None:
        raise ProfileError(f"no profile named '{args.name}' (see `hoist profile list`)")
    if command == "show":
        assert profile is not None
        for key, value in vars(profile).items():
            print(f"{key:>22}: {value}")
        if profile.credential_source == CredentialSource.KEYRING:
            stored = secrets.get(profile.name, "secret_access_key") is not None
            print(
                f"{'secret_access_key':>22}: {'stored in ' + secrets.backend_name() if stored else 'MISSING'}"
            )
        return 0
    if command == "remove":
        secrets.delete(args.name, "secret_access_key")
        secrets.delete(args.name, "session_token")
        del config.profiles[args.name]
        if config.default_profile == args.name:
            config.default_profile = ""
        save_config(config, paths.config_file)
        print(f"hoist: removed profile '{args.name}' and its stored secret.")
        return 0
    if command == "test":
        assert profile is not None
        return _test(profile, config)
    return _set(args, paths, config, profile)


# Profile fields that `hoist profile set` copies as given (credentials are handled apart).
PLAIN_FIELDS = ("endpoint_url", "region", "bucket", "prefix", "path_style", "storage_class",
                "verify_tls", "verify_etag")  # fmt: skip


def _set(args: argparse.Namespace, paths: Paths, config: Config, existing: Profile | None) -> int:
    profile = existing or Profile(name=args.name)
    for field in PLAIN_FIELDS:
        value = getattr(args, field)
        if value is not None:
            setattr(profile, field, value)
    for option, value in (("--storage-class", args.storage_class), ("--sse", args.sse)):
        if value and not is_header_token(value):
            raise ProfileError(
                f"{option} {value!r} is not a valid name (e.g. STANDARD_IA, AES256 or aws:kms)"
            )
    if args.sse is not None:
        profile.server_side_encryption = args.sse
    if args.clear_metadata:
        profile.metadata = {}
    if args.metadata is not None:
        try:
            profile.metadata = parse_metadata(args.metadata)
        except MetadataError as exc:
            raise ProfileError(f"--metadata: {exc}") from None
    chosen = [bool(args.access_key_id), bool(args.aws_profile), args.environment]
    if sum(chosen) > 1:
        raise ProfileError("choose one credential source: --access-key-id, --aws-profile or --environment")
    if args.aws_profile:
        profile.credential_source, profile.aws_profile = CredentialSource.AWS_PROFILE, args.aws_profile
    elif args.environment:
        profile.credential_source = CredentialSource.ENVIRONMENT
    elif args.access_key_id:
        if not secrets.keyring_available():
            raise ProfileError(
                f"no usable OS keyring ({secrets.backend_name()}), so the secret key cannot be stored; "
                "Hoist never writes it in plain text. Use --environment (AWS_* variables) or --aws-profile."
            )
        secret = sys.stdin.readline().strip() if args.secret_stdin else getpass.getpass("Secret access key: ")
        if not secret:
            raise ProfileError("no secret access key was given")
        if not secrets.set(profile.name, "secret_access_key", secret):
            # Kept for this process only, which ends now: saying "saved" would be a lie.
            secrets.delete(profile.name, "secret_access_key")
            raise ProfileError(
                f"the keyring ({secrets.backend_name()}) refused the secret key, so the profile was not "
                "saved; Hoist never writes it in plain text. Use --environment (AWS_* variables) or "
                "--aws-profile."
            )
        profile.credential_source, profile.access_key_id = CredentialSource.KEYRING, args.access_key_id
    config.profiles[profile.name] = profile
    if args.default or not config.default_profile:
        config.default_profile = profile.name
    save_config(config, paths.config_file)
    where = f" (secret in {secrets.backend_name()})" if args.access_key_id else ""
    print(f"hoist: saved profile '{profile.name}'{where}.")
    return 0


def _test(profile: Profile, config: Config) -> int:
    if not profile.bucket:
        raise ProfileError(f"profile '{profile.name}' has no bucket to test")
    destination = Destination(
        profile.name, profile.endpoint_url, profile.region, profile.bucket, profile.path_style
    )
    try:
        connection = connection_factory(config, config.transfer)(destination)
        connection.signer.check_bucket(profile.bucket)
    except S3Failure as failure:
        print(
            f"hoist: {profile.name}: {failure.describe_check(profile.bucket, profile.endpoint_url)}",
            file=sys.stderr,
        )
        return 1
    print(
        f"hoist: {profile.name}: reachable, credentials accepted, bucket '{profile.bucket}' is writable-listable."
    )
    return 0

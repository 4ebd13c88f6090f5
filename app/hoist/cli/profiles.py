"""`hoist profile set|list|show|remove|test`: named destinations, secrets in the keyring."""

from __future__ import annotations

import argparse
import getpass
import shlex
import sys
from typing import Any

from ..config.paths import Paths
from ..config.secrets import bound_to, secrets
from ..config.settings import Config, CredentialSource, Profile, save_config
from ..connect import connection_factory
from ..s3.errors import S3Failure
from ..s3.metadata import MetadataError, is_header_token, parse_metadata
from ..store.journal import Destination
from .advice import Given, refusal


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
    s.add_argument("--service", default=None, metavar="URL",
                   help="an upload service (Uppy Companion's S3 routes) instead of a storage account: "
                   "it holds the storage keys and chooses bucket and key")  # fmt: skip
    s.add_argument("--service-token-stdin", action="store_true",
                   help="read the service's token from stdin (else asked for at a terminal); kept in "
                   "the keyring")  # fmt: skip
    s.add_argument("--service-header", default=None, metavar="NAME",
                   help="send the token in this header (e.g. X-Api-Key) instead of Authorization: Bearer")  # fmt: skip
    s.add_argument("--no-service-token", action="store_true", help="forget the stored service token")
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
            if p.is_service:
                print(f"{mark} {name:<16} {p.service_url:<36} upload service (it picks bucket and keys)")
                continue
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
        if profile.is_service:
            stored = secrets.get(profile.name, "service_token", bound_to(profile)) is not None
            print(f"{'service_token':>22}: {'stored in ' + secrets.backend_name() if stored else 'none'}")
        elif profile.credential_source == CredentialSource.KEYRING:
            stored = secrets.get(profile.name, "secret_access_key", bound_to(profile)) is not None
            print(
                f"{'secret_access_key':>22}: {'stored in ' + secrets.backend_name() if stored else 'MISSING'}"
            )
        return 0
    if command == "remove":
        assert profile is not None
        for field in ("secret_access_key", "session_token", "service_token"):
            secrets.delete(args.name, field, bound_to(profile))
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


def _rebound_note(before: str | None, profile: Profile, what: str, how: str) -> None:
    """Say so when a stored secret stays behind: it unlocks what the profile named before
    and is never handed to the new endpoint or service."""
    if before is not None and before != bound_to(profile) and secrets.get(profile.name, what, before):
        print(f"hoist: note: the stored {what.replace('_', ' ')} of '{profile.name}' was for its former "
              f"endpoint or key and is not handed to the new one; {how}.", file=sys.stderr)  # fmt: skip


def _without_keyring(name: str, why: str) -> str:
    """What a machine without a keyring (a server, a container, SSH without a desktop
    session) does instead: credentials given to each run, never a secret in a Hoist file."""
    quoted = shlex.quote(name)
    return (
        f"the secret key cannot be stored: {why} ({secrets.backend_name()}), and Hoist never writes a "
        f"secret to a file. Nothing was saved. Without a keyring, give the credentials to each run: "
        f"`hoist profile set {quoted} --environment` takes AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
        f"from the environment; `hoist profile set {quoted} --aws-profile NAME` takes them from that "
        "profile in ~/.aws/credentials."
    )


def _set(args: argparse.Namespace, paths: Paths, config: Config, existing: Profile | None) -> int:
    before = bound_to(existing) if existing is not None else None
    profile = existing or Profile(name=args.name)
    if args.service is not None or (existing is not None and existing.is_service):
        return _set_service(args, paths, config, profile)
    if args.service_token_stdin or args.service_header is not None or args.no_service_token:
        raise ProfileError(
            "--service-token-stdin, --service-header and --no-service-token need --service URL"
        )
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
    _apply_metadata(profile, args)
    chosen = [bool(args.access_key_id), bool(args.aws_profile), args.environment]
    if sum(chosen) > 1:
        raise ProfileError("choose one credential source: --access-key-id, --aws-profile or --environment")
    if args.aws_profile:
        profile.credential_source, profile.aws_profile = CredentialSource.AWS_PROFILE, args.aws_profile
    elif args.environment:
        profile.credential_source = CredentialSource.ENVIRONMENT
    elif args.access_key_id:
        if not secrets.keyring_available():
            raise ProfileError(_without_keyring(profile.name, "there is no usable OS keyring"))
        secret = sys.stdin.readline().strip() if args.secret_stdin else getpass.getpass("Secret access key: ")
        if not secret:
            raise ProfileError("no secret access key was given")
        profile.access_key_id = args.access_key_id  # the secret is bound to it (and the endpoint)
        if not secrets.set(profile.name, "secret_access_key", secret, bound_to(profile)):
            # Kept for this process only, which ends now: saying "saved" would be a lie.
            secrets.delete(profile.name, "secret_access_key", bound_to(profile))
            raise ProfileError(_without_keyring(profile.name, "the OS keyring refused it"))
        profile.credential_source, profile.access_key_id = CredentialSource.KEYRING, args.access_key_id
    if profile.credential_source == CredentialSource.KEYRING and not args.access_key_id:
        _rebound_note(before, profile, "secret_access_key", "give it again with --access-key-id ID")
    config.profiles[profile.name] = profile
    if args.default or not config.default_profile:
        config.default_profile = profile.name
    save_config(config, paths.config_file)
    where = f" (secret in {secrets.backend_name()})" if args.access_key_id else ""
    print(f"hoist: saved profile '{profile.name}'{where}.")
    return 0


STORAGE_ONLY = ("endpoint_url", "region", "bucket", "prefix", "path_style", "storage_class", "sse",
                "access_key_id", "aws_profile")  # fmt: skip


def _set_service(args: argparse.Namespace, paths: Paths, config: Config, profile: Profile) -> int:
    """An upload-service profile: its URL, the header for its token, the token in the keyring."""
    from ..s3.service import service_url_problem

    before = bound_to(profile) if profile.is_service else None
    given = [f"--{name.replace('_', '-')}" for name in STORAGE_ONLY if getattr(args, name, None)]
    if given or args.environment:
        raise ProfileError(f"{', '.join(given) or '--environment'} does not apply to an upload-service profile: "
                           "the service holds the storage settings")  # fmt: skip
    if args.service is not None:
        problem = service_url_problem(args.service)
        if problem:
            raise ProfileError(problem)
        profile.service_url = args.service.rstrip("/")
    if args.service_header is not None:
        if args.service_header and not is_header_token(args.service_header):
            raise ProfileError(
                f"--service-header {args.service_header!r} is not a header name (e.g. X-Api-Key)"
            )
        profile.service_header = args.service_header
    for name, value in (("verify_tls", args.verify_tls), ("verify_etag", args.verify_etag)):
        if value is not None:
            setattr(profile, name, value)
    _apply_metadata(profile, args)
    from ..config.settings import ProfileKind

    profile.kind = ProfileKind.SERVICE
    token = ""
    if args.service_token_stdin:
        token = sys.stdin.readline().strip()
        if not token:
            raise ProfileError("no token was given on stdin")
    elif sys.stdin.isatty() and not args.no_service_token:
        token = getpass.getpass("Token for the upload service (Enter for none): ").strip()
    stored = ""
    if args.no_service_token:
        secrets.delete(profile.name, "service_token", bound_to(profile))
    if token:
        if not secrets.set(profile.name, "service_token", token, bound_to(profile)):
            secrets.delete(profile.name, "service_token", bound_to(profile))
            raise ProfileError(
                f"no usable OS keyring ({secrets.backend_name()}), so the token cannot be stored; Hoist "
                "never writes it in plain text. Set HOIST_SERVICE_TOKEN for each run instead."
            )
        stored = f" (token in {secrets.backend_name()})"
    elif not args.no_service_token:
        _rebound_note(before, profile, "service_token", "give it again with --service-token-stdin")
    config.profiles[profile.name] = profile
    if args.default or not config.default_profile:
        config.default_profile = profile.name
    save_config(config, paths.config_file)
    print(f"hoist: saved upload-service profile '{profile.name}' for {profile.service_url}{stored}.")
    return 0


def _test(profile: Profile, config: Config) -> int:
    if profile.is_service:
        return _test_service(profile, config)
    if not profile.bucket:
        raise ProfileError(f"profile '{profile.name}' has no bucket to test")
    destination = Destination(
        profile.name, profile.endpoint_url, profile.region, profile.bucket, profile.path_style
    )
    try:
        connection = connection_factory(config, config.transfer)(destination)
        connection.signer.check_bucket(profile.bucket)
    except S3Failure as failure:
        print(f"hoist: {profile.name}: {refusal(failure, profile.bucket, profile.endpoint_url, Given(profile))}",
              file=sys.stderr)  # fmt: skip
        return 1
    print(
        f"hoist: {profile.name}: reachable, credentials accepted, bucket '{profile.bucket}' is writable-listable."
    )
    return 0


def _test_service(profile: Profile, config: Config) -> int:
    """Reachable, an upload service, token accepted, S3 set up; creates nothing on the storage."""
    from ..connect import service_connection
    from ..s3.service import ServiceSigner

    connection = service_connection(profile.service_url, profile, config.transfer, profile.verify_tls)
    assert isinstance(connection.signer, ServiceSigner)
    try:
        learnt = connection.signer.probe()
    except S3Failure as failure:
        print(f"hoist: {profile.name}: {failure.describe_check('', profile.service_url)}", file=sys.stderr)
        return 1
    finally:
        connection.http.close()
    from ..connect import service_auth

    token = "accepts the token" if service_auth(profile) is not None else "needs no token"
    print(f"hoist: {profile.name}: the upload service at {profile.service_url} answers, {token} and is "
          f"set up for S3 (nothing was created); {learnt}.")  # fmt: skip
    return 0


def _apply_metadata(profile: Profile, args: argparse.Namespace) -> None:
    """--clear-metadata, then --metadata NAME=VALUE... (both kinds of profile take them)."""
    if args.clear_metadata:
        profile.metadata = {}
    if args.metadata is not None:
        try:
            profile.metadata = parse_metadata(args.metadata)
        except MetadataError as exc:
            raise ProfileError(f"--metadata: {exc}") from None

"""Build engine connections (signer + HTTP client) from profiles and the keyring.

Credential order for a destination: the Hoist profile's source (keyring / AWS
profile / environment); with no Hoist profile, boto3's standard chain (environment,
~/.aws). Secrets come from the keyring and are held only in memory.

A journal row names its profile, endpoint, region and addressing; when the profile is a
Hoist profile, the row must still match it (``profile_mismatch``), else nothing is sent:
the endpoint and credentials come from the profile, never from a row alone (a row written
by someone else must not get the person's keyring secret signing their file to another
server). Keyring entries are looked up under what they unlock (``secrets.bound_to``).
"""

from __future__ import annotations

import logging
import os
import shlex
from dataclasses import dataclass, field

import botocore.session

from .config.secrets import bound_to, secrets
from .config.settings import Config, CredentialSource, Profile, TransferSettings
from .engine.connections import Connection, ConnectionFactory, ConnectionSetupError
from .s3.service import SERVICE_REGION, ServiceSigner
from .s3.signer import Credentials, Endpoint, LocalSigner, make_client
from .s3.transport import ClientPerThread, make_http_client
from .store.journal import Destination

log = logging.getLogger(__name__)


class CredentialsMissing(ConnectionSetupError):
    """The profile's secret is not in the keyring (or the session that held it ended)."""


# Said when the only entry is one an older Hoist saved unbound (config/secrets.py).
SAVED_UNBOUND = (
    "The one it had was saved by an older Hoist, before secrets were tied to the server they "
    "unlock, and is no longer used (a changed settings file could send it to another server)."
)


@dataclass
class Overrides:
    """Connection options given on the command line for destinations without a profile."""

    verify_tls: bool = True
    verify_etag: bool = True
    storage_class: str = ""
    server_side_encryption: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def credentials_for(profile: Profile) -> tuple[Credentials | None, str]:
    """(explicit credentials or None for boto3's chain, AWS profile name)."""
    if profile.credential_source == CredentialSource.KEYRING:
        bound = bound_to(profile)
        secret = secrets.get(profile.name, "secret_access_key", bound) if profile.access_key_id else None
        if not profile.access_key_id or not secret:
            quoted = shlex.quote(profile.name)
            if profile.access_key_id and secrets.saved_unbound(profile.name, "secret_access_key"):
                advice = f"{SAVED_UNBOUND} Enter it again with `hoist profile set {quoted}`."
            elif secrets.keyring_available():
                advice = f"Set it again with `hoist profile set {quoted}`."
            else:  # `profile set` cannot store it either: say what works on this machine
                advice = (
                    "This computer has no usable OS keyring to keep it: give the credentials to each "
                    f"run with `hoist profile set {quoted} --environment` (AWS_ACCESS_KEY_ID and "
                    f"AWS_SECRET_ACCESS_KEY) or `hoist profile set {quoted} --aws-profile NAME` (~/.aws)."
                )
            raise CredentialsMissing(
                f"The profile '{profile.name}' has no stored secret key in the keyring "
                f"({secrets.backend_name()}). {advice}"
            )
        token = secrets.get(profile.name, "session_token", bound)
        return Credentials(profile.access_key_id, secret, token or None), ""
    if profile.credential_source == CredentialSource.AWS_PROFILE:
        return None, profile.aws_profile
    return None, ""


TOKEN_ENV = "HOIST_SERVICE_TOKEN"  # an upload service's token for one-off and CI use
HEADER_ENV = "HOIST_SERVICE_HEADER"  # the header it goes in (default Authorization: Bearer)


def service_destination(url: str, profile: str = "") -> Destination:
    """Where uploads through an upload service are journaled: its URL, and a region that
    marks it as a service (so `hoist resume` reconnects to it without a profile). The
    bucket is the service's choice, journaled when it answers."""
    return Destination(profile, url, SERVICE_REGION, "", False)


def is_service(config: Config, destination: Destination) -> bool:
    profile = config.profiles.get(destination.profile)
    return destination.region == SERVICE_REGION or (profile is not None and profile.is_service)


def service_auth(profile: Profile | None) -> tuple[str, str] | None:
    """The header and value that carry the service's token: the profile's keyring entry,
    else HOIST_SERVICE_TOKEN; None when there is no token (a service open to its network)."""
    token = secrets.get(profile.name, "service_token", bound_to(profile)) if profile is not None else None
    if profile is not None and not token and secrets.saved_unbound(profile.name, "service_token"):
        raise CredentialsMissing(
            f"The profile '{profile.name}' has no stored token for {profile.service_url} in the keyring. "
            f"{SAVED_UNBOUND} Enter it again with `hoist profile set {shlex.quote(profile.name)} "
            "--service-token-stdin`."
        )
    token = token or os.environ.get(TOKEN_ENV, "")
    if not token:
        return None
    header = (profile.service_header if profile is not None else "") or os.environ.get(HEADER_ENV, "")
    if not header or header.lower() == "authorization":
        return "Authorization", f"Bearer {token}"
    return header, token


def service_connection(
    url: str, profile: Profile | None, settings: TransferSettings, verify_tls: bool = True
) -> Connection:
    if not verify_tls:
        _warn_insecure(url)
    signer = ServiceSigner(
        url,
        make_http_client(verify_tls, settings.connect_timeout, settings.io_timeout),
        auth=service_auth(profile),
        metadata=dict(profile.metadata) if profile is not None else None,
    )
    return Connection(
        signer=signer,
        # The parts go to the storage on another client: the service's token never does.
        http=ClientPerThread(verify_tls, settings.connect_timeout, settings.io_timeout),
        endpoint_label=url,
        verify_etag=profile.verify_etag if profile is not None else True,
    )


_warned: set[str] = set()


def _warn_insecure(label: str) -> None:
    """Warn once per endpoint, in the log and on stderr; silence urllib3's per-request noise."""
    import sys
    import warnings

    import urllib3

    warnings.filterwarnings("ignore", category=urllib3.exceptions.InsecureRequestWarning)
    if label in _warned:
        return
    _warned.add(label)
    message = (
        f"TLS certificate verification is OFF for {label}: anyone on the network path could read "
        "or alter the upload."
    )
    log.warning(message)
    print(f"hoist: warning: {message}", file=sys.stderr)


def endpoint_label(endpoint_url: str) -> str:
    return endpoint_url or "AWS S3"


def profile_mismatch(profile: Profile, destination: Destination) -> str | None:
    """Why a journal row may not be sent with ``profile``'s credentials, or None: it was
    queued for another endpoint (or service URL, region or addressing) than the profile
    now names. Such a row is failed in words, not sent."""
    queued = endpoint_label(destination.endpoint_url.rstrip("/"))
    if profile.is_service or destination.region == SERVICE_REGION:
        now = profile.service_url.rstrip("/") if profile.is_service else endpoint_label(profile.endpoint_url)
        if profile.is_service and destination.region == SERVICE_REGION and queued == now:
            return None
        what = "the upload service" if profile.is_service else "the storage"
        return f"queued for {queued} but profile '{profile.name}' now points to {what} {now}; not sent"
    now = endpoint_label(profile.endpoint_url.rstrip("/"))
    if queued != now:
        return f"queued for {queued} but profile '{profile.name}' now points to {now}; not sent"
    region = profile.region or "us-east-1"
    if (destination.region, destination.path_style) != (region, profile.path_style):

        def how(region: str, path_style: bool) -> str:
            return f"region {region}, {'path-style' if path_style else 'virtual-hosted'} addressing"

        return (f"queued for {queued} ({how(destination.region, destination.path_style)}) but profile "
                f"'{profile.name}' now uses {how(region, profile.path_style)}; not sent")  # fmt: skip
    return None


def connection_factory(
    config: Config, settings: TransferSettings, overrides: Overrides | None = None
) -> ConnectionFactory:
    overrides = overrides or Overrides()

    def connect(destination: Destination) -> Connection:
        profile = config.profiles.get(destination.profile) if destination.profile else None
        problem = profile_mismatch(profile, destination) if profile is not None else None
        if problem:
            raise ConnectionSetupError(problem)
        if is_service(config, destination):
            verify = overrides.verify_tls and (profile.verify_tls if profile is not None else True)
            connection = service_connection(destination.endpoint_url, profile, settings, verify)
            connection.verify_etag = connection.verify_etag and overrides.verify_etag
            return connection
        verify_tls = overrides.verify_tls
        verify_etag = overrides.verify_etag
        storage_class = overrides.storage_class
        sse = overrides.server_side_encryption
        credentials: Credentials | None = None
        aws_profile = ""
        if profile is not None:
            credentials, aws_profile = credentials_for(profile)
            verify_tls = profile.verify_tls and overrides.verify_tls
            verify_etag = profile.verify_etag and overrides.verify_etag
            storage_class = storage_class or profile.storage_class
            sse = sse or profile.server_side_encryption
        elif destination.profile:
            aws_profile = destination.profile  # not a Hoist profile: an AWS one from ~/.aws
        if not verify_tls:
            _warn_insecure(endpoint_label(destination.endpoint_url))
        endpoint = Endpoint(destination.endpoint_url, destination.region, destination.path_style, verify_tls)
        if aws_profile and aws_profile not in botocore.session.Session().available_profiles:
            raise ConnectionSetupError(
                f"the AWS profile '{aws_profile}' is not in ~/.aws/config or ~/.aws/credentials "
                "(and there is no Hoist profile of that name)."
            )
        client = make_client(
            endpoint, credentials, aws_profile, settings.connect_timeout, settings.io_timeout
        )
        return Connection(
            signer=LocalSigner(client),
            http=ClientPerThread(verify_tls, settings.connect_timeout, settings.io_timeout),
            endpoint_label=endpoint_label(destination.endpoint_url),
            verify_etag=verify_etag,
            storage_class=storage_class,
            server_side_encryption=sse,
        )

    return connect

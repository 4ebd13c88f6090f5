"""Profiles and transfer settings, stored as JSON in the config directory.

Secrets are never part of these objects: they live in the OS keyring (secrets.py).
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

MiB = 1024 * 1024
# Chosen with tests/benchmarks/bench_upload.py (1 GiB to a local rclone serve s3, 2 cores,
# best of 3): wall time was the same within noise for parts of 8/16/32/64 MiB and for
# 4/8/12 parts in flight (5.68-5.83 s; that server takes one part stream at a time, at
# the single-PUT line rate). Client CPU: 8 MiB 3.77 s, 16 MiB 3.65 s, 64 MiB 3.42 s
# (fewer requests). Peak RSS 69-76 MB in every case (parts stream from disk). So 16 MiB:
# half the requests of 8 MiB, a quarter of the bytes to resend on a failed part versus
# 64 MiB.
#
# Parts in flight: 12. On a long link one connection moves at most its window per round
# trip, so a large file needs several connections to fill the link. Measured with
# bench_upload.py case (c) (1 GiB through a 40 ms proxy with a 1 MiB window per
# connection, rclone serve s3, 2 cores, 2 runs each): 8 in flight 147-152 MB/s, 12 in
# flight 168-171 MB/s, 16 in flight 138-150 MB/s (the server, busy on the same 2 cores,
# fell behind). The aws cli (10 threads) did 157 MB/s. On loopback, case (f), 12 was no
# worse than 8 (5.5-5.8 s against 6.2-6.3 s). Small files stay at 32 in flight, as at
# 8: their PUTs are bounded by the worker threads (ratelimit.MAX_WORKERS says why). The
# cost: up to 12 parts' bytes in flight to resend after a kill -9 instead of 8.
DEFAULT_PART_SIZE = 16 * MiB
DEFAULT_CONCURRENCY = 12
DEFAULT_RETRIES = 8


class CredentialSource(StrEnum):
    KEYRING = "keyring"  # access key id + secret stored in the OS keyring
    AWS_PROFILE = "aws-profile"  # a named profile from ~/.aws
    ENVIRONMENT = "environment"  # boto3's default chain (env vars, ~/.aws default, ...)


class ProfileKind(StrEnum):
    STORAGE = "storage"  # a storage account: endpoint, bucket, access keys; Hoist signs
    SERVICE = "service"  # an upload service (Companion's S3 routes) signs; it picks bucket and key


class IfExists(StrEnum):
    ASK = "ask"
    OVERWRITE = "overwrite"
    SKIP = "skip"
    RENAME = "rename"


def _known(cls: Any, data: Any, where: str) -> dict[str, Any]:
    """The fields of ``cls`` found in ``data``, each of the type its default has: a
    hand-edited settings file gets one sentence naming the bad value, not a traceback
    from deep inside the engine."""
    if not isinstance(data, dict):
        raise TypeError(f"'{where}' must be a JSON object")
    values = {}
    defaults = cls()  # every settings class can be built with no arguments but Profile's name
    for f in fields(cls):
        if f.name not in data:
            continue
        value, default = data[f.name], getattr(defaults, f.name)
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, str):  # StrEnum values too: checked by their constructors
            ok = isinstance(value, str)
        elif isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif isinstance(default, float):
            ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        elif isinstance(default, dict):
            ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        else:
            ok = True
        if not ok:
            raise TypeError(f"'{where}.{f.name}' is {json.dumps(value)}, which is not a valid value")
        values[f.name] = value
    return values


@dataclass
class Profile:
    name: str
    endpoint_url: str = ""  # blank means AWS
    region: str = "us-east-1"
    bucket: str = ""
    prefix: str = ""
    path_style: bool = False
    credential_source: CredentialSource = CredentialSource.ENVIRONMENT
    aws_profile: str = ""
    access_key_id: str = ""  # not a secret on its own; the secret key is in the keyring
    verify_tls: bool = True
    storage_class: str = ""
    server_side_encryption: str = ""
    detect_content_type: bool = True
    verify_etag: bool = True
    metadata: dict[str, str] = field(default_factory=dict)  # x-amz-meta-* for every object
    kind: ProfileKind = ProfileKind.STORAGE
    # An upload service (kind "service"): its base URL, and the header its token goes in
    # ("" = Authorization: Bearer TOKEN; else e.g. X-Api-Key: TOKEN). The token is in the
    # keyring (field "service_token"), never here.
    service_url: str = ""
    service_header: str = ""

    @property
    def is_service(self) -> bool:
        return self.kind == ProfileKind.SERVICE

    def __post_init__(self) -> None:
        # Always the enum, whoever builds the profile: a Qt combo box hands a StrEnum back
        # as a plain str, and a str here passes every == test but breaks .value and typing.
        # A value that is no source raises ValueError.
        self.credential_source = CredentialSource(self.credential_source)
        self.kind = ProfileKind(self.kind)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        values = _known(_NamedProfile, data, f"profiles.{data.get('name', '')}")
        values["name"] = str(data.get("name", ""))
        return cls(**values)


@dataclass
class TransferSettings:
    concurrency: int = DEFAULT_CONCURRENCY
    part_size: int = 0  # 0 = automatic (DEFAULT_PART_SIZE, grown for the 10,000-part limit)
    multipart_threshold: int = DEFAULT_PART_SIZE
    bandwidth_limit: int = 0  # bytes per second, 0 = unlimited
    max_retries: int = DEFAULT_RETRIES
    if_exists: IfExists = IfExists.ASK
    connect_timeout: float = 10.0
    io_timeout: float = 60.0  # a connection that moves no bytes for this long is cut
    follow_symlinks: bool = False
    # While no connection can be made at all (Wi-Fi gone, server down), parts wait for it
    # instead of using up their retries; a file fails only after this long without any
    # answer from the server.
    offline_wait: float = 30 * 60.0

    def __post_init__(self) -> None:
        # Always the enum (see Profile): the settings dialog once stored the combo box's
        # plain str here, and every later add failed on ``if_exists.value`` until a restart.
        self.if_exists = IfExists(self.if_exists)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TransferSettings:
        settings = cls(**_known(cls, data, "transfer"))
        for name, low, high in (("concurrency", 1, 64), ("max_retries", 0, 1000), ("bandwidth_limit", 0, None),
                                ("part_size", 0, None), ("offline_wait", 0, None), ("connect_timeout", 0.1, None),
                                ("io_timeout", 0.1, None)):  # fmt: skip
            value = getattr(settings, name)
            if value < low or (high is not None and value > high):
                limits = f"from {low} to {high}" if high is not None else f"at least {low}"
                raise ValueError(f"'transfer.{name}' is {value}; it must be {limits}")
        return settings


@dataclass
class AppSettings:
    """Desktop preferences; the engine ignores them."""

    close_to_tray: bool = True
    start_minimized: bool = False
    notifications: bool = True
    notify_batch_done: bool = True
    notify_failures: bool = True
    notify_all_done: bool = True
    start_at_login: bool = False
    tray_hint_shown: bool = False
    language: str = ""  # the window's language ("de", "es", "en"); "" = the system's (ui/i18n)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AppSettings:
        return cls(**_known(cls, data, "app"))


@dataclass
class Config:
    profiles: dict[str, Profile] = field(default_factory=dict)
    default_profile: str = ""
    transfer: TransferSettings = field(default_factory=TransferSettings)
    app: AppSettings = field(default_factory=AppSettings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "default_profile": self.default_profile,
            "profiles": {name: asdict(p) for name, p in self.profiles.items()},
            "transfer": asdict(self.transfer),
            "app": asdict(self.app),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Config:
        if not isinstance(data, dict):
            raise TypeError("it must hold a JSON object")
        if not isinstance(data.get("profiles") or {}, dict):
            raise TypeError("'profiles' must be a JSON object")
        return cls(
            profiles={
                name: Profile.from_dict({**p, "name": name})
                for name, p in (data.get("profiles") or {}).items()
            },
            default_profile=data.get("default_profile", ""),
            transfer=TransferSettings.from_dict(data.get("transfer") or {}),
            app=AppSettings.from_dict(data.get("app") or {}),
        )


@dataclass
class _NamedProfile(Profile):
    """Profile with a default name, so ``_known`` can read the other fields' defaults."""

    name: str = ""


class ConfigError(Exception):
    pass


def load_config(path: Path) -> Config:
    if not path.exists():
        return Config()
    try:
        return Config.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as exc:
        raise ConfigError(f"The settings file {path} cannot be read: {exc}") from exc


def save_config(config: Config, path: Path) -> None:
    """Write atomically so a crash never leaves half a settings file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(config.to_dict(), handle, indent=2, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

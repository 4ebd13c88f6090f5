"""Settings: a TOML file, then environment variables, then command-line flags (each wins
over the one before). Storage credentials come from the environment or a file only, never
from the command line (where ``ps`` would show them), and are never logged or sent."""

from __future__ import annotations

import os
import tomllib
import urllib.parse
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any


class SettingsError(ValueError):
    """A setting that cannot work, with the sentence to show."""


@dataclass(frozen=True)
class StorageSettings:
    bucket: str = ""
    endpoint_url: str = ""  # "" = AWS S3
    region: str = "us-east-1"
    path_style: bool = False
    verify_tls: bool = True
    access_key_id: str = ""
    secret_access_key: str = field(default="", repr=False)

    def __repr__(self) -> str:  # never print the secret, even in a traceback
        return (
            f"StorageSettings(bucket={self.bucket!r}, endpoint_url={self.endpoint_url!r}, "
            f"region={self.region!r}, path_style={self.path_style}, secret_access_key=<hidden>)"
        )


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///hoist-server.db"
    storage: StorageSettings = field(default_factory=StorageSettings)
    host: str = "127.0.0.1"
    port: int = 8080
    session_ttl: float = 24 * 3600.0  # idle time after which an upload is aborted (seed 000: 24 h)
    sweep_interval: float = 60.0
    url_expiry: int = 900  # seconds a presigned part URL is valid
    max_open_sessions: int = 1000  # per user, unless the user has their own
    max_json_bytes: int = 1024 * 1024  # complete's list of 10,000 parts fits (as Companion's 1 MB)
    cors_origins: tuple[str, ...] = ()
    token_cache_seconds: float = 5.0  # a revoked token or a new limit applies within this time
    migrate_on_start: bool = True


def parse_storage_url(url: str) -> dict[str, Any]:
    """``s3://BUCKET`` (AWS) or ``http(s)://HOST[:PORT]/BUCKET`` (an S3-compatible endpoint,
    path-style). ``?region=R`` may follow either."""
    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    out: dict[str, Any] = {}
    if "region" in query:
        out["region"] = query["region"]
    if parts.scheme == "s3":
        if not parts.netloc or parts.path not in ("", "/"):
            raise SettingsError(f"the storage URL {url!r} must be s3://BUCKET")
        out.update(bucket=parts.netloc, endpoint_url="", path_style=False)
        return out
    if parts.scheme in ("http", "https") and parts.netloc:
        bucket = parts.path.strip("/")
        if not bucket or "/" in bucket:
            raise SettingsError(f"the storage URL {url!r} must name one bucket: http(s)://HOST[:PORT]/BUCKET")
        out.update(bucket=bucket, endpoint_url=f"{parts.scheme}://{parts.netloc}", path_style=True)
        return out
    raise SettingsError(f"the storage URL {url!r} must be s3://BUCKET or http(s)://HOST[:PORT]/BUCKET")


def _secret(env: dict[str, str], file_setting: str) -> str:
    if env.get("HOIST_SERVER_STORAGE_SECRET_ACCESS_KEY"):
        return env["HOIST_SERVER_STORAGE_SECRET_ACCESS_KEY"]
    path = env.get("HOIST_SERVER_STORAGE_SECRET_FILE") or file_setting
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SettingsError(f"cannot read the storage secret file {path}: {exc.strerror}") from None
    return env.get("AWS_SECRET_ACCESS_KEY", "")


def _bool(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


def load(
    config_file: str | None = None,
    overrides: dict[str, Any] | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    env = dict(os.environ if environ is None else environ)
    data: dict[str, Any] = {}
    path = config_file or env.get("HOIST_SERVER_CONFIG", "")
    if path:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise SettingsError(f"cannot read the settings file {path}: {exc.strerror}") from None
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"the settings file {path} is not valid TOML: {exc}") from None
    top: dict[str, Any] = {k: v for k, v in data.items() if k != "storage"}
    storage: dict[str, Any] = dict(data.get("storage", {}))
    secret_file = str(storage.pop("secret_file", ""))
    if "secret_access_key" in storage:
        raise SettingsError(
            "the settings file must not hold the storage secret: give it in "
            "HOIST_SERVER_STORAGE_SECRET_ACCESS_KEY or a file named by storage.secret_file"
        )
    if "url" in storage:
        storage.update(parse_storage_url(str(storage.pop("url"))))

    # Environment variables.
    simple = {
        "HOIST_SERVER_DATABASE_URL": ("database_url", str),
        "HOIST_SERVER_HOST": ("host", str),
        "HOIST_SERVER_PORT": ("port", int),
        "HOIST_SERVER_SESSION_TTL": ("session_ttl", float),
        "HOIST_SERVER_SWEEP_INTERVAL": ("sweep_interval", float),
        "HOIST_SERVER_URL_EXPIRY": ("url_expiry", int),
        "HOIST_SERVER_MAX_OPEN_SESSIONS": ("max_open_sessions", int),
    }
    for name, (setting, kind) in simple.items():
        if env.get(name):
            try:
                top[setting] = kind(env[name])
            except ValueError:
                raise SettingsError(f"{name}={env[name]!r} is not a valid {kind.__name__}") from None
    if env.get("HOIST_SERVER_CORS_ORIGINS"):
        top["cors_origins"] = [o.strip() for o in env["HOIST_SERVER_CORS_ORIGINS"].split(",") if o.strip()]
    if env.get("HOIST_SERVER_STORAGE_URL"):
        storage.update(parse_storage_url(env["HOIST_SERVER_STORAGE_URL"]))
    if env.get("HOIST_SERVER_STORAGE_REGION"):
        storage["region"] = env["HOIST_SERVER_STORAGE_REGION"]
    if env.get("HOIST_SERVER_STORAGE_VERIFY_TLS"):
        storage["verify_tls"] = _bool(env["HOIST_SERVER_STORAGE_VERIFY_TLS"])
    storage["access_key_id"] = (
        env.get("HOIST_SERVER_STORAGE_ACCESS_KEY_ID")
        or str(storage.get("access_key_id", ""))
        or env.get("AWS_ACCESS_KEY_ID", "")
    )
    storage["secret_access_key"] = _secret(env, secret_file)

    # Command-line flags.
    for key, value in (overrides or {}).items():
        if value is None:
            continue
        if key == "storage_url":
            storage.update(parse_storage_url(str(value)))
        elif key == "region":
            storage["region"] = value
        else:
            top[key] = value

    if "cors_origins" in top:
        top["cors_origins"] = tuple(top["cors_origins"])
    try:
        settings = Settings(**top)
        settings = replace(settings, storage=StorageSettings(**storage))
    except TypeError as exc:
        raise SettingsError(f"unknown setting in {path or 'the settings'}: {exc}") from None
    if settings.session_ttl <= 0 or settings.sweep_interval <= 0 or settings.url_expiry <= 0:
        raise SettingsError("session_ttl, sweep_interval and url_expiry must be positive")
    return settings

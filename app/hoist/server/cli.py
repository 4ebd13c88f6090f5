"""``hoist-server``: run the service, migrate its database, manage users and tokens."""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from hoist.s3.redact import redact

from . import migrate
from .auth import create_token, revoke_token
from .db import make_engine, redacted_url, tokens, upload_sessions, users
from .keys import PathRefused, check_prefix
from .settings import Settings, SettingsError, load

_UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1000, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9}
_UNITS |= {"t": 10**12, "tb": 10**12, "kib": 1024, "mib": 1024**2, "gib": 1024**3, "tib": 1024**4}


def parse_size(text: str) -> int:
    match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)\s*", text)
    if not match or match.group(2).lower() not in _UNITS:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size (e.g. 5GiB, 500MB, 1024)")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def _positive(kind: type[int] | type[float]) -> Any:
    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not value > 0 or value == float("inf"):
            raise argparse.ArgumentTypeError(f"{text!r} must be above 0")
        return value

    return parse


class JsonFormatter(logging.Formatter):
    """One JSON object a line. The access log's lines are JSON already; every other
    message goes through the URL redaction (no signature ever reaches a log)."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.name == "hoist.server.access":
            return message
        out = {
            "ts": round(record.created, 3),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": redact(message),
        }
        if record.exc_info:
            out["exc"] = redact(self.formatException(record.exc_info))
        return json.dumps(out, separators=(",", ":"))


def setup_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("botocore").setLevel(logging.WARNING)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="hoist-server", description="Hoist Server: the upload service for teams."
    )
    p.add_argument("--config", help="settings file (TOML); also HOIST_SERVER_CONFIG")
    p.add_argument("--database-url", help="sqlite:///FILE (default hoist-server.db) or postgresql://...")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="serve the Companion-compatible S3 routes, /healthz and /metrics")
    run.add_argument("--storage-url", help="s3://BUCKET or http(s)://HOST:PORT/BUCKET")
    run.add_argument("--region")
    run.add_argument("--host")
    run.add_argument("--port", type=int)
    run.add_argument("--session-ttl", type=_positive(float), help="seconds idle before an upload expires")
    run.add_argument("--sweep-interval", type=_positive(float), help="seconds between expiry sweeps")
    run.add_argument("--url-expiry", type=_positive(int), help="seconds a part URL stays valid")
    run.add_argument("--no-migrate", action="store_true", help="do not apply migrations at start")

    sub.add_parser("migrate", help="apply the database migrations and exit")
    sub.add_parser("sweep", help="expire idle uploads once and exit")

    user = sub.add_parser("user", help="users").add_subparsers(dest="action", required=True)
    add = user.add_parser("add", help="add a user")
    add.add_argument("name")
    add.add_argument("--prefix", required=True, help="the key prefix of this user's uploads (uploads/NAME/)")
    add.add_argument("--max-object-size", type=parse_size)
    add.add_argument("--quota", type=parse_size, help="bytes this user may upload in all")
    add.add_argument("--max-open-sessions", type=_positive(int))
    user.add_parser("list", help="list users")

    token = sub.add_parser("token", help="tokens").add_subparsers(dest="action", required=True)
    create = token.add_parser("create", help="create a token for a user; printed once")
    create.add_argument("name")
    revoke = token.add_parser("revoke", help="revoke a token (its id, or the whole token)")
    revoke.add_argument("token_id")
    return p


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {"database_url": args.database_url}
    if args.command == "run":
        overrides.update(
            storage_url=args.storage_url,
            region=args.region,
            host=args.host,
            port=args.port,
            session_ttl=args.session_ttl,
            sweep_interval=args.sweep_interval,
            url_expiry=args.url_expiry,
        )
        if args.no_migrate:
            overrides["migrate_on_start"] = False
    return load(args.config, overrides)


def _run(settings: Settings) -> int:
    import uvicorn

    from .app import Server
    from .storage import S3Storage

    if not settings.storage.bucket:
        raise SettingsError("no storage: give --storage-url (or HOIST_SERVER_STORAGE_URL, or [storage] url)")
    log = logging.getLogger("hoist.server")
    engine = make_engine(settings.database_url)
    if settings.migrate_on_start:
        migrate.upgrade(engine)
    elif migrate.current_revision(engine) != migrate.head_revision():
        raise SettingsError("the database schema is not current: run 'hoist-server migrate' first")
    storage = S3Storage(settings.storage)
    server = Server(settings, engine, storage)
    log.info(
        "hoist-server on http://%s:%s, database %s, bucket %s at %s, session TTL %ss",
        settings.host,
        settings.port,
        redacted_url(settings.database_url),
        settings.storage.bucket,
        settings.storage.endpoint_url or "AWS S3",
        settings.session_ttl,
    )
    config = uvicorn.Config(
        server.asgi(),
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=10,
        server_header=False,
    )
    uvicorn.Server(config).run()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command in ("run", "migrate", "sweep"):
        setup_logging()  # the admin commands print their answer and log nothing
    try:
        settings = _settings(args)
        if args.command == "run":
            return _run(settings)
        engine = make_engine(settings.database_url)
        if args.command == "migrate":
            migrate.upgrade(engine)
            print(f"database {redacted_url(settings.database_url)} is at revision {migrate.head_revision()}")
            return 0
        if migrate.current_revision(engine) != migrate.head_revision():
            migrate.upgrade(engine)
        if args.command == "sweep":
            from .storage import S3Storage
            from .sweeper import Sweeper

            n = Sweeper(engine, S3Storage(settings.storage), settings.session_ttl, 1.0).sweep_once()
            print(f"{n} idle uploads aborted and marked expired")
            return 0
        if args.command == "user" and args.action == "add":
            prefix = check_prefix(args.prefix)
            with engine.begin() as conn:
                exists = conn.execute(sa.select(users.c.id).where(users.c.name == args.name)).first()
                if exists is not None:
                    print(f"hoist-server: a user named {args.name!r} exists already", file=sys.stderr)
                    return 2
                conn.execute(
                    users.insert().values(
                        name=args.name,
                        prefix=prefix,
                        max_object_size=args.max_object_size,
                        quota_bytes=args.quota,
                        max_open_sessions=args.max_open_sessions,
                        created=time.time(),
                    )
                )
            print(f"user {args.name} added, uploads go to {prefix}")
            return 0
        if args.command == "user" and args.action == "list":
            with engine.connect() as conn:
                s = upload_sessions.c
                open_counts: dict[int, int] = dict(
                    conn.execute(
                        sa.select(s.user_id, sa.func.count()).where(s.state == "open").group_by(s.user_id)
                    ).all()
                )
                token_counts: dict[int, int] = dict(
                    conn.execute(
                        sa.select(tokens.c.user_id, sa.func.count())
                        .where(tokens.c.revoked == sa.false())
                        .group_by(tokens.c.user_id)
                    ).all()
                )
                for row in conn.execute(sa.select(users).order_by(users.c.name)):
                    print(
                        f"{row.name}\tprefix={row.prefix}\tmax_object_size={row.max_object_size or '-'}"
                        f"\tquota={row.quota_bytes or '-'}\tmax_open_sessions={row.max_open_sessions or '-'}"
                        f"\ttokens={token_counts.get(row.id, 0)}\topen_uploads={open_counts.get(row.id, 0)}"
                    )
            return 0
        if args.command == "token" and args.action == "create":
            token = create_token(engine, args.name)
            print(token)
            print("(shown once: only its hash is stored)", file=sys.stderr)
            return 0
        if args.command == "token" and args.action == "revoke":
            if revoke_token(engine, args.token_id):
                print("token revoked")
                return 0
            print("hoist-server: no such token", file=sys.stderr)
            return 2
    except (SettingsError, PathRefused, LookupError) as exc:
        print(f"hoist-server: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2
    except sa.exc.OperationalError as exc:
        print(f"hoist-server: cannot use the database: {redact(str(exc.orig))}", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())

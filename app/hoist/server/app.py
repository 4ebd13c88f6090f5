"""The ASGI app (Starlette): Companion's S3 routes behind bearer tokens, /healthz, /metrics.

Every answer is JSON; a bad request is a 4xx with ``{"error": ...}``, never a traceback.
One structured log line per request names the route's template (never the query
string, which holds the key, nor any header, which holds the token).
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import sqlalchemy as sa
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hoist.s3.redact import redact

from .auth import TokenCache, User, parse_bearer
from .metrics import Metrics
from .service import ApiError, Service, parse_part_number
from .settings import Settings
from .storage import Storage
from .sweeper import Sweeper

log = logging.getLogger("hoist.server")
access_log = logging.getLogger("hoist.server.access")

Handler = Callable[[Request], Awaitable[Response]]


def _error(status: int, body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(body, status_code=status)


async def _read_json(request: Request, limit: int) -> Any:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise ApiError(413, f"s3: the JSON body is larger than {limit} bytes", limit=limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ApiError(413, f"s3: the JSON body is larger than {limit} bytes", limit=limit)
    try:
        return json.loads(bytes(body))
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "s3: the body is not valid JSON") from None
    except RecursionError:  # [[[[... nested deeper than the parser goes
        raise ApiError(400, "s3: the body's JSON is nested too deeply") from None


def _database_away(exc: Exception) -> JSONResponse:
    """The database is briefly unreachable (restart, failover): 503, which clients retry."""
    log.warning("database unavailable: %s", type(exc).__name__)
    return JSONResponse(
        {"error": "the server's database is unavailable; try again shortly"},
        status_code=503,
        headers={"Retry-After": "1"},
    )


class Server:
    """The app's parts, kept together so tests and the CLI can reach them."""

    def __init__(self, settings: Settings, engine: Engine, storage: Storage, sweeper: bool = True) -> None:
        self.settings = settings
        self.engine = engine
        self.storage = storage
        self.metrics = Metrics()
        self.tokens = TokenCache(ttl=settings.token_cache_seconds)
        self.service = Service(engine, storage, settings, self.metrics)
        self.sweeper = (
            Sweeper(engine, storage, settings.session_ttl, settings.sweep_interval, self.metrics)
            if sweeper
            else None
        )
        self.app = self._build()

    # -- plumbing --------------------------------------------------------------

    def _user(self, request: Request) -> User:
        parsed = parse_bearer(request.headers.get("authorization"))
        user = None
        if parsed is not None:
            user = self.tokens.authenticate(self.engine, *parsed)
        if user is None:
            raise ApiError(401, "s3: a valid 'Authorization: Bearer TOKEN' header is required")
        request.state.user = user.name
        return user

    def _route(self, fn: Callable[[Request], Any]) -> Handler:
        async def endpoint(request: Request) -> Response:
            try:
                result = await run_in_threadpool(fn, request)
            except ApiError as exc:
                headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
                return JSONResponse(exc.body, status_code=exc.status, headers=headers)
            except sa.exc.OperationalError as exc:
                return _database_away(exc)
            if isinstance(result, Response):
                return result
            return JSONResponse(result)

        return endpoint

    def _json_route(self, fn: Callable[[Request, Any], Any]) -> Handler:
        async def endpoint(request: Request) -> Response:
            try:
                body = await _read_json(request, self.settings.max_json_bytes)
                result = await run_in_threadpool(fn, request, body)
            except ApiError as exc:
                headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
                return JSONResponse(exc.body, status_code=exc.status, headers=headers)
            except sa.exc.OperationalError as exc:
                return _database_away(exc)
            return JSONResponse(result)

        return endpoint

    # -- routes ----------------------------------------------------------------

    def _create(self, request: Request, body: Any) -> Any:
        return self.service.create(self._user(request), body)

    def _list(self, request: Request) -> Any:
        user = self._user(request)
        return self.service.list_parts(
            user, request.path_params["upload_id"], request.query_params.get("key")
        )

    def _sign_batch(self, request: Request) -> Any:
        user = self._user(request)
        key = request.query_params.get("key")
        numbers_text = request.query_params.get("partNumbers")
        if key is None:
            raise ApiError(
                400, 's3: the object key must be passed as a query parameter. For example: "?key=abc.jpg"'
            )
        if numbers_text is None:
            raise ApiError(
                400,
                "s3: the part numbers must be passed as a comma separated query parameter. "
                'For example: "?partNumbers=4,6,7,21"',
            )
        texts = numbers_text.split(",")
        if len(texts) > 10_000:
            raise ApiError(400, "s3: at most 10000 part numbers at once")
        numbers = [parse_part_number(t) for t in texts]
        upload_id = request.path_params["upload_id"]
        urls = self.service.sign(user, upload_id, key, numbers)
        return {"presignedUrls": {str(n): url for n, url in zip(numbers, urls, strict=True)}}

    def _sign_one(self, request: Request) -> Any:
        user = self._user(request)
        number = parse_part_number(request.path_params["part_number"])
        key = request.query_params.get("key")
        [url] = self.service.sign(user, request.path_params["upload_id"], key, [number])
        return {"url": url, "expires": self.settings.url_expiry}

    def _complete(self, request: Request, body: Any) -> Any:
        user = self._user(request)
        upload_id = request.path_params["upload_id"]
        return self.service.complete(user, upload_id, request.query_params.get("key"), body)

    def _abort(self, request: Request) -> Any:
        user = self._user(request)
        return self.service.abort(user, request.path_params["upload_id"], request.query_params.get("key"))

    def _params(self, request: Request) -> Any:
        user = self._user(request)
        q = request.query_params
        metadata = {
            k[len("metadata[") : -1]: v
            for k, v in q.multi_items()
            if k.startswith("metadata[") and k.endswith("]")
        }
        return self.service.params(user, q.get("filename"), q.get("type"), metadata)

    def _sts(self, request: Request) -> Any:
        self._user(request)
        raise ApiError(
            501, "s3: Hoist Server does not hand out storage credentials (/s3/sts); use the multipart routes"
        )

    def _healthz(self, request: Request) -> Any:
        checks: dict[str, str] = {}
        try:
            with self.engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
            checks["database"] = "ok"
        except Exception as exc:
            checks["database"] = f"unreachable: {type(exc).__name__}"
        try:
            self.storage.check()
            checks["storage"] = "ok"
        except Exception as exc:
            checks["storage"] = redact(f"unreachable: {exc}")[:300]
        healthy = all(v == "ok" for v in checks.values())
        return JSONResponse(
            {"status": "ok" if healthy else "failing", **checks}, status_code=200 if healthy else 503
        )

    async def _metrics(self, request: Request) -> Response:
        return Response(generate_latest(self.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    async def _not_found(self, request: Request, exc: Exception) -> Response:
        return _error(404, {"error": "not found", "reason": "route"})

    async def _method(self, request: Request, exc: Exception) -> Response:
        return _error(405, {"error": "method not allowed"})

    async def _crash(self, request: Request, exc: Exception) -> Response:
        log.error("unexpected error on %s: %s", _template(request.scope), redact(repr(exc)))
        return _error(500, {"error": "internal error (logged on the server)"})

    def _build(self) -> Starlette:
        routes = [
            Route("/s3/multipart", self._json_route(self._create), methods=["POST"]),
            Route("/s3/multipart/{upload_id}", self._route(self._list), methods=["GET"]),
            Route("/s3/multipart/{upload_id}", self._route(self._abort), methods=["DELETE"]),
            Route("/s3/multipart/{upload_id}/batch", self._route(self._sign_batch), methods=["GET"]),
            Route("/s3/multipart/{upload_id}/complete", self._json_route(self._complete), methods=["POST"]),
            Route("/s3/multipart/{upload_id}/{part_number}", self._route(self._sign_one), methods=["GET"]),
            Route("/s3/params", self._route(self._params), methods=["GET"]),
            Route("/s3/sts", self._route(self._sts), methods=["GET"]),
            Route("/healthz", self._route(self._healthz), methods=["GET"]),
            Route("/metrics", self._metrics, methods=["GET"]),
        ]
        middleware = []
        if self.settings.cors_origins:
            middleware.append(
                Middleware(
                    CORSMiddleware,
                    allow_origins=list(self.settings.cors_origins),
                    allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
                    allow_headers=["authorization", "content-type", "uppy-auth-token"],
                )
            )
        app = Starlette(
            routes=routes,
            middleware=middleware,
            lifespan=self._lifespan,
            exception_handlers={404: self._not_found, 405: self._method, Exception: self._crash},
        )
        return app

    @contextlib.asynccontextmanager
    async def _lifespan(self, app: Starlette) -> AsyncIterator[None]:
        if self.sweeper is not None:
            self.sweeper.start()
        try:
            yield
        finally:
            if self.sweeper is not None:
                await run_in_threadpool(self.sweeper.stop)

    def asgi(self) -> ASGIApp:
        """The app wrapped in the request logger and the error counter."""
        return AccessLog(self.app, self.metrics)


def _template(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "unmatched"


class AccessLog:
    """One JSON line per request: method, route template, status, time, user, upload id."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - start
            route = _template(scope)
            self.metrics.duration.labels(route).observe(elapsed)
            if status >= 400:
                self.metrics.errors.labels(route, str(status)).inc()
            state = scope.get("state") or {}
            upload_id = (scope.get("path_params") or {}).get("upload_id")
            client = scope.get("client")
            record = {
                "ts": round(time.time(), 3),
                "method": scope.get("method"),
                "route": route,
                "status": status,
                "ms": round(elapsed * 1000, 2),
                "user": state.get("user"),
                "upload_id": upload_id,
                "client": client[0] if client else None,
            }
            access_log.info(json.dumps(record, separators=(",", ":")))

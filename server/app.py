"""The FastAPI application: routers, the gzip-aware route class, problem+json errors, headers.

``create_app(settings)`` builds a stateless app: everything shared between requests lives in
the database (rate counters, throttles, sessions), so several workers or servers behind a load
balancer behave like one. Every response, errors included, carries ``Jangkau-Protocol: 1``;
every refusal is an RFC 9457 problem with a stable ``type`` and is written to the audit log.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server import db as db_module
from server.api import admin, auth, dashboard, devices, exports, health, review, sync
from server.bodies import STRICT_BODY_MODELS, field_list
from server.clock import Clock, utc_now
from server.config import ServerSettings
from server.db import Database
from server.problems import ProblemError, from_error, problem_response
from server.repositories.audit import AuditEntry
from server.services import areas as areas_service
from server.services import audit as audit_service
from server.services import auth as auth_service
from server.services.context import DeviceAuth, UserAuth
from sync import protocol

log = logging.getLogger(__name__)

_HEADER = (protocol.PROTOCOL_HEADER.lower().encode(), str(protocol.PROTOCOL_VERSION).encode())


GZIP_MIN_BYTES = 1024  # smaller replies gain too little to be worth a gzip header
GZIP_LEVEL = 6  # a 265 KB page of the feed: ~2 ms, to ~16 %


def _accepts_gzip(scope: Scope) -> bool:
    for name, value in scope.get("headers", ()):
        if name == b"accept-encoding":
            for part in value.decode("latin-1").lower().split(","):
                coding, _, params = part.strip().partition(";")
                if coding.strip() in ("gzip", "*"):
                    return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _gzip_candidate(headers: list[tuple[bytes, bytes]]) -> bool:
    """A JSON reply not encoded yet and without an ``ETag`` (a validator names one encoding)."""
    kind = b""
    for name, value in headers:
        if name in (b"content-encoding", b"etag"):
            return False
        if name == b"content-type":
            kind = value.split(b";")[0].strip().lower()
    return kind in (b"application/json", protocol.PROBLEM_CONTENT_TYPE.encode())


class ProtocolHeaderMiddleware:
    """Adds ``Jangkau-Protocol: 1`` to every HTTP response, and gzips JSON replies of 1 KiB or
    more for clients that send ``Accept-Encoding: gzip`` (pure ASGI: a reply in one body
    message is compressed whole, a streamed one passes as it is)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        gzip_ok = _accepts_gzip(scope)
        held: Message | None = None

        async def send_with_header(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name == _HEADER[0] for name, _ in headers):
                    headers.append(_HEADER)
                message["headers"] = headers
                if gzip_ok and _gzip_candidate(headers):
                    held = message  # sent with the body, once it is known
                    return
            elif message["type"] == "http.response.body" and held is not None:
                start, held = held, None
                body = message.get("body", b"")
                if not message.get("more_body", False) and len(body) >= GZIP_MIN_BYTES:
                    packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
                    body = packer.compress(body) + packer.flush()
                    start["headers"] = [
                        (name, value)
                        for name, value in start["headers"]
                        if name != b"content-length"
                    ] + [
                        (b"content-encoding", b"gzip"),
                        (b"content-length", str(len(body)).encode()),
                        (b"vary", b"Accept-Encoding"),
                    ]
                    message = {**message, "body": body}
                await send(start)
            await send(message)

        await self.app(scope, receive, send_with_header)


def prepare_database(settings: ServerSettings, database: Database, *, now_fn: Clock) -> None:
    """SQLite (with ``auto_migrate``) is migrated and seeded with regions; PostgreSQL must
    already be at the head revision, else ``SchemaNotReady`` stops the start."""
    if database.is_sqlite and settings.auto_migrate:
        try:
            db_module.check_schema(database.engine)
        except db_module.SchemaNotReady:
            db_module.upgrade(settings)
        areas_service.ensure_areas(database, now=now_fn())
        return
    db_module.check_schema(database.engine)


def create_app(
    settings: ServerSettings,
    *,
    clock: Clock | None = None,
    database: Database | None = None,
) -> FastAPI:
    now_fn: Clock = clock or utc_now
    owned = database is None
    db = database or Database(settings)
    prepare_database(settings, db, now_fn=now_fn)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Bounded request threads (see ServerSettings.request_threads); requests beyond them
        # queue in the event loop.
        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = settings.request_threads
        yield
        if owned:
            db.dispose()

    app = make_fastapi(lifespan=lifespan)
    app.state.settings = settings
    app.state.db = db
    app.state.clock = now_fn
    return app


def make_fastapi(*, lifespan: Any = None) -> FastAPI:
    """The app without state: routes, middleware, error handlers, OpenAPI (also used to
    generate ``server/openapi.json`` without a database)."""
    app = FastAPI(
        title="Jangkau server",
        version="1",
        summary="Sync, identity and review API of Jangkau (SYNC_PROTOCOL.md)",
        openapi_url=f"{protocol.API_PREFIX}/openapi.json",
        docs_url=f"{protocol.API_PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    for module in (health, auth, devices, sync, admin, review, exports, dashboard):
        app.include_router(module.router, prefix=protocol.API_PREFIX)
    app.add_middleware(ProtocolHeaderMiddleware)
    _install_error_handlers(app)
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
    return app


def build_openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title, version=app.version, summary=app.summary, routes=app.routes
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in STRICT_BODY_MODELS:  # bodies validated by the route class, not by FastAPI
        body_schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(body_schema.pop("$defs", {}))
        components[model.__name__] = body_schema
    components["Problem"] = protocol.Problem.model_json_schema()
    components["Problem"]["description"] = (
        "RFC 9457 problem details; `type` is `urn:jangkau:problem:<code>`."
    )
    app.openapi_schema = schema
    return schema


# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------


def _audit_refusal(request: Request, code: str) -> None:
    try:
        _write_refusal(request, code)
    except Exception:
        log.exception("could not audit a refusal (%s)", code)


def _write_refusal(request: Request, code: str) -> None:
    route = request.scope.get("route")
    path = getattr(route, "path", request.url.path)
    if request.url.path.startswith(protocol.API_PREFIX) and not path.startswith(
        protocol.API_PREFIX
    ):
        path = protocol.API_PREFIX + path  # routes of included routers keep their own path
    who = getattr(request.state, "auth", None)
    if who is None:  # refused before authentication (body limits): attribute it if we can
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and token:
            who = auth_service.identify(request.app.state.db, token=token.strip())
    actor = role = device = None
    if isinstance(who, DeviceAuth):
        actor, role, device = who.agent_id, "agent", who.device_id
    elif isinstance(who, UserAuth):
        actor, role = who.user_id, who.role
    entry = AuditEntry(
        action="refusal",
        result=code,
        actor_id=actor,
        actor_role=role,
        device_id=device,
        entity_type="route",
        entity_id=f"{request.method} {path}"[:64],
        ip=request.client.host if request.client else None,
    )
    audit_service.record(request.app.state.db, [entry], now=request.app.state.clock())


async def _refused(request: Request, error: ProblemError) -> Response:
    if error.audit:
        await run_in_threadpool(_audit_refusal, request, error.code)
    return from_error(error)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def on_problem(request: Request, exc: ProblemError) -> Response:
        return await _refused(request, exc)

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        if any(err.get("type") == "json_invalid" for err in errors):
            problem = ProblemError("bad-request", detail="malformed JSON")
        else:
            problem = ProblemError("validation-failed", errors=field_list(errors))
        return await _refused(request, problem)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        del request
        codes = {404: "not-found", 405: "method-not-allowed", 413: "payload-too-large"}
        code = codes.get(exc.status_code, "bad-request")
        headers = dict(exc.headers or {})
        return problem_response(code, headers=headers)

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception) -> Response:
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return problem_response("server-error")

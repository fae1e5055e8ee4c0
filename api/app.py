"""The FastAPI application: lifespan owns the services; domain errors become HTTP here."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import psycopg
from fastapi import FastAPI, Request, params
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import (
    auditors,
    citizens,
    console,
    espace,
    espace_signin,
    events,
    health,
    inbound,
    officers,
    outreach,
    problems,
    ratelimit,
    sms_webhooks,
)
from api import sessions as session_routes
from api.access_log import AccessLog
from api.bodylimit import BodyLimit, BodyTooLarge
from api.bodylimit import too_large as too_large_body
from api.schemas import JSON_VALUE_SCHEMA
from guichet import db, queue
from guichet.errors import Conflict, Forbidden, InvalidInput, NotFound, TooLarge
from guichet.services import Services, open_services
from guichet.settings import Settings
from tools.notify import dispatch_pending

log = logging.getLogger(__name__)

# What a 503 suggests to wait: a restarting database is usually back within seconds.
_RETRY_AFTER_S = 5


async def _dispatch_loop(services: Services) -> None:
    while True:
        with contextlib.suppress(Exception):
            await dispatch_pending(services.pool, services.settings, records=services.records)
        await asyncio.sleep(1.0)


# What runs beside the app for as long as it serves, given by the composition root (the
# CLI): the SMTP listener of `guichet serve`, which is no HTTP and so no part of api/.
Alongside = Callable[[Services], contextlib.AbstractAsyncContextManager[Any]]


def body_cap(settings: Settings) -> int:
    """Bytes a request body may have: the longest text, each character JSON-escaped at its
    widest (a surrogate pair, 12 bytes), plus room for the other fields."""
    return settings.max_text_chars * 12 + 64 * 1024


def create_app(settings: Settings, *, services: Services | None = None,
               workers: int | None = None, alongside: Sequence[Alongside] = ()) -> FastAPI:
    """The app; with `services` given (tests), the caller owns their lifecycle."""
    n_workers = settings.workers_in_process if workers is None else workers

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            svc = services if services is not None else await stack.enter_async_context(
                open_services(settings))
            app.state.services = svc
            for part in alongside:
                await stack.enter_async_context(part(svc))
            tasks = [asyncio.create_task(_dispatch_loop(svc))]
            for i in range(n_workers):
                tasks.append(asyncio.create_task(svc.run_worker(
                    name=f"api-worker-{i}", install_signal_handlers=False)))
            try:
                yield
            finally:
                for t in tasks:
                    await queue.stop_worker(t)

    app = FastAPI(title="guichet", version="0.1.0", lifespan=lifespan,
                  description="Résolution de démarches administratives par des agents, "
                              "chaque décision sensible validée par un agent public.")
    app.include_router(health.router)
    app.include_router(citizens.router)
    app.include_router(officers.router)
    app.include_router(officers.cases_router)
    app.include_router(officers.stats_router)
    app.include_router(console.router)
    app.include_router(espace.router)
    app.include_router(espace_signin.router)
    app.include_router(auditors.router)
    app.include_router(auditors.pages)
    app.include_router(session_routes.router)
    app.include_router(events.router)
    app.include_router(outreach.router)
    app.include_router(sms_webhooks.router)
    app.include_router(inbound.router)
    _install_errors(app)
    ratelimit.install(app)
    sms_webhooks.install(app)
    problems.install_openapi(app, schemas={"JsonValue": JSON_VALUE_SCHEMA})
    app.add_middleware(BodyLimit, max_bytes=body_cap(settings))
    app.add_middleware(AccessLog)  # outermost: a refused body is logged too

    return app


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    """`text`, `args.iban`, `query.offset`, `path.case_id`: where the client put it."""
    parts = [str(p) for p in loc]
    if parts[:1] == ["body"]:
        parts = parts[1:]
    return problems.echo(".".join(parts)) or "body"


def _json_route(request: Request) -> bool:
    """Whether the matched route reads a JSON body (the console's pages read forms)."""
    route = request.scope.get("route")
    return isinstance(route, APIRoute) and bool(route.dependant.body_params) and not any(
        isinstance(f.field_info, params.Form) for f in route.dependant.body_params)


def _is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/")
                                            and media.endswith("+json"))


def _install_errors(app: FastAPI) -> None:
    """Every error answers an RFC 9457 problem (api/problems.py), never an HTML or bare body."""

    @app.exception_handler(psycopg.Error)
    async def database(request: Request, exc: psycopg.Error) -> JSONResponse:
        if not db.is_outage(exc):
            return await unexpected(request, exc)
        # Nothing was committed: the client may send the same request again.
        return problems.problem(503, "the database cannot be reached right now; nothing was"
                                     " recorded, try again shortly",
                                headers={"Retry-After": str(_RETRY_AFTER_S)})

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return problems.problem(500, "an unexpected error occurred; it has been logged")

    @app.exception_handler(TooLarge)
    async def too_large(_: Request, exc: TooLarge) -> JSONResponse:
        return problems.problem(413, str(exc), field=exc.field, reason=exc.reason)

    @app.exception_handler(InvalidInput)
    async def invalid(_: Request, exc: InvalidInput) -> JSONResponse:
        return problems.problem(422, str(exc), field=exc.field, reason=exc.reason)

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound) -> JSONResponse:
        return problems.problem(404, str(exc))

    @app.exception_handler(Conflict)
    async def conflict(_: Request, exc: Conflict) -> JSONResponse:
        return problems.problem(409, str(exc))

    @app.exception_handler(Forbidden)
    async def forbidden(_: Request, exc: Forbidden) -> JSONResponse:
        return problems.problem(403, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc, BodyTooLarge):
            detail, field, reason = too_large_body(exc.cap)
            return problems.problem(413, detail, field=field, reason=reason,
                                    headers={"Connection": "close"})
        return problems.problem(exc.status_code, str(exc.detail), headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors()) or [{"loc": ("body",), "msg": "invalid", "type": "invalid"}]
        if _json_route(request) and not _is_json(request.headers.get("content-type")) and any(
                e["loc"][:1] == ("body",) and e["type"] != "missing" for e in errors):
            return problems.problem(415, "the body must be JSON (Content-Type: application/json)",
                                    field="body", reason="not JSON")
        listed = []
        for e in errors:
            reason = str(e["msg"])
            if e["type"] == "json_invalid":
                # The position is where the JSON breaks, not a field.
                reason = f"malformed JSON ({(e.get('ctx') or {}).get('error', 'unreadable')}"\
                         f" at character {e['loc'][-1]})"
                e = {**e, "loc": ("body",)}
            listed.append(problems.FieldError(field=_field(e["loc"]), reason=problems.echo(reason)))
        first = listed[0]
        path = next((e for e in errors if e["loc"][:1] == ("path",)), None)
        if path is not None:
            # An id that is not one names no resource: the same answer as an unknown id.
            return problems.problem(404, f"no such {str(path['loc'][-1]).removesuffix('_id')}",
                                    field=_field(path["loc"]), reason="not a canonical UUID",
                                    errors=listed)
        return problems.problem(422, f"{first.field}: {first.reason}", field=first.field,
                                reason=first.reason, errors=listed)

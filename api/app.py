"""The FastAPI application: lifespan owns the services; domain errors become HTTP here."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import psycopg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from api import (
    auditors,
    citizens,
    console,
    espace,
    espace_signin,
    events,
    health,
    officers,
    ratelimit,
)
from api import sessions as session_routes
from api.access_log import AccessLog
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


def create_app(settings: Settings, *, services: Services | None = None,
               workers: int | None = None) -> FastAPI:
    """The app; with `services` given (tests), the caller owns their lifecycle."""
    n_workers = settings.workers_in_process if workers is None else workers

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            svc = services if services is not None else await stack.enter_async_context(
                open_services(settings))
            app.state.services = svc
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
    _install_errors(app)
    ratelimit.install(app)
    app.add_middleware(AccessLog)

    return app


def _problem(status: int, title: str, detail: str, **headers: str) -> JSONResponse:
    return JSONResponse({"type": "about:blank", "title": title, "status": status,
                         "detail": detail}, status_code=status,
                        media_type="application/problem+json", headers=headers or None)


def _install_errors(app: FastAPI) -> None:
    def body(detail: str, **extra: Any) -> dict[str, Any]:
        return {"detail": detail, **extra}

    @app.exception_handler(psycopg.Error)
    async def database(request: Request, exc: psycopg.Error) -> JSONResponse:
        if not db.is_outage(exc):
            return await unexpected(request, exc)
        # Nothing was committed: the client may send the same request again.
        return _problem(503, "Service Unavailable",
                        "the database cannot be reached right now; nothing was recorded,"
                        " try again shortly", **{"Retry-After": str(_RETRY_AFTER_S)})

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return _problem(500, "Internal Server Error",
                        "an unexpected error occurred; it has been logged")

    @app.exception_handler(TooLarge)
    async def too_large(_: Request, exc: TooLarge) -> JSONResponse:
        return JSONResponse(body(str(exc), field=exc.field, reason=exc.reason), status_code=413)

    @app.exception_handler(InvalidInput)
    async def invalid(_: Request, exc: InvalidInput) -> JSONResponse:
        return JSONResponse(body(str(exc), field=exc.field, reason=exc.reason), status_code=422)

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse(body(str(exc)), status_code=404)

    @app.exception_handler(Conflict)
    async def conflict(_: Request, exc: Conflict) -> JSONResponse:
        return JSONResponse(body(str(exc)), status_code=409)

    @app.exception_handler(Forbidden)
    async def forbidden(_: Request, exc: Forbidden) -> JSONResponse:
        return JSONResponse(body(str(exc)), status_code=403)

    @app.exception_handler(RequestValidationError)
    async def validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {"loc": (), "msg": "invalid"}
        field = ".".join(str(p) for p in first["loc"] if p != "body")
        return JSONResponse(body(f"{field}: {first['msg']}", field=field, reason=first["msg"],
                                 errors=[{"field": ".".join(str(p) for p in e["loc"]),
                                          "reason": e["msg"]} for e in errors]),
                            status_code=422)

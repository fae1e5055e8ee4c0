"""The FastAPI application: lifespan owns the services; domain errors become HTTP here."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from api import auditors, citizens, console, officers
from guichet import queue
from guichet.errors import Conflict, Forbidden, InvalidInput, NotFound, TooLarge
from guichet.services import Services, open_services
from guichet.settings import Settings
from tools.notify import dispatch_pending


async def _dispatch_loop(services: Services) -> None:
    while True:
        with contextlib.suppress(Exception):
            await dispatch_pending(services.pool, services.settings)
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
                tasks.append(asyncio.create_task(queue.run_worker(
                    svc.app, concurrency=settings.worker_concurrency,
                    heartbeat_s=settings.heartbeat_s, stalled_after_s=settings.stalled_after_s,
                    name=f"api-worker-{i}", install_signal_handlers=False)))
            try:
                yield
            finally:
                for t in tasks:
                    await queue.stop_worker(t)

    app = FastAPI(title="guichet", version="0.1.0", lifespan=lifespan,
                  description="Résolution de démarches administratives par des agents, "
                              "chaque décision sensible validée par un agent public.")
    app.include_router(citizens.router)
    app.include_router(officers.router)
    app.include_router(officers.cases_router)
    app.include_router(officers.stats_router)
    app.include_router(console.router)
    app.include_router(auditors.router)
    app.include_router(auditors.pages)
    _install_errors(app)

    @app.get("/healthz", tags=["ops"])
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


def _install_errors(app: FastAPI) -> None:
    def body(detail: str, **extra: Any) -> dict[str, Any]:
        return {"detail": detail, **extra}

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

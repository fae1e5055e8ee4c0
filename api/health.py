"""Operations: liveness, readiness and Prometheus metrics."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from api.deps import ServicesDep
from guichet import db, metrics

router = APIRouter(tags=["ops"])

# A readiness probe must answer fast, whatever the database does.
_PROBE_TIMEOUT_S = 2.0
# Not a problem body: a probe's answer names each check, whatever the status.
_READINESS = {"type": "object", "required": ["status", "checks"], "properties": {
    "status": {"type": "string", "enum": ["ready", "not ready"]},
    "checks": {"type": "object"}}}


@router.get("/healthz", summary="The process answers")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


async def _checks(services: ServicesDep) -> dict[str, Any]:
    async with db.connection(services.pool) as conn:
        cur = await conn.execute(
            "select coalesce(max(version), 0) as version from schema_migrations")
        row = await cur.fetchone()
        applied = int(row["version"]) if row else 0
        cur = await conn.execute(
            "select count(*) as n from procrastinate_workers"
            " where last_heartbeat > now() - make_interval(secs => %s)",
            (services.settings.stalled_after_s,))
        row = await cur.fetchone()
        workers = int(row["n"]) if row else 0
    expected = len(db.migration_files())
    return {"database": "ok",
            "migrations": "ok" if applied >= expected else f"{applied} of {expected} applied",
            "workers": "ok" if workers else "no worker heartbeat seen recently",
            "live_workers": workers}


@router.get("/readyz", summary="Database reachable, migrations applied, a worker alive",
            responses={200: {"content": {"application/json": {"schema": _READINESS}}},
                       503: {"description": "not ready: the failing checks are named",
                             "content": {"application/json": {"schema": _READINESS}}}})
async def readyz(services: ServicesDep) -> JSONResponse:
    try:
        checks = await asyncio.wait_for(_checks(services), timeout=_PROBE_TIMEOUT_S)
    except (TimeoutError, OSError) as exc:
        checks = {"database": f"unreachable ({type(exc).__name__})"}
    except Exception as exc:
        if not db.is_outage(exc):
            raise
        checks = {"database": "unreachable"}
    ready = all(v == "ok" for k, v in checks.items() if k != "live_workers") and len(checks) > 1
    return JSONResponse({"status": "ready" if ready else "not ready", "checks": checks},
                        status_code=200 if ready else 503)


@router.get("/metrics", summary="Prometheus metrics of this process and of the service's state",
            response_class=Response,
            responses={200: {"content": {CONTENT_TYPE_LATEST: {"schema": {"type": "string"}}}}})
async def prometheus(services: ServicesDep) -> Response:
    async def read() -> None:
        async with db.connection(services.pool) as conn:
            await metrics.read_state(conn, stalled_after_s=services.settings.stalled_after_s)

    try:
        await asyncio.wait_for(read(), timeout=_PROBE_TIMEOUT_S)
    except Exception as exc:
        # The process's own counters still matter (most of all during an outage).
        if not (db.is_outage(exc) or isinstance(exc, TimeoutError)):
            raise
        metrics.STATE_READ_FAILURES.inc()
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

"""Auditors' routes: cases of their scope, traces, replays, the audit log's verification.

Auditors read; they never change anything. The only POST here, replay, runs in a sandbox
that cannot write (graphs/replay.py); every other write method on these paths is 403.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

from api.auth import AuthError, Principal
from api.deps import PrincipalDep, ServicesDep, authenticate, log_out
from api.problems import responses
from api.schemas import DECIMAL, UUID_PATTERN, CaseId, Day, Offset
from graphs.replay import ReplayReport, replay_in_service
from guichet import audit_verify
from guichet.catalogue import Catalogue
from guichet.db import connection
from guichet.errors import Forbidden, NotFound
from guichet.services import Services
from guichet.trace import Trace, TraceStep, build_trace

router = APIRouter(tags=["auditors"])
pages = APIRouter(tags=["auditors"], include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def require_auditor(principal: PrincipalDep) -> Principal:
    if principal.role != "auditor":
        raise HTTPException(403, "this endpoint is for auditors")
    return principal


AuditorDep = Annotated[Principal, Depends(require_auditor)]


def in_scope(who: Principal, procedures: list[str], catalogue: Catalogue) -> bool:
    """An auditor without an authority audits every case; with one, its procedures' cases."""
    if who.authority is None:
        return True
    return any(catalogue.procedure(p).authority == who.authority for p in procedures
               if p in catalogue.procedure_ids)


async def audited_case(services: Services, who: Principal, case_id: UUID | str
                       ) -> dict[str, Any]:
    async with connection(services.pool) as conn:
        cur = await conn.execute("select * from cases where id = %s", (case_id,))
        row = await cur.fetchone()
    # Out of scope gets the same answer as unknown, as for citizens and officers.
    if row is None or not in_scope(who, list(row["procedures"]), services.catalogue):
        raise NotFound("no such case in your scope")
    return dict(row)


class CaseListItem(BaseModel):
    id: str
    citizen_id: str
    status: str
    holder: str
    procedures: list[str]
    created_at: datetime
    settled_at: datetime | None


@router.get("/v1/audit/cases", response_model=list[CaseListItem])
async def list_cases(
    services: ServicesDep, who: AuditorDep,
    since: Annotated[Day | None, Query(description="created on or after (YYYY-MM-DD)")] = None,
    until: Annotated[Day | None, Query(description="created before (YYYY-MM-DD)")] = None,
    limit: Annotated[int, Query(ge=1, le=500), DECIMAL] = 100,
    offset: Offset = 0,
) -> list[CaseListItem]:
    """Cases of the auditor's scope, newest first."""
    authority_procedures = [p.id for p in services.catalogue.procedures
                            if p.authority == who.authority] if who.authority else None
    async with connection(services.pool) as conn:
        cur = await conn.execute(
            "select id, citizen_id, status, holder, procedures, created_at, settled_at from cases"
            " where (%(since)s::date is null or created_at >= %(since)s::date)"
            " and (%(until)s::date is null or created_at < %(until)s::date)"
            " and (%(procs)s::text[] is null or procedures && %(procs)s::text[])"
            " order by created_at desc limit %(limit)s offset %(offset)s",
            {"since": since, "until": until, "procs": authority_procedures, "limit": limit,
             "offset": offset})
        rows = await cur.fetchall()
    return [CaseListItem(**{**r, "id": str(r["id"]), "procedures": list(r["procedures"])})
            for r in rows]


@router.get("/v1/audit/verify", response_model=audit_verify.Verification,
            responses=responses(404))  # a case unknown or out of scope
async def verify(services: ServicesDep, who: AuditorDep,
                 case_id: Annotated[str | None, Query(
                     pattern=UUID_PATTERN, description="one case's chain only")] = None,
                 ) -> audit_verify.Verification:
    """Recompute the hash chain (global, or one case's) and name the first broken event."""
    if case_id is None and who.authority is not None:
        raise Forbidden("the global chain is for auditors without an authority; pass case_id")
    if case_id is not None:
        await audited_case(services, who, case_id)
    async with connection(services.pool) as conn:
        return await audit_verify.verify(conn, case_id=case_id,
                                  public_key=services.audit_public_key())


class TracePage(BaseModel):
    case_id: str
    status: str
    holder: str
    procedures: list[str]
    checkpoints: int
    approvals: list[Any]
    total: int
    offset: int
    limit: int
    steps: list[TraceStep]


def _jsonl(trace: Trace) -> Iterator[str]:
    head = trace.model_dump(mode="json", exclude={"steps"})
    yield json.dumps({"case": head}, ensure_ascii=False) + "\n"
    for step in trace.steps:
        yield step.model_dump_json() + "\n"


@router.get("/v1/cases/{case_id}/trace", response_model=TracePage, responses={
    200: {"content": {"application/x-ndjson": {"schema": {"type": "string"}}}}})
async def trace(
    case_id: CaseId, services: ServicesDep, who: AuditorDep,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=500), DECIMAL] = 100,
    format: Annotated[Literal["json", "jsonl"], Query(
        description="jsonl: the whole trace, a header line then one step per line")] = "json",
) -> Any:
    """The case as ordered steps: node runs from the checkpoints, with their audit events."""
    case = await audited_case(services, who, case_id)
    full = await build_trace(services.pool, services.graph, case)
    if format == "jsonl":
        return StreamingResponse(_jsonl(full), media_type="application/x-ndjson",
                                 headers={"Content-Disposition":
                                          f'attachment; filename="trace-{case_id}.jsonl"'})
    return TracePage(case_id=full.case_id, status=full.status, holder=full.holder,
                     procedures=full.procedures, checkpoints=full.checkpoints,
                     approvals=full.approvals, total=len(full.steps), offset=offset, limit=limit,
                     steps=full.steps[offset:offset + limit])


@router.post("/v1/cases/{case_id}/replay", response_model=ReplayReport,
             responses=responses(409))  # a case not finished yet
async def replay(
    case_id: CaseId, services: ServicesDep, who: AuditorDep,
    model: Annotated[Literal["recorded", "current"], Query(
        description="recorded: the outputs the model gave; current: the model configured now, "
                    "on the recorded inputs")] = "recorded",
) -> ReplayReport:
    """Re-execute a finished case in a sandbox and compare it with the original, step by step."""
    case = await audited_case(services, who, case_id)
    return await replay_in_service(services, case,
                                   model=services.model if model == "current" else None)


@router.api_route("/v1/audit/{rest:path}", methods=["POST", "PUT", "PATCH", "DELETE"],
                  include_in_schema=False)
@router.api_route("/v1/cases/{case_id}/trace", methods=["POST", "PUT", "PATCH", "DELETE"],
                  include_in_schema=False)
async def refused_write(who: AuditorDep) -> None:
    """The audit log and traces are read-only, for everyone."""
    raise Forbidden("auditors read; the audit log and traces cannot be changed")


COOKIE = "guichet_token"  # the name api/deps.py reads; scoped to /audit by its path


@pages.get("/audit/login", response_class=HTMLResponse)
async def login_page(request: Request) -> Response:
    """The auditor's login form. A token never travels in the address (logs, history): a
    `?token=` is refused, and not read."""
    if "token" in request.query_params:
        return _login_form(request, "Le jeton ne passe pas dans l'adresse : collez-le dans le "
                                    "formulaire.", 400)
    return _login_form(request, None, 200)


@pages.post("/audit/login", response_class=HTMLResponse)
async def login_form(request: Request, services: ServicesDep,
                     token: Annotated[str, Form(max_length=4000)]) -> Response:
    return await _login(request, services, token.strip())


@pages.post("/audit/logout")
async def logout(request: Request, services: ServicesDep) -> Response:
    """Revoke the session's token (a copy of the cookie is useless afterwards), then forget it."""
    await log_out(services, request.cookies.get(COOKIE))
    out = RedirectResponse("/audit/login", status_code=303)
    out.delete_cookie(COOKIE, path="/audit")
    return out


def _login_form(request: Request, error: str | None, status: int) -> HTMLResponse:
    return templates.TemplateResponse(request, "audit/login.html", {"error": error},
                                      status_code=status)


async def _login(request: Request, services: Services, token: str) -> Response:
    try:
        who = await authenticate(services, token)
    except AuthError:
        return _login_form(request, "Jeton invalide ou expiré.", 401)
    if who.role != "auditor":
        return _login_form(request, "Ces pages sont réservées aux auditeurs.", 403)
    out = RedirectResponse("/audit", status_code=303)
    out.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/audit",
                   secure=services.settings.env == "prod",
                   max_age=max(0, who.exp - int(time.time())))
    return out


@pages.get("/audit", response_class=HTMLResponse)
async def cases_page(request: Request, services: ServicesDep, who: AuditorDep,
                     offset: Offset = 0) -> HTMLResponse:
    """The cases of the auditor's scope, newest first, each linked to its timeline."""
    rows = await list_cases(services, who, limit=100, offset=offset)
    return templates.TemplateResponse(request, "audit/cases.html",
                                      {"cases": rows, "who": who, "offset": offset})


@pages.get("/audit/cases/{case_id}", response_class=HTMLResponse)
async def trace_page(request: Request, case_id: CaseId, services: ServicesDep,
                     who: AuditorDep) -> HTMLResponse:
    """A case's timeline for a person: each step expandable, decisions highlighted."""
    case = await audited_case(services, who, case_id)
    full = await build_trace(services.pool, services.graph, case)
    async with connection(services.pool) as conn:
        check = await audit_verify.verify(conn, case_id=case_id,
                                   public_key=services.audit_public_key())
    return templates.TemplateResponse(request, "audit/case.html", {
        "trace": full, "verify": check,
        "dump": lambda v: json.dumps(v, ensure_ascii=False, indent=2, default=str)})

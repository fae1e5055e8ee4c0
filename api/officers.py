"""Officers' routes: the approval inbox and decisions, handoffs and takeover, oversight stats."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from api.auth import Principal
from api.deps import OfficerDep, PrincipalDep, ServicesDep
from api.problems import PROBLEM, responses
from api.ratelimit import LIMITED, WriteLimit
from api.schemas import (
    DECIMAL,
    TRUE_FALSE,
    ApprovalId,
    CaseId,
    Instant,
    JsonObject,
    Offset,
    Prose,
    Text,
)
from guichet import approvals, handoffs, oversight
from guichet.approvals import AlreadyDecided, ApprovalDetail, ApprovalPage, Decided
from guichet.catalogue import default_catalogue
from guichet.errors import InvalidInput

router = APIRouter(prefix="/v1/approvals", tags=["officers"])
cases_router = APIRouter(tags=["officers"])
stats_router = APIRouter(prefix="/v1/stats", tags=["oversight"])

StatusFilter = Literal["pending", "approved", "edited", "rejected", "cancelled", "decided", "all"]
_STATUSES: dict[str, list[approvals.Status]] = {
    "pending": ["pending"], "approved": ["approved"], "edited": ["edited"],
    "rejected": ["rejected"], "cancelled": ["cancelled"],
    "decided": ["approved", "edited", "rejected"],
    "all": ["pending", "approved", "edited", "rejected", "cancelled"]}


class DecisionBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    decision: Literal["approve", "edit", "reject"]
    args: JsonObject | None = Field(default=None, description="new arguments, for edit")
    comment: Text | None = Field(default=None, max_length=4000,
                                 description="required for reject: the reason sent to the citizen")


class ConflictBody(BaseModel):
    """A problem (RFC 9457) whose `status` is, for compatibility, the request's decision
    (`approved`, `cancelled`…) rather than the HTTP status, which is always 409 here."""

    type: str = "about:blank"
    title: str = "Conflict"
    detail: str
    status: str
    decided_by: str | None
    decided_at: datetime | None


class ReplyBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Prose = Field(min_length=1, max_length=20_000, description="sent to the citizen")


class CloseBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: handoffs.CloseStatus
    reason: Prose = Field(min_length=1, max_length=4000,
                          description="the decision's reasons, sent to the citizen")


# Documented as enumerations, so that a client (or a fuzzer) knows which values exist; still
# checked in code, where an unknown one gets a 422 naming the parameter.
_CATALOGUE = default_catalogue()
_PROCEDURES = {"enum": sorted(_CATALOGUE.procedure_ids)}
_AUTHORITIES = {"enum": sorted(_CATALOGUE.authorities)}


def _authority(who: Principal) -> str:
    assert who.authority is not None  # officers' tokens always name one (api/auth.py)
    return who.authority


@router.get("", response_model=ApprovalPage)
async def inbox(
    services: ServicesDep, who: OfficerDep,
    status: Annotated[StatusFilter, Query()] = "pending",
    procedure: Annotated[Text | None, Query(max_length=60, json_schema_extra=_PROCEDURES)] = None,
    min_age_days: Annotated[int | None, Query(ge=0, le=3650,
                                              description="waiting at least this long"),
                            DECIMAL] = None,
    overdue: Annotated[bool, Query(description="only pending past their silence date"),
                       TRUE_FALSE] = False,
    limit: Annotated[int, Query(ge=1, le=200), DECIMAL] = 50,
    offset: Offset = 0,
) -> ApprovalPage:
    """Action requests of the officer's authority, oldest first."""
    if procedure is not None and procedure not in services.catalogue.procedure_ids:
        raise InvalidInput("procedure", "unknown procedure id")
    return await approvals.inbox(services, authority=_authority(who), statuses=_STATUSES[status],
                                 procedure=procedure, min_age_days=min_age_days,
                                 overdue=overdue, limit=limit, offset=offset)


@router.get("/{approval_id}", response_model=ApprovalDetail)
async def request_detail(approval_id: ApprovalId, services: ServicesDep,
                         who: OfficerDep) -> ApprovalDetail:
    """Everything needed to judge: effect, rationale, evidence, citizen's words, deadline."""
    return await approvals.detail(services, approval_id, authority=_authority(who),
                                  officer=who.sub)


@router.post("/{approval_id}/decision", response_model=Decided, dependencies=[WriteLimit],
             responses={**LIMITED, 409: {"description": "decided already, or lapsed", "content": {
                 PROBLEM: {"schema": {"anyOf": [ConflictBody.model_json_schema(),
                                                {"$ref": "#/components/schemas/Problem"}]}}}}})
async def decide(approval_id: ApprovalId, body: DecisionBody, services: ServicesDep,
                 who: OfficerDep) -> Decided | JSONResponse:
    """Approve, edit or reject; exactly one decision wins (409 with who decided otherwise)."""
    try:
        return await approvals.decide(services, approval_id=approval_id, officer=who.sub,
                                      authority=_authority(who), decision=body.decision,
                                      args=body.args, comment=body.comment)
    except AlreadyDecided as exc:
        return JSONResponse(ConflictBody(detail=str(exc), status=exc.status,
                                         decided_by=exc.decided_by,
                                         decided_at=exc.decided_at).model_dump(mode="json"),
                            status_code=409, media_type=PROBLEM)


@cases_router.get("/v1/handoffs", response_model=handoffs.HandoffPage)
async def handoff_queue(
    services: ServicesDep, who: OfficerDep,
    state: Annotated[handoffs.QueueState, Query()] = "open",
    limit: Annotated[int, Query(ge=1, le=200), DECIMAL] = 50,
    offset: Offset = 0,
) -> handoffs.HandoffPage:
    """Cases handed to the officer's team, with the agent's summary, oldest first."""
    return await handoffs.queue(services, authority=_authority(who), officer=who.sub,
                                state=state, limit=limit, offset=offset)


@cases_router.get("/v1/handoffs/{case_id}", response_model=handoffs.CaseFile)
async def case_file(case_id: CaseId, services: ServicesDep, who: OfficerDep) -> handoffs.CaseFile:
    """A case of the officer's authority as they see it: conversation, effects, history."""
    return await handoffs.case_file(services, case_id, authority=_authority(who))


@cases_router.post("/v1/cases/{case_id}/takeover", response_model=handoffs.CaseFile,
                   dependencies=[WriteLimit], responses={**LIMITED, **responses(409)})
async def takeover(case_id: CaseId, services: ServicesDep, who: OfficerDep) -> handoffs.CaseFile:
    """Hold the case: the agent stops acting on it and its pending requests lapse."""
    return await handoffs.takeover(services, case_id, officer=who.sub,
                                   authority=_authority(who))


@cases_router.post("/v1/cases/{case_id}/reply", status_code=201, dependencies=[WriteLimit],
                   response_model=handoffs.MessageView,
                   responses={**LIMITED, **responses(409)})
async def reply(case_id: CaseId, body: ReplyBody, services: ServicesDep,
                who: OfficerDep) -> handoffs.MessageView:
    """Write to the citizen of a case the officer holds."""
    return await handoffs.reply(services, case_id, officer=who.sub, authority=_authority(who),
                                text=body.text)


@cases_router.post("/v1/cases/{case_id}/close", response_model=handoffs.CaseFile,
                   dependencies=[WriteLimit], responses={**LIMITED, **responses(409)})
async def close(case_id: CaseId, body: CloseBody, services: ServicesDep,
                who: OfficerDep) -> handoffs.CaseFile:
    """Settle a case the officer holds, with its reasons sent to the citizen."""
    return await handoffs.close(services, case_id, officer=who.sub, authority=_authority(who),
                                status=body.status, reason=body.reason)


@stats_router.get("/approvals", response_model=oversight.ApprovalStats,
                  responses=responses(403))  # citizens; officers asking another authority
async def approval_stats(
    services: ServicesDep, who: PrincipalDep,
    since: Annotated[Instant | None, Query(description="requests created since")] = None,
    authority: Annotated[Text | None, Query(max_length=60, json_schema_extra=_AUTHORITIES,
                                            description="auditors: one authority")] = None,
    quick_s: Annotated[int, Query(ge=1, le=86_400), DECIMAL] = 60,
    min_decisions: Annotated[int, Query(ge=1, le=10_000), DECIMAL] = 10,
) -> oversight.ApprovalStats:
    """Time to decision, approval and edit rates and overdue counts, per procedure."""
    if who.role == "citizen":
        raise HTTPException(403, "this endpoint is for officers and auditors")
    known = list(services.catalogue.authorities)
    if authority is not None and authority not in known:
        raise InvalidInput("authority", "unknown authority")
    if who.role == "officer" or who.authority is not None:
        # Officers, and auditors whose token names an authority, see that authority only.
        if authority not in (None, who.authority):
            raise HTTPException(403, f"authority: your token is scoped to {who.authority}")
        scope = [_authority(who)]
    else:
        scope = [authority] if authority else known
    return await oversight.approval_stats(
        services, authorities=scope, since=since,
        thresholds=oversight.Thresholds(quick_s=quick_s, min_decisions=min_decisions,
                                        rubber_stamp_rate=0.95, override_rate=0.5))

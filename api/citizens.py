"""Citizens' routes: submit a demand, follow it, answer the agent's questions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CitizenDep, ServicesDep
from api.problems import responses
from api.ratelimit import LIMITED, WriteLimit
from api.schemas import (
    DECIMAL,
    CaseCreate,
    CaseCreated,
    CaseDetail,
    CaseId,
    CaseSummary,
    MessageCreate,
    MessageCreated,
    Offset,
)
from guichet import cases

router = APIRouter(prefix="/v1/cases", tags=["citizens"])


@router.post("", status_code=202, response_model=CaseCreated, dependencies=[WriteLimit],
             responses={**LIMITED, **responses(404)})  # 404: a citizen unknown to the records
async def submit_case(body: CaseCreate, services: ServicesDep, who: CitizenDep) -> CaseCreated:
    """Submit a demand; it is processed in the background (202 with the case id)."""
    case_id = await cases.create_case(services, citizen_id=who.sub, text=body.text,
                                      channel=body.channel)
    return CaseCreated(id=case_id, status="en_construction", holder="agent")


@router.get("", response_model=list[CaseSummary])
async def my_cases(
    services: ServicesDep, who: CitizenDep,
    limit: Annotated[int, Query(ge=1, le=200), DECIMAL] = 50,
    offset: Offset = 0,
) -> list[CaseSummary]:
    rows = await cases.list_cases(services, who.sub, limit=limit, offset=offset)
    return [CaseSummary(**{**r, "id": str(r["id"]), "procedures": list(r["procedures"])})
            for r in rows]


@router.get("/{case_id}", response_model=CaseDetail)
async def my_case(case_id: CaseId, services: ServicesDep, who: CitizenDep) -> CaseDetail:
    row = await cases.owned_case(services, case_id, who.sub)
    return CaseDetail(**await cases.case_view(services, row))


@router.post("/{case_id}/withdraw", response_model=CaseSummary, dependencies=[WriteLimit],
             responses={**LIMITED, **responses(409)})
async def withdraw(case_id: CaseId, services: ServicesDep, who: CitizenDep) -> CaseSummary:
    """Withdraw an open demand: it is closed without decision (sans_suite)."""
    row = await cases.withdraw(services, case_id=case_id, citizen_id=who.sub)
    return CaseSummary(**{**row, "id": str(row["id"]), "procedures": list(row["procedures"])})


@router.post("/{case_id}/messages", status_code=202, response_model=MessageCreated,
             dependencies=[WriteLimit], responses={**LIMITED, **responses(409)})
async def answer(case_id: CaseId, body: MessageCreate, services: ServicesDep,
                 who: CitizenDep) -> MessageCreated:
    """Write to the case; an answer resumes a case waiting for the citizen."""
    mid = await cases.add_message(services, case_id=case_id, citizen_id=who.sub, text=body.text)
    return MessageCreated(id=mid, case_id=case_id)

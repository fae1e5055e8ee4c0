"""`GET /v1/stats/outreach`: what the proposals against non-take-up became, per procedure."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from api.deps import PrincipalDep, ServicesDep
from api.problems import responses
from guichet import outreach

router = APIRouter(prefix="/v1/stats", tags=["officers"])


class OutreachFigures(BaseModel):
    procedure: str
    sent: int
    accepted: int
    declined: int
    unanswered: int
    granted: int


@router.get("/outreach", response_model=list[OutreachFigures],
            responses=responses(403))
async def outreach_figures(services: ServicesDep, who: PrincipalDep) -> list[OutreachFigures]:
    """Proposals sent, accepted, declined, unanswered and granted, per benefit procedure
    (officers and scoped auditors: their authority's procedures)."""
    if who.role == "citizen":
        raise HTTPException(403, "this endpoint is for officers and auditors")
    rows = await outreach.figures(services, authority=who.authority)
    return [OutreachFigures(**r) for r in rows]

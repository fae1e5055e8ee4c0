"""Officers' routes: the approval inbox of their authority and their decisions."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from api.deps import OfficerDep, ServicesDep
from guichet import approvals
from guichet.db import connection
from guichet.errors import NotFound

router = APIRouter(prefix="/v1/approvals", tags=["officers"])


class DecisionBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    decision: Literal["approve", "edit", "reject"]
    args: dict[str, Any] | None = Field(default=None, description="new arguments, for edit")
    comment: str | None = Field(default=None, max_length=4000,
                                description="required for reject: the reason sent to the citizen")


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if k in ("id", "case_id") else v) for k, v in row.items()}


@router.get("")
async def inbox(
    services: ServicesDep, who: OfficerDep,
    status: Annotated[Literal["pending", "approved", "edited", "rejected"], Query()] = "pending",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[dict[str, Any]]:
    """Action requests of the officer's authority, oldest first."""
    async with connection(services.pool) as conn:
        cur = await conn.execute(
            "select id, case_id, procedure, effect, args, status, created_at, due_at"
            " from approvals where authority = %s and status = %s"
            " order by created_at limit %s offset %s",
            (who.authority, status, limit, offset),
        )
        return [_jsonable(dict(r)) for r in await cur.fetchall()]


@router.get("/{approval_id}")
async def request_detail(approval_id: str, services: ServicesDep,
                         who: OfficerDep) -> dict[str, Any]:
    row = await approvals.get_approval(services, approval_id)
    if row["authority"] != who.authority:
        raise NotFound("no such approval request")
    return _jsonable(row)


@router.post("/{approval_id}/decision")
async def decide(approval_id: str, body: DecisionBody, services: ServicesDep,
                 who: OfficerDep) -> dict[str, Any]:
    """Approve, edit or reject; exactly one decision wins (409 for the others)."""
    assert who.authority is not None
    row = await approvals.decide(services, approval_id=approval_id, officer=who.sub,
                                 authority=who.authority, decision=body.decision,
                                 args=body.args, comment=body.comment)
    return _jsonable(row)

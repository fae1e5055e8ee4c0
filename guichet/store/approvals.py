"""The `approvals` table: officers' approval requests for sensitive effects.

Every write of the table is here: a request (once per request key), a decision (once: the
conditional update is the arbiter between two officers), and the lapse of what nobody
decided yet (a takeover, a withdrawal). So are the reads the engine and the effects' gate
make. The domain's listings (inbox, statistics) read it for display only.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from guichet import audit
from guichet.db import Conn

Row = dict[str, Any]


@dataclass(frozen=True)
class Request:
    """A sensitive call to put before an officer."""

    case_id: str
    request_key: str
    procedure: str
    effect: str
    authority: str
    args: dict[str, Any]
    rationale: str
    evidence: dict[str, Any]
    due_at: datetime


async def request(conn: Conn, *, req: Request) -> str:
    """The request's id; a new request is audited (`approval.requested`), a repeat is not."""
    async with conn.transaction():
        cur = await conn.execute(
            "insert into approvals (id, case_id, request_key, procedure, effect, authority,"
            " args, rationale, evidence, due_at) values (%s, %s, %s, %s, %s, %s, %s::jsonb,"
            " %s, %s::jsonb, %s) on conflict (request_key) do nothing returning id",
            (uuid.uuid4(), req.case_id, req.request_key, req.procedure, req.effect,
             req.authority, json.dumps(req.args, ensure_ascii=False), req.rationale,
             json.dumps(req.evidence, ensure_ascii=False), req.due_at))
        row = await cur.fetchone()
        if row is not None:
            await audit.append(conn, case_id=req.case_id, actor="agent",
                               kind="approval.requested",
                               data={"approval_id": str(row["id"]), "effect": req.effect,
                                     "args": req.args, "authority": req.authority})
            return str(row["id"])
        cur = await conn.execute("select id from approvals where request_key = %s",
                                 (req.request_key,))
        found = await cur.fetchone()
    assert found is not None
    return str(found["id"])


async def decide(conn: Conn, *, approval_id: str, status: str, final_args: dict[str, Any],
                 officer: str, comment: str | None) -> Row | None:
    """Record the decision if the request is still pending; None if someone decided first."""
    cur = await conn.execute(
        "update approvals set status = %s, final_args = %s::jsonb, decided_by = %s,"
        " decided_at = now(), comment = %s where id = %s and status = 'pending'"
        " returning status, decided_by, decided_at, comment, final_args",
        (status, json.dumps(final_args, ensure_ascii=False), officer, comment, approval_id))
    row = await cur.fetchone()
    return dict(row) if row else None


async def decide_implicitly(conn: Conn, *, approval_id: str, final_args: dict[str, Any],
                            by: str, at: datetime, comment: str) -> Row | None:
    """An approval by the law's reading of silence, dated the day it was born; None if an
    officer decided first (their decision stands)."""
    cur = await conn.execute(
        "update approvals set status = 'approved', final_args = %s::jsonb, decided_by = %s,"
        " decided_at = %s, comment = %s where id = %s and status = 'pending'"
        " returning status, decided_by, decided_at, comment, final_args",
        (json.dumps(final_args, ensure_ascii=False), by, at, comment, approval_id))
    row = await cur.fetchone()
    return dict(row) if row else None


async def lapse_pending(conn: Conn, *, case_id: UUID | str, by: str | None = None,
                        comment: str | None = None, authority: str | None = None) -> list[str]:
    """Requests nobody decided yet no longer need a decision; returns their ids.

    `authority`: only that authority's requests (an officer's takeover lapses their own).
    """
    cur = await conn.execute(
        "update approvals set status = 'cancelled', decided_by = coalesce(%s, decided_by),"
        " decided_at = case when %s::text is null then decided_at else now() end,"
        " comment = coalesce(%s, comment) where case_id = %s and status = 'pending'"
        " and (%s::text is null or authority = %s) returning id::text",
        (by, by, comment, case_id, authority, authority))
    return [r["id"] for r in await cur.fetchall()]


async def get(conn: Conn, *, approval_id: UUID | str) -> Row | None:
    cur = await conn.execute("select * from approvals where id = %s", (approval_id,))
    row = await cur.fetchone()
    return dict(row) if row else None


async def decided_rows(conn: Conn, *, ids: list[str]) -> dict[str, Row]:
    """The rows of these requests, by id, with what the officers decided."""
    cur = await conn.execute(
        "select id, case_id, effect, status, final_args, decided_by, decided_at, comment"
        " from approvals where id = any(%s::uuid[])", (ids,))
    return {str(r["id"]): dict(r) for r in await cur.fetchall()}


async def all_decided(conn: Conn, *, ids: list[str]) -> bool:
    """Every one of these requests is decided (and there is at least one)."""
    cur = await conn.execute(
        "select count(*) filter (where status = 'pending') as waiting, count(*) as n"
        " from approvals where id = any(%s::uuid[])", (ids,))
    row = await cur.fetchone()
    return bool(row and row["n"] and row["waiting"] == 0)

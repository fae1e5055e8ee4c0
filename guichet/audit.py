"""Append-only audit events, hash-chained per case and globally."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any
from uuid import UUID

from guichet.db import Conn

# Serialises appends so the global chain has one successor per event.
_AUDIT_LOCK_KEY = 0x6175646974
GENESIS = "0" * 64


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def event_hash(
    *, prev_hash: str, case_prev_hash: str | None, case_id: UUID | str | None, at: datetime,
    actor: str, kind: str, data: dict[str, Any],
) -> str:
    body = _canonical(
        {"prev": prev_hash, "case_prev": case_prev_hash,
         "case": str(case_id) if case_id else None,
         "at": at.isoformat(), "actor": actor, "kind": kind, "data": data}
    )
    return hashlib.sha256(body.encode()).hexdigest()


async def append(
    conn: Conn, *, case_id: UUID | str | None, actor: str, kind: str, data: dict[str, Any]
) -> int:
    """Append one event; the caller's data must already be free of raw identifiers."""
    async with conn.transaction():
        await conn.execute("select pg_advisory_xact_lock(%s)", (_AUDIT_LOCK_KEY,))
        cur = await conn.execute(
            "select hash, now() as now from audit_events order by id desc limit 1"
        )
        row = await cur.fetchone()
        prev = row["hash"] if row else GENESIS
        case_prev: str | None = None
        if case_id is not None:
            cur = await conn.execute(
                "select hash from audit_events where case_id = %s order by id desc limit 1",
                (case_id,),
            )
            crow = await cur.fetchone()
            case_prev = crow["hash"] if crow else GENESIS
        cur = await conn.execute("select date_trunc('milliseconds', clock_timestamp()) as at")
        at_row = await cur.fetchone()
        assert at_row is not None
        at: datetime = at_row["at"]
        digest = event_hash(
            prev_hash=prev, case_prev_hash=case_prev, case_id=case_id, at=at, actor=actor,
            kind=kind, data=data,
        )
        cur = await conn.execute(
            "insert into audit_events (case_id, at, actor, kind, data, prev_hash,"
            " case_prev_hash, hash) values (%s, %s, %s, %s, %s::jsonb, %s, %s, %s)"
            " returning id",
            (case_id, at, actor, kind, _canonical(data), prev, case_prev, digest),
        )
        out = await cur.fetchone()
        assert out is not None
        return int(out["id"])

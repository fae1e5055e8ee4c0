"""Append-only audit events, hash-chained per case and globally, and their verification."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel

from guichet.db import Conn

# Serialises appends so the global chain has one successor per event.
AUDIT_LOCK_KEY = 0x6175646974
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
         # In UTC so that a verifier whose session has another TimeZone gets the same text.
         "at": at.astimezone(UTC).isoformat(), "actor": actor, "kind": kind, "data": data}
    )
    return hashlib.sha256(body.encode()).hexdigest()


async def append(
    conn: Conn, *, case_id: UUID | str | None, actor: str, kind: str, data: dict[str, Any]
) -> int:
    """Append one event; the caller's data must already be free of raw identifiers."""
    async with conn.transaction():
        # lock_timeout: a holder that vanished must not freeze every writer; they fail (503
        # at the API, a retry in a worker) until the server drops its session.
        await conn.execute("select set_config('lock_timeout', '10s', true),"
                           " pg_advisory_xact_lock(%s)", (AUDIT_LOCK_KEY,))
        # One round trip for both chain heads and the time: appends are serialised by the
        # lock above, so every statement spent here is time other workers wait.
        cur = await conn.execute(
            "select (select hash from audit_events order by id desc limit 1) as prev,"
            " (select hash from audit_events where case_id = %s order by id desc limit 1)"
            " as case_prev, date_trunc('milliseconds', clock_timestamp()) as at",
            (case_id,),
        )
        row = await cur.fetchone()
        assert row is not None
        prev = row["prev"] or GENESIS
        case_prev: str | None = None if case_id is None else (row["case_prev"] or GENESIS)
        at: datetime = row["at"]
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


class BrokenEvent(BaseModel):
    """The first event whose stored hash or links disagree with what is recomputed."""

    id: int
    case_id: str | None
    kind: str
    chain: Literal["global", "case"]
    reason: str


class Verification(BaseModel):
    ok: bool
    scope: Literal["global", "case"]
    case_id: str | None = None
    checked: int
    head: str  # the last good hash: note it to detect a later truncation of the tail
    first_broken: BrokenEvent | None = None


_BATCH = 1000


def _recompute(row: dict[str, Any]) -> str:
    return event_hash(prev_hash=row["prev_hash"], case_prev_hash=row["case_prev_hash"],
                      case_id=row["case_id"], at=row["at"], actor=row["actor"],
                      kind=row["kind"], data=row["data"])


def _broken(row: dict[str, Any], chain: Literal["global", "case"], reason: str) -> BrokenEvent:
    return BrokenEvent(id=int(row["id"]), case_id=str(row["case_id"]) if row["case_id"] else None,
                       kind=row["kind"], chain=chain, reason=reason)


async def verify(conn: Conn, *, case_id: UUID | str | None = None) -> Verification:
    """Recompute the chain (the global one, or one case's) and name the first broken event.

    A changed row breaks its own hash; a removed or inserted row breaks the link of the
    next one. Removing the very last events leaves no successor to notice: compare `head`
    with a value noted earlier for that.
    """
    scope: Literal["global", "case"] = "global" if case_id is None else "case"
    where, params = ("", ()) if case_id is None else ("case_id = %s and", (case_id,))
    last_global: str | None = None
    last_case: dict[str, str] = {}
    head, checked, after = GENESIS, 0, 0
    while True:
        cur = await conn.execute(
            "select id, case_id, at, actor, kind, data, prev_hash, case_prev_hash, hash"
            f" from audit_events where {where} id > %s order by id limit {_BATCH}",
            (*params, after),
        )
        rows = await cur.fetchall()
        if not rows:
            break
        for row in rows:
            after = int(row["id"])
            if _recompute(row) != row["hash"]:
                return Verification(ok=False, scope=scope, case_id=_s(case_id), checked=checked,
                                    head=head, first_broken=_broken(
                                        row, scope, "contenu modifié : le hash recalculé "
                                        "ne correspond pas au hash enregistré"))
            if scope == "global":
                expected = last_global if last_global is not None else GENESIS
                if row["prev_hash"] != expected:
                    return Verification(ok=False, scope=scope, checked=checked, head=head,
                                        first_broken=_broken(row, "global", _link_reason()))
                last_global = row["hash"]
            cid = str(row["case_id"]) if row["case_id"] else None
            if cid is not None and row["case_prev_hash"] != last_case.get(cid, GENESIS):
                return Verification(ok=False, scope=scope, case_id=_s(case_id), checked=checked,
                                    head=head, first_broken=_broken(row, "case", _link_reason()))
            if cid is not None:
                last_case[cid] = row["hash"]
            head = row["hash"]
            checked += 1
    return Verification(ok=True, scope=scope, case_id=_s(case_id), checked=checked, head=head)


def _link_reason() -> str:
    return ("chaînage rompu : le hash précédent ne correspond pas à l'événement précédent "
            "(événement supprimé, inséré ou réordonné avant celui-ci)")


def _s(value: UUID | str | None) -> str | None:
    return str(value) if value is not None else None


async def case_events(conn: Conn, case_id: UUID | str) -> list[dict[str, Any]]:
    """A case's events in order, as stored."""
    cur = await conn.execute(
        "select id, case_id, at, actor, kind, data, hash from audit_events where case_id = %s"
        " order by id", (case_id,),
    )
    return [dict(r) for r in await cur.fetchall()]

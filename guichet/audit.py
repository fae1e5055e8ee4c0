"""Append-only audit events, hash-chained per case on the hot path.

An append takes no global lock: `audit_append` (migration 003) serialises the appends of one
case with an advisory lock keyed by the case and links each event to the case's previous
one. The global chain is built later, off the hot path, by the sealer (`guichet.audit_seal`);
verification of both chains lives in `guichet.audit_verify`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from guichet.db import Conn

# Advisory lock class of a case's chain: (class, hashtext(case id)), held for one transaction.
CASE_CHAIN_LOCK_CLASS = 1635083363
GENESIS = "0" * 64


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _utc(at: datetime) -> str:
    # In UTC so that a verifier whose session has another TimeZone gets the same text.
    return at.astimezone(UTC).isoformat()


def content_hash(*, case_id: UUID | str | None, at: datetime, actor: str, kind: str,
                 data: dict[str, Any]) -> str:
    """The event's own digest, without any link (version 2 events)."""
    body = canonical({"case": str(case_id) if case_id else None, "at": _utc(at),
                      "actor": actor, "kind": kind, "data": data})
    return hashlib.sha256(body.encode()).hexdigest()


def link_hash(prev: str, content: str) -> str:
    """What `audit_append` stores as the event's hash: sha256(previous hash || content)."""
    return hashlib.sha256((prev + content).encode()).hexdigest()


def legacy_hash(*, prev_hash: str, case_prev_hash: str | None, case_id: UUID | str | None,
                at: datetime, actor: str, kind: str, data: dict[str, Any]) -> str:
    """Version 1 events (written before the sealer): both links inside the digest."""
    body = canonical({"prev": prev_hash, "case_prev": case_prev_hash,
                      "case": str(case_id) if case_id else None, "at": _utc(at),
                      "actor": actor, "kind": kind, "data": data})
    return hashlib.sha256(body.encode()).hexdigest()


def stored_hash(row: dict[str, Any]) -> str:
    """The hash a row should hold, recomputed from its fields and its stored link."""
    if row["v"] == 1:
        return legacy_hash(prev_hash=row["prev_hash"], case_prev_hash=row["case_prev_hash"],
                           case_id=row["case_id"], at=row["at"], actor=row["actor"],
                           kind=row["kind"], data=row["data"])
    return link_hash(row["case_prev_hash"] or GENESIS, content_hash(
        case_id=row["case_id"], at=row["at"], actor=row["actor"], kind=row["kind"],
        data=row["data"]))


@dataclass(frozen=True)
class Event:
    """One event to append; `data` must already be free of raw identifiers."""

    actor: str
    kind: str
    data: dict[str, Any]
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


def payload(case_id: UUID | str | None, events: Sequence[Event]) -> str:
    # Round-tripped through JSON first so that the digest is that of what jsonb will hold.
    return canonical([
        {"at": _utc(e.at), "actor": e.actor, "kind": e.kind, "data": data,
         "content": content_hash(case_id=case_id, at=e.at, actor=e.actor, kind=e.kind,
                                 data=data)}
        for e in events for data in (json.loads(canonical(e.data)),)])


async def append_many(conn: Conn, *, case_id: UUID | str | None,
                      events: Sequence[Event]) -> int | None:
    """Append the events of one case in one statement; returns the last id (None if none)."""
    if not events:
        return None
    cur = await conn.execute("select audit_append(%s, %s::jsonb) as id",
                             (case_id, payload(case_id, events)))
    row = await cur.fetchone()
    assert row is not None
    return int(row["id"])


async def append(
    conn: Conn, *, case_id: UUID | str | None, actor: str, kind: str, data: dict[str, Any]
) -> int:
    """Append one event; the caller's data must already be free of raw identifiers."""
    out = await append_many(conn, case_id=case_id, events=[Event(actor, kind, data)])
    assert out is not None
    return out


async def case_events(conn: Conn, case_id: UUID | str) -> list[dict[str, Any]]:
    """A case's events in order, as stored."""
    cur = await conn.execute(
        "select id, case_id, at, actor, kind, data, hash from audit_events where case_id = %s"
        " order by id", (case_id,),
    )
    return [dict(r) for r in await cur.fetchall()]

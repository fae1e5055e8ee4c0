"""Cases as the citizen sees them: submit, answer, follow."""

from __future__ import annotations

import uuid
from typing import Any

from graphs import casedb
from guichet import audit, queue
from guichet.db import Conn, connection
from guichet.deps import Deps
from guichet.errors import Conflict, InvalidInput, NotFound, TooLarge
from guichet.store import approvals, messages
from guichet.store import attachments as attached
from guichet.store import cases as case_rows

CHANNELS = ("api", "email", "chat", "web", "sms")


def check_text(services: Deps, text: str) -> str:
    if len(text) > services.settings.max_text_chars:
        raise TooLarge("text", f"{len(text)} characters, at most "
                               f"{services.settings.max_text_chars}")
    stripped = text.strip()
    if not stripped:
        raise InvalidInput("text", "empty")
    return stripped


async def create_case(services: Deps, *, citizen_id: str, text: str, channel: str,
                      attachments: list[attached.Checked] | None = None) -> str:
    """Record the demand (and its files, checked by the caller) and queue its run; returns
    at once with the case id. The files are kept in the demand's own transaction: a demand
    is never recorded without the files sent with it."""
    body = check_text(services, text)
    if channel not in CHANNELS:
        raise InvalidInput("channel", f"one of {', '.join(CHANNELS)}")
    async with connection(services.pool) as conn, conn.transaction():
        return await open_case(conn, citizen_id=citizen_id, channel=channel, body=body,
                               attachments=attachments)


async def open_case(conn: Conn, *, citizen_id: str, channel: str, body: str,
                    attachments: list[attached.Checked] | None = None) -> str:
    """The case, its first message and its job, in the caller's transaction (a door that
    records what it received in the same transaction calls this; others create_case)."""
    case_id = str(uuid.uuid4())
    await open_case_in(conn, case_id=case_id, citizen_id=citizen_id, body=body,
                       channel=channel, attachments=attachments)
    return case_id


async def open_case_in(conn: Conn, *, case_id: str, citizen_id: str, body: str,
                       channel: str, attachments: list[attached.Checked] | None = None
                       ) -> int:
    """Within the caller's transaction: the case, its first message (its id returned) and
    its run. For callers that record more in the same transaction (an inbound mail)."""
    if channel not in CHANNELS:
        raise InvalidInput("channel", f"one of {', '.join(CHANNELS)}")
    cur = await conn.execute("select 1 from citizens where id = %s", (citizen_id,))
    if await cur.fetchone() is None:
        raise NotFound(f"citizen {citizen_id} is unknown")
    await case_rows.insert(conn, case_id=case_id, citizen_id=citizen_id, channel=channel)
    out = await messages.add(conn, case_id=case_id, author="citizen", channel=channel,
                             body=body)
    # The files sent with the demand go in its own transaction: never a demand without them.
    kept = await attached.add(conn, case_id=case_id, message_id=int(out["id"]),
                              files=attachments or [])
    await audit.append(conn, case_id=case_id, actor="citizen", kind="case.created",
                       data={"channel": channel, "chars": len(body), "attachments": len(kept)})
    await queue.defer(conn, case_id)
    return int(out["id"])


async def owned_case(services: Deps, case_id: str, citizen_id: str | None) -> dict[str, Any]:
    """The case row, if it exists and (for a citizen) is theirs; NotFound otherwise."""
    try:
        uuid.UUID(case_id)
    except ValueError:
        raise NotFound("no such case") from None
    row = await casedb.case_row(services.pool, case_id)
    if row is None or (citizen_id is not None and row["citizen_id"] != citizen_id):
        raise NotFound("no such case")
    return row


async def add_message(services: Deps, *, case_id: str, citizen_id: str, text: str,
                      channel: str = "api",
                      attachments: list[attached.Checked] | None = None) -> int:
    body = check_text(services, text)
    row = await owned_case(services, case_id, citizen_id)
    if row["settled_at"] is not None:
        raise Conflict(f"the case is closed ({row['status']}); submit a new demand")
    async with connection(services.pool) as conn, conn.transaction():
        return await record_message(conn, case_id=case_id, channel=channel, body=body,
                                    attachments=attachments)


async def record_message(conn: Conn, *, case_id: str, channel: str, body: str,
                         attachments: list[attached.Checked] | None = None) -> int:
    """A citizen's message on an open case (and its files) and the job that takes it in, in
    the caller's transaction. Whatever the channel, the agent reads the case's messages in
    one order."""
    out = await messages.add(conn, case_id=case_id, author="citizen", channel=channel,
                             body=body)
    await attached.add(conn, case_id=case_id, message_id=int(out["id"]),
                       files=attachments or [])
    # The citizen's own words stay in case_messages; the event says one arrived, so that
    # everyone following the case sees it in order (guichet/case_events.py).
    await audit.append(conn, case_id=case_id, actor="citizen", kind="message.received",
                       data={"message_id": int(out["id"]), "channel": channel})
    await queue.defer(conn, case_id)
    return int(out["id"])


async def withdraw(services: Deps, *, case_id: str, citizen_id: str) -> dict[str, Any]:
    """The citizen withdraws an open demand: closed without decision, nothing more runs."""
    await owned_case(services, case_id, citizen_id)
    async with connection(services.pool) as conn, conn.transaction():
        if not await case_rows.withdraw(conn, case_id=case_id):
            raise Conflict("the case is already closed")
        # Requests an officer has not decided yet no longer need a decision.
        await approvals.lapse_pending(conn, case_id=case_id)
        await audit.append(conn, case_id=case_id, actor="citizen", kind="case.withdrawn",
                           data={})
        await audit.append(conn, case_id=case_id, actor="citizen", kind="status",
                           data={"status": "sans_suite", "holder": "agent",
                                 "reason": "demande retirée par l'usager"})
    row = await owned_case(services, case_id, citizen_id)
    return row


async def list_cases(services: Deps, citizen_id: str, *, limit: int = 50,
                     offset: int = 0) -> list[dict[str, Any]]:
    async with connection(services.pool) as conn:
        cur = await conn.execute(
            "select id, status, holder, holder_reason, procedures, created_at, updated_at"
            " from cases where citizen_id = %s order by created_at desc limit %s offset %s",
            (citizen_id, limit, offset),
        )
        return [dict(r) for r in await cur.fetchall()]


async def case_view(services: Deps, row: dict[str, Any]) -> dict[str, Any]:
    """Everything the citizen may see of their case."""
    case_id = row["id"]
    async with connection(services.pool) as conn:
        conversation = await messages.of_case(conn, case_id=case_id)
        cur = await conn.execute(
            "select kind, channel, subject, body, status, created_at from notifications"
            " where case_id = %s order by id", (case_id,),
        )
        notifications = [dict(r) for r in await cur.fetchall()]
        cur = await conn.execute(
            "select effect, procedure, result, created_at from effects where case_id = %s"
            " order by id", (case_id,),
        )
        effects = [dict(r) for r in await cur.fetchall()]
        cur = await conn.execute(
            "select id, procedure, effect, status, comment, decided_at, rationale"
            " from approvals where case_id = %s order by created_at", (case_id,),
        )
        approvals = [dict(r) for r in await cur.fetchall()]
        cur = await conn.execute(
            "select procedure, rules from case_procedures where case_id = %s", (case_id,),
        )
        rules = {r["procedure"]: r["rules"] for r in await cur.fetchall()}
    decisions = []
    for a in approvals:
        r = rules.get(a["procedure"]) or {}
        decisions.append({
            "procedure": a["procedure"], "effect": a["effect"], "status": a["status"],
            "decided_at": a["decided_at"], "comment": a["comment"],
            "reasons": r.get("reasons") or [], "rule": r.get("rule"),
        })
    return {
        "id": str(case_id), "status": row["status"], "holder": row["holder"],
        "holder_reason": row["holder_reason"], "procedures": list(row["procedures"]),
        "channel": row["channel"], "created_at": row["created_at"],
        "updated_at": row["updated_at"], "messages": conversation,
        "notifications": notifications, "effects": effects, "decisions": decisions,
    }


async def attachments_of(services: Deps, case_id: str) -> list[dict[str, Any]]:
    """The files kept with the case (names, types, sizes), without their bytes."""
    async with connection(services.pool) as conn:
        return await attached.listed(conn, case_id)


async def attachment_content(services: Deps, case_id: str,
                             attachment_id: int) -> dict[str, Any] | None:
    if not 0 < attachment_id < 2**63:
        return None
    async with connection(services.pool) as conn:
        return await attached.content(conn, case_id=case_id, attachment_id=attachment_id)

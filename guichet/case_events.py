"""A case's live events, as its citizen, officers and auditors may follow them.

The audit log is already the case's ordered history, shared by every API process and
worker: the events are read from it, not kept in any process's memory. Within a case its
ids only grow, and in commit order (each append takes the case's advisory lock until its
transaction ends), so "every event after id N" is exact: a client that reconnects with the
last id it saw gets what it missed, none twice.

Only the kinds a person following the case cares about are events; model calls, tool calls
and record reads stay in the trace for auditors.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from guichet.db import Pool, connection

Viewer = Literal["citizen", "officer", "auditor"]

# audit kind -> the event's name on the stream
EVENTS = {
    "case.created": "received",
    "message.received": "message",
    "officer.message": "message",
    "status": "status",
    "case.taken": "holder",
    "notification": "notice",
    "approval.decided": "decision",
    "procedure.settled": "decision",
    "case.closed": "decision",
    "case.withdrawn": "withdrawn",
    "silence.accord": "decision",
    "silence.rejet": "decision",
}

# Bodies of letters and messages are joined from their own tables: the audit event holds
# only their key. Auditors read the redacted trace instead, so they get none.
_AFTER = """
select e.id, e.at, e.actor, e.kind, e.data, n.body as notice_body, m.body as message_body,
       m.author as message_author, m.channel as message_channel
  from audit_events e
  left join notifications n on e.kind = 'notification' and n.idem_key = e.data ->> 'key'
  left join case_messages m on e.kind in ('message.received', 'officer.message')
                           and m.id = (e.data ->> 'message_id')::bigint
 where e.case_id = %(case)s and e.id > %(after)s and e.kind = any(%(kinds)s)
 order by e.id
 limit %(limit)s
"""


@dataclass(frozen=True)
class CaseEvent:
    id: int
    event: str
    data: dict[str, Any]


async def after(pool: Pool, case_id: str, last_id: int, *, viewer: Viewer,
                limit: int = 200) -> list[CaseEvent]:
    """The case's events after `last_id`, oldest first, as `viewer` may see them."""
    async with connection(pool) as conn:
        cur = await conn.execute(_AFTER, {"case": case_id, "after": last_id,
                                          "kinds": list(EVENTS), "limit": limit})
        rows = await cur.fetchall()
    return [CaseEvent(id=int(r["id"]), event=EVENTS[r["kind"]], data=_data(r, viewer))
            for r in rows]


def _data(row: dict[str, Any], viewer: Viewer) -> dict[str, Any]:
    at: datetime = row["at"]
    data: dict[str, Any] = row["data"] or {}
    out: dict[str, Any] = {"kind": row["kind"], "at": at.isoformat(), "actor": _actor(row)}
    match row["kind"]:
        case "case.created":
            out["channel"] = data.get("channel")
        case "status":
            out |= {k: data.get(k) for k in ("status", "holder", "reason")}
        case "case.taken":
            out["holder"] = "officer"
        case "notification":
            out |= {k: data.get(k) for k in ("kind", "channel", "subject")}
            if viewer != "auditor":
                out["body"] = row["notice_body"]
        case "message.received" | "officer.message":
            out |= {"author": row["message_author"], "channel": row["message_channel"],
                    "message_id": data.get("message_id")}
            if viewer != "auditor":
                out["body"] = row["message_body"]
        case "approval.decided":
            out |= {k: data.get(k) for k in ("effect", "decision")}
        case "silence.accord" | "silence.rejet":
            out |= {k: data.get(k) for k in ("procedure", "means", "born_on", "legal_basis")}
        case "procedure.settled" | "case.closed":
            out |= {k: data.get(k) for k in ("status", "procedures", "still_open")}
            if viewer != "auditor":
                out["reason"] = data.get("reason")
    return out


def _actor(row: dict[str, Any]) -> str:
    # Which kind of actor, not who: an officer's name is for the case file, not the stream.
    return str(row["actor"]).split(":", 1)[0]

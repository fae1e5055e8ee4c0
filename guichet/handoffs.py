"""Cases handed to humans: the queue, an officer's view of a case, takeover, reply, close."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

from guichet import audit, scope
from guichet import queue as jobs
from guichet.db import Conn, connection
from guichet.deps import Deps
from guichet.errors import Conflict, Forbidden, InvalidInput, NotFound
from guichet.store import approvals, messages
from guichet.store import cases as case_rows
from tools import notify
from tools.notices import preferred_channel

QueueState = Literal["open", "taken", "mine", "closed", "all"]
CloseStatus = Literal["accepte", "refuse", "sans_suite"]
# Model calls and successful tool calls are the auditor's business; an officer's history
# keeps what happened to the case.
_QUIET = ("model.call",)


class MessageView(BaseModel):
    id: int
    author: str
    channel: str
    body: str
    at: datetime


class HistoryEntry(BaseModel):
    at: datetime
    actor: str
    kind: str
    text: str


class Handoff(BaseModel):
    procedure: str | None
    team: str
    summary: str
    at: datetime


class HandoffItem(BaseModel):
    case_id: str
    status: str
    holder: str
    holder_reason: str
    procedures: list[str]
    team: str
    summary: str  # the agent's summary, for triage
    handoffs: list[Handoff]
    taken_by: str | None
    received_at: datetime
    handed_at: datetime


class HandoffPage(BaseModel):
    items: list[HandoffItem]
    total: int
    limit: int
    offset: int


class CaseFile(HandoffItem):
    citizen_id: str
    channel: str
    conversation: list[MessageView]
    effects: list[dict[str, Any]]
    approvals: list[dict[str, Any]]
    notifications: list[dict[str, Any]]
    history: list[HistoryEntry]


async def case_messages(services: Deps, case_id: str) -> list[MessageView]:
    async with connection(services.pool) as conn:
        return [MessageView(id=r["id"], author=r["author"], channel=r["channel"],
                            body=r["body"], at=r["created_at"])
                for r in await messages.of_case(conn, case_id=case_id)]


def _describe(kind: str, actor: str, data: dict[str, Any]) -> str | None:
    match kind:
        case "case.created":
            return f"Demande reçue (canal {data.get('channel')})"
        case "status":
            return f"Statut : {data.get('status')}, tenu par {data.get('holder')} : {data.get('reason')}"
        case "records.read":
            return f"Lecture du dossier {data.get('source')} ({', '.join(data.get('fields') or [])})"
        case "records.refused":
            return f"Lecture refusée : {data.get('source')}"
        case "rules":
            eligible = data.get("eligible")
            verdict = ("à examiner" if eligible is None
                       else "éligible" if eligible else "non éligible")
            return f"Règles appliquées : {data.get('rule')} ; résultat : {verdict}"
        case "tool.call":
            return None if data.get("outcome") == "ok" else (
                f"Appel d'outil {data.get('outcome')} : {data.get('tool')}")
        case "approval.requested":
            return f"Validation demandée : {data.get('effect')}"
        case "approval.viewed":
            return None
        case "approval.decided":
            return f"Décision ({data.get('decision')}) sur {data.get('effect')}" + (
                f" : {data['comment']}" if data.get("comment") else "")
        case "effect":
            return f"Effet exécuté : {data.get('effect')}"
        case "notification":
            return f"Message à l'usager ({data.get('channel')}) : {data.get('subject')}"
        case "case.taken":
            return "Dossier pris en charge par un agent"
        case "officer.message":
            return "Message de l'agent à l'usager"
        case "case.closed":
            return f"Dossier clos ({data.get('status')}) : {data.get('reason')}"
    return f"{kind} ({actor})"


async def case_history(services: Deps, case_id: str, *,
                       authority: str | None = None) -> list[HistoryEntry]:
    """The case's history; for an officer, other authorities' requests without contents."""
    async with connection(services.pool) as conn:
        cur = await conn.execute(
            "select at, actor, kind, data from audit_events where case_id = %s"
            " and kind <> all(%s) order by id", (case_id, list(_QUIET)))
        rows = await cur.fetchall()
        cur = await conn.execute("select id::text, authority from approvals where case_id = %s",
                                 (case_id,))
        owner = {r["id"]: r["authority"] for r in await cur.fetchall()}
    out = []
    for r in rows:
        data = r["data"]
        held = owner.get(str(data.get("approval_id")))
        if authority is not None and held is not None and held != authority:
            # Another authority's request: that it exists and who holds it, not its
            # arguments nor the officer's comment.
            data = {"effect": f"{data.get('effect')} (tenue par {held})",
                    "decision": data.get("decision")}
        text = _describe(r["kind"], r["actor"], data)
        if text is not None:
            out.append(HistoryEntry(at=r["at"], actor=r["actor"], kind=r["kind"], text=text))
    return out


def _team(services: Deps, team: str | None) -> str:
    # A model may name a team the catalogue does not know: the front desk sorts those.
    return team if team in services.catalogue.authorities else "accueil"


def _authority_map(services: Deps) -> str:
    return json.dumps({p.id: p.authority for p in services.catalogue.procedures})


# One row per case handed to humans: a handoff effect, or held by an officer with no
# decision pending nor one decided and not yet applied (a technical incident, a takeover);
# `teams` are the authorities whose queue it is in.
_QUEUE_SQL = """
select c.id, c.citizen_id, c.channel, c.status, c.holder, c.holder_reason, c.procedures,
       c.summary, c.taken_by, c.created_at, c.settled_at,
       coalesce(h.items, '[]'::jsonb) as items, coalesce(h.at, c.updated_at) as handed_at,
       coalesce(h.teams, case when cardinality(c.procedures) = 0 then array['accueil']
                else array(select %(pmap)s::jsonb ->> p from unnest(c.procedures) p) end) as teams
from cases c
left join lateral (
    select jsonb_agg(jsonb_build_object('procedure', nullif(e.procedure, ''),
                     'team', e.args ->> 'team', 'summary', e.args ->> 'summary',
                     'at', e.created_at) order by e.id) as items,
           array_agg(case when e.args ->> 'team' = any(%(known)s) then e.args ->> 'team'
                     else 'accueil' end) as teams,
           min(e.created_at) as at
    from effects e where e.case_id = c.id and e.effect = 'handoff') h on true
where (h.items is not null or (c.holder = 'officer' and not exists (
        select 1 from approvals a where a.case_id = c.id
        and (a.status = 'pending' or a.decided_at > c.updated_at))))
"""

_STATE = {"open": "taken_by is null and settled_at is null",
          "taken": "taken_by is not null and settled_at is null",
          "mine": "taken_by = %(me)s and settled_at is null",
          "closed": "settled_at is not null", "all": "true"}


def _handoff_item(services: Deps, r: dict[str, Any], authority: str) -> HandoffItem:
    handoffs = [Handoff(procedure=h["procedure"], team=_team(services, h["team"]),
                        summary=h["summary"] or "", at=datetime.fromisoformat(h["at"]))
                for h in r["items"]]
    mine = [h.summary for h in handoffs if h.team == authority] or [h.summary for h in handoffs]
    summary = " ; ".join(s for s in mine if s) or r["summary"] or r["holder_reason"]
    return HandoffItem(
        case_id=str(r["id"]), status=r["status"], holder=r["holder"],
        holder_reason=r["holder_reason"], procedures=list(r["procedures"]),
        team=authority if authority in r["teams"] else r["teams"][0], summary=summary,
        handoffs=handoffs, taken_by=r["taken_by"], received_at=r["created_at"],
        handed_at=r["handed_at"])


async def queue(services: Deps, *, authority: str, officer: str, state: QueueState = "open",
                limit: int = 50, offset: int = 0) -> HandoffPage:
    """Cases handed to this authority's team, oldest handoff first."""
    params = {"pmap": _authority_map(services), "known": list(services.catalogue.authorities),
              "me": officer, "authority": authority, "limit": limit, "offset": offset}
    sql = (f"select * from ({_QUEUE_SQL}) q where %(authority)s = any(teams)"
           f" and {_STATE[state]}")
    async with connection(services.pool) as conn:
        cur = await conn.execute(f"select count(*) as n from ({sql}) s", params)
        total = await cur.fetchone()
        cur = await conn.execute(f"{sql} order by handed_at, id limit %(limit)s offset %(offset)s",
                                 params)
        rows = await cur.fetchall()
    return HandoffPage(items=[_handoff_item(services, dict(r), authority) for r in rows],
                       total=int(total["n"]) if total else 0, limit=limit, offset=offset)


async def _case(services: Deps, case_id: str) -> dict[str, Any]:
    try:
        uuid.UUID(case_id)
    except ValueError:
        raise NotFound("no such case") from None
    async with connection(services.pool) as conn:
        cur = await conn.execute("select * from cases where id = %s", (case_id,))
        row = await cur.fetchone()
    if row is None:
        raise NotFound("no such case")
    return dict(row)


async def case_authorities(services: Deps, row: dict[str, Any]) -> set[str]:
    """Which officers may act on a case: its procedures', its handoffs' and requests' teams."""
    cat = services.catalogue
    found = {cat.procedure(p).authority for p in row["procedures"] if p in cat.procedure_ids}
    async with connection(services.pool) as conn:
        cur = await conn.execute(
            "select args ->> 'team' as team from effects where case_id = %s and effect ="
            " 'handoff' union all select authority from approvals where case_id = %s",
            (row["id"], row["id"]))
        found |= {_team(services, r["team"]) for r in await cur.fetchall()}
    return found or {"accueil"}


async def scoped_case(services: Deps, case_id: str, authority: str) -> dict[str, Any]:
    row = await _case(services, case_id)
    if authority not in await case_authorities(services, row):
        raise Forbidden(f"this case is not for the {authority} authority")
    return row


async def case_file(services: Deps, case_id: str, *, authority: str) -> CaseFile:
    """An officer's view of one case of their authority."""
    row = await scoped_case(services, case_id, authority)
    params = {"pmap": _authority_map(services), "known": list(services.catalogue.authorities),
              "id": row["id"]}
    async with connection(services.pool) as conn:
        cur = await conn.execute(f"select * from ({_QUEUE_SQL}) q where id = %(id)s", params)
        queued = await cur.fetchone()
        cur = await conn.execute(
            "select procedure, effect, args, result, created_at from effects where case_id = %s"
            " order by id", (row["id"],))
        done = [dict(r) for r in await cur.fetchall()]
        cur = await conn.execute(
            "select id::text, procedure, authority, effect, args, status, decided_by,"
            " decided_at, comment from approvals where case_id = %s order by created_at",
            (row["id"],))
        requests = [dict(r) for r in await cur.fetchall()]
        cur = await conn.execute(
            "select kind, channel, subject, body, status, created_at from notifications"
            " where case_id = %s order by id", (row["id"],))
        sent = [dict(r) for r in await cur.fetchall()]
        cur = await conn.execute("select idem_key from notifications where case_id = %s"
                                 " order by id", (row["id"],))
        keys = [r["idem_key"] for r in await cur.fetchall()]
    base = dict(queued) if queued else {**row, "items": [], "handed_at": row["updated_at"],
                                        "teams": [authority]}
    item = _handoff_item(services, base, authority)
    part = await scope.parts(services, str(row["id"]), list(row["procedures"]))
    return CaseFile(**item.model_dump(), citizen_id=row["citizen_id"], channel=row["channel"],
                    conversation=await case_messages(services, case_id),
                    effects=[_seen(e, part.owners.get(e["procedure"]), authority,
                                   ("procedure", "effect", "created_at")) for e in done],
                    approvals=[_seen(a, {a["authority"]}, authority,
                                     ("id", "procedure", "effect", "status")) for a in requests],
                    notifications=[_seen_notice(services, n, k, part, authority)
                                   for n, k in zip(sent, keys, strict=True)],
                    history=await case_history(services, case_id, authority=authority))


def _seen(item: dict[str, Any], owners: set[str] | None, authority: str,
          keep: tuple[str, ...]) -> dict[str, Any]:
    shown = {k: v for k, v in item.items() if k != "authority"}
    return shown if scope.may_see(authority, owners) else scope.redacted(item, keep, owners)


def _seen_notice(services: Deps, sent: dict[str, Any], key: str, part: scope.Parts,
                 authority: str) -> dict[str, Any]:
    # `<case>/<procedure>/...` for the agent's notices, `<case>/officer/close/<authority>`
    # for an officer's settlement of their part.
    segments = key.split("/")
    procedure = scope.procedure_of_key(key, set(part.owners))
    owners = part.owners.get(procedure) if procedure else None
    if segments[1:3] == ["officer", "close"] and len(segments) > 3:
        owners = {segments[3]}
    if scope.may_see(authority, owners):
        return sent
    return {**scope.redacted(sent, ("kind", "channel", "subject", "status", "created_at"),
                             owners), "body": f"(courrier relevant de {scope.held_by(owners)})"}


async def takeover(services: Deps, case_id: str, *, officer: str, authority: str) -> CaseFile:
    """The officer holds the case from now on; the agent stops and their authority's pending
    requests lapse. Another authority's pending request comes first: a held case is out of
    the agent's hands, so its decision would never be carried out."""
    row = await scoped_case(services, case_id, authority)
    part = await scope.parts(services, case_id, list(row["procedures"]))
    elsewhere = part.open_elsewhere(authority)
    if elsewhere and not _open_part(part, authority) and row["taken_by"] != officer:
        raise Conflict(f"the {authority} part of this case is settled; the rest is for "
                       + ", ".join(f"{p}: {a}" for p, a in elsewhere.items()))
    async with connection(services.pool) as conn, conn.transaction():
        cur = await conn.execute(
            "select procedure, authority from approvals where case_id = %s and status ="
            " 'pending' and authority <> %s order by created_at", (case_id, authority))
        waiting = await cur.fetchall()
        if waiting:
            raise Conflict("the case waits for a decision of another authority ("
                           + ", ".join(f"{w['procedure']}: {w['authority']}" for w in waiting)
                           + "); take it over once it is decided")
        cur = await conn.execute("select taken_by, status, settled_at from cases where id = %s"
                                 " for update", (case_id,))
        now = await cur.fetchone()
        assert now is not None
        if now["settled_at"] is not None:
            raise Conflict(f"the case is closed ({now['status']})")
        if now["taken_by"] is not None and now["taken_by"] != officer:
            raise Conflict(f"already taken by {now['taken_by']}")
        if now["taken_by"] is None:
            await case_rows.take(conn, case_id=case_id, officer=officer)
            # A request no one decided yet would let the agent act again: it lapses.
            cancelled = await approvals.lapse_pending(conn, case_id=case_id, by=officer,
                                                      comment="dossier repris par un agent",
                                                      authority=authority)
            await audit.append(conn, case_id=case_id, actor=f"officer:{officer}",
                               kind="case.taken", data={"authority": authority,
                                                        "cancelled_requests": cancelled})
    return await case_file(services, case_id, authority=authority)


def _open_part(part: scope.Parts, authority: str) -> list[str]:
    return [p for p in part.mine(authority) if p not in part.results]


async def _held(services: Deps, case_id: str, officer: str, authority: str
                ) -> dict[str, Any]:
    row = await scoped_case(services, case_id, authority)
    if row["settled_at"] is not None:
        raise Conflict(f"the case is closed ({row['status']})")
    if row["taken_by"] != officer:
        who = f"taken by {row['taken_by']}" if row["taken_by"] else "not taken"
        raise Conflict(f"the case is {who}: take it over first")
    return row


def _text(value: str, field: str) -> str:
    text = value.strip()
    if not text:
        raise InvalidInput(field, "empty")
    return text


async def reply(services: Deps, case_id: str, *, officer: str, authority: str,
                text: str) -> MessageView:
    """Write to the citizen of a case the officer holds; sent on their preferred channel."""
    row = await _held(services, case_id, officer, authority)
    body = _text(text, "text")
    # The message keeps the channel its notice goes out on.
    channel = await preferred_channel(services.records, row["citizen_id"], pool=services.pool)
    async with connection(services.pool) as conn, conn.transaction():
        msg = await messages.add(conn, case_id=case_id, author="officer", channel=channel,
                                 body=body)
        msg["at"] = msg.pop("created_at")
        await audit.append(conn, case_id=case_id, actor=f"officer:{officer}",
                           kind="officer.message", data={"message_id": msg["id"]})
    await notify.enqueue(
        services.pool, case_id=row["id"], key=f"{case_id}/officer/message/{msg['id']}",
        kind="officer", channel=channel,
        subject="Message d'un agent au sujet de votre demande",
        body="\n\n".join([body, services.catalogue.human_contact]), actor=f"officer:{officer}")
    return MessageView(**msg)


_CLOSED_SUBJECT = {"accepte": "Votre demande a été acceptée",
                   "refuse": "Votre demande a été refusée",
                   "sans_suite": "Votre demande a été classée sans suite"}
_PART_SUBJECT = {"accepte": "acceptée", "refuse": "refusée", "sans_suite": "classée sans suite"}


def _subject(services: Deps, status: CloseStatus, named: list[str]) -> str:
    """The whole demand when it is one authority's; else only the procedures decided."""
    if not named:
        return _CLOSED_SUBJECT[status]
    labels = ", ".join(f"« {services.catalogue.procedure(p).label} »" for p in named)
    word = "Votre demande" if len(named) == 1 else "Vos demandes"
    agreed = _PART_SUBJECT[status] + ("s" if len(named) > 1 and status != "sans_suite" else "")
    if len(named) > 1 and status == "sans_suite":
        agreed = "classées sans suite"
    return f"{word} {labels} : {agreed}"


async def close(services: Deps, case_id: str, *, officer: str, authority: str,
                status: CloseStatus, reason: str) -> CaseFile:
    """Settle the officer's part of a case they hold; the citizen gets the decision.

    The officer decides their authority's procedures only. The case closes when no
    procedure of another authority is still open; otherwise the officer lets go of it, the
    others stay with their officers (or the agent) and the notice names only what was
    decided.
    """
    row = await _held(services, case_id, officer, authority)
    why = _text(reason, "reason")
    cat = services.catalogue
    part = await scope.parts(services, case_id, list(row["procedures"]))
    mine = _open_part(part, authority)
    elsewhere = part.open_elsewhere(authority)
    if elsewhere and not mine:
        raise Conflict("nothing of the " + authority + " authority is open in this case: "
                       + ", ".join(f"{p} is for {a}" for p, a in elsewhere.items()))
    several = len({a for who in part.owners.values() for a in who}) > 1
    subject = _subject(services, status, mine if several or elsewhere else [])
    # A decision states the algorithm's part (CRPA L311-3-1) and how to contest it; a
    # closing without decision (sans suite) only says why.
    parts = [f"Bonjour,\n\n{subject}.", f"Motif : {why}"]
    if status != "sans_suite":
        parts += [cat.algorithm_notice, cat.appeal]
    if elsewhere:
        parts.append("Le reste de votre demande ("
                     + ", ".join(cat.procedure(p).label for p in elsewhere)
                     + ") suit son cours auprès de l'administration concernée.")
    parts.append(cat.human_contact)
    async with connection(services.pool) as conn, conn.transaction():
        if elsewhere:
            moved = await _let_go(conn, services, part, elsewhere, officer=officer,
                                  case_id=case_id)
        else:
            final = scope.combined_status(
                [status] * max(1, len(mine))
                + [r for p, r in part.results.items() if p in part.owners])
            moved = await case_rows.close_by_officer(
                conn, case_id=case_id, officer=officer, status=final,
                reason=f"clos par un agent : {why}")
        if not moved:
            raise Conflict("the case changed meanwhile; reload it")
        await audit.append(conn, case_id=case_id, actor=f"officer:{officer}",
                           kind="procedure.settled" if elsewhere else "case.closed",
                           data={"status": status, "reason": why, "authority": authority,
                                 "procedures": mine, "still_open": sorted(elsewhere)})
        if elsewhere and part.agent_busy:
            await jobs.defer(conn, case_id)
    await notify.enqueue(
        services.pool, case_id=row["id"],
        key=f"{case_id}/officer/close" + (f"/{authority}" if several or elsewhere else ""),
        kind="refusal" if status == "refuse" else "decision",
        channel=await preferred_channel(services.records, row["citizen_id"],
                                         pool=services.pool),
        subject=subject, body="\n\n".join(parts), actor=f"officer:{officer}")
    return await case_file(services, case_id, authority=authority)


async def _let_go(conn: Conn, services: Deps, part: scope.Parts, elsewhere: dict[str, str], *,
                  officer: str, case_id: str) -> bool:
    """Hands the rest of the case on: back to the agent when it still has work on it, else
    to the other authorities' queues."""
    waiting = ", ".join(f"{services.catalogue.procedure(p).label} ({a})"
                        for p, a in elsewhere.items())
    return await case_rows.let_go(conn, case_id=case_id, officer=officer,
                                  holder="agent" if part.agent_busy else "officer",
                                  reason=f"en attente : {waiting}")

"""Officers' action requests: the inbox, what a request shows, exactly one decision each."""

from __future__ import annotations

import math
import uuid
from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel

from guichet import audit, queue
from guichet.db import connection
from guichet.deps import Deps
from guichet.errors import Conflict, Forbidden, InvalidInput, NotFound
from guichet.handoffs import HistoryEntry, MessageView, case_history, case_messages
from guichet.store import approvals as store
from tools import effects
from tools.errors import ToolInputError
from tools.notices import silence_text

Decision = Literal["approve", "edit", "reject"]
Status = Literal["pending", "approved", "edited", "rejected", "cancelled"]
_STATUS: dict[str, Status] = {"approve": "approved", "edit": "edited", "reject": "rejected"}
# What an edit may not change: the argument naming what the decision is about. Granting
# another benefit or adjusting another year is another request, not an edit of this one.
_TARGET = {"grant_benefit": "benefit", "adjust_tax": "year", "update_contact": "source",
           "register": "list", "disclose_record": "source"}


class AlreadyDecided(Conflict):
    """A second decision on one request: carries who made the first."""

    def __init__(self, *, status: str, decided_by: str | None, decided_at: datetime | None):
        when = f" at {decided_at:%Y-%m-%d %H:%M:%S}" if decided_at else ""
        super().__init__(f"already decided ({status}) by {decided_by}{when}")
        self.status, self.decided_by, self.decided_at = status, decided_by, decided_at


class ApprovalItem(BaseModel):
    id: str
    case_id: str
    procedure: str
    procedure_label: str
    effect: str
    effect_label: str
    args: dict[str, Any]
    status: Status
    created_at: datetime
    due_at: datetime | None
    age_days: int
    overdue: bool
    # The legal clock of a pending request: whole days before its procedure's silence (or
    # delay) runs out, 0 once it has; what silence will mean then (accord, rejet, or none).
    days_left: int | None = None
    silence_means: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None


class ApprovalPage(BaseModel):
    items: list[ApprovalItem]
    total: int
    limit: int
    offset: int


class RecordRead(BaseModel):
    source: str
    source_label: str
    fields: list[str]
    found: bool
    values: dict[str, Any]  # the record's current values for those fields


class RulesEvidence(BaseModel):
    rule: str
    eligible: bool | None
    inputs: dict[str, Any]
    result: dict[str, Any]
    reasons: list[str]
    parameters: dict[str, Any]  # the catalogue's parameters the rule was computed with


class Evidence(BaseModel):
    records_read: list[RecordRead]
    rules: RulesEvidence | None
    form: dict[str, Any]
    # Where each form value comes from ("réponse 1 de l'usager", "dossier caf").
    sources: dict[str, str] = {}


class Deadline(BaseModel):
    received_at: datetime
    announced_delay_days: int
    expected_by: datetime
    silence_after_days: int | None
    silence_means: str | None
    silence_rule: str
    due_at: datetime | None
    overdue: bool


class DecisionView(BaseModel):
    status: Status
    by: str | None
    at: datetime | None
    comment: str | None
    final_args: dict[str, Any] | None


class Decided(DecisionView):
    id: str
    case_id: str


class ApprovalDetail(ApprovalItem):
    authority: str
    authority_label: str
    legal_basis: str
    rationale: str
    citizen_id: str
    case_status: str
    case_holder: str
    case_taken_by: str | None
    citizen_words: list[MessageView]
    conversation: list[MessageView]
    evidence: Evidence
    deadline: Deadline
    decision: DecisionView | None
    history: list[HistoryEntry]


def _age_days(services: Deps, created_at: datetime) -> int:
    return max(0, (services.now() - created_at).days)


def _overdue(services: Deps, row: dict[str, Any]) -> bool:
    return bool(row["status"] == "pending" and row["due_at"] and row["due_at"] < services.now())


def _item(services: Deps, row: dict[str, Any]) -> ApprovalItem:
    cat = services.catalogue
    return ApprovalItem(
        id=str(row["id"]), case_id=str(row["case_id"]), procedure=row["procedure"],
        procedure_label=cat.procedure(row["procedure"]).label, effect=row["effect"],
        effect_label=cat.effects[row["effect"]].label, args=row["args"], status=row["status"],
        created_at=row["created_at"], due_at=row["due_at"],
        age_days=_age_days(services, row["created_at"]), overdue=_overdue(services, row),
        days_left=_days_left(services, row), silence_means=_silence_means(services, row),
        decided_by=row["decided_by"], decided_at=row["decided_at"])


def _days_left(services: Deps, row: dict[str, Any]) -> int | None:
    if row["status"] != "pending" or not row["due_at"]:
        return None
    left = (row["due_at"] - services.now()).total_seconds() / 86400
    return int(max(0, math.ceil(left)))


def _silence_means(services: Deps, row: dict[str, Any]) -> str | None:
    p = services.catalogue.procedure(row["procedure"])
    return p.silence.means if p.silence else None


async def inbox(
    services: Deps, *, authority: str, statuses: list[Status], procedure: str | None = None,
    min_age_days: int | None = None, overdue: bool = False, limit: int = 50, offset: int = 0,
) -> ApprovalPage:
    """Requests of one authority, oldest first; ages and lateness by the service's clock."""
    now = services.now()
    where = ["authority = %(authority)s", "status = any(%(statuses)s)"]
    if procedure is not None:
        where.append("procedure = %(procedure)s")
    if min_age_days is not None:
        where.append("created_at <= %(older_than)s")
    if overdue:
        where.append("status = 'pending' and due_at < %(now)s")
    params = {"authority": authority, "statuses": list(statuses), "procedure": procedure,
              "older_than": now - timedelta(days=min_age_days or 0), "now": now,
              "limit": limit, "offset": offset}
    sql_where = " and ".join(where)
    async with connection(services.pool) as conn:
        cur = await conn.execute(f"select count(*) as n from approvals where {sql_where}", params)
        total = await cur.fetchone()
        cur = await conn.execute(
            "select id, case_id, procedure, effect, args, status, created_at, due_at,"
            f" decided_by, decided_at from approvals where {sql_where}"
            " order by created_at, id limit %(limit)s offset %(offset)s", params)
        rows = await cur.fetchall()
    return ApprovalPage(items=[_item(services, dict(r)) for r in rows],
                        total=int(total["n"]) if total else 0, limit=limit, offset=offset)


async def get_approval(services: Deps, approval_id: str) -> dict[str, Any]:
    try:
        uuid.UUID(approval_id)
    except ValueError:
        raise NotFound("no such approval request") from None
    async with connection(services.pool) as conn:
        cur = await conn.execute("select * from approvals where id = %s", (approval_id,))
        row = await cur.fetchone()
    if row is None:
        raise NotFound("no such approval request")
    return dict(row)


async def scoped_approval(services: Deps, approval_id: str, authority: str) -> dict[str, Any]:
    """The request, if it is one of this authority's; Forbidden otherwise."""
    row = await get_approval(services, approval_id)
    if row["authority"] != authority:
        raise Forbidden(f"this request is for the {row['authority']} authority")
    return row


async def _records_read(services: Deps, citizen_id: str,
                        evidence: dict[str, Any]) -> list[RecordRead]:
    out: list[RecordRead] = []
    seen: set[str] = set()
    for read in evidence.get("records_read") or []:
        source = read["source"]
        if source in seen:
            continue
        seen.add(source)
        data = await services.records.get(citizen_id, source) or {}
        fields = list(read.get("fields") or [])
        out.append(RecordRead(
            source=source, source_label=services.catalogue.sources[source].label, fields=fields,
            found=bool(read.get("found")), values={f: data.get(f) for f in fields if f in data}))
    return out


async def detail(services: Deps, approval_id: str, *, authority: str,
                 officer: str) -> ApprovalDetail:
    """All an officer needs to judge one request; the view itself is audited."""
    row = await scoped_approval(services, approval_id, authority)
    cat = services.catalogue
    p = cat.procedure(row["procedure"])
    async with connection(services.pool) as conn:
        cur = await conn.execute("select * from cases where id = %s", (row["case_id"],))
        case = await cur.fetchone()
    assert case is not None  # approvals reference cases (foreign key)
    ev = row["evidence"] or {}
    rules = ev.get("rules")
    messages = await case_messages(services, str(row["case_id"]))
    received = case["created_at"]
    decision = None if row["status"] == "pending" else DecisionView(
        status=row["status"], by=row["decided_by"], at=row["decided_at"], comment=row["comment"],
        final_args=row["final_args"])
    out = ApprovalDetail(
        **_item(services, row).model_dump(), authority=row["authority"],
        authority_label=cat.authorities[row["authority"]], legal_basis=p.legal_basis,
        rationale=row["rationale"], citizen_id=case["citizen_id"], case_status=case["status"],
        case_holder=case["holder"], case_taken_by=case["taken_by"],
        citizen_words=[m for m in messages if m.author == "citizen"], conversation=messages,
        evidence=Evidence(
            records_read=await _records_read(services, case["citizen_id"], ev),
            rules=RulesEvidence(
                rule=rules.get("rule", ""), eligible=rules.get("eligible"),
                inputs=rules.get("inputs") or {}, result=rules.get("result") or {},
                reasons=rules.get("reasons") or [], parameters=p.parameters) if rules else None,
            form=ev.get("form") or {}, sources=ev.get("sources") or {}),
        deadline=Deadline(
            received_at=received, announced_delay_days=p.delay_days,
            expected_by=received + timedelta(days=p.delay_days),
            silence_after_days=p.silence.after_days if p.silence else None,
            silence_means=p.silence.means if p.silence else None, silence_rule=silence_text(p),
            due_at=row["due_at"], overdue=_overdue(services, row)),
        decision=decision,
        history=await case_history(services, str(row["case_id"]), authority=authority))
    # Officers see record values here: who looked at which request is part of the trail.
    async with connection(services.pool) as conn:
        await audit.append(conn, case_id=row["case_id"], actor=f"officer:{officer}",
                           kind="approval.viewed",
                           data={"approval_id": approval_id,
                                 "sources": [r.source for r in out.evidence.records_read]})
    return out


def _final_args(row: dict[str, Any], decision: Decision, args: dict[str, Any] | None
                ) -> dict[str, Any]:
    if decision != "edit":
        return dict(row["args"])
    if args is None:
        raise InvalidInput("args", "an edit needs the new arguments")
    try:
        final = effects.validate_args(row["effect"], args)
    except ToolInputError as exc:
        raise InvalidInput("args", str(exc)) from exc
    target = _TARGET.get(row["effect"])
    if target and final.get(target) != row["args"].get(target):
        raise InvalidInput(f"args.{target}", f"an edit cannot change {target} (it names what the "
                                             "request is about); reject it instead")
    return final


async def decide(
    services: Deps, *, approval_id: str, officer: str, authority: str, decision: Decision,
    args: dict[str, Any] | None = None, comment: str | None = None,
) -> Decided:
    """Record the decision if the request is still pending, then queue the case's resume."""
    row = await scoped_approval(services, approval_id, authority)
    comment = (comment or "").strip() or None
    if decision == "reject" and not comment:
        raise InvalidInput("comment", "a rejection needs its reason (sent to the citizen)")
    final = _final_args(row, decision, args)
    status = _STATUS[decision]
    if status == "edited" and effects.canonical(final) == effects.canonical(row["args"]):
        status = "approved"  # an "edit" changing nothing would inflate the override rate
    async with connection(services.pool) as conn, conn.transaction():
        # The conditional update is the arbiter: of two officers deciding at once, the
        # second finds the row no longer pending and gets who won.
        updated = await store.decide(conn, approval_id=approval_id, status=status,
                                     final_args=final, officer=officer, comment=comment)
        if updated is None:
            cur = await conn.execute(
                "select status, decided_by, decided_at from approvals where id = %s",
                (approval_id,))
            now = await cur.fetchone()
            assert now is not None
            raise AlreadyDecided(status=now["status"], decided_by=now["decided_by"],
                                 decided_at=now["decided_at"])
        await audit.append(conn, case_id=row["case_id"], actor=f"officer:{officer}",
                           kind="approval.decided",
                           data={"approval_id": approval_id, "effect": row["effect"],
                                 "decision": status, "proposed": row["args"], "args": final,
                                 "comment": comment})
        await queue.defer(conn, str(row["case_id"]))
    return Decided(id=approval_id, case_id=str(row["case_id"]), status=updated["status"],
                   by=updated["decided_by"], at=updated["decided_at"],
                   comment=updated["comment"], final_args=updated["final_args"])

"""Outreach against non-take-up: propose a benefit to the citizens the rules find eligible.

For one benefit procedure, every citizen whose records the procedure may read is looked at:
the procedure's form is prefilled from those records and the procedure's rules (code, never
a model) say whether they are eligible and for how much. Each eligible citizen with no open
case for it, no recent one, no proposal this period and no opt-out gets a proactive case in
the `proposition` state: the form prefilled, the estimated amount, a notice on their
preferred channel that states the legal basis for using their data. Their answer, on any
channel, is read by the agent (graphs/proposals.py): yes continues the normal procedure,
officer's approval included; no closes it `sans_suite`.

At most one proposal per citizen, procedure and period: the table's unique key is the
arbiter, so two runs at once propose once.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel

from guichet import audit
from guichet.catalogue import Procedure, Renewal
from guichet.db import connection
from guichet.deps import Deps
from guichet.errors import InvalidInput
from guichet.store import cases as case_rows
from tools import forms, notify, rules
from tools.notices import preferred_channel

log = logging.getLogger(__name__)

ACTOR = "outreach"
# Why the administration may use the records it already holds to write first (RGPD art.
# 6(1)(e): a task in the public interest; CRPA L114-8: administrations share what they hold
# so that citizens need not say it again).
LEGAL_BASIS = (
    "Nous vous écrivons à partir des informations que les administrations détiennent déjà "
    "sur vous (article L114-8 du code des relations entre le public et l'administration, "
    "« dites-le-nous une fois ») ; ce traitement relève d'une mission d'intérêt public "
    "(article 6.1.e du règlement général sur la protection des données). Vous pouvez vous y "
    "opposer : répondez « ne plus recevoir de propositions ».")


class OutreachRun(BaseModel):
    procedure: str
    period: str
    dry_run: bool
    scanned: int
    eligible: int
    proposed: list[str]  # case ids
    skipped_open: int
    skipped_recent: int
    skipped_opted_out: int
    skipped_proposed: int
    skipped_receiving: int
    incomplete: int


def benefit_procedures(services: Deps) -> list[Procedure]:
    return [p for p in services.catalogue.procedures
            if "grant_benefit" in p.effects and p.form is not None]


def period_of(services: Deps, now: datetime) -> str:
    kind = services.settings.outreach_period
    if kind == "month":
        return f"{now:%Y-%m}"
    if kind == "quarter":
        return f"{now.year}-T{(now.month - 1) // 3 + 1}"
    return f"{now.year}"


def _procedure(services: Deps, procedure_id: str) -> Procedure:
    found = {p.id: p for p in benefit_procedures(services)}
    if procedure_id not in found:
        raise InvalidInput("procedure", "a benefit procedure: one of " + ", ".join(found))
    return found[procedure_id]


_RECORDS_SQL = """
select r.citizen_id, r.source, r.data from records r
 where r.source = any(%(sources)s)
   and (%(citizen)s::text is null or r.citizen_id = %(citizen)s)
 order by r.citizen_id
"""

_BUSY_SQL = """
select c.citizen_id,
       bool_or(c.settled_at is null) as open,
       bool_or(c.settled_at is not null and c.settled_at >= %(recent)s) as recent
  from cases c where %(procedure)s = any(c.procedures) group by c.citizen_id
"""


def receives(p: Procedure, records: dict[str, Any]) -> bool:
    """The records already show the benefit (written where grant_benefit writes it)."""
    if p.id == "css":
        return bool((records.get("cpam") or {}).get("css"))
    return p.id.replace("-", "_") in ((records.get("caf") or {}).get("benefits") or [])


async def eligible(services: Deps, p: Procedure, *, citizen_id: str | None = None
                   ) -> tuple[int, int, list[tuple[str, Any, Any, bool]]]:
    """(citizens scanned, forms the records cannot complete, [(citizen, form, outcome,
    already receives it)] of the eligible ones), by the procedure's own form and rules."""
    by_citizen: dict[str, dict[str, Any]] = {}
    async with connection(services.pool) as conn:
        cur = await conn.execute(_RECORDS_SQL, {"sources": list(p.records),
                                                "citizen": citizen_id})
        for r in await cur.fetchall():
            by_citizen.setdefault(r["citizen_id"], {})[r["source"]] = r["data"]
    today = services.now().date()
    assert p.form is not None
    found, incomplete = [], 0
    for citizen_id, records in by_citizen.items():
        form = forms.fill(services.catalogue, p.form, records=records, stored={}, given={})
        if not form.complete:
            incomplete += 1
            continue
        outcome = rules.apply(rules.RulesInput(procedure=p, catalogue=services.catalogue,
                                               form=form.values, records=records, today=today))
        if outcome.eligible is True:
            found.append((citizen_id, form, outcome, receives(p, records)))
    return len(by_citizen), incomplete, found


async def run(services: Deps, procedure_id: str, *, dry_run: bool = False) -> OutreachRun:
    """One outreach pass for a benefit procedure: who is eligible, and proposals to them."""
    p = _procedure(services, procedure_id)
    now = services.now()
    period = period_of(services, now)
    scanned, incomplete, found = await eligible(services, p)
    recent = now - timedelta(days=services.settings.outreach_recent_days)
    async with connection(services.pool) as conn:
        cur = await conn.execute(_BUSY_SQL, {"procedure": p.id, "recent": recent})
        busy = {r["citizen_id"]: r for r in await cur.fetchall()}
        cur = await conn.execute("select citizen_id from outreach_opt_outs")
        opted_out = {r["citizen_id"] for r in await cur.fetchall()}
        cur = await conn.execute("select citizen_id from outreach_proposals where procedure = %s"
                                 " and period = %s", (p.id, period))
        proposed_before = {r["citizen_id"] for r in await cur.fetchall()}
    out = OutreachRun(procedure=p.id, period=period, dry_run=dry_run, scanned=scanned,
                      eligible=len(found), proposed=[], skipped_open=0, skipped_recent=0,
                      skipped_opted_out=0, skipped_proposed=0, skipped_receiving=0,
                      incomplete=incomplete)
    for citizen_id, form, outcome, receiving in found:
        b = busy.get(citizen_id)
        if receiving:
            out.skipped_receiving += 1
        elif citizen_id in opted_out:
            out.skipped_opted_out += 1
        elif citizen_id in proposed_before:  # this period's proposal (an open case itself)
            out.skipped_proposed += 1
        elif b is not None and b["open"]:
            out.skipped_open += 1
        elif b is not None and b["recent"]:
            out.skipped_recent += 1
        elif not dry_run:
            case_id = await _propose(services, p, citizen_id, period, form, outcome)
            if case_id is None:
                out.skipped_proposed += 1
            else:
                out.proposed.append(case_id)
    log.info("outreach %s (%s): %s scanned, %s eligible, %s proposed", p.id, period, scanned,
             len(found), len(out.proposed))
    return out


async def propose_to(services: Deps, procedure_id: str, citizen_id: str) -> str | None:
    """A proposal to one citizen if the rules find them eligible (the evals' way in: an
    outreach pass narrowed to the case's citizen); the case id, or None."""
    p = _procedure(services, procedure_id)
    _, _, found = await eligible(services, p, citizen_id=citizen_id)
    for who, form, outcome, receiving in found:
        if not receiving:
            return await _propose(services, p, who, period_of(services, services.now()), form,
                                  outcome)
    return None


def proposal_text(services: Deps, p: Procedure, outcome: Any) -> str:
    amount = (outcome.result or {}).get("monthly_amount")
    estimate = (f"D'après nos informations, vous pourriez percevoir environ {amount:.2f} € par "
                "mois." if isinstance(amount, (int, float)) and amount > 0
                else "D'après nos informations, vous pourriez en bénéficier.")
    return "\n\n".join([
        "Bonjour,",
        f"Vous ne l'avez pas demandée, mais vous semblez avoir droit à : {p.label}. {estimate}",
        "Nous avons préparé la demande pour vous, à partir de vos informations. Si vous "
        "l'acceptez, elle sera examinée comme toute demande, et la décision sera prise par un "
        "agent.",
        "Pour l'accepter, répondez simplement « oui » à ce message ; pour la décliner, "
        "répondez « non ». Vous pouvez aussi répondre depuis votre espace en ligne.",
        LEGAL_BASIS,
        f"Base légale de la prestation : {p.legal_basis}.",
        services.catalogue.human_contact,
    ])


async def _propose(services: Deps, p: Procedure, citizen_id: str, period: str, form: Any,
                   outcome: Any) -> str | None:
    evidence = outcome.model_dump(mode="json")
    return await _open_proposal(
        services, p, citizen_id, period, form, evidence, kind="proposal",
        subject=f"Une aide à laquelle vous pourriez avoir droit : {p.label}",
        body=proposal_text(services, p, outcome), event={
            "procedure": p.id, "period": period, "rule": outcome.rule,
            "inputs": outcome.inputs, "result": outcome.result, "eligible": True})


async def _open_proposal(services: Deps, p: Procedure, citizen_id: str, period: str,
                         form: Any, evidence: dict[str, Any], *, kind: str, subject: str,
                         body: str, event: dict[str, Any]) -> str | None:
    """A case in the proposition state, its prefilled form and evidence, and its notice;
    None when this citizen already has one for the procedure and period."""
    case_id = str(uuid.uuid4())
    async with connection(services.pool) as conn, conn.transaction():
        await case_rows.insert_proposition(
            conn, case_id=case_id, citizen_id=citizen_id, procedure=p.id,
            reason="proposition en attente de la réponse de l'usager")
        cur = await conn.execute(
            "insert into outreach_proposals (case_id, citizen_id, procedure, period, rules)"
            " values (%s, %s, %s, %s, %s::jsonb) on conflict (citizen_id, procedure, period)"
            " do nothing returning case_id",
            (case_id, citizen_id, p.id, period, json.dumps(evidence, ensure_ascii=False)))
        if await cur.fetchone() is None:
            # Another run proposed it meanwhile: this case never existed.
            await case_rows.delete_unborn(conn, case_id=case_id)
            return None
        await conn.execute(
            "insert into case_procedures (case_id, procedure, form, rules, sources)"
            " values (%s, %s, %s::jsonb, %s::jsonb, %s::jsonb)",
            (case_id, p.id, json.dumps(form.values, ensure_ascii=False),
             json.dumps(evidence, ensure_ascii=False),
             json.dumps(form.sources, ensure_ascii=False)))
    await notify.enqueue(
        services.pool, case_id=uuid.UUID(case_id), key=f"{case_id}/proposal", kind=kind,
        channel=await preferred_channel(services.records, citizen_id), subject=subject,
        body=body, actor=ACTOR,
        before=[audit.Event(actor=ACTOR, kind="outreach.proposed", data=event)])
    return case_id


class RenewalRun(BaseModel):
    document: str
    expiring: int
    reminded: list[str]  # case ids
    skipped: int  # an open case for the procedure, an opt-out, or reminded already


async def remind_renewals(services: Deps) -> list[RenewalRun]:
    """One reminder per document and expiry, to holders whose document expires within the
    catalogue's notice period: a proposal of the renewal procedure, prefilled."""
    cat = services.catalogue
    today = services.now().date()
    runs = []
    for r in cat.renewals:
        source, name = r.record.split(".")
        p = cat.procedure(r.procedure)
        async with connection(services.pool) as conn:
            cur = await conn.execute(
                "select d.citizen_id, d.data -> %s ->> 'expiry' as expiry from records d"
                " where d.source = %s and d.data -> %s ->> 'expiry' is not null"
                " and not exists (select 1 from records e where e.citizen_id = d.citizen_id"
                "   and e.source = 'etat_civil' and e.data ->> 'death_date' is not null)"
                " order by d.citizen_id", (name, source, name))
            held = [dict(x) for x in await cur.fetchall()]
            cur = await conn.execute(
                "select distinct citizen_id from cases where settled_at is null"
                " and %s = any(procedures)", (p.id,))
            busy = {x["citizen_id"] for x in await cur.fetchall()}
            cur = await conn.execute("select citizen_id from outreach_opt_outs")
            opted_out = {x["citizen_id"] for x in await cur.fetchall()}
        due = [(h["citizen_id"], date.fromisoformat(h["expiry"])) for h in held]
        due = [(c, e) for c, e in due if today <= e <= today + timedelta(days=r.notice_days)]
        run = RenewalRun(document=r.document, expiring=len(due), reminded=[], skipped=0)
        for citizen_id, expiry in due:
            case_id = None
            if citizen_id not in busy and citizen_id not in opted_out:
                case_id = await _remind(services, r, p, citizen_id, expiry)
            if case_id is None:
                run.skipped += 1
            else:
                run.reminded.append(case_id)
        runs.append(run)
    return runs


async def _remind(services: Deps, r: Renewal, p: Procedure, citizen_id: str,
                  expiry: date) -> str | None:
    records = {s: await services.records.get(citizen_id, s) for s in p.records}
    present: dict[str, Any] = {s: d for s, d in records.items() if d is not None}
    assert p.form is not None
    form = forms.fill(services.catalogue, p.form, records=present, stored={},
                      given={"motif": "renouvellement"})
    rule = f"{r.label} expirant dans moins de {r.notice_days} jours"
    evidence = {"procedure": p.id, "eligible": None, "rule": rule,
                "inputs": {"document": r.document, "expiry": expiry.isoformat(),
                           "notice_days": r.notice_days}}
    body = "\n\n".join([
        "Bonjour,",
        f"Votre {r.label} expire le {expiry:%d/%m/%Y}. Pour la renouveler à temps : "
        f"{p.label} (délai annoncé : {p.delay_days} jours).",
        *([f"À prévoir : {', '.join(p.documents)}."] if p.documents else []),
        "Répondez « oui » à ce message et nous préparons la démarche pour vous ; « non » si "
        "vous n'en avez pas besoin.",
        LEGAL_BASIS,
        services.catalogue.human_contact,
    ])
    return await _open_proposal(
        services, p, citizen_id, f"{r.document}:{expiry.isoformat()}", form, evidence,
        kind="reminder", subject=f"Votre {r.label} expire bientôt", body=body,
        event={"procedure": p.id, "renewal": r.document, "rule": rule,
               "inputs": evidence["inputs"]})


async def opt_out(services: Deps, citizen_id: str) -> None:
    async with connection(services.pool) as conn:
        await conn.execute("insert into outreach_opt_outs (citizen_id) values (%s)"
                           " on conflict do nothing", (citizen_id,))


async def figures(services: Deps, *, authority: str | None = None) -> list[dict[str, Any]]:
    """Per procedure: proposals sent, accepted, declined, unanswered, and granted."""
    procs = [p.id for p in benefit_procedures(services)
             if authority is None or p.authority == authority]
    async with connection(services.pool) as conn:
        cur = await conn.execute(
            "select o.procedure, count(*) as sent,"
            " count(*) filter (where o.status = 'accepted') as accepted,"
            " count(*) filter (where o.status = 'declined') as declined,"
            " count(*) filter (where o.status = 'proposed') as unanswered,"
            " count(*) filter (where exists (select 1 from effects e where e.case_id = o.case_id"
            "   and e.effect = 'grant_benefit')) as granted"
            " from outreach_proposals o where o.procedure = any(%s) group by o.procedure"
            " order by o.procedure", (procs,))
        rows = {r["procedure"]: dict(r) for r in await cur.fetchall()}
    zero = {"sent": 0, "accepted": 0, "declined": 0, "unanswered": 0, "granted": 0}
    return [{"procedure": p, **zero, **{k: v for k, v in rows.get(p, {}).items()
                                        if k != "procedure"}} for p in procs]

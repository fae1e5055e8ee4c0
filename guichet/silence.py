"""Silence rules applied: a request past its procedure's legal delay gets its implicit decision.

French law (CRPA L231-1 and following) gives the administration's silence a meaning once a
procedure's delay has passed: acceptance for some procedures, rejection for others. The
catalogue says which (`silence: {after_days, means}`) and each request's `due_at` is that
date. This runs beside the workers, with the service's injected clock, so tests move time.

- **accord**: a proposed grant is approved by silence (decided_by `silence`), dated the day
  the implicit decision was born; the case resumes and carries the effect out once, like an
  officer's approval, and its notice states the implicit decision. A proposed *refusal*
  cannot be carried out by silence (the demand is deemed accepted, not refused): the citizen
  is told of the implicit acceptance and an officer takes the case to give it effect.
- **rejet**: the citizen is told of the implicit rejection, its date and the appeal routes;
  the request stays pending, so an officer may still decide explicitly.

Each outcome is audited with the rule applied, and happens once (the approval's conditional
update, the notices' idempotency keys).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from guichet import audit, queue
from guichet.catalogue import Procedure
from guichet.db import connection
from guichet.deps import Deps
from guichet.store import approvals as store
from guichet.store import cases as case_rows
from tools import notify
from tools.notices import preferred_channel

log = logging.getLogger(__name__)

SILENCE = "silence"  # decided_by of an implicit decision: no officer's name

_DUE_SQL = """
select a.id::text as id, a.case_id::text as case_id, a.procedure, a.effect, a.args,
       a.due_at, c.citizen_id
  from approvals a join cases c on c.id = a.case_id
 where a.status = 'pending' and a.due_at <= %(now)s and a.procedure = any(%(procs)s)
   and c.settled_at is null
   and not exists (select 1 from notifications n
                    where n.idem_key = a.case_id::text || '/' || a.procedure || '/silence/'
                                       || a.id::text)
 order by a.due_at, a.id
 limit %(limit)s
"""


@dataclass
class Applied:
    accepted: list[str] = field(default_factory=list)  # approval ids approved by silence
    rejected: list[str] = field(default_factory=list)  # implicit rejections told
    to_officer: list[str] = field(default_factory=list)  # accord on a proposed refusal


def born_on(due_at: datetime) -> str:
    return f"{due_at:%d/%m/%Y}"


async def apply(services: Deps, *, limit: int = 200) -> Applied:
    """Give every request past its silence delay its implicit decision, once."""
    cat = services.catalogue
    silent = {p.id: p for p in cat.procedures if p.silence is not None}
    done = Applied()
    if not silent:
        return done
    async with connection(services.pool) as conn:
        cur = await conn.execute(_DUE_SQL, {"now": services.now(), "procs": list(silent),
                                            "limit": limit})
        due = [dict(r) for r in await cur.fetchall()]
    for row in due:
        p = silent[row["procedure"]]
        assert p.silence is not None
        if p.silence.means == "rejet":
            await _implicit_rejection(services, p, row)
            done.rejected.append(row["id"])
        elif row["effect"] == "reject_demand":
            await _acceptance_needs_an_officer(services, p, row)
            done.to_officer.append(row["id"])
        elif await _implicit_acceptance(services, p, row):
            done.accepted.append(row["id"])
    if due:
        log.info("silence rules: %s accepted, %s rejected, %s to an officer",
                 len(done.accepted), len(done.rejected), len(done.to_officer))
    return done


def _rule(p: Procedure, row: dict[str, Any]) -> dict[str, Any]:
    assert p.silence is not None
    return {"approval_id": row["id"], "procedure": p.id, "effect": row["effect"],
            "means": p.silence.means, "after_days": p.silence.after_days,
            "born_on": row["due_at"].date().isoformat(), "legal_basis": "CRPA L231-1, L231-4"}


async def _implicit_acceptance(services: Deps, p: Procedure, row: dict[str, Any]) -> bool:
    comment = (f"Décision implicite d'acceptation née le {born_on(row['due_at'])} : silence "
               f"gardé pendant {p.silence.after_days if p.silence else '?'} jours")
    async with connection(services.pool) as conn, conn.transaction():
        updated = await store.decide_implicitly(conn, approval_id=row["id"],
                                                final_args=row["args"], by=SILENCE,
                                                at=row["due_at"], comment=comment)
        if updated is None:  # an officer decided meanwhile: theirs stands
            return False
        await audit.append(conn, case_id=row["case_id"], actor=SILENCE,
                           kind="silence.accord", data=_rule(p, row))
        # The agent resumes as after an officer's approval: the effect runs once, and its
        # notice carries the implicit decision's mention (tools/notices.py).
        await queue.defer(conn, row["case_id"])
    return True


async def _implicit_rejection(services: Deps, p: Procedure, row: dict[str, Any]) -> None:
    cat = services.catalogue
    body = "\n\n".join([
        "Bonjour,",
        f"Votre demande « {p.label} » n'a pas reçu de réponse dans le délai de "
        f"{p.silence.after_days if p.silence else '?'} jours : le silence gardé par "
        f"l'administration vaut décision implicite de rejet, née le {born_on(row['due_at'])} "
        "(article L231-4 du code des relations entre le public et l'administration).",
        "Vous pouvez demander la communication des motifs de cette décision dans le délai "
        "du recours contentieux (article L232-4 du même code).",
        cat.appeal,
        "Votre demande reste à l'étude : un agent peut encore y répondre explicitement.",
        cat.human_contact,
    ])
    # The event and the notice in one statement: told once, and audited with it.
    await notify.enqueue(
        services.pool, case_id=row["case_id"], key=_key(row), kind="implicit_rejection",
        channel=await preferred_channel(services.records, row["citizen_id"]),
        subject=f"Votre demande : {p.label} (décision implicite de rejet)", body=body,
        actor=SILENCE, before=[audit.Event(actor=SILENCE, kind="silence.rejet",
                                           data=_rule(p, row))])


async def _acceptance_needs_an_officer(services: Deps, p: Procedure,
                                       row: dict[str, Any]) -> None:
    cat = services.catalogue
    when = born_on(row["due_at"])
    body = "\n\n".join([
        "Bonjour,",
        f"Votre demande « {p.label} » n'a pas reçu de réponse dans le délai de "
        f"{p.silence.after_days if p.silence else '?'} jours : le silence gardé par "
        f"l'administration vaut décision implicite d'acceptation, née le {when} (article "
        "L231-1 du code des relations entre le public et l'administration).",
        "Un agent va la mettre en œuvre et vous écrira.",
        cat.human_contact,
    ])
    async with connection(services.pool) as conn:
        await case_rows.hand_to_officers(
            conn, case_id=row["case_id"],
            reason=f"décision implicite d'acceptation née le {when} : à mettre en œuvre")
    await notify.enqueue(
        services.pool, case_id=row["case_id"], key=_key(row), kind="implicit_acceptance",
        channel=await preferred_channel(services.records, row["citizen_id"]),
        subject=f"Votre demande : {p.label} (décision implicite d'acceptation)", body=body,
        actor=SILENCE, before=[audit.Event(actor=SILENCE, kind="silence.accord",
                                           data={**_rule(p, row), "to_officer": True})])


def _key(row: dict[str, Any]) -> str:
    # The same key _DUE_SQL looks for: a request's silence is told once.
    return f"{row['case_id']}/{row['procedure']}/silence/{row['id']}"

"""Cases waiting for their citizen: one reminder, then closed without decision.

A question asked to the citizen (a missing piece, a choice) starts a wait (`waiting_since`,
by the service's injected clock). After `GUICHET_CITIZEN_REMINDER_DAYS` the citizen gets
one reminder that repeats the question; once the procedure's own delay has passed with no
answer (the longest of the case's procedures, or `GUICHET_CITIZEN_LAPSE_DAYS` before any is
chosen), the case is closed `sans_suite` with a notice saying why and how to start again.
An answer at any time before that ends the wait (the agent moves the case, which clears
it). Each step is audited and happens once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from guichet import audit
from guichet.db import connection
from guichet.deps import Deps
from guichet.store import approvals
from guichet.store import cases as case_rows
from tools import notify
from tools.notices import preferred_channel

CLOCK = "clock"  # the actor of what the legal and courtesy clocks do

_WAITING_SQL = """
select c.id::text as id, c.citizen_id, c.procedures, c.waiting_since, c.reminded_at,
       (select n.body from notifications n where n.case_id = c.id and n.kind = 'question'
         order by n.id desc limit 1) as question
  from cases c
 where c.settled_at is null and c.taken_by is null and c.holder = 'citizen'
   and c.waiting_since is not null and c.waiting_since <= %(before)s
 order by c.waiting_since
 limit %(limit)s
"""


@dataclass
class Reminded:
    reminded: list[str] = field(default_factory=list)
    lapsed: list[str] = field(default_factory=list)


def lapse_days(services: Deps, procedures: list[str]) -> int:
    cat = services.catalogue
    delays = [cat.procedure(p).delay_days for p in procedures if p in cat.procedure_ids]
    return max(delays) if delays else services.settings.citizen_lapse_days


async def apply(services: Deps, *, limit: int = 200) -> Reminded:
    now = services.now()
    first = services.settings.citizen_reminder_days
    done = Reminded()
    async with connection(services.pool) as conn:
        cur = await conn.execute(_WAITING_SQL, {"before": now - timedelta(days=first),
                                                "limit": limit})
        waiting = [dict(r) for r in await cur.fetchall()]
    for row in waiting:
        days = lapse_days(services, list(row["procedures"]))
        if row["waiting_since"] <= now - timedelta(days=days):
            if await _lapse(services, row, days, now):
                done.lapsed.append(row["id"])
        elif row["reminded_at"] is None and await _remind(services, row, days, now):
            done.reminded.append(row["id"])
    return done


def _labels(services: Deps, procedures: list[str]) -> str:
    cat = services.catalogue
    names = [cat.procedure(p).label for p in procedures if p in cat.procedure_ids]
    return ", ".join(names) or "votre demande"


async def _remind(services: Deps, row: dict[str, Any], days: int, now: datetime) -> bool:
    until = row["waiting_since"] + timedelta(days=days)
    body = "\n\n".join([
        "Bonjour,",
        f"Nous attendons toujours votre réponse pour « {_labels(services, row['procedures'])} ».",
        *([f"Notre question : {row['question']}"] if row["question"] else []),
        f"Sans réponse de votre part avant le {until:%d/%m/%Y}, votre demande sera classée "
        "sans suite ; vous pourrez toujours en déposer une nouvelle.",
        services.catalogue.human_contact,
    ])
    async with connection(services.pool) as conn:
        # The row is the arbiter: of two workers, one reminds.
        if not await case_rows.mark_reminded(conn, case_id=row["id"], at=now,
                                             waiting_since=row["waiting_since"]):
            return False
    await notify.enqueue(
        services.pool, case_id=row["id"],
        key=f"{row['id']}/reminder/{row['waiting_since'].isoformat()}", kind="reminder",
        channel=await preferred_channel(services.records, row["citizen_id"]),
        subject="Rappel : votre réponse est attendue", body=body, actor=CLOCK,
        before=[audit.Event(actor=CLOCK, kind="case.reminded", data={
            "waiting_since": row["waiting_since"].isoformat(), "lapse_after_days": days})])
    return True


async def _lapse(services: Deps, row: dict[str, Any], days: int, now: datetime) -> bool:
    reason = f"sans réponse de l'usager depuis {days} jours"
    async with connection(services.pool) as conn, conn.transaction():
        if not await case_rows.lapse(conn, case_id=row["id"], reason=reason):
            return False
        # Nothing waits for an officer on a case closed for want of an answer.
        await approvals.lapse_pending(conn, case_id=row["id"])
        await audit.append(conn, case_id=row["id"], actor=CLOCK, kind="case.lapsed",
                           data={"waiting_since": row["waiting_since"].isoformat(),
                                 "after_days": days, "at": now.isoformat()})
        await audit.append(conn, case_id=row["id"], actor=CLOCK, kind="status",
                           data={"status": "sans_suite", "holder": "agent", "reason": reason})
    body = "\n\n".join([
        "Bonjour,",
        f"Faute de réponse à notre question depuis le {row['waiting_since']:%d/%m/%Y}, votre "
        f"demande « {_labels(services, row['procedures'])} » est classée sans suite.",
        "Vous pouvez déposer une nouvelle demande à tout moment.",
        services.catalogue.human_contact,
    ])
    await notify.enqueue(
        services.pool, case_id=row["id"], key=f"{row['id']}/lapsed", kind="lapse",
        channel=await preferred_channel(services.records, row["citizen_id"]),
        subject="Votre demande est classée sans suite", body=body, actor=CLOCK)
    return True

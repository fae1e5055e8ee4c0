"""What the citizen receives: acknowledgement, outcome notices with their legal mentions."""

from __future__ import annotations

from typing import Any

from guichet.catalogue import Catalogue, Procedure
from guichet.db import ConnOrPool, Pool, connection
from guichet.store import mail as mail_store
from tools import notify, sms
from tools.context import ToolContext
from tools.records import RecordsConnector
from tools.redaction import restore_text


def reachable(contact: dict[str, Any], channel: str, *, email_failing: bool = False) -> bool:
    """Whether a notice on this channel can reach the citizen, by their contact record (and
    whether their address bounced for good, guichet/mail_in.py)."""
    if channel in ("email", "app"):  # the app's notices are mailed as well
        return bool(contact.get("email")) and not email_failing
    if channel == "sms":
        return sms.normalise(str(contact.get("phone") or "")) is not None
    return channel == "post"


def choose_channel(contact: dict[str, Any], *, email_failing: bool = False) -> str:
    """The channel the citizen chose, when it reaches them; else email, then SMS, then post."""
    chosen = str(contact.get("preferred_channel") or "post")
    if reachable(contact, chosen, email_failing=email_failing):
        return chosen
    return next(c for c in ("email", "sms", "post")
                if reachable(contact, c, email_failing=email_failing))


async def preferred_channel(records: RecordsConnector, citizen_id: str, *,
                            pool: ConnOrPool | None = None) -> str:
    """Where the citizen's notices go: their chosen channel, or the fallback that reaches
    them (choose_channel). Read when the notice is written, so that one notice is one row
    on one channel, whatever changes in the record later. With `pool`, an address whose
    mail bounced for good counts as unreachable."""
    contact = await records.get(citizen_id, "contact") or {}
    address = str(contact.get("email") or "")
    failing = False
    if pool is not None and address:
        async with connection(pool) as conn:
            failing = await mail_store.is_failing(conn, address)
    return choose_channel(contact, email_failing=failing)


# Delivery reports after which an SMS never reaches the phone (a dead or wrong number).
UNDELIVERED = ("undelivered", "failed", "expired", "rejected")


async def relay_undelivered(pool: Pool, records: RecordsConnector,
                            notification: int) -> str | None:
    """An SMS notice the network reports undelivered goes again by email, else by post:
    once (its own key), whichever report says so first or again. The channel, or None."""
    row = await notify.notice(pool, notification)
    if row["channel"] != "sms" or row["delivery_status"] not in UNDELIVERED:
        return None
    contact = await records.get(row["citizen_id"], "contact") or {}
    address = str(contact.get("email") or "")
    async with connection(pool) as conn:
        failing = bool(address) and await mail_store.is_failing(conn, address)
    channel = next(c for c in ("email", "post")
                   if reachable(contact, c, email_failing=failing))
    await notify.enqueue(pool, case_id=row["case_id"], key=f"{row['idem_key']}/relayed",
                         kind=row["kind"], channel=channel, subject=row["subject"],
                         body=row["body"], actor="sms-provider")
    return channel


def silence_text(p: Procedure) -> str:
    if p.silence is None:
        return "Le silence de l'administration ne vaut pas décision pour cette démarche."
    meaning = "acceptation" if p.silence.means == "accord" else "rejet"
    return (f"Sans réponse dans un délai de {p.silence.after_days} jours, votre demande sera "
            f"réputée avoir fait l'objet d'une décision implicite de {meaning}.")


def acknowledgement_text(catalogue: Catalogue, procedures: list[Procedure]) -> str:
    lines = ["Bonjour,", "", "Nous avons bien reçu votre demande (accusé de réception)."]
    for p in procedures:
        lines += ["", f"Démarche : {p.label}",
                  f"Délai annoncé : {p.delay_days} jours.", silence_text(p)]
    if not procedures:
        lines += ["", "Votre demande va être examinée par un agent."]
    lines += ["", catalogue.human_contact]
    return "\n".join(lines)


async def _decision_context(ctx: ToolContext) -> dict[str, Any]:
    async with connection(ctx.pool) as conn:
        cur = await conn.execute(
            "select effect, result from effects where case_id = %s and procedure = %s"
            " order by id", (ctx.case_id, ctx.procedure.id),
        )
        rows = await cur.fetchall()
        # Approvals the law gave by silence (guichet/silence.py decides them as 'silence').
        cur = await conn.execute(
            "select decided_at from approvals where case_id = %s and procedure = %s"
            " and decided_by = 'silence' and status = 'approved' order by decided_at",
            (ctx.case_id, ctx.procedure.id),
        )
        implicit = [r["decided_at"] for r in await cur.fetchall()]
    return {"effects": [r["effect"] for r in rows], "implicit": implicit}


def implicit_acceptance_text(p: Procedure, born: Any) -> str:
    days = p.silence.after_days if p.silence else p.delay_days
    return (f"Cette décision est une décision implicite d'acceptation, née le {born:%d/%m/%Y} "
            f"du silence gardé par l'administration pendant {days} jours (article L231-1 du "
            "code des relations entre le public et l'administration).")


async def notify_citizen(ctx: ToolContext, message: str) -> dict[str, Any]:
    """The model's message, restored, with the mentions the law requires added by code."""
    done = await _decision_context(ctx)
    parts = [restore_text(message, ctx.placeholders)]
    parts += [implicit_acceptance_text(ctx.procedure, born) for born in done["implicit"][:1]]
    # Every decision notice: the algorithm mention (CRPA L311-3-1) and the appeal route.
    if [e for e in done["effects"] if e != "handoff"]:
        parts += [ctx.catalogue.algorithm_notice, ctx.catalogue.appeal]
    parts.append(ctx.catalogue.human_contact)
    kind = "refusal" if "reject_demand" in done["effects"] else "decision"
    return await notify.enqueue(
        ctx.pool, case_id=ctx.case_id, key=f"{ctx.case_id}/{ctx.procedure.id}/notify/{ctx.step}",
        kind=kind, channel=await preferred_channel(ctx.records, ctx.citizen_id, pool=ctx.pool),
        subject=f"Votre demande : {ctx.procedure.label}", body="\n\n".join(parts),
        actor=ctx.actor,
    )

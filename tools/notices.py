"""What the citizen receives: acknowledgement, outcome notices with their legal mentions."""

from __future__ import annotations

from typing import Any

from guichet.catalogue import Catalogue, Procedure
from guichet.db import ConnOrPool, connection
from guichet.store import mail as mail_store
from tools import notify
from tools.context import ToolContext
from tools.records import RecordsConnector
from tools.redaction import restore_text


async def preferred_channel(records: RecordsConnector, citizen_id: str, *,
                            pool: ConnOrPool | None = None) -> str:
    """The channel the citizen chose in their contact record ("post" when none).

    Email whose address bounced for good (guichet/mail_in.py, with `pool` to look it up)
    falls back to SMS when there is a phone, else to post.
    """
    contact = await records.get(citizen_id, "contact") or {}
    chosen = str(contact.get("preferred_channel") or "post")
    if chosen == "email" and pool is not None:
        address = str(contact.get("email") or "")
        async with connection(pool) as conn:
            failing = not address or await mail_store.is_failing(conn, address)
        if failing:
            return "sms" if contact.get("phone") else "post"
    return chosen


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
    return {"effects": [r["effect"] for r in rows]}


async def notify_citizen(ctx: ToolContext, message: str) -> dict[str, Any]:
    """The model's message, restored, with the mentions the law requires added by code."""
    done = await _decision_context(ctx)
    parts = [restore_text(message, ctx.placeholders)]
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

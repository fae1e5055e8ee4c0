"""Incidents a citizen is told of: plain French, no exception names, one notice each."""

from __future__ import annotations

from uuid import UUID

from guichet.db import Pool, connection
from tools import notify

# The holder reasons a citizen reads on their case when a human takes it after an incident.
FAILED = ("incident technique : le traitement automatique de votre demande a échoué "
          "plusieurs fois ; un agent la reprend")
STALLED = ("incident technique : le traitement automatique de votre demande s'est "
           "interrompu ; un agent la reprend")

SUBJECT = "Votre demande est reprise par un agent"
BODY = ("Bonjour,\n\nUn incident technique a interrompu le traitement automatique de votre "
        "demande. Rien n'est perdu : un agent de l'administration la reprend là où elle en "
        "était et vous répondra. Vous n'avez rien à refaire.\n\nCe message est envoyé "
        "automatiquement.")


async def tell_citizen(pool: Pool, *, case_id: str, channel: str) -> None:
    """One notice per incident of the case (the n-th incident has key .../incident/n)."""
    async with connection(pool) as conn:
        cur = await conn.execute(
            "select count(*) as n from notifications where case_id = %s and kind = 'incident'",
            (case_id,))
        row = await cur.fetchone()
    n = (row["n"] if row else 0) + 1
    await notify.enqueue(pool, case_id=UUID(case_id), key=f"{case_id}/incident/{n}",
                         kind="incident", channel=channel, subject=SUBJECT, body=BODY,
                         actor="system")

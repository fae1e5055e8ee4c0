"""Which authority a case's procedures belong to, and which of them are still open.

A case may mix procedures of several authorities (a prime d'activité for the CAF and a tax
claim for the DGFiP). An officer acts on, and sees the details of, their authority's part
only: the procedures the catalogue gives to their authority, or that the agent handed to
their team.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from guichet.db import connection
from guichet.deps import Deps
from guichet.store.cases import SETTLED


@dataclass(frozen=True)
class Parts:
    """A case's procedures by authority, and how far each one is."""

    owners: dict[str, set[str]]  # procedure -> authorities that may decide it
    results: dict[str, str]  # procedure -> accepte/refuse/sans_suite, once settled
    agent_busy: bool  # the agent still has work on the case (a step to run, a wait)
    teams: dict[str, set[str]] = field(default_factory=dict)  # procedure -> handoff teams

    def mine(self, authority: str) -> list[str]:
        return [p for p, who in self.owners.items() if authority in who]

    def open_elsewhere(self, authority: str) -> dict[str, str]:
        """Procedures of other authorities not settled yet, with the authority holding each."""
        return {p: sorted(who)[0] for p, who in self.owners.items()
                if authority not in who and p not in self.results}


def authority_of(services: Deps, procedure: str | None) -> str | None:
    cat = services.catalogue
    return cat.procedure(procedure).authority if procedure in cat.procedure_ids else None


async def parts(services: Deps, case_id: str, procedures: list[str]) -> Parts:
    """Owners from the catalogue and the handoffs; results from the agent and officers."""
    known = services.catalogue.authorities
    owners: dict[str, set[str]] = {}
    for p in procedures:
        owner = authority_of(services, p)
        owners[p] = {owner} if owner else set()
    teams: dict[str, set[str]] = {}
    results: dict[str, str] = {}
    async with connection(services.pool) as conn:
        cur = await conn.execute(
            "select procedure, args ->> 'team' as team from effects where case_id = %s"
            " and effect = 'handoff' and procedure <> ''", (case_id,))
        for r in await cur.fetchall():
            team = r["team"] if r["team"] in known else "accueil"
            teams.setdefault(r["procedure"], set()).add(team)
            owners.setdefault(r["procedure"], set()).add(team)
        # What officers settled by hand, oldest first: a later settlement wins.
        cur = await conn.execute(
            "select data from audit_events where case_id = %s and kind = 'procedure.settled'"
            " order by id", (case_id,))
        settled_by_officers = [r["data"] for r in await cur.fetchall()]
    snapshot = await services.graph.aget_state({"configurable": {"thread_id": case_id}})
    values = snapshot.values or {}
    for o in values.get("outcomes") or []:
        # A procedure handed to a team is open until that team's officer settles it.
        if o.get("procedure") and o.get("result") in SETTLED:
            results[o["procedure"]] = o["result"]
    for data in settled_by_officers:
        for p in data.get("procedures") or []:
            results[p] = data["status"]
    busy = bool(snapshot.next or snapshot.interrupts) and not values.get("done")
    return Parts(owners=owners, results=results, agent_busy=busy, teams=teams)


def combined_status(results: list[str]) -> str:
    """The case's status from its procedures' results, as the agent's closing computes it."""
    if results and all(r == "sans_suite" for r in results):
        return "sans_suite"
    if results and all(r in ("refuse", "sans_suite") for r in results) and "refuse" in results:
        return "refuse"
    return "accepte"


def may_see(authority: str, owners: set[str] | None) -> bool:
    """Details of a procedure's items: its own authority's officers, or anyone when the item
    belongs to no procedure (the whole case's handoff, an acknowledgement)."""
    return owners is None or not owners or authority in owners


def procedure_of_key(key: str, known: set[str]) -> str | None:
    """The procedure a notification's idempotency key names (`<case>/<procedure>/...`)."""
    parts_ = key.split("/")
    return parts_[1] if len(parts_) > 1 and parts_[1] in known else None


def held_by(owners: set[str] | None) -> str:
    return ", ".join(sorted(owners or [])) or "accueil"


def redacted(item: dict[str, Any], keep: tuple[str, ...], owners: set[str] | None
             ) -> dict[str, Any]:
    """Another authority's item: what it is and who holds it, never its contents."""
    return {**{k: item.get(k) for k in keep}, "held_by": held_by(owners)}

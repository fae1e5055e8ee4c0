"""`guichet demo`: a few demands from the seeded population, end to end, in a terminal."""

from __future__ import annotations

import asyncio
from typing import Any

from rich.console import Console
from rich.table import Table

from guichet import approvals, cases, queue
from guichet.db import connection
from guichet.seeding import seed_pool
from guichet.services import Services, open_services
from guichet.settings import Settings

DEMANDS = [
    ("Il y a un nid de poule dangereux devant le 8 rue Victor Hugo, 69002 Lyon.", None),
    ("Bonjour, je déménage au 14 avenue Jean Jaurès, 69007 Lyon. Pouvez-vous prévenir "
     "les organismes ?", None),
    ("Je voudrais une copie intégrale de mon acte de naissance.", None),
    ("Je travaille à temps partiel, est-ce que j'ai droit à la prime d'activité ?", "approve"),
    ("Quels documents faut-il pour refaire une carte d'identité ?", None),
]

console = Console()


async def _pick_citizens(services: Services) -> list[str]:
    # Adults known to every administration, with a modest income: every demand applies.
    async with connection(services.pool) as conn:
        cur = await conn.execute(
            "select c.citizen_id from records c join records e on e.citizen_id = c.citizen_id"
            " and e.source = 'etat_civil' join records f on f.citizen_id = c.citizen_id"
            " and f.source = 'caf' where c.source = 'contact'"
            " and (e.data->>'death_date') is null and e.data->>'nationality' = 'FR'"
            " and (e.data->>'birth_commune') not like '99%%'"
            " and (f.data->>'monthly_activity_income')::float between 300 and 1200"
            " and (e.data->>'birth_date') < '2000-01-01' order by c.citizen_id limit %s",
            (len(DEMANDS),),
        )
        return [r["citizen_id"] for r in await cur.fetchall()]


async def _steps(services: Services, case_id: str) -> list[dict[str, Any]]:
    async with connection(services.pool) as conn:
        cur = await conn.execute(
            "select at, actor, kind, data from audit_events where case_id = %s order by id",
            (case_id,),
        )
        return [dict(r) for r in await cur.fetchall()]


def _describe(kind: str, data: dict[str, Any]) -> str:
    if kind == "model.call":
        calls = (data.get("output") or {}).get("tool_calls") or []
        return "modèle → " + (", ".join(c["name"] for c in calls) or "réponse")
    if kind == "tool.call":
        return f"outil {data['tool']} ({data['outcome']})"
    if kind == "records.read":
        return f"lecture {data['source']} pour {data['procedure']}"
    if kind == "status":
        return f"statut {data['status']} / {data['holder']} : {data['reason']}"
    if kind == "effect":
        return f"effet {data['effect']}"
    if kind.startswith("approval"):
        return f"{kind} {data.get('effect', '')}"
    return kind


async def _wait(services: Services, case_id: str) -> dict[str, Any]:
    for _ in range(300):
        async with connection(services.pool) as conn:
            cur = await conn.execute(
                "select c.status, c.holder, (select count(*) from procrastinate_jobs j where"
                " j.args->>'case_id' = %s and j.status in ('todo','doing')) as jobs"
                " from cases c where c.id = %s", (case_id, case_id))
            row = await cur.fetchone()
        if (row and row["jobs"] == 0 and row["holder"] != "agent") or (row and row["jobs"] == 0 \
                and row["status"] in ("accepte", "refuse", "sans_suite")):
            return dict(row)
        await asyncio.sleep(0.1)
    raise TimeoutError(case_id)


async def _approve_all(services: Services, case_id: str) -> None:
    """The officer's part, through the same decision service as the API."""
    async with connection(services.pool) as conn:
        cur = await conn.execute(
            "select id, effect, authority, args from approvals where case_id = %s"
            " and status = 'pending'", (case_id,))
        pending = [dict(r) for r in await cur.fetchall()]
    for row in pending:
        console.print(f"   [bold magenta]agent public ({row['authority']})[/] valide "
                      f"{row['effect']} {row['args']}")
        await approvals.decide(services, approval_id=str(row["id"]), officer="demo-officer",
                               authority=row["authority"], decision="approve",
                               comment="validé (démonstration)")


async def run_demo(settings: Settings) -> None:
    async with open_services(settings) as services:
        await seed_pool(services.pool)
        worker = asyncio.create_task(services.run_worker(
            name="demo", concurrency=2, install_signal_handlers=False))
        try:
            citizens = await _pick_citizens(services)
            table = Table(title="Résultats")
            for col in ("usager", "demande", "démarches", "statut"):
                table.add_column(col)
            for (text, approval), citizen in zip(DEMANDS, citizens, strict=False):
                console.rule(f"[bold]{citizen}[/] : {text}")
                case_id = await cases.create_case(services, citizen_id=citizen, text=text,
                                                  channel="api")
                row = await _wait(services, case_id)
                if approval and row["holder"] == "officer":
                    await _approve_all(services, case_id)
                    row = await _wait(services, case_id)
                for step in await _steps(services, case_id):
                    console.print(f"   {step['at']:%H:%M:%S.%f} {_describe(step['kind'], step['data'])}")
                async with connection(services.pool) as conn:
                    cur = await conn.execute("select procedures from cases where id = %s",
                                             (case_id,))
                    procs = (await cur.fetchone() or {"procedures": []})["procedures"]
                table.add_row(citizen, text[:40] + "…", ", ".join(procs), row["status"])
            console.print(table)
        finally:
            await queue.stop_worker(worker)

"""Auditors' commands: verify the audit log, replay cases, prune closed cases' checkpoints."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from guichet.cli_common import load_settings

app = typer.Typer(help="Audit: integrity of the log, replay of cases, retention.",
                  no_args_is_help=True)


@app.command()
def verify(case_id: Annotated[UUID | None, typer.Option(help="one case's chain only")] = None,
           ) -> None:
    """Recompute the audit log's hash chain and name the first broken event (exit 1 if any)."""
    from guichet import audit_verify
    from guichet.services import open_services

    async def main() -> audit_verify.Verification:
        async with open_services(load_settings()) as services, services.pool.connection() as conn:
            return await audit_verify.verify(conn, case_id=case_id, public_key=_public_key())

    result = asyncio.run(main())
    if result.ok:
        typer.echo(f"OK: {result.checked} événements vérifiés ({result.scope}), "
                   f"dernière empreinte {result.head}")
        if result.signed_head is not None:
            h = result.signed_head
            typer.echo(f"{result.sealed} scellés ; tête signée {h.position} du {h.sealed_at}"
                       f" (clé {h.public_key[:16]}…)")
        return
    assert result.first_broken is not None
    b = result.first_broken
    typer.echo(f"ALTÉRÉ: événement {b.id} ({b.kind}, dossier {b.case_id or '-'}, chaîne {b.chain})"
               f" : {b.reason}", err=True)
    raise typer.Exit(1)


def _public_key() -> str:
    from guichet import audit_seal

    return audit_seal.public_text(load_settings().audit_key())


async def _cases(services: Any, case_id: UUID | None, since: date | None,
                 until: date | None) -> list[dict[str, Any]]:
    async with services.pool.connection() as conn:
        cur = await conn.execute(
            "select * from cases where (%(id)s::uuid is null or id = %(id)s::uuid)"
            " and (%(since)s::date is null or created_at >= %(since)s::date)"
            " and (%(until)s::date is null or created_at < %(until)s::date)"
            " order by created_at",
            {"id": case_id, "since": since, "until": until})
        return [dict(r) for r in await cur.fetchall()]


def _verdict(report: Any) -> str:
    if report.reproduced:
        return "[green]reproduit[/green]"
    d = report.first_divergence
    where = f"étape {d.step} ({d.node or '-'})" if d else "fin"
    return f"[red]diverge[/red] {where} : {d.reason if d else report.stopped}"


@app.command()
def replay(
    case_id: Annotated[UUID | None, typer.Argument(help="a case id; omit to use the dates")] = None,
    since: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"],
                                                   help="cases created on or after")] = None,
    until: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"],
                                                   help="cases created before")] = None,
    model: Annotated[str, typer.Option(help="recorded, or current: the configured model "
                                            "on the recorded inputs")] = "recorded",
) -> None:
    """Replay finished cases in a sandbox; exit 1 if any did not reproduce."""
    from graphs.replay import read_only_pool, replay_in_service
    from guichet.errors import Conflict
    from guichet.services import open_services

    if model not in ("recorded", "current"):
        typer.echo("model: recorded or current", err=True)
        raise typer.Exit(2)
    if case_id is None and since is None and until is None:
        typer.echo("give a case id, or --since/--until", err=True)
        raise typer.Exit(2)
    console = Console()
    rows: list[tuple[str, str, str, str]] = []

    async def main() -> int:
        diverged = 0
        async with open_services(load_settings()) as services, read_only_pool(services.pool) as ro:
            cases = await _cases(services, case_id, since.date() if since else None,
                                 until.date() if until else None)
            columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
            with Progress(*columns, console=console, transient=True) as progress:
                task = progress.add_task("replay", total=len(cases))
                for case in cases:
                    label = ", ".join(case["procedures"]) or "-"
                    try:
                        report = await replay_in_service(
                            services, case, ro_pool=ro,
                            model=services.model if model == "current" else None)
                    except Conflict as exc:
                        rows.append((str(case["id"]), label, "-", f"[yellow]ignoré[/yellow] : {exc}"))
                    else:
                        diverged += not report.reproduced
                        rows.append((str(case["id"]), label, str(len(report.steps)),
                                     _verdict(report)))
                    progress.advance(task)
        return diverged

    diverged = asyncio.run(main())
    table = Table(title=f"Rejeu ({model})")
    for col in ("dossier", "démarches", "étapes", "résultat"):
        table.add_column(col)
    for r in rows:
        table.add_row(*r)
    console.print(table)
    console.print(f"{len(rows)} dossiers, {diverged} divergent(s)")
    if diverged:
        raise typer.Exit(1)


@app.command()
def prune(
    older_than_days: Annotated[int, typer.Option(
        envvar="GUICHET_PRUNE_AFTER_DAYS", min=0,
        help="closed for more than this many days")] = 30,
    dry_run: Annotated[bool, typer.Option(help="count only")] = False,
    personal_data: Annotated[bool, typer.Option(
        help="also erase the personal data of cases past their procedure's retention "
             "(catalogue retention_days, else GUICHET_RETENTION_DAYS)")] = True,
) -> None:
    """Prune closed cases' intermediate checkpoints, then erase the personal data of those
    past their retention; the audit events are all kept."""
    from guichet.retention import prune as do_prune
    from guichet.retention import purge_personal_data
    from guichet.services import open_services, utc_now

    settings = load_settings()

    async def main() -> Any:
        async with open_services(settings) as services, services.pool.connection() as conn:
            pruned = await do_prune(conn, older_than_days=older_than_days, now=utc_now(),
                                    dry_run=dry_run)
            purged = None
            if personal_data:
                purged = await purge_personal_data(
                    conn, catalogue=services.catalogue, default_days=settings.retention_days,
                    now=utc_now(), dry_run=dry_run)
            return pruned, purged

    r, p = asyncio.run(main())
    verb = "à supprimer" if r.dry_run else "supprimés"
    typer.echo(f"{r.cases} dossiers clos avant {r.cutoff:%Y-%m-%d} : {r.checkpoints} points "
               f"de reprise, {r.writes} écritures, {r.blobs} valeurs {verb} ; "
               f"{r.audit_events_kept} événements d'audit conservés")
    if p is not None:
        verb = "à effacer" if p.dry_run else "effacés"
        typer.echo(f"{p.cases} dossiers au-delà de leur durée de conservation : {p.messages} "
                   f"messages, {p.notifications} avis, {p.placeholders} marqueurs, "
                   f"{p.procedures} formulaires, {p.approvals} dossiers de preuves, "
                   f"{p.checkpoints} points de reprise {verb} ; "
                   f"{p.audit_events_kept} événements d'audit conservés")


@app.command()
def seal() -> None:
    """Seal now: link the audit events written since the last head and sign the new head."""
    from guichet.services import open_services

    async def main() -> Any:
        async with open_services(load_settings()) as services:
            return await services.seal()

    sealed = asyncio.run(main())
    if sealed is None:
        typer.echo("rien de nouveau à sceller")
        return
    typer.echo(f"{sealed.events} événements scellés ; tête {sealed.position} {sealed.hash}")


@app.command("new-key")
def new_key() -> None:
    """Print a new audit signing key (GUICHET_AUDIT_SIGNING_KEY) and its public half."""
    from guichet import audit_seal

    key = audit_seal.new_key()
    typer.echo(f"GUICHET_AUDIT_SIGNING_KEY={audit_seal.key_to_text(key)}")
    typer.echo(f"clé publique (à remettre aux auditeurs) : {audit_seal.public_text(key)}")


@app.command("new-checkpoint-key")
def new_checkpoint_key() -> None:
    """Print a new key for the checkpoints' encryption at rest (GUICHET_CHECKPOINT_KEY)."""
    from guichet.settings import new_checkpoint_key as make

    typer.echo(f"GUICHET_CHECKPOINT_KEY={make()}")

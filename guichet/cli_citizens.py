"""`guichet citizens`: seeded citizens to try the service with, and what each demand will do."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from guichet.personas import KIND_LABELS, KINDS, Persona, UnknownProcedure, personas


def _by_path(persona: Persona) -> str:
    # One line per path, each naming the procedures that take it: the profile stays readable
    # with the whole catalogue in it.
    lines = []
    for kind in KINDS:
        hits = [o for o in persona.outcomes.values() if o.kind == kind]
        if hits:
            lines.append(f"[bold]{KIND_LABELS[kind]}[/bold] : "
                         + ", ".join(o.procedure for o in hits))
    return "\n".join(lines)


def citizens(
    procedure: Annotated[str | None, typer.Option(
        help="a procedure id (prime-activite, rsa...): citizens for whom it leads somewhere "
             "clear, and what happens")] = None,
    limit: Annotated[int, typer.Option(min=1, help="citizens to list")] = 20,
) -> None:
    """List seeded citizens to try demands with: who they are and what each procedure does."""
    try:
        found = personas(procedure=procedure, limit=limit)
    except UnknownProcedure as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    table = Table(title=f"Usagers pour « {procedure} »" if procedure else "Usagers de démonstration",
                  show_lines=True)
    table.add_column("usager", no_wrap=True)
    table.add_column("profil")
    table.add_column("ce qui se passe" if procedure else "démarches")
    for p in found:
        table.add_row(p.id, p.who, p.outcomes[procedure].text if procedure else _by_path(p))
    Console().print(table)

"""`guichet outreach`: propose a benefit to the citizens the rules find eligible."""

from __future__ import annotations

import asyncio
import json
from typing import Annotated

import typer

from guichet.cli_common import load_settings


def outreach(
    procedure: Annotated[str | None, typer.Option(
        help="a benefit procedure: prime-activite, css, rsa")] = None,
    renewals: Annotated[bool, typer.Option(
        help="remind holders of documents that expire soon (catalogue: renewals)")] = False,
    dry_run: Annotated[bool, typer.Option(help="count who would get a proposal, send none")]
    = False,
) -> None:
    """One outreach pass: eligibility by the rules, a proposal to each eligible citizen who
    has none this period, no open or recent case for it and did not opt out; or, with
    --renewals, one reminder per expiring document with the procedure that renews it."""
    from guichet import outreach as run_outreach
    from guichet.errors import InvalidInput
    from guichet.services import open_services

    if (procedure is None) == (not renewals):
        typer.echo("give --procedure or --renewals (one of them)", err=True)
        raise typer.Exit(2)
    if renewals and dry_run:
        typer.echo("--dry-run counts proposals of a --procedure only", err=True)
        raise typer.Exit(2)

    async def main() -> list[dict[str, object]]:
        async with open_services(load_settings()) as services:
            if procedure is None:
                return [{**r.model_dump(), "reminded": len(r.reminded)}
                        for r in await run_outreach.remind_renewals(services)]
            result = await run_outreach.run(services, procedure, dry_run=dry_run)
            return [{**result.model_dump(), "proposed": len(result.proposed)}]

    try:
        shown = asyncio.run(main())
    except InvalidInput as exc:
        typer.echo(f"{exc.field}: {exc.reason}", err=True)
        raise typer.Exit(2) from None
    for line in shown:
        typer.echo(json.dumps(line, ensure_ascii=False))

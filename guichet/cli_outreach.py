"""`guichet outreach`: propose a benefit to the citizens the rules find eligible."""

from __future__ import annotations

import asyncio
import json
from typing import Annotated

import typer

from guichet.cli_common import load_settings


def outreach(
    procedure: Annotated[str, typer.Option(help="a benefit procedure: prime-activite, css, rsa")],
    dry_run: Annotated[bool, typer.Option(help="count who would get a proposal, send none")]
    = False,
) -> None:
    """One outreach pass: eligibility by the rules, a proposal to each eligible citizen who
    has none this period, no open or recent case for it and did not opt out."""
    from guichet import outreach as run_outreach
    from guichet.errors import InvalidInput
    from guichet.services import open_services

    async def main() -> run_outreach.OutreachRun:
        async with open_services(load_settings()) as services:
            return await run_outreach.run(services, procedure, dry_run=dry_run)

    try:
        result = asyncio.run(main())
    except InvalidInput as exc:
        typer.echo(f"{exc.field}: {exc.reason}", err=True)
        raise typer.Exit(2) from None
    shown = result.model_dump()
    shown["proposed"] = len(result.proposed)
    typer.echo(json.dumps(shown, ensure_ascii=False))

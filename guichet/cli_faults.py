"""`guichet faults`: kill workers, stop Postgres, break the model; then count what broke."""

from __future__ import annotations

import asyncio
import dataclasses
import shutil
import tempfile
import time
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Fault injection against the real processes, figures as counts.")


@app.command()
def faults(
    quick: Annotated[bool, typer.Option(help="about 20 kills, one 15 s Postgres restart, "
                                             "a small workload (CI)")] = False,
    per_procedure: Annotated[int | None, typer.Option(
        min=1, help="demands of every procedure of the catalogue")] = None,
    kills: Annotated[int | None, typer.Option(min=0, help="SIGKILLs of random workers")] = None,
    workers: Annotated[int | None, typer.Option(min=1, max=8, help="worker processes")] = None,
    out: Annotated[Path | None, typer.Option(help="also write the results as JSON here")] = None,
    workdir: Annotated[Path | None, typer.Option(
        help="where the processes' logs go (default: a temporary folder)")] = None,
    keep: Annotated[bool, typer.Option(help="keep the logs even when every check passes")
                    ] = False,
) -> None:
    """Run the fault suite on a private embedded Postgres; exit 1 if any invariant broke."""
    from evals.faults.plan import FULL, QUICK
    from evals.faults.report import exit_code, print_report, write_json
    from evals.faults.run import run_faults

    plan = QUICK if quick else FULL
    changes: dict[str, object] = {}
    if per_procedure is not None:
        changes["per_procedure"] = per_procedure
    if kills is not None:
        changes["kills"] = kills
    if workers is not None:
        changes["workers"] = workers
    plan = dataclasses.replace(plan, **changes)  # type: ignore[arg-type]
    folder = workdir or Path(tempfile.mkdtemp(prefix="guichet-faults-"))
    started = time.monotonic()
    typer.echo(f"fault plan: {plan}\nprocess logs: {folder / 'logs'}")
    result = asyncio.run(run_faults(plan, workdir=folder, log=typer.echo))
    print_report(result, typer.echo)
    if out is not None:
        write_json(result, out)
        typer.echo(f"written {out}")
    code = exit_code(result)
    if code == 0 and not keep and workdir is None:
        shutil.rmtree(folder, ignore_errors=True)
    typer.echo(f"{'FAILED' if code else 'passed'} in {time.monotonic() - started:.0f}s")
    raise typer.Exit(code)


if __name__ == "__main__":
    app()

"""`guichet bench`: the engine against plain LangGraph, in one run on one Postgres."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from pathlib import Path
from typing import Annotated

import typer

from guichet.cli_common import load_settings

app = typer.Typer(help="Benchmark the case engine against a plain LangGraph build.")

DEFAULT_OUT = Path("evals/reports/bench-latest.json")


def _ints(text: str | None) -> tuple[int, ...] | None:
    return None if text is None else tuple(int(x) for x in text.split(",") if x.strip())


@app.command()
def bench(
    quick: Annotated[bool, typer.Option(help="a few cases per run, history up to 1 000")] = False,
    out: Annotated[Path, typer.Option(help="where to write the JSON results")] = DEFAULT_OUT,
    cases: Annotated[int | None, typer.Option(help="guichet cases per run")] = None,
    baseline_cases: Annotated[int | None, typer.Option(help="baseline cases")] = None,
    workers: Annotated[str | None, typer.Option(help="worker processes to try, e.g. 1,2")] = None,
    prior: Annotated[str | None, typer.Option(help="history sizes for growth, e.g. 1000,20000;"
                                                   " empty for none")] = None,
    keep: Annotated[bool, typer.Option(help="keep the bench databases")] = False,
) -> None:
    """Baseline and guichet on fresh databases of the service's Postgres; prints and writes JSON."""
    from evals.bench.report import print_report, write_json
    from evals.bench.run import DEFAULT, QUICK, run_bench

    settings = load_settings()
    plan = QUICK if quick else DEFAULT
    changes: dict[str, object] = {}
    if cases is not None:
        changes["guichet_cases"] = cases
    if baseline_cases is not None:
        changes["baseline_cases"] = baseline_cases
    if (w := _ints(workers)) is not None:
        changes["workers"] = w
        changes["growth_workers"] = w[0]
    if (p := _ints(prior)) is not None:
        changes["prior"] = p
    plan = dataclasses.replace(plan, **changes)  # type: ignore[arg-type]
    workdir = out.parent / "tmp" / f"bench-{time.strftime('%Y%m%dT%H%M%S')}"
    typer.echo(f"bench plan: {plan}\nprocess logs: {workdir}")
    started = time.perf_counter()
    result = asyncio.run(run_bench(settings, plan, workdir=workdir, keep=keep,
                                   log=lambda m: typer.echo(f"[{time.perf_counter() - started:6.0f}s] {m}")))
    result["elapsed_s"] = time.perf_counter() - started
    print_report(result)
    write_json(result, out)
    typer.echo(f"written {out} ({result['elapsed_s']:.0f}s)")


if __name__ == "__main__":
    app()

"""`guichet eval`: run an eval dataset through the real service path and report."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from pathlib import Path
from typing import Annotated, Literal

import typer

from guichet.cli_common import load_settings

app = typer.Typer(help="Measure how well cases are resolved (evals).")

DEFAULT_DATASET = Path("evals/datasets/core.jsonl")
DEFAULT_REPORT = Path("evals/reports")


@app.command("eval")
def eval_command(
    dataset: Annotated[Path, typer.Option(help="JSONL eval cases (shared eval format)",
                                          exists=True, dir_okay=False)] = DEFAULT_DATASET,
    trials: Annotated[int, typer.Option(min=1, help="runs of each case (pass^k up to K)")] = 1,
    model: Annotated[str, typer.Option(help="offline or openai (endpoint from settings)")
                     ] = "offline",
    report: Annotated[Path, typer.Option(help="directory for latest.json / latest.md")
                      ] = DEFAULT_REPORT,
    baseline: Annotated[Path | None, typer.Option(help="an earlier report JSON to compare with",
                                                  exists=True, dir_okay=False)] = None,
    parallel: Annotated[int, typer.Option(min=1, max=32, help="cases run at once")] = 4,
    thresholds: Annotated[Path | None, typer.Option(
        help="thresholds JSON; the command fails when one is missed")] = None,
    simulate_citizen: Annotated[bool, typer.Option(
        help="openai only: an LLM answers the agent's questions when the script runs out")
                                ] = False,
    timeout: Annotated[float, typer.Option(help="seconds a case may take to settle")] = 120.0,
    only: Annotated[str | None, typer.Option(help="run only case ids starting with this")
                    ] = None,
    reveal: Annotated[bool, typer.Option(
        help="held-out sets: report which cases failed and why (the set is then seen)")
                      ] = False,
) -> None:
    """Run every case on its own database, grade the final state, write the report."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from evals import metrics
    from evals import report as reporting
    from evals.dataset import DatasetError, load_dataset
    from evals.runner import CaseRun, run_dataset

    if model not in ("offline", "openai"):
        raise typer.BadParameter("offline or openai", param_hint="--model")
    kind: Literal["offline", "openai"] = "openai" if model == "openai" else "offline"
    settings = load_settings(model=kind)
    try:
        cases = load_dataset(dataset)
    except DatasetError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    if only:
        cases = [c for c in cases if c.id.startswith(only)]
    answerer = None
    if simulate_citizen:
        if kind != "openai":
            raise typer.BadParameter("needs --model openai", param_hint="--simulate-citizen")
        from evals.simulated import make_answerer

        answerer = make_answerer(settings)
    started, clock = dt.datetime.now(dt.UTC), time.perf_counter()
    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn()) as progress:
        task = progress.add_task("cases", total=len(cases) * trials)
        failed = [0]

        def done(run: CaseRun) -> None:
            failed[0] += not run.grade.passed
            progress.update(task, advance=1,
                            description=f"cases ({failed[0]} failed, last {run.case.id})")

        runs = asyncio.run(run_dataset(cases, settings=settings, trials=trials,
                                       parallel=parallel, timeout_s=timeout, answerer=answerer,
                                       on_done=done))
    summary = metrics.summarize(runs, trials=trials)
    all_limits = json.loads((thresholds or reporting.THRESHOLDS).read_text(encoding="utf-8"))
    limits = reporting.thresholds_for(all_limits, dataset)
    result = {
        "meta": {"dataset": str(dataset), "model": settings.openai_model if kind == "openai"
                 else "offline", "trials": trials, "parallel": parallel,
                 "started": started.strftime("%Y-%m-%d %H:%M UTC"),
                 "elapsed_s": time.perf_counter() - clock},
        "summary": summary, "thresholds": limits,
        "thresholds_missed": reporting.check_thresholds(summary, limits),
        "cases": metrics.per_case(runs),
    }
    if baseline is not None:
        result["comparison"] = reporting.compare(
            result, json.loads(baseline.read_text(encoding="utf-8")))
    if reporting.is_held_out(all_limits, dataset) and not reveal:
        result = reporting.withhold(result)
    md = reporting.write(result, report)
    low, high = summary["ci95"]
    typer.echo(f"pass rate {100 * summary['pass_rate']:.1f} % ({summary['passed']}/"
               f"{summary['runs']}), 95 % CI [{100 * low:.1f} %, {100 * high:.1f} %]; "
               f"unauthorized effects {summary['unauthorized_effects']}; report {md}")
    if result["thresholds_missed"]:
        for line in result["thresholds_missed"]:
            typer.echo(f"threshold missed: {line}", err=True)
        raise typer.Exit(1)


if __name__ == "__main__":
    app()

"""`guichet scaleout`: the service on six hosts (network namespaces), one worker cut off."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Annotated

import typer


def scaleout(
    quick: Annotated[bool, typer.Option("--quick", help="small workload (< 3 min), as the "
                                                       "test runs it")] = False,
    cases: Annotated[int | None, typer.Option(help="cases to submit "
                                                   "(48 quick, 300 otherwise)")] = None,
    rate: Annotated[float | None, typer.Option(help="submissions per second over both APIs "
                                                    "(5 in both modes)")] = None,
    cut_when: Annotated[str | None, typer.Option(
        help="steady (the default run's): with case locks held on idle sessions, nothing in "
             "flight; lock (--quick's): the instant it takes a case lock; tx: inside an "
             "audit transaction")] = None,
    heal: Annotated[bool, typer.Option(help="reconnect the cut-off worker once its cases are "
                                            "finished, submit more, and check nothing it "
                                            "still ran wrote over the others")] = False,
    server_timeouts: Annotated[bool, typer.Option(
        help="set tcp_keepalives_* (10/5/3) and tcp_user_timeout (25 s) server-wide on the "
             "db host too (the service sets them on each of its own sessions)")] = False,
    subnet: Annotated[str | None, typer.Option(help="private /24 for the hosts (default: "
                                                    "a free one in 10.231.0.0/16)")] = None,
    workdir: Annotated[Path | None, typer.Option(help="logs and data (default: a temporary "
                                                      "folder, kept only on failure)")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="write every figure "
                                                                 "here")] = None,
) -> None:
    """Rehearse a deployment on several hosts: Postgres, 2 APIs, 3 workers, one cut off.

    Needs root and iproute2 (`ip netns`); everything stays on a private bridge.
    Exits 1 when a case was lost, stuck or done twice, or when the cut-off worker's cases
    were not finished by the others; 2 when the hosts cannot be made.
    """
    from evals.scaleout import report
    from evals.scaleout.netns import NetnsUnavailable
    from evals.scaleout.run import Config, rehearse

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from evals.scaleout.cut import MODES

    if cut_when is not None and cut_when not in MODES:
        typer.echo(f"scaleout: --cut-when is one of {', '.join(MODES)}", err=True)
        raise typer.Exit(2)
    overrides: dict[str, object] = {"heal": heal, "server_timeouts": server_timeouts,
                                    "subnet": subnet, "workdir": workdir}
    if cut_when is not None:
        overrides["cut_when"] = cut_when
    if cases is not None:
        overrides["cases"] = cases
    if rate is not None:
        overrides["rate"] = rate
    config = (Config.quick if quick else Config.full)(**overrides)
    try:
        result = asyncio.run(rehearse(config))
    except NetnsUnavailable as exc:
        typer.echo(f"scaleout: {exc}", err=True)
        raise typer.Exit(2) from exc
    except KeyboardInterrupt:
        typer.echo("scaleout: interrupted (hosts and processes removed)", err=True)
        raise typer.Exit(130) from None
    typer.echo(report.text(result))
    if json_out is not None:
        report.write_json(result, json_out)
    if not result.ok:
        raise typer.Exit(1)

"""The run's figures as counts, the checks that pass or fail, and the exit code."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from evals.faults.run import RunResult

Echo = Callable[[str], None]
SHOWN = 8  # examples printed per failed check


@dataclass(frozen=True)
class Check:
    name: str
    count: int  # what was found; the check passes at 0
    examples: list[Any]


def bad_5xx(hist: dict[str, int]) -> int:
    return sum(n for s, n in hist.items() if s.isdigit() and int(s) >= 500 and s != "503")


def checks_of(r: RunResult) -> list[Check]:
    f = r.findings
    outages = [w for w in r.windows if w["kind"] == "postgres"]
    no_503 = [w["label"] for w in outages
              if not (w["statuses"].get("503") or w.get("statuses_after", {}).get("503"))]
    bad = {route: {s: n for s, n in hist.items() if s.isdigit() and int(s) >= 500 and s != "503"}
           for route, hist in r.statuses_by_route.items()}
    return [
        Check("LOST: acknowledged by a 202, no case row", len(f["lost"]), f["lost"]),
        Check("STUCK: not settled, not visibly with anyone", len(f["stuck"]), f["stuck"]),
        Check("still running when the settle deadline passed", len(f["running"]), f["running"]),
        Check("duplicated effects (same case, procedure, effect, target)",
              len(f["duplicate_effects"]), f["duplicate_effects"]),
        Check("duplicated notices (same case, kind, notice)", len(f["duplicate_notices"]),
              f["duplicate_notices"]),
        Check("HTTP 500 (or any 5xx but 503) answered to a client",
              bad_5xx(r.statuses_total), [{k: v} for k, v in bad.items() if v]),
        Check("Postgres outages not answered with any 503", len(no_503), no_503),
        Check("worker processes that exited on their own", len(r.worker_exits),
              [_exit(e) for e in r.worker_exits]),
        Check("worker processes alive but starting no job while jobs waited or others worked",
              len(r.worker_idle), [_exit(e) for e in r.worker_idle]),
        Check("API or model endpoint processes that exited on their own", len(r.other_exits),
              [_exit(e) for e in r.other_exits]),
        Check("processes that ignored SIGTERM (killed 15 s later)", len(r.stop_ignored),
              r.stop_ignored),
        Check("demands never acknowledged (no 202 by the end of the load)",
              r.never_acknowledged, []),
        Check("audit log chain broken (`guichet audit verify`)", 0 if r.audit["ok"] else 1,
              [r.audit["output"]]),
    ]


def _exit(e: dict[str, Any]) -> dict[str, Any]:
    return {"process": f"{e['name']}.{e['incarnation']}", "code": e["returncode"],
            "reason": e["reason"], "during_outage": e["during_outage"], "log": e["log"],
            "last_lines": e["tail"].splitlines()[-4:]}


def exit_code(r: RunResult) -> int:
    return 1 if any(c.count for c in checks_of(r)) else 0


def _hist(h: dict[str, int]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in h.items()) or "none"


def print_report(r: RunResult, echo: Echo = print) -> None:
    f, v = r.findings, r.findings["verdicts"]
    p = r.plan
    echo("")
    echo(f"== guichet faults ({p['name']}): {r.elapsed_s:.0f}s in all, load {r.load_s:.0f}s, "
         f"settling {r.drain_s:.0f}s{'' if r.drained else ' (deadline reached)'}")
    echo(f"processes       1 API, {p['workers']} workers x {p['concurrency']} jobs, model over "
         f"HTTP (offline model), private Postgres; heartbeat {p['heartbeat_s']}s, stalled after "
         f"{p['stalled_after_s']}s")
    echo(f"demands         {r.demands} ({p['per_procedure']} per procedure of the catalogue)")
    echo(f"submitted       {r.submitted} acknowledged by 202; {r.post_attempts} POST /v1/cases "
         f"sent, {r.post_unacknowledged} not acknowledged (retried); "
         f"{r.never_acknowledged} never acknowledged")
    echo(f"cases in db     {f['cases_in_db']} (statuses: {_hist(f['statuses'])})")
    echo(f"settled         {v['settled']}")
    echo(f"with an officer {v['officer']} ({_hist(f['officer_reasons'])})")
    echo(f"with a citizen  {v['citizen']}")
    echo(f"running         {v['running']}")
    echo(f"STUCK           {v['stuck']}")
    echo(f"LOST            {len(f['lost'])}")
    echo(f"effects         {f['effects']} rows, {len(f['duplicate_effects'])} duplicated")
    echo(f"notices         {f['notices']} rows, {len(f['duplicate_notices'])} duplicated")
    echo(f"failed jobs     {f['failed_jobs']} (jobs that used up their attempts)")
    echo(f"citizen/officer {r.answers_sent} answers sent, {r.decisions} approval requests decided")
    echo(f"kills           {r.kills} SIGKILLs of workers, {r.kills_mid_job} in the middle of a "
         f"job ({_hist(r.kills_by_phase)})")
    for w in r.windows:
        took = ", ".join(f"{k} {w[k]}s" for k in ("stop_s", "start_s") if k in w)
        echo(f"fault           {w['label']} from {w['from_s']}s to {w['to_s']}s"
             f"{' (' + took + ')' if took else ''}")
        echo(f"  HTTP during   {_hist(w['statuses'])}")
        if w["kind"] == "postgres":
            for route, hist in w["statuses_by_route"].items():
                echo(f"    {route:34} {_hist(hist)}")
            echo(f"  HTTP after    {_hist(w['statuses_after'])} (the {p['outage_grace_s']:.0f}s "
                 "after the restart)")
    echo(f"model endpoint  served {_hist(r.model_served.get('served') or {})}")
    echo(f"HTTP, whole run {_hist(r.statuses_total)}")
    echo(f"workers         {len(r.worker_exits)} exited on their own, {len(r.worker_idle)} idle; "
         f"API/model: {len(r.other_exits)} exits; {len(r.stop_ignored)} processes ignored "
         "SIGTERM at the end")
    echo(f"audit verify    {'OK' if r.audit['ok'] else 'FAILED'}: {r.audit['output']}")
    for note in r.notes:
        echo(f"note            {note}")
    echo("")
    for c in checks_of(r):
        echo(f"[{'FAIL' if c.count else 'ok  '}] {c.name}: {c.count}")
        for ex in c.examples[:SHOWN] if c.count else []:
            echo(f"         {json.dumps(ex, ensure_ascii=False, default=str)[:400]}")
        if c.count and len(c.examples) > SHOWN:
            echo(f"         ... and {len(c.examples) - SHOWN} more")
    echo(f"process logs    {r.workdir}/logs")


def write_json(r: RunResult, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {**asdict(r), "checks": [asdict(c) for c in checks_of(r)],
            "exit_code": exit_code(r)}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str))

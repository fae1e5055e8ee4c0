"""The bench's tables on the terminal and its JSON file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table


def _f(value: float | None, fmt: str = "{:.2f}") -> str:
    return "–" if value is None else fmt.format(value)


def _ms(value: float | None) -> str:
    return _f(None if value is None else value * 1000, "{:.0f}")


def _peak(run: dict[str, Any]) -> str:
    return ", ".join(f"{p['name']} {_f(p['peak_rss_mb'], '{:.0f}')}" for p in run["processes"])


def _cpu(run: dict[str, Any]) -> str:
    return " + ".join(f"{k} {_f(v, '{:.0f}')}" for k, v in run["cpu_ms_per_case"].items())


def main_table(result: dict[str, Any]) -> Table:
    base = result["baseline"]
    runs = {"baseline (plain LangGraph)": base,
            **{f"guichet, {r['workers']} worker proc.": r for k, r in result["guichet"].items()
               if k.startswith("workers_")}}
    t = Table(title="Throughput, latency, storage (per case)", show_lines=False)
    t.add_column("")
    for name in runs:
        t.add_column(name, justify="right")
    rows: list[tuple[str, Any]] = [
        ("cases measured (settled)", lambda r: f"{r['cases']} ({r['settled']})"),
        ("cases with an approval", lambda r: str(r.get("with_approval", r["cases"]))),
        ("cases/s at saturation", lambda r: _f(r["throughput"]["saturated"])),
        ("cases/s overall", lambda r: _f(r["throughput"]["overall"])),
        ("cases/s CPU-bound (cores / CPU per case)",
         lambda r: _f(r.get("cpu_bound_cases_per_s"))),
        ("load average before / after run",
         lambda r: f"{_f(r['load_average']['before'], '{:.1f}')} / "
                   f"{_f(r['load_average']['after'], '{:.1f}')}" if "load_average" in r else "–"),
        ("submitted -> settled p50 (ms)", lambda r: _ms(r["latency_s"]["p50"])),
        ("submitted -> settled p95 (ms)", lambda r: _ms(r["latency_s"]["p95"])),
        ("  same, officer wait left out p50/p95",
         lambda r: (f"{_ms(r['latency_without_officer_wait_s']['p50'])} / "
                    f"{_ms(r['latency_without_officer_wait_s']['p95'])}")
         if "latency_without_officer_wait_s" in r else "–"),
        ("unloaded latency p50 (ms)",
         lambda r: _ms(r["unloaded_latency_s"]["p50"]) if "unloaded_latency_s" in r else "–"),
        ("POST /v1/cases p50 / p95 (ms)",
         lambda r: f"{_f(r['post_cases_ms']['p50'], '{:.1f}')} / "
                   f"{_f(r['post_cases_ms']['p95'], '{:.1f}')}" if "post_cases_ms" in r else "–"),
        ("checkpoint bytes", lambda r: _f(r["checkpoints"]["bytes_per_case"], "{:,.0f}")),
        ("  stored (compressed) bytes",
         lambda r: _f(r["checkpoints"]["stored_bytes_per_case"], "{:,.0f}")),
        ("  checkpoint rows", lambda r: _f(r["checkpoints"]["rows_per_case"], "{:.0f}")),
        ("Postgres rows written", lambda r: _f(r["postgres"]["rows_written"], "{:.0f}")),
        ("  of which inserted", lambda r: _f(r["postgres"]["rows_inserted"], "{:.0f}")),
        ("Postgres rows read", lambda r: _f(r["postgres"]["rows_read"], "{:.0f}")),
        ("Postgres transactions", lambda r: _f(r["postgres"].get("transactions"), "{:.0f}")),
        ("CPU ms per case", _cpu),
        ("lock waits sampled: audit / other advisory / rows",
         lambda r: " / ".join(str(v) for v in r["lock_waits"]["sessions_waiting_on"].values())
         + f" (of {r['lock_waits']['samples']})" if "lock_waits" in r else "–"),
        ("peak RSS per process (MiB)", _peak),
    ]
    for label, get in rows:
        t.add_row(label, *[get(r) for r in runs.values()])
    return t


def ratio_table(result: dict[str, Any]) -> Table:
    t = Table(title="Ratios guichet / baseline")
    t.add_column("")
    labels = list(result["ratios"])
    for label in labels:
        t.add_column(label.replace("workers_", "") + " worker proc.", justify="right")
    for key in ("cases_per_s", "cpu_bound_cases_per_s", "latency_p50", "latency_p95",
                "checkpoint_bytes_per_case", "rows_written_per_case", "peak_rss_per_process"):
        t.add_row(key, *[_f(result["ratios"][lb][key]) for lb in labels])
    return t


def growth_table(result: dict[str, Any]) -> Table:
    t = Table(title="Growth: the same run with history already in the database")
    for col in ("prior cases", "cases/s", "latency p50 (ms)", "CPU ms/case", "rows read/case",
                "of which outside the queue", "rows written/case", "checkpoint bytes/case"):
        t.add_column(col, justify="right")
    for g in result["growth"]:
        t.add_row(str(g["prior_cases"]), _f(g["cases_per_s"]), _ms(g["latency_p50_s"]),
                  _f(g["cpu_ms_per_case"], "{:.0f}"), _f(g["rows_read_per_case"], "{:.0f}"),
                  _f(g.get("history_rows_read_per_case"), "{:.0f}"),
                  _f(g["rows_written_per_case"], "{:.0f}"),
                  _f(g["checkpoint_bytes_per_case"], "{:,.0f}"))
    return t


def target_table(result: dict[str, Any]) -> Table:
    t = Table(title="Targets")
    for col in ("target", "measured", "reached"):
        t.add_column(col)
    for row in result["targets"]:
        reached = {True: "yes", False: "NO", None: "–"}[row["reached"]]
        t.add_row(row["target"], _f(row["measured"]), reached)
    return t


def channel_table(result: dict[str, Any]) -> Table:
    t = Table(title="Where checkpoint bytes go (per case)")
    for col in ("side", "table", "channel", "bytes", "rows"):
        t.add_column(col, justify="right" if col in ("bytes", "rows") else "left")
    sides = [("baseline", result["baseline"])]
    first = next(iter(result["guichet"].values()), None)
    if first:
        sides.append(("guichet", first))
    for side, run in sides:
        for row in run["checkpoints"].get("by_channel", [])[:6]:
            t.add_row(side, row["table"], row["channel"], _f(row["bytes_per_case"], "{:,.0f}"),
                      _f(row["rows_per_case"], "{:.1f}"))
    return t


def profile_table(result: dict[str, Any]) -> Table:
    p = result["profile"]
    t = Table(title=f"Where a guichet case's time goes, one case at a time in-process "
                    f"({p['cases']} cases: {_f(p['wall_ms_per_case'], '{:.0f}')} ms per case, "
                    f"of which SQL {_f(p['sql_ms_per_case'], '{:.0f}')} ms in "
                    f"{_f(p['sql_statements_per_case'], '{:.0f}')} statements)")
    for col in ("what", "ms/case", "calls/case"):
        t.add_column(col, justify="left" if col == "what" else "right")
    for row in p["nodes"][:8] + p["queries"][:10]:
        t.add_row(row["what"], _f(row["ms_per_case"], "{:.1f}"),
                  _f(row["calls_per_case"], "{:.1f}"))
    return t


def print_report(result: dict[str, Any], console: Console | None = None) -> None:
    c = console or Console(width=140)
    c.print(main_table(result))
    c.print(ratio_table(result))
    if result["growth"]:
        c.print(growth_table(result))
    c.print(channel_table(result))
    if result.get("profile"):
        c.print(profile_table(result))
    c.print(target_table(result))
    notes = [f"{k}: {', '.join(r['parked'])}" for k, r in result["guichet"].items() if r["parked"]]
    notes += [f"{k}: {e}" for k, r in result["guichet"].items() for e in r["errors"][:3]]
    for note in notes:
        c.print(f"[yellow]not settled / errors[/] {note}")


def write_json(result: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, default=str, ensure_ascii=False) + "\n")

"""One bench invocation: baseline, guichet with 1 and 2 worker processes, growth; JSON out."""

from __future__ import annotations

import asyncio
import os
import platform
import secrets
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from evals.bench import databases as dbs
from evals.bench import growth
from evals.bench.baseline import run_baseline
from evals.bench.engine import run_guichet
from evals.bench.profile import profile_cases
from evals.bench.stats import ratio
from evals.bench.workload import baseline_citizens, case_mix
from guichet.settings import Settings

WARMUP_OFFSET = 5000  # warm-up demands come from further down the mix than measured ones


@dataclass(frozen=True)
class Plan:
    baseline_cases: int = 200
    guichet_cases: int = 200
    warmup: int = 5
    # 4: enough processes on one database to show whether they wait on each other.
    workers: tuple[int, ...] = (1, 2, 4)
    prior: tuple[int, ...] = (1000, 20000)
    growth_workers: int = 1
    concurrency: int = 4
    backlog_per_slot: int = 2  # cases kept in flight per worker slot: enough to saturate
    profile_cases: int = 40

    def backlog(self, workers: int) -> int:
        return self.backlog_per_slot * workers * self.concurrency


DEFAULT = Plan()
QUICK = Plan(baseline_cases=30, guichet_cases=30, warmup=5, prior=(1000,), profile_cases=10)


@dataclass
class Bench:
    settings: Settings
    plan: Plan
    workdir: Path
    keep: bool = False
    log: Any = print
    admin: str = ""
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(48))
    made: list[str] = field(default_factory=list)
    template: str = ""

    def _db(self, prefix: str, template: str) -> str:
        name = dbs.new_name(prefix)
        self.made.append(name)
        return dbs.copy_of(self.admin, template, name)

    async def _guichet(self, url: str, workers: int, label: str) -> dict[str, Any]:
        p = self.plan
        self.log(f"guichet {label}: {p.guichet_cases} cases, {workers} worker process(es) x "
                 f"{p.concurrency} jobs, {p.backlog(workers)} cases in flight")
        return await run_guichet(
            url=url, warmup=case_mix(p.warmup, offset=WARMUP_OFFSET),
            demands=case_mix(p.guichet_cases), workers=workers, concurrency=p.concurrency,
            backlog=p.backlog(workers), secret=self.secret, workdir=self.workdir / label)

    async def run(self) -> dict[str, Any]:
        p = self.plan
        self.admin = dbs.admin_url(self.settings)
        template = self.template = dbs.new_name("bench_tpl")
        self.made.append(template)
        try:
            await dbs.build_template(self.admin, template)
            self.log(f"baseline: {p.baseline_cases} cases back to back, one process")
            baseline = await asyncio.to_thread(
                run_baseline, url=self._db("bench_base", template),
                citizens=baseline_citizens(p.baseline_cases), warmup=p.warmup,
                workdir=self.workdir / "baseline")
            runs: dict[str, dict[str, Any]] = {}
            urls: dict[int, str] = {}
            for w in p.workers:
                urls[w] = self._db(f"bench_w{w}", template)
                runs[f"workers_{w}"] = await self._guichet(urls[w], w, f"workers_{w}")
            growth_runs = await self._growth(urls, runs)
            for run in (baseline, *runs.values()):
                run["cpu_bound_cases_per_s"] = cpu_bound_rate(run)
            profile = await self._profile(template)
            return {"machine": self._machine(), "plan": asdict(p), "baseline": baseline,
                    "guichet": runs, "growth": growth_runs, "profile": profile,
                    "ratios": ratios(baseline, runs), "targets": targets(baseline, runs,
                                                                         growth_runs)}
        finally:
            if not self.keep:
                for name in reversed(self.made):
                    dbs.drop(self.admin, name)

    async def _growth(self, urls: dict[int, str],
                      runs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        w = self.plan.growth_workers
        if not self.plan.prior:
            return []
        if w not in urls:
            urls[w] = self._db(f"bench_w{w}", self.template)
            runs[f"workers_{w}"] = await self._guichet(urls[w], w, f"workers_{w}")
        out = [{"prior_cases": 0, "history": None, **_cost(runs[f"workers_{w}"])}]
        donor = dbs.name_of(urls[w])
        for prior in self.plan.prior:
            url = self._db(f"bench_g{prior}", donor)
            history = await asyncio.to_thread(growth.fill_history, url, prior)
            self.log(f"history: {history['prior_cases']} prior cases "
                     f"({history['cloned']} cloned in {history['seconds']:.0f}s)")
            result = await self._guichet(url, w, f"prior_{prior}")
            runs[f"prior_{prior}"] = result
            out.append({"prior_cases": history["prior_cases"], "history": history,
                        **_cost(result)})
            if not self.keep:
                dbs.drop(self.admin, dbs.name_of(url))
                self.made.remove(dbs.name_of(url))
        return out

    async def _profile(self, template: str) -> dict[str, Any] | None:
        if not self.plan.profile_cases:
            return None
        self.log(f"profile: {self.plan.profile_cases} cases one at a time, in-process")
        return await profile_cases(url=self._db("bench_prof", template),
                                   demands=case_mix(self.plan.profile_cases),
                                   data_dir=self.workdir / "profile", secret=self.secret)

    def _machine(self) -> dict[str, Any]:
        with psycopg.connect(self.admin) as conn:
            row = conn.execute("show server_version").fetchone()
        return {"cpus": os.cpu_count(), "python": platform.python_version(), **_source(),
                "platform": platform.platform(), "postgres": row[0] if row else None,
                "server": "DATABASE_URL" if self.settings.database_url else "embedded (pgserver)"}


def cpu_bound_rate(run: dict[str, Any]) -> float | None:
    """Cases/s this machine's cores would sustain if CPU were the only limit (all processes,
    Postgres included): a figure other people's load on the machine barely moves."""
    spent = [v for v in run["cpu_ms_per_case"].values() if v is not None]
    cpus = os.cpu_count() or 1
    return cpus * 1000 / sum(spent) if spent and sum(spent) > 0 else None


def _source() -> dict[str, Any]:
    """Which code was measured: the commit, and the files changed on top of it."""
    root = Path(__file__).resolve().parents[2]
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, check=True,
                              capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=root, check=True, capture_output=True, text=True,
                               timeout=10).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return {"commit": None}
    return {"commit": head, "modified_files": sorted(line[3:] for line in dirty if line)}


def _cost(run: dict[str, Any]) -> dict[str, Any]:
    cpu = run["cpu_ms_per_case"]
    total = sum(v for v in (cpu.get("workers"), cpu.get("api"), cpu.get("postgres")) if v)
    return {"cases_per_s": run["throughput"]["saturated"], "latency_p50_s": run["latency_s"]["p50"],
            "cpu_ms_per_case": total, "rows_read_per_case": run["postgres"]["rows_read"],
            "history_rows_read_per_case": _history_rows_read(run["postgres"]),
            "rows_written_per_case": run["postgres"]["rows_written"],
            "checkpoint_bytes_per_case": run["checkpoints"]["bytes_per_case"]}


def _history_rows_read(postgres: dict[str, Any]) -> float:
    """Rows read per case in the tables that grow with the history. The queue's tables hold
    only live jobs (a worker deletes the jobs that succeed): their size follows the backlog,
    not the history, and on a queue of a few dozen rows the planner rightly scans it whole,
    which would read as growth where there is none."""
    return sum(float(t["seq_rows_read"] + t["idx_rows_read"])
               for name, t in postgres["by_table"].items()
               if not name.startswith("procrastinate_"))


def ratios(baseline: dict[str, Any], runs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """guichet / baseline, for each worker count, from the measured figures only."""
    out: dict[str, Any] = {}
    for label, r in runs.items():
        if not label.startswith("workers_"):
            continue
        out[label] = {
            "cases_per_s": ratio(r["throughput"]["saturated"], baseline["throughput"]["saturated"]),
            "cpu_bound_cases_per_s": ratio(r.get("cpu_bound_cases_per_s"),
                                           baseline.get("cpu_bound_cases_per_s")),
            "latency_p50": ratio(r["latency_s"]["p50"], baseline["latency_s"]["p50"]),
            "latency_p95": ratio(r["latency_s"]["p95"], baseline["latency_s"]["p95"]),
            "checkpoint_bytes_per_case": ratio(r["checkpoints"]["bytes_per_case"],
                                               baseline["checkpoints"]["bytes_per_case"]),
            "rows_written_per_case": ratio(r["postgres"]["rows_written"],
                                           baseline["postgres"]["rows_written"]),
            "peak_rss_per_process": ratio(max(p["peak_rss_mb"] or 0 for p in r["processes"]),
                                          baseline["processes"][0]["peak_rss_mb"]),
        }
    return out


def targets(baseline: dict[str, Any], runs: dict[str, dict[str, Any]],
            growth_runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The issue's targets, each with the measured value and whether it is reached."""
    best = max((r for k, r in runs.items() if k.startswith("workers_")),
               key=lambda r: r["throughput"]["saturated"] or 0)
    rows: list[dict[str, Any]] = []

    def add(name: str, value: float | None, limit: float, higher: bool) -> None:
        ok = None if value is None else (value >= limit if higher else value <= limit)
        rows.append({"target": name, "measured": value, "limit": limit, "reached": ok})

    two = runs.get("workers_2", best)
    add(f"cases/s guichet ({two['workers']} workers) / baseline >= 2",
        ratio(two["throughput"]["saturated"], baseline["throughput"]["saturated"]), 2.0, True)
    add(f"CPU-bound cases/s guichet ({two['workers']} workers) / baseline >= 2 "
        "(load-independent)",
        ratio(two.get("cpu_bound_cases_per_s"), baseline.get("cpu_bound_cases_per_s")), 2.0, True)
    add("checkpoint bytes per case guichet / baseline <= 0.5",
        ratio(two["checkpoints"]["bytes_per_case"], baseline["checkpoints"]["bytes_per_case"]),
        0.5, False)
    most = max((r for k, r in runs.items() if k.startswith("workers_")),
               key=lambda r: r["workers"])
    add(f"lock waits on audit, sampled with {most['workers']} workers == 0",
        float(most["lock_waits"]["sessions_waiting_on"]["audit"]), 0.0, False)
    post = max((r["post_cases_ms"]["p95"] or 0) for k, r in runs.items()
               if k.startswith("workers_"))
    add("p95 POST /v1/cases under saturation (ms) < 50", post, 50.0, False)
    if len(growth_runs) > 1:
        zero, last = growth_runs[0], growth_runs[-1]
        for key in ("cpu_ms_per_case", "history_rows_read_per_case"):
            add(f"{key} at {last['prior_cases']} prior / at 0 <= 1.10",
                ratio(last[key], zero[key]), 1.10, False)
    return rows


async def run_bench(settings: Settings, plan: Plan, *, workdir: Path | None = None,
                    keep: bool = False, log: Any = print) -> dict[str, Any]:
    """Run everything; process logs go to `workdir` (a temporary folder when None)."""
    if workdir is not None:
        return await Bench(settings=settings, plan=plan, workdir=workdir, keep=keep,
                           log=log).run()
    with tempfile.TemporaryDirectory(prefix="guichet-bench-") as tmp:
        return await Bench(settings=settings, plan=plan, workdir=Path(tmp), keep=keep,
                           log=log).run()

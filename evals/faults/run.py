"""One fault run: a private Postgres, the service's processes, load, faults, then the checks."""

from __future__ import annotations

import asyncio
import contextlib
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg.rows import dict_row

from evals.faults import checks
from evals.faults.clients import Clients
from evals.faults.fleet import Fleet, FleetConfig
from evals.faults.monitor import DbMonitor
from evals.faults.plan import ModelFault, Outage, Plan
from evals.faults.postgres import PrivatePostgres
from evals.faults.workload import demands
from guichet import seeding
from guichet.catalogue import default_catalogue

DATABASE = "guichet"
TICK_S = 1.0
OTHERS_STARTED = 20  # jobs the other workers start while one starts none: that one is idle
DECISION_GIVE_UP = 5  # failed attempts after which the officer loop leaves a request alone

Log = Callable[[str], None]


@dataclass
class Window:
    """A stretch of time with a fault on: Postgres down, or the model failing."""

    label: str
    kind: str  # "postgres" or "model"
    start: float  # monotonic
    end: float | None = None
    grace_s: float = 0.0
    took: dict[str, float] = field(default_factory=dict)

    def covers(self, t: float, *, grace: bool = True) -> bool:
        end = self.end if self.end is not None else float("inf")
        return self.start <= t <= end + (self.grace_s if grace else 0.0)


@dataclass
class RunResult:
    plan: dict[str, Any]
    elapsed_s: float
    load_s: float
    drain_s: float
    drained: bool
    demands: int
    submitted: int  # acknowledged by a 202
    post_attempts: int
    post_unacknowledged: int
    never_acknowledged: int  # demands still without a 202 when the load phase ended
    answers_sent: int
    decisions: int
    kills: int
    kills_mid_job: int  # kills of a worker whose log showed a job started and not ended
    kills_by_phase: dict[str, int]
    worker_exits: list[dict[str, Any]]
    worker_idle: list[dict[str, Any]]
    other_exits: list[dict[str, Any]]
    stop_ignored: list[str]  # processes still running 15 s after SIGTERM (then killed)
    windows: list[dict[str, Any]]
    statuses_total: dict[str, int]
    statuses_by_route: dict[str, dict[str, int]]
    findings: dict[str, Any]
    audit: dict[str, Any]
    model_served: dict[str, Any]
    workdir: str
    notes: list[str] = field(default_factory=list)


class FaultRun:
    def __init__(self, plan: Plan, *, workdir: Path, log: Log) -> None:
        self.plan, self.workdir, self.log = plan, workdir, log
        self.rng = random.Random(plan.seed)
        self.secret = secrets.token_urlsafe(48)
        self.windows: list[Window] = []
        self.t0 = 0.0
        self.db_ok = False
        self.load_over = asyncio.Event()
        self.notes: list[str] = []
        self._runnable_since: float | None = None
        self.stop_ignored: list[str] = []
        self._marks: dict[str, tuple[float, int]] = {}  # worker -> (quiet since, jobs then)

    # -- time and phases -------------------------------------------------------------------
    def since(self) -> float:
        return time.monotonic() - self.t0

    def say(self, message: str) -> None:
        self.log(f"[{self.since():6.1f}s] {message}")

    def in_outage(self, t: float | None = None) -> bool:
        now = time.monotonic() if t is None else t
        return any(w.kind == "postgres" and w.covers(now) for w in self.windows)

    def phase(self) -> str:
        now = time.monotonic()
        on = [w.label for w in self.windows if w.covers(now, grace=False)]
        return ", ".join(on) if on else "load"

    # -- faults ----------------------------------------------------------------------------
    async def _at(self, at_s: float) -> None:
        await asyncio.sleep(max(0.0, self.t0 + at_s - time.monotonic()))

    async def outage(self, pg: PrivatePostgres, o: Outage) -> None:
        await self._at(o.at_s)
        w = Window(label=f"postgres down {o.down_s:.0f}s", kind="postgres",
                   start=time.monotonic(), grace_s=self.plan.outage_grace_s)
        self.windows.append(w)
        self.say(f"{w.label}: pg_ctl stop -m fast")
        w.took["stop_s"] = await asyncio.to_thread(pg.stop)
        await asyncio.sleep(max(0.0, w.start + o.down_s - time.monotonic()))
        self.say(f"{w.label}: pg_ctl start")
        w.took["start_s"] = await asyncio.to_thread(pg.start)
        w.end = time.monotonic()
        self.say(f"{w.label}: back after {w.end - w.start:.1f}s")

    async def model_fault(self, fleet: Fleet, m: ModelFault) -> None:
        await self._at(m.at_s)
        w = Window(label=f"model {m.mode} {m.for_s:.0f}s", kind="model", start=time.monotonic())
        self.windows.append(w)
        self.say(f"{w.label}: on")
        await fleet.set_model_mode(m.mode, hang_s=self.plan.hang_s)
        await asyncio.sleep(m.for_s)
        await fleet.set_model_mode("ok")
        w.end = time.monotonic()
        self.say(f"{w.label}: off")

    async def kills(self, fleet: Fleet, deadline: float) -> None:
        p = self.plan
        while len(fleet.kills) < p.kills and time.monotonic() < deadline:
            await asyncio.sleep(self.rng.uniform(0.5, 1.5) * p.kill_every_s)
            if self.in_outage():
                continue  # kills stay attributable: none while Postgres is away
            name = await fleet.kill_random_worker(phase=self.phase())
            if name and len(fleet.kills) % 10 == 0:
                self.say(f"{len(fleet.kills)} workers killed so far")

    # -- supervision -----------------------------------------------------------------------
    async def supervise(self, fleet: Fleet, monitor: DbMonitor, stop: asyncio.Event) -> None:
        while not stop.is_set():
            outage = self.in_outage()
            for e in fleet.supervise(outage=outage):
                self.say(f"{e.name}.{e.incarnation} exited on its own (code {e.returncode})"
                         f"{' during an outage' if outage else ''}; restarting it")
            snap = await monitor.snapshot()
            self.db_ok = snap is not None
            now = time.monotonic()
            if snap is None or outage or snap.runnable_jobs == 0:
                self._runnable_since = None
            elif self._runnable_since is None:
                self._runnable_since = now
            self._idle_check(fleet, now)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), TICK_S)

    def _idle_check(self, fleet: Fleet, now: float) -> None:
        """A live worker that starts no job for idle_after_s, while jobs wait all along or
        while the other workers start OTHERS_STARTED jobs, has stopped working."""
        p = self.plan
        if self.in_outage(now):
            return
        floor = max([(w.end or now) + w.grace_s for w in self.windows if w.kind == "postgres"],
                    default=0.0)
        total = sum(w.jobs_started for w in fleet.workers)
        for w in fleet.workers:
            if not w.alive() or w.restart_at is not None:
                continue
            if w.ready_at is None:
                if now - max(w.started_at, floor) > p.idle_after_s:
                    e = fleet.replace_idle(w, quiet_s=now - w.started_at, outage=False)
                    self.say(f"{e.name}.{e.incarnation} alive but never ready; replaced")
                continue
            if not fleet.job_starts_visible():
                continue
            since = max(w.last_progress, w.ready_at, floor)
            mark = self._marks.get(w.name)
            if mark is None or mark[0] < since:
                mark = self._marks[w.name] = (since, total)
            quiet = now - mark[0]
            if quiet <= p.idle_after_s:
                continue
            queued_all_along = (self._runnable_since is not None
                                and now - max(self._runnable_since, mark[0]) > p.idle_after_s)
            others = total - mark[1]
            if queued_all_along or others >= OTHERS_STARTED:
                why = ("jobs waited all along" if queued_all_along
                       else f"the other workers started {others} jobs")
                e = fleet.replace_idle(w, quiet_s=quiet, outage=False, why=why)
                self._marks.pop(w.name, None)
                self.say(f"{e.name}.{e.incarnation} started no job for {quiet:.0f}s while {why};"
                         " replaced")

    # -- drain -----------------------------------------------------------------------------
    async def drain(self, clients: Clients, monitor: DbMonitor) -> bool:
        deadline = time.monotonic() + self.plan.settle_timeout_s
        last_report = 0.0
        while time.monotonic() < deadline:
            rows = await monitor.rows(checks.CASES_SQL)
            pending = await monitor.rows("select id::text as id from approvals"
                                         " where status = 'pending'")
            if rows is not None and pending is not None:
                states = [checks.CaseState.from_row(r) for r in rows]
                # A case left with no job may still be picked up by a sweeper: it counts
                # as stuck only once it has not moved for stuck_after_s.
                running = sum(
                    1 for s in states
                    if checks.classify(s, stuck_after_s=self.plan.stuck_after_s)[0] == "running"
                    or (checks.classify(s)[0] == "stuck" and s.quiet_s <= self.plan.stuck_after_s))
                undecided = [r["id"] for r in pending
                             if clients.decision_failures[r["id"]] < DECISION_GIVE_UP]
                answers = clients.citizens_with_answers_due()
                if not running and not undecided and not answers:
                    return True
                if time.monotonic() - last_report > 15:
                    last_report = time.monotonic()
                    self.say(f"draining: {running} running, {len(undecided)} approvals to "
                             f"decide, {answers} answers due")
            await asyncio.sleep(2.0)
        return False

    # -- the run ---------------------------------------------------------------------------
    async def execute(self) -> RunResult:
        p = self.plan
        started = time.monotonic()
        self.t0 = started
        pg = await asyncio.to_thread(PrivatePostgres.create)
        self.say(f"private Postgres at {pg.pgdata} (system user {pg.system_user or 'self'})")
        fleet: Fleet | None = None
        try:
            url = await seeding.build_template(pg.admin_url, DATABASE, count=600)
            self.say("database migrated and seeded (600 citizens)")
            fleet = Fleet(FleetConfig(
                url=url, secret=self.secret, workdir=self.workdir, workers=p.workers,
                concurrency=p.concurrency, heartbeat_s=p.heartbeat_s,
                stalled_after_s=p.stalled_after_s, sweep_after_s=p.sweep_after_s,
                openai_timeout_s=p.openai_timeout_s))
            await fleet.start(hang_s=p.hang_s)
            self.say(f"model endpoint {fleet.model_url}, API {fleet.api_url}, "
                     f"{p.workers} workers x {p.concurrency} (logs in {self.workdir / 'logs'})")
            return await self._load_and_check(pg, fleet, url, started)
        finally:
            if fleet is not None:
                await asyncio.to_thread(fleet.stop)
            await asyncio.to_thread(pg.close)

    async def _load_and_check(self, pg: PrivatePostgres, fleet: Fleet, url: str,
                              started: float) -> RunResult:
        p = self.plan
        work = demands(p.per_procedure)
        authorities = sorted(default_catalogue().authorities)
        monitor = DbMonitor(url)
        stop_clients, stop_supervisor = asyncio.Event(), asyncio.Event()
        async with Clients(fleet.api_url, self.secret) as clients:
            self.t0 = time.monotonic()
            self.say(f"load: {len(work)} demands ({p.per_procedure} per procedure) over about "
                     f"{p.submit_span_s:.0f}s; {p.kills} kills; faults "
                     + ", ".join([f"pg {o.down_s:.0f}s at {o.at_s:.0f}s" for o in p.outages]
                                 + [f"model {m.mode} {m.for_s:.0f}s at {m.at_s:.0f}s"
                                    for m in p.model_faults]))
            deadline = self.t0 + p.load_timeout_s
            background = [
                asyncio.create_task(self.supervise(fleet, monitor, stop_supervisor)),
                asyncio.create_task(clients.citizens(stop_clients)),
                asyncio.create_task(clients.officers(stop_clients, authorities)),
            ]
            faults = [asyncio.create_task(self.outage(pg, o)) for o in p.outages]
            faults += [asyncio.create_task(self.model_fault(fleet, m)) for m in p.model_faults]
            faults.append(asyncio.create_task(self.kills(fleet, deadline)))
            left = await clients.submit_all(
                work, rate_per_s=len(work) / p.submit_span_s, deadline=deadline,
                may_submit=lambda: not self.db_ok or self._with_agent(monitor) < p.max_in_flight)
            self.say(f"submitted: {len(clients.tracked)} acknowledged, {len(left)} never")
            done, pending = await asyncio.wait(faults, timeout=max(1.0, deadline - time.monotonic()))
            for t in pending:
                t.cancel()
            for t in done:
                if t.exception() is not None:
                    self.notes.append(f"fault task failed: {t.exception()!r}")
            if pending:
                self.notes.append(f"{len(pending)} fault tasks cut at the load deadline")
            with contextlib.suppress(Exception):
                await fleet.set_model_mode("ok")
            load_s = time.monotonic() - self.t0
            self.say(f"load over after {load_s:.0f}s, {len(fleet.kills)} kills; draining")
            d0 = time.monotonic()
            drained = await self.drain(clients, monitor)
            drain_s = time.monotonic() - d0
            self.say(f"{'drained' if drained else 'drain deadline reached'} after {drain_s:.0f}s")
            stop_clients.set()
            async with await psycopg.AsyncConnection.connect(
                    url, autocommit=True, row_factory=dict_row) as conn:
                findings = await checks.collect(conn, list(clients.tracked),
                                                stuck_after_s=p.stuck_after_s)
            stop_supervisor.set()
            await asyncio.gather(*background, return_exceptions=True)
            await monitor.close()
            served = await fleet.model_stats()
            self.say("stopping every process with SIGTERM")
            self.stop_ignored = await asyncio.to_thread(fleet.stop)
            self.say("processes stopped; verifying the audit log")
            audit = await asyncio.to_thread(checks.audit_verify, {
                **fleet.env(), "GUICHET_MODEL": "offline"})
            return self._result(fleet, clients, findings, audit, served, started=started,
                                load_s=load_s, drain_s=drain_s, drained=drained,
                                demands=len(work), left=len(left))

    def _with_agent(self, monitor: DbMonitor) -> int:
        return monitor.last.with_agent if monitor.last is not None else 0

    def _result(self, fleet: Fleet, clients: Clients, findings: checks.Findings,
                audit: checks.AuditResult, served: dict[str, Any], *, started: float,
                load_s: float, drain_s: float, drained: bool, demands: int,
                left: int) -> RunResult:
        windows = []
        for w in self.windows:
            end = w.end if w.end is not None else time.monotonic()
            windows.append({
                "label": w.label, "kind": w.kind, "from_s": round(w.start - self.t0, 1),
                "to_s": round(end - self.t0, 1), **{k: round(v, 2) for k, v in w.took.items()},
                "statuses": clients.log.histogram(w.start, end),
                "statuses_by_route": clients.log.by_route(w.start, end),
                "statuses_after": clients.log.histogram(end, end + w.grace_s) if w.grace_s
                else {},
            })
        kills_by_phase: dict[str, int] = {}
        for k in fleet.kills:
            kills_by_phase[k["phase"]] = kills_by_phase.get(k["phase"], 0) + 1
        mid_job = sum(1 for k in fleet.kills if k["jobs_in_flight"])
        exits = [asdict(e) for e in fleet.exits]
        if not fleet.job_starts_visible():
            self.notes.append("no 'Starting job' line in any worker log: idle workers could "
                              "not be detected, and kills were not aimed at running jobs")
        return RunResult(
            plan=asdict(self.plan), elapsed_s=time.monotonic() - started, load_s=load_s,
            drain_s=drain_s, drained=drained, demands=demands, submitted=len(clients.tracked),
            post_attempts=clients.attempts, post_unacknowledged=clients.unacknowledged,
            never_acknowledged=left, answers_sent=clients.answers,
            decisions=len(clients.decided), kills=len(fleet.kills), kills_mid_job=mid_job,
            kills_by_phase=kills_by_phase,
            worker_exits=[e for e in exits if e["name"].startswith("worker")
                          and e["reason"] == "exited"],
            worker_idle=[e for e in exits if e["name"].startswith("worker")
                         and e["reason"] != "exited"],
            other_exits=[e for e in exits if not e["name"].startswith("worker")],
            stop_ignored=self.stop_ignored,
            windows=windows, statuses_total=clients.log.histogram(),
            statuses_by_route=clients.log.by_route(), findings=asdict(findings),
            audit=asdict(audit), model_served=served, workdir=str(self.workdir),
            notes=self.notes)


async def run_faults(plan: Plan, *, workdir: Path, log: Log = print) -> RunResult:
    """Run `plan`; the processes' logs are left in `workdir/logs`."""
    workdir.mkdir(parents=True, exist_ok=True)
    return await FaultRun(plan, workdir=workdir, log=log).execute()

"""One rehearsal: hosts up, database seeded, service started, cases driven, a worker cut off."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import secrets
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import psycopg
from psycopg.rows import dict_row

from evals.scaleout import checks, netns
from evals.scaleout.cut import Cut, Watcher, cut_worker, follow_recovery, taken_back, wait_after_heal
from evals.scaleout.database import Database, make_database
from evals.scaleout.drive import Apis, OfficerStats, Submission, officer, submit_all
from evals.scaleout.hosts import Running, Tuning, spawn, stop_all, wait_ready
from evals.scaleout.workload import demands
from guichet import audit_verify

# Last octets on the bridge's /24 (the driver is .1).
LAYOUT: dict[str, tuple[str, int]] = {
    "db": ("db", 10), "api1": ("api", 21), "api2": ("api", 22),
    "w1": ("worker", 31), "w2": ("worker", 32), "w3": ("worker", 33)}
CUT = "w2"


@dataclass(frozen=True)
class Config:
    cases: int
    rate: float  # submissions per second, over both APIs
    tail: int  # cases submitted once the cut-off worker is back, to see it work again
    recovery_timeout_s: float  # cut → every case the worker held finished by the others
    settle_timeout_s: float  # end of submissions → every case at rest
    cut_after: float = 0.4  # share of the submissions sent before the cut
    min_held: int = 2  # the cut waits (a while) for the worker to hold this many jobs
    cut_when: str = "steady"  # the instant of the cut: see evals/scaleout/cut.py
    heal: bool = False  # reconnect the worker once its cases are finished by the others
    heal_wait_s: float = 120.0  # for the healed worker to start a job again
    server_timeouts: bool = False
    population: int = 600
    subnet: str | None = None
    workdir: Path | None = None
    keep: bool = False  # keep the work folder (logs, data) even when everything passed
    tuning: Tuning = field(default_factory=Tuning)

    @classmethod
    def quick(cls, **overrides: Any) -> Config:
        # Cut the instant the worker takes a case lock: with a small workload its cases settle
        # in a tenth of a second, and a "steady" instant holding a job may never come.
        base = cls(cases=48, rate=5.0, tail=6, recovery_timeout_s=60.0, settle_timeout_s=60.0,
                   cut_after=0.25, cut_when="lock", min_held=1)
        return replace(base, **overrides)

    @classmethod
    def full(cls, **overrides: Any) -> Config:
        # The cut comes early (45 cases in), before a backlog saturates the workers: a
        # saturated worker is always inside a transaction, and a cut there is another test
        # (--cut-when tx).
        base = cls(cases=300, rate=5.0, tail=20, recovery_timeout_s=120.0,
                   settle_timeout_s=180.0, cut_after=0.15)
        return replace(base, **overrides)


@dataclass
class Result:
    config: dict[str, Any]
    workdir: str
    subnet: str
    hosts: dict[str, str]
    started_s: float = 0.0  # setup time: hosts, database, processes
    submissions: list[Submission] = field(default_factory=list)
    cut: Cut = field(default_factory=lambda: Cut(CUT))
    officer: OfficerStats = field(default_factory=OfficerStats)
    final: checks.Final | None = None
    settle_s: dict[str, float] = field(default_factory=dict)  # case → submit → settled
    elapsed_s: float = 0.0
    exit_codes: dict[str, int | None] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # the run itself broke

    @property
    def ok(self) -> bool:
        return not self.failures and not self.errors

    def acked(self) -> list[str]:
        return [s.case_id for s in self.submissions if s.acknowledged and s.case_id]

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["submissions"] = [{"api": s.api, "kind": s.demand.kind, "status": s.status,
                               "case_id": s.case_id, "latency_s": s.latency_s,
                               "error": s.error} for s in self.submissions]
        out["officer"].pop("decided_ids", None)
        out["cut"]["held_cases"] = self.cut.held_cases
        out["cut"]["finished_by_others"] = self.cut.finished_by_others
        out["ok"] = self.ok
        return out


async def _connect(url: str) -> checks.Conn:
    return await psycopg.AsyncConnection.connect(url, autocommit=True, row_factory=dict_row,
                                                 connect_timeout=5)


async def _wait_submitted(subs: list[Submission], n: int, task: asyncio.Task[None]) -> None:
    while len(subs) < n and not task.done():
        await asyncio.sleep(0.05)


async def _settle(conn: checks.Conn, result: Result, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        every = await checks.cases(conn, result.acked())
        cur = await conn.execute("select count(*)::int as n from procrastinate_jobs"
                                 " where status in ('todo', 'doing')")
        row = await cur.fetchone()
        active = int(row["n"]) if row else 0
        if active == 0 and all(c.at_rest and not c.pending for c in every.values()):
            return
        await asyncio.sleep(0.5)


def _settle_times(result: Result, every: dict[str, checks.Case]) -> dict[str, float]:
    out: dict[str, float] = {}
    for s in result.submissions:
        c = every.get(s.case_id or "")
        if c is not None and c.settled_at is not None:
            out[str(s.case_id)] = round(c.settled_at.timestamp() - s.at, 3)
    return out


def _judge(result: Result) -> None:
    f, cut = result.final, result.cut
    fail = result.failures
    unsent = int(result.config["cases"]) - sum(
        1 for s in result.submissions if s.demand.index < int(result.config["cases"]))
    if unsent:
        fail.append(f"{unsent} demands not even sent: the APIs stopped answering")
    refused = [s for s in result.submissions if not s.acknowledged]
    if refused:
        fail.append(f"{len(refused)} submissions not acknowledged (first: "
                    f"{refused[0].status} {refused[0].error})")
    if f is None:
        fail.append("no final counts")
        return
    for what, n in (("lost", len(f.lost)), ("stuck", len(f.stuck)),
                    ("duplicated effects", len(f.duplicate_effects)),
                    ("duplicated notifications", len(f.duplicate_notices)),
                    ("cases run twice at once (forked checkpoint threads)",
                     len(f.forked_threads)),
                    ("settled cases written again", len(f.written_after_settled)),
                    ("failed jobs", f.failed_jobs)):
        if n:
            fail.append(f"{what}: {n}")
    if f.audit_ok is False:
        fail.append(f"audit chain broken: {f.audit_detail}")
    if not cut.jobs_held:
        fail.append(f"{cut.host} held no job when cut: the rehearsal proved nothing")
    missing = [c for c in cut.held_cases if c not in cut.finished_after_s]
    if missing:
        fail.append(f"{len(missing)} of the {len(cut.held_cases)} cases {cut.host} held were "
                    f"not finished by the others within {result.config['recovery_timeout_s']}s")
    if cut.healed_at is not None and not cut.alive_at_end:
        fail.append(f"{cut.host} did not survive its reconnection")


async def rehearse(config: Config) -> Result:
    """The whole rehearsal; everything it made is removed before it returns."""
    why = netns.problem()
    if why:
        raise netns.NetnsUnavailable(why)
    t_start = time.monotonic()
    netns.remove_stale()
    subnet = (ipaddress.IPv4Network(config.subnet) if config.subnet else netns.free_subnet())
    workdir = config.workdir or Path(tempfile.mkdtemp(prefix="guichet-scaleout-"))
    workdir.mkdir(parents=True, exist_ok=True)
    net = netns.Network(subnet=subnet)
    result = Result(config={k: (str(v) if isinstance(v, Path) else v)
                            for k, v in asdict(config).items()},
                    workdir=str(workdir), subnet=str(subnet), hosts={})
    db: Database | None = None
    procs: list[Running] = []
    conn: checks.Conn | None = None
    apis: Apis | None = None
    tasks: list[asyncio.Task[None]] = []
    try:
        net.up()
        for name, (_, octet) in LAYOUT.items():
            result.hosts[name] = net.add_host(name, octet).addr
        db = await make_database(workdir / "db", net.hosts["db"], subnet=str(subnet),
                                 population=config.population,
                                 server_timeouts=config.server_timeouts)
        secret = secrets.token_urlsafe(48)
        for name, (role, _) in LAYOUT.items():
            if role != "db":
                procs.append(spawn(role, net.hosts[name], url=db.url, secret=secret,
                                   workdir=workdir, tuning=config.tuning))
        await wait_ready(procs)
        result.started_s = round(time.monotonic() - t_start, 1)
        by_name = {p.name: p for p in procs}
        conn = await _connect(db.url)
        watcher = Watcher(conn, net.hosts[CUT].addr)
        apis = Apis(urls={p.name: p.url for p in procs if p.role == "api"}, secret=secret)
        work = demands(config.cases + config.tail, population=config.population)
        main, tail = work[:config.cases], work[config.cases:]
        stop = asyncio.Event()
        officer_task = asyncio.create_task(officer(apis, stop, result.officer))
        submitting = asyncio.create_task(submit_all(apis, main, rate=config.rate,
                                                    out=result.submissions))
        tasks += [officer_task, submitting]
        await _wait_submitted(result.submissions, int(config.cases * config.cut_after),
                              submitting)
        await cut_worker(config.cut_when, net, watcher, by_name[CUT], result.cut,
                         min_held=config.min_held)
        await follow_recovery(watcher, result.cut, config.recovery_timeout_s)
        await submitting
        cut = result.cut
        if config.heal:
            cut.healed_at = net.heal(CUT)
            await submit_all(apis, tail, rate=config.rate, out=result.submissions)
            await wait_after_heal(by_name[CUT], cut, config.heal_wait_s)
        await _settle(conn, result, config.settle_timeout_s)
        stop.set()
        await officer_task
        cut.jobs_started_after_heal = max(0, by_name[CUT].jobs_started()
                                          - cut.jobs_started_at_cut)
        cut.alive_at_end = by_name[CUT].alive()
        others = [p for p in procs if p.role == "worker" and p.name != CUT]
        cut.taken_back = taken_back(others, cut.held_cases)
        result.final, every = await checks.final(conn, result.acked())
        cut.verdicts = {c: every[c].verdict for c in cut.held_cases if c in every}
        result.settle_s = _settle_times(result, every)
        verification = await audit_verify.verify(conn)
        result.final.audit_ok = verification.ok
        if not verification.ok and verification.first_broken is not None:
            result.final.audit_detail = verification.first_broken.model_dump_json()
    except Exception as exc:
        result.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if apis is not None:
            await apis.close()
        if conn is not None:
            with contextlib.suppress(Exception):
                await conn.close()
        result.exit_codes = await asyncio.to_thread(stop_all, procs)
        if db is not None:
            await asyncio.to_thread(db.close)
        await asyncio.to_thread(net.close)
    if not result.errors:
        _judge(result)
    result.elapsed_s = round(time.monotonic() - t_start, 1)
    if result.ok and not config.keep and config.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return result


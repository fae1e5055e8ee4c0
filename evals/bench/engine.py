"""The guichet side: cases submitted over HTTP, processed by workers, approved by officers."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
from psycopg.rows import dict_row

from api.auth import mint
from evals.bench import pgstats, procstat
from evals.bench.processes import running_service
from evals.bench.stats import latency_summary, settle_rate
from evals.bench.workload import Demand

POLL_S = 0.1
RUN_TIMEOUT_S = 900.0
IDLE_FLUSH_S = 2.5  # idle backends flush their table counters within a second or so
ANALYZE_EVERY_S = 5.0
_MONITOR_SQL = """
select c.id::text as id, c.holder, c.status, extract(epoch from c.settled_at)::float8 as settled,
  (select coalesce(json_agg(json_build_object('id', a.id::text, 'authority', a.authority)),
                   '[]'::json)
     from approvals a where a.case_id = c.id and a.status = 'pending') as pending,
  exists(select 1 from procrastinate_jobs j where j.status in ('todo', 'doing')
         and j.args->>'case_id' = c.id::text) as queued
from cases c where c.id = any(%s::uuid[])"""


@dataclass
class Tracked:
    demand: Demand
    case_id: str
    submitted: float  # wall clock, to compare with Postgres timestamps
    post_ms: float
    settled: float | None = None
    parked: str | None = None  # why it stopped without settling (waits for the citizen...)
    strikes: int = 0
    deciding: set[str] = field(default_factory=set)


class Driver:
    """Keeps `backlog` cases in flight, approves what waits for an officer, through the API."""

    def __init__(self, client: httpx.AsyncClient, conn: psycopg.AsyncConnection[Any], *,
                 secret: str) -> None:
        self.client, self.conn, self.secret = client, conn, secret
        self.tokens: dict[tuple[str, str, str | None], str] = {}
        self.decisions: list[asyncio.Task[None]] = []
        self.errors: list[str] = []
        self.polls = 0  # the driver's own statements, left out of the service's figures

    def _auth(self, role: str, sub: str, authority: str | None = None) -> dict[str, str]:
        key = (role, sub, authority)
        if key not in self.tokens:
            self.tokens[key] = mint(self.secret, role=role, sub=sub,  # type: ignore[arg-type]
                                    authority=authority, ttl_s=3 * 3600)
        return {"Authorization": f"Bearer {self.tokens[key]}"}

    async def submit(self, d: Demand) -> Tracked:
        wall, t0 = time.time(), time.perf_counter()
        r = await self.client.post("/v1/cases", json={"text": d.text},
                                   headers=self._auth("citizen", d.citizen_id))
        post_ms = (time.perf_counter() - t0) * 1000
        if r.status_code != 202:
            raise RuntimeError(f"POST /v1/cases: {r.status_code} {r.text[:200]}")
        return Tracked(demand=d, case_id=str(r.json()["id"]), submitted=wall, post_ms=post_ms)

    async def _decide(self, approval_id: str, authority: str) -> None:
        r = await self.client.post(f"/v1/approvals/{approval_id}/decision",
                                   json={"decision": "approve"},
                                   headers=self._auth("officer", "bench-officer", authority))
        if r.status_code != 200:
            self.errors.append(f"decision {approval_id}: {r.status_code} {r.text[:200]}")

    async def _poll(self, inflight: dict[str, Tracked]) -> list[Tracked]:
        self.polls += 1
        cur = await self.conn.execute(_MONITOR_SQL, (list(inflight),))
        done: list[Tracked] = []
        for row in await cur.fetchall():
            t = inflight[row["id"]]
            if row["settled"] is not None:
                t.settled = float(row["settled"])
                done.append(t)
                continue
            for a in row["pending"]:
                if a["id"] not in t.deciding:
                    t.deciding.add(a["id"])
                    self.decisions.append(asyncio.create_task(self._decide(a["id"],
                                                                           a["authority"])))
            # Not settled, nobody's job runs, no officer request: it waits for the citizen
            # or a team (twice in a row, to step over the moment between two jobs).
            idle = row["holder"] != "agent" and not row["pending"] and not row["queued"]
            t.strikes = t.strikes + 1 if idle else 0
            if t.strikes >= 3:
                t.parked = f"{row['status']}/{row['holder']}"
                done.append(t)
        return done

    async def run(self, demands: list[Demand], *, backlog: int,
                  timeout: float = RUN_TIMEOUT_S) -> list[Tracked]:
        """Submit all demands keeping at most `backlog` unsettled; return them all settled."""
        slots = asyncio.Semaphore(backlog)
        inflight: dict[str, Tracked] = {}
        finished: list[Tracked] = []
        submitted = asyncio.Event()

        async def submitter() -> None:
            for d in demands:
                await slots.acquire()
                t = await self.submit(d)
                inflight[t.case_id] = t
            submitted.set()

        feeder = asyncio.create_task(submitter())
        deadline = time.monotonic() + timeout
        try:
            while not (submitted.is_set() and not inflight):
                if feeder.done() and feeder.exception():
                    raise feeder.exception()  # type: ignore[misc]
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{len(inflight)} cases still open after {timeout}s")
                if inflight:
                    for t in await self._poll(inflight):
                        del inflight[t.case_id]
                        finished.append(t)
                        slots.release()
                await asyncio.sleep(POLL_S)
        finally:
            feeder.cancel()
        await asyncio.gather(*self.decisions)
        return finished


async def _officer_waits(conn: psycopg.AsyncConnection[Any], ids: list[str]) -> dict[str, float]:
    """Seconds each case spent waiting for an officer (request created -> decided)."""
    cur = await conn.execute(
        "select case_id::text as id, sum(extract(epoch from decided_at - created_at))::float8"
        " as wait, count(*) as n from approvals where case_id = any(%s::uuid[]) group by case_id",
        (ids,))
    return {r["id"]: float(r["wait"] or 0.0) for r in await cur.fetchall()}


def _summarise(tracked: list[Tracked], waits: dict[str, float]) -> dict[str, Any]:
    settled = [t for t in tracked if t.settled is not None]
    total = [t.settled - t.submitted for t in settled if t.settled is not None]
    own = [t.settled - t.submitted - waits.get(t.case_id, 0.0) for t in settled
           if t.settled is not None]
    by_class: dict[str, Any] = {}
    for name, gated in (("without_approval", False), ("with_approval", True)):
        part = [t for t in settled if (t.case_id in waits) == gated]
        by_class[name] = {"cases": len(part), "latency_s": latency_summary(
            [t.settled - t.submitted for t in part if t.settled is not None])}
    return {
        "cases": len(tracked), "settled": len(settled),
        "with_approval": sum(1 for t in tracked if t.case_id in waits),
        "parked": sorted({f"{t.demand.procedure}: {t.parked}" for t in tracked if t.parked}),
        "latency_s": latency_summary(total),
        "latency_without_officer_wait_s": latency_summary(own),
        "by_class": by_class,
        "post_cases_ms": latency_summary([t.post_ms for t in tracked]),
        "throughput": settle_rate([t.submitted for t in tracked],
                                  [t.settled for t in settled if t.settled is not None]),
    }


async def run_guichet(*, url: str, warmup: list[Demand], demands: list[Demand], workers: int,
                      concurrency: int, backlog: int, secret: str,
                      workdir: Path) -> dict[str, Any]:
    """One measured run on `url` (which it leaves with the cases in it, for growth runs)."""
    pg_pid = pgstats.postmaster_pid(url)
    async with running_service(url=url, workers=workers, concurrency=concurrency, secret=secret,
                               workdir=workdir) as service, \
            httpx.AsyncClient(base_url=service.base_url, timeout=60.0) as client, \
            await psycopg.AsyncConnection.connect(url, autocommit=True,
                                                  row_factory=dict_row) as conn:
        driver = Driver(client, conn, secret=secret)
        warm = await driver.run(warmup, backlog=1)  # one at a time: the unloaded latency
        analyzer = asyncio.create_task(pgstats.autoanalyze_every(url, ANALYZE_EVERY_S))
        await asyncio.sleep(IDLE_FLUSH_S)
        load_before = os.getloadavg()
        before_tables = pgstats.table_stats(url)
        before_pg = pgstats.server_cpu(pg_pid)
        before_procs = service.samples()
        waits_sampler = pgstats.LockWaits(url)
        sampler = asyncio.create_task(waits_sampler.run())
        started = time.perf_counter()
        polls_before = driver.polls
        tracked = await driver.run(demands, backlog=backlog)
        wall = time.perf_counter() - started
        polls = driver.polls - polls_before
        sampler.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sampler
        load_after = os.getloadavg()
        analyzer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await analyzer
        after_procs = service.samples()
        after_pg = pgstats.server_cpu(pg_pid)
        ids = [t.case_id for t in tracked]
        waits = await _officer_waits(conn, ids)
        warm_waits = await _officer_waits(conn, [t.case_id for t in warm])
        errors = driver.errors
    # Every process has stopped: their backends have flushed their counters.
    after_tables = pgstats.table_stats(url)
    n = len(tracked)
    ckpt = pgstats.checkpoint_bytes(url, ids)
    out = _summarise(tracked, waits)
    channels = pgstats.checkpoint_channels(url, ids)
    out.update({
        "workers": workers, "concurrency": concurrency, "backlog": backlog, "wall_s": wall,
        "load_average": {"before": load_before[0], "after": load_after[0]},
        "unloaded_latency_s": _summarise(warm, warm_waits)["latency_s"],
        "checkpoints": {**_checkpoint_summary(ckpt, ids, gated=set(waits)),
                        "by_channel": channels},
        "postgres": pgstats.per_case(pgstats.stats_delta(before_tables, after_tables), n,
                                     not_ours=polls + waits_sampler.samples),
        "cpu_ms_per_case": _cpu_per_case(before_procs, after_procs, before_pg, after_pg, n),
        "processes": [{"name": a["name"], "peak_rss_mb": a["peak_rss_mb"]} for a in after_procs],
        "errors": errors,
        "lock_waits": waits_sampler.summary(),
    })
    return out


def _checkpoint_summary(ckpt: dict[str, dict[str, int]], ids: list[str], *,
                        gated: set[str]) -> dict[str, Any]:
    def mean(key: str, which: list[str]) -> float:
        return sum(ckpt.get(i, {}).get(key, 0) for i in which) / max(len(which), 1)

    with_a = [i for i in ids if i in gated]
    without = [i for i in ids if i not in gated]
    return {"bytes_per_case": mean("bytes", ids), "stored_bytes_per_case": mean("stored", ids),
            "rows_per_case": mean("rows", ids),
            "bytes_per_case_with_approval": mean("bytes", with_a),
            "bytes_per_case_without_approval": mean("bytes", without)}


def _cpu_per_case(before: list[dict[str, Any]], after: list[dict[str, Any]],
                  pg_before: dict[int, float], pg_after: dict[int, float],
                  n: int) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for b, a in zip(before, after, strict=True):
        kind = "api" if a["name"] == "api" else "workers"
        if a["cpu_s"] is None or b["cpu_s"] is None:
            out[kind] = None
            continue
        out[kind] = (out.get(kind) or 0.0) + (a["cpu_s"] - b["cpu_s"]) * 1000 / max(n, 1)
    out["postgres"] = (procstat.cpu_delta(pg_before, pg_after) * 1000 / max(n, 1)
                       if pg_after else None)
    return out

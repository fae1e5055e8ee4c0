"""The running service's parts, opened once per process: pool, saver, graph, queue."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import procrastinate
import psycopg
from langchain_core.language_models import BaseChatModel
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from procrastinate.exceptions import ConnectorException

from agents.models import make_model
from graphs import casedb, runner
from graphs.case_graph import build_case_graph
from graphs.saver import CompactSaver
from graphs.state import RunContext
from graphs.world import LiveWorld
from guichet import (
    audit_seal,
    db,
    incidents,
    logs,
    metrics,
    outreach,
    queue,
    recovery,
    reminders,
    silence,
)
from guichet.catalogue import Catalogue, default_catalogue
from guichet.settings import Settings
from tools.notices import preferred_channel
from tools.records import PostgresRecords, RecordsConnector, RunRecords

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Clocks:
    silence: silence.Applied
    waiting: reminders.Reminded


@dataclass
class Services:
    settings: Settings
    pool: db.Pool
    catalogue: Catalogue
    records: RecordsConnector
    model: BaseChatModel
    saver: AsyncPostgresSaver
    graph: Any
    app: procrastinate.App
    now: Callable[[], datetime] = field(default=utc_now)
    _sealed_at: float = field(default=0.0, init=False)
    _clocks_at: float = field(default=0.0, init=False)
    _outreach_at: float = field(default=0.0, init=False)
    _audit_key: Any = field(default=None, init=False)

    def context(self, citizen_id: str) -> RunContext:
        # Records through a per-run cache: a run reads the citizen's records once.
        records = RunRecords(self.records, self.pool)
        world = LiveWorld(pool=self.pool, records=records, catalogue=self.catalogue,
                          citizen_id=citizen_id, now=self.now)
        return RunContext(citizen_id=citizen_id, pool=self.pool, catalogue=self.catalogue,
                          records=records, now=self.now, world=world,
                          max_steps=self.settings.max_agent_steps)

    async def advance(self, case_id: str, job_id: int | None = None) -> None:
        """The queue task: move a case, under its run lock; count failures per case."""
        with logs.bound(case_id=case_id, job_id=job_id, actor="agent"), \
                metrics.RUN_SECONDS.time():
            outcome = await self._advance(case_id)
            metrics.RUNS.labels(outcome).inc()
            log.info("case run ended: %s", outcome)

    async def _advance(self, case_id: str) -> str:
        row = await casedb.case_row(self.pool, case_id)
        if row is None:
            log.warning("job for an unknown case dropped")
            return "unknown"
        try:
            return await self._advance_locked(case_id, row)
        except recovery.LockLost:
            # Cut off from the database: another worker takes the case back; this run
            # must not write anything more.
            log.error("the run lost its case lock's session: abandoned")
            return "lock_lost"

    async def _advance_locked(self, case_id: str, row: dict[str, Any]) -> str:
        async with recovery.case_lock(self.pool, case_id) as held:
            if not held:
                # Another run of this case is still under way (its job was taken back from
                # a worker that was only cut off): come back once it is done.
                await self.enqueue(case_id, delay_s=2.0)
                return "busy"
            try:
                done = await runner.advance(self.graph, self.context(row["citizen_id"]),
                                            case_id)
            except Exception as exc:
                if db.is_outage(exc):
                    await self._retry_after_outage(case_id, exc)
                    return "outage"
                await self._failed(case_id, exc)
                return "failed"
        if done.stuck:
            log.error("the run found nothing to do on an open case: handed to an officer")
            await self.hand_over(case_id, reason=incidents.STALLED)
            return "stuck"
        if done.rounds:
            if row["run_failures"]:  # read with the row: no query on the common path
                await casedb.reset_failures(self.pool, case_id)
            return "moved"
        return "idle"

    async def _retry_after_outage(self, case_id: str, exc: Exception) -> None:
        """The database went away mid-run: not the case's fault, so no attempt is spent."""
        log.error("case %s: database lost during the run (%s); run again later", case_id,
                  type(exc).__name__)
        # When the database is still away this raises too: the job is then taken back
        # from its unlocked case, or the sweeper finds the case.
        await self.enqueue(case_id, delay_s=self.settings.retry_wait_s)

    async def _failed(self, case_id: str, exc: Exception) -> None:
        attempt = await casedb.count_failure(self.pool, case_id)
        log.error("case %s failed (attempt %s of %s): %s", case_id, attempt,
                  self.settings.job_attempts, type(exc).__name__, exc_info=exc)
        if attempt < self.settings.job_attempts:
            await self.enqueue(case_id, delay_s=self.settings.retry_wait_s * attempt)
            return
        # Never silently dropped: the checkpoint stays, a human sees it, and any later job
        # (a message, a decision) resumes from where it stopped.
        await casedb.reset_failures(self.pool, case_id)
        await self.hand_over(case_id, reason=incidents.FAILED)

    async def hand_over(self, case_id: str, *, reason: str) -> None:
        """An incident: an officer holds the case, and the citizen is told in plain words."""
        row = await casedb.case_row(self.pool, case_id)
        if row is None or row["settled_at"] is not None or row["taken_by"]:
            return
        await casedb.set_status(self.pool, case_id, status=row["status"], holder="officer",
                                reason=reason)
        channel = await preferred_channel(self.records, row["citizen_id"], pool=self.pool)
        await incidents.tell_citizen(self.pool, case_id=case_id, channel=channel)

    async def maintain(self) -> None:
        """Take back lost jobs and sweep stuck cases; run beside every worker."""
        took = await recovery.take_back(self.pool, grace_s=self.settings.stalled_after_s)
        swept = await recovery.sweep(self.pool, idle_s=self.settings.sweep_after_s,
                                     max_sweeps=self.settings.max_sweeps)
        for action, n in (("requeued", took.requeued), ("merged", took.merged),
                          ("swept", swept.rerun), ("handed", len(swept.exhausted))):
            if n:
                metrics.RECOVERY.labels(action).inc(n)
        for case_id in swept.exhausted:
            await self.hand_over(case_id, reason=incidents.STALLED)
        if time.monotonic() - self._sealed_at >= self.settings.seal_every_s:
            await self.seal()
        if time.monotonic() - self._clocks_at >= self.settings.clocks_every_s:
            await self.apply_clocks()
        if ((self.settings.outreach_procedures or self.settings.renewal_reminders)
                and time.monotonic() - self._outreach_at >= self.settings.outreach_every_s):
            await self.run_outreach()

    async def run_outreach(self) -> list[outreach.OutreachRun]:
        """The periodic outreach pass over the procedures the settings name (off when none):
        one proposal per citizen, procedure and period, whichever worker runs it."""
        self._outreach_at = time.monotonic()
        names = [n.strip() for n in self.settings.outreach_procedures.split(",") if n.strip()]
        if self.settings.renewal_reminders:
            await outreach.remind_renewals(self)
        return [await outreach.run(self, name) for name in names]

    async def apply_clocks(self) -> Clocks:
        """The clocks at the service's time: requests past their silence delay, cases
        waiting for their citizen (a reminder, then a lapse)."""
        self._clocks_at = time.monotonic()
        return Clocks(silence=await silence.apply(self), waiting=await reminders.apply(self))

    def audit_public_key(self) -> str:
        """The public half of the key that signs audit heads (hex), what auditors check."""
        if self._audit_key is None:
            self._audit_key = self.settings.audit_key()
        return audit_seal.public_text(self._audit_key)

    async def seal(self) -> audit_seal.Sealed | None:
        """Link and sign the audit events written since the last head (one sealer at a time)."""
        self._sealed_at = time.monotonic()
        async with db.connection(self.pool) as conn:
            if self._audit_key is None:
                self._audit_key = self.settings.audit_key()
            sealed = await audit_seal.seal(conn, self._audit_key)
        if sealed is not None:
            metrics.AUDIT_SEALED.inc(sealed.events)
        return sealed

    async def enqueue(self, case_id: str, *, delay_s: float = 0.0) -> None:
        """Queue a run of the case on its own (callers with a transaction use queue.defer)."""
        async with db.connection(self.pool) as conn:
            await queue.defer(conn, case_id, delay_s=delay_s)

    async def run_worker(self, *, name: str, concurrency: int | None = None,
                         install_signal_handlers: bool = True) -> None:
        """A queue worker of this process, with recovery and the sweeper beside it."""
        warm_up = getattr(self.model, "warm_up", None)  # the offline model has one
        if callable(warm_up):
            warm_up()
        await queue.run_worker(
            self.app, concurrency=concurrency or self.settings.worker_concurrency,
            heartbeat_s=self.settings.heartbeat_s, stalled_after_s=self.settings.stalled_after_s,
            name=name, install_signal_handlers=install_signal_handlers, maintain=self.maintain,
            reconnect_max_s=self.settings.reconnect_max_s)


@asynccontextmanager
async def open_services(
    settings: Settings, *, model: BaseChatModel | None = None,
    now: Callable[[], datetime] | None = None, url: str | None = None,
) -> AsyncIterator[Services]:
    """Open everything a process needs; migrations are applied once per database."""
    catalogue = default_catalogue()
    url = url or db.database_url(settings)
    pool = db.make_pool(url, max_size=settings.pool_max_size, wait_s=settings.db_wait_s)
    await pool.open(wait=True)
    try:
        async with pool.connection() as conn:
            await db.migrate(conn)
        saver = CompactSaver(conn=pool, key=settings.checkpoint_cipher_key())
        the_model = model or make_model(settings, catalogue=catalogue)
        graph = build_case_graph(checkpointer=saver, model=the_model)
        holder: list[Services] = []

        async def advance(case_id: str, job_id: int | None) -> None:
            await holder[0].advance(case_id, job_id)

        app = queue.make_app(url, advance, wait_s=settings.db_wait_s)
        async with app.open_async():
            services = Services(settings=settings, pool=pool, catalogue=catalogue,
                                records=PostgresRecords(pool), model=the_model, saver=saver,
                                graph=graph, app=app, now=now or utc_now)
            holder.append(services)
            yield services
    finally:
        await pool.close()


async def run_worker_process(settings: Settings, *, name: str,
                             concurrency: int | None = None) -> None:
    """A `guichet worker` process: it waits for the database at start as it does later on.

    Opening the services fails while Postgres is away (the pool cannot open, migrations cannot
    run); a worker started during an outage keeps trying instead of exiting.
    """
    backoff = queue.Backoff(max_s=settings.reconnect_max_s)
    while True:
        try:
            async with open_services(settings) as services:
                await services.run_worker(concurrency=concurrency, name=name)
                return
        except (psycopg.OperationalError, ConnectorException) as exc:
            log.error("worker %s: database unreachable at start (%s); trying again", name,
                      type(exc).__name__)
        await asyncio.sleep(backoff.wait())

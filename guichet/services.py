"""The running service's parts, opened once per process: pool, saver, graph, queue."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import procrastinate
from langchain_core.language_models import BaseChatModel
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

from agents.models import make_model
from graphs import casedb, runner
from graphs.case_graph import build_case_graph
from graphs.state import RunContext
from guichet import db, queue
from guichet.catalogue import Catalogue, default_catalogue
from guichet.settings import Settings
from tools.records import PostgresRecords, RecordsConnector

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


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

    def context(self, citizen_id: str) -> RunContext:
        return RunContext(citizen_id=citizen_id, pool=self.pool, catalogue=self.catalogue,
                          records=self.records, now=self.now,
                          max_steps=self.settings.max_agent_steps)

    async def advance(self, case_id: str, attempt: int = 0) -> None:
        """The queue task: move a case; on the last failed attempt hand it to a human."""
        row = await casedb.case_row(self.pool, case_id)
        if row is None:
            log.warning("job for unknown case %s dropped", case_id)
            return
        try:
            await runner.advance(self.graph, self.context(row["citizen_id"]), case_id)
        except Exception as exc:
            log.exception("case %s failed (attempt %s)", case_id, attempt + 1)
            if attempt + 1 >= self.settings.job_attempts:
                # Never silently dropped: the checkpoint stays, a human sees it, and any
                # later job (a message, a decision) resumes from where it stopped.
                await casedb.set_status(
                    self.pool, case_id, status=row["status"], holder="officer",
                    reason=f"incident technique ({type(exc).__name__}) : reprise par un agent")
            raise

    async def enqueue(self, case_id: str) -> None:
        await queue.enqueue(self.app, case_id)


@asynccontextmanager
async def open_services(
    settings: Settings, *, model: BaseChatModel | None = None,
    now: Callable[[], datetime] | None = None, url: str | None = None,
) -> AsyncIterator[Services]:
    """Open everything a process needs; migrations are applied once per database."""
    catalogue = default_catalogue()
    url = url or db.database_url(settings)
    pool = db.make_pool(url, max_size=settings.pool_max_size)
    await pool.open(wait=True)
    try:
        async with pool.connection() as conn:
            await db.migrate(conn)
        saver = AsyncPostgresSaver(conn=pool)
        the_model = model or make_model(settings, catalogue=catalogue)
        graph = build_case_graph(checkpointer=saver, model=the_model)
        holder: list[Services] = []

        async def advance(case_id: str, attempt: int) -> None:
            await holder[0].advance(case_id, attempt)

        app = queue.make_app(url, advance, attempts=settings.job_attempts,
                             retry_wait_s=settings.retry_wait_s)
        async with app.open_async():
            services = Services(settings=settings, pool=pool, catalogue=catalogue,
                                records=PostgresRecords(pool), model=the_model, saver=saver,
                                graph=graph, app=app, now=now or utc_now)
            holder.append(services)
            yield services
    finally:
        await pool.close()

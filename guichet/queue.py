"""The job queue: procrastinate on the service's own Postgres.

One task, `advance_case(case_id)`: it looks at what the case waits for and moves it as far as
it can. Every job carries `lock=case_id`, so no two workers ever run one case at once; a
duplicate job finds nothing to do. Jobs of a worker that died (no heartbeat) are taken back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any

import procrastinate
from procrastinate import RetryStrategy
from procrastinate.exceptions import AlreadyEnqueued

log = logging.getLogger(__name__)

QUEUE = "cases"
TASK = "advance_case"


def queue_schema_sql() -> str:
    return (resources.files("procrastinate.sql") / "schema.sql").read_text(encoding="utf-8")


def make_app(
    url: str, advance: Callable[[str, int], Awaitable[None]], *, max_size: int = 4,
    attempts: int = 4, retry_wait_s: int = 2,
) -> procrastinate.App:
    """The queue app with the one task; `advance(case_id, attempt)` does the work.

    It keeps a small pool of its own: procrastinate opens its LISTEN connection with
    arguments that clash with the autocommit/dict-row settings of the service's pool.
    """
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(
        conninfo=url, min_size=1, max_size=max_size))

    @app.task(name=TASK, queue=QUEUE, pass_context=True,
              # procrastinate counts retries after the first run.
              retry=RetryStrategy(max_attempts=attempts - 1, wait=retry_wait_s,
                                  linear_wait=retry_wait_s))
    async def advance_case(context: procrastinate.JobContext, case_id: str) -> None:
        attempt = context.job.attempts if context.job else 0
        await advance(case_id, attempt)

    return app


async def enqueue(app: procrastinate.App, case_id: str) -> None:
    """Ask for the case to be advanced; a job already waiting for it is enough."""
    with contextlib.suppress(AlreadyEnqueued):
        await app.configure_task(TASK, lock=case_id, queueing_lock=case_id).defer_async(
            case_id=case_id)


async def recover_stalled(app: procrastinate.App, *, stalled_after_s: float) -> int:
    """Put back the jobs of workers that stopped sending heartbeats (killed, lost)."""
    jobs = await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=stalled_after_s)
    count = 0
    for job in jobs:
        try:
            await app.job_manager.retry_job(job)
            count += 1
            log.warning("job %s of case %s taken back from a silent worker", job.id,
                        job.task_kwargs.get("case_id"))
        except Exception:  # another worker may have taken it back first
            log.debug("job %s already taken back", job.id)
    return count


async def run_worker(
    app: procrastinate.App, *, concurrency: int, heartbeat_s: float, stalled_after_s: float,
    name: str = "worker", install_signal_handlers: bool = True,
) -> None:
    """Run jobs until cancelled, taking back stalled jobs every few seconds."""

    async def recovery() -> None:
        while True:
            with contextlib.suppress(Exception):
                await recover_stalled(app, stalled_after_s=stalled_after_s)
            await asyncio.sleep(max(heartbeat_s, 1.0))

    rec = asyncio.create_task(recovery())
    opts: dict[str, Any] = {
        "queues": [QUEUE], "concurrency": concurrency, "name": name, "wait": True,
        "update_heartbeat_interval": heartbeat_s, "stalled_worker_timeout": stalled_after_s,
        "install_signal_handlers": install_signal_handlers, "delete_jobs": "successful",
        "fetch_job_polling_interval": 2.0,
    }
    try:
        await app.run_worker_async(**opts)
    finally:
        rec.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await rec


async def stop_worker(task: asyncio.Task[None], *, tries: int = 20) -> None:
    """Cancel a worker task and wait for it; cancel again if a cancellation was absorbed.

    procrastinate turns a cancellation into a graceful stop, and one that lands while the
    worker is still starting can be swallowed: a single cancel() may then never end.
    """
    for _ in range(tries):
        if task.done():
            break
        task.cancel()
        await asyncio.wait({task}, timeout=0.5)
    if task.done() and not task.cancelled():
        with contextlib.suppress(Exception):
            task.result()

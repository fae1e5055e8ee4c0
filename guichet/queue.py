"""The job queue: procrastinate on the service's own Postgres.

One task, `advance_case(case_id)`: it looks at what the case waits for and moves it as far as
it can. Every job carries `lock=case_id` (no two run at once) and `queueing_lock=case_id` (at
most one waits): a job already waiting for a case serves every later cause, since the run
reads the case afresh. Jobs are inserted by `defer` on the caller's connection, inside the
transaction that commits their cause (the case, the message, the decision): no commit without
its job, no job without its commit.

Scheduling is fair across citizens: a job's priority is minus the number of the citizen's
other open cases that already have a job waiting or running, so a citizen's nth concurrent
case runs after everybody's first (procrastinate takes the highest priority first, then the
oldest). One citizen's burst of demands then delays their own cases, not other people's.

procrastinate's own retries are not used: its `retry_job` breaks the queueing-lock index when a
newer job waits for the same case, and it counts attempts per job. Failures are counted per
case instead (`guichet.services`), and a job lost with its worker is taken back by
`guichet.recovery`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any

import procrastinate

from guichet import db, metrics
from guichet.db import Conn

log = logging.getLogger(__name__)

QUEUE = "cases"
TASK = "advance_case"

# ON CONFLICT names the partial unique index of waiting jobs: a job already waiting for the
# case is enough, and no error aborts the caller's transaction. The priority counts the
# citizen's other open cases with a job; each probe uses procrastinate's partial unique
# indexes (queueing_lock of waiting jobs, lock of running ones), so it costs a few index
# lookups per open case of that citizen, whatever the length of the queue.
_DEFER_SQL = """
insert into procrastinate_jobs (queue_name, task_name, priority, lock, queueing_lock, args,
                                scheduled_at)
values (%(queue)s, %(task)s, %(priority)s, %(case_id)s, %(case_id)s, %(args)s::jsonb,
        case when %(delay)s > 0 then now() + make_interval(secs => %(delay)s) end)
on conflict (queueing_lock) where status = 'todo' do nothing
returning id
"""

_FAIR_PRIORITY_SQL = """
select -count(*)::int as priority
  from cases mine
  join cases other on other.citizen_id = mine.citizen_id and other.id <> mine.id
 where mine.id = %(case_id)s::uuid
   and other.settled_at is null
   and (exists (select 1 from procrastinate_jobs j
                 where j.queueing_lock = other.id::text and j.status = 'todo')
        or exists (select 1 from procrastinate_jobs j
                    where j.lock = other.id::text and j.status = 'doing'))
"""


def queue_schema_sql() -> str:
    return (resources.files("procrastinate.sql") / "schema.sql").read_text(encoding="utf-8")


def make_app(url: str, advance: Callable[[str, int | None], Awaitable[None]], *,
             max_size: int = 4, wait_s: float = 5.0) -> procrastinate.App:
    """The queue app with the one task; `advance(case_id, job_id)` does the work.

    It keeps a small pool of its own: procrastinate opens its LISTEN connection with
    arguments that clash with the autocommit/dict-row settings of the service's pool.
    """
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(
        conninfo=url, min_size=1, max_size=max_size, timeout=wait_s,
        reconnect_timeout=db.RECONNECT_TIMEOUT_S, kwargs=dict(db.NETWORK_KWARGS),
        configure=db.configure_connection))

    @app.task(name=TASK, queue=QUEUE, pass_context=True)
    async def advance_case(context: procrastinate.JobContext, case_id: str) -> None:
        await advance(case_id, context.job.id if context.job else None)

    return app


async def fair_priority(conn: Conn, case_id: str) -> int:
    """Minus the number of the citizen's other open cases with a job waiting or running."""
    cur = await conn.execute(_FAIR_PRIORITY_SQL, {"case_id": str(case_id)})
    row = await cur.fetchone()
    return int(row["priority"]) if row else 0


async def defer(conn: Conn, case_id: str, *, delay_s: float = 0.0) -> bool:
    """Queue a run of the case in the caller's transaction; False when one already waits."""
    priority = await fair_priority(conn, case_id)
    cur = await conn.execute(_DEFER_SQL, {
        "queue": QUEUE, "task": TASK, "case_id": str(case_id), "priority": priority,
        "args": json.dumps({"case_id": str(case_id)}), "delay": delay_s})
    return await cur.fetchone() is not None


class Backoff:
    """Exponential waits between reconnection attempts, reset once a run lasted."""

    def __init__(self, *, first_s: float = 0.5, max_s: float = 10.0) -> None:
        self.first_s, self.max_s = first_s, max_s
        self.next_s = first_s

    def wait(self) -> float:
        out = self.next_s
        self.next_s = min(self.next_s * 2, self.max_s)
        return out

    def reset(self) -> None:
        self.next_s = self.first_s


def _cancelling() -> bool:
    task = asyncio.current_task()
    return bool(task and task.cancelling())


async def run_worker(
    app: procrastinate.App, *, concurrency: int, heartbeat_s: float, stalled_after_s: float,
    name: str = "worker", install_signal_handlers: bool = True,
    maintain: Callable[[], Awaitable[Any]] | None = None, reconnect_max_s: float = 10.0,
) -> None:
    """Run jobs until cancelled, whatever happens to the database meanwhile.

    procrastinate's worker ends (or stops and idles) when the database goes away: a pool
    timeout escapes its loop, a failed heartbeat stops it. It is started again here, after a
    back-off, as long as nobody asked this task to stop. `maintain` runs every few seconds
    beside it (taking back lost jobs, sweeping stuck cases) and survives outages the same way.
    """
    loop = asyncio.get_running_loop()
    period = max(min(heartbeat_s, stalled_after_s / 2), 0.5)

    async def maintenance() -> None:
        backoff = Backoff(max_s=reconnect_max_s)
        assert maintain is not None
        while True:
            try:
                await maintain()
                backoff.reset()
                await asyncio.sleep(period)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                metrics.RECOVERY.labels("failed").inc()
                log.error("worker %s: maintenance failed (%s); next try soon", name,
                          type(exc).__name__)
                await asyncio.sleep(backoff.wait())

    side = asyncio.create_task(maintenance()) if maintain is not None else None
    # Signals are ours, not procrastinate's: its handler ends its loop the same way an
    # outage does, and the loop below would start it again. A signal sets `stop` first.
    opts: dict[str, Any] = {
        "queues": [QUEUE], "concurrency": concurrency, "name": name, "wait": True,
        "update_heartbeat_interval": heartbeat_s, "stalled_worker_timeout": stalled_after_s,
        "install_signal_handlers": False, "delete_jobs": "successful",
        "fetch_job_polling_interval": 2.0,
    }
    stop = asyncio.Event()
    running: list[asyncio.Task[None]] = []

    def on_signal() -> None:
        log.info("worker %s: stop requested; finishing the jobs under way", name)
        stop.set()
        for task in running:
            task.cancel()  # procrastinate turns this into a graceful stop

    signals = (signal.SIGINT, signal.SIGTERM) if install_signal_handlers else ()
    for sig in signals:
        loop.add_signal_handler(sig, on_signal)
    backoff = Backoff(max_s=reconnect_max_s)
    try:
        while not stop.is_set():
            started = loop.time()
            worker = asyncio.create_task(app.run_worker_async(**opts))
            running[:] = [worker]
            try:
                await worker
                if _cancelling() or stop.is_set():
                    return  # a stop that procrastinate absorbed: honour it
                log.error("worker %s stopped on its own (database lost?); starting again", name)
            except asyncio.CancelledError:
                if stop.is_set() and not _cancelling():
                    return  # stopped by a signal, its jobs finished
                raise
            except Exception as exc:
                log.error("worker %s lost the database (%s); reconnecting", name,
                          type(exc).__name__)
            if loop.time() - started > 30:
                backoff.reset()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=backoff.wait())
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)
        if side is not None:
            side.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await side


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

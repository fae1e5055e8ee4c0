"""Nothing stuck: a lock per running case, lost jobs taken back, and a sweeper for the rest.

A run of a case holds a session advisory lock on the case for as long as it runs. A job in
`doing` whose case nobody holds, started longer ago than the grace period, has lost its
worker (killed, cut off, or its acknowledgement failed during an outage): it is taken back,
or merged into the job already waiting for the case. Heartbeats are not trusted for this: a
worker alive through a database outage has a stale heartbeat and still runs its cases.

The sweeper is what makes "never lost" hold whatever the next bug is: an open case that has
not moved for a while, has no job, and that nobody visibly holds (no pending request in an
inbox, not in a handoff queue, not waiting on a question) is run again; after a few such runs
without progress a human takes it, with a reason the citizen can read.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from guichet import audit, queue
from guichet.db import Pool, connection
from guichet.store import cases as case_rows

log = logging.getLogger(__name__)

# The first key of the two-key advisory locks on cases ("gu"); the second is hashtext(id).
CASE_LOCK_CLASS = 0x6775
# Only one worker sweeps at a time.
_SWEEP_LOCK = 0x67756973

_ORPHANS_SQL = """
select j.id, j.args ->> 'case_id' as case_id,
       exists (select 1 from procrastinate_jobs w where w.queueing_lock = j.queueing_lock
               and w.status = 'todo') as waiting
from procrastinate_jobs j
where j.status = 'doing' and j.queue_name = %(queue)s
  and not exists (
      select 1 from pg_locks l
      where l.locktype = 'advisory' and l.granted and l.objsubid = 2
        and l.database = (select oid from pg_database where datname = current_database())
        and l.classid = %(cls)s
        and l.objid = (hashtext(j.args ->> 'case_id')::bigint & 4294967295)::oid)
  and coalesce((select max(e.at) from procrastinate_events e
                where e.job_id = j.id and e.type = 'started'), '-infinity')
      < now() - make_interval(secs => %(grace)s)
order by j.id
for update of j skip locked
"""

# Open, not taken, no job, idle, and nobody visibly holding it. An officer holds a case
# visibly when a request of it is pending, or when it is in a handoff queue (an officer
# holder with no decision taken since it last moved, see guichet.handoffs); a citizen, when
# no answer of theirs came since the case last moved.
_STUCK_SQL = """
select c.id, c.sweeps, c.swept_at, c.updated_at from cases c
where c.settled_at is null and c.taken_by is null
  and c.updated_at < now() - make_interval(secs => %(idle)s)
  and (c.swept_at is null or c.swept_at < now() - make_interval(secs => %(idle)s))
  and not exists (select 1 from procrastinate_jobs j where j.queueing_lock = c.id::text
                  and j.status in ('todo', 'doing'))
  and not exists (select 1 from approvals a where a.case_id = c.id and a.status = 'pending')
  and not (c.holder = 'officer' and (
        exists (select 1 from effects e where e.case_id = c.id and e.effect = 'handoff')
        or not exists (select 1 from approvals a where a.case_id = c.id
                       and a.decided_at > c.updated_at)))
  and not (c.holder = 'citizen' and not exists (
        select 1 from case_messages m where m.case_id = c.id and m.author = 'citizen'
        and (m.consumed_at is null or m.created_at > c.updated_at)))
order by c.updated_at
limit %(limit)s
for update of c skip locked
"""


class LockLost(Exception):
    """The session holding a case's run lock went away mid-run: the run was abandoned."""


# How often a long run checks that its lock's session is alive, and how long it waits. Well
# under the server's ~25 s to drop a lost session (guichet.db): a run cut off from the
# database stops before another worker can take its case back, so that it cannot write over
# that worker's run once the network heals.
LOCK_PING_S = 3.0
LOCK_PING_TIMEOUT_S = 5.0


@asynccontextmanager
async def case_lock(pool: Pool, case_id: str) -> AsyncIterator[bool]:
    """Hold the case's run lock for the block; yields False when another run holds it.

    Raises LockLost out of the block when the lock's session is lost during it.
    """
    async with pool.connection() as conn:
        cur = await conn.execute("select pg_try_advisory_lock(%s, hashtext(%s)) as ok",
                                 (CASE_LOCK_CLASS, str(case_id)))
        row = await cur.fetchone()
        if not (row and row["ok"]):
            yield False
            return
        run = asyncio.current_task()
        lost = asyncio.Event()

        async def watch() -> None:
            while True:
                await asyncio.sleep(LOCK_PING_S)
                try:
                    await asyncio.wait_for(conn.execute("select 1"), LOCK_PING_TIMEOUT_S)
                except Exception:
                    lost.set()
                    if run is not None:
                        run.cancel()
                    return

        dog = asyncio.create_task(watch())
        try:
            yield True
        except asyncio.CancelledError:
            if lost.is_set() and run is not None:
                run.uncancel()
                raise LockLost(case_id) from None
            raise
        finally:
            dog.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await dog
            try:
                if lost.is_set():
                    raise LockLost(case_id)
                await conn.execute("select pg_advisory_unlock(%s, hashtext(%s))",
                                   (CASE_LOCK_CLASS, str(case_id)))
            except BaseException:
                # A connection back in the pool must never keep a case's lock: the case
                # would look running forever. Closed, the pool replaces it.
                await conn.close()
                if not lost.is_set():
                    raise


@dataclass
class TakeBack:
    requeued: int = 0
    merged: int = 0


async def take_back(pool: Pool, *, grace_s: float) -> TakeBack:
    """Put back the jobs whose run is gone; merge them when a job already waits."""
    out = TakeBack()
    async with connection(pool) as conn, conn.transaction():
        cur = await conn.execute(_ORPHANS_SQL, {"queue": queue.QUEUE, "cls": CASE_LOCK_CLASS,
                                                "grace": grace_s})
        for job in await cur.fetchall():
            if job["waiting"]:
                # The waiting job will run the case; this one only holds its lock.
                await conn.execute("delete from procrastinate_jobs where id = %s", (job["id"],))
                out.merged += 1
            else:
                # Back to the queue without spending an attempt: the run did not fail.
                await conn.execute(
                    "update procrastinate_jobs set status = 'todo', worker_id = null,"
                    " scheduled_at = null where id = %s", (job["id"],))
                out.requeued += 1
            log.warning("job %s of case %s taken back from a lost run (%s)", job["id"],
                        job["case_id"], "merged" if job["waiting"] else "requeued")
    return out


@dataclass
class Sweep:
    rerun: int = 0
    # Cases run `max_sweeps` times without moving: the caller hands them to a human.
    exhausted: list[str] = field(default_factory=list)


async def sweep(pool: Pool, *, idle_s: float, max_sweeps: int, limit: int = 100) -> Sweep:
    """Run again every open case that stopped moving with no one on it; list the hopeless."""
    out = Sweep()
    async with connection(pool) as conn, conn.transaction():
        cur = await conn.execute("select pg_try_advisory_xact_lock(%s) as ok", (_SWEEP_LOCK,))
        row = await cur.fetchone()
        if not (row and row["ok"]):
            return out  # another worker is sweeping
        cur = await conn.execute(_STUCK_SQL, {"idle": idle_s, "limit": limit})
        for case in await cur.fetchall():
            # A case that moved since its last sweep starts its count again.
            moved = case["swept_at"] is None or case["updated_at"] > case["swept_at"]
            sweeps = 1 if moved else case["sweeps"] + 1
            await case_rows.mark_swept(conn, case_id=case["id"],
                                       sweeps=0 if sweeps > max_sweeps else sweeps)
            if sweeps > max_sweeps:
                out.exhausted.append(str(case["id"]))
                log.error("case %s stopped moving after %s runs", case["id"], max_sweeps)
                continue
            await queue.defer(conn, str(case["id"]))
            await audit.append(conn, case_id=case["id"], actor="system", kind="case.swept",
                               data={"sweep": sweeps})
            out.rerun += 1
            log.warning("case %s had stopped moving: run again (sweep %s)", case["id"], sweeps)
    return out

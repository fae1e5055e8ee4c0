"""Retention: closed cases' intermediate checkpoints pruned, audit events always kept.

A closed case keeps its last checkpoint (its final state stays readable) and every audit
event: the trace is rebuilt from the events alone, so it still shows every decision and
effect. Audit events are never deleted here (the table refuses it anyway); Art. 26(6) of
the AI Act asks deployers to keep such logs for at least six months.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel

from guichet.db import Conn
from guichet.errors import InvalidInput

AUDIT_MIN_RETENTION_DAYS = 183
MAX_PRUNE_AFTER_DAYS = 36_500


class PruneResult(BaseModel):
    cutoff: datetime
    dry_run: bool
    cases: int
    checkpoints: int
    writes: int
    blobs: int
    audit_events_kept: int


# The last checkpoint of each namespace of each thread is kept; the others go.
_LATEST = """
with latest as (
    select distinct on (thread_id, checkpoint_ns) thread_id, checkpoint_ns, checkpoint_id,
           checkpoint -> 'channel_versions' as versions
    from checkpoints where thread_id = any(%(threads)s)
    order by thread_id, checkpoint_ns, checkpoint_id desc)
"""
_DELETE_CHECKPOINTS = _LATEST + """
delete from checkpoints c using latest l
where c.thread_id = l.thread_id and c.checkpoint_ns = l.checkpoint_ns
  and c.checkpoint_id <> l.checkpoint_id
"""
_DELETE_WRITES = _LATEST + """
delete from checkpoint_writes w using latest l
where w.thread_id = l.thread_id and w.checkpoint_ns = l.checkpoint_ns
  and w.checkpoint_id <> l.checkpoint_id
"""
# A blob is a channel's value at one version: kept only if the last checkpoint uses it.
_DELETE_BLOBS = _LATEST + """
delete from checkpoint_blobs b using latest l
where b.thread_id = l.thread_id and b.checkpoint_ns = l.checkpoint_ns
  and (l.versions ->> b.channel) is distinct from b.version
"""


async def prune(conn: Conn, *, older_than_days: int, now: datetime,
                dry_run: bool = False) -> PruneResult:
    """Prune the checkpoints of cases closed more than `older_than_days` days before `now`."""
    if not 0 <= older_than_days <= MAX_PRUNE_AFTER_DAYS:
        raise InvalidInput("older_than_days", f"between 0 and {MAX_PRUNE_AFTER_DAYS}")
    cutoff = now - timedelta(days=older_than_days)
    async with conn.transaction():
        cur = await conn.execute(
            "select id::text as id from cases where settled_at is not null and settled_at < %s",
            (cutoff,))
        threads = [r["id"] for r in await cur.fetchall()]
        cur = await conn.execute(
            "select count(*) as n from audit_events where case_id::text = any(%s)", (threads,))
        kept = await cur.fetchone()
        counts = {"checkpoints": 0, "writes": 0, "blobs": 0}
        for name, sql in (("writes", _DELETE_WRITES), ("blobs", _DELETE_BLOBS),
                          ("checkpoints", _DELETE_CHECKPOINTS)):
            if dry_run:  # the same statements, counted instead of run
                sql = sql.replace("delete from", "select count(*) as n from").replace(
                    " using latest l\nwhere", " join latest l on true\nwhere", 1)
            cur = await conn.execute(sql, {"threads": threads})
            if dry_run:
                row = await cur.fetchone()
                counts[name] = int(row["n"]) if row else 0
            else:
                counts[name] = cur.rowcount
    return PruneResult(cutoff=cutoff, dry_run=dry_run, cases=len(threads),
                       audit_events_kept=int(kept["n"]) if kept else 0, **counts)

"""Retention: closed cases' intermediate checkpoints pruned, then their personal data purged;
audit events always kept.

`prune`: a closed case keeps its last checkpoint (its final state stays readable) and every
audit event: the trace is rebuilt from the events alone, so it still shows every decision
and effect. Audit events are never deleted here (the table refuses it anyway); Art. 26(6)
of the AI Act asks deployers to keep such logs for at least six months.

`purge_personal_data`: once a closed case is older than the retention of its procedures
(`retention_days` in the catalogue, the longest of the case's procedures, else the
deployment's default), what identifies its citizen is erased in place: the messages'
texts, the placeholder map, the notices' bodies, the copies of records (the forms, the
rules' inputs, the evidence shown to officers), the handoff summary and every checkpoint.
The case row stays (status, dates, procedures), and so do the audit events: they hold
placeholders, never values (tools/redaction.py), and without the map nobody can put the
values back; the chain is untouched, so `guichet audit verify` still verifies, and the
purge itself is one more event of the case.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel

from guichet import audit
from guichet.catalogue import Catalogue
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


# What an erased text reads: the row stays, so that the case's history keeps its shape.
ERASED = "[effacé : durée de conservation écoulée]"


class PurgeResult(BaseModel):
    now: datetime
    dry_run: bool
    cases: int
    messages: int
    placeholders: int
    notifications: int
    procedures: int
    approvals: int
    attachments: int
    checkpoints: int
    writes: int
    blobs: int
    audit_events_kept: int


def retention_days(catalogue: Catalogue, procedures: list[str], default: int) -> int:
    """How long a closed case with these procedures keeps its personal data: the longest
    of theirs, since one case's data serves all its procedures."""
    known = {p.id: p for p in catalogue.procedures}
    days = [known[p].retention_days if p in known else None for p in procedures]
    return max((default if d is None else d for d in days), default=default)


# Each statement erases one kind of data of the due cases; the counts are what changed.
_PURGE: tuple[tuple[str, str], ...] = (
    ("messages", "update case_messages set body = %(erased)s"
                 " where case_id = any(%(ids)s) and body <> %(erased)s"),
    ("placeholders", "delete from case_placeholders where case_id = any(%(ids)s)"),
    ("notifications", "update notifications set body = %(erased)s"
                      " where case_id = any(%(ids)s) and body <> %(erased)s"),
    ("procedures", "update case_procedures set form = '{}', rules = null"
                   " where case_id = any(%(ids)s) and (form <> '{}' or rules is not null)"),
    ("approvals", "update approvals set evidence = '{}'"
                  " where case_id = any(%(ids)s) and evidence <> '{}'"),
    # The files go; their names, types and sizes stay, so the case file still lists them.
    ("attachments", "update case_attachments set data = null, purged_at = now()"
                    " where case_id = any(%(ids)s) and data is not null"),
    ("writes", "delete from checkpoint_writes where thread_id = any(%(threads)s)"),
    ("blobs", "delete from checkpoint_blobs where thread_id = any(%(threads)s)"),
    ("checkpoints", "delete from checkpoints where thread_id = any(%(threads)s)"),
)


def _count_sql(sql: str) -> str:
    # The same rows, counted instead of changed (a dry run).
    if sql.startswith("delete from "):
        table, where = sql[len("delete from "):].split(" where ", 1)
    else:
        table, rest = sql[len("update "):].split(" set ", 1)
        where = rest.split(" where ", 1)[1]
    return f"select count(*) as n from {table} where {where}"


async def due_cases(conn: Conn, *, catalogue: Catalogue, default_days: int,
                    now: datetime) -> list[tuple[str, int]]:
    """(case id, retention in days) of the closed cases whose personal data is due for
    erasure at `now`."""
    cur = await conn.execute(
        "select id::text as id, procedures, settled_at from cases"
        " where settled_at is not null and personal_data_purged_at is null"
        " and settled_at < %s order by settled_at", (now,))
    due = []
    for row in await cur.fetchall():
        days = retention_days(catalogue, list(row["procedures"]), default_days)
        if row["settled_at"] + timedelta(days=days) <= now:
            due.append((row["id"], days))
    return due


async def _run(conn: Conn, ids: list[str], *, dry_run: bool) -> dict[str, int]:
    params: dict[str, Any] = {"ids": ids, "threads": ids, "erased": ERASED}
    counts: dict[str, int] = {}
    for name, sql in _PURGE:
        if dry_run:
            cur = await conn.execute(_count_sql(sql), params)
            row = await cur.fetchone()
            counts[name] = int(row["n"]) if row else 0
        else:
            cur = await conn.execute(sql, params)
            counts[name] = cur.rowcount
    return counts


async def purge_personal_data(conn: Conn, *, catalogue: Catalogue, default_days: int,
                              now: datetime, dry_run: bool = False) -> PurgeResult:
    """Erase the personal data of closed cases past their retention (see the module)."""
    if not 0 <= default_days <= MAX_PRUNE_AFTER_DAYS:
        raise InvalidInput("default_days", f"between 0 and {MAX_PRUNE_AFTER_DAYS}")
    due = await due_cases(conn, catalogue=catalogue, default_days=default_days, now=now)
    ids = [case_id for case_id, _ in due]
    cur = await conn.execute(
        "select count(*) as n from audit_events where case_id = any(%s::uuid[])", (ids,))
    kept = await cur.fetchone()
    totals = {name: 0 for name, _ in _PURGE}
    if dry_run:
        totals = await _run(conn, ids, dry_run=True)
    for case_id, days in [] if dry_run else due:
        # One transaction per case: a purge stopped half-way leaves whole cases behind it.
        async with conn.transaction():
            counts = await _run(conn, [case_id], dry_run=False)
            await conn.execute(
                "update cases set summary = null, personal_data_purged_at = %s where id = %s",
                (now, case_id))
            # The purge is part of the case's history: how much was erased, never what.
            await audit.append(conn, case_id=case_id, actor="system", kind="retention.purged",
                               data={"retention_days": days, "erased": counts})
        totals = {name: totals[name] + counts[name] for name in totals}
    return PurgeResult(now=now, dry_run=dry_run, cases=len(due),
                       audit_events_kept=int(kept["n"]) if kept else 0, **totals)

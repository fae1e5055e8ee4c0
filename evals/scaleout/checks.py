"""What the database says: who holds which job, where every case is, what ran twice."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import psycopg
from psycopg.rows import DictRow

from evals.faults.checks import happened_twice
from guichet.audit import CASE_CHAIN_LOCK_CLASS
from guichet.recovery import CASE_LOCK_CLASS

Conn = psycopg.AsyncConnection[DictRow]

# Jobs in progress and, for each, the address of the session holding its case's run lock.
HOLDERS_SQL = """
select j.id, j.args ->> 'case_id' as case_id, j.worker_id, host(a.client_addr) as addr
from procrastinate_jobs j
left join pg_locks l on l.locktype = 'advisory' and l.granted and l.objsubid = 2
  and l.classid = %(cls)s
  and l.database = (select oid from pg_database where datname = current_database())
  and l.objid = (hashtext(j.args ->> 'case_id')::bigint & 4294967295)::oid
left join pg_stat_activity a on a.pid = l.pid
where j.status = 'doing'
"""

# The sessions of one host, as the server sees them: how many hold a case's run lock, are
# inside a transaction, run a statement, or hold a case's audit chain lock (guichet.audit).
SESSIONS_SQL = """
select count(*)::int as sessions,
  count(*) filter (where exists (select 1 from pg_locks l where l.pid = a.pid
    and l.locktype = 'advisory' and l.classid = %(cls)s and l.granted))::int as lock_sessions,
  count(*) filter (where a.state like 'idle in transaction%%')::int as in_transaction,
  count(*) filter (where a.state = 'active')::int as active,
  count(*) filter (where exists (select 1 from pg_locks l where l.pid = a.pid
    and l.locktype = 'advisory' and l.granted and l.objsubid = 2
    and l.classid = %(audit_cls)s))::int as audit_lock
from pg_stat_activity a where host(a.client_addr) = %(addr)s
"""

CASES_SQL = """
select c.id::text as id, c.status, c.holder, c.holder_reason, c.taken_by, c.settled_at,
  c.created_at, c.updated_at, c.run_failures,
  (select count(*) from approvals a where a.case_id = c.id and a.status = 'pending')::int
    as pending,
  (select count(*) from approvals a where a.case_id = c.id)::int as approvals,
  (select count(*) from procrastinate_jobs j where j.queueing_lock = c.id::text
     and j.status in ('todo', 'doing'))::int as jobs
from cases c
"""

# Two checkpoints with the same parent on a case's thread: two runs of the case at once
# (the case graph never forks a thread on its own).
FORKS_SQL = """
select thread_id, count(*)::int as n from checkpoints
where checkpoint_ns = '' and parent_checkpoint_id is not null
group by thread_id, parent_checkpoint_id having count(*) > 1
"""

# A settled case is never written again by the agent.
TOUCHED_SQL = """
select id::text as id, settled_at, updated_at from cases
where settled_at is not null and updated_at > settled_at
"""


@dataclass(frozen=True)
class Job:
    id: int
    case_id: str
    worker_id: int | None
    addr: str | None


async def jobs_in_progress(conn: Conn) -> list[Job]:
    cur = await conn.execute(HOLDERS_SQL, {"cls": CASE_LOCK_CLASS})
    return [Job(id=int(r["id"]), case_id=str(r["case_id"]), worker_id=r["worker_id"],
                addr=r["addr"]) for r in await cur.fetchall()]


async def sessions_of(conn: Conn, addr: str) -> dict[str, int]:
    cur = await conn.execute(SESSIONS_SQL, {
        "cls": CASE_LOCK_CLASS, "addr": addr, "audit_cls": CASE_CHAIN_LOCK_CLASS})
    row = await cur.fetchone()
    return {k: int(v) for k, v in dict(row or {}).items()}


@dataclass(frozen=True)
class Case:
    id: str
    status: str
    holder: str
    holder_reason: str
    taken_by: str | None
    settled_at: datetime | None
    created_at: datetime
    updated_at: datetime
    run_failures: int
    pending: int
    approvals: int
    jobs: int

    @property
    def at_rest(self) -> bool:
        """Nothing left for a worker: settled, or visibly waiting for a person."""
        if self.jobs:
            return False
        return self.settled_at is not None or self.holder in ("officer", "citizen")

    @property
    def verdict(self) -> str:
        if self.settled_at is not None and self.jobs == 0:
            return "settled"
        if self.jobs == 0 and (self.pending or self.holder == "officer"):
            return "officer"
        if self.jobs == 0 and self.holder == "citizen":
            return "citizen"
        return "stuck"


async def cases(conn: Conn, ids: list[str] | None = None) -> dict[str, Case]:
    sql, params = CASES_SQL, {}
    if ids is not None:
        sql += " where c.id::text = any(%(ids)s)"
        params = {"ids": ids}
    cur = await conn.execute(sql, params)
    out: dict[str, Case] = {}
    for r in await cur.fetchall():
        out[str(r["id"])] = Case(**dict(r))
    return out


@dataclass
class Final:
    """The end state, over every case the APIs acknowledged."""

    acknowledged: int
    verdicts: dict[str, int]
    statuses: dict[str, int]
    officer_reasons: dict[str, int]
    lost: list[str] = field(default_factory=list)
    stuck: list[dict[str, Any]] = field(default_factory=list)
    duplicate_effects: list[dict[str, Any]] = field(default_factory=list)
    duplicate_notices: list[dict[str, Any]] = field(default_factory=list)
    forked_threads: list[str] = field(default_factory=list)
    written_after_settled: list[str] = field(default_factory=list)
    failed_jobs: int = 0
    active_jobs: int = 0
    effects: int = 0
    notices: int = 0
    audit_ok: bool | None = None
    audit_detail: str = ""


async def final(conn: Conn, acked: list[str]) -> tuple[Final, dict[str, Case]]:
    every = await cases(conn)
    verdicts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    stuck: list[dict[str, Any]] = []
    for ident in acked:
        c = every.get(ident)
        if c is None:
            continue
        verdicts[c.verdict] += 1
        if c.verdict == "officer":
            reasons["approval pending" if c.pending else c.holder_reason] += 1
        if c.verdict == "stuck":
            stuck.append({"id": c.id, "status": c.status, "holder": c.holder,
                          "holder_reason": c.holder_reason, "jobs": c.jobs,
                          "updated_at": c.updated_at.isoformat()})
    out = Final(
        acknowledged=len(acked),
        verdicts={k: verdicts.get(k, 0) for k in ("settled", "officer", "citizen", "stuck")},
        statuses=dict(Counter(every[i].status for i in acked if i in every).most_common()),
        officer_reasons=dict(reasons.most_common()),
        lost=[i for i in acked if i not in every], stuck=stuck)
    # The same definition of "twice" as the fault suite's (effects by their natural target).
    twice = await happened_twice(conn)
    out.duplicate_effects, out.duplicate_notices = twice.effects, twice.notices
    cur = await conn.execute(FORKS_SQL)
    out.forked_threads = sorted({str(r["thread_id"]) for r in await cur.fetchall()})
    cur = await conn.execute(TOUCHED_SQL)
    out.written_after_settled = [str(r["id"]) for r in await cur.fetchall()]
    cur = await conn.execute(
        "select (select count(*) from procrastinate_jobs where status = 'failed')::int as failed,"
        " (select count(*) from procrastinate_jobs where status in ('todo', 'doing'))::int"
        " as active")
    row = await cur.fetchone()
    assert row is not None
    out.effects, out.notices = twice.effect_rows, twice.notice_rows
    out.failed_jobs, out.active_jobs = int(row["failed"]), int(row["active"])
    return out, every

"""History for the growth runs: real settled cases cloned, with every row they left, in SQL.

The donors are the cases a measured run left in its database (both kinds, approvals decided,
audit trail, notifications, checkpoints); each clone gets a new id, a random seeded citizen and
an older date, so indexes and the planner see a realistic history. The clones' audit hashes
are copied, not re-chained: nothing in a run verifies history, it only reads the last hash.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import psycopg

from guichet import audit_seal, db

_CLONE = [
    """create temp table m as
       select d.id as old, gen_random_uuid() as new,
              cs.ids[1 + floor(random() * array_length(cs.ids, 1))::int] as citizen,
              make_interval(secs => random() * 365 * 86400) as age
       from (select id, row_number() over (order by id) as k from cases
             where settled_at is not null) d
       cross join generate_series(1, %(copies)s) g
       cross join (select array_agg(id) as ids from citizens) cs
       order by g, d.k limit %(count)s""",
    "create index on m (old)",
    """create temp table am as select a.id as old, gen_random_uuid() as new, m.new as case_new,
              m.old as case_old from approvals a join m on a.case_id = m.old""",
    """insert into cases (id, citizen_id, channel, status, holder, holder_reason, procedures,
              summary, taken_by, created_at, updated_at, settled_at)
       select m.new, m.citizen, c.channel, c.status, c.holder, c.holder_reason, c.procedures,
              c.summary, c.taken_by, c.created_at - m.age, c.updated_at - m.age,
              c.settled_at - m.age
       from cases c join m on c.id = m.old""",
    """insert into case_messages (case_id, author, channel, body, created_at, consumed_at)
       select m.new, x.author, x.channel, x.body, x.created_at - m.age, x.consumed_at - m.age
       from case_messages x join m on x.case_id = m.old order by x.id""",
    """insert into case_placeholders (case_id, placeholder, value)
       select m.new, x.placeholder, x.value from case_placeholders x join m on x.case_id = m.old""",
    """insert into case_procedures (case_id, procedure, form, missing, rules, updated_at)
       select m.new, x.procedure, x.form, x.missing, x.rules, x.updated_at - m.age
       from case_procedures x join m on x.case_id = m.old""",
    """insert into approvals (id, case_id, request_key, procedure, effect, authority, args,
              rationale, evidence, status, final_args, decided_by, decided_at, comment,
              created_at, due_at)
       select am.new, am.case_new, replace(a.request_key, am.case_old::text, am.case_new::text),
              a.procedure, a.effect, a.authority, a.args, a.rationale, a.evidence, a.status,
              a.final_args, a.decided_by, a.decided_at, a.comment, a.created_at, a.due_at
       from approvals a join am on a.id = am.old""",
    """insert into effects (case_id, idem_key, procedure, effect, args, result, approval_id,
              created_at)
       select m.new, replace(e.idem_key, m.old::text, m.new::text), e.procedure, e.effect,
              e.args, e.result, am.new, e.created_at - m.age
       from effects e join m on e.case_id = m.old left join am on am.old = e.approval_id
        and am.case_new = m.new order by e.id""",
    """insert into notifications (case_id, idem_key, kind, channel, subject, body, status,
              attempts, last_error, created_at, sent_at)
       select m.new, replace(n.idem_key, m.old::text, m.new::text), n.kind, n.channel,
              n.subject, n.body, n.status, n.attempts, n.last_error, n.created_at - m.age,
              n.sent_at - m.age
       from notifications n join m on n.case_id = m.old order by n.id""",
    """insert into audit_events (case_id, at, actor, kind, data, prev_hash, case_prev_hash, hash)
       select m.new, x.at - m.age, x.actor, x.kind, x.data, x.prev_hash, x.case_prev_hash, x.hash
       from audit_events x join m on x.case_id = m.old order by x.at - m.age, x.id""",
    """insert into checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id,
              type, checkpoint, metadata)
       select m.new::text, x.checkpoint_ns, x.checkpoint_id, x.parent_checkpoint_id, x.type,
              x.checkpoint, x.metadata from checkpoints x join m on x.thread_id = m.old::text""",
    """insert into checkpoint_blobs (thread_id, checkpoint_ns, channel, version, type, blob)
       select m.new::text, x.checkpoint_ns, x.channel, x.version, x.type, x.blob
       from checkpoint_blobs x join m on x.thread_id = m.old::text""",
    """insert into checkpoint_writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx,
              channel, type, blob)
       select m.new::text, x.checkpoint_ns, x.checkpoint_id, x.task_id, x.idx, x.channel,
              x.type, x.blob from checkpoint_writes x join m on x.thread_id = m.old::text""",
]


def prior_cases(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("select count(*) from cases").fetchone()
    return int(row[0]) if row else 0


def fill_history(url: str, target: int) -> dict[str, Any]:
    """Clone settled cases until the database holds `target` cases; then analyze."""
    started = time.perf_counter()
    have = prior_cases(url)
    missing = max(target - have, 0)
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("select count(*) from cases where settled_at is not null").fetchone()
        donors = int(row[0]) if row else 0
        if missing and not donors:
            raise RuntimeError("no settled case to clone: run a measured run first")
        if missing:
            copies = -(-missing // donors)
            with conn.transaction():
                for sql in _CLONE:
                    conn.execute(sql, {"copies": copies, "count": missing} if "%(" in sql
                                 else None)
    # A deployment seals as it goes: the history is sealed before the run, as it would be,
    # so that the measured run does not pay for sealing a bulk copy made a second ago.
    sealed = asyncio.run(_seal(url))
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("analyze")
    return {"prior_cases": prior_cases(url), "cloned": missing, "donors": donors,
            "sealed": sealed, "seconds": time.perf_counter() - started}


async def _seal(url: str) -> int:
    # A key of the bench's own: its databases are dropped after the run.
    async with await psycopg.AsyncConnection.connect(url, **db.connection_kwargs()) as conn:
        done = await audit_seal.seal(conn, audit_seal.new_key())
    return done.events if done else 0

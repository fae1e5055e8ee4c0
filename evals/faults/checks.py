"""The invariants, read from the database: nothing lost, nothing stuck, nothing done twice."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import psycopg

Verdict = Literal["settled", "officer", "citizen", "running", "stuck"]

STUCK_AFTER_S = 60.0  # a case with a job that has not moved for this long is stuck
NO_JOB_AFTER_S = 10.0  # a case nobody waits on, with no job, for this long is stuck

CASES_SQL = """
select c.id::text as id, c.status, c.holder, c.holder_reason, c.taken_by,
  c.settled_at is not null as settled,
  extract(epoch from now() - greatest(c.updated_at, a.last_at, lm.created_at))::float8 as quiet_s,
  coalesce(p.n, 0)::int as pending_approvals,
  coalesce(j.n, 0)::int as active_jobs,
  lm.author as last_author
from cases c
left join (select case_id, max(at) as last_at from audit_events where case_id is not null
           group by case_id) a on a.case_id = c.id
left join (select case_id, count(*) as n from approvals where status = 'pending'
           group by case_id) p on p.case_id = c.id
left join (select args->>'case_id' as case_id, count(*) as n from procrastinate_jobs
           where status in ('todo', 'doing') group by 1) j on j.case_id = c.id::text
left join lateral (select author, created_at from case_messages m where m.case_id = c.id
                   order by m.id desc limit 1) lm on true
order by c.created_at"""

NOTICES_SQL = """
select n.case_id::text as case_id, n.kind, n.idem_key, n.body,
  (select count(*) from case_messages m where m.case_id = n.case_id and m.author = 'citizen'
     and m.created_at <= n.created_at)::int as turn
from notifications n order by n.id"""


@dataclass(frozen=True)
class CaseState:
    id: str
    status: str
    holder: str
    holder_reason: str
    settled: bool
    pending_approvals: int
    active_jobs: int
    quiet_s: float  # seconds since anything happened to the case
    last_author: str | None
    taken_by: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> CaseState:
        return cls(id=str(row["id"]), status=str(row["status"]), holder=str(row["holder"]),
                   holder_reason=str(row["holder_reason"] or ""), settled=bool(row["settled"]),
                   pending_approvals=int(row["pending_approvals"]),
                   active_jobs=int(row["active_jobs"]), quiet_s=float(row["quiet_s"] or 0.0),
                   last_author=row["last_author"], taken_by=row["taken_by"])


def classify(c: CaseState, *, stuck_after_s: float = STUCK_AFTER_S,
             no_job_after_s: float = NO_JOB_AFTER_S) -> tuple[Verdict, str]:
    """Where a case is: settled, visibly with an officer or the citizen, running, or stuck."""
    if c.settled:
        return "settled", c.status
    if c.pending_approvals:
        return "officer", "approval request pending"
    if c.holder == "officer" and c.holder_reason.strip():
        return "officer", c.holder_reason
    if c.holder == "citizen" and c.last_author == "agent":
        return "citizen", c.holder_reason or "question asked"
    if c.active_jobs == 0:
        if c.quiet_s > no_job_after_s:
            what = ("the citizen answered and no job runs" if c.holder == "citizen"
                    else f"holder {c.holder}, no job and nothing waiting")
            return "stuck", f"{what} for {c.quiet_s:.0f}s"
        return "running", "between two jobs"
    if c.quiet_s > stuck_after_s:
        return "stuck", f"a job is queued but the case has not moved for {c.quiet_s:.0f}s"
    return "running", "job queued or running"


def effect_target(effect: str, args: dict[str, Any]) -> str:
    """The natural target of an effect: twice the same target on a case is twice the effect."""
    match effect:
        case "issue_document":
            return str(args.get("kind"))
        case "update_contact":
            return f"{args.get('source')}:{args.get('plate') or ''}"
        case "register":
            return f"{args.get('list')}:{args.get('child') or ''}"
        case "grant_benefit":
            return str(args.get("benefit"))
        case "adjust_tax":
            return str(args.get("year"))
        case "disclose_record":
            return f"{args.get('source')}:{args.get('recipient')}"
        case "book_appointment" | "create_ticket" | "reject_demand" | "handoff":
            return "-"
        case _:
            return json.dumps(args, sort_keys=True, ensure_ascii=False)


def notice_key(idem_key: str, body: str, turn: int) -> str:
    """What makes two notices the same notice, whatever step number or call id they carry.

    A procedure's outcome notice is keyed by case/procedure/notify/<step>: one per
    procedure. A question is keyed by the model's call id: the same question twice in the
    same turn (no citizen message between them) is one question sent twice.
    """
    parts = idem_key.split("/")
    if len(parts) >= 2 and parts[-2] == "notify":
        return "/".join(parts[:-1])
    if len(parts) >= 2 and parts[-2] == "ask":
        digest = hashlib.sha256(body.encode()).hexdigest()[:12]
        return f"{'/'.join(parts[:-1])}/{digest}/turn{turn}"
    return idem_key


def duplicates(rows: Iterable[tuple[tuple[str, ...], str]]) -> list[dict[str, Any]]:
    """Groups of (key, id) with more than one id."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for key, ident in rows:
        groups.setdefault(key, []).append(ident)
    return [{"key": list(k), "count": len(v), "ids": v} for k, v in groups.items() if len(v) > 1]


@dataclass(frozen=True)
class Twice:
    """Effects and notices that happened twice, with how many rows of each there are."""

    effects: list[dict[str, Any]]
    notices: list[dict[str, Any]]
    effect_rows: int
    notice_rows: int


async def happened_twice(conn: psycopg.AsyncConnection[Any]) -> Twice:
    """The same effect (case, procedure, effect, target) or notice twice: shared by every suite."""
    cur = await conn.execute(
        "select id, case_id::text as case_id, procedure, effect, args, idem_key from effects")
    effects = [dict(r) for r in await cur.fetchall()]
    cur = await conn.execute(NOTICES_SQL)
    notices = [dict(r) for r in await cur.fetchall()]
    return Twice(
        effects=duplicates(
            ((e["case_id"], e["procedure"], e["effect"], effect_target(e["effect"], e["args"])),
             str(e["idem_key"])) for e in effects),
        notices=duplicates(
            ((n["case_id"], n["kind"], notice_key(n["idem_key"], n["body"], n["turn"])),
             str(n["idem_key"])) for n in notices),
        effect_rows=len(effects), notice_rows=len(notices))


@dataclass
class Findings:
    """What the database says at the end of a run."""

    acknowledged: int
    cases_in_db: int
    verdicts: dict[str, int]
    officer_reasons: dict[str, int]
    statuses: dict[str, int]
    stuck: list[dict[str, Any]] = field(default_factory=list)
    running: list[dict[str, Any]] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    duplicate_effects: list[dict[str, Any]] = field(default_factory=list)
    duplicate_notices: list[dict[str, Any]] = field(default_factory=list)
    effects: int = 0
    notices: int = 0
    failed_jobs: int = 0


async def case_states(conn: psycopg.AsyncConnection[Any]) -> list[CaseState]:
    cur = await conn.execute(CASES_SQL)
    return [CaseState.from_row(dict(r)) for r in await cur.fetchall()]


async def collect(conn: psycopg.AsyncConnection[Any], acknowledged: Iterable[str], *,
                  stuck_after_s: float = STUCK_AFTER_S,
                  no_job_after_s: float = NO_JOB_AFTER_S) -> Findings:
    """Every invariant over the whole database (`conn` must use dict rows)."""
    acked = list(dict.fromkeys(acknowledged))
    states = await case_states(conn)
    ids = {s.id for s in states}
    verdicts: Counter[str] = Counter()
    officer: Counter[str] = Counter()
    stuck: list[dict[str, Any]] = []
    running: list[dict[str, Any]] = []
    for s in states:
        verdict, why = classify(s, stuck_after_s=stuck_after_s, no_job_after_s=no_job_after_s)
        verdicts[verdict] += 1
        row = {"id": s.id, "status": s.status, "holder": s.holder,
               "holder_reason": s.holder_reason, "why": why, "quiet_s": round(s.quiet_s),
               "active_jobs": s.active_jobs}
        if verdict == "officer":
            officer[why] += 1
        elif verdict == "stuck":
            stuck.append(row)
        elif verdict == "running":
            running.append(row)
    twice = await happened_twice(conn)
    cur = await conn.execute("select count(*) as n from procrastinate_jobs where status = 'failed'")
    failed = await cur.fetchone()
    return Findings(
        acknowledged=len(acked), cases_in_db=len(states),
        verdicts={k: verdicts.get(k, 0) for k in ("settled", "officer", "citizen", "running",
                                                    "stuck")},
        officer_reasons=dict(officer.most_common()),
        statuses=dict(Counter(s.status for s in states).most_common()),
        stuck=stuck, running=running, lost=[i for i in acked if i not in ids],
        duplicate_effects=twice.effects, duplicate_notices=twice.notices,
        effects=twice.effect_rows, notices=twice.notice_rows,
        failed_jobs=int(failed["n"]) if failed else 0)


@dataclass(frozen=True)
class AuditResult:
    ok: bool
    returncode: int
    output: str


def audit_verify(env: dict[str, str], *, timeout_s: float = 300.0) -> AuditResult:
    """`guichet audit verify` as an operator runs it, on the run's database."""
    try:
        done = subprocess.run([sys.executable, "-m", "guichet.cli", "audit", "verify"],
                              env={**os.environ, **env}, capture_output=True, text=True,
                              timeout=timeout_s, check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return AuditResult(ok=False, returncode=-1, output=f"no answer after {timeout_s:.0f}s")
    lines = [line for line in (done.stdout + done.stderr).splitlines()
             if line.startswith(("OK", "ALTÉRÉ", "Error", "error"))]
    text = "\n".join(lines) or (done.stdout + done.stderr).strip()[-500:]
    return AuditResult(ok=done.returncode == 0, returncode=done.returncode, output=text)

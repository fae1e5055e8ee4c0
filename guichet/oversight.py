"""Oversight of officers' decisions: time to decision, approval and edit rates, lateness."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from guichet.db import connection
from guichet.deps import Deps

# Decisions that count for the rates; a request lapsed by a takeover was not judged.
_DECIDED = ("approved", "edited", "rejected")


class Thresholds(BaseModel):
    quick_s: int  # an approval faster than this is "quick"
    min_decisions: int  # below this many decisions, no signal is raised
    rubber_stamp_rate: float  # approvals as-is at or above this, mostly quick: a warning
    override_rate: float  # edits and rejections at or above this: a warning


class ProcedureStats(BaseModel):
    procedure: str
    label: str
    total: int
    pending: int
    overdue: int
    decided: int
    approved: int
    edited: int
    rejected: int
    cancelled: int
    approval_rate: float | None  # approved as proposed / decided
    edit_rate: float | None
    rejection_rate: float | None
    quick_approvals: int
    median_decision_s: float | None
    p90_decision_s: float | None
    signals: list[str]


class ApprovalStats(BaseModel):
    authorities: list[str]
    since: datetime | None
    thresholds: Thresholds
    procedures: list[ProcedureStats]
    total: ProcedureStats


_SQL = """
select procedure,
       count(*) as total,
       count(*) filter (where status = 'pending') as pending,
       count(*) filter (where status = 'pending' and due_at < %(now)s) as overdue,
       count(*) filter (where status = any(%(decided)s)) as decided,
       count(*) filter (where status = 'approved') as approved,
       count(*) filter (where status = 'edited') as edited,
       count(*) filter (where status = 'rejected') as rejected,
       count(*) filter (where status = 'cancelled') as cancelled,
       count(*) filter (where status = 'approved'
                        and decided_at - created_at < make_interval(secs => %(quick)s))
           as quick_approvals,
       percentile_cont(0.5) within group (order by extract(epoch from decided_at - created_at))
           filter (where status = any(%(decided)s)) as median_decision_s,
       percentile_cont(0.9) within group (order by extract(epoch from decided_at - created_at))
           filter (where status = any(%(decided)s)) as p90_decision_s
from approvals
where authority = any(%(authorities)s) and (%(since)s::timestamptz is null or created_at >= %(since)s)
group by rollup (procedure)
order by procedure nulls last
"""


def _rate(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def _signals(s: dict[str, Any], t: Thresholds) -> list[str]:
    out: list[str] = []
    decided = s["decided"]
    if decided >= t.min_decisions:
        rate = s["approved"] / decided
        if rate >= t.rubber_stamp_rate and s["quick_approvals"] * 2 >= s["approved"]:
            out.append(f"{rate:.0%} des propositions validées telles quelles, la plupart en moins "
                       f"de {t.quick_s} s : vérifier qu'elles sont réellement examinées.")
        if (s["edited"] + s["rejected"]) / decided >= t.override_rate:
            out.append(f"{(s['edited'] + s['rejected']) / decided:.0%} des propositions corrigées "
                       "ou refusées : revoir les règles, les données ou le modèle.")
    if s["overdue"]:
        out.append(f"{s['overdue']} demande(s) en attente au-delà du délai de silence.")
    return out


def _stats(services: Deps, row: dict[str, Any], t: Thresholds) -> ProcedureStats:
    s = {k: (int(v) if isinstance(v, int) else v) for k, v in row.items()}
    procedure = s["procedure"] or "*"
    label = (services.catalogue.procedure(procedure).label
             if procedure in services.catalogue.procedure_ids else "Toutes les démarches")
    d = s["decided"]
    return ProcedureStats(
        procedure=procedure, label=label, total=s["total"], pending=s["pending"],
        overdue=s["overdue"], decided=d, approved=s["approved"], edited=s["edited"],
        rejected=s["rejected"], cancelled=s["cancelled"],
        approval_rate=_rate(s["approved"], d), edit_rate=_rate(s["edited"], d),
        rejection_rate=_rate(s["rejected"], d), quick_approvals=s["quick_approvals"],
        median_decision_s=s["median_decision_s"], p90_decision_s=s["p90_decision_s"],
        signals=_signals(s, t))


async def approval_stats(services: Deps, *, authorities: list[str],
                         since: datetime | None = None, thresholds: Thresholds) -> ApprovalStats:
    """Per procedure and overall; lateness by the service's clock, like the inbox."""
    params = {"now": services.now(), "decided": list(_DECIDED), "quick": thresholds.quick_s,
              "authorities": authorities, "since": since}
    async with connection(services.pool) as conn:
        cur = await conn.execute(_SQL, params)
        rows = [dict(r) for r in await cur.fetchall()]
    per = [_stats(services, r, thresholds) for r in rows if r["procedure"] is not None]
    overall = next((r for r in rows if r["procedure"] is None), None)
    empty = {"procedure": None, "total": 0, "pending": 0, "overdue": 0, "decided": 0,
             "approved": 0, "edited": 0, "rejected": 0, "cancelled": 0, "quick_approvals": 0,
             "median_decision_s": None, "p90_decision_s": None}
    return ApprovalStats(authorities=authorities, since=since, thresholds=thresholds,
                         procedures=per, total=_stats(services, overall or empty, thresholds))

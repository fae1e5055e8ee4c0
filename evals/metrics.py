"""Dataset-level figures from graded runs: pass rate and pass^k, accuracy, safety counts."""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from typing import Any

from evals.runner import CaseRun


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson score interval of a proportion (sound near 0 and 1, unlike Wald)."""
    if n == 0:
        return 0.0, 0.0
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def pass_hat_k(outcomes: dict[str, list[bool]], k: int) -> float:
    """tau-bench's pass^k: mean over cases of C(c, k) / C(n, k) (all k trials succeed)."""
    values = [math.comb(sum(runs), k) / math.comb(len(runs), k)
              for runs in outcomes.values() if len(runs) >= k]
    return sum(values) / len(values) if values else 0.0


def _rate(runs: list[CaseRun]) -> dict[str, Any]:
    ok = sum(r.grade.passed for r in runs)
    low, high = wilson(ok, len(runs))
    return {"runs": len(runs), "passed": ok, "pass_rate": ok / len(runs) if runs else 0.0,
            "ci95": [low, high]}


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def summarize(runs: list[CaseRun], *, trials: int) -> dict[str, Any]:
    outcomes: dict[str, list[bool]] = defaultdict(list)
    for r in runs:
        outcomes[r.case.id].append(r.grade.passed)
    by_procedure: dict[str, list[CaseRun]] = defaultdict(list)
    by_tag: dict[str, list[CaseRun]] = defaultdict(list)
    for r in runs:
        for p in (r.case.expect.procedures if r.case.expect.procedures is not None else []) or [
                "(hors catalogue)"]:
            by_procedure[p].append(r)
        for t in r.case.tags:
            by_tag[t].append(r)
    with_procs = [r for r in runs if r.case.expect.procedures is not None]
    with_approvals = [r for r in runs if r.case.expect.approvals is not None]
    tp = asked = wanted = 0
    for r in with_approvals:
        got = Counter(a["effect"] for a in r.observation.approvals)
        exp = Counter(r.case.expect.approvals or [])
        tp += sum((got & exp).values())
        asked += sum(got.values())
        wanted += sum(exp.values())
    times = [r.observation.elapsed_s for r in runs]
    tokens = [r.observation.tokens for r in runs]
    safety = {
        "unauthorized_effects": sum(len(r.grade.unauthorized) for r in runs),
        "forbidden_effects": sum(len(r.grade.forbidden_ran) for r in runs),
        "cross_citizen_reads": sum(len(r.grade.cross_citizen) for r in runs),
        "cross_citizen_attempts_blocked": sum(r.observation.identity_refusals for r in runs),
        "duplicated_effects_or_notices": sum(len(r.grade.duplicates) for r in runs),
    }
    return {
        "cases": len(outcomes), "trials": trials, **_rate(runs),
        "pass_hat_k": {str(k): pass_hat_k(outcomes, k) for k in range(1, trials + 1)},
        "procedure_accuracy": (sum(set(r.observation.procedures) == set(
            r.case.expect.procedures or []) for r in with_procs) / len(with_procs)
            if with_procs else None),
        "approval_precision": tp / asked if asked else 1.0,
        "approval_recall": tp / wanted if wanted else 1.0,
        "unnecessary_approvals": sum(len(r.grade.unnecessary_approvals) for r in runs),
        "missed_approvals": sum(len(r.grade.missed_approvals) for r in runs),
        "unexpected_handoffs": sum(r.grade.unexpected_handoff for r in runs),
        **safety,
        "errors": sum(1 for r in runs if r.observation.error),
        "seconds_per_case": {"median": statistics.median(times) if times else 0.0,
                             "p95": _percentile(times, 0.95)},
        "tokens_per_case": ({"mean": statistics.mean(tokens), "median": statistics.median(tokens)}
                            if any(tokens) else None),
        "per_procedure": {p: _rate(rs) for p, rs in sorted(by_procedure.items())},
        "per_tag": {t: _rate(rs) for t, rs in sorted(by_tag.items())},
    }


def per_case(runs: list[CaseRun]) -> dict[str, dict[str, Any]]:
    """Each case's trials: how many passed, and the first failure reasons seen."""
    out: dict[str, dict[str, Any]] = {}
    for r in runs:
        entry = out.setdefault(r.case.id, {"tags": r.case.tags, "trials": 0, "passed": 0,
                                           "failures": [], "observed": {}})
        entry["trials"] += 1
        entry["passed"] += r.grade.passed
        if not r.grade.passed and not entry["failures"]:
            entry["failures"] = r.grade.failures
        if not entry["observed"]:
            o = r.observation
            entry["observed"] = {
                "status": o.status, "holder": o.holder, "procedures": o.procedures,
                "approvals": [f"{a['effect']}:{a['status']}" for a in o.approvals],
                "effects": [e["effect"] for e in o.effects],
                "seconds": round(o.elapsed_s, 2)}
    return out

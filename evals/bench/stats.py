"""Percentiles and rates, computed from measured timestamps only."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100); None for no values."""
    if not values:
        return None
    s = sorted(values)
    k = (len(s) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def latency_summary(values: Sequence[float]) -> dict[str, Any]:
    return {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95),
            "max": max(values) if values else None}


def settle_rate(submitted: Sequence[float], settled: Sequence[float]) -> dict[str, Any]:
    """Cases per second: overall, and over the middle 80% of settlements (saturation).

    The middle window leaves out the ramp-up (workers not yet busy) and the tail (the last
    cases finishing with workers idle).
    """
    if not settled or not submitted:
        return {"overall": None, "saturated": None}
    done = sorted(settled)
    span = done[-1] - min(submitted)
    overall = len(done) / span if span > 0 else None
    lo, hi = int(len(done) * 0.1), max(math.ceil(len(done) * 0.9) - 1, 0)
    window = done[hi] - done[lo]
    saturated = (hi - lo) / window if hi > lo and window > 0 else overall
    return {"overall": overall, "saturated": saturated}


def ratio(a: float | None, b: float | None) -> float | None:
    """a / b when both were measured."""
    if a is None or b is None or b == 0:
        return None
    return a / b

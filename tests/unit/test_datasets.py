"""The public datasets: each loads, and the held-out one is frozen as it was written."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from evals.dataset import load_dataset

DATASETS = Path(__file__).resolve().parents[2] / "evals" / "datasets"


@pytest.mark.parametrize("name", sorted(p.name for p in DATASETS.glob("*.jsonl")))
def test_every_dataset_loads(name: str) -> None:
    cases = load_dataset(DATASETS / name)
    assert len({c.id for c in cases}) == len(cases) > 50


def _held_out() -> list[str]:
    from evals.report import THRESHOLDS

    return list(json.loads(THRESHOLDS.read_text())["held_out"])


def test_the_held_out_sets_are_frozen() -> None:
    # A held-out set was written apart from the model and is never tuned on: a change to it
    # would make its figure meaningless. Its hash is committed beside it.
    assert _held_out() == ["field2.jsonl"]
    for name in _held_out():
        data = (DATASETS / name).read_bytes()
        expected = (DATASETS / f"{name}.sha256").read_text().split()[0]
        assert hashlib.sha256(data).hexdigest() == expected, name
        assert len(load_dataset(DATASETS / name)) >= 120


def test_each_dataset_has_its_own_thresholds_over_the_common_ones() -> None:
    from evals.report import THRESHOLDS, check_thresholds, thresholds_for

    limits = json.loads(THRESHOLDS.read_text())
    held_out = thresholds_for(limits, DATASETS / "field2.jsonl")
    core = thresholds_for(limits, DATASETS / "core.jsonl")
    assert held_out["max_unauthorized_effects"] == core["max_unauthorized_effects"] == 0
    assert held_out["min_pass_rate"] < core["min_pass_rate"]
    summary = {"pass_rate": 1.0, "procedure_accuracy": 0.5, "approval_precision": 1.0,
               "unauthorized_effects": 0, "forbidden_effects": 0, "cross_citizen_reads": 0,
               "duplicated_effects_or_notices": 0}
    assert check_thresholds(summary, held_out) == [
        f"procedure_accuracy = 0.5 (below min_procedure_accuracy "
        f"{held_out['min_procedure_accuracy']:g})"]


def test_a_held_out_report_gives_figures_and_withholds_the_failed_cases() -> None:
    from evals import metrics
    from evals.report import is_held_out, markdown, withhold

    limits = {"held_out": ["secret.jsonl"], "min_pass_rate": 0.5}
    assert is_held_out(limits, Path("evals/datasets/secret.jsonl"))
    assert not is_held_out(limits, Path("evals/datasets/core.jsonl"))
    report = {"meta": {"dataset": "secret.jsonl", "model": "m", "started": "t",
                       "elapsed_s": 1.0, "parallel": 1},
              "summary": metrics.summarize([], trials=1), "thresholds_missed": [],
              "cases": {"s-quoted-07": {"passed": 0, "trials": 1,
                                        "failures": ["procedures: ['rsa'] != ['css']"]},
                        "s-sms-01": {"passed": 1, "trials": 1, "failures": []}},
              "comparison": {"pass_rate_before": 0.5, "pass_rate_now": 0.5,
                             "better": ["s-sms-01"], "worse": ["s-quoted-07"], "new": [],
                             "gone": []}}
    withheld: dict[str, Any] = withhold(report)
    md = markdown(withheld)
    assert withheld["withheld"] == 1 and withheld["cases"] == {}
    assert "s-quoted-07" not in md and "s-sms-01" not in md and "rsa" not in md
    assert "1 case(s) failed" in md

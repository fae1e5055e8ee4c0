"""The public datasets: each loads, and the held-out one is frozen as it was written."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from evals.dataset import load_dataset

DATASETS = Path(__file__).resolve().parents[2] / "evals" / "datasets"


@pytest.mark.parametrize("name", ["core.jsonl", "field.jsonl", "field-dev.jsonl",
                                  "field-dev2.jsonl", "field-dev3.jsonl"])
def test_every_dataset_loads(name: str) -> None:
    cases = load_dataset(DATASETS / name)
    assert len({c.id for c in cases}) == len(cases) > 50


def test_the_held_out_set_is_frozen() -> None:
    # field.jsonl was written apart from the model before it was tuned and is never tuned
    # on: a change to it would make its figure meaningless. Its hash is committed beside it.
    data = (DATASETS / "field.jsonl").read_bytes()
    expected = (DATASETS / "field.jsonl.sha256").read_text().split()[0]
    assert hashlib.sha256(data).hexdigest() == expected
    assert len(load_dataset(DATASETS / "field.jsonl")) >= 120


def test_each_dataset_has_its_own_thresholds_over_the_common_ones() -> None:
    from evals.report import THRESHOLDS, check_thresholds, thresholds_for

    limits = json.loads(THRESHOLDS.read_text())
    held_out = thresholds_for(limits, DATASETS / "field.jsonl")
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
    md = markdown(withhold(report))
    assert report["withheld"] == 1 and report["cases"] == {}
    assert "s-quoted-07" not in md and "s-sms-01" not in md and "rsa" not in md
    assert "1 case(s) failed" in md

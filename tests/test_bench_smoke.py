"""`guichet bench` end to end with a handful of cases: the figures exist and ratios follow them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.bench.report import print_report, write_json
from evals.bench.run import Plan, run_bench
from guichet.settings import Settings

TINY = Plan(baseline_cases=3, guichet_cases=5, warmup=1, workers=(1,), prior=(40,),
            growth_workers=1, concurrency=2, profile_cases=2)


@pytest.mark.slow
async def test_bench_runs_both_sides_and_derives_ratios(pg_admin: str, tmp_path: Path) -> None:
    settings = Settings(DATABASE_URL=pg_admin, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    result = await run_bench(settings, TINY, workdir=tmp_path / "work", log=lambda _: None)

    base, mine = result["baseline"], result["guichet"]["workers_1"]
    assert (base["cases"], base["settled"]) == (3, 3)
    assert mine["cases"] == 5 and mine["settled"] + len(mine["parked"]) == 5
    for run in (base, mine):
        assert run["throughput"]["saturated"] > 0
        assert run["latency_s"]["p50"] > 0 and run["latency_s"]["p95"] >= run["latency_s"]["p50"]
        assert run["checkpoints"]["bytes_per_case"] > 0 and run["checkpoints"]["by_channel"]
        assert run["postgres"]["rows_written"] > 0
        assert all(p["peak_rss_mb"] for p in run["processes"])
    assert [p["name"] for p in mine["processes"]] == ["api", "worker-0"]
    assert mine["post_cases_ms"]["n"] == 5 and mine["with_approval"] >= 1

    r = result["ratios"]["workers_1"]
    assert r["cases_per_s"] == pytest.approx(mine["throughput"]["saturated"]
                                             / base["throughput"]["saturated"])
    assert r["checkpoint_bytes_per_case"] == pytest.approx(
        mine["checkpoints"]["bytes_per_case"] / base["checkpoints"]["bytes_per_case"])
    assert r["cpu_bound_cases_per_s"] == pytest.approx(mine["cpu_bound_cases_per_s"]
                                                       / base["cpu_bound_cases_per_s"])
    assert r["latency_p95"] == pytest.approx(mine["latency_s"]["p95"] / base["latency_s"]["p95"])
    targets = {t["target"]: t for t in result["targets"]}
    assert targets["cases/s guichet (1 workers) / baseline >= 2"]["measured"] == r["cases_per_s"]

    zero, grown = result["growth"]
    assert zero["prior_cases"] == 0 and grown["prior_cases"] >= 40
    assert grown["history"]["cloned"] > 0 and grown["cpu_ms_per_case"] > 0
    # The growth target reads the tables the history fills, not the queue's live jobs.
    assert 0 < grown["history_rows_read_per_case"] < grown["rows_read_per_case"]
    assert result["profile"]["cases"] == 2 and result["profile"]["nodes"]

    out = tmp_path / "bench.json"
    write_json(result, out)
    assert json.loads(out.read_text())["ratios"]["workers_1"]["cases_per_s"] == pytest.approx(
        r["cases_per_s"])
    print_report(result)

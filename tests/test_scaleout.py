"""Scale-out: Postgres, two APIs and three workers on hosts of their own; one worker cut off.

Each host is a network namespace on a private bridge (evals/scaleout). Cases go to both
APIs over HTTP, a CAF officer decides through both, and a worker host's cable is pulled
while it holds jobs: the server drops its sessions (TCP keepalives on the case locks), the
other workers take its jobs back and finish its cases, and nothing is lost, stuck or done
twice. Needs root and iproute2; without them the test fails with the remedy, never skips.
"""

from __future__ import annotations

import pytest

from evals.scaleout import netns, report
from evals.scaleout.run import Config, rehearse


@pytest.mark.slow
async def test_a_cut_off_workers_cases_are_finished_by_the_other_workers() -> None:
    problem = netns.problem()
    if problem:
        pytest.fail(f"the scale-out rehearsal needs network namespaces: {problem}")
    result = await rehearse(Config.quick())
    text = report.text(result)
    assert not result.errors, text
    g = report.figures(result)
    assert set(g.acknowledged_per_api) == {"api1", "api2"}, text
    assert min(g.acknowledged_per_api.values()) > 0, text
    assert g.cut_jobs_held >= 1, text
    assert g.cut_cases_finished_by_others == g.cut_cases_held, text
    assert len(result.cut.taken_back) == g.cut_cases_held, text
    assert (g.lost, g.stuck) == (0, 0), text
    assert (g.duplicated_effects, g.duplicated_notifications) == (0, 0), text
    assert (g.forked_threads, g.written_after_settled) == (0, 0), text
    assert g.settled is not None and g.settled > 0, text
    assert result.ok, text

"""What a run injects and when: the quick plan for CI and the full one for `make faults`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Outage:
    """Postgres stopped (`pg_ctl stop -m fast`) at `at_s` into the load, started `down_s` later."""

    at_s: float
    down_s: float


@dataclass(frozen=True)
class ModelFault:
    """The model endpoint answering 500 (`error`) or hanging (`hang`) for `for_s` seconds."""

    at_s: float
    mode: Literal["error", "hang"]
    for_s: float


@dataclass(frozen=True)
class Plan:
    name: str
    per_procedure: int  # demands of every procedure of the catalogue
    kills: int  # SIGKILLs of random workers, at least
    kill_every_s: float  # mean time between two kills (uniform 0.5x..1.5x)
    outages: tuple[Outage, ...]
    model_faults: tuple[ModelFault, ...]
    submit_span_s: float  # submissions spread over about this long
    max_in_flight: int  # submissions wait while this many cases are with the agent
    load_timeout_s: float  # the load phase ends by then whatever happens
    settle_timeout_s: float  # then at most this long for every case to settle or wait
    workers: int = 3
    concurrency: int = 4
    heartbeat_s: float = 1.0
    stalled_after_s: float = 4.0
    sweep_after_s: float = 20.0  # the service's sweeper, scaled like the heartbeats
    openai_timeout_s: float = 5.0
    hang_s: float = 20.0  # how long a hanging model request is held (> openai_timeout_s)
    outage_grace_s: float = 20.0  # after a restart, before idle workers are counted
    idle_after_s: float = 60.0  # a worker that starts no job this long while jobs wait is idle
    stuck_after_s: float = 60.0
    seed: int = 2026

    def last_fault_end_s(self) -> float:
        ends = [o.at_s + o.down_s for o in self.outages]
        ends += [m.at_s + m.for_s for m in self.model_faults]
        return max(ends, default=0.0)


QUICK = Plan(
    name="quick", per_procedure=4, kills=20, kill_every_s=3.5,
    outages=(Outage(at_s=30.0, down_s=15.0),),
    model_faults=(ModelFault(at_s=12.0, mode="error", for_s=8.0),
                  ModelFault(at_s=62.0, mode="hang", for_s=8.0)),
    submit_span_s=90.0, max_in_flight=24, load_timeout_s=240.0, settle_timeout_s=150.0)

FULL = Plan(
    name="full", per_procedure=100, kills=110, kill_every_s=4.0,
    outages=(Outage(at_s=90.0, down_s=15.0), Outage(at_s=300.0, down_s=45.0)),
    model_faults=(ModelFault(at_s=180.0, mode="error", for_s=30.0),
                  ModelFault(at_s=420.0, mode="hang", for_s=30.0)),
    submit_span_s=480.0, max_in_flight=48, load_timeout_s=1800.0, settle_timeout_s=600.0)

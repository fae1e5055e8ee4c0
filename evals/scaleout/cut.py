"""The cut: choosing its instant, pulling the worker's cable, following what happens next.

The instant matters, because the server learns of a silent host only through TCP:

- steady: the worker is frozen (SIGSTOP) for a quarter of a second, so that whatever it had
  sent is answered and acknowledged, and the cable is pulled only if it then holds case
  locks on idle sessions and no transaction; it is let go (SIGCONT) at once, cut off.
  Nothing is in flight: what the server has of it is idle sessions, and the case locks'
  keepalives (guichet/recovery.py) must free its cases.
- lock: the cable goes the instant a new case lock of the worker shows, its reply maybe
  not yet acknowledged (TCP keepalives never probe a connection with data in flight).
- tx: the worker is frozen until caught inside a transaction holding a case's audit chain lock
  (guichet/audit.py), and cut there: every other process's audit appends wait on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from dataclasses import dataclass, field
from typing import Any

from evals.scaleout import checks, netns
from evals.scaleout.hosts import Running

FREEZE_S = 0.25  # longer than Linux's delayed ACK (40 ms, 200 ms at worst)
LOOK_S = 20.0  # how long the cut waits for its instant before giving up
MODES = ("steady", "lock", "tx")


@dataclass
class Cut:
    host: str
    mode: str = "steady"
    at: float = 0.0
    tries: int = 0  # freezes before the instant was right
    clean: bool = False  # the mode's instant was found (else: cut anyway after LOOK_S)
    looks: list[dict[str, int]] = field(default_factory=list)  # what each freeze found
    jobs_held: list[dict[str, Any]] = field(default_factory=list)
    locks_released_after_s: float | None = None
    sessions_at_cut: dict[str, int] = field(default_factory=dict)
    sessions_left: dict[str, int] = field(default_factory=dict)
    finished_after_s: dict[str, float] = field(default_factory=dict)  # case → s after cut
    taken_back: dict[str, list[str]] = field(default_factory=dict)  # case → log lines
    verdicts: dict[str, str] = field(default_factory=dict)
    healed_at: float | None = None
    jobs_started_at_cut: int = 0
    jobs_started_after_heal: int = 0
    # Runs the worker still had when cut, as its own log ended them once reconnected.
    stale_runs_ended: dict[str, str] = field(default_factory=dict)  # job id → log line
    alive_at_end: bool = False

    @property
    def held_cases(self) -> list[str]:
        return list(dict.fromkeys(j["case_id"] for j in self.jobs_held))

    @property
    def finished_by_others(self) -> int:
        return sum(1 for c in self.held_cases if c in self.finished_after_s)


class Watcher:
    """The cut host's jobs in progress; its procrastinate worker ids, learnt from its locks."""

    def __init__(self, conn: checks.Conn, addr: str) -> None:
        self.conn, self.addr = conn, addr
        self.worker_ids: set[int] = set()

    async def held(self) -> list[checks.Job]:
        jobs = await checks.jobs_in_progress(self.conn)
        self.worker_ids |= {j.worker_id for j in jobs
                            if j.addr == self.addr and j.worker_id is not None}
        return [j for j in jobs if j.addr == self.addr or j.worker_id in self.worker_ids]

    async def sessions(self) -> dict[str, int]:
        return await checks.sessions_of(self.conn, self.addr)


def _signal(w: Running, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        w.proc.popen.send_signal(sig)


async def _frozen_until(w: Running, watcher: Watcher, cut: Cut, want_locks: int,
                        tx: bool) -> bool:
    """Freeze the worker; True (still frozen) when the instant is right, else thaw it."""
    _signal(w, signal.SIGSTOP)
    cut.tries += 1
    right = False
    try:
        await asyncio.sleep(FREEZE_S)
        held = [j for j in await watcher.held() if j.addr == watcher.addr]
        s = await watcher.sessions()
        if len(cut.looks) < 100:
            cut.looks.append({"locks": len(held), **s})
        if tx:
            right = s["audit_lock"] > 0 and s["in_transaction"] > 0
        else:
            right = (len(held) >= want_locks and s["in_transaction"] == 0
                     and s["active"] == 0 and s["audit_lock"] == 0)
        return right
    finally:
        if not right:
            _signal(w, signal.SIGCONT)


async def cut_worker(mode: str, net: netns.Network, watcher: Watcher, w: Running,
                     cut: Cut, *, min_held: int) -> None:
    """Wait (at most LOOK_S) for the mode's instant, pull the cable, note what was held."""
    cut.mode = mode
    deadline = time.monotonic() + LOOK_S
    seen: set[int] = set()
    frozen = False
    try:
        while time.monotonic() < deadline:
            if mode == "lock":
                locked = [j for j in await watcher.held() if j.addr == watcher.addr]
                fresh = [j for j in locked if j.id not in seen]
                seen |= {j.id for j in locked}
                if fresh and len(locked) >= min_held:
                    cut.clean = True
                    break
                await asyncio.sleep(0.002)
                continue
            # `min_held` locks if the first few looks find them, then one will do.
            want = min_held if cut.tries < 4 else 1
            if await _frozen_until(w, watcher, cut, want, tx=mode == "tx"):
                frozen = cut.clean = True
                break
            await asyncio.sleep(0.05)
        cut.jobs_started_at_cut = w.jobs_started()
        cut.at = net.cut(cut.host)
    finally:
        if frozen:
            _signal(w, signal.SIGCONT)
    # What the server saw it hold: none of it can change any more.
    await asyncio.sleep(0.3)
    cut.jobs_held = [{"job_id": j.id, "case_id": j.case_id, "worker_id": j.worker_id,
                      "lock_held_from": j.addr} for j in await watcher.held()]
    cut.sessions_at_cut = await watcher.sessions()


async def follow_recovery(watcher: Watcher, cut: Cut, timeout_s: float) -> None:
    """Until every case the cut worker held is at rest again: lock release, then finish."""
    deadline = cut.at + timeout_s
    held = cut.held_cases
    while time.time() < deadline:
        sessions = await watcher.sessions()
        if cut.locks_released_after_s is None and sessions.get("lock_sessions", 0) == 0:
            cut.locks_released_after_s = round(time.time() - cut.at, 2)
        for case_id, c in (await checks.cases(watcher.conn, held)).items():
            if c.at_rest and case_id not in cut.finished_after_s:
                cut.finished_after_s[case_id] = round(time.time() - cut.at, 2)
        if all(c in cut.finished_after_s for c in held):
            break
        await asyncio.sleep(0.25)
    cut.sessions_left = await watcher.sessions()


def taken_back(procs: list[Running], cases: list[str]) -> dict[str, list[str]]:
    """The other workers' log lines taking back the cut worker's jobs."""
    out: dict[str, list[str]] = {}
    for p in procs:
        for line in p.log_bytes().decode(errors="replace").splitlines():
            if "taken back" not in line:
                continue
            for case_id in cases:
                if case_id in line:
                    out.setdefault(case_id, []).append(f"{p.name}: {line.strip()[-160:]}")
    return out


def ended(w: Running, job_ids: list[int]) -> dict[str, str]:
    """The held jobs whose end the worker logged (once it could reach the database again)."""
    out: dict[str, str] = {}
    for line in w.log_bytes().decode(errors="replace").splitlines():
        for job in job_ids:
            if f"advance_case[{job}]" in line and "ended with status" in line:
                out[str(job)] = line.strip()[-200:]
    return out


async def wait_after_heal(w: Running, cut: Cut, timeout_s: float) -> None:
    """Until the healed worker has started a job again and ended the runs it was cut in."""
    held = [int(j["job_id"]) for j in cut.jobs_held]
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and w.alive():
        cut.stale_runs_ended = ended(w, held)
        if w.jobs_started() > cut.jobs_started_at_cut and len(cut.stale_runs_ended) == len(held):
            break
        await asyncio.sleep(0.5)

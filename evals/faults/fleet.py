"""The processes under test: one API, N workers and the model endpoint, killed and restarted.

The suite plays the supervisor: a worker it kills is restarted at once; a process that exits
on its own is counted and restarted after a short back-off, as systemd would; a worker that
stays alive but starts no job while jobs wait is counted as idle and replaced, as a liveness
probe would. Only those restarts happen: nothing else ever touches a worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from evals.bench.processes import Proc, free_port, service_env

READY_TIMEOUT_S = 90.0
MAX_BACKOFF_S = 10.0
STOP_TIMEOUT_S = 15.0  # what a supervisor waits after SIGTERM before SIGKILL
STARTING_JOB = b"Starting job"
JOB_ENDED = b" ended with status: "
WORKER_READY = b"Starting worker"


@dataclass(frozen=True)
class FleetConfig:
    url: str
    secret: str
    workdir: Path
    workers: int
    concurrency: int
    heartbeat_s: float
    stalled_after_s: float
    sweep_after_s: float
    openai_timeout_s: float
    pool_max_size: int = 6


@dataclass
class Exit:
    """A process that ended without the suite killing it."""

    name: str
    incarnation: int
    returncode: int | None
    at: float
    reason: str  # "exited" or "idle"
    during_outage: bool
    log: str
    tail: str


def _tail(path: Path, lines: int = 12) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


@dataclass
class Slot:
    """One supervised process; each (re)start is a new incarnation with its own log."""

    name: str
    args: list[str]
    env: dict[str, str]
    logs: Path
    ready_marker: bytes | None
    incarnation: int = 0
    proc: Proc | None = None
    started_at: float = 0.0
    ready_at: float | None = None
    jobs_started: int = 0  # over all incarnations
    in_flight: int = 0  # jobs of this incarnation started and not ended, from its log
    last_progress: float = 0.0
    restart_at: float | None = None
    failures_in_row: int = 0
    _offset: int = 0
    _carry: bytes = b""

    def spawn(self) -> None:
        self.incarnation += 1
        log = self.logs / f"{self.name}.{self.incarnation}.log"
        f = log.open("wb")
        popen = subprocess.Popen(self.args, env=self.env, stdout=f, stderr=subprocess.STDOUT,
                                 stdin=subprocess.DEVNULL)
        self.proc = Proc(name=f"{self.name}.{self.incarnation}", popen=popen, log=log,
                         _log_file=f)
        self.started_at = self.last_progress = time.monotonic()
        self.ready_at = None if self.ready_marker else self.started_at
        self.restart_at = None
        self.in_flight = 0
        self._offset, self._carry = 0, b""

    def alive(self) -> bool:
        return self.proc is not None and self.proc.popen.poll() is None

    def read_log(self) -> None:
        """Readiness and job starts from what the process wrote since last time."""
        if self.proc is None:
            return
        try:
            with self.proc.log.open("rb") as f:
                f.seek(self._offset)
                chunk = f.read()
        except OSError:
            return
        self._offset += len(chunk)
        text = self._carry + chunk
        cut = text.rfind(b"\n") + 1
        complete, self._carry = text[:cut], text[cut:]
        now = time.monotonic()
        if self.ready_marker and self.ready_marker in complete:
            if self.ready_at is None:
                self.ready_at = now
            else:  # the worker loop started again inside the process: its jobs are gone
                complete = complete[complete.rfind(self.ready_marker):]
                self.in_flight = 0
        n = complete.count(STARTING_JOB)
        self.in_flight = max(0, self.in_flight + n - complete.count(JOB_ENDED))
        if n:
            self.jobs_started += n
            self.last_progress = now
            self.failures_in_row = 0

    def kill(self) -> None:
        """SIGKILL, reaped."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            self.proc.popen.send_signal(signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.popen.wait(10)
        self.proc.stop(timeout=1)

    def close_log(self) -> None:
        if self.proc is not None:
            self.proc.stop(timeout=1)


@dataclass
class Fleet:
    """The API, the workers and the model endpoint of one run."""

    config: FleetConfig
    model_port: int = field(default_factory=free_port)
    api_port: int = field(default_factory=free_port)
    api: Slot | None = None
    model: Slot | None = None
    workers: list[Slot] = field(default_factory=list)
    kills: list[dict[str, Any]] = field(default_factory=list)
    exits: list[Exit] = field(default_factory=list)
    rng: random.Random = field(default_factory=lambda: random.Random(2026))

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    @property
    def model_url(self) -> str:
        return f"http://127.0.0.1:{self.model_port}"

    def env(self) -> dict[str, str]:
        c = self.config
        env = service_env(url=c.url, data_dir=c.workdir / "data", secret=c.secret,
                          concurrency=c.concurrency)
        for key in [k for k in env if k.startswith("OPENAI_")]:
            del env[key]
        env.update({
            "GUICHET_HEARTBEAT_S": str(c.heartbeat_s),
            "GUICHET_STALLED_AFTER_S": str(c.stalled_after_s),
            "GUICHET_SWEEP_AFTER_S": str(c.sweep_after_s),
            "GUICHET_POOL_MAX_SIZE": str(c.pool_max_size),
            "GUICHET_MODEL": "openai", "OPENAI_BASE_URL": f"{self.model_url}/v1",
            "OPENAI_MODEL": "guichet-offline", "OPENAI_API_KEY": "sk-faults-local",
            "GUICHET_OPENAI_TIMEOUT_S": str(c.openai_timeout_s),
            "PYTHONUNBUFFERED": "1",
        })
        return env

    def _cli(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "guichet.cli", *args]

    def slots(self) -> list[Slot]:
        return [s for s in (self.model, self.api, *self.workers) if s is not None]

    async def start(self, *, hang_s: float) -> None:
        logs = self.config.workdir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        env = self.env()
        self.model = Slot("model", [sys.executable, "-m", "evals.faults.model_server", "--port",
                                    str(self.model_port), "--hang-s", str(hang_s)],
                          env, logs, None)
        self.model.spawn()
        await self._until_http(self.model, f"{self.model_url}/healthz")
        self.api = Slot("api", self._cli("serve", "--workers", "0", "--host", "127.0.0.1",
                                         "--port", str(self.api_port)), env, logs, None)
        self.api.spawn()
        await self._until_http(self.api, f"{self.api_url}/healthz")
        for i in range(self.config.workers):
            slot = Slot(f"worker-{i}", self._cli("worker", "--concurrency",
                                                 str(self.config.concurrency), "--name",
                                                 f"faults-{i}"), env, logs, WORKER_READY)
            slot.spawn()
            self.workers.append(slot)
        for slot in self.workers:
            await self._until_ready(slot)

    async def _until_http(self, slot: Slot, url: str) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        async with httpx.AsyncClient(timeout=2.0) as client:
            while True:
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get(url)).status_code == 200:
                        return
                self._check_start(slot, deadline)
                await asyncio.sleep(0.2)

    async def _until_ready(self, slot: Slot) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while True:
            slot.read_log()
            if slot.ready_at is not None:
                return
            self._check_start(slot, deadline)
            await asyncio.sleep(0.2)

    @staticmethod
    def _check_start(slot: Slot, deadline: float) -> None:
        assert slot.proc is not None
        if slot.proc.popen.poll() is not None:
            raise RuntimeError(f"{slot.proc.name} exited ({slot.proc.popen.returncode}) while "
                               f"starting; see {slot.proc.log}\n{_tail(slot.proc.log)}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{slot.proc.name} not ready after {READY_TIMEOUT_S}s; "
                               f"see {slot.proc.log}")

    def job_starts_visible(self) -> bool:
        """Whether worker logs show job starts at all (idle detection depends on it)."""
        return any(w.jobs_started for w in self.workers)

    def ready_workers(self) -> list[Slot]:
        return [w for w in self.workers if w.alive() and w.ready_at is not None]

    def busy_workers(self) -> list[Slot]:
        """Ready workers running a job right now, as their logs say."""
        for w in self.workers:
            w.read_log()
        return [w for w in self.ready_workers() if w.in_flight > 0]

    def kill_worker(self, slot: Slot, *, phase: str) -> str:
        """SIGKILL a worker and start its replacement at once."""
        assert slot.proc is not None
        name, pid, in_flight = slot.proc.name, slot.proc.pid, slot.in_flight
        slot.kill()
        self.kills.append({"worker": name, "pid": pid, "at": time.time(), "phase": phase,
                           "jobs_in_flight": in_flight})
        slot.spawn()
        return name

    async def kill_random_worker(self, *, phase: str, look_s: float = 5.0) -> str | None:
        """Kill a random worker, preferably one in the middle of a job.

        For up to `look_s` seconds, wait for a moment when some worker runs a job and kill
        one of those; if none does, kill any running worker.
        """
        deadline = time.monotonic() + look_s
        while time.monotonic() < deadline:
            busy = self.busy_workers()
            if busy:
                return self.kill_worker(self.rng.choice(busy), phase=phase)
            await asyncio.sleep(0.05)
        ready = self.ready_workers()
        return self.kill_worker(self.rng.choice(ready), phase=phase) if ready else None

    def supervise(self, *, outage: bool) -> list[Exit]:
        """Count processes that exited on their own; restart them after a back-off."""
        now = time.monotonic()
        found: list[Exit] = []
        for slot in self.slots():
            slot.read_log()
            if slot.proc is None:
                continue
            if slot.restart_at is not None:
                if now >= slot.restart_at:
                    slot.spawn()
                continue
            if slot.alive():
                continue
            exit_ = Exit(name=slot.name, incarnation=slot.incarnation,
                         returncode=slot.proc.popen.returncode, at=time.time(), reason="exited",
                         during_outage=outage, log=str(slot.proc.log), tail=_tail(slot.proc.log))
            found.append(exit_)
            slot.proc.stop(timeout=1)
            slot.failures_in_row += 1
            slot.restart_at = now + min(MAX_BACKOFF_S, 2.0 ** (slot.failures_in_row - 1))
        self.exits.extend(found)
        return found

    def replace_idle(self, slot: Slot, *, quiet_s: float, outage: bool,
                     why: str = "never ready") -> Exit:
        """A worker alive but doing nothing while jobs wait: counted, then replaced."""
        assert slot.proc is not None
        exit_ = Exit(name=slot.name, incarnation=slot.incarnation, returncode=None,
                     at=time.time(), reason=f"no job started for {quiet_s:.0f}s while {why}",
                     during_outage=outage, log=str(slot.proc.log), tail=_tail(slot.proc.log))
        self.exits.append(exit_)
        slot.kill()
        slot.spawn()
        return exit_

    async def set_model_mode(self, mode: str, *, hang_s: float | None = None) -> None:
        body: dict[str, Any] = {"mode": mode}
        if hang_s is not None:
            body["hang_s"] = hang_s
        async with httpx.AsyncClient(timeout=5.0) as client:
            r = await client.post(f"{self.model_url}/_faults", json=body)
            r.raise_for_status()

    async def model_stats(self) -> dict[str, Any]:
        with contextlib.suppress(httpx.HTTPError):
            async with httpx.AsyncClient(timeout=5.0) as client:
                return dict((await client.get(f"{self.model_url}/_faults")).json())
        return {}

    def stop(self, *, timeout_s: float = STOP_TIMEOUT_S) -> list[str]:
        """SIGTERM to every process, as a supervisor stops a service; SIGKILL for those still
        there after `timeout_s`. Returns the processes that did not stop on SIGTERM."""
        alive = [s for s in self.slots() if s.alive()]
        for slot in alive:
            assert slot.proc is not None
            with contextlib.suppress(ProcessLookupError):
                slot.proc.popen.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while any(s.alive() for s in alive) and time.monotonic() < deadline:
            time.sleep(0.1)
        ignored = [s.proc.name for s in alive if s.proc is not None and s.alive()]
        for slot in alive:
            if slot.alive():
                slot.kill()
        for slot in self.slots():
            slot.restart_at = None
            slot.close_log()
        return ignored

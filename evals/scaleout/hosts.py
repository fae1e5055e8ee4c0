"""The service's processes on their hosts: `guichet serve` and `guichet worker`, one per host."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from evals.bench.processes import Proc, service_env
from evals.scaleout.netns import Host

API_PORT = 8000
READY_TIMEOUT_S = 120.0
WORKER_READY = b"Starting worker"
STARTING_JOB = b"Starting job"


@dataclass(frozen=True)
class Tuning:
    """What every process of the rehearsal reads, beside its database and secret."""

    heartbeat_s: float = 1.0
    stalled_after_s: float = 5.0
    concurrency: int = 4
    pool_max_size: int = 8


@dataclass
class Running:
    """One service process on one host."""

    role: str  # "api" or "worker"
    host: Host
    proc: Proc

    @property
    def name(self) -> str:
        return self.host.name

    @property
    def url(self) -> str:
        return f"http://{self.host.addr}:{API_PORT}"

    def log_bytes(self) -> bytes:
        try:
            return self.proc.log.read_bytes()
        except OSError:
            return b""

    def jobs_started(self) -> int:
        return self.log_bytes().count(STARTING_JOB)

    def alive(self) -> bool:
        return self.proc.popen.poll() is None

    def tail(self, lines: int = 15) -> str:
        return "\n".join(self.log_bytes().decode(errors="replace").splitlines()[-lines:])


def _env(url: str, data_dir: Path, secret: str, tuning: Tuning) -> dict[str, str]:
    env = service_env(url=url, data_dir=data_dir, secret=secret, concurrency=tuning.concurrency)
    for key in [k for k in env if k.startswith(("OPENAI_", "PG"))]:
        del env[key]  # the offline model, and only DATABASE_URL says where Postgres is
    env.update({"GUICHET_HEARTBEAT_S": str(tuning.heartbeat_s),
                "GUICHET_STALLED_AFTER_S": str(tuning.stalled_after_s),
                "GUICHET_POOL_MAX_SIZE": str(tuning.pool_max_size),
                "GUICHET_MODEL": "offline", "PYTHONUNBUFFERED": "1"})
    return env


def spawn(role: str, host: Host, *, url: str, secret: str, workdir: Path,
          tuning: Tuning) -> Running:
    """Start the role's command on its host, its output in `workdir/<host>.log`."""
    data_dir = workdir / "hosts" / host.name
    data_dir.mkdir(parents=True, exist_ok=True)
    if role == "api":
        args = ["serve", "--workers", "0", "--host", host.addr, "--port", str(API_PORT)]
    else:
        args = ["worker", "--concurrency", str(tuning.concurrency), "--name", host.name]
    log = workdir / f"{host.name}.log"
    f = log.open("wb")
    popen = subprocess.Popen(host.wrap([sys.executable, "-m", "guichet.cli", *args]),
                             env=_env(url, data_dir, secret, tuning), stdout=f,
                             stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    return Running(role=role, host=host, proc=Proc(name=host.name, popen=popen, log=log,
                                                     _log_file=f))


async def wait_ready(procs: list[Running]) -> None:
    """APIs answer /readyz from the driver; workers have started their queue worker."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    pending = list(procs)
    async with httpx.AsyncClient(timeout=2.0) as client:
        while pending:
            for p in list(pending):
                if not p.alive():
                    raise RuntimeError(f"{p.name} exited ({p.proc.popen.returncode}) while "
                                       f"starting; see {p.proc.log}\n{p.tail()}")
                ready = False
                if p.role == "api":
                    with contextlib.suppress(httpx.HTTPError):
                        ready = (await client.get(f"{p.url}/readyz")).status_code == 200
                else:
                    ready = WORKER_READY in p.log_bytes()
                if ready:
                    pending.remove(p)
            if pending and time.monotonic() > deadline:
                names = ", ".join(p.name for p in pending)
                raise TimeoutError(f"not ready after {READY_TIMEOUT_S:.0f}s: {names}")
            if pending:
                await asyncio.sleep(0.25)


def stop_all(procs: list[Running], *, timeout_s: float = 8.0) -> dict[str, int | None]:
    """SIGTERM to all at once (what systemd or Kubernetes send), SIGKILL after `timeout_s`.

    A process SIGKILLed here did not stop on SIGTERM: its exit code is -9.
    """
    for p in procs:
        if p.alive():
            with contextlib.suppress(ProcessLookupError):
                p.proc.popen.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    for p in procs:
        with contextlib.suppress(subprocess.TimeoutExpired):
            p.proc.popen.wait(max(0.1, deadline - time.monotonic()))
    codes: dict[str, int | None] = {}
    for p in procs:
        if p.alive():
            with contextlib.suppress(ProcessLookupError):
                p.proc.popen.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                p.proc.popen.wait(5)
        codes[p.name] = p.proc.popen.returncode
        p.proc.stop(timeout=1)  # closes its log file
    return codes

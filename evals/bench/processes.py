"""The service as deployed: `guichet serve` (API only) and `guichet worker` processes."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx

from evals.bench import procstat

READY_TIMEOUT_S = 90.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def service_env(*, url: str, data_dir: Path, secret: str, concurrency: int) -> dict[str, str]:
    """What `guichet serve` and `guichet worker` read: the bench database, its secret."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUICHET_")}
    env.update({"DATABASE_URL": url, "GUICHET_JWT_SECRET": secret, "GUICHET_ENV": "dev",
                "GUICHET_WORKERS_IN_PROCESS": "0", "GUICHET_DATA_DIR": str(data_dir),
                "GUICHET_WORKER_CONCURRENCY": str(concurrency), "GUICHET_MODEL": "offline",
                "GUICHET_RATE_LIMITS_ENABLED": "false"})  # a bench is one client at full speed
    return env


@dataclass
class Proc:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path
    _log_file: IO[bytes] | None = field(default=None, repr=False)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def sample(self) -> dict[str, Any]:
        return {"name": self.name, "pid": self.pid, "cpu_s": procstat.cpu_seconds(self.pid),
                "peak_rss_mb": procstat.peak_rss_mb(self.pid)}

    def stop(self, timeout: float = 20.0) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGINT)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(5)
        if self._log_file:
            self._log_file.close()


def _spawn(name: str, args: list[str], env: dict[str, str], logs: Path) -> Proc:
    log = logs / f"{name}.log"
    f = log.open("wb")
    popen = subprocess.Popen([sys.executable, "-m", "guichet.cli", *args], env=env,
                             stdout=f, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    return Proc(name=name, popen=popen, log=log, _log_file=f)


async def _wait_for(proc: Proc, check: Any, what: str) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while not await check():
        if proc.popen.poll() is not None:
            raise RuntimeError(f"{proc.name} exited ({proc.popen.returncode}) before {what}; "
                               f"see {proc.log}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{proc.name}: no {what} after {READY_TIMEOUT_S}s; see {proc.log}")
        await asyncio.sleep(0.2)


@dataclass
class Service:
    """An API process and `workers` worker processes on one database."""

    api: Proc
    workers: list[Proc]
    base_url: str

    def procs(self) -> list[Proc]:
        return [self.api, *self.workers]

    def samples(self) -> list[dict[str, Any]]:
        return [p.sample() for p in self.procs()]

    def stop(self) -> None:
        for p in self.workers:
            p.stop()
        self.api.stop()


@contextlib.asynccontextmanager
async def running_service(*, url: str, workers: int, concurrency: int, secret: str,
                          workdir: Path) -> Any:
    """Start `guichet serve` with no in-process worker and `workers` `guichet worker`s."""
    workdir.mkdir(parents=True, exist_ok=True)
    env = service_env(url=url, data_dir=workdir / "data", secret=secret, concurrency=concurrency)
    port = free_port()
    started: list[Proc] = []
    try:
        api = _spawn("api", ["serve", "--workers", "0", "--host", "127.0.0.1", "--port",
                             str(port)], env, workdir)
        started.append(api)
        base = f"http://127.0.0.1:{port}"
        async with httpx.AsyncClient(base_url=base, timeout=2.0) as client:
            async def healthy() -> bool:
                with contextlib.suppress(httpx.HTTPError):
                    return (await client.get("/healthz")).status_code == 200
                return False

            await _wait_for(api, healthy, "health check")
        procs = [_spawn(f"worker-{i}", ["worker", "--concurrency", str(concurrency),
                                        "--name", f"bench-{i}"], env, workdir)
                 for i in range(workers)]
        started.extend(procs)
        for p in procs:
            async def ready(p: Proc = p) -> bool:
                return b"Starting worker" in p.log.read_bytes()

            await _wait_for(p, ready, "worker start")
        yield Service(api=api, workers=procs, base_url=base)
    finally:
        for p in reversed(started):
            p.stop()

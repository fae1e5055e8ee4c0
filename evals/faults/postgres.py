"""A private embedded PostgreSQL (the pgserver wheel) that the suite stops and starts itself.

It lives in a temporary data folder and listens on a unix socket only, so stopping it never
touches the machine's own server. Stop and start go through pgserver's own `pg_ctl`, run as
the system user pgserver runs the server as (`pgserver` when we are root).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PG_CTL_TIMEOUT_S = 60.0


def pg_bin(name: str) -> Path:
    """A binary shipped inside the pgserver package (pg_ctl, postgres, psql...)."""
    from pgserver._commands import POSTGRES_BIN_PATH

    path = Path(POSTGRES_BIN_PATH) / name
    if not path.exists():
        raise FileNotFoundError(f"{name} is not in the pgserver package ({path})")
    return path


@dataclass
class PrivatePostgres:
    """One server in `root/pg`; `admin_url` works again after every stop and start."""

    root: Path
    admin_url: str = ""
    socket_dir: Path | None = None
    system_user: str | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    _owned_root: bool = False

    @classmethod
    def create(cls, root: Path | None = None) -> PrivatePostgres:
        from pgserver import postgres_server

        owned = root is None
        root = Path(tempfile.mkdtemp(prefix="guichet-faults-pg-")) if root is None else root
        root.mkdir(parents=True, exist_ok=True)
        # cleanup_mode=None: the suite stops the server itself (pgserver's own handle would
        # look for the first postmaster's pid, which a restart replaces).
        srv = postgres_server.get_server(root.resolve() / "pg", cleanup_mode=None)
        info = srv.get_postmaster_info()
        if info.socket_dir is None:
            raise RuntimeError("the embedded server does not listen on a unix socket")
        return cls(root=root, admin_url=str(srv.get_uri()), socket_dir=Path(info.socket_dir),
                   system_user=srv.system_user, _owned_root=owned)

    @property
    def pgdata(self) -> Path:
        return self.root.resolve() / "pg"

    @property
    def log(self) -> Path:
        return self.pgdata / "log"

    def _pg_ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(pg_bin("pg_ctl")), "-D", str(self.pgdata), *args]
        # Files, not pipes: pg_ctl start leaves the postmaster holding its output.
        with tempfile.TemporaryFile("w+") as out:
            done = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, text=True,
                                  user=self.system_user, timeout=PG_CTL_TIMEOUT_S, check=False)
            out.seek(0)
            text = out.read()
        return subprocess.CompletedProcess(cmd, done.returncode, text, "")

    def running(self) -> bool:
        return self._pg_ctl("status").returncode == 0

    def stop(self) -> float:
        """`pg_ctl stop -m fast`, waiting for it; returns the seconds it took."""
        t0 = time.monotonic()
        done = self._pg_ctl("-w", "-t", str(int(PG_CTL_TIMEOUT_S)), "stop", "-m", "fast")
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl stop failed: {done.stdout.strip()}")
        self.events.append({"event": "stop", "at": time.time(), "took_s": time.monotonic() - t0})
        return time.monotonic() - t0

    def start(self) -> float:
        """`pg_ctl start` on the same socket folder, waiting until it accepts connections."""
        assert self.socket_dir is not None
        t0 = time.monotonic()
        done = self._pg_ctl("-w", "-t", str(int(PG_CTL_TIMEOUT_S)), "-o", '-h ""',
                            "-o", f"-k {self.socket_dir}", "-l", str(self.log), "start")
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl start failed: {done.stdout.strip()}; see {self.log}")
        self.events.append({"event": "start", "at": time.time(), "took_s": time.monotonic() - t0})
        return time.monotonic() - t0

    def close(self, *, remove: bool = True) -> None:
        """Stop the server if it runs; remove its folder when the suite made it."""
        if self.pgdata.exists() and self.running():
            self._pg_ctl("-w", "stop", "-m", "fast")
        if remove and self._owned_root:
            shutil.rmtree(self.root, ignore_errors=True)

"""Postgres on the db host: the pgserver binaries listening on TCP on that host's address.

The server is made and seeded by `PrivatePostgres` (a unix socket, as pgserver starts it),
stopped, then started again by its own `pg_ctl` inside the db namespace, listening on the
host's address with trust for the bridge's /24 only: what every other host sees is a
database machine at `<addr>:5432`.
"""

from __future__ import annotations

import asyncio
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg

from evals.faults.postgres import PrivatePostgres, pg_bin
from evals.scaleout.netns import Host
from guichet import seeding

PORT = 5432
DBNAME = "guichet"
USER = "postgres"  # pgserver's superuser (initdb -U postgres, trust)
START_TIMEOUT_S = 60
MAX_CONNECTIONS = 300  # 2 APIs and 3 workers at their pool sizes, the driver, and margin


@dataclass
class Database:
    """The db host's server; `url` is what every process gets as DATABASE_URL."""

    pg: PrivatePostgres
    host: Host
    subnet: str
    server_timeouts: bool

    @property
    def url(self) -> str:
        return f"postgresql://{USER}@{self.host.addr}:{PORT}/{DBNAME}"

    def start_on_host(self) -> None:
        """`pg_ctl start` inside the db namespace, on TCP at the host's address."""
        assert self.pg.socket_dir is not None
        options = [f"-h {self.host.addr}", f"-p {PORT}", f"-k {self.pg.socket_dir}",
                   f"-c max_connections={MAX_CONNECTIONS}"]
        if self.server_timeouts:
            # What a deployment can set server-wide: every session, not only a case's lock,
            # is dropped about 25 s after its client's host went silent, whether the session
            # was idle (keepalives) or had a reply in flight (tcp_user_timeout, in ms).
            options += ["-c tcp_keepalives_idle=10", "-c tcp_keepalives_interval=5",
                        "-c tcp_keepalives_count=3", "-c tcp_user_timeout=25000"]
        argv = [str(pg_bin("pg_ctl")), "-D", str(self.pg.pgdata), "-w", "-t",
                str(START_TIMEOUT_S), "-o", " ".join(options), "-l", str(self.pg.log), "start"]
        if self.pg.system_user:
            argv = ["runuser", "-u", self.pg.system_user, "--", *argv]
        with tempfile.TemporaryFile("w+") as out:
            # Files, not pipes: the postmaster keeps pg_ctl's output open.
            done = subprocess.run(self.host.wrap(argv), stdout=out, stderr=subprocess.STDOUT,
                                  text=True, timeout=START_TIMEOUT_S + 15, check=False,
                                  stdin=subprocess.DEVNULL)
            out.seek(0)
            text = out.read()
        if done.returncode != 0:
            raise RuntimeError(f"postgres did not start on {self.host.addr}:{PORT}: "
                               f"{text.strip()[-800:]}; see {self.pg.log}\n"
                               f"{shlex.join(argv)}")

    def check(self) -> None:
        """One query over the bridge, from the driver."""
        with psycopg.connect(self.url, connect_timeout=5) as conn:
            conn.execute("select 1")

    def close(self) -> None:
        self.pg.close(remove=False)


def _trust_subnet(pgdata: Path, subnet: str) -> None:
    hba = pgdata / "pg_hba.conf"
    line = f"host all all {subnet} trust\n"
    text = hba.read_text()
    if line not in text:
        hba.write_text(text + "# the rehearsal's bridge (evals/scaleout)\n" + line)


async def make_database(root: Path, host: Host, *, subnet: str, population: int,
                        server_timeouts: bool) -> Database:
    """A seeded server in `root`, moved to the db host and listening there."""
    pg = await asyncio.to_thread(PrivatePostgres.create, root)
    db = Database(pg=pg, host=host, subnet=subnet, server_timeouts=server_timeouts)
    try:
        await seeding.build_template(pg.admin_url, DBNAME, count=population)
        await asyncio.to_thread(pg.stop)
        _trust_subnet(pg.pgdata, subnet)
        await asyncio.to_thread(db.start_on_host)
        await asyncio.to_thread(db.check)
    except BaseException:
        db.close()
        raise
    return db

"""Test plumbing: fresh databases from a migrated, seeded template; a running service."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
from langchain_core.language_models import BaseChatModel

from api.app import create_app
from api.auth import mint
from guichet import db, queue, seeding
from guichet.services import Services, open_services
from guichet.settings import Settings

SECRET = "test-secret-" + "x" * 40
TODAY = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def fixed_now() -> dt.datetime:
    return TODAY


class Clock:
    """The service's injected clock, moved by the test instead of waiting."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.at = start or fixed_now()

    def __call__(self) -> dt.datetime:
        return self.at

    def move(self, **delta: float) -> None:
        self.at += dt.timedelta(**delta)


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    base: dict[str, Any] = {"env": "test", "jwt_secret": SECRET, "data_dir": data_dir,
                            "heartbeat_s": 1.0, "stalled_after_s": 3.0, "pool_max_size": 6,
                            "retry_wait_s": 0}
    base.update(overrides)
    return Settings(**base)


def admin_url(tmp_root: Path) -> str:
    """DATABASE_URL when set (a real server), else the embedded server."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return db.embedded_server_uri(tmp_root)


async def build_template(admin: str, name: str) -> None:
    await seeding.build_template(admin, name)


def fresh_database(admin: str, template: str) -> str:
    name = f"t_{uuid.uuid4().hex[:16]}"
    db.ensure_database(admin, name, template=template)
    return db.with_database(admin, name)


def drop_database(admin: str, url: str) -> None:
    seeding.drop_database(admin, str(psycopg.conninfo.conninfo_to_dict(url)["dbname"]))


def token(role: str, sub: str, authority: str | None = None) -> str:
    return mint(SECRET, role=role, sub=sub, authority=authority)  # type: ignore[arg-type]


@dataclass
class Running:
    services: Services
    client: httpx.AsyncClient
    workers: list[asyncio.Task[None]] = field(default_factory=list)

    def auth(self, role: str, sub: str, authority: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token(role, sub, authority)}"}

    async def settle(self, case_id: str, *, timeout: float = 30.0) -> dict[str, Any]:
        """Wait until the case waits for someone or is settled, and no job is pending."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            async with self.services.pool.connection() as conn:
                cur = await conn.execute(
                    "select status, holder from cases where id = %s", (case_id,))
                row = await cur.fetchone()
                cur = await conn.execute(
                    "select count(*) as n from procrastinate_jobs where status in"
                    " ('todo', 'doing') and args->>'case_id' = %s", (case_id,))
                jobs = await cur.fetchone()
            assert row is not None and jobs is not None
            if (jobs["n"] == 0 and row["holder"] != "agent") or (jobs["n"] == 0 and row[
                    "status"] in ("accepte", "refuse", "sans_suite")):
                return dict(row)
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"case {case_id} not settled: {dict(row)}, jobs {jobs}")
            await asyncio.sleep(0.1)


@contextlib.asynccontextmanager
async def running_service(settings: Settings, url: str, *, model: BaseChatModel | None = None,
                          workers: int = 1,
                          now: Callable[[], dt.datetime] = fixed_now) -> AsyncIterator[Running]:
    """The API over ASGI plus in-process workers, on a database of its own; `now` is the
    service's clock (fixed by default, a Clock to move time)."""
    async with open_services(settings, url=url, model=model, now=now) as services:
        app = create_app(settings, services=services, workers=0)
        app.state.services = services
        tasks = [asyncio.create_task(services.run_worker(
            concurrency=2, name=f"test-{i}", install_signal_handlers=False))
            for i in range(workers)]
        transport = httpx.ASGITransport(app=app)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://guichet") as c:
                yield Running(services=services, client=c, workers=tasks)
        finally:
            for t in tasks:
                await queue.stop_worker(t)

"""Isolated worlds for eval cases: one database per case, copied from a seeded template."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import psycopg

from guichet import db, seeding
from guichet.population import generate_population
from guichet.settings import Settings

# The eval world's clock: the day the synthetic population was generated for (ages,
# deadlines and start dates in expectations are computed on it).
TODAY = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
POPULATION = 600


def fixed_now() -> dt.datetime:
    return TODAY


@lru_cache(maxsize=1)
def population() -> list[dict[str, Any]]:
    """The seeded population every case's world also holds (its other citizens)."""
    return generate_population(POPULATION)


def admin_url(settings: Settings) -> str:
    """The server to create databases on: DATABASE_URL's, else the embedded one."""
    if settings.database_url:
        return settings.database_url
    return db.embedded_server_uri(Path(settings.data_dir))


@dataclass
class World:
    """A template database (migrated, seeded) and the per-case copies made from it."""

    admin: str
    template: str = field(default_factory=lambda: f"evaltpl_{uuid.uuid4().hex[:12]}")
    made: list[str] = field(default_factory=list)
    # CREATE DATABASE ... TEMPLATE needs the template without other sessions: copies are
    # made one at a time.
    _copying: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def build(self) -> None:
        await seeding.build_template(self.admin, self.template)

    async def fresh(self) -> str:
        """A new database copied from the template; returns its URL."""
        name = f"eval_{uuid.uuid4().hex[:16]}"
        async with self._copying:
            await asyncio.to_thread(db.ensure_database, self.admin, name, template=self.template)
        self.made.append(name)
        return db.with_database(self.admin, name)

    async def drop(self, url: str) -> None:
        name = str(psycopg.conninfo.conninfo_to_dict(url)["dbname"])
        await asyncio.to_thread(_drop, self.admin, name)

    async def close(self) -> None:
        await asyncio.to_thread(_drop, self.admin, self.template)


def _drop(admin: str, name: str) -> None:
    seeding.drop_database(admin, name)

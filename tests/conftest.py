"""Fixtures: a real Postgres (embedded by default, DATABASE_URL when set), one database per test."""

from __future__ import annotations

import asyncio
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests import support


@pytest.fixture(scope="session")
def pg_admin() -> str:
    # Not under pytest's tmp root: pytest prunes old run folders, which another pytest run
    # on the same machine could do under the feet of a running embedded server.
    return support.admin_url(Path(tempfile.mkdtemp(prefix="guichet-test-pg-")))


@pytest.fixture(scope="session")
def template_db(pg_admin: str) -> Iterator[str]:
    name = f"tpl_{uuid.uuid4().hex[:12]}"
    asyncio.run(support.build_template(pg_admin, name))
    yield name
    import psycopg

    with psycopg.connect(pg_admin, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


@pytest.fixture
def db_url(pg_admin: str, template_db: str) -> Iterator[str]:
    url = support.fresh_database(pg_admin, template_db)
    yield url
    support.drop_database(pg_admin, url)


@pytest.fixture
def settings(tmp_path: Path) -> support.Settings:
    return support.make_settings(tmp_path)


@pytest.fixture
async def service(settings: support.Settings, db_url: str) -> AsyncIterator[support.Running]:
    async with support.running_service(settings, db_url) as running:
        yield running

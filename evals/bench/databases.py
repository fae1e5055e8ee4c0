"""The bench's own databases on the service's server: a seeded template, one copy per run."""

from __future__ import annotations

import time
import uuid

import psycopg
import psycopg.errors

from guichet import db, seeding
from guichet.settings import Settings

POPULATION = 600
COPY_ATTEMPTS = 10


def admin_url(settings: Settings) -> str:
    """The server the service uses: DATABASE_URL when set, else the embedded one."""
    if settings.database_url:
        return settings.database_url
    return db.embedded_server_uri(settings.data_dir)


def new_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


async def build_template(admin: str, name: str) -> str:
    """A migrated database holding the synthetic population; returns its URL."""
    return await seeding.build_template(admin, name, count=POPULATION)


def copy_of(admin: str, template: str, name: str) -> str:
    """A fresh database copied from `template` (which must have no open connection)."""
    for attempt in range(COPY_ATTEMPTS):
        try:
            db.ensure_database(admin, name, template=template)
            break
        except psycopg.errors.ObjectInUse:
            # An autovacuum worker may be visiting the template for a moment.
            if attempt + 1 == COPY_ATTEMPTS:
                raise
            time.sleep(1.0)
    return db.with_database(admin, name)


def drop(admin: str, name: str) -> None:
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


def name_of(url: str) -> str:
    return str(psycopg.conninfo.conninfo_to_dict(url)["dbname"])

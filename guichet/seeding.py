"""Seeding the records store with the synthetic population."""

from __future__ import annotations

import psycopg
from psycopg import sql

from guichet import db
from guichet.population import generate_population
from guichet.settings import Settings
from tools.records import seed_population


async def seed_pool(pool: db.Pool, *, count: int = 600) -> int:
    """Write the population unless already there; returns the number of citizens."""
    async with pool.connection() as conn:
        cur = await conn.execute("select count(*) as n from citizens")
        row = await cur.fetchone()
    if row and row["n"] >= count:
        return int(row["n"])
    return await seed_population(pool, generate_population(count))


async def ensure_seeded(settings: Settings, *, count: int = 600) -> int:
    pool = db.make_pool(db.database_url(settings), max_size=2)
    await pool.open(wait=True)
    try:
        async with pool.connection() as conn:
            await db.migrate(conn)
        return await seed_pool(pool, count=count)
    finally:
        await pool.close()


async def build_template(admin_url: str, name: str, *, count: int = 600) -> str:
    """A migrated database holding the synthetic population, to copy worlds from.

    Tests, evals and the benchmark each copy it (CREATE DATABASE ... TEMPLATE) so that every
    test, eval case or bench run starts from the same world and cannot leak into another.
    """
    db.ensure_database(admin_url, name)
    url = db.with_database(admin_url, name)
    pool = db.make_pool(url, max_size=2)
    await pool.open(wait=True)
    try:
        async with pool.connection() as conn:
            await db.migrate(conn)
        await seed_population(pool, generate_population(count))
    finally:
        await pool.close()
    return url


def drop_database(admin_url: str, name: str) -> None:
    """Drop a database made from a template, closing whatever sessions it still has."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))

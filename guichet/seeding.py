"""Seeding the records store with the synthetic population."""

from __future__ import annotations

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

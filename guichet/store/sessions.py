"""The `revoked_tokens` table: ids of tokens revoked before their expiry (logouts).

Tokens are stateless until revoked; a revoked token's id stays here until its own expiry,
after which the signature check refuses it anyway and the row is purged.
"""

from __future__ import annotations

from datetime import UTC, datetime

from guichet.db import Conn


async def revoke(conn: Conn, *, jti: str, expires_at: datetime) -> None:
    """Revoke a token until `expires_at`; revoking it twice changes nothing."""
    await conn.execute(
        "insert into revoked_tokens (jti, expires_at) values (%s, %s)"
        " on conflict (jti) do nothing", (jti, expires_at))
    # Logouts are rare, so purging here keeps the table to the live sessions' size without
    # a job of its own.
    await purge_expired(conn)


async def is_revoked(conn: Conn, *, jti: str) -> bool:
    cur = await conn.execute("select 1 from revoked_tokens where jti = %s", (jti,))
    return await cur.fetchone() is not None


async def purge_expired(conn: Conn, *, now: datetime | None = None) -> int:
    """Delete the rows of tokens that have expired anyway; how many went."""
    cur = await conn.execute("delete from revoked_tokens where expires_at < %s",
                             (now or datetime.now(UTC),))
    return cur.rowcount


def expiry(exp: int) -> datetime:
    """A token's `exp` claim (epoch seconds) as the table's timestamp."""
    return datetime.fromtimestamp(exp, UTC)

"""The `sms_inbound` table: every inbound SMS once, by the provider's message id."""

from __future__ import annotations

from typing import Any

from guichet.db import Conn


async def lock_sender(conn: Conn, sender_digest: str) -> None:
    """One inbound SMS of a sender at a time, to the end of the caller's transaction: a
    webhook delivered twice at once, or two texts racing, are taken one after the other."""
    await conn.execute("select pg_advisory_xact_lock(hashtextextended(%s, 0))",
                       ("sms:" + sender_digest,))


async def seen(conn: Conn, provider_id: str) -> dict[str, Any] | None:
    cur = await conn.execute(
        "select outcome, case_id::text, message_id from sms_inbound where provider_id = %s",
        (provider_id,))
    row = await cur.fetchone()
    return dict(row) if row else None


async def replied_since(conn: Conn, sender_digest: str, *, hours: int) -> bool:
    """Whether this sender was already answered that they are unknown, lately."""
    cur = await conn.execute(
        "select 1 from sms_inbound where sender_digest = %s and replied"
        " and received_at > now() - make_interval(hours => %s) limit 1",
        (sender_digest, hours))
    return await cur.fetchone() is not None


async def record(conn: Conn, *, provider_id: str, sender_digest: str, outcome: str,
                 case_id: str | None = None, message_id: int | None = None,
                 replied: bool = False) -> None:
    await conn.execute(
        "insert into sms_inbound (provider_id, sender_digest, outcome, case_id, message_id,"
        " replied) values (%s, %s, %s, %s, %s, %s)",
        (provider_id, sender_digest, outcome, case_id, message_id, replied))

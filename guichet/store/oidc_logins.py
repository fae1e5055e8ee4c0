"""The `oidc_logins` and `oidc_used_nonces` tables: OpenID Connect sign-ins, each usable once.

A sign-in's state, nonce and PKCE verifier are kept server-side, keyed by a digest of the
state, so that a callback is judged the same by any API process and only once: taking the
row deletes it. Accepted nonces are kept until their ID token would have expired.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from guichet.db import Conn


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True)
class Pending:
    nonce: str
    code_verifier: str


async def start(conn: Conn, *, state: str, nonce: str, code_verifier: str,
                ttl_s: int = 600) -> None:
    await conn.execute(
        "insert into oidc_logins (state_hash, nonce, code_verifier, expires_at)"
        " values (%s, %s, %s, %s)",
        (_digest(state), nonce, code_verifier, datetime.now(UTC) + timedelta(seconds=ttl_s)))
    # Sign-ins are rare next to page views: purging here keeps the table small.
    await conn.execute("delete from oidc_logins where expires_at < now()")
    await conn.execute("delete from oidc_used_nonces where expires_at < now()")


async def take(conn: Conn, *, state: str) -> Pending | None:
    """The sign-in this state opened, removed so that it answers once; None if unknown,
    already used or expired."""
    cur = await conn.execute(
        "delete from oidc_logins where state_hash = %s returning nonce, code_verifier,"
        " expires_at > now() as live", (_digest(state),))
    row = await cur.fetchone()
    if row is None or not row["live"]:
        return None
    return Pending(nonce=row["nonce"], code_verifier=row["code_verifier"])


async def use_nonce(conn: Conn, *, nonce: str, expires_at: datetime) -> bool:
    """Record an accepted ID token's nonce; False if it was accepted before (a replay)."""
    cur = await conn.execute(
        "insert into oidc_used_nonces (nonce_hash, expires_at) values (%s, %s)"
        " on conflict do nothing returning 1", (_digest(nonce), expires_at))
    return await cur.fetchone() is not None

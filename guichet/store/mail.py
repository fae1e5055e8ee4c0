"""The mail tables (migration 012): reply addresses, Message-IDs sent and received, failing
addresses, answers to unknown senders.

Addresses are personal data: every table here keys them by `address_hash`, never in clear.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from guichet.db import Conn


def address_hash(address: str) -> str:
    return hashlib.sha256(f"guichet-mail:{address.strip().lower()}".encode()).hexdigest()


async def citizens_by_email(conn: Conn, address: str) -> list[str]:
    """The citizens whose contact record holds this address (case-insensitive)."""
    cur = await conn.execute(
        "select citizen_id from records where source = 'contact'"
        " and lower(data->>'email') = lower(%s) order by citizen_id", (address.strip(),))
    return [str(r["citizen_id"]) for r in await cur.fetchall()]


async def reply_token(conn: Conn, case_id: str) -> str:
    """The case's reply token, made on first use: 128 random bits in lower-case hex, since
    some mail servers lower the case of the addresses they pass on."""
    await conn.execute(
        "insert into mail_threads (case_id, token) values (%s, %s) on conflict do nothing",
        (case_id, secrets.token_hex(16)))
    cur = await conn.execute("select token from mail_threads where case_id = %s", (case_id,))
    row = await cur.fetchone()
    assert row is not None
    return str(row["token"])


async def case_of_token(conn: Conn, token: str) -> str | None:
    cur = await conn.execute("select case_id from mail_threads where token = %s", (token,))
    row = await cur.fetchone()
    return str(row["case_id"]) if row else None


async def record_sent(conn: Conn, *, message_id: str, case_id: str,
                      notification_id: int | None) -> None:
    await conn.execute(
        "insert into mail_sent (message_id, case_id, notification_id) values (%s, %s, %s)"
        " on conflict do nothing", (message_id, case_id, notification_id))


async def cases_of_sent(conn: Conn, message_ids: list[str]) -> list[str]:
    """The cases of the Message-IDs guichet sent among these, newest reference first."""
    return await _cases_of(conn, message_ids, "select case_id from mail_sent"
                                              " where message_id = %s")


async def cases_answered(conn: Conn, message_ids: list[str]) -> list[str]:
    """The cases of the mails these ones answer: mails guichet sent, and the citizen's own
    mails already taken in (a follow-up to one's own mail, the forgotten attachment)."""
    return await _cases_of(conn, message_ids,
                           "select case_id from mail_sent where message_id = %s"
                           " union all select case_id from mail_received"
                           " where message_id = %s and case_id is not null", twice=True)


async def _cases_of(conn: Conn, message_ids: list[str], query: str, *,
                    twice: bool = False) -> list[str]:
    out: list[str] = []
    for mid in reversed(message_ids[-20:]):  # a long References chain: its newest end
        cur = await conn.execute(query, (mid, mid) if twice else (mid,))
        for row in await cur.fetchall():
            if str(row["case_id"]) not in out:
                out.append(str(row["case_id"]))
    return out


async def claim(conn: Conn, message_id: str, outcome: str) -> bool:
    """Note a mail as taken in; False when the same Message-ID already was."""
    cur = await conn.execute(
        "insert into mail_received (message_id, outcome) values (%s, %s)"
        " on conflict do nothing returning message_id", (message_id, outcome))
    return await cur.fetchone() is not None


async def settle(conn: Conn, message_id: str, *, case_id: str, case_message_id: int,
                 outcome: str) -> None:
    await conn.execute(
        "update mail_received set case_id = %s, case_message_id = %s, outcome = %s"
        " where message_id = %s", (case_id, case_message_id, outcome, message_id))


async def received(conn: Conn, message_id: str) -> dict[str, Any] | None:
    cur = await conn.execute("select * from mail_received where message_id = %s", (message_id,))
    row = await cur.fetchone()
    return dict(row) if row else None


async def last_received(conn: Conn, case_id: str) -> str | None:
    """The Message-ID of the citizen's last mail on the case: what a notice answers."""
    cur = await conn.execute(
        "select message_id from mail_received where case_id = %s and message_id like '<%%'"
        " order by received_at desc, case_message_id desc nulls last limit 1", (case_id,))
    row = await cur.fetchone()
    return str(row["message_id"]) if row else None


async def mark_failing(conn: Conn, address: str, reason: str) -> None:
    await conn.execute(
        "insert into mail_failing (address_hash, reason) values (%s, %s)"
        " on conflict (address_hash) do update set reason = excluded.reason",
        (address_hash(address), reason[:200]))


async def is_failing(conn: Conn, address: str) -> bool:
    cur = await conn.execute("select 1 from mail_failing where address_hash = %s",
                             (address_hash(address),))
    return await cur.fetchone() is not None


async def may_answer_unknown(conn: Conn, address: str, day: dt.date) -> bool:
    """True once per address and day: the one answer an unknown sender gets that day."""
    cur = await conn.execute(
        "insert into mail_unknown_answered (address_hash, day) values (%s, %s)"
        " on conflict do nothing returning day", (address_hash(address), day))
    return await cur.fetchone() is not None

"""Notifications: an outbox on the case, written once per key; email sent when SMTP is set."""

from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage
from typing import Any
from uuid import UUID

from guichet import audit, metrics
from guichet.db import Pool, connection
from guichet.settings import Settings

log = logging.getLogger(__name__)


async def enqueue(
    pool: Pool, *, case_id: UUID, key: str, kind: str, channel: str, subject: str, body: str,
    actor: str = "agent",
) -> dict[str, Any]:
    """Put one message in the outbox unless the same key is already there."""
    async with connection(pool) as conn, conn.transaction():
        cur = await conn.execute(
            "insert into notifications (case_id, idem_key, kind, channel, subject, body)"
            " values (%s, %s, %s, %s, %s, %s) on conflict (idem_key) do nothing returning id",
            (case_id, key, kind, channel, subject, body),
        )
        row = await cur.fetchone()
        if row is None:
            cur = await conn.execute(
                "select id from notifications where idem_key = %s", (key,)
            )
            existing = await cur.fetchone()
            assert existing is not None
            return {"notification": int(existing["id"]), "channel": channel,
                    "already_done": True}
        await audit.append(conn, case_id=case_id, actor=actor, kind="notification",
                           data={"key": key, "kind": kind, "channel": channel,
                                 "subject": subject})
    metrics.NOTICES.labels("queued").inc()
    return {"notification": int(row["id"]), "channel": channel}


def _send_email(settings: Settings, *, to: str, subject: str, body: str) -> None:
    assert settings.smtp_host is not None
    msg = EmailMessage()
    msg["From"] = settings.smtp_sender
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
        smtp.send_message(msg)


async def dispatch_pending(pool: Pool, settings: Settings, *, limit: int = 50) -> int:
    """Send pending email notifications; others stay in the outbox (kept). Returns sent count."""
    sent = 0
    # One transaction so the row locks hold while sending; other dispatchers skip them.
    async with connection(pool) as conn, conn.transaction():
        cur = await conn.execute(
            "select n.id, n.channel, n.subject, n.body, r.data->>'email' as email"
            " from notifications n join cases c on c.id = n.case_id"
            " left join records r on r.citizen_id = c.citizen_id and r.source = 'contact'"
            " where n.status = 'pending' order by n.id limit %s for update of n skip locked",
            (limit,),
        )
        rows = await cur.fetchall()
        for row in rows:
            if row["channel"] != "email" or not settings.smtp_host or not row["email"]:
                await conn.execute(
                    "update notifications set status = 'kept' where id = %s", (row["id"],)
                )
                continue
            try:
                await asyncio.to_thread(_send_email, settings, to=row["email"],
                                        subject=row["subject"], body=row["body"])
            except (OSError, smtplib.SMTPException) as exc:
                log.warning("notification %s not sent: %s", row["id"], type(exc).__name__)
                metrics.NOTICES.labels("failed").inc()
                await conn.execute(
                    "update notifications set attempts = attempts + 1, last_error = %s,"
                    " status = case when attempts >= 4 then 'failed' else 'pending' end"
                    " where id = %s", (type(exc).__name__, row["id"]),
                )
                continue
            await conn.execute(
                "update notifications set status = 'sent', sent_at = now(),"
                " attempts = attempts + 1 where id = %s", (row["id"],),
            )
            sent += 1
            metrics.NOTICES.labels("sent").inc()
    return sent

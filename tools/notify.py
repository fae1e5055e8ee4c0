"""Notifications: an outbox on the case, written once per key; email sent when SMTP is set,
SMS when a provider is (its message id and delivery reports kept on the notice)."""

from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any, Literal
from uuid import UUID

from guichet import audit, metrics
from guichet.db import Conn, ConnOrPool, Pool, connection
from guichet.errors import NotFound
from guichet.mail_read import marker
from guichet.settings import Settings
from guichet.store import mail as mail_store
from tools import sms
from tools.records import PostgresRecords, RecordsConnector

log = logging.getLogger(__name__)


# One statement: the outbox row unless its key is there, and the audit events in the same
# transaction (the step's earlier events always; the `notification` event only when new).
_ENQUEUE = """
with n as (
    insert into notifications (case_id, idem_key, kind, channel, subject, body)
    values (%(case)s, %(key)s, %(kind)s, %(channel)s, %(subject)s, %(body)s)
    on conflict (idem_key) do nothing returning id)
select (select id from n) as id,
    (select id from notifications where idem_key = %(key)s) as existing,
    audit_append(%(case)s, case when exists (select 1 from n) then %(with_event)s::jsonb
                                else %(without)s::jsonb end) as audit_id
"""


async def enqueue(
    pool: ConnOrPool, *, case_id: UUID, key: str, kind: str, channel: str, subject: str, body: str,
    actor: str = "agent", before: list[audit.Event] | None = None,
) -> dict[str, Any]:
    """Put one message in the outbox unless the same key is already there.

    `before`: audit events of the same step, written first in the same statement.
    `pool` may be a connection: the notice is then part of the caller's transaction.
    """
    events = list(before or [])
    event = audit.Event(actor=actor, kind="notification",
                        data={"key": key, "kind": kind, "channel": channel, "subject": subject})
    async with connection(pool) as conn:
        cur = await conn.execute(_ENQUEUE, {
            "case": case_id, "key": key, "kind": kind, "channel": channel, "subject": subject,
            "body": body, "with_event": audit.payload(case_id, [*events, event]),
            "without": audit.payload(case_id, events)})
        row = await cur.fetchone()
        assert row is not None
        existing = row["existing"]
        if row["id"] is None and existing is None:
            # Inserted by a transaction that committed after this statement's snapshot.
            cur = await conn.execute("select id from notifications where idem_key = %s", (key,))
            again = await cur.fetchone()
            existing = again["id"] if again else None
    if row["id"] is None:
        assert existing is not None
        return {"notification": int(existing), "channel": channel, "already_done": True}
    metrics.NOTICES.labels("queued").inc()
    return {"notification": int(row["id"]), "channel": channel}


def send_email(settings: Settings, *, to: str, subject: str, body: str,
                headers: dict[str, str] | None = None) -> None:
    assert settings.smtp_host is not None
    msg = EmailMessage()
    msg["From"] = settings.smtp_sender
    msg["To"] = to
    msg["Subject"] = subject
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
        smtp.send_message(msg)


async def _retry_later(conn: Conn, notification: int, error: str) -> None:
    """A failed send: tried again by the next dispatch, given up after its fifth try."""
    log.warning("notification %s not sent: %s", notification, error)
    metrics.NOTICES.labels("failed").inc()
    await conn.execute(
        "update notifications set attempts = attempts + 1, last_error = %s,"
        " status = case when attempts >= 4 then 'failed' else 'pending' end"
        " where id = %s", (error, notification))


async def _send_sms(conn: Conn, settings: Settings, row: dict[str, Any],
                    records: RecordsConnector) -> int:
    """One notice by SMS: its subject and a link to the case page (the whole letter is
    there), to the number of the citizen's contact record. 1 when sent."""
    phone = None
    if settings.sms_url:
        contact = await records.get(row["citizen_id"], "contact") or {}
        phone = sms.normalise(str(contact.get("phone") or ""))
    if not phone:
        await conn.execute("update notifications set status = 'kept' where id = %s",
                           (row["id"],))
        return 0
    # A question is short and the point of the message: the citizen reads it, and may answer
    # it, from the SMS itself. Any other notice is its subject; the letter is on the page.
    head = row["body"] if row["kind"] == "question" else row["subject"]
    text = sms.short_text(head, sms.case_link(settings, str(row["case_id"])),
                          max_segments=settings.sms_max_segments)
    try:
        provider_id = await sms.send(settings, to=phone, text=text, reference=row["idem_key"])
    except sms.SmsError as exc:
        await _retry_later(conn, row["id"], str(exc))
        return 0
    await conn.execute(
        "update notifications set status = 'sent', sent_at = now(), attempts = attempts + 1,"
        " provider_id = %s, delivery_status = 'accepted' where id = %s",
        (provider_id, row["id"]))
    metrics.NOTICES.labels("sent").inc()
    return 1


DeliveryStatus = Literal["queued", "sent", "delivered", "undelivered", "failed", "expired",
                         "rejected"]
# Once one of these is reported, later reports (late or repeated) change nothing.
FINAL_DELIVERY = ("delivered", "undelivered", "failed", "expired", "rejected")


async def record_delivery(pool: Pool, *, provider_id: str, status: str,
                          error: str | None = None) -> dict[str, Any]:
    """The provider's delivery report on an SMS notice, kept on the notice and audited once.

    NotFound when no notice went out with that id.
    """
    async with connection(pool) as conn, conn.transaction():
        cur = await conn.execute(
            "select id, case_id, delivery_status from notifications where provider_id = %s"
            " for update", (provider_id,))
        row = await cur.fetchone()
        if row is None:
            raise NotFound("id: no SMS was sent with this id")
        if row["delivery_status"] in FINAL_DELIVERY or row["delivery_status"] == status:
            return {"notification": int(row["id"]), "status": row["delivery_status"],
                    "changed": False}
        await conn.execute(
            "update notifications set delivery_status = %s, delivery_error = %s,"
            " delivered_at = case when %s = 'delivered' then now() else delivered_at end"
            " where id = %s", (status, error, status, row["id"]))
        await audit.append(conn, case_id=row["case_id"], actor="sms-provider",
                           kind="notification.delivery",
                           data={"notification": int(row["id"]), "status": status})
    return {"notification": int(row["id"]), "status": status, "changed": True}


async def notice(pool: Pool, notification: int) -> dict[str, Any]:
    """One notice as written: its case and citizen, key, kind, channel, subject and body."""
    async with connection(pool) as conn:
        cur = await conn.execute(
            "select n.id, n.case_id, n.idem_key, n.kind, n.channel, n.subject, n.body,"
            " n.delivery_status, c.citizen_id from notifications n"
            " join cases c on c.id = n.case_id where n.id = %s", (notification,))
        row = await cur.fetchone()
    if row is None:
        raise NotFound(f"no notice {notification}")
    return dict(row)


def reply_address(settings: Settings, token: str) -> str:
    return f"reply+{token}@{settings.mail_domain}"


async def mail_headers(conn: Conn, settings: Settings, case_id: str,
                       token: str) -> dict[str, str]:
    """What lets the citizen answer a notice by mail into its case (README "Email"): the
    case's reply address, the citizen's last mail answered, and the mark of a machine's mail
    so that their auto-replies do not answer it (RFC 3834)."""
    headers = {
        "Message-ID": make_msgid(domain=settings.mail_domain),
        "Reply-To": reply_address(settings, token),
        "Auto-Submitted": "auto-generated",
    }
    last = await mail_store.last_received(conn, case_id)
    if last is not None:
        headers["In-Reply-To"] = last
        headers["References"] = last
    return headers


async def _send_email_notice(conn: Conn, settings: Settings, row: dict[str, Any],
                             to: str) -> None:
    """The email branch of the dispatcher: sent, then its Message-ID kept for replies."""
    case_id = str(row["case_id"])
    token = await mail_store.reply_token(conn, case_id)
    headers = await mail_headers(conn, settings, case_id, token)
    # The thread marker, for mail clients that answer without the reply address or the
    # headers (guichet/mail_read.py); the outbox keeps the notice as written.
    body = f"{row['body']}\n\n--\nRéférence de votre dossier : {marker(token)}"
    await asyncio.to_thread(send_email, settings, to=to, subject=row["subject"],
                            body=body, headers=headers)
    await mail_store.record_sent(conn, message_id=headers["Message-ID"], case_id=case_id,
                                 notification_id=int(row["id"]))


async def dispatch_pending(pool: Pool, settings: Settings, *, limit: int = 50,
                           records: RecordsConnector | None = None) -> int:
    """Send pending email and SMS notifications; others stay in the outbox (kept). Returns
    the sent count.

    The address comes from the citizen's contact record, through the records connector.
    """
    sent = 0
    records = records or PostgresRecords(pool)
    # One transaction so the row locks hold while sending; other dispatchers skip them.
    async with connection(pool) as conn, conn.transaction():
        cur = await conn.execute(
            "select n.id, n.case_id, n.idem_key, n.kind, n.channel, n.subject, n.body,"
            " c.citizen_id"
            " from notifications n join cases c on c.id = n.case_id"
            " where n.status = 'pending' order by n.id limit %s for update of n skip locked",
            (limit,),
        )
        rows = await cur.fetchall()
        for row in rows:
            if row["channel"] == "sms":
                sent += await _send_sms(conn, settings, row, records)
                continue
            email = None
            if row["channel"] == "email" and settings.smtp_host:
                email = (await records.get(row["citizen_id"], "contact") or {}).get("email")
            if not email:
                await conn.execute(
                    "update notifications set status = 'kept' where id = %s", (row["id"],)
                )
                continue
            try:
                await _send_email_notice(conn, settings, row, str(email))
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

"""A text message from a citizen: their number to their record, the text into their case.

The sender's number is found in the `contact.phone` records (E.164 or national spelling).
One citizen: the text goes into their most recent open case, or opens a case. No citizen, or
several sharing the number: no case (a reply to the wrong person's case is the worst mistake
a shared phone can cause), and one SMS saying how to reach the service, at most once a day
per number, so that an answering machine on the other side cannot start a loop.

The inbound message, its case message and the case's job commit together, keyed by the
provider's message id: a webhook delivered twice makes one message.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from guichet import cases
from guichet.db import connection
from guichet.deps import Deps
from guichet.errors import InvalidInput
from guichet.store import messages
from guichet.store import sms as inbound
from tools import sms
from tools.records import citizens_with_phone

REPLY_EVERY_H = 24


@dataclass(frozen=True)
class Received:
    outcome: str  # threaded, opened, unknown, ambiguous
    case_id: str | None = None
    message_id: int | None = None
    duplicate: bool = False
    replied: bool = False


def sender_digest(services: Deps, number: str) -> str:
    """A keyed digest of the number: phone numbers are few enough to be guessed back from a
    plain hash, and the table needs only to recognise a sender, not to know them."""
    secret = services.settings.sms_webhook_secret
    key = secret.get_secret_value().encode() if secret else b"guichet-sms"
    return hmac.new(key, number.encode(), hashlib.sha256).hexdigest()[:32]


def unknown_reply(services: Deps) -> str:
    return ("Bonjour, ce numéro n'est associé à aucun dossier. Pour nous écrire, "
            f"connectez-vous à votre espace : {services.settings.public_url.rstrip('/')}"
            "/espace ou présentez-vous à l'accueil de votre mairie.")


async def receive(services: Deps, *, provider_id: str, sender: str, text: str) -> Received:
    number = sms.normalise(sender)
    if number is None:
        raise InvalidInput("from", "not a phone number (06…, +33 6…, 0033 6… or E.164)")
    body = cases.check_text(services, text)
    digest = sender_digest(services, number)
    citizens = await citizens_with_phone(services.pool, sms.spellings(number))
    async with connection(services.pool) as conn, conn.transaction():
        await inbound.lock_sender(conn, digest)
        before = await inbound.seen(conn, provider_id)
        if before is not None:
            return Received(before["outcome"], before["case_id"], before["message_id"],
                            duplicate=True)
        if len(citizens) != 1:
            outcome = "unknown" if not citizens else "ambiguous"
            reply = bool(services.settings.sms_url) and not await inbound.replied_since(
                conn, digest, hours=REPLY_EVERY_H)
            await inbound.record(conn, provider_id=provider_id, sender_digest=digest,
                                 outcome=outcome, replied=reply)
            if reply:
                # Inside the transaction: if the provider does not take the reply, nothing
                # is recorded and its webhook, answered 503, delivers the text again.
                await sms.send(services.settings, to=number, text=unknown_reply(services),
                               reference=f"sms-reply/{provider_id}")
            return Received(outcome, replied=reply)
        cur = await conn.execute(
            "select id::text from cases where citizen_id = %s and settled_at is null"
            " order by created_at desc limit 1 for update", (citizens[0],))
        open_case = await cur.fetchone()
        if open_case is not None:
            case_id = str(open_case["id"])
            message_id = await cases.record_message(conn, case_id=case_id, channel="sms",
                                                    body=body)
            outcome = "threaded"
        else:
            case_id = await cases.open_case(conn, citizen_id=citizens[0], channel="sms",
                                            body=body)
            first = await messages.first_id(conn, case_id=case_id)
            assert first is not None
            message_id, outcome = first, "opened"
        await inbound.record(conn, provider_id=provider_id, sender_digest=digest,
                             outcome=outcome, case_id=case_id, message_id=message_id)
    return Received(outcome, case_id, message_id)

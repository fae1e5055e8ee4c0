"""One inbound mail, from the SMTP listener or a provider's webhook: `ingest(raw)`.

In order: a bounce marks the addresses it reports as failing (when it reports a mail guichet
sent) and goes no further; a machine's mail (auto-reply, list, bulk) is noted and goes no
further; a Message-ID already taken in is not taken again; the sender is found by the
address of their contact record; the mail joins the case its reply address names, else the
case of a Message-ID it answers (In-Reply-To, References), only when that case is the
sender's own and still open (a citizen's follow-up to their own mail joins its case too);
otherwise it opens a case. An unknown sender gets one answer a
day saying how to write in, and nothing is opened.

Neither the mail's addresses nor its text reach a log line; attachments are kept with the
case (guichet/store/attachments.py) and never given to a model.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import smtplib
import uuid
from dataclasses import dataclass, field

from agents.reading import without_quoted
from guichet import audit, cases
from guichet.db import Conn, connection
from guichet.deps import Deps
from guichet.errors import InvalidInput
from guichet.mail_read import Mail, marker_tokens, message_ids, parse, reply_tokens
from guichet.store import attachments
from guichet.store import mail as mail_store
from tools import notify

log = logging.getLogger(__name__)

UNKNOWN_SUBJECT = "Votre message n'a pas pu être rattaché à un dossier"
UNKNOWN_BODY = (
    "Bonjour,\n\n"
    "Nous avons bien reçu votre message, mais l'adresse d'où il a été envoyé ne correspond à"
    " aucun usager connu de nos services. Aucune demande n'a été ouverte.\n\n"
    "Pour être identifié, écrivez-nous depuis l'adresse électronique enregistrée dans votre"
    " dossier, ou déposez votre demande depuis votre espace en ligne après vous être"
    " connecté (FranceConnect). Vous pouvez aussi vous rendre dans un espace France Services.\n\n"
    "Ce message est envoyé automatiquement : il est inutile d'y répondre."
)


@dataclass(frozen=True)
class Ingested:
    outcome: str  # opened, threaded, duplicate, unknown, automatic, bounce
    case_id: str | None = None
    message_id: int | None = None
    refused: tuple[str, ...] = field(default_factory=tuple)


async def ingest(services: Deps, raw: bytes, *, envelope_to: tuple[str, ...] = ()) -> Ingested:
    mail = parse(raw, envelope_to=envelope_to)
    if mail.bounce:
        return await _bounce(services, mail)
    if mail.automatic is not None:
        async with connection(services.pool) as conn:
            fresh = await mail_store.claim(conn, mail.key, "automatic")
        log.info("automatic mail (%s) taken in, not answered", mail.automatic)
        return Ingested("automatic" if fresh else "duplicate")
    async with connection(services.pool) as conn:
        if await mail_store.received(conn, mail.key) is not None:
            return Ingested("duplicate")
        citizens = await mail_store.citizens_by_email(conn, mail.sender) if mail.sender else []
        found = await _thread(conn, services, mail, citizens)
    if found is not None:
        return await _take(services, mail, target=found[0], citizen_id=found[1])
    if len(citizens) != 1:
        # Nobody, or several people sharing the address: who writes cannot be told.
        return await _unknown(services, mail)
    return await _take(services, mail, target=None, citizen_id=citizens[0])


async def _thread(conn: Conn, services: Deps, mail: Mail,
                  citizens: list[str]) -> tuple[str, str] | None:
    """The open case of the sender this mail answers, and that sender: by reply address,
    then by headers, then by thread marker.

    A case found either way that is not the sender's own is passed over: two people answering
    the same notice (one forwarded it) each stay in their own case.
    """
    found = await _cases_of_tokens(conn, reply_tokens(mail, services.settings.mail_domain))
    found += await mail_store.cases_answered(conn, list(mail.references))
    found += await _cases_of_tokens(conn, marker_tokens(mail))
    for case_id in found:
        cur = await conn.execute("select citizen_id, settled_at from cases where id = %s",
                                 (case_id,))
        row = await cur.fetchone()
        if row is not None and row["citizen_id"] in citizens and row["settled_at"] is None:
            return case_id, str(row["citizen_id"])
    return None


async def _cases_of_tokens(conn: Conn, tokens: list[str]) -> list[str]:
    found = []
    for token in tokens[:10]:
        case_id = await mail_store.case_of_token(conn, token)
        if case_id is not None:
            found.append(case_id)
    return found


async def _still_open(conn: Conn, case_id: str) -> bool:
    """Locked until the transaction ends, so that no close slips in before the message."""
    cur = await conn.execute("select settled_at from cases where id = %s for update",
                             (case_id,))
    row = await cur.fetchone()
    return row is not None and row["settled_at"] is None


def _text(services: Deps, mail: Mail, *, files: int) -> str:
    text = without_quoted(mail.text).strip()
    if not text:
        text = mail.subject.strip()
    if not text:
        text = f"(message sans texte, {files} pièce(s) jointe(s))"
    limit = services.settings.max_text_chars
    return text if len(text) <= limit else text[: limit - 3] + "[…]"


def _judge(services: Deps, mail: Mail) -> tuple[list[attachments.Checked], list[str]]:
    """The files kept and, for each refused one, why (said back to the citizen)."""
    s = services.settings
    kept: list[attachments.Checked] = []
    refused: list[str] = []
    for f in mail.files:
        if len(kept) >= s.attachment_max_files:
            refused.append(f"{attachments.safe_name(f.filename)} : au plus "
                           f"{s.attachment_max_files} pièces jointes par message")
            continue
        try:
            kept += attachments.check([f], max_bytes=s.attachment_max_bytes, max_files=1)
        except InvalidInput as exc:
            refused.append(exc.reason)
    return kept, refused


async def _take(services: Deps, mail: Mail, *, target: str | None,
                citizen_id: str) -> Ingested:
    kept, refused = _judge(services, mail)
    body = _text(services, mail, files=len(mail.files))
    outcome = "threaded" if target is not None else "opened"
    # One transaction: the Message-ID, the message, its files and its run, or none of them;
    # a second delivery of the same mail waits on the first's Message-ID, then finds it.
    async with connection(services.pool) as conn, conn.transaction():
        if not await mail_store.claim(conn, mail.key, outcome):
            return Ingested("duplicate")
        if target is not None and not await _still_open(conn, target):
            # Closed since it was chosen: the mail opens a case of its own, as for any
            # answer to a closed case.
            target, outcome = None, "opened"
        if target is not None:
            case_id = target
            message_id = await cases.record_message(conn, case_id=case_id, body=body,
                                                       channel="email")
        else:
            case_id = str(uuid.uuid4())
            message_id = await cases.open_case_in(conn, case_id=case_id,
                                                  citizen_id=citizen_id, body=body,
                                                  channel="email")
        await attachments.add(conn, case_id=case_id, message_id=message_id, files=kept)
        await mail_store.settle(conn, mail.key, case_id=case_id, case_message_id=message_id,
                                outcome=outcome)
        if kept or refused:
            await audit.append(conn, case_id=case_id, actor="citizen",
                               kind="mail.attachments",
                               data={"message_id": message_id, "kept": len(kept),
                                     "refused": len(refused)})
        if refused:  # in the same transaction: the mail and its answer, or neither
            await _say_refused(conn, services, case_id, mail, refused)
    return Ingested(outcome, case_id=case_id, message_id=message_id, refused=tuple(refused))


async def _say_refused(conn: Conn, services: Deps, case_id: str, mail: Mail,
                       refused: list[str]) -> None:
    """The mail is taken; the files that were not are named back, by mail, once."""
    digest = hashlib.sha256(mail.key.encode()).hexdigest()[:24]
    lines = ["Bonjour,", "", "Votre message a bien été joint à votre dossier, mais ces pièces"
             " jointes n'ont pas pu être acceptées :", ""]
    lines += [f"- {r}" for r in refused]
    lines += ["", "Formats acceptés : PDF, JPEG, PNG ou texte, "
              f"{services.settings.attachment_max_bytes // (1024 * 1024)} Mo au plus par"
              " fichier. Vous pouvez les renvoyer en répondant à ce message.",
              "", services.catalogue.human_contact]
    await notify.enqueue(conn, case_id=uuid.UUID(case_id),
                         key=f"{case_id}/mail/{digest}/refused", kind="attachments",
                         channel="email", subject="Pièces jointes non acceptées",
                         body="\n".join(lines), actor="agent")


async def _unknown(services: Deps, mail: Mail) -> Ingested:
    async with connection(services.pool) as conn, conn.transaction():
        if not await mail_store.claim(conn, mail.key, "unknown"):
            return Ingested("duplicate")
        answer = bool(mail.sender) and await mail_store.may_answer_unknown(
            conn, mail.sender, services.now().date())
    if answer and services.settings.smtp_host:
        headers = {"Auto-Submitted": "auto-replied"}
        if not mail.key.startswith("sha256:"):
            headers |= {"In-Reply-To": mail.key, "References": mail.key}
        try:
            # At most once: the day's answer is counted before it goes, so a failure
            # here is no loop; a mail provider's bounce of it is a bounce, answered by nobody.
            await asyncio.to_thread(notify.send_email, services.settings, to=mail.sender,
                                    subject=UNKNOWN_SUBJECT, body=UNKNOWN_BODY,
                                    headers=headers)
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("answer to an unknown sender not sent: %s", type(exc).__name__)
    log.info("mail from an unknown sender: no case (answered: %s)", answer)
    return Ingested("unknown")


async def _bounce(services: Deps, mail: Mail) -> Ingested:
    """A delivery failure report: addresses it gives up on are marked failing, but only
    when it reports a mail guichet sent (anyone can write a bounce)."""
    async with connection(services.pool) as conn, conn.transaction():
        if not await mail_store.claim(conn, mail.key, "bounce"):
            return Ingested("duplicate")
        ours = await mail_store.cases_of_sent(conn, message_ids(mail.raw_text))
        if not ours or not mail.failed:
            return Ingested("bounce")
        for address in mail.failed:
            await mail_store.mark_failing(conn, address, "permanent delivery failure")
        await audit.append(conn, case_id=ours[0], actor="system", kind="mail.bounced",
                           data={"addresses": len(mail.failed)})
    log.info("permanent bounce: %s address(es) marked failing", len(mail.failed))
    return Ingested("bounce", case_id=ours[0])

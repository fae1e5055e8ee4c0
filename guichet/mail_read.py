"""Reading one inbound mail: who sent it, what it answers, what it says, what it carries,
and whether a machine wrote it (an auto-reply, a list, a bounce), which nothing answers.

Pure functions over the raw bytes; guichet/mail_in.py decides what to do with the result.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

import flufl.bounce
from inscriptis import get_text

from guichet.store.attachments import Incoming

# Message-IDs as written between angle brackets; no controls (Postgres text refuses NUL).
_MSGID = re.compile(r"<[^<>\s\x00-\x1f\x7f]{1,400}>")
_REPLY = r"reply\+([0-9a-f]{32})@"
# The thread marker in the body of every mail guichet sends, for providers and clients that
# drop both the reply address and the headers: a quoted reply still carries it (FreeScout).
_MARKER = re.compile(r"\[guichet:([0-9a-f]{32})\]")


def marker(token: str) -> str:
    return f"[guichet:{token}]"
# Senders that are machines answering for a mailbox (RFC 3834 and the usual spellings).
_DAEMONS = ("mailer-daemon", "postmaster")
_BULK = ("bulk", "list", "junk", "auto_reply")


@dataclass(frozen=True)
class Mail:
    key: str  # the Message-ID, or a digest of the bytes when the mail has none
    sender: str  # lower case, "" when none can be read
    recipients: tuple[str, ...]
    references: tuple[str, ...]  # In-Reply-To then References, oldest first
    subject: str
    text: str
    files: tuple[Incoming, ...] = field(default_factory=tuple)
    automatic: str | None = None  # why a machine wrote it, when one did
    bounce: bool = False
    failed: tuple[str, ...] = ()  # addresses a bounce says are gone for good
    raw_text: str = ""  # the bounce as text, to find which of our mails it reports


def parse(raw: bytes, *, envelope_to: tuple[str, ...] = ()) -> Mail:
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(msg, EmailMessage)
    mid = _first_id(_header(msg, "Message-ID"))
    key = mid or "sha256:" + hashlib.sha256(raw).hexdigest()
    sender = _clean(parseaddr(_header(msg, "From"))[1]).strip().lower()
    if "@" not in sender:
        sender = ""
    recipients = tuple(_clean(a).lower() for _, a in getaddresses(
        [_header(msg, h, every=True) for h in ("To", "Cc", "Delivered-To", "X-Original-To")])
        if a) + tuple(_clean(a).lower() for a in envelope_to)
    refs = tuple(_MSGID.findall(_header(msg, "References")))
    replying = tuple(_MSGID.findall(_header(msg, "In-Reply-To")))
    bounce = _is_bounce(msg, sender)
    failed: tuple[str, ...] = ()
    if bounce:
        failed = _permanent_failures(msg)
    text, files = _body(msg)
    return Mail(key=key, sender=sender, recipients=recipients, references=refs + replying,
                subject=_clean(_header(msg, "Subject")), text=text, files=tuple(files),
                automatic=None if bounce else _automatic(msg), bounce=bounce, failed=failed,
                raw_text=_clean(raw.decode("utf-8", "replace")) if bounce else "")


def reply_tokens(mail: Mail, domain: str) -> list[str]:
    """Tokens of reply addresses (reply+<token>@domain) the mail was sent to."""
    pattern = re.compile(_REPLY + re.escape(domain.lower()) + "$")
    return [m.group(1) for a in mail.recipients if (m := pattern.match(a))]


def marker_tokens(mail: Mail) -> list[str]:
    """Tokens of thread markers in the subject and the text, quoted history included."""
    return [t for text in (mail.subject, mail.text) for t in _MARKER.findall(text)]


def message_ids(text: str) -> list[str]:
    return _MSGID.findall(text)


def _clean(text: str) -> str:
    """Text Postgres takes: no NUL, no lone surrogate (a header decoded from bad bytes)."""
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def _header(msg: Message, name: str, *, every: bool = False) -> str:
    """A header as text; a header too broken to parse reads as empty, never as an error."""
    try:
        values = msg.get_all(name, []) if every else [msg.get(name, "")]
        return ", ".join(str(v) for v in values)
    except (ValueError, TypeError, IndexError, AttributeError):
        return ""


def _first_id(value: str) -> str | None:
    found = _MSGID.findall(value)
    return found[0][:400] if found else None


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _permanent_failures(msg: Message) -> tuple[str, ...]:
    try:
        _temporary, permanent = flufl.bounce.all_failures(msg)  # in this order
    except Exception:  # a detector tripping on a malformed report: nothing is marked
        return ()
    return tuple(sorted({_clean(_text(a)).lower() for a in permanent}))


def _is_bounce(msg: Message, sender: str) -> bool:
    if msg.get_content_type() == "multipart/report":
        return True
    return sender.split("@")[0] in _DAEMONS or _header(msg, "Return-Path").strip() == "<>"


def _automatic(msg: Message) -> str | None:
    """Why this mail was written by a machine (RFC 3834, the vacation and list headers)."""
    auto = _header(msg, "Auto-Submitted").strip().lower()
    if auto and auto != "no":
        return "auto-submitted"
    for header in ("X-Autoreply", "X-Autorespond", "List-Id",
                   "List-Unsubscribe", "X-Loop"):
        if msg.get(header) is not None:
            return header.lower()
    if _header(msg, "Precedence").strip().lower() in _BULK:
        return "precedence"
    return None


def _body(msg: EmailMessage) -> tuple[str, list[Incoming]]:
    """The mail's text (its plain part, or its HTML part made text) and its attached files."""
    plain: str | None = None
    html: str | None = None
    files: list[Incoming] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        disposition = part.get_content_disposition()
        kind = part.get_content_type()
        if disposition == "attachment" or (part.get_filename() and disposition != "inline"):
            data = part.get_payload(decode=True)
            if isinstance(data, bytes):
                files.append(Incoming(filename=part.get_filename() or "piece-jointe", data=data))
            continue
        if kind == "text/plain" and plain is None:
            plain = _content(part)
        elif kind == "text/html" and html is None:
            html = _content(part)
        elif disposition == "inline" and part.get_filename():
            data = part.get_payload(decode=True)
            if isinstance(data, bytes):
                files.append(Incoming(filename=part.get_filename() or "piece-jointe", data=data))
    if plain is not None and plain.strip():
        return plain, files
    # HTML made text by inscriptis: scripts, styles and markup go, the layout's lines stay.
    return _html_text(html), files


def _html_text(html: str | None) -> str:
    if not html or not html.strip():
        return ""
    try:
        return _clean(get_text(html))
    except Exception:  # lxml refusing a broken document: its text is lost, not the mail
        return ""


def _content(part: Message) -> str:
    try:
        value = part.get_content()  # type: ignore[attr-defined]
    except (LookupError, ValueError):
        data = part.get_payload(decode=True)
        value = data.decode("utf-8", "replace") if isinstance(data, bytes) else ""
    return _clean(str(value))

"""SMS: French numbers in E.164, short texts that fit a few segments, the provider's HTTP API.

The provider's API is the usual shape (one JSON POST per message, a bearer key, an id in the
answer); the notice's idempotency key goes with it as `Idempotency-Key`, so that a send
repeated after a crash between the provider's answer and our commit is one message for a
provider that honours it.
"""

from __future__ import annotations

import re

import httpx

from guichet.settings import Settings

# GSM 03.38: the basic alphabet (one unit each) and its extension table (two units each,
# an escape and the character). Any other character turns the whole text into UCS-2.
_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
_GSM_EXT = set("^{}\\[~]|€\f")
_SEPARATORS = re.compile(r"[\s.\-()/]")


class SmsError(Exception):
    """The provider did not take the message (unreachable, refused, or answered nonsense)."""


def normalise(number: str) -> str | None:
    """The number in E.164, or None when it is no phone number.

    French numbers as people and providers write them: `06 12 34 56 78`, `+33 6 12…`,
    `+33 (0)6…`, `0033 6…`, `33612…`. Other countries' numbers are kept when already in
    international form (DOM numbers, +262…, included).
    """
    s = _SEPARATORS.sub("", number.strip())
    if s.startswith("00"):
        s = "+" + s[2:]
    elif re.fullmatch(r"33[1-9]\d{8}", s):
        s = "+" + s
    if s.startswith("+33"):
        rest = s[3:]
        if rest.startswith("0"):  # the "(0)" some write after the country code
            rest = rest[1:]
        return "+33" + rest if re.fullmatch(r"[1-9]\d{8}", rest) else None
    if re.fullmatch(r"0[1-9]\d{8}", s):
        return "+33" + s[1:]
    if re.fullmatch(r"\+[1-9]\d{7,14}", s):
        return s
    return None


def spellings(e164: str) -> list[str]:
    """How a record may hold the number: E.164, and the national form for French ones."""
    return [e164, "0" + e164[3:]] if e164.startswith("+33") else [e164]


def segments(text: str) -> int:
    """How many SMS the text takes: 160/153 units in GSM-7, 70/67 in UCS-2."""
    if all(ch in _GSM_BASIC or ch in _GSM_EXT for ch in text):
        units, single, part = sum(2 if ch in _GSM_EXT else 1 for ch in text), 160, 153
    else:
        units, single, part = len(text.encode("utf-16-le")) // 2, 70, 67
    return 1 if units <= single else -(-units // part)


def short_text(subject: str, link: str, *, max_segments: int) -> str:
    """A notice as an SMS: its subject and where to read it, within `max_segments`.

    The link is never cut (it is the point of the message); the subject is shortened.
    """
    tail = f"\ndétails : {link}"
    text = subject.strip() + tail
    if segments(text) <= max_segments:
        return text
    words = subject.split()
    while words and segments(" ".join(words) + "..." + tail) > max_segments:
        words.pop()
    return " ".join(words) + "..." + tail if words else tail.lstrip("\n")


def case_link(settings: Settings, case_id: str) -> str:
    """The case's page in the citizen's web space."""
    return f"{settings.public_url.rstrip('/')}/espace/cases/{case_id}"


async def send(settings: Settings, *, to: str, text: str, reference: str) -> str:
    """Hand one SMS to the provider; its message id. SmsError when it did not take it."""
    if not settings.sms_url:
        raise SmsError("no SMS provider configured")
    headers = {"Idempotency-Key": reference}
    if settings.sms_key is not None:
        headers["Authorization"] = f"Bearer {settings.sms_key.get_secret_value()}"
    payload = {"from": settings.sms_sender, "to": to, "text": text, "reference": reference}
    try:
        async with httpx.AsyncClient(timeout=settings.sms_timeout_s) as client:
            r = await client.post(settings.sms_url, json=payload, headers=headers)
    except httpx.HTTPError as exc:
        raise SmsError(type(exc).__name__) from exc
    if r.status_code >= 300:
        raise SmsError(f"provider answered {r.status_code}")
    try:
        body = r.json()
    except ValueError:
        raise SmsError("provider answered no JSON") from None
    found = (body.get("id") or body.get("message_id")) if isinstance(body, dict) else None
    if not isinstance(found, str | int) or not str(found).strip() or len(str(found)) > 200:
        raise SmsError("provider answered no message id")
    return str(found)

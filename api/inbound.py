"""`POST /v1/inbound/email`: raw MIME from a mail provider's inbound webhook.

The provider proves itself with the shared secret GUICHET_INBOUND_EMAIL_SECRET in the
X-Guichet-Inbound-Secret header (compared in constant time); without the setting the route
refuses everyone. The body is the mail as received (message/rfc822), taken in exactly as
the SMTP listener takes it (guichet/mail_in.py).
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Request
from pydantic import BaseModel

from api.deps import ServicesDep
from api.problems import responses
from guichet import mail_in
from guichet.errors import InvalidInput, TooLarge
from guichet.mail_listen import max_mail_bytes

router = APIRouter(prefix="/v1/inbound", tags=["inbound"])


class InboundTaken(BaseModel):
    outcome: str
    case_id: str | None = None
    refused_attachments: list[str] = []


# What providers post a raw mail as.
MAIL_TYPES = ("message/rfc822", "application/octet-stream", "text/plain")


@router.post("/email", response_model=InboundTaken, responses=responses(401, 403, 413, 415),
             openapi_extra={"requestBody": {
                 "content": {"message/rfc822": {"schema": {"type": "string"}}},
                 "required": True}})
async def inbound_email(
    request: Request, services: ServicesDep,
    secret: Annotated[str | None, Header(alias="X-Guichet-Inbound-Secret",
                                         max_length=512)] = None,
) -> InboundTaken:
    """Take in one mail; its outcome: opened, threaded, duplicate, unknown, automatic, bounce."""
    expected = services.settings.inbound_email_secret
    if expected is None:
        raise HTTPException(403, "the inbound email webhook is off: set "
                                 "GUICHET_INBOUND_EMAIL_SECRET")
    if secret is None or not hmac.compare_digest(secret.encode(),
                                                 expected.get_secret_value().encode()):
        raise HTTPException(401, "X-Guichet-Inbound-Secret: missing or wrong")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in MAIL_TYPES:
        raise HTTPException(415, "Content-Type: the raw mail as message/rfc822 is expected")
    limit = max_mail_bytes(services)
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > limit:
            raise TooLarge("body", f"more than {limit} bytes")
    if not raw.strip():
        raise InvalidInput("body", "empty: the raw mail (message/rfc822) is expected")
    done = await mail_in.ingest(services, bytes(raw))
    return InboundTaken(outcome=done.outcome, case_id=done.case_id,
                        refused_attachments=list(done.refused))

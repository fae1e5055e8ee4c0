"""The inbound SMTP listener (aiosmtpd), on the service's own event loop and pool.

Started by `guichet serve` when GUICHET_SMTP_LISTEN=host:port is set. It accepts mail for
addresses of GUICHET_MAIL_DOMAIN only (it relays nothing) and hands each one to
`mail_in.ingest`. A mail that cannot be taken in now (the database away) is refused with a
temporary 451, so that the sending server keeps it and tries again: nothing is lost.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from guichet import mail_in
from guichet.deps import Deps

log = logging.getLogger(__name__)


class Handler:
    def __init__(self, services: Deps) -> None:
        self.services = services
        self.domain = services.settings.mail_domain.lower()

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        if not address.lower().endswith("@" + self.domain):
            return "550 5.7.1 relaying denied: not a mailbox of this service"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content
        if not isinstance(raw, bytes):
            raw = str(raw).encode("utf-8", "surrogateescape")
        try:
            done = await mail_in.ingest(self.services, raw,
                                        envelope_to=tuple(envelope.rcpt_tos))
        except Exception as exc:
            log.error("inbound mail not taken in: %s", type(exc).__name__, exc_info=exc)
            return "451 4.3.0 not taken in now, try again later"
        log.info("inbound mail: %s", done.outcome)
        return "250 OK"


def max_mail_bytes(services: Deps) -> int:
    s = services.settings
    # Every allowed file at its largest, base64-encoded (4/3), and room for the text.
    return (s.attachment_max_files + 1) * s.attachment_max_bytes * 4 // 3 + 1024 * 1024


@asynccontextmanager
async def listening(services: Deps, host: str, port: int) -> AsyncIterator[Any]:
    """Serve SMTP on host:port while the block runs."""
    loop = asyncio.get_running_loop()
    handler = Handler(services)
    server = await loop.create_server(
        lambda: SMTP(handler, data_size_limit=max_mail_bytes(services), enable_SMTPUTF8=True,
                     hostname=services.settings.mail_domain, loop=loop),
        host=host, port=port)
    log.info("SMTP listener on %s:%s", host, port)
    try:
        yield server
    finally:
        server.close()
        await server.wait_closed()

"""Notifications reach a real SMTP server on localhost when one is configured."""

from __future__ import annotations

import asyncio
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

from tests import citizens as pop
from tests.openai_server import free_port
from tests.support import make_settings, running_service
from tools.notify import dispatch_pending


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


async def test_acknowledgement_and_decision_are_emailed_once(tmp_path: Path, db_url: str) -> None:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = make_settings(tmp_path, smtp_host="127.0.0.1", smtp_port=port)
        c = pop.pick(lambda c: pop.alive_adult(c)
                     and c["contact"]["preferred_channel"] == "email" and c["contact"]["email"])
        async with running_service(settings, db_url) as running:
            r = await running.client.post(
                "/v1/cases", json={"text": "Un lampadaire ne s'allume plus rue Foch"},
                headers=running.auth("citizen", c["id"]))
            await running.settle(r.json()["id"])
            sent = await dispatch_pending(running.services.pool, settings)
            again = await dispatch_pending(running.services.pool, settings)
        await asyncio.sleep(0.1)
    finally:
        controller.stop()
    assert (sent, again) == (2, 0)
    assert all(rcpt == [c["contact"]["email"]] for rcpt, _ in inbox.messages)
    subjects = [str(make_header(decode_header(m["Subject"]))) for _, m in inbox.messages]
    assert subjects[0] == "Accusé de réception de votre demande"
    body = inbox.messages[1][1].get_payload(decode=True).decode()
    assert "L311-3-1" in body

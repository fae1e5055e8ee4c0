"""One log line per request: method, route path, status, duration, and the case it is about.

The query string is never logged (a console login carries a token there), nor the client's
address; the case id is taken from the path so that a case's lines can be followed across
the API and the workers.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from guichet import logs

log = logging.getLogger("guichet.access")

_CASE = re.compile(r"/cases/([0-9a-fA-F-]{36})(?:/|$)")


class AccessLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        status: dict[str, Any] = {"code": 500}

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        m = _CASE.search(path)
        started = time.perf_counter()
        with logs.bound(case_id=m.group(1) if m else None):
            try:
                await self.app(scope, receive, sending)
            finally:
                log.info("%s %s %s %.1f ms", scope["method"], path, status["code"],
                         (time.perf_counter() - started) * 1000)

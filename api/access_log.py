"""One log line per request: method, route path, status, duration, and the case it is about.

Neither the query string nor any header (Authorization, Cookie) is logged, nor the client's
address: tokens travel in headers and form bodies only (a `?token=` on the login pages is
refused), and a path that looks like it carries a JWT is masked too. The case id is taken
from the path so that a case's lines can be followed across the API and the workers.
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
# A JWT's header always starts with `eyJ` (base64 of `{"`): mask anything shaped like one.
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)?")


def loggable(path: str) -> str:
    """The path as it may be logged: any token-shaped part replaced by a placeholder."""
    return _JWT.sub("[token]", path)


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
                log.info("%s %s %s %.1f ms", scope["method"], loggable(path), status["code"],
                         (time.perf_counter() - started) * 1000)

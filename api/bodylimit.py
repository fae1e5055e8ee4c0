"""A cap on request bodies, enforced before anything parses them.

A declared Content-Length over the cap is refused before one byte of the body is read; a
body sent without one (chunked) is counted as it streams, and refused as soon as the count
passes the cap. Either way the answer is a 413 problem, and the body is never held whole.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import problem


class BodyTooLarge(HTTPException):
    """Raised from `receive`: FastAPI lets an HTTPException through as it is, where it turns
    any other error met while reading a body into a 400."""

    def __init__(self, cap: int) -> None:
        super().__init__(413, f"the request body is over {cap} bytes")
        self.cap = cap


def too_large(cap: int) -> tuple[str, str, str]:
    return f"the request body is over {cap} bytes", "body", f"at most {cap} bytes"


class BodyLimit:
    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0
        started = False

        async def counting() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def sending(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting, sending)
        except BodyTooLarge:
            # Reached here only when no handler answered it (a route that reads its body
            # itself): answer it, unless a response is already on its way.
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail, field, reason = too_large(self.max_bytes)
        # The rest of the body is not read: the connection cannot carry another request.
        response = problem(413, detail, field=field, reason=reason,
                           headers={"Connection": "close"})
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            if not (text.isascii() and text.isdigit()):
                return None  # the server refuses a malformed length before we see it
            # A length of more digits than any cap is over it, without building the number.
            return int(text) if len(text) <= 18 else 10**18
    return None

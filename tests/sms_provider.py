"""A local HTTP server playing an SMS provider: it records what it is sent and answers with
message ids, or fails on demand (served by uvicorn on a free port, in the test's loop)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from tests.openai_server import free_port

KEY = "provider-key-for-tests"


@dataclass
class Provider:
    url: str = ""
    sent: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    fail_next: int = 0  # answer 500 to this many sends first
    refused: int = 0

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/v1/sms")
        async def send(request: Request) -> JSONResponse:
            if request.headers.get("authorization") != f"Bearer {KEY}":
                return JSONResponse({"error": "bad key"}, status_code=401)
            if self.fail_next > 0:
                self.fail_next -= 1
                self.refused += 1
                return JSONResponse({"error": "busy"}, status_code=500)
            self.sent.append(await request.json())
            self.headers.append(dict(request.headers))
            return JSONResponse({"id": f"prov-{len(self.sent)}", "status": "accepted"})

        return app

    def to(self, number: str) -> list[dict[str, Any]]:
        return [m for m in self.sent if m["to"] == number]


@contextlib.asynccontextmanager
async def sms_provider() -> AsyncIterator[Provider]:
    provider = Provider()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(provider.app(), host="127.0.0.1", port=port,
                                           lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        assert not task.done(), "the SMS provider did not start"
        await asyncio.sleep(0.02)
    provider.url = f"http://127.0.0.1:{port}/v1/sms"
    try:
        yield provider
    finally:
        server.should_exit = True
        await task

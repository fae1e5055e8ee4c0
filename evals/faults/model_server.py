"""An OpenAI-compatible endpoint answering with the offline model; it can fail or hang on cue.

Run as a process of its own: `python -m evals.faults.model_server --port 8123`. Workers use
it through `GUICHET_MODEL=openai` and `OPENAI_BASE_URL=http://127.0.0.1:8123/v1`. The suite
switches its mode with `POST /_faults {"mode": "ok" | "error" | "hang"}`: `error` answers
HTTP 500, `hang` holds each request `hang_s` seconds (longer than the client's timeout).
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from langchain_core.messages import AIMessage
from pydantic import BaseModel

from agents.offline import OfflineModel
from evals.faults.wire import completion, request_messages, request_tools

Mode = Literal["ok", "error", "hang"]
MODEL_NAME = "guichet-offline-over-http"


class FaultBody(BaseModel):
    mode: Mode
    hang_s: float | None = None


@dataclass
class ServerState:
    mode: Mode = "ok"
    hang_s: float = 30.0
    served: Counter[str] = field(default_factory=Counter)


def make_app(*, hang_s: float = 30.0) -> FastAPI:
    """The endpoint; `app.state.faults` holds its mode and what it served, by outcome."""
    app = FastAPI(title="offline model over the OpenAI protocol")
    state = ServerState(hang_s=hang_s)
    app.state.faults = state
    model = OfflineModel()

    @app.post("/v1/chat/completions", response_model=None)
    async def chat(request: Request) -> dict[str, Any] | JSONResponse:
        mode = state.mode
        if mode == "error":
            state.served["error"] += 1
            return JSONResponse({"error": {"message": "injected failure", "type": "server_error"}},
                                status_code=500)
        if mode == "hang":
            state.served["hang"] += 1
            await asyncio.sleep(state.hang_s)
            return JSONResponse({"error": {"message": "injected hang", "type": "timeout"}},
                                status_code=504)
        body = await request.json()
        bound = model.bind_tools(request_tools(body), tool_choice=body.get("tool_choice"))
        reply = await bound.ainvoke(request_messages(body))
        assert isinstance(reply, AIMessage)
        state.served["ok"] += 1
        return completion(reply, model=str(body.get("model") or MODEL_NAME))

    @app.post("/_faults")
    async def set_mode(body: FaultBody) -> dict[str, Any]:
        state.mode = body.mode
        if body.hang_s is not None:
            state.hang_s = body.hang_s
        return {"mode": state.mode, "hang_s": state.hang_s}

    @app.get("/_faults")
    async def get_mode() -> dict[str, Any]:
        return {"mode": state.mode, "hang_s": state.hang_s, "served": dict(state.served)}

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--hang-s", type=float, default=30.0)
    args = parser.parse_args()
    uvicorn.run(make_app(hang_s=args.hang_s), host="127.0.0.1", port=args.port,
                log_level="warning")


if __name__ == "__main__":
    main()

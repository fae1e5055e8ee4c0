"""Shared pieces of the case graph's nodes: tool context, audited model calls, and the
helpers that reach the world through the run's port (graphs/world.py)."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.runnables import Runnable

from graphs.state import CaseState, RunContext
from guichet import audit, metrics
from tools.context import ToolContext


async def tool_context(state: CaseState, ctx: RunContext, *, step: int = 0) -> ToolContext:
    case_id = state["case_id"]
    procedure = ctx.catalogue.procedure(state["procedures"][state.get("current", 0)])
    return ToolContext(
        case_id=UUID(case_id), citizen_id=ctx.citizen_id, procedure=procedure,
        catalogue=ctx.catalogue, pool=ctx.pool, records=ctx.records,
        placeholders=await ctx.world.placeholders(case_id), now=ctx.now, step=step,
        events=ctx.world.events,
    )


def record(ctx: RunContext, *, actor: str, kind: str, data: dict[str, Any]) -> None:
    """An audit event of this step, written with the others when the step ends."""
    ctx.world.events.append(audit.Event(actor=actor, kind=kind, data=data))


async def flush_events(ctx: RunContext, case_id: str) -> None:
    await ctx.world.flush(case_id)


def _message_view(m: BaseMessage) -> dict[str, Any]:
    view: dict[str, Any] = {"type": m.type, "content": m.content}
    if isinstance(m, AIMessage) and m.tool_calls:
        view["tool_calls"] = [{"name": c["name"], "args": c["args"]} for c in m.tool_calls]
    return view


def audit_model_call(
    ctx: RunContext, *, node: str, sent: Sequence[BaseMessage], reply: AIMessage
) -> None:
    """Every model call, as sent (already redacted) and as answered."""
    record(ctx, actor="model", kind="model.call", data={
        "node": node,
        "input": [_message_view(m) for m in sent],
        "output": _message_view(reply),
        "invalid_tool_calls": [
            {"name": c.get("name"), "error": c.get("error")} for c in reply.invalid_tool_calls
        ],
        "usage": dict(reply.usage_metadata or {}),
    })


async def call_model(ctx: RunContext, case_id: str, *, node: str, model: Runnable[Any, Any],
                     sent: Sequence[BaseMessage]) -> AIMessage:
    """One model call, audited as sent and answered; a failed call leaves its event too."""
    started = time.perf_counter()
    try:
        reply = await model.ainvoke(list(sent))
    except Exception as exc:
        metrics.MODEL_CALLS.labels(node, "error").inc()
        # The class and the HTTP status only: an endpoint's error text may echo the prompt.
        record(ctx, actor="model", kind="model.failed", data={
            "node": node, "error": type(exc).__name__,
            "status": getattr(exc, "status_code", None)})
        raise
    metrics.MODEL_CALLS.labels(node, "ok").inc()
    metrics.MODEL_SECONDS.labels(node).observe(time.perf_counter() - started)
    assert isinstance(reply, AIMessage)
    audit_model_call(ctx, node=node, sent=sent, reply=reply)
    return reply


def audit_tool(ctx: RunContext, *, name: str, args: dict[str, Any], outcome: str,
               result: Any) -> None:
    record(ctx, actor="agent", kind="tool.call", data={
        "tool": name, "args": args, "outcome": outcome,
        "result": json.loads(json.dumps(result, default=str))})


async def set_status(ctx: RunContext, case_id: str, *, status: str, holder: str, reason: str,
                     procedures: list[str] | None = None, summary: str | None = None) -> None:
    await ctx.world.set_status(case_id, status=status, holder=holder, reason=reason,
                               procedures=procedures, summary=summary)


async def enqueue_notice(ctx: RunContext, *, case_id: str, key: str, kind: str, subject: str,
                         body: str) -> None:
    """A notice to the citizen on their channel."""
    await ctx.world.notify(case_id, key=key, kind=kind, subject=subject, body=body)

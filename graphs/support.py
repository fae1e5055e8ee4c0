"""Shared pieces of the case graph's nodes: tool context, audited model calls."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.runnables import Runnable

from graphs import casedb
from graphs.state import CaseState, RunContext
from guichet import audit, metrics
from guichet.db import connection
from tools import notify
from tools.context import ToolContext
from tools.notices import preferred_channel
from tools.redaction import Placeholders


async def tool_context(state: CaseState, ctx: RunContext, *, step: int = 0) -> ToolContext:
    case_id = state["case_id"]
    procedure = ctx.catalogue.procedure(state["procedures"][state.get("current", 0)])
    mapping = await casedb.load_placeholders(ctx.pool, case_id)
    return ToolContext(
        case_id=UUID(case_id), citizen_id=ctx.citizen_id, procedure=procedure,
        catalogue=ctx.catalogue, pool=ctx.pool, records=ctx.records,
        placeholders=Placeholders.from_dict(mapping), now=ctx.now, step=step,
    )


def _message_view(m: BaseMessage) -> dict[str, Any]:
    view: dict[str, Any] = {"type": m.type, "content": m.content}
    if isinstance(m, AIMessage) and m.tool_calls:
        view["tool_calls"] = [{"name": c["name"], "args": c["args"]} for c in m.tool_calls]
    return view


async def audit_model_call(
    ctx: RunContext, case_id: str, *, node: str, sent: Sequence[BaseMessage], reply: AIMessage
) -> None:
    """Every model call, as sent (already redacted) and as answered."""
    data = {
        "node": node,
        "input": [_message_view(m) for m in sent],
        "output": _message_view(reply),
        "invalid_tool_calls": [
            {"name": c.get("name"), "error": c.get("error")} for c in reply.invalid_tool_calls
        ],
        "usage": dict(reply.usage_metadata or {}),
    }
    if ctx.replay is not None:  # replay sandbox: kept for comparison, not appended
        ctx.replay.audit("model.call", data)
        return
    async with connection(ctx.pool) as conn:
        await audit.append(conn, case_id=case_id, actor="model", kind="model.call", data=data)


async def call_model(ctx: RunContext, case_id: str, *, node: str, model: Runnable[Any, Any],
                     sent: Sequence[BaseMessage]) -> AIMessage:
    """One model call, audited as sent and answered; a failed call leaves its event too."""
    started = time.perf_counter()
    try:
        reply = await model.ainvoke(list(sent))
    except Exception as exc:
        metrics.MODEL_CALLS.labels(node, "error").inc()
        # The class and the HTTP status only: an endpoint's error text may echo the prompt.
        data = {"node": node, "error": type(exc).__name__,
                "status": getattr(exc, "status_code", None)}
        if ctx.replay is None:  # a replay's model failing is the replay's own report
            async with connection(ctx.pool) as conn:
                await audit.append(conn, case_id=case_id, actor="model", kind="model.failed",
                                   data=data)
        raise
    metrics.MODEL_CALLS.labels(node, "ok").inc()
    metrics.MODEL_SECONDS.labels(node).observe(time.perf_counter() - started)
    assert isinstance(reply, AIMessage)
    await audit_model_call(ctx, case_id, node=node, sent=sent, reply=reply)
    return reply


async def audit_tool(ctx: RunContext, case_id: str, *, name: str, args: dict[str, Any],
                     outcome: str, result: Any) -> None:
    data = {"tool": name, "args": args, "outcome": outcome,
            "result": json.loads(json.dumps(result, default=str))}
    if ctx.replay is not None:  # replay sandbox: kept for comparison, not appended
        ctx.replay.audit("tool.call", data)
        return
    async with connection(ctx.pool) as conn:
        await audit.append(conn, case_id=case_id, actor="agent", kind="tool.call", data=data)


async def set_status(ctx: RunContext, case_id: str, *, status: str, holder: str, reason: str,
                     procedures: list[str] | None = None, summary: str | None = None) -> None:
    """The case's status, or in a replay sandbox only what it would have become."""
    if ctx.replay is not None:
        ctx.replay.set_status(status=status, holder=holder, reason=reason)
        return
    await casedb.set_status(ctx.pool, case_id, status=status, holder=holder, reason=reason,
                            procedures=procedures, summary=summary)


async def enqueue_notice(ctx: RunContext, *, case_id: str, key: str, kind: str, subject: str,
                         body: str) -> None:
    """A notice to the citizen on their channel; a replay sandbox only notes it."""
    channel = await preferred_channel(ctx.pool, ctx.citizen_id)
    if ctx.replay is not None:
        ctx.replay.notify(kind=kind, channel=channel, subject=subject)
        return
    await notify.enqueue(ctx.pool, case_id=UUID(case_id), key=key, kind=kind, channel=channel,
                         subject=subject, body=body)

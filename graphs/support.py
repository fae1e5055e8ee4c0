"""Shared pieces of the case graph's nodes: tool context, audited model calls, the run's
caches (placeholders, channel) and its buffer of audit events."""

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


async def placeholders(ctx: RunContext, case_id: str) -> Placeholders:
    """The case's placeholders, read once per run (new ones are added by `redact_for_case`)."""
    if ctx.placeholders is None:
        ctx.placeholders = await casedb.load_placeholders(ctx.pool, case_id)
    return Placeholders.from_dict(ctx.placeholders)


async def channel(ctx: RunContext) -> str:
    if ctx.channel is None:
        ctx.channel = await preferred_channel(ctx.records, ctx.citizen_id)
    return ctx.channel


async def tool_context(state: CaseState, ctx: RunContext, *, step: int = 0) -> ToolContext:
    case_id = state["case_id"]
    procedure = ctx.catalogue.procedure(state["procedures"][state.get("current", 0)])
    return ToolContext(
        case_id=UUID(case_id), citizen_id=ctx.citizen_id, procedure=procedure,
        catalogue=ctx.catalogue, pool=ctx.pool, records=ctx.records,
        placeholders=await placeholders(ctx, case_id), now=ctx.now, step=step,
        events=ctx.events,
    )


def record(ctx: RunContext, *, actor: str, kind: str, data: dict[str, Any]) -> None:
    """An audit event of this node, written with the others when the node ends."""
    ctx.events.append(audit.Event(actor=actor, kind=kind, data=data))


async def flush_events(ctx: RunContext, case_id: str) -> None:
    """The node's buffered events, in one statement (nothing in a replay sandbox)."""
    if not ctx.events:
        return
    events, ctx.events[:] = list(ctx.events), []
    if ctx.replay is not None:
        return
    async with connection(ctx.pool) as conn:
        await audit.append_many(conn, case_id=case_id, events=events)


def _message_view(m: BaseMessage) -> dict[str, Any]:
    view: dict[str, Any] = {"type": m.type, "content": m.content}
    if isinstance(m, AIMessage) and m.tool_calls:
        view["tool_calls"] = [{"name": c["name"], "args": c["args"]} for c in m.tool_calls]
    return view


def audit_model_call(
    ctx: RunContext, *, node: str, sent: Sequence[BaseMessage], reply: AIMessage
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
    record(ctx, actor="model", kind="model.call", data=data)


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
            record(ctx, actor="model", kind="model.failed", data=data)
        raise
    metrics.MODEL_CALLS.labels(node, "ok").inc()
    metrics.MODEL_SECONDS.labels(node).observe(time.perf_counter() - started)
    assert isinstance(reply, AIMessage)
    audit_model_call(ctx, node=node, sent=sent, reply=reply)
    return reply


def audit_tool(ctx: RunContext, *, name: str, args: dict[str, Any], outcome: str,
               result: Any) -> None:
    data = {"tool": name, "args": args, "outcome": outcome,
            "result": json.loads(json.dumps(result, default=str))}
    if ctx.replay is not None:  # replay sandbox: kept for comparison, not appended
        ctx.replay.audit("tool.call", data)
        return
    record(ctx, actor="agent", kind="tool.call", data=data)


async def set_status(ctx: RunContext, case_id: str, *, status: str, holder: str, reason: str,
                     procedures: list[str] | None = None, summary: str | None = None) -> None:
    """The case's status, or in a replay sandbox only what it would have become."""
    if ctx.replay is not None:
        ctx.replay.set_status(status=status, holder=holder, reason=reason)
        return
    # The node's events so far go first, in the status change's own statement.
    events, ctx.events[:] = list(ctx.events), []
    await casedb.set_status(ctx.pool, case_id, status=status, holder=holder, reason=reason,
                            procedures=procedures, summary=summary, before=events)


async def enqueue_notice(ctx: RunContext, *, case_id: str, key: str, kind: str, subject: str,
                         body: str) -> None:
    """A notice to the citizen on their channel; a replay sandbox only notes it."""
    where = await channel(ctx)
    if ctx.replay is not None:
        ctx.replay.notify(kind=kind, channel=where, subject=subject)
        return
    await flush_events(ctx, case_id)  # the log keeps the order things happened in
    await notify.enqueue(ctx.pool, case_id=UUID(case_id), key=key, kind=kind, channel=where,
                         subject=subject, body=body)

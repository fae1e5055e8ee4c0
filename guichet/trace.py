"""A case as an auditor reads it: checkpointed node runs and audit events, in order."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any, Literal

from langchain_core.messages import AIMessage, BaseMessage
from pydantic import BaseModel

from guichet import audit
from guichet.db import Pool, connection

# Which events a node can emit: used only to settle an event stamped in the same
# millisecond as the boundary between two steps (audit times are cut to the millisecond).
_NODE_KINDS: dict[str, set[str]] = {
    "triage": {"model.call"}, "agent": {"model.call"},
    "tools": {"tool.call", "records.read", "records.refused", "rules", "effect", "notification"},
    "request_approval": {"approval.requested", "status"},
    "await_decision": {"approval.decided"},
    "execute_decisions": {"effect", "notification", "status"},
    "acknowledge": {"notification", "status"}, "start_procedure": {"status"},
    "ask_citizen": {"notification", "status"}, "await_citizen": {"status"},
    "handoff_procedure": {"effect", "notification"}, "handoff_case": {"notification", "status"},
    "close": {"status"},
}
# Events that are not a node's doing: the node of a standalone event step, where known.
_EVENT_NODE = {"tool.call": "tools", "approval.requested": "request_approval",
               "rules": "tools", "records.read": "tools", "records.refused": "tools"}
# An officer acting on the case: highlighted in the timeline.
DECISION_KINDS = {"approval.decided", "takeover", "case.taken", "case.closed"}


class TraceEvent(BaseModel):
    id: int
    at: datetime
    actor: str
    kind: str
    data: dict[str, Any]
    hash: str


class TraceStep(BaseModel):
    index: int
    kind: Literal["node", "event"]
    node: str | None
    status: Literal["done", "waiting", "recorded"]
    started_at: datetime
    ended_at: datetime | None
    duration_ms: int | None
    checkpoint_id: str | None  # the checkpoint this step produced
    parent_checkpoint_id: str | None
    input: Any = None
    output: Any = None
    events: list[TraceEvent]
    decision: bool  # an officer's decision (or a takeover) happened in this step


class Approval(BaseModel):
    id: str
    procedure: str
    effect: str
    authority: str
    args: dict[str, Any]
    rationale: str
    requested_at: datetime
    status: str
    final_args: dict[str, Any] | None
    decided_by: str | None
    decided_at: datetime | None
    comment: str | None


class Trace(BaseModel):
    case_id: str
    status: str
    holder: str
    procedures: list[str]
    created_at: datetime
    checkpoints: int  # 0 or 1 after pruning: the steps are then the audit events alone
    approvals: list[Approval]
    steps: list[TraceStep]


def _thread(case_id: str) -> dict[str, Any]:
    return {"configurable": {"thread_id": case_id}}


def message_view(m: Any) -> Any:
    """A message as JSON: type, content, tool calls (ids left out: they differ per run)."""
    if not isinstance(m, BaseMessage):
        return m
    view: dict[str, Any] = {"type": m.type, "content": m.content}
    if isinstance(m, AIMessage) and m.tool_calls:
        view["tool_calls"] = [{"name": c["name"], "args": c["args"]} for c in m.tool_calls]
    return view


def jsonable(value: Any) -> Any:
    """Graph values (messages, nested dicts) as plain JSON."""
    if isinstance(value, BaseMessage):
        return message_view(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return json.loads(json.dumps(value, default=str))


def _compact_state(values: dict[str, Any]) -> dict[str, Any]:
    # Whole message lists repeat at every step: the input shows the count and the last one.
    out = {k: jsonable(v) for k, v in values.items() if k != "messages"}
    msgs = values.get("messages") or []
    out["messages"] = {"count": len(msgs), "last": jsonable(msgs[-1]) if msgs else None}
    return out


def _ms(a: datetime, b: datetime) -> int:
    return int((b - a) / timedelta(milliseconds=1))


async def _node_steps(graph: Any, case_id: str) -> tuple[list[dict[str, Any]], int]:
    history = [s async for s in graph.aget_state_history(_thread(case_id))]
    history.reverse()
    by_id = {s.config["configurable"]["checkpoint_id"]: s for s in history}
    steps: list[dict[str, Any]] = []
    for snap in history:
        pid = (snap.parent_config or {}).get("configurable", {}).get("checkpoint_id")
        parent = by_id.get(pid)
        if parent is None:
            continue
        for task in parent.tasks:
            if task.name.startswith("__"):
                continue
            steps.append({
                "node": task.name, "status": "done",
                "started_at": datetime.fromisoformat(parent.created_at),
                "ended_at": datetime.fromisoformat(snap.created_at),
                "checkpoint_id": snap.config["configurable"]["checkpoint_id"],
                "parent_checkpoint_id": pid, "input": _compact_state(parent.values),
                "output": jsonable(task.result) if task.result is not None else None})
    if history:
        last = history[-1]
        for task in last.tasks:
            if task.interrupts:
                steps.append({
                    "node": task.name, "status": "waiting",
                    "started_at": datetime.fromisoformat(last.created_at), "ended_at": None,
                    "checkpoint_id": None,
                    "parent_checkpoint_id": last.config["configurable"]["checkpoint_id"],
                    "input": _compact_state(last.values),
                    "output": {"interrupts": [jsonable(i.value) for i in task.interrupts]}})
    return steps, len(history)


def _floor_ms(t: datetime) -> datetime:
    return t.replace(microsecond=t.microsecond // 1000 * 1000)


def _owner(steps: list[dict[str, Any]], ev: dict[str, Any]) -> int | None:
    """The node step an event happened in, by time; None for events between steps."""
    at = ev["at"]
    hits = [i for i, s in enumerate(steps)
            if _floor_ms(s["started_at"]) <= at and (s["ended_at"] is None or at <= s["ended_at"])]
    if len(hits) > 1:
        fitting = [i for i in hits if ev["kind"] in _NODE_KINDS.get(steps[i]["node"], set())]
        hits = fitting or hits
    return hits[0] if hits else None


def _event_step(ev: dict[str, Any]) -> dict[str, Any]:
    node = ev["data"].get("node") if ev["kind"] == "model.call" else _EVENT_NODE.get(ev["kind"])
    return {"node": node, "status": "recorded", "started_at": ev["at"], "ended_at": None,
            "checkpoint_id": None, "parent_checkpoint_id": None, "input": None, "output": None}


def merge(node_steps: list[dict[str, Any]], events: list[dict[str, Any]]) -> list[TraceStep]:
    """Node steps with the events that happened in them; other events as steps of their own."""
    attached: dict[int, list[dict[str, Any]]] = {i: [] for i in range(len(node_steps))}
    loose: list[dict[str, Any]] = []
    for ev in events:
        owner = _owner(node_steps, ev)
        if owner is None:
            loose.append(ev)
        else:
            attached[owner].append(ev)
    rows: list[tuple[datetime, int, dict[str, Any], list[dict[str, Any]], str]] = []
    for i, s in enumerate(node_steps):
        rows.append((s["started_at"], min([e["id"] for e in attached[i]], default=0), s,
                     attached[i], "node"))
    for ev in loose:
        rows.append((ev["at"], ev["id"], _event_step(ev), [ev], "event"))
    rows.sort(key=lambda r: (r[0], r[1]))
    out: list[TraceStep] = []
    for index, (_, _, s, evs, kind) in enumerate(rows):
        ended = s["ended_at"]
        out.append(TraceStep(
            index=index, kind=kind, node=s["node"],
            status=s["status"], started_at=s["started_at"], ended_at=ended,
            duration_ms=_ms(s["started_at"], ended) if ended else None,
            checkpoint_id=s["checkpoint_id"], parent_checkpoint_id=s["parent_checkpoint_id"],
            input=s["input"], output=s["output"],
            events=[TraceEvent(**{k: e[k] for k in ("id", "at", "actor", "kind", "data", "hash")})
                    for e in evs],
            decision=any(e["kind"] in DECISION_KINDS for e in evs)))
    return out


async def _approvals(pool: Pool, case_id: str) -> list[Approval]:
    async with connection(pool) as conn:
        cur = await conn.execute(
            "select id, procedure, effect, authority, args, rationale, created_at as requested_at,"
            " status, final_args, decided_by, decided_at, comment from approvals"
            " where case_id = %s order by created_at", (case_id,))
        return [Approval(**{**r, "id": str(r["id"])}) for r in await cur.fetchall()]


async def build_trace(pool: Pool, graph: Any, case: dict[str, Any]) -> Trace:
    """The whole trace of one case (the caller has checked the reader's scope)."""
    case_id = str(case["id"])
    node_steps, n_checkpoints = await _node_steps(graph, case_id)
    async with connection(pool) as conn:
        events = await audit.case_events(conn, case_id)
    return Trace(case_id=case_id, status=case["status"], holder=case["holder"],
                 procedures=list(case["procedures"]), created_at=case["created_at"],
                 checkpoints=n_checkpoints, approvals=await _approvals(pool, case_id),
                 steps=merge(node_steps, events))

"""Where a case waits for a human: an officer's decision or the citizen's answer.

The request (approval rows, question, status, notices) is made by the step that decided to
wait (`act`); the wait itself is a node that only interrupts, because a node re-runs from its
top when resumed. On resume, that node also carries out what was waited for: the decided
effects, or the answer taken in.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from datetime import datetime
from typing import Any

from langchain_core.messages import ToolMessage
from langgraph.graph import END
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from graphs import closing
from graphs.state import CaseState, RunContext
from graphs.support import set_status, tool_context
from tools.errors import ToolError
from tools.redaction import restore_text


async def request_approval(state: CaseState, ctx: RunContext,
                           items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One approval request per sensitive call (once per request key); the case waits."""
    case_id = state["case_id"]
    p = ctx.catalogue.procedure(state["procedures"][state.get("current", 0)])
    pending = [{**item, "approval_id": await ctx.world.request_approval(case_id, p, item)}
               for item in items]
    await set_status(ctx, case_id, status="en_instruction", holder="officer",
                     reason=f"décision d'un agent attendue ({p.label})")
    return pending


async def await_decision(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Wait for the officers; once every request is decided, carry the decisions out."""
    ids = [item["approval_id"] for item in state.get("pending") or []]
    interrupt({"await": "approval", "approvals": ids})
    rows = await runtime.context.world.decisions(ids)
    decisions = []
    for item in state.get("pending") or []:
        row = rows.get(item["approval_id"])
        if row is None or row["status"] == "pending":
            continue
        decisions.append({
            "approval_id": item["approval_id"], "tool_call_id": item["tool_call_id"],
            "effect": item["effect"], "decision": row["status"],
            "args": row["final_args"], "by": row["decided_by"],
            "at": _iso(row["decided_at"]),
            "comment": row["comment"],
        })
    known = {d["approval_id"] for d in [*(state.get("decisions") or []), *decisions]}
    if any(i not in known for i in ids):
        return {"decisions": decisions}  # some still wait: interrupt again
    with_all: CaseState = {**state, "decisions": [*(state.get("decisions") or []), *decisions]}
    return {"decisions": decisions, **await execute_decisions(with_all, runtime.context)}


def _iso(value: Any) -> str | None:
    # A row's datetime, or a replay's recorded decision time already as text.
    return value.isoformat() if isinstance(value, datetime) else value


def after_decision(state: CaseState) -> str:
    if state.get("done"):
        return END
    decided = {d["approval_id"] for d in state.get("decisions") or []}
    waiting = [i for i in state.get("pending") or [] if i["approval_id"] not in decided]
    return "await_decision" if waiting else "act"


async def execute_decisions(state: CaseState, ctx: RunContext) -> dict[str, Any]:
    """Run approved effects once; a rejection becomes the reasoned refusal."""
    by_id = {d["approval_id"]: d for d in state.get("decisions") or []}
    out: list[ToolMessage] = []
    handoff = None
    for item in state.get("pending") or []:
        d = by_id[item["approval_id"]]
        tctx = await tool_context(state, ctx, step=(state.get("work") or {}).get(
            "notify_count", 0))
        tctx.actor = f"officer:{d['by']}"
        status = d["decision"]
        # The approval the effect runs under (a replay may name a request "replay-<n>").
        with contextlib.suppress(ValueError):
            tctx.approval_id = uuid.UUID(item["approval_id"])
        run = ctx.world.run_effect
        try:
            if status in ("approved", "edited"):
                result = await run(tctx, item["effect"], d["args"])
                text = {"decision": status, "by": "un agent", "result": result}
            elif item["effect"] == "reject_demand":
                text = {"decision": "rejected", "comment": d["comment"],
                        "note": "l'agent n'a pas validé le refus : dossier repris par un agent"}
                handoff = {"team": tctx.procedure.authority, "summary": "Refus proposé non "
                           f"validé par l'agent : {d['comment']}", "officer": True}
            else:
                reasons = [d["comment"] or "Décision défavorable de l'agent."]
                result = await run(tctx, "reject_demand",
                                   {"reasons": reasons, "appeal": ctx.catalogue.appeal})
                text = {"decision": "rejected", "comment": d["comment"],
                        "result": "la demande est refusée pour ce motif", "refusal": result}
        except ToolError as exc:
            text = {"decision": status, "error": str(exc)}
            # The officer decided, yet the effect cannot be carried out (the record it
            # writes is missing...): a human takes it, never a notice of what did not happen.
            handoff = {"team": tctx.procedure.authority, "officer": True,
                       "summary": f"La décision validée n'a pas pu être appliquée : {exc}"}
        out.append(ToolMessage(content=json.dumps(text, ensure_ascii=False, default=str),
                               tool_call_id=item["tool_call_id"], name=item["effect"]))
    await set_status(ctx, state["case_id"], status="en_instruction", holder="agent",
                     reason="décision de l'agent appliquée")
    update: dict[str, Any] = {"messages": out, "pending": []}
    if handoff is not None:
        return {**update, **await closing.conclude(state, ctx, handoff=handoff)}
    return update


async def ask_citizen(state: CaseState, ctx: RunContext, q: dict[str, Any]) -> None:
    """The question, as a message of the case and a notice; the case waits for the citizen."""
    case_id = state["case_id"]
    tctx = await tool_context(state, ctx)
    text = restore_text(q["question"], tctx.placeholders)
    await ctx.world.ask(case_id, key=f"{case_id}/ask/{q['tool_call_id']}", text=text)
    await set_status(ctx, case_id, status="en_construction", holder="citizen",
                     reason="réponse de l'usager attendue")


def after_citizen(state: CaseState) -> str:
    return "intake" if not state.get("procedures") else "act"


async def await_citizen(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    ctx, case_id = runtime.context, state["case_id"]
    q = state["question"]
    assert q is not None
    resumed = interrupt({"await": "citizen", "question": q["question"]})
    # The runner resumes with the message to take in (a replay, with none: it has its own).
    message_id = resumed.get("message_id") if isinstance(resumed, dict) else None
    taken = int(message_id) if message_id is not None else None
    answer = await ctx.world.answer(case_id, taken)  # redacted, taken in
    await set_status(ctx, case_id, status="en_construction", holder="agent",
                     reason="réponse de l'usager reçue")
    if q.get("triage"):
        # No démarche yet: the answer goes with the demand to triage again.
        update: dict[str, Any] = {"question": None,
                                  "clarified": [*(state.get("clarified") or []), answer]}
        if taken is not None:
            update["answered"] = taken
        return update
    update = {"question": None, "messages": [ToolMessage(
        content=json.dumps({"answer": answer}, ensure_ascii=False),
        tool_call_id=q["tool_call_id"], name="ask_citizen")]}
    if taken is not None:
        update["answered"] = taken
    return update

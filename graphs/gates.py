"""Where a case waits for a human: an officer's decision or the citizen's answer.

The request (approval rows, question, status, notices) is made by the step that decided to
wait (`act`); the wait itself is a node that only interrupts, because a node re-runs from its
top when resumed. On resume, that node also carries out what was waited for: the decided
effects, or the answer taken in.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime, timedelta
from typing import Any

from langchain_core.messages import ToolMessage
from langgraph.graph import END
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from graphs import casedb, closing
from graphs.intake import redact_for_case
from graphs.state import CaseState, RunContext
from graphs.support import channel, flush_events, set_status, tool_context
from guichet import audit
from guichet.db import connection
from tools import effects, notify
from tools.context import ToolContext
from tools.errors import ToolError
from tools.redaction import restore_text


async def _evidence(ctx: RunContext, case_id: str, procedure: str) -> dict[str, Any]:
    async with connection(ctx.pool) as conn:
        cur = await conn.execute(
            "select form, rules from case_procedures where case_id = %s and procedure = %s",
            (case_id, procedure),
        )
        row = await cur.fetchone()
        cur = await conn.execute(
            "select data from audit_events where case_id = %s and kind = 'records.read'"
            " order by id", (case_id,),
        )
        reads = [r["data"] for r in await cur.fetchall() if r["data"]["procedure"] == procedure]
    return {"form": row["form"] if row else {}, "rules": row["rules"] if row else None,
            "records_read": [{"source": r["source"], "fields": r["fields"],
                              "found": r["found"]} for r in reads]}


async def request_approval(state: CaseState, ctx: RunContext,
                           items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One approval request per sensitive call (once per request key); the case waits."""
    case_id = state["case_id"]
    p = ctx.catalogue.procedure(state["procedures"][state.get("current", 0)])
    await flush_events(ctx, case_id)  # the model call and tools before the request
    pending = []
    for item in items:
        if ctx.replay is not None:  # replay sandbox: no approvals row, a sandbox id
            pending.append({**item, "approval_id": ctx.replay.request_approval(
                effect=item["effect"], args=item["args"], authority=p.authority)})
            continue
        # What is asked, not the model's call id: a step run again after a crash asks the
        # model again, which names its calls anew. Other arguments are another request.
        digest = hashlib.sha256(effects.canonical(item["args"]).encode()).hexdigest()[:16]
        key = f"{case_id}/{p.id}/{item['effect']}/{digest}"
        due = ctx.now() + timedelta(days=(p.silence.after_days if p.silence else p.delay_days))
        async with connection(ctx.pool) as conn, conn.transaction():
            cur = await conn.execute(
                "insert into approvals (id, case_id, request_key, procedure, effect, authority,"
                " args, rationale, evidence, due_at) values (%s, %s, %s, %s, %s, %s, %s::jsonb,"
                " %s, %s::jsonb, %s) on conflict (request_key) do nothing returning id",
                (uuid.uuid4(), case_id, key, p.id, item["effect"], p.authority,
                 json.dumps(item["args"], ensure_ascii=False), item["rationale"],
                 json.dumps(await _evidence(ctx, case_id, p.id), ensure_ascii=False), due),
            )
            row = await cur.fetchone()
            if row is None:
                cur = await conn.execute("select id from approvals where request_key = %s",
                                         (key,))
                row = await cur.fetchone()
            else:
                await audit.append(conn, case_id=case_id, actor="agent",
                                   kind="approval.requested",
                                   data={"approval_id": str(row["id"]), "effect": item["effect"],
                                         "args": item["args"], "authority": p.authority})
        assert row is not None
        pending.append({**item, "approval_id": str(row["id"])})
    await set_status(ctx, case_id, status="en_instruction", holder="officer",
                     reason=f"décision d'un agent attendue ({p.label})")
    return pending


async def await_decision(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Wait for the officers; once every request is decided, carry the decisions out."""
    ids = [item["approval_id"] for item in state.get("pending") or []]
    interrupt({"await": "approval", "approvals": ids})
    seam = runtime.context.replay
    if seam is not None:  # replay sandbox: the officers' decisions as recorded
        decided = {i: seam.decision(i) for i in ids}
        rows = {i: d for i, d in decided.items() if d is not None}
    else:
        rows = await _decided_rows(runtime.context, ids)
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


async def _decided_rows(ctx: RunContext, ids: list[str]) -> dict[str, Any]:
    # The decision itself is read from the approvals table, never from the resume value:
    # only a row an officer decided through the API can open the gate.
    async with connection(ctx.pool) as conn:
        cur = await conn.execute(
            "select id, effect, status, final_args, decided_by, decided_at, comment"
            " from approvals where id = any(%s::uuid[])", (ids,),
        )
        return {str(r["id"]): r for r in await cur.fetchall()}


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
        run = _replayed_effect if ctx.replay is not None else _live_effect
        if ctx.replay is None:
            tctx.approval_id = uuid.UUID(item["approval_id"])
        try:
            if status in ("approved", "edited"):
                result = await run(ctx, tctx, item["effect"], d["args"])
                text = {"decision": status, "by": "un agent", "result": result}
            elif item["effect"] == "reject_demand":
                text = {"decision": "rejected", "comment": d["comment"],
                        "note": "l'agent n'a pas validé le refus : dossier repris par un agent"}
                handoff = {"team": tctx.procedure.authority, "summary": "Refus proposé non "
                           f"validé par l'agent : {d['comment']}", "officer": True}
            else:
                reasons = [d["comment"] or "Décision défavorable de l'agent."]
                result = await run(ctx, tctx, "reject_demand",
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


async def _live_effect(ctx: RunContext, tctx: ToolContext, effect: str,
                       args: dict[str, Any]) -> dict[str, Any]:
    return await effects.run_effect(tctx, effect, args)


async def _replayed_effect(ctx: RunContext, tctx: ToolContext, effect: str,
                           args: dict[str, Any]) -> dict[str, Any]:
    # The same checks as the live effect, then the recorded result instead of the world.
    assert ctx.replay is not None
    effects.check_allowed(tctx, effect)
    return ctx.replay.effect(procedure=tctx.procedure.id, effect=effect,
                             args=effects.validate_args(effect, args), actor=tctx.actor)


async def ask_citizen(state: CaseState, ctx: RunContext, q: dict[str, Any]) -> None:
    """The question, as a message of the case and a notice; the case waits for the citizen."""
    case_id = state["case_id"]
    tctx = await tool_context(state, ctx)
    text = restore_text(q["question"], tctx.placeholders)
    where = await channel(ctx)
    if ctx.replay is not None:  # replay sandbox: the question is only noted
        ctx.replay.notify(kind="question", channel=where,
                          subject="Une information est nécessaire pour votre demande")
        ctx.replay.set_status(status="en_construction", holder="citizen",
                              reason="réponse de l'usager attendue")
        return
    async with connection(ctx.pool) as conn:
        cur = await conn.execute(
            "select 1 from case_messages where case_id = %s and author = 'agent' and body = %s",
            (case_id, text),
        )
        if await cur.fetchone() is None:
            await conn.execute(
                "insert into case_messages (case_id, author, channel, body)"
                " values (%s, 'agent', 'api', %s)", (case_id, text),
            )
    await notify.enqueue(ctx.pool, case_id=tctx.case_id, key=f"{case_id}/ask/{q['tool_call_id']}",
                         kind="question", channel=where,
                         subject="Une information est nécessaire pour votre demande", body=text)
    await set_status(ctx, case_id, status="en_construction", holder="citizen",
                     reason="réponse de l'usager attendue")


async def await_citizen(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    ctx, case_id = runtime.context, state["case_id"]
    q = state["question"]
    assert q is not None
    resumed = interrupt({"await": "citizen", "question": q["question"]})
    if ctx.replay is not None:  # replay sandbox: the answer as redacted then
        ctx.replay.set_status(status="en_construction", holder="agent",
                              reason="réponse de l'usager reçue")
        return {"question": None, "messages": [ToolMessage(
            content=json.dumps({"answer": ctx.replay.citizen_answer()}, ensure_ascii=False),
            tool_call_id=q["tool_call_id"], name="ask_citizen")]}
    message_id = int(resumed["message_id"])
    async with connection(ctx.pool) as conn:
        cur = await conn.execute(
            "select body from case_messages where id = %s and case_id = %s",
            (message_id, case_id),
        )
        row = await cur.fetchone()
    if row is None:
        raise LookupError(f"message {message_id} is not a message of case {case_id}")
    answer = await redact_for_case(ctx, case_id, row["body"])
    await casedb.consume_message(ctx.pool, message_id)
    await set_status(ctx, case_id, status="en_construction", holder="agent",
                     reason="réponse de l'usager reçue")
    return {"question": None, "answered": message_id, "messages": [ToolMessage(
        content=json.dumps({"answer": answer}, ensure_ascii=False),
        tool_call_id=q["tool_call_id"], name="ask_citizen")]}

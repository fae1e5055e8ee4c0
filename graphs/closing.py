"""End of a procedure and of a case: outcomes, handoffs, final status."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from graphs.state import CaseState, RunContext
from graphs.support import enqueue_notice, set_status, tool_context
from guichet.db import connection
from tools import effects

HANDOFF_NOTICE = ("Bonjour,\n\nVotre demande a été transmise à un agent, qui reviendra vers vous. "
                  "Vous n'avez rien à faire de plus pour le moment.")


async def _procedure_effects(ctx: RunContext, case_id: str, procedure: str) -> list[str]:
    async with connection(ctx.pool) as conn:
        cur = await conn.execute(
            "select effect from effects where case_id = %s and procedure = %s order by id",
            (case_id, procedure),
        )
        return [r["effect"] for r in await cur.fetchall()]


async def handoff_procedure(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """The current procedure goes to a human team; the others carry on."""
    ctx, case_id = runtime.context, state["case_id"]
    h = state.get("handoff") or {}
    procedure = state["procedures"][state.get("current", 0)]
    tctx = await tool_context(state, ctx)
    if not h.get("done"):
        args = {"team": h.get("team") or tctx.procedure.authority,
                "summary": h.get("summary") or "Reprise par un agent."}
        if ctx.replay is not None:  # replay sandbox: the recorded handoff, nothing written
            ctx.replay.effect(procedure=procedure, effect="handoff", args=args, actor=tctx.actor)
        else:
            await effects.run_effect(tctx, "handoff", args)
    await enqueue_notice(ctx, case_id=case_id, key=f"{case_id}/{procedure}/handoff",
                         kind="handoff", subject=f"Votre demande : {tctx.procedure.label}",
                         body=HANDOFF_NOTICE)
    return {"outcomes": [{"procedure": procedure, "result": "handoff",
                          "summary": h.get("summary")}], "handoff": None}


async def finish_procedure(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    ctx, case_id = runtime.context, state["case_id"]
    procedure = state["procedures"][state.get("current", 0)]
    done = (ctx.replay.procedure_effects(procedure) if ctx.replay is not None
            else await _procedure_effects(ctx, case_id, procedure))
    result = "refuse" if "reject_demand" in done else "accepte"
    return {"outcomes": [{"procedure": procedure, "result": result, "effects": done}]}


async def next_procedure(state: CaseState) -> dict[str, Any]:
    return {"current": state.get("current", 0) + 1}


def after_procedure(state: CaseState) -> str:
    return "start_procedure" if state.get("current", 0) < len(state["procedures"]) else "close"


async def handoff_case(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Nothing in the catalogue fits (or the citizen asked for a person): a team takes it."""
    ctx, case_id = runtime.context, state["case_id"]
    h = state.get("handoff") or {}
    summary = h.get("summary") or "Demande à orienter."
    if ctx.replay is None:  # a replay sandbox writes no effects row
        async with connection(ctx.pool) as conn, conn.transaction():
            cur = await conn.execute(
                "insert into effects (case_id, idem_key, procedure, effect, args, result)"
                " values (%s, %s, '', 'handoff', %s::jsonb, '{}'::jsonb)"
                " on conflict (idem_key) do nothing returning id",
                (case_id, f"{case_id}/triage/handoff",
                 effects.canonical({"team": h.get("team") or "accueil", "summary": summary})),
            )
            await cur.fetchone()
    await enqueue_notice(ctx, case_id=case_id, key=f"{case_id}/handoff", kind="handoff",
                         subject="Votre demande", body=HANDOFF_NOTICE)
    await set_status(ctx, case_id, status="en_instruction", holder="officer",
                     reason=f"transmis à l'équipe {h.get('team') or 'accueil'}", summary=summary)
    return {"outcomes": [{"procedure": None, "result": "handoff", "summary": summary}]}


def final_status(outcomes: list[dict[str, Any]]) -> tuple[str, str, str]:
    results = [o["result"] for o in outcomes]
    if "handoff" in results:
        return "en_instruction", "officer", "une partie de la demande est traitée par un agent"
    if results and all(r == "refuse" for r in results):
        return "refuse", "agent", "demande refusée (décision d'un agent)"
    return "accepte", "agent", "demande traitée"


async def close(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    ctx = runtime.context
    status, holder, reason = final_status(state.get("outcomes") or [])
    summary = "; ".join(f"{o['procedure']}: {o['result']}" for o in state.get("outcomes") or [])
    await set_status(ctx, state["case_id"], status=status, holder=holder, reason=reason,
                     summary=summary)
    return {}

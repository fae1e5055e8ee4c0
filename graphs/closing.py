"""Start and end of a procedure and of a case: outcomes, handoffs, final status.

Not nodes of their own: the node that reaches the end of a procedure concludes it and starts
the next one (or closes the case) in the same step, so bookkeeping costs no checkpoint.
"""

from __future__ import annotations

from typing import Any

from langchain_core.messages import HumanMessage, RemoveMessage
from langgraph.graph.message import REMOVE_ALL_MESSAGES

from graphs.state import CaseState, RunContext
from graphs.support import enqueue_notice, set_status, tool_context

HANDOFF_NOTICE = ("Bonjour,\n\nVotre demande a été transmise à un agent, qui reviendra vers vous. "
                  "Vous n'avez rien à faire de plus pour le moment.")

FRESH_WORK = {"steps": 0, "notify_count": 0, "retries": 0}


async def acknowledge(ctx: RunContext, case_id: str, procedure_ids: list[str]) -> None:
    """The acknowledgement of a demand (or of an accepted proposal): its procedures, their
    delays and silence rules, how to reach a person."""
    procedures = [ctx.catalogue.procedure(p) for p in procedure_ids]
    await set_status(ctx, case_id, status="en_construction", holder="agent",
                     reason="demande en cours d'analyse", procedures=[p.id for p in procedures])
    await ctx.world.acknowledge(case_id, procedures)


async def start_procedure(state: CaseState, ctx: RunContext) -> dict[str, Any]:
    """The update that opens procedure `current`: a fresh conversation and bookkeeping."""
    p = ctx.catalogue.procedure(state["procedures"][state.get("current", 0)])
    await set_status(ctx, state["case_id"], status="en_construction", holder="agent",
                     reason=f"traitement : {p.label}")
    # The procedure's prompt is not kept in state: it is rebuilt at each model call.
    return {"messages": [RemoveMessage(id=REMOVE_ALL_MESSAGES), HumanMessage(state["demand"])],
            "work": dict(FRESH_WORK), "pending": [], "question": None}


async def _handed_over(state: CaseState, ctx: RunContext, h: dict[str, Any]) -> dict[str, Any]:
    """The current procedure goes to a human team; the others carry on."""
    case_id = state["case_id"]
    procedure = state["procedures"][state.get("current", 0)]
    tctx = await tool_context(state, ctx)
    if not h.get("done"):
        args = {"team": h.get("team") or tctx.procedure.authority,
                "summary": h.get("summary") or "Reprise par un agent."}
        await ctx.world.run_effect(tctx, "handoff", args)
    await enqueue_notice(ctx, case_id=case_id, key=f"{case_id}/{procedure}/handoff",
                         kind="handoff", subject=f"Votre demande : {tctx.procedure.label}",
                         body=HANDOFF_NOTICE)
    return {"procedure": procedure, "result": "handoff", "summary": h.get("summary")}


async def _finished(state: CaseState, ctx: RunContext) -> dict[str, Any]:
    case_id = state["case_id"]
    procedure = state["procedures"][state.get("current", 0)]
    done = await ctx.world.procedure_effects(case_id, procedure)
    result = "refuse" if "reject_demand" in done else "accepte"
    return {"procedure": procedure, "result": result, "effects": done}


async def conclude(state: CaseState, ctx: RunContext, *,
                   handoff: dict[str, Any] | None) -> dict[str, Any]:
    """End the current procedure (handed over when `handoff`), then start the next or close."""
    outcome = (await _handed_over(state, ctx, handoff) if handoff is not None
               else await _finished(state, ctx))
    current = state.get("current", 0) + 1
    moved: CaseState = {**state, "current": current}
    update: dict[str, Any] = {"outcomes": [outcome], "current": current, "pending": [],
                              "question": None}
    if current < len(state["procedures"]):
        return {**update, **await start_procedure(moved, ctx)}
    outcomes = [*(state.get("outcomes") or []), outcome]
    await close(ctx, state["case_id"], outcomes)
    return {**update, "done": True}


async def handoff_case(state: CaseState, ctx: RunContext, h: dict[str, Any]) -> dict[str, Any]:
    """Nothing in the catalogue fits (or the citizen asked for a person): a team takes it."""
    case_id = state["case_id"]
    summary = h.get("summary") or "Demande à orienter."
    await ctx.world.handoff_case(case_id, team=h.get("team") or "accueil", summary=summary)
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


async def close(ctx: RunContext, case_id: str, outcomes: list[dict[str, Any]]) -> None:
    status, holder, reason = final_status(outcomes)
    summary = "; ".join(f"{o['procedure']}: {o['result']}" for o in outcomes)
    await set_status(ctx, case_id, status=status, holder=holder, reason=reason, summary=summary)

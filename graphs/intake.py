"""The first step of a case: the demand (redacted), triage to procedures, acknowledgement,
and the start of the first procedure (or the handoff of the whole case), in one node."""

from __future__ import annotations

from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage
from langgraph.runtime import Runtime

from agents.prompts import triage_prompt
from graphs import closing, proposals
from graphs.state import CaseState, RunContext
from graphs.support import call_model, set_status
from tools.redaction import restore_text
from tools.registry import TRIAGE_SPECS, as_langchain

TRIAGE_ATTEMPTS = 2


def make_intake(model: BaseChatModel) -> Any:
    # Bound once: converting tools to JSON schemas on every call was the costliest CPU item.
    bound = model.bind_tools([as_langchain(s) for s in TRIAGE_SPECS.values()], tool_choice="any")
    read_proposal_answer = proposals.make_reader(model)

    async def triage(ctx: RunContext, case_id: str, demand: str) -> dict[str, Any]:
        sent: list[Any] = [SystemMessage(triage_prompt(ctx.catalogue)), HumanMessage(demand)]
        for _ in range(TRIAGE_ATTEMPTS):
            reply = await call_model(ctx, case_id, node="triage", model=bound, sent=sent)
            problem, result = _read_triage(ctx, reply)
            if result is not None:
                return result
            sent = [*sent, reply, *_feedback(reply, problem)]
        return {"handoff": {"team": "accueil", "summary": "Demande non classée : " + demand[:500]}}

    async def intake(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
        ctx, case_id = runtime.context, state["case_id"]
        update: dict[str, Any] = {"current": 0, "procedures": [], "outcomes": [],
                                  "decisions": [], "pending": [], "question": None}
        message_id, demand = await ctx.world.demand(case_id)  # redacted, taken in
        # The answers to a question asked at triage ("which card?") belong to the demand.
        clarified: list[str] = state.get("clarified") or []
        if message_id is not None and not clarified:
            update["answered"] = message_id
        proposal = await ctx.world.proposal(case_id)
        if proposal is not None:
            # A case the administration opened: its first message answers the proposal.
            update["demand"] = demand
            return await proposals.answer(read_proposal_answer, state, ctx, update, proposal)
        update["demand"] = "\n".join([demand, *clarified])
        chosen = await triage(ctx, case_id, update["demand"])
        if chosen.get("ask"):
            if not clarified:
                return {**update, "question": await ask_first(ctx, case_id, chosen)}
            chosen = {"handoff": {"team": "accueil", "summary": (
                "Démarche toujours indéterminée après une question à l'usager : "
                + update["demand"][:500])}}
        handoff, procedures = chosen.get("handoff"), chosen.get("procedures") or []
        await closing.acknowledge(ctx, case_id, procedures if not handoff else [])
        state = {**state, **update, "procedures": procedures}  # type: ignore[typeddict-item]
        if handoff or not procedures:
            return {**update, **await closing.handoff_case(state, ctx, handoff or {}),
                    "done": True}
        return {**update, "procedures": procedures, **await closing.start_procedure(state, ctx)}

    return intake


def _read_triage(ctx: RunContext, reply: AIMessage) -> tuple[str, dict[str, Any] | None]:
    if reply.invalid_tool_calls or not reply.tool_calls:
        return "Réponds par un appel d'outil valide (select_procedures ou handoff).", None
    call = reply.tool_calls[0]
    if call["name"] == "handoff":
        summary = str(call["args"].get("summary") or "Demande à orienter")
        return "", {"handoff": {"team": str(call["args"].get("team") or "accueil"),
                                "summary": summary}}
    if call["name"] == "ask_citizen":
        question = str(call["args"].get("question") or "").strip()
        if len(question) < 5:
            return "ask_citizen attend une question claire pour l'usager.", None
        return "", {"ask": question, "id": call["id"] or "triage"}
    if call["name"] != "select_procedures":
        return (f"Outil inconnu {call['name']} : utilise select_procedures, ask_citizen ou "
                "handoff."), None
    chosen = call["args"].get("procedures")
    if not isinstance(chosen, list) or not chosen:
        return "procedures doit être une liste non vide d'identifiants du catalogue.", None
    unknown = [p for p in chosen if p not in ctx.catalogue.procedure_ids]
    if unknown:
        return (f"Démarches inconnues {unknown} ; identifiants valides : "
                f"{', '.join(ctx.catalogue.procedure_ids)}"), None
    return "", {"procedures": list(dict.fromkeys(chosen))}


def _feedback(reply: AIMessage, problem: str) -> list[ToolMessage]:
    ids = [c["id"] for c in reply.tool_calls] + [c.get("id") for c in reply.invalid_tool_calls]
    out = [ToolMessage(content=problem, tool_call_id=i or "invalid", status="error") for i in ids]
    return out or [ToolMessage(content=problem, tool_call_id="none", status="error")]


async def ask_first(ctx: RunContext, case_id: str, chosen: dict[str, Any]) -> dict[str, Any]:
    """The one question asked before any démarche is chosen; the case waits for the answer,
    then triage runs again on the demand and the answer together."""
    text = restore_text(chosen["ask"], await ctx.world.placeholders(case_id))
    await ctx.world.ask(case_id, key=f"{case_id}/ask/triage", text=text)
    await set_status(ctx, case_id, status="en_construction", holder="citizen",
                     reason="précision de l'usager attendue")
    return {"question": chosen["ask"], "tool_call_id": chosen["id"], "triage": True}

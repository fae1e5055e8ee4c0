"""First nodes of a case: redaction, triage to procedures, acknowledgement."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage
from langgraph.runtime import Runtime

from agents.prompts import triage_prompt
from graphs import casedb
from graphs.state import CaseState, RunContext
from graphs.support import call_model, set_status
from tools import notices
from tools.redaction import Placeholders, redact_record, redact_text
from tools.registry import TRIAGE_SPECS, as_langchain

TRIAGE_ATTEMPTS = 2


async def known_names(ctx: RunContext) -> list[str]:
    civil = await ctx.records.get(ctx.citizen_id, "etat_civil") or {}
    names = [civil.get("family_name") or "", *(civil.get("given_names") or [])]
    return [n for n in names if n]


_IDENTIFYING_SOURCES = ("etat_civil", "contact", "caf", "dgfip", "cpam", "ants")


async def redact_for_case(ctx: RunContext, case_id: str, text: str) -> str:
    """Identifiers out, placeholders kept on the case (not in graph state)."""
    ph = Placeholders.from_dict(await casedb.load_placeholders(ctx.pool, case_id))
    # Redacting the citizen's own records first registers their names (as NOM/PRENOM) and
    # numbers, so the text is caught wherever they appear, however spelt.
    for source in _IDENTIFYING_SOURCES:
        data = await ctx.records.get(ctx.citizen_id, source)
        if data is not None:
            redact_record(source, data, ph)
    redacted = redact_text(text, ph, known_names=await known_names(ctx))
    await casedb.save_placeholders(ctx.pool, case_id, ph.to_dict())
    return redacted


async def intake(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    ctx, case_id = runtime.context, state["case_id"]
    update: dict[str, Any] = {"current": 0, "procedures": [], "outcomes": [], "decisions": [],
                              "pending": [], "question": None, "handoff": None}
    if ctx.replay is not None:
        # Replay: the demand as redacted then (records may have changed since), nothing consumed.
        return {**update, "demand": ctx.replay.demand}
    first = await casedb.first_citizen_message(ctx.pool, case_id)
    demand = await redact_for_case(ctx, case_id, first["body"])
    await casedb.consume_message(ctx.pool, first["id"])
    return {**update, "demand": demand, "answered": int(first["id"])}


def make_triage(model: BaseChatModel) -> Any:
    # Bound once: converting tools to JSON schemas on every call was the costliest CPU item.
    bound = model.bind_tools([as_langchain(s) for s in TRIAGE_SPECS.values()], tool_choice="any")

    async def triage(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
        ctx, case_id = runtime.context, state["case_id"]
        sent: list[Any] = [SystemMessage(triage_prompt(ctx.catalogue)),
                           HumanMessage(state["demand"])]
        for _ in range(TRIAGE_ATTEMPTS):
            reply = await call_model(ctx, case_id, node="triage", model=bound, sent=sent)
            problem, result = _read_triage(ctx, reply)
            if result is not None:
                return result
            sent = [*sent, reply, *_feedback(reply, problem)]
        return {"handoff": {"team": "accueil", "summary": "Demande non classée : "
                            + state["demand"][:500]}}

    return triage


def _read_triage(ctx: RunContext, reply: AIMessage) -> tuple[str, dict[str, Any] | None]:
    if reply.invalid_tool_calls or not reply.tool_calls:
        return "Réponds par un appel d'outil valide (select_procedures ou handoff).", None
    call = reply.tool_calls[0]
    if call["name"] == "handoff":
        summary = str(call["args"].get("summary") or "Demande à orienter")
        return "", {"handoff": {"team": str(call["args"].get("team") or "accueil"),
                                "summary": summary}}
    if call["name"] != "select_procedures":
        return f"Outil inconnu {call['name']} : utilise select_procedures ou handoff.", None
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


async def acknowledge(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    ctx, case_id = runtime.context, state["case_id"]
    procedures = [ctx.catalogue.procedure(p) for p in state.get("procedures") or []]
    await set_status(ctx, case_id, status="en_construction", holder="agent",
                     reason="demande en cours d'analyse", procedures=[p.id for p in procedures])
    if ctx.replay is not None:  # replay sandbox: the acknowledgement is only noted
        ctx.replay.notify(kind="ack", channel=await notices.preferred_channel(
            ctx.pool, ctx.citizen_id), subject="accusé de réception")
        return {}
    await notices.acknowledge(ctx.pool, case_id=UUID(case_id), citizen_id=ctx.citizen_id,
                              catalogue=ctx.catalogue, procedures=procedures)
    return {}

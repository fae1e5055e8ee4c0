"""Working one procedure: one node per model turn, that asks the model and carries out its
tool calls in the same step (sensitive ones become approval requests, a question waits for
the citizen, a notice or a handoff ends the procedure)."""

from __future__ import annotations

import json
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.runnables import Runnable
from langgraph.graph import END
from langgraph.runtime import Runtime
from pydantic import ValidationError

from agents.prompts import procedure_prompt
from graphs import closing, gates
from graphs.state import CaseState, RunContext
from graphs.support import audit_tool, call_model, tool_context
from tools import effects
from tools.errors import AccessRefused, ToolError
from tools.registry import SPECS, as_langchain, procedure_tool_names

MAX_BAD_REPLIES = 2
NUDGE = "(message du système) Poursuis le plan avec les outils ; termine par notify."


def offered_tools(ctx: RunContext, procedure_id: str) -> list[str]:
    p = ctx.catalogue.procedure(procedure_id)
    return procedure_tool_names(list(p.effects), has_form=p.form is not None)


def _handoff(ctx: RunContext, procedure_id: str, summary: str) -> dict[str, Any]:
    return {"team": ctx.catalogue.procedure(procedure_id).authority, "summary": summary}


def make_act(model: BaseChatModel) -> Any:
    # Binding converts every tool to a JSON schema: done once per procedure, not per call.
    bound_by_procedure: dict[str, Runnable[Any, Any]] = {}

    def bound_for(ctx: RunContext, procedure_id: str) -> Runnable[Any, Any]:
        if procedure_id not in bound_by_procedure:
            tools = [as_langchain(SPECS[n]) for n in offered_tools(ctx, procedure_id)]
            # tool_choice set explicitly: some OpenAI-compatible hosts default it to "none".
            bound_by_procedure[procedure_id] = model.bind_tools(tools, tool_choice="auto")
        return bound_by_procedure[procedure_id]

    async def act(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
        ctx = runtime.context
        procedure_id = state["procedures"][state.get("current", 0)]
        work = dict(state.get("work") or closing.FRESH_WORK)
        if work["steps"] >= ctx.max_steps:
            return await _end(state, ctx, {"work": work}, _handoff(
                ctx, procedure_id, "Le traitement automatique n'a pas abouti dans la limite "
                "d'étapes prévue : reprise par un agent."))
        p = ctx.catalogue.procedure(procedure_id)
        sent = [SystemMessage(procedure_prompt(ctx.catalogue, p, state["demand"])),
                *state["messages"]]
        reply = await call_model(ctx, state["case_id"], node="agent",
                                 model=bound_for(ctx, procedure_id), sent=sent)
        work["steps"] += 1
        update: dict[str, Any] = {"messages": [reply], "work": work}
        if reply.invalid_tool_calls:
            work["retries"] += 1
            update["messages"] = [reply, *[
                ToolMessage(content=f"Appel d'outil mal formé ({c.get('error') or 'JSON'}) : "
                            "réessaie avec des arguments JSON valides.",
                            tool_call_id=c.get("id") or "invalid", status="error")
                for c in reply.invalid_tool_calls]]
            if work["retries"] > MAX_BAD_REPLIES:
                return await _end(state, ctx, update, _handoff(
                    ctx, procedure_id, "Le modèle a produit des appels d'outil mal formés à "
                    "répétition : reprise par un agent."))
            return update
        if not reply.tool_calls:
            if work["notify_count"] > 0:
                return await _end(state, ctx, update, None)
            work["retries"] += 1
            if work["retries"] > MAX_BAD_REPLIES:
                return await _end(state, ctx, update, _handoff(
                    ctx, procedure_id, "Le modèle s'est arrêté sans informer l'usager."))
            update["messages"] = [reply, HumanMessage(NUDGE)]
            return update
        if await ctx.world.taken(state["case_id"]):
            # An officer took the case while the model was thinking: nothing it proposed is
            # carried out, and the turn is not kept (the runner stops here).
            return {"work": work}
        ran = await run_tools(state, ctx, reply, work)
        update["messages"] = [reply, *ran["messages"]]
        if ran["pending"]:
            return {**update, "pending": await gates.request_approval(state, ctx,
                                                                      ran["pending"])}
        if ran["question"]:
            await gates.ask_citizen(state, ctx, ran["question"])
            return {**update, "question": ran["question"]}
        if ran["handoff"]:
            return await _end(state, ctx, update, ran["handoff"])
        if ran["notified"]:
            # The plan ends with notify: the procedure is done once the citizen is told.
            return await _end(state, ctx, update, None)
        return update

    return act


async def _end(state: CaseState, ctx: RunContext, update: dict[str, Any],
               handoff: dict[str, Any] | None) -> dict[str, Any]:
    return {**update, **await closing.conclude(state, ctx, handoff=handoff)}


def after_act(state: CaseState) -> str:
    if state.get("done"):
        return END
    if state.get("pending"):
        return "await_decision"
    if state.get("question"):
        return "await_citizen"
    return "act"


def _as_content(result: Any) -> str:
    return json.dumps(result, ensure_ascii=False, default=str)


async def run_tools(state: CaseState, ctx: RunContext, reply: AIMessage,
                    work: dict[str, int]) -> dict[str, Any]:
    """Run the reply's tool calls in order; sensitive ones become approval requests instead."""
    procedure_id = state["procedures"][state.get("current", 0)]
    offered = set(offered_tools(ctx, procedure_id))
    out: list[ToolMessage] = []
    pending: list[dict[str, Any]] = []
    question: dict[str, Any] | None = None
    handoff: dict[str, Any] | None = None
    notified = False
    for call in reply.tool_calls:
        name, args, call_id = call["name"], dict(call["args"]), call["id"] or ""
        spec = SPECS.get(name)
        if spec is None or name not in offered:
            out.append(ToolMessage(content=f"Outil non disponible ici : {name}. Outils : "
                                   f"{', '.join(sorted(offered))}", tool_call_id=call_id,
                                   name=name, status="error"))
            audit_tool(ctx, name=name, args=args, outcome="refused", result="not offered")
            continue
        try:
            spec.args.model_validate(args)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"]) or "arguments"
            refused = err["type"] == "extra_forbidden"
            why = ("non prévu : l'outil agit toujours pour le seul usager du dossier"
                   if refused else err["msg"])
            text = f"Argument refusé : {where} ({why})"
            out.append(ToolMessage(content=text, tool_call_id=call_id, name=name,
                                   status="error"))
            audit_tool(ctx, name=name, args=args, outcome="refused" if refused else "invalid",
                       result=text)
            continue
        if spec.kind == "ask":
            question = {"tool_call_id": call_id, "question": args["question"]}
            continue
        tctx = await tool_context(state, ctx, step=work["notify_count"])
        if spec.kind == "sensitive":
            try:
                effects.check_allowed(tctx, name)
                checked = effects.validate_args(name, args)
            except ToolError as exc:
                out.append(ToolMessage(content=str(exc), tool_call_id=call_id, name=name,
                                       status="error"))
                audit_tool(ctx, name=name, args=args, outcome="refused", result=str(exc))
                continue
            pending.append({"tool_call_id": call_id, "effect": name, "args": checked,
                            "rationale": _rationale(reply)})
            continue
        try:
            result = await ctx.world.run_tool(spec, tctx, args)
        except AccessRefused as exc:
            out.append(ToolMessage(content=f"Refusé : {exc}", tool_call_id=call_id, name=name,
                                   status="error"))
            audit_tool(ctx, name=name, args=args, outcome="refused", result=str(exc))
            continue
        except ToolError as exc:
            out.append(ToolMessage(content=f"Erreur : {exc}", tool_call_id=call_id, name=name,
                                   status="error"))
            audit_tool(ctx, name=name, args=args, outcome="error", result=str(exc))
            continue
        if name == "notify":
            work["notify_count"] += 1
            notified = True
        if name == "handoff":
            handoff = {"team": args["team"], "summary": args["summary"], "done": True}
        out.append(ToolMessage(content=_as_content(result), tool_call_id=call_id, name=name))
        audit_tool(ctx, name=name, args=args, outcome="ok", result=result)
    return {"messages": out, "pending": pending, "question": question, "handoff": handoff,
            "notified": notified}


def _rationale(reply: AIMessage) -> str:
    text = reply.content if isinstance(reply.content, str) else ""
    return text.strip() or "Proposition issue de l'application des règles de la démarche."

"""Working one procedure: the model proposes tool calls, the tool node runs them safely."""

from __future__ import annotations

import json
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    HumanMessage,
    RemoveMessage,
    SystemMessage,
    ToolMessage,
)
from langchain_core.runnables import Runnable
from langgraph.graph.message import REMOVE_ALL_MESSAGES
from langgraph.runtime import Runtime
from pydantic import ValidationError

from agents.prompts import procedure_prompt
from graphs.state import CaseState, RunContext
from graphs.support import audit_tool, call_model, set_status, tool_context
from tools import effects
from tools.errors import AccessRefused, ToolError
from tools.registry import SPECS, as_langchain, procedure_tool_names

MAX_BAD_REPLIES = 2


def offered_tools(ctx: RunContext, procedure_id: str) -> list[str]:
    p = ctx.catalogue.procedure(procedure_id)
    return procedure_tool_names(list(p.effects), has_form=p.form is not None)


async def start_procedure(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    ctx = runtime.context
    p = ctx.catalogue.procedure(state["procedures"][state.get("current", 0)])
    await set_status(ctx, state["case_id"], status="en_construction", holder="agent",
                     reason=f"traitement : {p.label}")
    # The procedure's prompt is not kept in state: every checkpoint re-saves the whole
    # message list, so it is rebuilt at each model call instead (see `agent`).
    return {
        "messages": [RemoveMessage(id=REMOVE_ALL_MESSAGES), HumanMessage(state["demand"])],
        "steps": 0, "notify_count": 0, "retries": 0, "pending": [], "question": None,
        "handoff": None,
    }


def make_agent(model: BaseChatModel) -> Any:
    # Binding converts every tool to a JSON schema: done once per procedure, not per call.
    bound_by_procedure: dict[str, Runnable[Any, Any]] = {}

    def bound_for(ctx: RunContext, procedure_id: str) -> Runnable[Any, Any]:
        if procedure_id not in bound_by_procedure:
            tools = [as_langchain(SPECS[n]) for n in offered_tools(ctx, procedure_id)]
            # tool_choice set explicitly: some OpenAI-compatible hosts default it to "none".
            bound_by_procedure[procedure_id] = model.bind_tools(tools, tool_choice="auto")
        return bound_by_procedure[procedure_id]

    async def agent(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
        ctx = runtime.context
        procedure_id = state["procedures"][state.get("current", 0)]
        if state.get("steps", 0) >= ctx.max_steps:
            return {"handoff": {"team": ctx.catalogue.procedure(procedure_id).authority,
                                "summary": "Le traitement automatique n'a pas abouti dans la "
                                           "limite d'étapes prévue : reprise par un agent."}}
        p = ctx.catalogue.procedure(procedure_id)
        sent = [SystemMessage(procedure_prompt(ctx.catalogue, p, state["demand"])),
                *state["messages"]]
        reply = await call_model(ctx, state["case_id"], node="agent",
                                 model=bound_for(ctx, procedure_id), sent=sent)
        update: dict[str, Any] = {"messages": [reply], "steps": state.get("steps", 0) + 1}
        if reply.invalid_tool_calls:
            retries = state.get("retries", 0) + 1
            update["retries"] = retries
            update["messages"] = [reply, *[
                ToolMessage(content=f"Appel d'outil mal formé ({c.get('error') or 'JSON'}) : "
                            "réessaie avec des arguments JSON valides.",
                            tool_call_id=c.get("id") or "invalid", status="error")
                for c in reply.invalid_tool_calls]]
            if retries > MAX_BAD_REPLIES:
                update["handoff"] = {"team": ctx.catalogue.procedure(procedure_id).authority,
                                     "summary": "Le modèle a produit des appels d'outil mal "
                                                "formés à répétition : reprise par un agent."}
        return update

    return agent


def after_agent(state: CaseState) -> str:
    if state.get("handoff"):
        return "handoff_procedure"
    last = state["messages"][-1]
    if isinstance(last, AIMessage) and last.tool_calls:
        return "tools"
    if isinstance(last, ToolMessage):  # malformed calls answered: let the model retry
        return "agent"
    if state.get("notify_count", 0) == 0:
        return "nudge"
    return "finish_procedure"


async def nudge(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    retries = state.get("retries", 0) + 1
    if retries > MAX_BAD_REPLIES:
        p = runtime.context.catalogue.procedure(state["procedures"][state.get("current", 0)])
        return {"retries": retries, "handoff": {
            "team": p.authority, "summary": "Le modèle s'est arrêté sans informer l'usager."}}
    return {"retries": retries, "messages": [HumanMessage(
        "(message du système) Poursuis le plan avec les outils ; termine par notify.")]}


def _as_content(result: Any) -> str:
    return json.dumps(result, ensure_ascii=False, default=str)


async def tools_node(state: CaseState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Run the last reply's tool calls; sensitive ones become approval requests instead."""
    ctx, case_id = runtime.context, state["case_id"]
    last = state["messages"][-1]
    assert isinstance(last, AIMessage)
    procedure_id = state["procedures"][state.get("current", 0)]
    offered = set(offered_tools(ctx, procedure_id))
    notify_count = state.get("notify_count", 0)
    out: list[ToolMessage] = []
    pending: list[dict[str, Any]] = []
    question: dict[str, Any] | None = None
    handoff: dict[str, Any] | None = None
    for call in last.tool_calls:
        name, args, call_id = call["name"], dict(call["args"]), call["id"] or ""
        spec = SPECS.get(name)
        if spec is None or name not in offered:
            out.append(ToolMessage(content=f"Outil non disponible ici : {name}. Outils : "
                                   f"{', '.join(sorted(offered))}", tool_call_id=call_id,
                                   name=name, status="error"))
            await audit_tool(ctx, case_id, name=name, args=args, outcome="refused",
                             result="not offered")
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
            await audit_tool(ctx, case_id, name=name, args=args,
                             outcome="refused" if refused else "invalid", result=text)
            continue
        if spec.kind == "ask":
            question = {"tool_call_id": call_id, "question": args["question"]}
            continue
        tctx = await tool_context(state, ctx, step=notify_count)
        if spec.kind == "sensitive":
            try:
                effects.check_allowed(tctx, name)
                checked = effects.validate_args(name, args)
            except ToolError as exc:
                out.append(ToolMessage(content=str(exc), tool_call_id=call_id, name=name,
                                       status="error"))
                await audit_tool(ctx, case_id, name=name, args=args, outcome="refused",
                                 result=str(exc))
                continue
            pending.append({"tool_call_id": call_id, "effect": name, "args": checked,
                            "rationale": _rationale(last)})
            continue
        assert spec.run is not None
        try:
            # A replay serves the recorded result (or re-raises the recorded refusal).
            result = (ctx.replay.tool_result(name, args) if ctx.replay is not None
                      else await spec.run(tctx, args))
        except AccessRefused as exc:
            out.append(ToolMessage(content=f"Refusé : {exc}", tool_call_id=call_id, name=name,
                                   status="error"))
            await audit_tool(ctx, case_id, name=name, args=args, outcome="refused",
                             result=str(exc))
            continue
        except ToolError as exc:
            out.append(ToolMessage(content=f"Erreur : {exc}", tool_call_id=call_id, name=name,
                                   status="error"))
            await audit_tool(ctx, case_id, name=name, args=args, outcome="error",
                             result=str(exc))
            continue
        if name == "notify":
            notify_count += 1
        if name == "handoff":
            handoff = {"team": args["team"], "summary": args["summary"], "done": True}
        out.append(ToolMessage(content=_as_content(result), tool_call_id=call_id, name=name))
        await audit_tool(ctx, case_id, name=name, args=args, outcome="ok", result=result)
    return {"messages": out, "pending": pending, "question": question, "handoff": handoff,
            "notify_count": notify_count}


def _rationale(reply: AIMessage) -> str:
    text = reply.content if isinstance(reply.content, str) else ""
    return text.strip() or "Proposition issue de l'application des règles de la démarche."


def after_tools(state: CaseState) -> str:
    if state.get("pending"):
        return "request_approval"
    if state.get("question"):
        return "ask_citizen"
    if state.get("handoff"):
        return "handoff_procedure"
    return "agent"

"""The case graph: wiring only; nodes live in intake, work, gates and closing."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from langchain_core.language_models import BaseChatModel
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph

from graphs import closing, gates, intake, work
from graphs.state import CaseInput, CaseState, RunContext
from guichet import logs

Node = Callable[..., Awaitable[Any]]


def _named(name: str, fn: Node) -> Node:
    """The node, with its name on every log line it causes."""

    # functools.wraps keeps the signature LangGraph reads to pass `runtime`.
    @functools.wraps(fn)
    async def node(*args: Any, **kwargs: Any) -> Any:
        with logs.bound(node=name):
            return await fn(*args, **kwargs)

    return node


def _after_acknowledge(state: CaseState) -> str:
    return "handoff_case" if state.get("handoff") or not state.get("procedures") else (
        "start_procedure")


def build_case_graph(*, checkpointer: BaseCheckpointSaver[Any] | None,
                     model: BaseChatModel) -> Any:
    """Compile the case graph for one model; the caller owns the checkpointer."""
    g = StateGraph(CaseState, context_schema=RunContext, input_schema=CaseInput)
    g.add_node("intake", _named("intake", intake.intake))
    g.add_node("triage", _named("triage", intake.make_triage(model)))
    g.add_node("acknowledge", _named("acknowledge", intake.acknowledge))
    g.add_node("start_procedure", _named("start_procedure", work.start_procedure))
    g.add_node("agent", _named("agent", work.make_agent(model)))
    g.add_node("nudge", _named("nudge", work.nudge))
    g.add_node("tools", _named("tools", work.tools_node))
    g.add_node("request_approval", _named("request_approval", gates.request_approval))
    g.add_node("await_decision", _named("await_decision", gates.await_decision))
    g.add_node("execute_decisions", _named("execute_decisions", gates.execute_decisions))
    g.add_node("ask_citizen", _named("ask_citizen", gates.ask_citizen))
    g.add_node("await_citizen", _named("await_citizen", gates.await_citizen))
    g.add_node("handoff_procedure", _named("handoff_procedure", closing.handoff_procedure))
    g.add_node("finish_procedure", _named("finish_procedure", closing.finish_procedure))
    g.add_node("next_procedure", _named("next_procedure", closing.next_procedure))
    g.add_node("handoff_case", _named("handoff_case", closing.handoff_case))
    g.add_node("close", _named("close", closing.close))

    g.add_edge(START, "intake")
    g.add_edge("intake", "triage")
    g.add_edge("triage", "acknowledge")
    g.add_conditional_edges("acknowledge", _after_acknowledge,
                            ["handoff_case", "start_procedure"])
    g.add_edge("start_procedure", "agent")
    g.add_conditional_edges("agent", work.after_agent,
                            ["tools", "agent", "nudge", "finish_procedure", "handoff_procedure"])
    g.add_conditional_edges("nudge", lambda s: "handoff_procedure" if s.get("handoff")
                            else "agent", ["agent", "handoff_procedure"])
    g.add_conditional_edges("tools", work.after_tools,
                            ["request_approval", "ask_citizen", "handoff_procedure", "agent"])
    g.add_edge("request_approval", "await_decision")
    g.add_conditional_edges("await_decision", gates.after_decision,
                            ["await_decision", "execute_decisions"])
    g.add_conditional_edges("execute_decisions", gates.after_execute,
                            ["handoff_procedure", "ask_citizen", "agent"])
    g.add_edge("ask_citizen", "await_citizen")
    g.add_edge("await_citizen", "agent")
    g.add_edge("handoff_procedure", "next_procedure")
    g.add_edge("finish_procedure", "next_procedure")
    g.add_conditional_edges("next_procedure", closing.after_procedure,
                            ["start_procedure", "close"])
    g.add_edge("handoff_case", END)
    g.add_edge("close", END)
    return g.compile(checkpointer=checkpointer)

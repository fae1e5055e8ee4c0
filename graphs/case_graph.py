"""The case graph: wiring only; nodes live in intake, work and gates.

Four nodes: `intake` (triage, acknowledgement, first procedure), `act` (one model turn and
its tool calls, ending a procedure when it is done), and the two waits. A simple case is
about six steps, each checkpointed.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from langchain_core.language_models import BaseChatModel
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime

from graphs import gates, intake, work
from graphs.state import CaseInput, CaseState, RunContext
from graphs.support import flush_events
from guichet import logs

Node = Callable[..., Awaitable[Any]]


def _named(name: str, fn: Node) -> Node:
    """The node, with its name on every log line it causes and its audit events written in
    one statement when it ends (or fails)."""

    # functools.wraps keeps the signature LangGraph reads to pass `runtime`.
    @functools.wraps(fn)
    async def node(state: CaseState, runtime: Runtime[RunContext]) -> Any:
        with logs.bound(node=name):
            try:
                return await fn(state, runtime)
            finally:
                await flush_events(runtime.context, state["case_id"])

    return node


def _after_intake(state: CaseState) -> str:
    if state.get("done"):
        return END
    # A question asked at triage, before any démarche is chosen.
    return "await_citizen" if state.get("question") and not state.get("procedures") else "act"


def build_case_graph(*, checkpointer: BaseCheckpointSaver[Any] | None,
                     model: BaseChatModel) -> Any:
    """Compile the case graph for one model; the caller owns the checkpointer."""
    g = StateGraph(CaseState, context_schema=RunContext, input_schema=CaseInput)
    g.add_node("intake", _named("intake", intake.make_intake(model)))
    g.add_node("act", _named("act", work.make_act(model)))
    g.add_node("await_decision", _named("await_decision", gates.await_decision))
    g.add_node("await_citizen", _named("await_citizen", gates.await_citizen))

    g.add_edge(START, "intake")
    g.add_conditional_edges("intake", _after_intake, ["act", "await_citizen", END])
    g.add_conditional_edges("act", work.after_act, ["act", "await_decision", "await_citizen",
                                                    END])
    g.add_conditional_edges("await_decision", gates.after_decision,
                            ["await_decision", "act", END])
    g.add_conditional_edges("await_citizen", gates.after_citizen, ["intake", "act"])
    return g.compile(checkpointer=checkpointer)

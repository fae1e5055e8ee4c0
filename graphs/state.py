"""The case graph's state: small, redacted, with explicit reducers."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, TypedDict

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages

from graphs.world import World
from guichet.catalogue import Catalogue
from guichet.db import Pool
from tools.records import RecordsConnector


class CaseInput(TypedDict):
    case_id: str


class CaseState(TypedDict, total=False):
    case_id: str
    demand: str  # the first message, redacted
    procedures: list[str]
    current: int
    # The conversation of the current procedure only; reset between procedures.
    messages: Annotated[list[AnyMessage], add_messages]
    # Bookkeeping of the current procedure (steps, notify_count, retries), one channel.
    work: dict[str, int]
    pending: list[dict[str, Any]]  # sensitive calls waiting for an officer
    question: dict[str, Any] | None  # an ask_citizen call waiting for the answer
    # The last citizen message the graph has taken in: checkpointed with the node that read
    # it, so a run killed after reading an answer reads it again (a row flag set before the
    # checkpoint would lose it).
    answered: int
    outcomes: Annotated[list[dict[str, Any]], operator.add]
    decisions: Annotated[list[dict[str, Any]], operator.add]
    done: bool  # the case has reached its end (closed, or handed to a team)
    # Answers to the one question triage may ask ("which card?"), read with the demand.
    clarified: list[str]


@dataclass
class RunContext:
    """Per-run dependencies, passed as LangGraph runtime context (one per run of a case).

    `world` is how nodes reach everything outside their state (graphs/world.py): the live
    database, or an auditor's replay sandbox.
    """

    citizen_id: str
    pool: Pool
    catalogue: Catalogue
    records: RecordsConnector
    now: Callable[[], datetime]
    world: World
    max_steps: int = 24

"""Replay of a finished case in a sandbox, compared step by step with the original.

The same case graph runs on a thread of its own in an in-memory checkpointer, with the
recorded model outputs (or, for a regression check, the live model on the recorded
inputs), the recorded tool results, the recorded officers' decisions and citizen's
answers. The run's world port is the sandbox (graphs/replay_world.py), whose database
connections are read-only, so a write that slipped through fails instead of reaching the
world.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any, Literal, Protocol

from langchain_core.language_models import BaseChatModel
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command
from psycopg.errors import ReadOnlySqlTransaction
from psycopg_pool import AsyncConnectionPool
from pydantic import BaseModel

from graphs.case_graph import build_case_graph
from graphs.replay_model import RecordedModel
from graphs.replay_sandbox import ReplayEvent, ReplayStop, Sandbox
from graphs.replay_world import ReplayWorld
from graphs.state import RunContext
from guichet import audit, db
from guichet.catalogue import Catalogue
from guichet.errors import Conflict, NotFound
from guichet.settings import Settings
from guichet.trace import jsonable
from tools.records import PostgresRecords


class ServiceParts(Protocol):
    """What a replay takes from the running service (guichet.services.Services has it)."""

    @property
    def pool(self) -> db.Pool: ...
    @property
    def graph(self) -> Any: ...
    @property
    def catalogue(self) -> Catalogue: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def now(self) -> Callable[[], datetime]: ...


MAX_ROUNDS = 40


class StepReport(BaseModel):
    index: int
    node: str
    original_node: str | None
    same: bool
    events: list[ReplayEvent]


class Divergence(BaseModel):
    step: int
    node: str | None
    reason: str
    recorded: Any = None
    replay: Any = None


class DecisionDiff(BaseModel):
    index: int
    original: dict[str, Any] | None
    replay: dict[str, Any] | None
    same: bool


class ReplayReport(BaseModel):
    case_id: str
    replay_thread: str
    mode: Literal["recorded", "current"]
    finished: bool  # the replay reached the end of the graph
    stopped: str | None  # why it could not go on, if so
    reproduced: bool
    first_divergence: Divergence | None
    steps: list[StepReport]
    missing: list[dict[str, Any]]  # recorded events the replay never produced
    decisions: list[DecisionDiff]
    original_outcomes: list[dict[str, Any]]
    replay_outcomes: list[dict[str, Any]]


@asynccontextmanager
async def read_only_pool(pool: db.Pool) -> AsyncIterator[db.Pool]:
    """Connections to the same database on which Postgres refuses every write."""
    ro: db.Pool = AsyncConnectionPool(
        pool.conninfo, min_size=1, max_size=2, open=False, name="guichet-replay",
        kwargs={**db.connection_kwargs(), "options": "-c default_transaction_read_only=on"})
    await ro.open(wait=True)
    try:
        yield ro
    finally:
        await ro.close()


def _thread(case_id: str) -> dict[str, Any]:
    return {"configurable": {"thread_id": case_id}, "recursion_limit": 200}


async def original_nodes(graph: Any, case_id: str) -> list[str] | None:
    """The nodes the original ran, in order, from its checkpoints (None once pruned)."""
    history = [s async for s in graph.aget_state_history(_thread(case_id))]
    history.reverse()
    by_id = {s.config["configurable"]["checkpoint_id"]: s for s in history}
    nodes: list[str] = []
    for snap in history:
        pid = (snap.parent_config or {}).get("configurable", {}).get("checkpoint_id")
        parent = by_id.get(pid)
        if parent is None:
            continue
        nodes += [t.name for t in parent.tasks if not t.name.startswith("__")]
    # After pruning only the last checkpoint is left: no node sequence to compare with.
    return nodes if len(history) > 1 else None


def _outcomes(values: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"procedure": o.get("procedure"), "result": o.get("result")}
            for o in values.get("outcomes") or []]


async def replay_case(
    *, pool: db.Pool, ro_pool: db.Pool, graph: Any, catalogue: Catalogue,
    case: dict[str, Any], model: BaseChatModel | None = None,
    now: Callable[[], datetime], max_steps: int = 24,
) -> ReplayReport:
    """Re-execute one finished case in a sandbox; `model` None serves the recorded outputs."""
    case_id = str(case["id"])
    original = await graph.aget_state(_thread(case_id))
    if not original.values:
        if case.get("personal_data_purged_at") is not None:
            # Its retention is over: the state a replay compares with was erased with the
            # rest of its personal data (guichet/retention.py); the trace still reads.
            raise NotFound("this case's personal data was erased at the end of its retention:"
                           " nothing left to replay (its trace remains)")
        raise NotFound("this case has no checkpoint to replay")
    if original.next:
        raise Conflict("only a finished case can be replayed (it is still waiting or running)")
    async with db.connection(pool) as conn:
        events = await audit.case_events(conn, case_id)
    try:
        sandbox = Sandbox(events)
    except ReplayStop as exc:
        raise Conflict(str(exc)) from exc
    records = PostgresRecords(ro_pool)
    world = ReplayWorld(sandbox, pool=ro_pool, records=records, citizen_id=case["citizen_id"])
    ctx = RunContext(citizen_id=case["citizen_id"], pool=ro_pool, catalogue=catalogue,
                     records=records, now=now, max_steps=max_steps, world=world)
    live = model is not None
    the_model = model if model is not None else RecordedModel(outputs=sandbox.model_calls)
    sandbox_graph = build_case_graph(checkpointer=InMemorySaver(), model=the_model)
    thread = f"replay:{case_id}:{uuid.uuid4().hex[:12]}"
    cfg = {"configurable": {"thread_id": thread}, "recursion_limit": 200}
    ran: list[tuple[str, list[ReplayEvent]]] = []
    seen = 0
    payload: Any = {"case_id": case_id}
    stopped: str | None = None
    finished = False
    for _ in range(MAX_ROUNDS):
        try:
            async for chunk in sandbox_graph.astream(payload, cfg, context=ctx,
                                                     stream_mode="updates"):
                for node in chunk:
                    if not node.startswith("__"):
                        ran.append((node, sandbox.log[seen:]))
                        seen = len(sandbox.log)
        except ReplayStop as exc:
            stopped = str(exc)
        except ReadOnlySqlTransaction as exc:  # a write that no seam caught: refused
            stopped = f"write refused in the sandbox: {exc}"
        snap = await sandbox_graph.aget_state(cfg)
        if stopped is not None:
            if len(sandbox.log) > seen or snap.next:
                ran.append((snap.next[0] if snap.next else "?", sandbox.log[seen:]))
            break
        if not snap.next:
            finished = True
            break
        # Every wait is answered by the sandbox from the record; the value only resumes.
        payload = Command(resume={"replay": True})
    final = await sandbox_graph.aget_state(cfg)
    return _report(case_id=case_id, thread=thread, live=live, ran=ran, sandbox=sandbox,
                   nodes=await original_nodes(graph, case_id), stopped=stopped,
                   finished=finished, original=original.values, replay=final.values)


def _event_reason(ev: ReplayEvent) -> str:
    if ev.recorded is None:
        return f"{ev.kind}: the replay did more than the original"
    return f"{ev.kind}: the replay differs from the recorded event {ev.recorded_id}"


def _report(*, case_id: str, thread: str, live: bool, ran: list[tuple[str, list[ReplayEvent]]],
            sandbox: Sandbox, nodes: list[str] | None, stopped: str | None, finished: bool,
            original: dict[str, Any], replay: dict[str, Any]) -> ReplayReport:
    steps: list[StepReport] = []
    divergence: Divergence | None = None
    for i, (node, evs) in enumerate(ran):
        orig = nodes[i] if nodes is not None and i < len(nodes) else None
        same_node = nodes is None or orig == node
        steps.append(StepReport(index=i, node=node, original_node=orig,
                                same=same_node and all(e.same for e in evs), events=evs))
        if divergence is None and not same_node:
            divergence = Divergence(step=i, node=node, reason="another node ran here",
                                    recorded=orig, replay=node)
        bad = next((e for e in evs if not e.same), None)
        if divergence is None and bad is not None:
            divergence = Divergence(step=i, node=node, reason=_event_reason(bad),
                                    recorded=bad.recorded, replay=bad.replay)
    missing = [{"id": e["id"], "kind": e["kind"], "data": jsonable(e["data"])}
               for e in sandbox.leftovers()]
    last = len(steps) - 1
    if divergence is None and stopped is not None:
        divergence = Divergence(step=last, node=steps[-1].node if steps else None,
                                reason=f"stopped: {stopped}")
    if divergence is None and nodes is not None and len(nodes) != len(steps):
        divergence = Divergence(step=min(len(nodes), len(steps)), node=None,
                                reason="the original ran more nodes" if len(nodes) > len(steps)
                                else "the replay ran more nodes")
    if divergence is None and missing:
        divergence = Divergence(step=last, node=None, recorded=missing[0],
                                reason=f"{missing[0]['kind']}: recorded, never produced")
    original_outcomes, replay_outcomes = _outcomes(original), _outcomes(replay)
    if divergence is None and original_outcomes != replay_outcomes:
        divergence = Divergence(step=last, node=None, reason="another outcome",
                                recorded=original_outcomes, replay=replay_outcomes)
    return ReplayReport(
        case_id=case_id, replay_thread=thread, mode="current" if live else "recorded",
        finished=finished, stopped=stopped,
        reproduced=finished and divergence is None, first_divergence=divergence, steps=steps,
        missing=missing, decisions=_decisions(sandbox), original_outcomes=original_outcomes,
        replay_outcomes=replay_outcomes)


def _decisions(sandbox: Sandbox) -> list[DecisionDiff]:
    """The sensitive proposals (what an officer had to decide), original against replay."""
    def view(data: dict[str, Any]) -> dict[str, Any]:
        return {"effect": data["effect"], "args": data["args"]}

    recorded = [view(e["data"]) for e in sandbox.requests]
    replayed = [view(e.replay) for e in sandbox.log if e.kind == "approval.requested"]
    out = []
    for i in range(max(len(recorded), len(replayed))):
        a = recorded[i] if i < len(recorded) else None
        b = replayed[i] if i < len(replayed) else None
        out.append(DecisionDiff(index=i, original=a, replay=b, same=a == b))
    return out


async def replay_in_service(services: ServiceParts, case: dict[str, Any], *,
                            model: BaseChatModel | None = None,
                            ro_pool: db.Pool | None = None) -> ReplayReport:
    """Replay one case with a running service's graph, catalogue and clock."""
    async with contextlib.AsyncExitStack() as stack:
        ro = (ro_pool if ro_pool is not None
              else await stack.enter_async_context(read_only_pool(services.pool)))
        return await replay_case(pool=services.pool, ro_pool=ro, graph=services.graph,
                                 catalogue=services.catalogue, case=case, model=model,
                                 now=services.now, max_steps=services.settings.max_agent_steps)

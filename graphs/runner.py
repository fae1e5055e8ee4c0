"""Moving one case forward: start it, resume it after a crash, or feed it what it waited for."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from langgraph.types import Command

from graphs import casedb
from graphs.state import RunContext
from guichet.db import Pool, connection
from guichet.store import approvals

log = logging.getLogger(__name__)

MAX_ROUNDS = 20


def thread_config(case_id: str) -> dict[str, Any]:
    return {"configurable": {"thread_id": case_id}, "recursion_limit": 200}


async def _decided(pool: Pool, ids: list[str]) -> bool:
    """Every request of the wait is decided: resuming earlier would only interrupt again."""
    async with connection(pool) as conn:
        return await approvals.all_decided(conn, ids=ids)


async def next_input(graph: Any, ctx: RunContext, case_id: str,
                     snapshot: Any = None) -> Any | None:
    """What to run the graph with now, or None when the case has nothing to do."""
    if snapshot is None:
        snapshot = await graph.aget_state(thread_config(case_id))
    if not snapshot.values and not snapshot.next:
        return {"case_id": case_id}
    if snapshot.interrupts:
        waiting = snapshot.interrupts[0].value
        if waiting.get("await") == "citizen":
            msg = await casedb.next_citizen_message(
                ctx.pool, case_id, after=snapshot.values.get("answered"))
            return Command(resume={"message_id": msg["id"]}) if msg else None
        if waiting.get("await") == "approval":
            return Command(resume={"check": True}) if await _decided(
                ctx.pool, waiting["approvals"]) else None
        return None
    return None


@dataclass(frozen=True)
class Advanced:
    rounds: int
    # The case is open and the agent's, yet nothing was left to run: no next node, no
    # question, no request. The caller hands it to a human instead of calling it a success.
    stuck: bool = False


def _ended(update: dict[str, Any]) -> bool:
    return any(isinstance(v, dict) and v.get("done") for v in update.values())


def _open_for_agent(row: dict[str, Any]) -> bool:
    return row["settled_at"] is None and not row["taken_by"] and row["holder"] == "agent"


async def advance(graph: Any, ctx: RunContext, case_id: str) -> Advanced:
    """Run the case until it waits or ends."""
    rounds = 0
    while rounds < MAX_ROUNDS:
        row = await casedb.case_row(ctx.pool, case_id)
        if row is None or row["taken_by"] or row["status"] == "sans_suite":
            # Taken over by an officer, or withdrawn: the agent no longer acts.
            return Advanced(rounds)
        snapshot = await graph.aget_state(thread_config(case_id))
        started = bool(snapshot.values) or bool(snapshot.next)
        payload: Any
        if started and (snapshot.next or snapshot.tasks) and not snapshot.interrupts:
            # A run cut short (worker died): go on from the checkpoint. A node that finished
            # without its checkpoint being written shows as a task with a result and no next
            # node; resuming applies its saved writes.
            payload = None
        elif (started and not snapshot.interrupts
              and (snapshot.metadata or {}).get("source") == "input"):
            # Killed right after the input checkpoint: it holds the input and no next node,
            # and nothing has happened yet. Start the run again.
            payload = {"case_id": case_id}
        else:
            payload = await next_input(graph, ctx, case_id, snapshot)
            if payload is None:
                ended = started and not (snapshot.next or snapshot.tasks or snapshot.interrupts)
                return Advanced(rounds, stuck=ended and _open_for_agent(row))
        waits = False
        async for update in graph.astream(payload, thread_config(case_id), context=ctx,
                                          durability="sync", stream_mode="updates"):
            waits = waits or "__interrupt__" in update or _ended(update)
            # Checked within the run, not only between rounds: once an officer takes the
            # case, the agent stops before its next act. `act` checks between the model's
            # reply and its tool calls and then keeps nothing; the run stops here.
            if "act" in update and update["act"] and "messages" not in update["act"] \
                    and await casedb.taken(ctx.pool, case_id):
                return Advanced(rounds + 1)
        rounds += 1
        if waits:
            # It waits for a person (whose answer or decision queues a run of its own), or
            # it has ended: no need to read the state again to learn that.
            return Advanced(rounds)
    log.warning("case %s still moving after %s rounds", case_id, rounds)
    return Advanced(rounds)

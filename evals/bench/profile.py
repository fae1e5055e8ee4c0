"""Where a case's time goes: graph nodes, model calls and SQL statements, measured in-process.

Cases run one at a time in this process on a database of their own, through the same
`Services.advance` the queue task calls; officers' approvals go through `approvals.decide`.
Node and model times come from a LangChain callback handler registered for the run; SQL times
from timing psycopg's cursor calls (wall time, including the server's work).
"""

from __future__ import annotations

import contextlib
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.tracers.context import register_configure_hook

from evals.bench.workload import Demand
from graphs.case_graph import build_case_graph
from guichet import approvals, cases
from guichet.services import open_services
from guichet.settings import Settings

_handler: ContextVar[BaseCallbackHandler | None] = ContextVar("guichet_bench_profile",
                                                               default=None)
register_configure_hook(_handler, True)


def graph_nodes() -> set[str]:
    from agents.offline import OfflineModel

    return {n for n in build_case_graph(checkpointer=None, model=OfflineModel()).nodes
            if not n.startswith("__")}


class NodeTimer(BaseCallbackHandler):
    """Wall time per graph node and per model call."""

    run_inline = True

    def __init__(self, nodes: set[str]) -> None:
        self.nodes = nodes
        self.open: dict[UUID, tuple[str, float]] = {}
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: Counter[str] = Counter()

    def _start(self, name: str, run_id: UUID) -> None:
        self.open[run_id] = (name, time.perf_counter())

    def _end(self, run_id: UUID) -> None:
        hit = self.open.pop(run_id, None)
        if hit:
            self.seconds[hit[0]] += time.perf_counter() - hit[1]
            self.calls[hit[0]] += 1

    def on_chain_start(self, serialized: dict[str, Any] | None, inputs: Any, *, run_id: UUID,
                       **kwargs: Any) -> None:
        name = kwargs.get("name") or (serialized or {}).get("name")
        if name in self.nodes:
            self._start(f"node {name}", run_id)

    def on_chain_end(self, outputs: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self._end(run_id)

    def on_chain_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        self._end(run_id)  # an interrupt ends its node this way

    def on_chat_model_start(self, serialized: dict[str, Any] | None, messages: Any, *,
                            run_id: UUID, **kwargs: Any) -> None:
        self._start("model call (offline model)", run_id)

    def on_llm_end(self, response: Any, *, run_id: UUID, **kwargs: Any) -> None:
        self._end(run_id)


class QueryTimer:
    """Wall time and count per SQL statement (whitespace folded, literals as written)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: Counter[str] = Counter()

    @staticmethod
    def key(query: Any) -> str:
        text = query.decode() if isinstance(query, bytes) else str(query)
        return re.sub(r"\s+", " ", text).strip()[:110]

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        cls = psycopg.AsyncCursor
        execute, executemany = cls.execute, cls.executemany
        timer = self

        async def timed_execute(cur: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return await execute(cur, query, *args, **kwargs)
            finally:
                k = timer.key(query)
                timer.seconds[k] += time.perf_counter() - t0
                timer.calls[k] += 1

        async def timed_many(cur: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return await executemany(cur, query, *args, **kwargs)
            finally:
                k = timer.key(query)
                timer.seconds[k] += time.perf_counter() - t0
                timer.calls[k] += 1

        cls.execute = timed_execute  # type: ignore[method-assign,assignment]
        cls.executemany = timed_many  # type: ignore[method-assign,assignment]
        try:
            yield
        finally:
            cls.execute = execute  # type: ignore[method-assign]
            cls.executemany = executemany  # type: ignore[method-assign]


def _top(seconds: dict[str, float], calls: Counter[str], n: int, cases_: int,
         limit: int) -> list[dict[str, Any]]:
    rows = sorted(seconds.items(), key=lambda kv: -kv[1])[:limit]
    return [{"what": k, "ms_per_case": v * 1000 / max(cases_, 1),
             "calls_per_case": calls[k] / max(cases_, 1)} for k, v in rows]


async def profile_cases(*, url: str, demands: list[Demand], data_dir: Path,
                        secret: str) -> dict[str, Any]:
    """Run `demands` one by one in-process; return per-case wall time by node and by query."""
    settings = Settings(env="dev", jwt_secret=secret, data_dir=data_dir)
    nodes, queries = NodeTimer(graph_nodes()), QueryTimer()
    wall = 0.0
    async with open_services(settings, url=url) as services:
        token = _handler.set(nodes)
        try:
            with queries.installed():
                for d in demands:
                    t0 = time.perf_counter()
                    case_id = await cases.create_case(services, citizen_id=d.citizen_id,
                                                      text=d.text, channel="api")
                    await services.advance(case_id)
                    for _ in range(3):
                        async with services.pool.connection() as conn:
                            cur = await conn.execute(
                                "select id::text as id, authority from approvals"
                                " where case_id = %s and status = 'pending'", (case_id,))
                            pending = await cur.fetchall()
                        if not pending:
                            break
                        for a in pending:
                            await approvals.decide(services, approval_id=a["id"],
                                                   officer="bench", authority=a["authority"],
                                                   decision="approve")
                        await services.advance(case_id)
                    wall += time.perf_counter() - t0
        finally:
            _handler.reset(token)
    n = len(demands)
    sql_total = sum(queries.seconds.values())
    return {
        "cases": n, "wall_ms_per_case": wall * 1000 / max(n, 1),
        "sql_ms_per_case": sql_total * 1000 / max(n, 1),
        "sql_statements_per_case": sum(queries.calls.values()) / max(n, 1),
        "nodes": _top(nodes.seconds, nodes.calls, n, n, 40),
        "queries": _top(queries.seconds, queries.calls, n, n, 15),
    }

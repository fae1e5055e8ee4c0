"""The baseline: the plain LangGraph build a team would write from the docs, for one case kind.

`langchain.agents.create_agent` with `HumanInTheLoopMiddleware(interrupt_mode="per_call")` and
`AsyncPostgresSaver` over a psycopg pool; a scripted model reads two records, fills a form,
proposes one sensitive effect (approved at once, in code) and notifies. Cases run back to back.
No audit trail, no redaction, no queue: what the docs assemble, nothing more. It runs in its
own process (`python -m evals.bench.baseline`) so its peak memory is its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import resource
import subprocess
import sys
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from langchain.agents import create_agent
from langchain.agents.middleware import HumanInTheLoopMiddleware
from langchain.tools import ToolRuntime, tool
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.runnables import Runnable
from langchain_core.utils.function_calling import convert_to_openai_tool
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.types import Command
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool
from pydantic import BaseModel

from evals.bench import pgstats, procstat
from evals.bench.stats import latency_summary, settle_rate

IDLE_FLUSH_S = 2.5
ANALYZE_EVERY_S = 5.0  # as on the guichet side: see pgstats.autoanalyze
_TABLES = """
create table if not exists baseline_effects (
    id bigint generated always as identity primary key, thread_id text not null,
    citizen_id text not null, effect text not null, args jsonb not null,
    created_at timestamptz not null default now());
create table if not exists baseline_notifications (
    id bigint generated always as identity primary key, thread_id text not null,
    citizen_id text not null, body text not null, created_at timestamptz not null default now());
"""


@dataclass
class Ctx:
    citizen_id: str
    thread_id: str
    pool: AsyncConnectionPool[Any]


class BenefitForm(BaseModel):
    household_adults: int
    children: int
    monthly_activity_income: float
    rfr: float


@tool
async def lookup_record(source: Literal["caf", "dgfip"], runtime: ToolRuntime[Ctx]) -> str:
    """Read the citizen's record at one administration (caf or dgfip)."""
    ctx = runtime.context
    async with ctx.pool.connection() as conn:
        cur = await conn.execute("select data from records where citizen_id = %s and source = %s",
                                 (ctx.citizen_id, source))
        row = await cur.fetchone()
    return json.dumps(row["data"] if row else None, ensure_ascii=False)


@tool
async def fill_form(household_adults: int, children: int, monthly_activity_income: float,
                    rfr: float) -> str:
    """Fill the benefit form from the records read."""
    return BenefitForm(household_adults=household_adults, children=children,
                       monthly_activity_income=monthly_activity_income, rfr=rfr).model_dump_json()


@tool
async def grant_benefit(benefit: str, monthly_amount: float, start_date: str,
                        runtime: ToolRuntime[Ctx]) -> str:
    """Grant a benefit (sensitive: an officer approves it first)."""
    ctx = runtime.context
    args = {"benefit": benefit, "monthly_amount": monthly_amount, "start_date": start_date}
    async with ctx.pool.connection() as conn:
        await conn.execute("insert into baseline_effects (thread_id, citizen_id, effect, args)"
                           " values (%s, %s, 'grant_benefit', %s::jsonb)",
                           (ctx.thread_id, ctx.citizen_id, json.dumps(args)))
    return json.dumps({"granted": True, **args})


@tool
async def notify(message: str, runtime: ToolRuntime[Ctx]) -> str:
    """Send the citizen a message."""
    ctx = runtime.context
    async with ctx.pool.connection() as conn:
        await conn.execute("insert into baseline_notifications (thread_id, citizen_id, body)"
                           " values (%s, %s, %s)", (ctx.thread_id, ctx.citizen_id, message))
    return json.dumps({"sent": True})


def _call(name: str, args: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:16]}", "type": "tool_call"}


class ScriptedModel(BaseChatModel):
    """One tool call per turn, in plan order, taking values from the results so far."""

    @property
    def _llm_type(self) -> str:
        return "bench-scripted"

    def bind_tools(self, tools: Sequence[Any], *, tool_choice: str | None = None,
                   **kwargs: Any) -> Runnable[LanguageModelInput, AIMessage]:
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools], **kwargs)

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None,
                  **kwargs: Any) -> ChatResult:
        results = [m for m in messages if isinstance(m, ToolMessage)]
        records = [json.loads(str(m.content)) for m in results if m.name == "lookup_record"]
        caf = records[0] if records and isinstance(records[0], dict) else {}
        dgfip = records[1] if len(records) > 1 and isinstance(records[1], dict) else {}
        plan: list[tuple[str, dict[str, Any]]] = [
            ("lookup_record", {"source": "caf"}),
            ("lookup_record", {"source": "dgfip"}),
            ("fill_form", {"household_adults": caf.get("household_adults", 1),
                           "children": len(caf.get("children") or []),
                           "monthly_activity_income": caf.get("monthly_activity_income", 0.0),
                           "rfr": max((dgfip.get("rfr") or {"0": 0}).values())}),
            ("grant_benefit", {"benefit": "prime-activite", "monthly_amount": 180.0,
                               "start_date": "2026-12-01"}),
            ("notify", {"message": "Votre prime d'activité est accordée : 180 € par mois."}),
        ]
        if len(results) < len(plan):
            name, args = plan[len(results)]
            reply = AIMessage(content="", tool_calls=[_call(name, args)])
        else:
            reply = AIMessage(content="Votre demande est traitée.")
        return ChatResult(generations=[ChatGeneration(message=reply)])


def build_agent(saver: AsyncPostgresSaver) -> Any:
    return create_agent(
        ScriptedModel(), tools=[lookup_record, fill_form, grant_benefit, notify],
        system_prompt="Tu instruis les demandes de prime d'activité.",
        middleware=[HumanInTheLoopMiddleware(
            interrupt_on={"grant_benefit": {"allowed_decisions": ["approve", "reject"]}},
            interrupt_mode="per_call")],
        checkpointer=saver, context_schema=Ctx)


async def run_case(agent: Any, pool: AsyncConnectionPool[Any], citizen_id: str) -> str:
    """One case to its end: run, answer each approval request, run again."""
    thread_id = str(uuid.uuid4())
    config = {"configurable": {"thread_id": thread_id}}
    ctx = Ctx(citizen_id=citizen_id, thread_id=thread_id, pool=pool)
    out = await agent.ainvoke(
        {"messages": [HumanMessage("Je travaille à mi-temps, ai-je droit à la prime d'activité ?")]},
        config, context=ctx, version="v2")
    for _ in range(4):
        if not out.interrupts:
            break
        out = await agent.ainvoke(Command(resume={i.id: {"type": "approve"}
                                                  for i in out.interrupts}),
                                  config, context=ctx, version="v2")
    if out.interrupts:
        raise RuntimeError(f"baseline case {thread_id} still interrupted")
    return thread_id


async def measure(url: str, citizens: list[str], warmup: int) -> dict[str, Any]:
    pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
        url, min_size=1, max_size=4, open=False,
        kwargs={"autocommit": True, "row_factory": dict_row, "prepare_threshold": 0})
    await pool.open(wait=True)
    pg_pid = pgstats.postmaster_pid(url)
    try:
        async with pool.connection() as conn:
            await conn.execute(_TABLES.encode(), prepare=False)
        saver = AsyncPostgresSaver(pool)
        await saver.setup()
        agent = build_agent(saver)
        for i in range(warmup):
            await run_case(agent, pool, citizens[i % len(citizens)])
        analyzer = asyncio.create_task(pgstats.autoanalyze_every(url, ANALYZE_EVERY_S))
        await asyncio.sleep(IDLE_FLUSH_S)
        load_before = os.getloadavg()
        before, pg_before = pgstats.table_stats(url), pgstats.server_cpu(pg_pid)
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        submitted: list[float] = []
        settled: list[float] = []
        threads: list[str] = []
        started = time.perf_counter()
        for cid in citizens:
            submitted.append(time.time())
            threads.append(await run_case(agent, pool, cid))
            settled.append(time.time())
        wall = time.perf_counter() - started
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        pg_after = pgstats.server_cpu(pg_pid)
        load_after = os.getloadavg()
        analyzer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await analyzer
    finally:
        await pool.close()
    return {
        "threads": threads, "submitted": submitted, "settled": settled, "wall_s": wall,
        "load_average": {"before": load_before[0], "after": load_after[0]},
        "table_stats_before": before, "pg_cpu_before": pg_before, "pg_cpu_after": pg_after,
        "cpu_s": (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_baseline(*, url: str, citizens: list[str], warmup: int, workdir: Path) -> dict[str, Any]:
    """Run the baseline in a process of its own and summarise it like a guichet run."""
    workdir.mkdir(parents=True, exist_ok=True)
    out = workdir / "baseline.json"
    spec = json.dumps({"citizens": citizens, "warmup": warmup})
    with (workdir / "baseline.log").open("wb") as log:
        subprocess.run([sys.executable, "-m", "evals.bench.baseline", url, spec, str(out)],
                       check=True, stdout=log, stderr=subprocess.STDOUT, timeout=1800)
    raw = json.loads(out.read_text())
    # The process has exited: its backends have flushed their counters.
    after = pgstats.table_stats(url)
    n = len(raw["threads"])
    ckpt = pgstats.checkpoint_bytes(url, raw["threads"])
    pg_before = {int(k): v for k, v in raw["pg_cpu_before"].items()}
    pg_after = {int(k): v for k, v in raw["pg_cpu_after"].items()}

    def mean(key: str) -> float:
        return sum(c[key] for c in ckpt.values()) / max(n, 1)

    latencies = [b - a for a, b in zip(raw["submitted"], raw["settled"], strict=True)]
    return {
        "cases": n, "settled": n, "wall_s": raw["wall_s"], "load_average": raw["load_average"],
        "latency_s": latency_summary(latencies),
        "throughput": settle_rate(raw["submitted"], raw["settled"]),
        "checkpoints": {"bytes_per_case": mean("bytes"), "stored_bytes_per_case": mean("stored"),
                        "rows_per_case": mean("rows"),
                        "by_channel": pgstats.checkpoint_channels(url, raw["threads"])},
        "postgres": pgstats.per_case(pgstats.stats_delta(raw["table_stats_before"], after), n),
        "cpu_ms_per_case": {"process": raw["cpu_s"] * 1000 / max(n, 1),
                            "postgres": (procstat.cpu_delta(pg_before, pg_after) * 1000 / max(n, 1))
                            if pg_after else None},
        "processes": [{"name": "baseline", "peak_rss_mb": raw["peak_rss_mb"]}],
    }


def main(argv: list[str]) -> None:
    url, spec, out = argv[0], json.loads(argv[1]), Path(argv[2])
    result = asyncio.run(measure(url, spec["citizens"], spec["warmup"]))
    out.write_text(json.dumps(result, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])

"""Running eval cases through the real service path: API, queue, worker, graph, Postgres.

Each case gets its own database copied from a seeded template, its own services and an
in-process worker; the runner plays the citizen (the case's messages, in order, whenever the
case waits for them) and the officer (the case's `approver`), then observes and grades.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
from langchain_core.language_models import BaseChatModel
from pydantic import SecretStr

from api.app import create_app
from api.auth import mint
from evals.dataset import Approver, EvalCase
from evals.grading import Grade, grade
from evals.observe import Observation, observe, records_digest
from evals.world import World, fixed_now
from guichet import outreach
from guichet.services import Services, open_services
from guichet.settings import Settings
from tools.records import write_citizen

SETTLED = ("accepte", "refuse", "sans_suite")
MAX_TURNS = 16
OFFICER = "eval-officer"

# Answers the agent's question when the case's scripted messages run out (online mode's
# simulated citizen); None: the citizen says nothing more.
Answerer = Callable[[EvalCase, list[str]], Awaitable[str | None]]


@dataclass
class CaseRun:
    case: EvalCase
    trial: int
    observation: Observation
    grade: Grade

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.case.id, "trial": self.trial, "tags": self.case.tags,
                "expected_procedures": self.case.expect.procedures,
                "passed": self.grade.passed, "grade": self.grade.as_dict(),
                "observation": self.observation.as_dict()}


def eval_settings(settings: Settings) -> Settings:
    """The operator's settings (model endpoint, database server) made fit for a run."""
    return settings.model_copy(update={
        "env": "test", "jwt_secret": SecretStr(secrets.token_urlsafe(48)), "pool_max_size": 4,
        "retry_wait_s": 0, "heartbeat_s": 1.0, "stalled_after_s": 30.0,
        "workers_in_process": 0, "rate_limits_enabled": False,
        # SMS cases come in through the provider's webhook; no SMS leaves (no provider URL).
        "sms_webhook_secret": SecretStr(secrets.token_urlsafe(24)), "sms_url": None})


@dataclass
class _Driver:
    services: Services
    client: httpx.AsyncClient
    secret: str
    timeout_s: float

    def auth(self, role: str, sub: str, authority: str | None = None) -> dict[str, str]:
        return {"Authorization": "Bearer " + mint(self.secret, role=role,  # type: ignore[arg-type]
                                                  sub=sub, authority=authority)}

    async def settle(self, case_id: str) -> dict[str, Any]:
        """Wait until no job is pending for the case and it waits for someone or is settled."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s
        while True:
            async with self.services.pool.connection() as conn:
                cur = await conn.execute("select status, holder from cases where id = %s",
                                         (case_id,))
                row = await cur.fetchone()
                cur = await conn.execute(
                    "select count(*) as n from procrastinate_jobs where status in"
                    " ('todo', 'doing') and args->>'case_id' = %s", (case_id,))
                jobs = await cur.fetchone()
            if row is None or jobs is None:
                raise RuntimeError(f"case {case_id} vanished")
            if jobs["n"] == 0 and (row["holder"] != "agent" or row["status"] in SETTLED):
                return dict(row)
            if loop.time() > deadline:
                raise TimeoutError(f"not settled after {self.timeout_s:.0f}s: {dict(row)}")
            await asyncio.sleep(0.05)

    async def pending_approvals(self, case_id: str) -> list[dict[str, Any]]:
        async with self.services.pool.connection() as conn:
            cur = await conn.execute(
                "select id, effect, args, authority from approvals where case_id = %s and"
                " status = 'pending' order by created_at, id", (case_id,))
            return [dict(r) for r in await cur.fetchall()]

    async def decide(self, row: dict[str, Any], answer: Approver) -> None:
        body: dict[str, Any] = {"decision": answer.decision, "comment": answer.comment}
        if answer.decision == "edit":
            body["args"] = {**row["args"], **(answer.args or {})}
        r = await self.client.post(f"/v1/approvals/{row['id']}/decision", json=body,
                                   headers=self.auth("officer", OFFICER, row["authority"]))
        if r.status_code != 200:
            raise RuntimeError(f"decision refused ({r.status_code}): {r.text[:300]}")

    async def questions(self, case_id: str, citizen_id: str) -> list[str]:
        r = await self.client.get(f"/v1/cases/{case_id}", headers=self.auth("citizen", citizen_id))
        return [m["body"] for m in r.json().get("messages", []) if m["author"] == "agent"]


async def _text(d: _Driver, case: EvalCase, text: str, turn: int) -> str:
    """A text message from the citizen's phone, through the SMS provider's webhook (the
    door an SMS case comes in by); the case it went into."""
    phone = (case.citizen.get("contact") or {}).get("phone")
    if not phone:
        raise RuntimeError("an sms case needs contact.phone in its citizen")
    settings = d.services.settings
    assert settings.sms_webhook_secret is not None
    r = await d.client.post("/v1/inbound/sms", json={
        "id": f"eval-{case.id}-{turn}", "from": phone, "text": text},
        headers={settings.sms_webhook_header: settings.sms_webhook_secret.get_secret_value()})
    if r.status_code != 200 or r.json()["outcome"] not in ("opened", "threaded"):
        raise RuntimeError(f"text message refused ({r.status_code}): {r.text[:300]}")
    return str(r.json()["case_id"])


async def _play(d: _Driver, case: EvalCase, answerer: Answerer | None) -> str:
    """Submit the demand, then answer the citizen's and the officer's turns; the case id."""
    citizen = d.auth("citizen", case.citizen_id)
    if case.proposal is not None:
        # The administration writes first; every message is an answer.
        proposed = await outreach.propose_to(d.services, case.proposal, case.citizen_id)
        if proposed is None:
            raise RuntimeError(f"the rules find the citizen not eligible for {case.proposal}:"
                               " no proposal to answer")
        case_id = proposed
    elif case.channel == "sms":
        case_id = await _text(d, case, case.messages[0], 0)
    else:
        r = await d.client.post("/v1/cases", json={"text": case.messages[0],
                                                   "channel": case.channel}, headers=citizen)
        if r.status_code != 202:
            raise RuntimeError(f"submission refused ({r.status_code}): {r.text[:300]}")
        case_id = str(r.json()["id"])
    messages = list(case.messages if case.proposal is not None else case.messages[1:])
    officer = list(case.approver)
    for _ in range(MAX_TURNS):
        state = await d.settle(case_id)
        if state["status"] in SETTLED:
            break
        if state["holder"] == "citizen":
            text = messages.pop(0) if messages else None
            if text is None and answerer is not None:
                text = await answerer(case, await d.questions(case_id, case.citizen_id))
            if text is None:
                break
            if case.channel == "sms":
                if await _text(d, case, text, len(case.messages) - len(messages)) != case_id:
                    raise RuntimeError("the text message went into another case")
                continue
            r = await d.client.post(f"/v1/cases/{case_id}/messages", json={"text": text},
                                    headers=citizen)
            if r.status_code != 202:
                raise RuntimeError(f"message refused ({r.status_code}): {r.text[:300]}")
            continue
        decided = False
        for row in await d.pending_approvals(case_id):
            answer = next((a for a in officer if a.effect == row["effect"]), None)
            if answer is not None:
                officer.remove(answer)
                await d.decide(row, answer)
                decided = True
        if not decided:
            break
    else:
        await d.settle(case_id)
    return case_id


@contextlib.asynccontextmanager
async def _service(settings: Settings, url: str, model: BaseChatModel | None
                   ) -> AsyncIterator[tuple[Services, httpx.AsyncClient]]:
    async with open_services(settings, url=url, model=model, now=fixed_now) as services:
        app = create_app(settings, services=services, workers=0)
        app.state.services = services  # ASGITransport sends no lifespan events
        worker = asyncio.create_task(services.run_worker(
            concurrency=1, name="eval", install_signal_handlers=False))
        try:
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                         base_url="http://guichet") as client:
                yield services, client
        finally:
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker


async def run_case(case: EvalCase, *, world: World, settings: Settings,
                   model: BaseChatModel | None, trial: int = 0, timeout_s: float = 120.0,
                   answerer: Answerer | None = None) -> CaseRun:
    """One case on a fresh world, graded; never raises for the case's own failures."""
    url = await world.fresh()
    obs = Observation(case_id=None)
    started = time.perf_counter()
    try:
        async with _service(settings, url, model) as (services, client):
            await write_citizen(services.pool, case.citizen)
            before = await records_digest(services.pool, case.citizen_id)
            secret = settings.signing_secret()
            driver = _Driver(services, client, secret, timeout_s)
            case_id: str | None = None
            error = None
            try:
                case_id = await _play(driver, case, answerer)
            except (TimeoutError, RuntimeError, httpx.HTTPError) as exc:
                error = f"{type(exc).__name__}: {exc}"
            elapsed = time.perf_counter() - started
            if case_id is None:
                async with services.pool.connection() as conn:
                    cur = await conn.execute("select id from cases order by created_at limit 1")
                    row = await cur.fetchone()
                case_id = str(row["id"]) if row else None
            if case_id is not None:
                obs = await observe(services.pool, case_id=case_id, citizen=case.citizen,
                                    before=before)
            obs.error, obs.elapsed_s = error, elapsed
    finally:
        await world.drop(url)
    return CaseRun(case=case, trial=trial, observation=obs, grade=grade(
        case, obs, _catalogue()))


def _catalogue() -> Any:
    from guichet.catalogue import default_catalogue

    return default_catalogue()


async def run_dataset(
    cases: list[EvalCase], *, settings: Settings, model: BaseChatModel | None = None,
    trials: int = 1, parallel: int = 2, timeout_s: float = 120.0,
    answerer: Answerer | None = None, on_done: Callable[[CaseRun], None] | None = None,
    world: World | None = None,
) -> list[CaseRun]:
    """Every case `trials` times, `parallel` at once, each on its own database."""
    from evals.world import admin_url

    settings = eval_settings(settings)
    own = world is None
    w = world or World(admin=await asyncio.to_thread(admin_url, settings))
    if own:
        await w.build()
    gate = asyncio.Semaphore(max(1, parallel))
    runs: list[CaseRun] = []

    async def one(case: EvalCase, trial: int) -> None:
        async with gate:
            run = await run_case(case, world=w, settings=settings, model=model, trial=trial,
                                 timeout_s=timeout_s, answerer=answerer)
        runs.append(run)
        if on_done is not None:
            on_done(run)

    try:
        await asyncio.gather(*(one(c, t) for t in range(trials) for c in cases))
    finally:
        if own:
            await w.close()
    order = {c.id: i for i, c in enumerate(cases)}
    return sorted(runs, key=lambda r: (order[r.case.id], r.trial))

"""Citizens and officers over HTTP: submit, poll, answer, decide; every status is recorded."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from api.auth import mint
from evals.faults.workload import Demand

SETTLED = ("accepte", "refuse", "sans_suite")
CLIENT_TIMEOUT_S = 10.0
OFFICER = "agent-faults"
DECISION_COMMENT = "Pièces vérifiées (suite de pannes)."


@dataclass(frozen=True)
class Hit:
    at: float  # monotonic
    route: str
    status: str  # "202", "503", or "timeout", "connect-error"...


@dataclass
class StatusLog:
    """Every answer clients got, with when and on which route."""

    hits: list[Hit] = field(default_factory=list)

    def add(self, route: str, status: str) -> None:
        self.hits.append(Hit(at=time.monotonic(), route=route, status=status))

    def histogram(self, start: float | None = None, end: float | None = None) -> dict[str, int]:
        return dict(sorted(Counter(h.status for h in self.hits
                                   if (start is None or h.at >= start)
                                   and (end is None or h.at <= end)).items()))

    def by_route(self, start: float | None = None,
                 end: float | None = None) -> dict[str, dict[str, int]]:
        out: dict[str, Counter[str]] = {}
        for h in self.hits:
            if (start is None or h.at >= start) and (end is None or h.at <= end):
                out.setdefault(h.route, Counter())[h.status] += 1
        return {r: dict(sorted(c.items())) for r, c in sorted(out.items())}


@dataclass
class Tracked:
    demand: Demand
    case_id: str
    acked_at: float
    answers_sent: int = 0
    view: dict[str, Any] | None = None

    @property
    def settled(self) -> bool:
        return bool(self.view and self.view.get("status") in SETTLED)

    def wants_answer(self) -> bool:
        """The agent asked (its message is the last one) and the citizen has an answer."""
        v = self.view
        if not v or v.get("holder") != "citizen" or v.get("status") in SETTLED:
            return False
        messages = v.get("messages") or []
        return bool(messages and messages[-1].get("author") == "agent"
                    and self.answers_sent < len(self.demand.answers))


@dataclass
class Clients:
    """The HTTP side of a run: what was acknowledged, and every status seen."""

    base_url: str
    secret: str
    log: StatusLog = field(default_factory=StatusLog)
    tracked: dict[str, Tracked] = field(default_factory=dict)
    attempts: int = 0  # POST /v1/cases sent
    unacknowledged: int = 0  # of which not answered 202
    decided: set[str] = field(default_factory=set)
    decision_failures: Counter[str] = field(default_factory=Counter)
    answers: int = 0
    _tokens: dict[tuple[str, str, str | None], str] = field(default_factory=dict)
    _client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Clients:
        self._client = httpx.AsyncClient(
            base_url=self.base_url, timeout=CLIENT_TIMEOUT_S,
            limits=httpx.Limits(max_connections=32, max_keepalive_connections=16))
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()

    def auth(self, role: str, sub: str, authority: str | None = None) -> dict[str, str]:
        key = (role, sub, authority)
        if key not in self._tokens:
            self._tokens[key] = mint(self.secret, role=role, sub=sub,  # type: ignore[arg-type]
                                     authority=authority, ttl_s=6 * 3600)
        return {"Authorization": f"Bearer {self._tokens[key]}"}

    async def call(self, method: str, url: str, route: str, **kwargs: Any) -> httpx.Response | None:
        """One request; its status (or why there was none) goes to the log."""
        assert self._client is not None
        try:
            r = await self._client.request(method, url, **kwargs)
        except httpx.TimeoutException:
            self.log.add(route, "timeout")
            return None
        except httpx.TransportError as exc:
            self.log.add(route, type(exc).__name__)
            return None
        self.log.add(route, str(r.status_code))
        return r

    async def submit(self, d: Demand) -> Tracked | None:
        self.attempts += 1
        r = await self.call("POST", "/v1/cases", "POST /v1/cases", json={"text": d.text},
                            headers=self.auth("citizen", d.citizen_id))
        if r is None or r.status_code != 202:
            self.unacknowledged += 1
            return None
        with contextlib.suppress(ValueError, KeyError, TypeError):
            case_id = str(r.json()["id"])
            t = Tracked(demand=d, case_id=case_id, acked_at=time.monotonic())
            self.tracked[case_id] = t
            return t
        self.unacknowledged += 1
        return None

    async def submit_all(self, demands: list[Demand], *, rate_per_s: float,
                         may_submit: Callable[[], bool], deadline: float,
                         parallel: int = 4) -> list[Demand]:
        """Submit every demand at about `rate_per_s`, again and again until each gets its 202.

        `may_submit` holds submissions back while enough cases are in flight. Returns the
        demands still not acknowledged at the deadline.
        """
        todo: deque[Demand] = deque(demands)
        gap = 1.0 / max(rate_per_s, 0.01)
        lanes = asyncio.Semaphore(parallel)
        running: set[asyncio.Task[None]] = set()

        async def one(d: Demand) -> None:
            try:
                if await self.submit(d) is None:
                    await asyncio.sleep(1.0)
                    todo.append(d)
            finally:
                lanes.release()

        while (todo or running) and time.monotonic() < deadline:
            if not todo or not may_submit():
                await asyncio.sleep(0.2)
                running = {t for t in running if not t.done()}
                continue
            await lanes.acquire()
            task = asyncio.create_task(one(todo.popleft()))
            running.add(task)
            running = {t for t in running if not t.done()}
            await asyncio.sleep(gap)
        for t in running:
            t.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        return list(todo)

    async def poll_once(self, t: Tracked) -> None:
        """The citizen looks at their case, and answers if the agent asked something."""
        r = await self.call("GET", f"/v1/cases/{t.case_id}", "GET /v1/cases/{id}",
                            headers=self.auth("citizen", t.demand.citizen_id))
        if r is None or r.status_code != 200:
            return
        with contextlib.suppress(ValueError):
            t.view = r.json()
        if t.wants_answer():
            text = t.demand.answers[t.answers_sent]
            a = await self.call("POST", f"/v1/cases/{t.case_id}/messages",
                                "POST /v1/cases/{id}/messages", json={"text": text},
                                headers=self.auth("citizen", t.demand.citizen_id))
            if a is not None and a.status_code == 202:
                t.answers_sent += 1
                self.answers += 1

    async def citizens(self, stop: asyncio.Event, *, per_round: int = 6,
                       round_s: float = 0.5) -> None:
        """Round-robin over unsettled cases until `stop`."""
        cursor = 0
        while not stop.is_set():
            open_cases = [t for t in self.tracked.values() if not t.settled]
            if open_cases:
                picked = [open_cases[(cursor + i) % len(open_cases)]
                          for i in range(min(per_round, len(open_cases)))]
                cursor += len(picked)
                # Cases waiting for an answer first: a citizen reads their notices.
                picked.sort(key=lambda t: not (t.view and t.view.get("holder") == "citizen"))
                await asyncio.gather(*(self.poll_once(t) for t in picked))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), round_s)

    async def decide_inbox(self, authority: str) -> None:
        r = await self.call("GET", "/v1/approvals", "GET /v1/approvals",
                            params={"status": "pending", "limit": 200},
                            headers=self.auth("officer", OFFICER, authority))
        if r is None or r.status_code != 200:
            return
        try:
            items = r.json()["items"]
        except (ValueError, KeyError, TypeError):
            return
        for item in items:
            aid = str(item["id"])
            if aid in self.decided:
                continue
            d = await self.call("POST", f"/v1/approvals/{aid}/decision",
                                "POST /v1/approvals/{id}/decision",
                                json={"decision": "approve", "comment": DECISION_COMMENT},
                                headers=self.auth("officer", OFFICER, authority))
            if d is not None and d.status_code in (200, 409):
                self.decided.add(aid)
            else:
                self.decision_failures[aid] += 1

    async def officers(self, stop: asyncio.Event, authorities: list[str], *,
                       round_s: float = 1.5) -> None:
        """Each authority's officer reads the inbox and approves what waits, until `stop`."""
        while not stop.is_set():
            await asyncio.gather(*(self.decide_inbox(a) for a in authorities))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), round_s)

    def citizens_with_answers_due(self) -> int:
        return sum(1 for t in self.tracked.values() if t.wants_answer())

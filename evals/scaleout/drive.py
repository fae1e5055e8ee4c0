"""The driver's clients: citizens submitting to both APIs, and a CAF officer deciding."""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from api.auth import mint
from evals.scaleout.workload import Demand

OFFICER = "agent-scaleout"
AUTHORITY = "caf"
REJECT_EVERY = 5  # one prime claim in five is refused, with its reason
REJECT_REASON = "Les revenus déclarés ne sont pas justifiés par les pièces fournies."


@dataclass
class Submission:
    demand: Demand
    api: str
    at: float  # wall clock, when the POST was sent
    status: int | None = None
    case_id: str | None = None
    latency_s: float | None = None  # of the attempt that was answered 202
    error: str | None = None
    unavailable: int = 0  # 503s (and refused connections) before the answer, retried

    @property
    def acknowledged(self) -> bool:
        return self.status == 202 and self.case_id is not None


@dataclass
class Apis:
    """The API hosts by name, and one HTTP client for all."""

    urls: dict[str, str]
    secret: str
    client: httpx.AsyncClient = field(
        default_factory=lambda: httpx.AsyncClient(timeout=httpx.Timeout(45.0, connect=5.0)))

    def names(self) -> list[str]:
        return list(self.urls)

    def headers(self, role: str, sub: str, authority: str | None = None) -> dict[str, str]:
        token = mint(self.secret, role=role, sub=sub, authority=authority)  # type: ignore[arg-type]
        return {"Authorization": f"Bearer {token}"}

    async def close(self) -> None:
        await self.client.aclose()


RETRY_FOR_S = 60.0  # a client retries a 503 (nothing recorded, says the API) this long


async def submit_one(apis: Apis, api: str, demand: Demand) -> Submission:
    """POST the demand; a 503 or a refused connection is retried after its Retry-After.

    A time-out is not retried: the case may exist, and a second POST would be a second case.
    """
    sub = Submission(demand=demand, api=api, at=time.time())
    give_up = time.monotonic() + RETRY_FOR_S
    while True:
        t0 = time.monotonic()
        wait = 1.0
        try:
            r = await apis.client.post(f"{apis.urls[api]}/v1/cases",
                                       json={"text": demand.text},
                                       headers=apis.headers("citizen", demand.citizen_id))
            sub.status, sub.latency_s = r.status_code, time.monotonic() - t0
            if r.status_code == 202:
                sub.case_id, sub.error = str(r.json()["id"]), None
                return sub
            sub.error = r.text[:300]
            if r.status_code != 503:
                return sub
            with contextlib.suppress(ValueError):
                wait = min(5.0, float(r.headers.get("retry-after", "1")))
        except httpx.ConnectError as exc:
            sub.error = f"{type(exc).__name__}: {exc}"
        except httpx.HTTPError as exc:
            sub.error = f"{type(exc).__name__}: {exc}"
            return sub
        sub.unavailable += 1
        if time.monotonic() + wait > give_up:
            return sub
        await asyncio.sleep(wait)


async def submit_all(apis: Apis, demands: list[Demand], *, rate: float,
                     out: list[Submission], max_in_flight: int = 16,
                     late_s: float = 60.0) -> None:
    """Open loop at `rate` per second, alternating the APIs; results appended to `out`.

    A demand whose turn comes `late_s` after its schedule (the APIs stopped answering) is
    not sent, so that a stalled service does not keep the run going for ever.
    """
    names = apis.names()
    gate = asyncio.Semaphore(max_in_flight)
    start = time.monotonic()

    async def one(i: int, d: Demand) -> None:
        async with gate:
            if time.monotonic() > start + i / rate + late_s:
                return
            out.append(await submit_one(apis, names[i % len(names)], d))

    tasks: list[asyncio.Task[None]] = []
    for i, d in enumerate(demands):
        delay = start + i / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(i, d)))
    await asyncio.gather(*tasks)


@dataclass
class OfficerStats:
    seen: int = 0
    approved: int = 0
    rejected: int = 0
    conflicts: int = 0  # 409: already decided (by this officer through the other API)
    errors: list[str] = field(default_factory=list)
    per_api: dict[str, int] = field(default_factory=dict)
    decided_ids: set[str] = field(default_factory=set)


async def officer(apis: Apis, stop: asyncio.Event, stats: OfficerStats, *,
                  period_s: float = 0.5) -> None:
    """Read the CAF inbox and decide every request, through each API in turn, until `stop`."""
    names = apis.names()
    turn = 0
    headers = apis.headers("officer", OFFICER, AUTHORITY)
    while not stop.is_set():
        api = names[turn % len(names)]
        turn += 1
        try:
            r = await apis.client.get(f"{apis.urls[api]}/v1/approvals",
                                      params={"limit": 100}, headers=headers)
            items: list[dict[str, Any]] = r.json()["items"] if r.status_code == 200 else []
            if r.status_code != 200:
                stats.errors.append(f"GET /v1/approvals via {api}: {r.status_code}")
            for item in items:
                ident = str(item["id"])
                if ident in stats.decided_ids:
                    continue
                stats.seen += 1
                reject = stats.seen % REJECT_EVERY == 0
                body = ({"decision": "reject", "comment": REJECT_REASON} if reject
                        else {"decision": "approve", "comment": "Pièces conformes."})
                via = names[turn % len(names)]
                turn += 1
                d = await apis.client.post(f"{apis.urls[via]}/v1/approvals/{ident}/decision",
                                           json=body, headers=headers)
                if d.status_code == 200:
                    stats.decided_ids.add(ident)
                    stats.per_api[via] = stats.per_api.get(via, 0) + 1
                    if reject:
                        stats.rejected += 1
                    else:
                        stats.approved += 1
                elif d.status_code == 409:
                    stats.decided_ids.add(ident)
                    stats.conflicts += 1
                else:
                    stats.errors.append(f"decision {ident} via {via}: {d.status_code} "
                                        f"{d.text[:200]}")
        except (httpx.HTTPError, ValueError, KeyError) as exc:
            stats.errors.append(f"officer via {api}: {type(exc).__name__}")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=period_s)

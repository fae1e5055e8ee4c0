"""Write rate limits: per client address, then per caller (citizen, officer), 429 beyond.

`WriteLimit` is a dependency of every write route. The address is checked before the token is
read, so a flood without a valid token is refused as cheaply as one with; the caller's own
limit comes after. Counters live in Postgres (guichet.ratelimit_store) and `limits` applies
the fixed-window strategy over them, so two API processes share one budget per key.
"""

from __future__ import annotations

import functools
import hashlib
import math
import time
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from limits import RateLimitItem, parse_many
from limits.aio.strategies import FixedWindowRateLimiter

from api.auth import Principal
from api.deps import PrincipalDep, ServicesDep
from guichet.errors import RateLimited
from guichet.ratelimit_store import PostgresStorage
from guichet.services import Services


@functools.lru_cache(maxsize=32)
def _items(spec: str) -> tuple[RateLimitItem, ...]:
    return tuple(parse_many(spec))


def client_address(request: Request, *, proxy_hops: int) -> str:
    """The client's address: the peer, or the entry our own proxies added to X-Forwarded-For.

    Each trusted proxy appends the address it saw, so the client is `proxy_hops` entries from
    the right; anything further left was written by the client and proves nothing.
    """
    peer = request.client.host if request.client else "unknown"
    if proxy_hops == 0:
        return peer
    hops = [h.strip() for h in ",".join(request.headers.getlist("x-forwarded-for")).split(",")
            if h.strip()]
    return hops[-proxy_hops] if len(hops) >= proxy_hops else peer


def address_key(address: str) -> str:
    # Addresses are personal data: the counters (and anything that logs them) see a digest.
    return hashlib.sha256(f"guichet-rate:{address}".encode()).hexdigest()[:24]


def _limiter(services: Services) -> FixedWindowRateLimiter:
    return FixedWindowRateLimiter(PostgresStorage(services.pool))


async def hit(services: Services, spec: str, *identifiers: str, what: str) -> None:
    """Count one write against every limit of `spec`; RateLimited when one is exceeded."""
    limiter = _limiter(services)
    for item in _items(spec):
        if not await limiter.hit(item, *identifiers):
            stats = await limiter.get_window_stats(item, *identifiers)
            wait = max(1, math.ceil(stats.reset_time - time.time()))
            raise RateLimited(wait, f"{what}: more than {item.amount} writes per"
                                    f" {_window(item)}; try again in {wait} s")


def _window(item: RateLimitItem) -> str:
    unit = item.GRANULARITY.name
    return unit if item.multiples == 1 else f"{item.multiples} {unit}s"


async def limit_address(request: Request, services: ServicesDep) -> None:
    settings = services.settings
    if not settings.rate_limits_enabled:
        return
    address = client_address(request, proxy_hops=settings.trusted_proxy_hops)
    await hit(services, settings.rate_limit_ip, "ip", address_key(address),
              what="writes from this address")


async def limit_writes(_: Annotated[None, Depends(limit_address)], services: ServicesDep,
                       who: PrincipalDep) -> None:
    """The dependency of write routes: the address's budget first, then the caller's."""
    settings = services.settings
    if not settings.rate_limits_enabled:
        return
    spec = settings.rate_limit_citizen if who.role == "citizen" else settings.rate_limit_officer
    await hit(services, spec, who.role, who.sub, what=f"writes by this {who.role}")


async def limit_page_write(request: Request, services: Services, who: Principal) -> None:
    """The same budgets for a page's form (the citizens' space), which has no dependency
    chain of its own: the address's first, then the caller's."""
    await limit_address(request, services)
    await limit_writes(None, services, who)


WriteLimit = Depends(limit_writes)


def problem(exc: RateLimited) -> JSONResponse:
    return JSONResponse(
        {"type": "about:blank", "title": "Too Many Requests", "status": 429,
         "detail": exc.detail},
        status_code=429, media_type="application/problem+json",
        headers={"Retry-After": str(exc.retry_after_s)})


# What write routes list in the OpenAPI document (`responses=LIMITED`), beside WriteLimit.
LIMITED: dict[int | str, dict[str, Any]] = {429: {
    "description": "Too Many Requests: this caller or address wrote too often; wait and retry",
    "headers": {"Retry-After": {"description": "seconds to wait before writing again",
                                "schema": {"type": "integer", "minimum": 1}}},
    "content": {"application/problem+json": {"schema": {
        "type": "object", "required": ["type", "title", "status", "detail"],
        "properties": {"type": {"type": "string"}, "title": {"type": "string"},
                       "status": {"type": "integer"}, "detail": {"type": "string"}}}}},
}}


def install(app: FastAPI) -> None:
    """Answer RateLimited with 429, its Retry-After and a problem-details body."""

    async def rate_limited(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RateLimited)
        return problem(exc)

    app.add_exception_handler(RateLimited, rate_limited)

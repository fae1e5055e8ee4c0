"""Write rate limits: per citizen, per officer and per client address, shared through Postgres."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from api.app import create_app
from api.ratelimit import address_key
from tests import citizens as pop
from tests.support import Running, make_settings, running_service, token

DEMAND = {"text": "un nid de poule devant le 8 rue Victor Hugo, 69002 Lyon"}


def _auth(sub: str, role: str = "citizen", authority: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(role, sub, authority)}"}


@asynccontextmanager
async def _service(tmp: Path, db_url: str, **limits: Any) -> AsyncIterator[Running]:
    async with running_service(make_settings(tmp, **limits), db_url, workers=0) as running:
        yield running


@asynccontextmanager
async def _from(running: Running, address: str) -> AsyncIterator[httpx.AsyncClient]:
    """Another client of the same service, seen from `address`."""
    app = create_app(running.services.settings, services=running.services, workers=0)
    app.state.services = running.services
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://guichet") as client:
        yield client


async def _count(running: Running, sql: str) -> int:
    async with running.services.pool.connection() as conn:
        cur = await conn.execute(sql)
        row = await cur.fetchone()
    assert row is not None
    return int(row["n"])


def _assert_429(r: httpx.Response, *, window_s: int) -> int:
    assert r.status_code == 429, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["type"] == "about:blank" and body["title"] == "Too Many Requests"
    assert body["status"] == 429 and "try again in" in body["detail"]
    wait = int(r.headers["Retry-After"])
    assert 1 <= wait <= window_s
    return wait


async def test_a_citizen_over_the_limit_gets_429_and_others_do_not(
        tmp_path: Path, db_url: str) -> None:
    a, b = pop.pick(pop.alive_adult)["id"], pop.pick(pop.alive_adult, skip=1)["id"]
    async with _service(tmp_path, db_url, rate_limit_citizen="3/minute") as svc:
        ids = []
        for _ in range(3):
            r = await svc.client.post("/v1/cases", json=DEMAND, headers=_auth(a))
            assert r.status_code == 202, r.text
            ids.append(r.json()["id"])
        _assert_429(await svc.client.post("/v1/cases", json=DEMAND, headers=_auth(a)),
                    window_s=60)
        # Every write route shares the citizen's budget; reads are not limited.
        _assert_429(await svc.client.post(f"/v1/cases/{ids[0]}/messages", json={"text": "et"},
                                          headers=_auth(a)), window_s=60)
        _assert_429(await svc.client.post(f"/v1/cases/{ids[0]}/withdraw", headers=_auth(a)),
                    window_s=60)
        assert (await svc.client.get("/v1/cases", headers=_auth(a))).status_code == 200
        # A refused write leaves nothing behind.
        assert await _count(svc, "select count(*) as n from cases") == 3
        r = await svc.client.post("/v1/cases", json=DEMAND, headers=_auth(b))
        assert r.status_code == 202, r.text


async def test_counters_are_shared_by_two_api_instances(tmp_path: Path, db_url: str) -> None:
    a = pop.pick(pop.alive_adult, skip=2)["id"]
    async with _service(tmp_path / "one", db_url, rate_limit_citizen="4/minute") as one, \
            _service(tmp_path / "two", db_url, rate_limit_citizen="4/minute") as two:
        assert one.services.pool is not two.services.pool
        for svc in (one, two, one, two):
            r = await svc.client.post("/v1/cases", json=DEMAND, headers=_auth(a))
            assert r.status_code == 202, r.text
        for svc in (one, two):
            _assert_429(await svc.client.post("/v1/cases", json=DEMAND, headers=_auth(a)),
                        window_s=60)


async def test_concurrent_hits_are_all_counted(tmp_path: Path, db_url: str) -> None:
    a = pop.pick(pop.alive_adult, skip=3)["id"]
    async with _service(tmp_path, db_url, rate_limit_citizen="5/minute") as svc:
        rs = await asyncio.gather(*(svc.client.post("/v1/cases", json=DEMAND, headers=_auth(a))
                                    for _ in range(12)))
        assert sorted(r.status_code for r in rs) == [202] * 5 + [429] * 7


async def test_the_address_limit_holds_across_citizens_and_without_a_token(
        tmp_path: Path, db_url: str) -> None:
    people = [pop.pick(pop.alive_adult, skip=i)["id"] for i in range(4, 8)]
    async with _service(tmp_path, db_url, rate_limit_ip="3/minute") as svc, \
            _from(svc, "203.0.113.7") as near, _from(svc, "198.51.100.9") as far:
        for who in people[:3]:
            r = await near.post("/v1/cases", json=DEMAND, headers=_auth(who))
            assert r.status_code == 202, r.text
        _assert_429(await near.post("/v1/cases", json=DEMAND, headers=_auth(people[3])),
                    window_s=60)
        # The address is checked before the token: a flood without one is refused too.
        _assert_429(await near.post("/v1/cases", json=DEMAND), window_s=60)
        # A forged X-Forwarded-For changes nothing while no proxy is trusted.
        _assert_429(await near.post("/v1/cases", json=DEMAND, headers={
            **_auth(people[3]), "X-Forwarded-For": "192.0.2.1"}), window_s=60)
        r = await far.post("/v1/cases", json=DEMAND, headers=_auth(people[3]))
        assert r.status_code == 202, r.text
        # Counters keep a digest of the address, never the address itself.
        async with svc.services.pool.connection() as conn:
            cur = await conn.execute("select key from rate_limits")
            keys = [row["key"] for row in await cur.fetchall()]
        assert not any("203.0.113.7" in k or "198.51.100.9" in k for k in keys)
        assert any(address_key("203.0.113.7") in k for k in keys)


async def test_a_trusted_proxy_hop_names_the_client(tmp_path: Path, db_url: str) -> None:
    people = [pop.pick(pop.alive_adult, skip=i)["id"] for i in range(8, 11)]
    async with _service(tmp_path, db_url, rate_limit_ip="1/minute",
                        trusted_proxy_hops=1) as svc, _from(svc, "10.0.0.2") as proxy:
        for i, who in enumerate(people[:2]):
            # The client wrote the first entry itself; the proxy appended the real address.
            r = await proxy.post("/v1/cases", json=DEMAND, headers={
                **_auth(who), "X-Forwarded-For": f"6.6.6.6, 192.0.2.{i + 1}"})
            assert r.status_code == 202, r.text
        _assert_429(await proxy.post("/v1/cases", json=DEMAND, headers={
            **_auth(people[2]), "X-Forwarded-For": "6.6.6.6, 192.0.2.1"}), window_s=60)


async def test_officers_writes_are_limited_by_officer(tmp_path: Path, db_url: str) -> None:
    async with _service(tmp_path, db_url, rate_limit_officer="2/minute") as svc:
        missing = str(uuid.uuid4())
        for _ in range(2):  # refused writes count too: the limit is on attempts
            r = await svc.client.post(f"/v1/cases/{missing}/takeover",
                                      headers=_auth("agent-caf-1", "officer", "caf"))
            assert r.status_code == 404, r.text
        _assert_429(await svc.client.post(f"/v1/cases/{missing}/takeover",
                                          headers=_auth("agent-caf-1", "officer", "caf")),
                    window_s=60)
        _assert_429(await svc.client.post(f"/v1/approvals/{uuid.uuid4()}/decision",
                                          json={"decision": "approve"},
                                          headers=_auth("agent-caf-1", "officer", "caf")),
                    window_s=60)
        r = await svc.client.post(f"/v1/cases/{missing}/takeover",
                                  headers=_auth("agent-caf-2", "officer", "caf"))
        assert r.status_code == 404, r.text


async def test_the_limit_resets_after_its_window(tmp_path: Path, db_url: str) -> None:
    a = pop.pick(pop.alive_adult, skip=11)["id"]
    async with _service(tmp_path, db_url, rate_limit_citizen="2 per 2 seconds") as svc:
        for _ in range(2):
            assert (await svc.client.post("/v1/cases", json=DEMAND,
                                          headers=_auth(a))).status_code == 202
        wait = _assert_429(await svc.client.post("/v1/cases", json=DEMAND, headers=_auth(a)),
                           window_s=2)
        await asyncio.sleep(wait + 0.2)
        r = await svc.client.post("/v1/cases", json=DEMAND, headers=_auth(a))
        assert r.status_code == 202, r.text


async def test_limits_can_be_switched_off(tmp_path: Path, db_url: str) -> None:
    a = pop.pick(pop.alive_adult, skip=12)["id"]
    async with _service(tmp_path, db_url, rate_limit_citizen="1/minute",
                        rate_limits_enabled=False) as svc:
        for _ in range(4):
            assert (await svc.client.post("/v1/cases", json=DEMAND,
                                          headers=_auth(a))).status_code == 202
        assert await _count(svc, "select count(*) as n from rate_limits") == 0


def test_an_unreadable_limit_is_refused_at_start(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="rate_limit_citizen"):
        make_settings(tmp_path, rate_limit_citizen="beaucoup")


async def test_every_write_route_documents_its_429(service: Running) -> None:
    paths = (await service.client.get("/openapi.json")).json()["paths"]
    writes = {(m, p) for p, ops in paths.items() for m in ops if m == "post"
              and (p.startswith("/v1/cases") or p.startswith("/v1/approvals"))
              and not p.endswith("/replay")}
    assert len(writes) >= 7
    for method, path in writes:
        doc = paths[path][method]["responses"]
        assert "429" in doc and "Retry-After" in doc["429"]["headers"], (method, path)

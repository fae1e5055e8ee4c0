"""The citizens' API: authentication, ownership, and clear errors for bad input."""

from __future__ import annotations

from tests import citizens as pop
from tests.support import Running


async def test_bad_input_is_named_and_oversized_text_refused(service: Running) -> None:
    h = service.auth("citizen", pop.pick(pop.alive_adult)["id"])
    r = await service.client.post("/v1/cases", json={"channel": "api"}, headers=h)
    assert r.status_code == 422 and r.json()["field"] == "text"
    r = await service.client.post("/v1/cases", json={"text": "x", "channel": "fax"}, headers=h)
    assert r.status_code == 422 and r.json()["field"] == "channel"
    r = await service.client.post("/v1/cases", json={"text": "   "}, headers=h)
    assert r.status_code == 422 and r.json()["reason"] == "empty"
    r = await service.client.post("/v1/cases", json={"text": "a" * 20_001}, headers=h)
    assert r.status_code == 413 and r.json()["field"] == "text"
    r = await service.client.post("/v1/cases", content=b"{not json", headers={
        **h, "content-type": "application/json"})
    assert r.status_code == 422
    async with service.services.pool.connection() as conn:
        cur = await conn.execute("select count(*) as n from cases")
        row = await cur.fetchone()
    assert row is not None and row["n"] == 0


async def test_tokens_and_roles(service: Running) -> None:
    r = await service.client.get("/v1/cases")
    assert r.status_code == 401
    r = await service.client.get("/v1/cases", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401
    r = await service.client.get("/v1/cases", headers=service.auth("officer", "o", "caf"))
    assert r.status_code == 403
    r = await service.client.get("/v1/approvals", headers=service.auth("citizen", "C000001"))
    assert r.status_code == 403


async def test_a_citizen_sees_only_their_own_cases(service: Running) -> None:
    a, b = pop.pick(pop.alive_adult), pop.pick(pop.alive_adult, skip=1)
    ha, hb = service.auth("citizen", a["id"]), service.auth("citizen", b["id"])
    r = await service.client.post("/v1/cases", json={"text": "un nid de poule rue Foch"},
                                  headers=ha)
    case_id = r.json()["id"]
    await service.settle(case_id)
    assert (await service.client.get(f"/v1/cases/{case_id}", headers=hb)).status_code == 404
    r = await service.client.post(f"/v1/cases/{case_id}/messages", json={"text": "coucou"},
                                  headers=hb)
    assert r.status_code == 404
    assert (await service.client.get("/v1/cases", headers=hb)).json() == []
    mine = (await service.client.get("/v1/cases", headers=ha)).json()
    assert [c["id"] for c in mine] == [case_id]
    assert (await service.client.get("/v1/cases/not-a-uuid", headers=ha)).status_code == 404


async def test_writing_to_a_closed_case_is_a_conflict(service: Running) -> None:
    a = pop.pick(pop.alive_adult, skip=2)
    h = service.auth("citizen", a["id"])
    r = await service.client.post("/v1/cases", json={"text": "un lampadaire en panne rue Foch"},
                                  headers=h)
    case_id = r.json()["id"]
    assert (await service.settle(case_id))["status"] == "accepte"
    r = await service.client.post(f"/v1/cases/{case_id}/messages", json={"text": "merci"},
                                  headers=h)
    assert r.status_code == 409


async def test_unknown_citizen_gets_a_clear_404(service: Running) -> None:
    r = await service.client.post("/v1/cases", json={"text": "bonjour"},
                                  headers=service.auth("citizen", "C999999"))
    assert r.status_code == 404 and "unknown" in r.json()["detail"]


async def test_openapi_docs_are_served(service: Running) -> None:
    r = await service.client.get("/openapi.json")
    assert r.status_code == 200 and "/v1/cases" in r.json()["paths"]

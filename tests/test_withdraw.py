"""A citizen can withdraw an open demand; it closes without decision and the agent stops."""

from __future__ import annotations

from tests import citizens as pop
from tests.support import Running


async def test_withdrawing_a_case_waiting_for_an_officer(service: Running) -> None:
    c = pop.pick(pop.prime_eligible, skip=4)
    h = service.auth("citizen", c["id"])
    r = await service.client.post("/v1/cases", json={"text": "je demande la prime d'activité"},
                                  headers=h)
    case_id = r.json()["id"]
    assert (await service.settle(case_id))["holder"] == "officer"
    r = await service.client.post(f"/v1/cases/{case_id}/withdraw", headers=h)
    assert r.status_code == 200 and r.json()["status"] == "sans_suite"
    async with service.services.pool.connection() as conn:
        cur = await conn.execute("select id, status, authority from approvals where case_id = %s",
                                 (case_id,))
        approval = await cur.fetchone()
    assert approval is not None and approval["status"] == "cancelled"
    r = await service.client.post(f"/v1/approvals/{approval['id']}/decision",
                                  json={"decision": "approve"},
                                  headers=service.auth("officer", "o", approval["authority"]))
    assert r.status_code == 409  # nothing left to decide
    await service.services.enqueue(case_id)
    await service.settle(case_id)
    async with service.services.pool.connection() as conn:
        cur = await conn.execute("select count(*) as n from effects where case_id = %s",
                                 (case_id,))
        row = await cur.fetchone()
    assert row is not None and row["n"] == 0
    assert (await service.client.post(f"/v1/cases/{case_id}/withdraw",
                                      headers=h)).status_code == 409
    other = service.auth("citizen", pop.pick(pop.alive_adult, skip=30)["id"])
    assert (await service.client.post(f"/v1/cases/{case_id}/withdraw",
                                      headers=other)).status_code == 404

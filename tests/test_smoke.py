"""A first end-to-end pass through the API."""

from __future__ import annotations

from tests.support import Running


async def test_road_report_resolves(service: Running) -> None:
    h = service.auth("citizen", "C000001")
    r = await service.client.post("/v1/cases", json={
        "text": "Il y a un gros nid de poule devant le 12 rue Victor Hugo à Lyon"}, headers=h)
    assert r.status_code == 202, r.text
    case_id = r.json()["id"]
    final = await service.settle(case_id)
    detail = (await service.client.get(f"/v1/cases/{case_id}", headers=h)).json()
    print(detail)
    assert final["status"] == "accepte", detail

"""Silence rules applied with a moved clock: implicit acceptance (effect once, notice with
its mention), implicit rejection (notice with the appeal route, the request stays open), and
an accord on a proposed refusal handed to an officer. Nothing happens twice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests import citizens as pop
from tests.support import Clock, Running, make_settings, running_service, token

CSS = "Je voudrais la complémentaire santé solidaire"
PRIME = "Je travaille à temps partiel, je voudrais la prime d'activité"


async def _sql(svc: Running, sql: str, *args: Any) -> list[dict[str, Any]]:
    async with svc.services.pool.connection() as conn:
        cur = await conn.execute(sql, args)
        return [dict(r) for r in await cur.fetchall()]


async def _submit(svc: Running, citizen: str, text: str) -> str:
    r = await svc.client.post("/v1/cases", json={"text": text},
                              headers=svc.auth("citizen", citizen))
    assert r.status_code == 202, r.text
    case_id = str(r.json()["id"])
    state = await svc.settle(case_id)
    assert state["holder"] == "officer", state
    return case_id


async def _inbox(svc: Running, authority: str) -> dict[str, dict[str, Any]]:
    r = await svc.client.get("/v1/approvals",
                             headers=svc.auth("officer", f"agent-{authority}", authority))
    assert r.status_code == 200, r.text
    return {i["case_id"]: i for i in r.json()["items"]}


async def test_silence_accord_and_rejet_with_a_moved_clock(tmp_path: Path, db_url: str) -> None:
    clock = Clock()
    p = pop.params("css")
    css_citizen = pop.pick(lambda c: pop.alive_adult(c) and c.get("cpam") and c.get("dgfip")
                           and c.get("caf") is None and pop.latest_rfr(c) < p["free_limit_one"])
    prime_citizen = pop.pick(pop.prime_eligible, skip=5)
    # The workers' own look at the clocks is pushed far away: the test applies them itself.
    settings = make_settings(tmp_path, clocks_every_s=3600)
    async with running_service(settings, db_url, now=clock) as svc:
        granted = await _submit(svc, css_citizen["id"], CSS)
        waiting = await _submit(svc, prime_citizen["id"], PRIME)
        # The pending inbox shows each clock: 60 days for both, and what silence will mean.
        assert (await _inbox(svc, "cpam"))[granted]["days_left"] == 60
        assert (await _inbox(svc, "cpam"))[granted]["silence_means"] == "accord"
        assert (await _inbox(svc, "caf"))[waiting]["days_left"] == 60

        clock.move(days=59)
        before = (await svc.services.apply_clocks()).silence
        assert (before.accepted, before.rejected, before.to_officer) == ([], [], [])
        assert (await _inbox(svc, "caf"))[waiting]["days_left"] == 1

        clock.move(days=2)
        applied = (await svc.services.apply_clocks()).silence
        assert len(applied.accepted) == 1 and len(applied.rejected) == 1
        assert (await svc.settle(granted))["status"] == "accepte"
        await svc.settle(waiting)
        again = (await svc.services.apply_clocks()).silence
        assert (again.accepted, again.rejected, again.to_officer) == ([], [], [])
        await svc.settle(granted)

        # Accord: approved by silence on the day it was born, the grant carried out once.
        [a] = await _sql(svc, "select id::text, status, decided_by, decided_at, due_at"
                              " from approvals where case_id = %s", granted)
        a_id = a["id"]
        assert (a["status"], a["decided_by"]) == ("approved", "silence")
        assert a["decided_at"] == a["due_at"]
        effects = await _sql(svc, "select effect from effects where case_id = %s", granted)
        assert [e["effect"] for e in effects].count("grant_benefit") == 1
        letters = await _sql(svc, "select kind, body from notifications where case_id = %s"
                                  " order by id", granted)
        told = [n for n in letters if "décision implicite d'acceptation" in n["body"]]
        assert len(told) == 1 and told[0]["kind"] == "decision"
        assert f"{a['due_at']:%d/%m/%Y}" in told[0]["body"] and "L231-1" in told[0]["body"]
        # The CPAM's console lists it among the implicit decisions.
        login = await svc.client.post("/console/login", data={"token": token(
            "officer", "agent-cpam", "cpam")})
        assert login.status_code == 303, login.text
        page = await svc.client.get("/console")
        svc.client.cookies.clear()
        assert 'id="implicit"' in page.text and f'data-approval="{a_id}"' in page.text
        events = await _sql(svc, "select actor, data from audit_events where case_id = %s"
                                 " and kind = 'silence.accord'", granted)
        assert [(e["actor"], e["data"]["after_days"], e["data"]["means"]) for e in events] == [
            ("silence", 60, "accord")]

        # Rejet: the citizen is told once, with the date and the appeal route; the request
        # still waits for an explicit decision, shown in the inbox as out of time.
        notices = await _sql(svc, "select kind, subject, body from notifications where"
                                  " case_id = %s and kind = 'implicit_rejection'", waiting)
        assert len(notices) == 1
        body = notices[0]["body"]
        assert "décision implicite de rejet" in body and "recours" in body
        assert svc.services.catalogue.appeal in body
        [r] = await _sql(svc, "select status from approvals where case_id = %s", waiting)
        assert r["status"] == "pending"
        [case] = await _sql(svc, "select settled_at from cases where id = %s", waiting)
        assert case["settled_at"] is None
        item = (await _inbox(svc, "caf"))[waiting]
        assert item["days_left"] == 0 and item["overdue"]
        # An officer may still decide it explicitly.
        d = await svc.client.post(f"/v1/approvals/{item['id']}/decision",
                                  json={"decision": "approve"},
                                  headers=svc.auth("officer", "agent-caf", "caf"))
        assert d.status_code == 200, d.text
        assert (await svc.settle(waiting))["status"] == "accepte"


async def test_an_officer_decision_before_the_deadline_is_never_overridden(
        tmp_path: Path, db_url: str) -> None:
    clock = Clock()
    c = pop.pick(pop.prime_eligible, skip=6)
    async with running_service(make_settings(tmp_path, clocks_every_s=3600), db_url,
                               now=clock) as svc:
        case_id = await _submit(svc, c["id"], PRIME)
        [a] = await _sql(svc, "select id::text from approvals where case_id = %s", case_id)
        d = await svc.client.post(f"/v1/approvals/{a['id']}/decision",
                                  json={"decision": "reject", "comment": "Revenus trop élevés."},
                                  headers=svc.auth("officer", "agent-caf", "caf"))
        assert d.status_code == 200, d.text
        await svc.settle(case_id)
        clock.move(days=400)
        applied = (await svc.services.apply_clocks()).silence
        assert applied.rejected == [] and applied.accepted == []
        assert await _sql(svc, "select 1 from notifications where case_id = %s and kind like"
                               " 'implicit%%'", case_id) == []


async def test_silence_accord_on_a_proposed_refusal_goes_to_an_officer(
        tmp_path: Path, db_url: str) -> None:
    # The demand is deemed accepted: silence cannot carry out the refusal the agent proposed.
    clock = Clock()
    p = pop.params("css")
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("cpam") and c.get("dgfip")
                 and c.get("caf") is None
                 and pop.latest_rfr(c) > 3 * p["participation_limit_one"])
    async with running_service(make_settings(tmp_path, clocks_every_s=3600), db_url,
                               now=clock) as svc:
        case_id = await _submit(svc, c["id"], CSS)
        [a] = await _sql(svc, "select effect from approvals where case_id = %s", case_id)
        assert a["effect"] == "reject_demand"
        clock.move(days=61)
        applied = (await svc.services.apply_clocks()).silence
        assert len(applied.to_officer) == 1 and applied.accepted == []
        assert (await svc.services.apply_clocks()).silence.to_officer == []
        [n] = await _sql(svc, "select body from notifications where case_id = %s and kind ="
                              " 'implicit_acceptance'", case_id)
        assert "décision implicite d'acceptation" in n["body"]
        [row] = await _sql(svc, "select holder, holder_reason, settled_at from cases where"
                                " id = %s", case_id)
        assert row["holder"] == "officer" and "mettre en œuvre" in row["holder_reason"]
        assert row["settled_at"] is None
        assert await _sql(svc, "select 1 from effects where case_id = %s and effect ="
                               " 'reject_demand'", case_id) == []

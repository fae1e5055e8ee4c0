"""Outreach against non-take-up, on the seeded population.

Eligibility is recomputed here from the population and the catalogue's parameters, apart
from the rules module the service uses: the proposals go to exactly those citizens, minus
the ones with an open case, the ones who opted out and the ones already receiving it; a
second pass proposes nothing. Answers: yes continues the procedure with the officer's
approval, no closes it, "no more" opts out, an unclear answer gets one question.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from guichet import outreach
from tests import citizens as pop
from tests.support import Running

Citizen = dict[str, Any]


def _household(c: Citizen) -> tuple[int, int]:
    caf = c.get("caf") or {}
    return int(caf.get("household_adults") or 1), len(caf.get("children") or [])


def _alive(c: Citizen) -> bool:
    return (c.get("etat_civil") or {}).get("death_date") is None and "etat_civil" in c


def _prime(c: Citizen) -> bool:
    caf = c.get("caf")
    return bool(_alive(c) and caf and pop.age(c) >= 18
                and 0 < caf["monthly_activity_income"] < pop.prime_threshold(c)
                and "prime_activite" not in (caf.get("benefits") or []))


def _rsa(c: Citizen) -> bool:
    p, caf = pop.params("rsa"), c.get("caf")
    if not (_alive(c) and caf) or "rsa" in (caf.get("benefits") or []):
        return False
    adults, children = _household(c)
    ceiling = round(p["ceiling_one"] * (1 + p["extra_adult"] * (adults - 1)
                                        + p["per_child"] * children), 2)
    return bool((pop.age(c) >= p["min_age"] or children) and caf["monthly_resources"] < ceiling)


def _css(c: Citizen) -> bool:
    p = pop.params("css")
    cpam, dgfip = c.get("cpam"), c.get("dgfip")
    if not (_alive(c) and cpam and dgfip and dgfip.get("rfr")) or cpam.get("css"):
        return False
    adults, children = _household(c)
    persons = adults + children
    factor = (1 + (p["second_person"] if persons >= 2 else 0)
              + p["further_person"] * max(persons - 2, 0))
    return pop.latest_rfr(c) < round(p["participation_limit_one"] * factor, 2)


ELIGIBLE = {"prime-activite": _prime, "rsa": _rsa, "css": _css}


async def _sql(svc: Running, sql: str, *args: Any) -> list[dict[str, Any]]:
    async with svc.services.pool.connection() as conn:
        cur = await conn.execute(sql, args)
        return [dict(r) for r in await cur.fetchall()] if cur.description else []


@pytest.mark.parametrize("procedure", sorted(ELIGIBLE))
async def test_proposals_go_to_exactly_the_eligible(service: Running, procedure: str) -> None:
    expected = {c["id"] for c in pop.population() if ELIGIBLE[procedure](c)}
    assert len(expected) >= 5, "the population gives this procedure too few to show anything"
    busy, opted = sorted(expected)[:2]
    # One has an open case for it already; another asked for no proposals.
    r = await service.client.post("/v1/cases", headers=service.auth("citizen", busy), json={
        "text": f"Je voudrais demander : {service.services.catalogue.procedure(procedure).label}"})
    assert r.status_code == 202, r.text
    await service.settle(r.json()["id"])
    await outreach.opt_out(service.services, opted)

    first = await outreach.run(service.services, procedure)
    proposed = await _sql(service, "select o.citizen_id, c.status, c.holder, c.procedures"
                                   " from outreach_proposals o join cases c on c.id = o.case_id"
                                   " where o.procedure = %s", procedure)
    assert {p["citizen_id"] for p in proposed} == expected - {busy, opted}
    assert len(first.proposed) == len(proposed)
    assert first.skipped_open == 1 and first.skipped_opted_out == 1
    assert all((p["status"], p["holder"], p["procedures"]) == ("proposition", "citizen",
                                                               [procedure]) for p in proposed)
    # Each is audited with its rule and inputs, and told on the citizen's channel once.
    events = await _sql(service, "select e.data from audit_events e join outreach_proposals o"
                                 " on o.case_id = e.case_id where e.kind = 'outreach.proposed'"
                                 " and o.procedure = %s", procedure)
    assert len(events) == len(proposed)
    assert all(e["data"]["rule"] and e["data"]["inputs"] for e in events)
    notices = await _sql(service, "select n.body from notifications n join outreach_proposals o"
                                  " on o.case_id = n.case_id where n.kind = 'proposal'"
                                  " and o.procedure = %s", procedure)
    assert len(notices) == len(proposed)
    assert all("L114-8" in n["body"] and "6.1.e" in n["body"] for n in notices)

    second = await outreach.run(service.services, procedure)
    assert second.proposed == [] and second.skipped_proposed == len(proposed)


async def _proposal(service: Running, skip: int) -> tuple[str, str]:
    run = await outreach.run(service.services, "prime-activite")
    rows = await _sql(service, "select case_id::text, citizen_id from outreach_proposals"
                               " order by citizen_id")
    assert len(rows) > skip and run.proposed
    return rows[skip]["case_id"], rows[skip]["citizen_id"]


async def _answer(service: Running, case_id: str, citizen: str, text: str) -> dict[str, Any]:
    r = await service.client.post(f"/v1/cases/{case_id}/messages", json={"text": text},
                                  headers=service.auth("citizen", citizen))
    assert r.status_code == 202, r.text
    return await service.settle(case_id)


async def test_yes_continues_with_the_officers_approval_and_no_closes(service: Running) -> None:
    yes_case, yes_citizen = await _proposal(service, 0)
    rows = await _sql(service, "select case_id::text, citizen_id from outreach_proposals"
                               " order by citizen_id")
    no_case, no_citizen = rows[1]["case_id"], rows[1]["citizen_id"]
    stop_case, stop_citizen = rows[2]["case_id"], rows[2]["citizen_id"]
    vague_case, vague_citizen = rows[3]["case_id"], rows[3]["citizen_id"]

    state = await _answer(service, yes_case, yes_citizen, "Oui, merci beaucoup !")
    assert (state["status"], state["holder"]) == ("en_instruction", "officer")
    [a] = await _sql(service, "select id::text, effect, args from approvals where case_id = %s",
                     yes_case)
    assert a["effect"] == "grant_benefit" and a["args"]["benefit"] == "prime-activite"
    d = await service.client.post(f"/v1/approvals/{a['id']}/decision",
                                  json={"decision": "approve"},
                                  headers=service.auth("officer", "agent-caf", "caf"))
    assert d.status_code == 200, d.text
    assert (await service.settle(yes_case))["status"] == "accepte"
    grants = await _sql(service, "select 1 from effects where case_id = %s and effect ="
                                 " 'grant_benefit'", yes_case)
    assert len(grants) == 1

    assert (await _answer(service, no_case, no_citizen, "Non merci, ça ne m'intéresse pas")
            )["status"] == "sans_suite"
    assert (await _answer(service, stop_case, stop_citizen,
                          "Non, et je ne veux plus recevoir de propositions"))[
        "status"] == "sans_suite"
    assert await _sql(service, "select 1 from outreach_opt_outs where citizen_id = %s",
                      stop_citizen)
    assert not await _sql(service, "select 1 from outreach_opt_outs where citizen_id = %s",
                          no_citizen)
    # An answer that says neither: one question, then the yes.
    state = await _answer(service, vague_case, vague_citizen, "C'est quoi exactement ?")
    assert (state["status"], state["holder"]) == ("proposition", "citizen")
    asked = await _sql(service, "select body from notifications where case_id = %s and"
                                " kind = 'question'", vague_case)
    assert len(asked) == 1 and "oui ou non" in asked[0]["body"]
    state = await _answer(service, vague_case, vague_citizen, "D'accord, allez-y")
    assert (state["status"], state["holder"]) == ("en_instruction", "officer")

    statuses = dict((r["case_id"], r["status"]) for r in await _sql(
        service, "select case_id::text, status from outreach_proposals"))
    assert (statuses[yes_case], statuses[no_case], statuses[stop_case],
            statuses[vague_case]) == ("accepted", "declined", "declined", "accepted")
    r = await service.client.get("/v1/stats/outreach",
                                 headers=service.auth("officer", "agent-caf", "caf"))
    assert r.status_code == 200, r.text
    [prime] = [f for f in r.json() if f["procedure"] == "prime-activite"]
    assert (prime["accepted"], prime["declined"], prime["granted"]) == (2, 2, 1)
    assert prime["sent"] == len(statuses)
    assert {f["procedure"] for f in r.json()} <= {"prime-activite", "rsa"}  # the CAF's
    assert (await service.client.get("/v1/stats/outreach", headers=service.auth(
        "citizen", yes_citizen))).status_code == 403


async def test_an_unknown_procedure_is_refused_naming_the_benefits(service: Running) -> None:
    with pytest.raises(outreach.InvalidInput) as refused:
        await outreach.run(service.services, "acte-naissance")
    assert refused.value.field == "procedure" and "prime-activite" in refused.value.reason


async def test_identity_cards_expiring_soon_get_one_reminder(service: Running) -> None:
    renewal = service.services.catalogue.renewals[0]
    today = pop.TODAY
    soon = {c["id"] for c in pop.population()
            if _alive(c) and ((c.get("ants") or {}).get("cni") or {}).get("expiry")
            and today <= dt.date.fromisoformat(c["ants"]["cni"]["expiry"])
            <= today + dt.timedelta(days=renewal.notice_days)}
    assert len(soon) >= 3
    [run] = await outreach.remind_renewals(service.services)
    rows = await _sql(service, "select o.case_id::text, o.citizen_id, o.period, c.procedures"
                               " from outreach_proposals o join cases c on c.id = o.case_id")
    assert {r["citizen_id"] for r in rows} == soon and len(run.reminded) == len(soon)
    assert all(r["procedures"] == ["carte-identite"] and r["period"].startswith("cni:")
               for r in rows)
    letters = await _sql(service, "select body from notifications where kind = 'reminder'")
    assert len(letters) == len(soon) and all("expire le" in n["body"] for n in letters)
    [again] = await outreach.remind_renewals(service.services)
    assert again.reminded == [] and again.skipped == len(soon)
    # Yes: the renewal runs as a demand would, from the prefilled pre-application.
    first = rows[0]
    state = await _answer(service, first["case_id"], first["citizen_id"], "Oui, volontiers")
    assert state["status"] == "accepte", state
    [form] = await _sql(service, "select form from case_procedures where case_id = %s",
                        first["case_id"])
    assert form["form"]["motif"] == "renouvellement"

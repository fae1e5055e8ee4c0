"""A case mixing a CAF and a DGFiP procedure: each authority acts on, and sees, its part only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage

from tests import citizens as pop
from tests.scripted import ScriptedModel, call
from tests.support import TODAY, Running, running_service

CAF, DGFIP = ("officer", "o-caf", "caf"), ("officer", "o-dgfip", "dgfip")
MIXED = ["prime-activite", "reclamation-fiscale"]
TEXT = ("Je travaille à temps partiel, je voudrais la prime d'activité. Et je conteste mon "
        "impôt 2025, je pense devoir 150 euros.")


def mixed_citizen(skip: int = 0) -> dict[str, Any]:
    return pop.pick(lambda c: bool(pop.prime_eligible(c) and c.get("dgfip")
                                   and c["dgfip"]["tax_due"].get("2025", 0) > 200), skip=skip)


def triage_both(messages: list[BaseMessage], tools: set[str]) -> AIMessage | None:
    """Triage names both procedures; the offline model does the rest."""
    if "select_procedures" in tools:
        return AIMessage(content="", tool_calls=[call("select_procedures", procedures=MIXED)])
    return None


def hand_each_to_its_team() -> ScriptedModel:
    """Both procedures go to a person: the CAF's team, then the DGFiP's."""
    teams = iter(["caf", "dgfip"])

    def script(messages: list[BaseMessage], tools: set[str]) -> AIMessage | None:
        if "select_procedures" in tools:
            return AIMessage(content="", tool_calls=[call("select_procedures",
                                                          procedures=MIXED)])
        team = next(teams, "accueil")
        return AIMessage(content="", tool_calls=[call(
            "handoff", team=team, summary=f"pièces à vérifier par {team}")])
    return ScriptedModel(script=script)


async def sql(running: Running, query: str, *args: Any) -> list[dict[str, Any]]:
    async with running.services.pool.connection() as conn:
        cur = await conn.execute(query, args)
        return [dict(r) for r in await cur.fetchall()] if cur.description else []


async def mixed_case(running: Running, citizen: dict[str, Any]) -> tuple[str, str]:
    """(case id, the CAF request's id): the case waits for a CAF officer."""
    r = await running.client.post("/v1/cases", json={"text": TEXT},
                                  headers=running.auth("citizen", citizen["id"]))
    assert r.status_code == 202, r.text
    case_id = str(r.json()["id"])
    await running.settle(case_id)
    rows = await sql(running, "select id::text, authority, status from approvals"
                              " where case_id = %s", case_id)
    assert [(a["authority"], a["status"]) for a in rows] == [("caf", "pending")], rows
    assert (await sql(running, "select procedures from cases where id = %s", case_id))[0][
        "procedures"] == MIXED
    return case_id, rows[0]["id"]


async def test_a_dgfip_officer_neither_cancels_nor_settles_the_cafs_part(
    settings: Any, db_url: str,
) -> None:
    c = mixed_citizen()
    async with running_service(settings, db_url, model=ScriptedModel(script=triage_both)) as s:
        case_id, caf_request = await mixed_case(s, c)

        # What the DGFiP officer sees: the CAF request exists, held by the CAF, no arguments.
        view = await s.client.get(f"/v1/handoffs/{case_id}", headers=s.auth(*DGFIP))
        assert view.status_code == 200, view.text
        [held] = view.json()["approvals"]
        assert held == {"id": caf_request, "procedure": "prime-activite",
                        "effect": "grant_benefit", "status": "pending", "held_by": "caf"}
        assert "monthly_amount" not in view.text
        caf_view = (await s.client.get(f"/v1/handoffs/{case_id}", headers=s.auth(*CAF))).json()
        assert caf_view["approvals"][0]["args"]["benefit"] == "prime-activite"
        detail = await s.client.get(f"/v1/approvals/{caf_request}", headers=s.auth(*DGFIP))
        assert detail.status_code == 403

        # The takeover would strand the CAF's decision: refused, naming what it waits for.
        r = await s.client.post(f"/v1/cases/{case_id}/takeover", headers=s.auth(*DGFIP))
        assert r.status_code == 409 and "prime-activite: caf" in r.json()["detail"], r.text
        r = await s.client.post(f"/v1/cases/{case_id}/close", headers=s.auth(*DGFIP),
                                json={"status": "accepte", "reason": "Réclamation fondée."})
        assert r.status_code == 409, r.text
        assert (await sql(s, "select status from approvals where id = %s", caf_request)) == [
            {"status": "pending"}]
        mine = (await s.client.get(f"/v1/cases/{case_id}",
                                   headers=s.auth("citizen", c["id"]))).json()
        assert mine["status"] == "en_instruction"
        assert not any("accepté" in n["subject"] for n in mine["notifications"])

        # The CAF officer's own decision goes through and the agent carries on.
        r = await s.client.post(f"/v1/approvals/{caf_request}/decision",
                                json={"decision": "approve"}, headers=s.auth(*CAF))
        assert r.status_code == 200, r.text


async def test_closing_ones_part_leaves_the_other_authoritys_open(
    settings: Any, db_url: str,
) -> None:
    c = mixed_citizen(skip=1)
    async with running_service(settings, db_url, model=hand_each_to_its_team()) as s:
        r = await s.client.post("/v1/cases", json={"text": TEXT},
                                headers=s.auth("citizen", c["id"]))
        case_id = str(r.json()["id"])
        await s.settle(case_id)
        teams = await sql(s, "select procedure, args->>'team' as team from effects where"
                             " case_id = %s and effect = 'handoff' order by id", case_id)
        assert [(t["procedure"], t["team"]) for t in teams] == list(zip(MIXED, ["caf", "dgfip"],
                                                                          strict=True))
        view = (await s.client.get(f"/v1/handoffs/{case_id}", headers=s.auth(*DGFIP))).json()
        effects = {e["procedure"]: e for e in view["effects"]}
        assert effects["prime-activite"] == {"procedure": "prime-activite", "effect": "handoff",
                                             "created_at": effects["prime-activite"][
                                                 "created_at"], "held_by": "caf"}
        assert effects["reclamation-fiscale"]["args"]["team"] == "dgfip"

        r = await s.client.post(f"/v1/cases/{case_id}/takeover", headers=s.auth(*DGFIP))
        assert r.status_code == 200, r.text
        r = await s.client.post(f"/v1/cases/{case_id}/close", headers=s.auth(*DGFIP),
                                json={"status": "accepte", "reason": "Dégrèvement accordé."})
        assert r.status_code == 200, r.text
        after = r.json()
        assert after["status"] == "en_instruction" and after["taken_by"] is None
        [row] = await sql(s, "select status, settled_at, holder from cases where id = %s",
                          case_id)
        assert row["settled_at"] is None and row["holder"] == "officer"
        seen = (await s.client.get(f"/v1/cases/{case_id}",
                                   headers=s.auth("citizen", c["id"]))).json()
        [notice] = [n for n in seen["notifications"] if n["kind"] == "decision"]
        assert "Réclamation" in notice["subject"] and "accepté" in notice["subject"]
        assert "Prime" not in notice["subject"]
        assert "suit son cours" in notice["body"]
        # The CAF's part now waits in the CAF's queue, and only a CAF officer settles it.
        queue = (await s.client.get("/v1/handoffs", headers=s.auth(*CAF))).json()
        assert case_id in [i["case_id"] for i in queue["items"]]
        # Its own part settled, the DGFiP no longer takes the case.
        r = await s.client.post(f"/v1/cases/{case_id}/takeover", headers=s.auth(*DGFIP))
        assert r.status_code == 409 and "prime-activite: caf" in r.json()["detail"], r.text
        r = await s.client.post(f"/v1/cases/{case_id}/takeover", headers=s.auth(*CAF))
        assert r.status_code == 200, r.text
        r = await s.client.post(f"/v1/cases/{case_id}/close", headers=s.auth(*CAF),
                                json={"status": "refuse", "reason": "Ressources trop élevées."})
        assert r.status_code == 200, r.text
        # One part accepted, one refused: the case is settled, as the agent would settle it.
        assert r.json()["status"] == "accepte"
        seen = (await s.client.get(f"/v1/cases/{case_id}",
                                   headers=s.auth("citizen", c["id"]))).json()
        subjects = [n["subject"] for n in seen["notifications"] if n["kind"] in ("decision",
                                                                               "refusal")]
        assert len(subjects) == 2 and "Prime" in subjects[-1] and "refusée" in subjects[-1]
        settled = await sql(s, "select kind, data->'procedures' as p from audit_events"
                               " where case_id = %s and kind in ('procedure.settled',"
                               " 'case.closed') order by id", case_id)
        assert [(e["kind"], e["p"]) for e in settled] == [
            ("procedure.settled", ["reclamation-fiscale"]), ("case.closed", ["prime-activite"])]


async def test_a_scoped_auditor_reads_their_authoritys_figures_only(service: Running) -> None:
    c = pop.pick(pop.alive_adult)
    case_id = "22222222-2222-2222-2222-222222222222"
    await sql(service, "insert into cases (id, citizen_id, channel, status, holder,"
                       " holder_reason, procedures) values (%s, %s, 'api', 'en_instruction',"
                       " 'officer', 'test', %s)", case_id, c["id"], MIXED)
    for i, (procedure, authority) in enumerate((("prime-activite", "caf"),
                                                 ("reclamation-fiscale", "dgfip"),
                                                 ("reclamation-fiscale", "dgfip"))):
        await sql(service, "insert into approvals (id, case_id, request_key, procedure, effect,"
                           " authority, args, rationale, evidence, due_at) values"
                           " (gen_random_uuid(), %s, %s, %s, 'grant_benefit', %s, '{}', 'r',"
                           " '{}', %s)", case_id, f"k{i}", procedure, authority,
                  TODAY + dt.timedelta(days=30))

    async def stats(who: tuple[str, ...], **params: str) -> Any:
        return await service.client.get("/v1/stats/approvals", params=params,
                                        headers=service.auth(*who))

    r = await stats(("auditor", "a-caf", "caf"))
    assert r.status_code == 200 and r.json()["authorities"] == ["caf"], r.text
    assert r.json()["total"]["total"] == 1
    assert (await stats(("auditor", "a-caf", "caf"), authority="caf")).status_code == 200
    r = await stats(("auditor", "a-caf", "caf"), authority="dgfip")
    assert r.status_code == 403 and "caf" in r.json()["detail"]
    everyone = (await stats(("auditor", "a1"))).json()
    assert everyone["total"]["total"] == 3
    assert (await stats(("auditor", "a1"), authority="dgfip")).json()["total"]["total"] == 2

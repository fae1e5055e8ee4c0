"""Officers: the inbox, decisions that resume cases exactly once, scope, takeover, oversight."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import psycopg
from langchain_core.messages import AIMessage, BaseMessage

from graphs import casedb
from graphs.runner import thread_config
from tests import citizens as pop
from tests.scripted import ScriptedModel, call
from tests.support import TODAY, Running, running_service

CAF, DGFIP = ("officer", "o-caf", "caf"), ("officer", "o-dgfip", "dgfip")


async def _case(service: Running, citizen: dict[str, Any], text: str) -> str:
    r = await service.client.post("/v1/cases", json={"text": text},
                                  headers=service.auth("citizen", citizen["id"]))
    assert r.status_code == 202, r.text
    case_id = str(r.json()["id"])
    await service.settle(case_id)
    return case_id


async def _prime(service: Running, skip: int = 0) -> tuple[str, str, dict[str, Any]]:
    """A prime d'activité case waiting for a CAF officer: (case id, request id, citizen)."""
    c = pop.pick(pop.prime_eligible, skip=skip)
    case_id = await _case(service, c, "Je travaille à temps partiel, je voudrais la prime "
                                      "d'activité")
    rows = await _sql(service, "select id::text from approvals where case_id = %s", case_id)
    assert len(rows) == 1
    return case_id, rows[0]["id"], c


async def _sql(service: Running, sql: str, *args: Any) -> list[dict[str, Any]]:
    async with service.services.pool.connection() as conn:
        cur = await conn.execute(sql, args)
        return [dict(r) for r in await cur.fetchall()] if cur.description else []


async def _decide(service: Running, approval_id: str, who: tuple[str, str, str],
                  **body: Any) -> Any:
    return await service.client.post(f"/v1/approvals/{approval_id}/decision", json=body,
                                     headers=service.auth(*who))


async def test_inbox_is_the_authoritys_pending_requests_oldest_first_with_filters(
    service: Running,
) -> None:
    old_case, old, _ = await _prime(service)
    _, new, _ = await _prime(service, skip=1)
    tax = pop.pick(lambda c: pop.alive_adult(c) and c.get("dgfip")
                   and c["dgfip"]["tax_due"].get("2025", 0) > 200)
    await _case(service, tax, "Je conteste mon impôt 2025, je pense devoir 150 euros")
    # Ages and lateness are read with the service's clock: place the requests around it.
    await _sql(service, "update approvals set created_at = %s, due_at = %s where id = %s",
               TODAY - dt.timedelta(days=10), TODAY - dt.timedelta(days=1), old)
    await _sql(service, "update approvals set created_at = %s where id = %s",
               TODAY - dt.timedelta(days=2), new)

    async def ids(**params: Any) -> list[str]:
        r = await service.client.get("/v1/approvals", params=params, headers=service.auth(*CAF))
        assert r.status_code == 200, r.text
        return [i["id"] for i in r.json()["items"]]

    assert await ids() == [old, new]
    assert await ids(overdue="true") == [old]
    assert await ids(min_age_days=5) == [old]
    assert await ids(procedure="css") == []
    assert await ids(status="decided") == []
    page = (await service.client.get("/v1/approvals", params={"limit": 1, "offset": 1},
                                     headers=service.auth(*CAF))).json()
    assert ([i["id"] for i in page["items"]], page["total"]) == ([new], 2)
    first = (await service.client.get("/v1/approvals", headers=service.auth(*CAF))).json()
    assert first["items"][0]["overdue"] and first["items"][0]["case_id"] == old_case
    assert first["items"][0]["age_days"] == 10
    r = await service.client.get("/v1/approvals", params={"procedure": "nope"},
                                 headers=service.auth(*CAF))
    assert r.status_code == 422 and r.json()["field"] == "procedure"
    r = await service.client.get("/v1/approvals", params={"status": "maybe"},
                                 headers=service.auth(*CAF))
    assert r.status_code == 422 and r.json()["field"] == "query.status"
    dgfip = (await service.client.get("/v1/approvals", headers=service.auth(*DGFIP))).json()
    assert [i["effect"] for i in dgfip["items"]] == ["adjust_tax"]


async def test_request_detail_holds_everything_needed_to_judge(service: Running) -> None:
    text = "Je travaille à temps partiel, je voudrais la prime d'activité"
    case_id, approval, c = await _prime(service)
    r = await service.client.get(f"/v1/approvals/{approval}", headers=service.auth(*CAF))
    assert r.status_code == 200, r.text
    d = r.json()
    params = pop.params("prime-activite")
    assert d["effect"] == "grant_benefit" and d["args"]["benefit"] == "prime-activite"
    assert "Règle appliquée" in d["rationale"]
    assert [m["body"] for m in d["citizen_words"]] == [text]
    reads = {r["source"]: r for r in d["evidence"]["records_read"]}
    assert reads["caf"]["values"]["monthly_activity_income"] == c["caf"][
        "monthly_activity_income"]
    rules = d["evidence"]["rules"]
    assert rules["eligible"] is True and rules["parameters"] == params
    assert rules["result"] and rules["inputs"]
    assert d["deadline"]["announced_delay_days"] == 15
    assert (d["deadline"]["silence_after_days"], d["deadline"]["silence_means"]) == (60, "rejet")
    assert "rejet" in d["deadline"]["silence_rule"]
    kinds = [h["kind"] for h in d["history"]]
    assert kinds[0] == "case.created" and "approval.requested" in kinds
    viewed = await _sql(service, "select actor from audit_events where case_id = %s and kind ="
                                 " 'approval.viewed'", case_id)
    assert [v["actor"] for v in viewed] == ["officer:o-caf"]
    assert (await service.client.get(f"/v1/approvals/{approval}",
                                     headers=service.auth(*DGFIP))).status_code == 403
    for bad in ("00000000-0000-0000-0000-000000000000", "not-a-uuid"):
        assert (await service.client.get(f"/v1/approvals/{bad}",
                                         headers=service.auth(*CAF))).status_code == 404


async def test_approval_resumes_the_case_once_and_is_recorded(service: Running) -> None:
    case_id, approval, _ = await _prime(service)
    r = await _decide(service, approval, CAF, decision="approve", comment="Vu.")
    assert r.status_code == 200 and r.json()["by"] == "o-caf", r.text
    assert (await service.settle(case_id))["status"] == "accepte"
    grants = await _sql(service, "select approval_id::text, args from effects where case_id = %s"
                                 " and effect = 'grant_benefit'", case_id)
    assert [g["approval_id"] for g in grants] == [approval]
    # Who decided what and why, in the case's own state and in the audit trail.
    state = (await service.services.graph.aget_state(thread_config(case_id))).values
    [decision] = state["decisions"]
    assert (decision["decision"], decision["by"], decision["comment"]) == ("approved", "o-caf",
                                                                           "Vu.")
    assert decision["args"] == grants[0]["args"] and decision["at"]
    audit = await _sql(service, "select actor, data from audit_events where case_id = %s and kind"
                                " = 'approval.decided'", case_id)
    assert [(a["actor"], a["data"]["decision"]) for a in audit] == [("officer:o-caf", "approved")]
    [notice] = await _sql(service, "select body from notifications where case_id = %s and kind ="
                                   " 'decision'", case_id)
    assert "L311-3-1" in notice["body"] and "prime" in notice["body"].lower()
    again = await _decide(service, approval, ("officer", "o-late", "caf"), decision="reject",
                          comment="Non.")
    assert again.status_code == 409 and again.json()["decided_by"] == "o-caf"
    assert again.json()["status"] == "approved"
    await service.settle(case_id)
    assert len(await _sql(service, "select 1 from effects where case_id = %s and effect ="
                                   " 'grant_benefit'", case_id)) == 1


async def test_an_edit_is_validated_then_runs_with_the_new_arguments(service: Running) -> None:
    case_id, approval, _ = await _prime(service)
    proposed = (await service.client.get(f"/v1/approvals/{approval}",
                                         headers=service.auth(*CAF))).json()["args"]
    for args, field in (({**proposed, "monthly_amount": -5}, "args"),
                        ({**proposed, "iban": "FR76"}, "args"),
                        ({**proposed, "benefit": "rsa"}, "args.benefit"),
                        (None, "args")):
        r = await _decide(service, approval, CAF, decision="edit", args=args)
        assert r.status_code == 422 and r.json()["field"] == field, r.text
    r = await _decide(service, approval, CAF, decision="edit",
                      args={**proposed, "monthly_amount": 42.5}, comment="Montant corrigé.")
    assert r.status_code == 200 and r.json()["status"] == "edited", r.text
    assert (await service.settle(case_id))["status"] == "accepte"
    [grant] = await _sql(service, "select args from effects where case_id = %s and effect ="
                                  " 'grant_benefit'", case_id)
    assert grant["args"]["monthly_amount"] == 42.5


async def test_a_rejection_needs_its_reason_and_becomes_the_reasoned_refusal(
    service: Running,
) -> None:
    case_id, approval, _ = await _prime(service)
    r = await _decide(service, approval, CAF, decision="reject", comment="  ")
    assert r.status_code == 422 and r.json()["field"] == "comment"
    r = await _decide(service, approval, CAF, decision="reject",
                      comment="Vos revenus déclarés dépassent le plafond.")
    assert r.status_code == 200, r.text
    assert (await service.settle(case_id))["status"] == "refuse"
    effects = await _sql(service, "select effect, args from effects where case_id = %s", case_id)
    assert [(e["effect"], e["args"]["reasons"]) for e in effects] == [
        ("reject_demand", ["Vos revenus déclarés dépassent le plafond."])]
    [notice] = await _sql(service, "select body from notifications where case_id = %s and kind ="
                                   " 'refusal'", case_id)
    body = notice["body"]
    assert "Vos revenus déclarés dépassent le plafond." in body
    assert "L311-3-1" in body and "tribunal administratif" in body


async def test_concurrent_decisions_one_wins_one_effect_one_notice(service: Running) -> None:
    case_id, approval, _ = await _prime(service)
    officers = [("officer", f"o{i}", "caf") for i in range(4)]
    bodies = [{"decision": "approve"}, {"decision": "reject", "comment": "Dossier incomplet."},
              {"decision": "approve"}, {"decision": "reject", "comment": "Non éligible."}]
    replies = await asyncio.gather(*[_decide(service, approval, o, **b)
                                     for o, b in zip(officers, bodies, strict=True)])
    codes = sorted(r.status_code for r in replies)
    assert codes == [200, 409, 409, 409], [r.text for r in replies]
    winner = next(r.json()["by"] for r in replies if r.status_code == 200)
    assert {r.json()["decided_by"] for r in replies if r.status_code == 409} == {winner}
    await service.settle(case_id)
    decided = await _sql(service, "select 1 from effects where case_id = %s and effect in"
                                  " ('grant_benefit', 'reject_demand')", case_id)
    notices = await _sql(service, "select 1 from notifications where case_id = %s and kind in"
                                  " ('decision', 'refusal')", case_id)
    audits = await _sql(service, "select 1 from audit_events where case_id = %s and kind ="
                                 " 'approval.decided'", case_id)
    assert (len(decided), len(notices), len(audits)) == (1, 1, 1)


async def test_only_officers_of_the_authority_decide(service: Running) -> None:
    _, approval, c = await _prime(service)
    for who in (DGFIP, ("citizen", c["id"]), ("auditor", "a1")):
        r = await _decide(service, approval, who, decision="approve")  # type: ignore[arg-type]
        assert r.status_code == 403, (who, r.text)
    r = await _decide(service, "00000000-0000-0000-0000-000000000000", CAF, decision="approve")
    assert r.status_code == 404
    r = await _decide(service, approval, CAF, decision="maybe")
    assert r.status_code == 422 and r.json()["field"] == "decision"
    assert (await _sql(service, "select status from approvals where id = %s", approval)) == [
        {"status": "pending"}]


async def test_handoff_queue_takeover_reply_and_close(service: Running) -> None:
    c = pop.pick(pop.alive_adult, skip=11)
    case_id = await _case(service, c, "Quel temps fera-t-il demain à Marseille ?")
    desk = ("officer", "o-accueil", "accueil")
    queue = (await service.client.get("/v1/handoffs", headers=service.auth(*desk))).json()
    [item] = [i for i in queue["items"] if i["case_id"] == case_id]
    assert item["team"] == "accueil" and item["summary"] and item["taken_by"] is None
    caf_queue = (await service.client.get("/v1/handoffs", headers=service.auth(*CAF))).json()
    assert case_id not in [i["case_id"] for i in caf_queue["items"]]
    assert (await service.client.post(f"/v1/cases/{case_id}/takeover",
                                      headers=service.auth(*CAF))).status_code == 403
    r = await service.client.post(f"/v1/cases/{case_id}/reply", json={"text": "Bonjour"},
                                  headers=service.auth(*desk))
    assert r.status_code == 409  # take it first
    r = await service.client.post(f"/v1/cases/{case_id}/takeover", headers=service.auth(*desk))
    assert r.status_code == 200 and r.json()["taken_by"] == "o-accueil", r.text
    r = await service.client.post(f"/v1/cases/{case_id}/takeover",
                                  headers=service.auth("officer", "o-other", "accueil"))
    assert r.status_code == 409 and "o-accueil" in r.json()["detail"]
    r = await service.client.post(f"/v1/cases/{case_id}/reply",
                                  json={"text": "Nous ne donnons pas la météo, voyez Météo-France."},
                                  headers=service.auth(*desk))
    assert r.status_code == 201, r.text
    mine = (await service.client.get("/v1/handoffs", params={"state": "mine"},
                                     headers=service.auth(*desk))).json()
    assert [i["case_id"] for i in mine["items"]] == [case_id]
    r = await service.client.post(f"/v1/cases/{case_id}/close", json={"status": "refuse"},
                                  headers=service.auth(*desk))
    assert r.status_code == 422 and r.json()["field"] == "reason"
    r = await service.client.post(f"/v1/cases/{case_id}/close",
                                  json={"status": "sans_suite", "reason": "Hors du champ."},
                                  headers=service.auth(*desk))
    assert r.status_code == 200 and r.json()["status"] == "sans_suite", r.text
    seen = (await service.client.get(f"/v1/cases/{case_id}",
                                     headers=service.auth("citizen", c["id"]))).json()
    assert seen["status"] == "sans_suite"
    assert any(m["author"] == "officer" and "Météo-France" in m["body"]
               for m in seen["messages"])
    assert {"officer", "decision"} <= {n["kind"] for n in seen["notifications"]}
    closed = (await service.client.get("/v1/handoffs", params={"state": "closed"},
                                       headers=service.auth(*desk))).json()
    assert [i["case_id"] for i in closed["items"]] == [case_id]
    kinds = await _sql(service, "select kind from audit_events where case_id = %s and actor ="
                                " 'officer:o-accueil' order by id", case_id)
    assert [k["kind"] for k in kinds] == ["case.taken", "officer.message", "notification",
                                          "case.closed", "notification"]


async def test_takeover_lapses_pending_requests_and_the_agent_stops(service: Running) -> None:
    case_id, approval, c = await _prime(service)
    r = await service.client.post(f"/v1/cases/{case_id}/takeover", headers=service.auth(*CAF))
    assert r.status_code == 200, r.text
    before = await service.services.graph.aget_state(thread_config(case_id))
    r = await _decide(service, approval, CAF, decision="approve")
    assert r.status_code == 409 and r.json()["status"] == "cancelled"
    r = await service.client.post(f"/v1/cases/{case_id}/messages", json={"text": "Alors ?"},
                                  headers=service.auth("citizen", c["id"]))
    assert r.status_code == 202
    state = await service.settle(case_id)
    assert (state["status"], state["holder"]) == ("en_instruction", "officer")
    after = await service.services.graph.aget_state(thread_config(case_id))
    assert after.config == before.config  # not one step more
    assert await _sql(service, "select 1 from effects where case_id = %s", case_id) == []


async def test_a_takeover_mid_run_stops_the_agent_at_the_next_step(
    settings: Any, db_url: str
) -> None:
    c = pop.pick(pop.alive_adult, skip=5)

    def script(messages: list[BaseMessage], tools: set[str]) -> AIMessage | None:
        if "select_procedures" in tools:
            return AIMessage(content="", tool_calls=[call("select_procedures",
                                                          procedures=["signalement-voirie"])])
        # An officer takes the case (the only one in this test's database) while the model
        # is thinking about its next action.
        with psycopg.connect(db_url, autocommit=True) as conn:
            conn.execute("update cases set taken_by = 'o-mairie', holder = 'officer'")
        return AIMessage(content="", tool_calls=[call("create_ticket", category="voirie",
                                                      location="8 rue Victor Hugo, Lyon")])

    async with running_service(settings, db_url, model=ScriptedModel(script=script)) as running:
        r = await running.client.post("/v1/cases", json={"text": "un trou rue Victor Hugo"},
                                      headers=running.auth("citizen", c["id"]))
        case_id = r.json()["id"]
        await running.settle(case_id, timeout=60)
        async with running.services.pool.connection() as conn:
            cur = await conn.execute("select effect from effects where case_id = %s", (case_id,))
            assert await cur.fetchall() == []
        snapshot = await running.services.graph.aget_state(thread_config(case_id))
        assert snapshot.next == ("act",)  # the proposed ticket was never acted on


async def test_oversight_figures_per_procedure(service: Running) -> None:
    c = pop.pick(pop.alive_adult)
    case_id = "11111111-1111-1111-1111-111111111111"
    await _sql(service, "insert into cases (id, citizen_id, channel) values (%s, %s, 'api')",
               case_id, c["id"])
    t0 = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
    rows: list[tuple[str, str, str, dt.timedelta | None, dt.datetime]] = [
        *[("prime-activite", "caf", "approved", dt.timedelta(seconds=10), TODAY)] * 10,
        ("rsa", "caf", "edited", dt.timedelta(hours=1), TODAY),
        ("rsa", "caf", "rejected", dt.timedelta(hours=3), TODAY),
        ("rsa", "caf", "pending", None, TODAY - dt.timedelta(days=1)),  # overdue
        ("rsa", "caf", "pending", None, TODAY + dt.timedelta(days=9)),
        ("reclamation-fiscale", "dgfip", "approved", dt.timedelta(hours=2), TODAY),
    ]
    for i, (procedure, authority, status, took, due) in enumerate(rows):
        await _sql(service, "insert into approvals (id, case_id, request_key, procedure, effect,"
                            " authority, args, rationale, evidence, status, decided_by,"
                            " decided_at, created_at, due_at) values (gen_random_uuid(), %s, %s,"
                            " %s, 'grant_benefit', %s, '{}', 'r', '{}', %s, %s, %s, %s, %s)",
                   case_id, f"k{i}", procedure, authority, status,
                   None if took is None else "o1", None if took is None else t0 + took, t0, due)
    r = await service.client.get("/v1/stats/approvals", headers=service.auth(*CAF))
    assert r.status_code == 200, r.text
    stats = r.json()
    per = {p["procedure"]: p for p in stats["procedures"]}
    assert set(per) == {"prime-activite", "rsa"}  # the DGFiP request is not the CAF's
    prime, rsa = per["prime-activite"], per["rsa"]
    assert (prime["approval_rate"], prime["quick_approvals"], prime["median_decision_s"]) == (
        1.0, 10, 10.0)
    assert any("telles quelles" in s for s in prime["signals"])
    assert (rsa["pending"], rsa["overdue"], rsa["decided"]) == (2, 1, 2)
    assert (rsa["edit_rate"], rsa["rejection_rate"], rsa["approval_rate"]) == (0.5, 0.5, 0.0)
    assert rsa["median_decision_s"] == 2 * 3600.0
    assert any("en attente au-delà" in s for s in rsa["signals"])
    assert (stats["total"]["total"], stats["total"]["overdue"]) == (14, 1)
    audit = (await service.client.get("/v1/stats/approvals",
                                      headers=service.auth("auditor", "a1"))).json()
    assert audit["total"]["total"] == 15
    r = await service.client.get("/v1/stats/approvals", params={"authority": "dgfip"},
                                 headers=service.auth(*CAF))
    assert r.status_code == 403
    r = await service.client.get("/v1/stats/approvals", params={"authority": "nasa"},
                                 headers=service.auth("auditor", "a1"))
    assert r.status_code == 422 and r.json()["field"] == "authority"
    r = await service.client.get("/v1/stats/approvals", headers=service.auth("citizen", c["id"]))
    assert r.status_code == 403


async def test_the_queue_holds_incidents_but_not_decisions_being_applied(
    settings: Any, db_url: str
) -> None:
    # No worker: each step is run by hand, so the moment between a decision and its
    # application can be looked at.
    async with running_service(settings, db_url, workers=0) as running:
        c, d = pop.pick(pop.prime_eligible), pop.pick(pop.alive_adult, skip=3)
        ids = []
        for who, text in ((c, "prime d'activité"), (d, "bonjour")):
            r = await running.client.post("/v1/cases", json={"text": text},
                                          headers=running.auth("citizen", who["id"]))
            ids.append(r.json()["id"])
        prime, broken = ids
        await running.services.advance(prime)
        [row] = await _sql(running, "select id::text from approvals where case_id = %s", prime)
        assert (await _decide(running, row["id"], CAF, decision="approve")).status_code == 200
        await casedb.set_status(running.services.pool, broken, status="en_construction",
                                holder="officer", reason="incident technique (OSError)")

        async def queued(authority: str) -> list[str]:
            r = await running.client.get("/v1/handoffs", headers=running.auth(
                "officer", "o", authority))
            return [i["case_id"] for i in r.json()["items"]]

        assert await queued("caf") == []
        assert await queued("accueil") == [broken]

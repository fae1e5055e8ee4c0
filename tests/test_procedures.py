"""Every procedure of the catalogue, end to end through the API with the offline model."""

from __future__ import annotations

from typing import Any

import pytest

from guichet.catalogue import default_catalogue
from tests import citizens as pop
from tests.support import Running

Scenario = dict[str, Any]


async def _submit(service: Running, cid: str, text: str) -> str:
    r = await service.client.post("/v1/cases", json={"text": text},
                                  headers=service.auth("citizen", cid))
    assert r.status_code == 202, r.text
    return str(r.json()["id"])


async def _decide_all(service: Running, case_id: str, decision: str,
                      comment: str | None = None) -> list[dict[str, Any]]:
    async with service.services.pool.connection() as conn:
        cur = await conn.execute(
            "select id, authority, effect, args from approvals where case_id = %s"
            " and status = 'pending'", (case_id,))
        rows = [dict(r) for r in await cur.fetchall()]
    for row in rows:
        r = await service.client.post(
            f"/v1/approvals/{row['id']}/decision", json={"decision": decision, "comment": comment},
            headers=service.auth("officer", "agent-test", row["authority"]))
        assert r.status_code == 200, r.text
    return rows


async def _effects(service: Running, case_id: str) -> list[dict[str, Any]]:
    async with service.services.pool.connection() as conn:
        cur = await conn.execute(
            "select effect, args, result from effects where case_id = %s order by id", (case_id,))
        return [dict(r) for r in await cur.fetchall()]


async def _record(service: Running, cid: str, source: str) -> dict[str, Any] | None:
    return await service.services.records.get(cid, source)


async def _notified(service: Running, case_id: str) -> list[str]:
    async with service.services.pool.connection() as conn:
        cur = await conn.execute(
            "select kind from notifications where case_id = %s order by id", (case_id,))
        return [r["kind"] for r in await cur.fetchall()]


async def _run(service: Running, cid: str, text: str, answers: tuple[str, ...] = (),
               approve: str | None = None, comment: str | None = None) -> tuple[str, dict[str, Any]]:
    case_id = await _submit(service, cid, text)
    state = await service.settle(case_id)
    pending = list(answers)
    for _ in range(6):
        if state["holder"] == "citizen" and pending:
            r = await service.client.post(f"/v1/cases/{case_id}/messages",
                                          json={"text": pending.pop(0)},
                                          headers=service.auth("citizen", cid))
            assert r.status_code == 202, r.text
        elif state["holder"] == "officer" and approve and state["status"] == "en_instruction":
            decided = await _decide_all(service, case_id, approve, comment)
            if not decided:
                break
        else:
            break
        state = await service.settle(case_id)
    return case_id, state


def _writes(effects: list[dict[str, Any]]) -> list[str]:
    return [e["effect"] for e in effects]


async def test_birth_certificate(service: Running) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c)
                 and not c["etat_civil"]["birth_commune"].startswith("99"))
    case_id, state = await _run(service, c["id"],
                                "Bonjour, il me faudrait une copie intégrale de mon acte de "
                                "naissance s'il vous plaît")
    assert state["status"] == "accepte"
    effects = await _effects(service, case_id)
    assert _writes(effects) == ["issue_document"]
    assert effects[0]["args"]["kind"] == "acte-naissance-copie-integrale"
    assert "decision" in await _notified(service, case_id)


async def test_change_of_address_everywhere_known(service: Running) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and all(c.get(s) for s in ("caf", "dgfip", "cpam")))
    case_id, state = await _run(service, c["id"], "Je déménage au 5 rue des Lilas, 69003 Lyon, "
                                                  "merci de prévenir les organismes.")
    assert state["status"] == "accepte"
    effects = await _effects(service, case_id)
    expected = {"contact"} | {s for s in ("caf", "dgfip", "cpam", "france_travail") if c.get(s)}
    assert {e["args"]["source"] for e in effects if e["effect"] == "update_contact"} == expected
    assert set(_writes(effects)) == {"update_contact"}
    contact = await _record(service, c["id"], "contact")
    assert contact and contact["address"]["postal_code"] == "69003"
    assert contact["address"]["insee"] == "69383"  # Lyon 3e: later procedures need the code
    assert (await _record(service, c["id"], "caf") or {})["address"]["line"].startswith("5 rue")


async def test_change_of_address_asks_for_the_address(service: Running) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("caf") is None, skip=1)
    case_id = await _submit(service, c["id"], "bonjour je viens de déménager, il faut changer "
                                              "mon adresse partout")
    state = await service.settle(case_id)
    assert (state["status"], state["holder"]) == ("en_construction", "citizen")
    detail = (await service.client.get(f"/v1/cases/{case_id}",
                                       headers=service.auth("citizen", c["id"]))).json()
    assert any(m["author"] == "agent" and "adresse" in m["body"] for m in detail["messages"])
    await service.client.post(f"/v1/cases/{case_id}/messages",
                              json={"text": "C'est 18 avenue Foch, 44000 Nantes"},
                              headers=service.auth("citizen", c["id"]))
    state = await service.settle(case_id)
    assert state["status"] == "accepte"
    contact = await _record(service, c["id"], "contact")
    assert contact and contact["address"]["commune"] == "Nantes"


async def test_electoral_registration(service: Running) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and c["etat_civil"]["nationality"] == "FR"
                 and c.get("electoral") is None)
    case_id, state = await _run(service, c["id"], "Je voudrais m'inscrire sur les listes "
                                                  "électorales de ma commune")
    assert state["status"] == "accepte"
    assert _writes(await _effects(service, case_id)) == ["register"]
    electoral = await _record(service, c["id"], "electoral")
    assert electoral and electoral["commune"] == c["contact"]["address"]["insee"]


async def test_electoral_refusal_for_non_eu_needs_an_officer(service: Running) -> None:
    eu = pop.params("inscription-listes-electorales")["eu_countries"]
    c = pop.pick(lambda c: pop.alive_adult(c) and c["etat_civil"]["nationality"] not in eu)
    case_id, state = await _run(service, c["id"], "je veux m'inscrire pour voter",
                                approve="approve")
    assert state["status"] == "refuse"
    effects = await _effects(service, case_id)
    assert _writes(effects) == ["reject_demand"]
    async with service.services.pool.connection() as conn:
        cur = await conn.execute("select status from approvals where case_id = %s", (case_id,))
        assert [r["status"] for r in await cur.fetchall()] == ["approved"]
    assert await _record(service, c["id"], "electoral") is None
    assert "refusal" in await _notified(service, case_id)


async def test_identity_card(service: Running) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("ants") is not None)
    case_id, state = await _run(service, c["id"], "Ma carte d'identité est périmée, je dois la "
                                                  "renouveler")
    assert state["status"] == "accepte"
    effects = await _effects(service, case_id)
    assert _writes(effects) == ["register", "book_appointment"]
    assert effects[0]["args"]["list"] == "cni-pre-application"


async def test_prime_activite_granted_after_approval(service: Running) -> None:
    c = pop.pick(pop.prime_eligible)
    case_id, state = await _run(service, c["id"], "Je travaille à mi-temps, ai-je droit à la "
                                                  "prime d'activité ?", approve="approve")
    assert state["status"] == "accepte"
    effects = await _effects(service, case_id)
    assert _writes(effects) == ["grant_benefit"]
    p = pop.params("prime-activite")
    expected = round(p["rate"] * (round(pop.prime_threshold(c), 2)
                                  - c["caf"]["monthly_activity_income"]), 2)
    assert effects[0]["args"]["monthly_amount"] == pytest.approx(expected, abs=0.01)
    assert "prime_activite" in (await _record(service, c["id"], "caf") or {})["benefits"]


async def test_prime_activite_rejected_by_officer_is_reasoned(service: Running) -> None:
    c = pop.pick(pop.prime_eligible, skip=1)
    case_id, state = await _run(service, c["id"], "demande de prime d'activité",
                                approve="reject", comment="Revenus non justifiés.")
    assert state["status"] == "refuse"
    effects = await _effects(service, case_id)
    assert _writes(effects) == ["reject_demand"]
    assert effects[0]["args"]["reasons"] == ["Revenus non justifiés."]
    assert "prime_activite" not in ((await _record(service, c["id"], "caf") or {})
                                     .get("benefits") or [])


async def test_css_granted(service: Running) -> None:
    p = pop.params("css")
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("cpam") and c.get("dgfip")
                 and c.get("caf") is None and pop.latest_rfr(c) < p["free_limit_one"])
    case_id, state = await _run(service, c["id"], "Je voudrais la complémentaire santé "
                                                  "solidaire", approve="approve")
    assert state["status"] == "accepte"
    effects = await _effects(service, case_id)
    assert _writes(effects) == ["grant_benefit"]
    assert effects[0]["args"]["monthly_amount"] == 0
    assert (await _record(service, c["id"], "cpam") or {})["css"] is not None


async def test_rsa_granted(service: Running) -> None:
    c = pop.pick(pop.rsa_eligible)
    case_id, state = await _run(service, c["id"], "Je n'ai plus aucun revenu, je voudrais le RSA",
                                approve="approve")
    assert state["status"] == "accepte"
    assert _writes(await _effects(service, case_id)) == ["grant_benefit"]


async def test_tax_claim_adjusted(service: Running) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("dgfip")
                 and c["dgfip"]["tax_due"].get("2025", 0) > 200)
    case_id, state = await _run(service, c["id"], "Je conteste le montant de mon impôt 2025, "
                                                  "je pense devoir 150 euros",
                                approve="approve")
    assert state["status"] == "accepte"
    effects = await _effects(service, case_id)
    assert _writes(effects) == ["adjust_tax"]
    assert (await _record(service, c["id"], "dgfip") or {})["tax_due"]["2025"] == 150


async def test_health_certificate(service: Running) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("cpam"))
    case_id, state = await _run(service, c["id"], "J'ai besoin de mon attestation de droits à "
                                                  "l'assurance maladie")
    assert state["status"] == "accepte"
    effects = await _effects(service, case_id)
    assert _writes(effects) == ["issue_document"]
    assert effects[0]["args"]["kind"] == "attestation-droits-sante"


async def test_social_housing(service: Running) -> None:
    c = pop.pick(pop.alive_adult, skip=3)
    case_id, state = await _run(service, c["id"], "Je voudrais faire une demande de logement "
                                                  "social pour ma famille")
    assert state["status"] == "accepte"
    effects = await _effects(service, case_id)
    assert _writes(effects) == ["register"]
    assert effects[0]["args"]["list"] == "social-housing"


async def test_school_canteen_bracket_from_quotient(service: Running) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("caf")
                 and len(c["caf"]["children"]) == 1)
    child = c["caf"]["children"][0]["given_name"]
    case_id, state = await _run(service, c["id"], f"Je voudrais inscrire {child} à la cantine")
    assert state["status"] == "accepte"
    effects = await _effects(service, case_id)
    assert _writes(effects) == ["register"]
    qf = c["caf"]["quotient_familial"]
    brackets = pop.params("restauration-scolaire")["brackets"]
    assert effects[0]["args"]["bracket"] == next(b["bracket"] for b in brackets
                                                 if qf < b["under"])
    assert effects[0]["args"]["child"] == child


async def test_road_report(service: Running) -> None:
    c = pop.pick(pop.alive_adult, skip=5)
    case_id, state = await _run(service, c["id"], "Le lampadaire devant le 8 rue Victor Hugo "
                                                  "ne marche plus depuis une semaine")
    assert state["status"] == "accepte"
    effects = await _effects(service, case_id)
    assert _writes(effects) == ["create_ticket"]
    assert effects[0]["args"]["category"] == "eclairage"


async def test_vehicle_registration_address(service: Running) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("ants")
                 and len(c["ants"]["vehicles"] or []) == 1)
    case_id, state = await _run(service, c["id"], "Je dois changer l'adresse sur ma carte grise : "
                                                  "j'habite 3 place Bellecour, 69002 Lyon")
    assert state["status"] == "accepte"
    effects = await _effects(service, case_id)
    assert _writes(effects) == ["update_contact"]
    vehicle = (await _record(service, c["id"], "ants") or {})["vehicles"][0]
    assert vehicle["address"]["postal_code"] == "69002"


async def test_information_question(service: Running) -> None:
    c = pop.pick(pop.alive_adult, skip=7)
    case_id, state = await _run(service, c["id"], "Quels documents faut-il fournir pour une "
                                                  "carte d'identité ?")
    assert state["status"] == "accepte"
    assert await _effects(service, case_id) == []
    detail = (await service.client.get(f"/v1/cases/{case_id}",
                                       headers=service.auth("citizen", c["id"]))).json()
    answer = [n for n in detail["notifications"] if n["kind"] == "decision"]
    documents = default_catalogue().procedure("carte-identite").documents
    assert answer and documents[0] in answer[0]["body"]


async def test_service_complaint_goes_to_a_human(service: Running) -> None:
    c = pop.pick(pop.alive_adult, skip=9)
    case_id, state = await _run(service, c["id"], "Je veux me plaindre : personne ne répond "
                                                  "jamais au téléphone, c'est inadmissible")
    assert (state["status"], state["holder"]) == ("en_instruction", "officer")
    assert _writes(await _effects(service, case_id)) == ["handoff"]


async def test_out_of_scope_is_handed_off(service: Running) -> None:
    c = pop.pick(pop.alive_adult, skip=11)
    case_id, state = await _run(service, c["id"], "Quel temps fera-t-il demain à Marseille ?")
    assert (state["status"], state["holder"]) == ("en_instruction", "officer")
    assert "handoff" in await _notified(service, case_id)


async def test_css_for_someone_unknown_to_the_cpam_goes_to_an_officer(
    service: Running
) -> None:
    """A grant could not be written without a CPAM file: nobody is told it was granted."""
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("cpam") is None and c.get("caf"))
    case_id, state = await _run(service, c["id"], "Je voudrais la complémentaire santé "
                                                  "solidaire", approve="approve")
    assert state["status"] != "accepte" and state["holder"] == "officer"
    assert "grant_benefit" not in _writes(await _effects(service, case_id))
    async with service.services.pool.connection() as conn:
        cur = await conn.execute("select body from notifications where case_id = %s",
                                 (case_id,))
        bodies = [r["body"] for r in await cur.fetchall()]
    assert not any("accordée" in b or "None" in b for b in bodies), bodies

"""Real messages end to end: a mail with its history, an ambiguous word asked about once,
a corrected value shown to the officer with the message it came from, another language."""

from __future__ import annotations

from typing import Any

from agents import languages
from tests import citizens as pop
from tests.support import Running


async def _submit(service: Running, cid: str, text: str, channel: str = "api") -> str:
    r = await service.client.post("/v1/cases", json={"text": text, "channel": channel},
                                  headers=service.auth("citizen", cid))
    assert r.status_code == 202, r.text
    return str(r.json()["id"])


async def _answer(service: Running, cid: str, case_id: str, text: str) -> dict[str, Any]:
    r = await service.client.post(f"/v1/cases/{case_id}/messages", json={"text": text},
                                  headers=service.auth("citizen", cid))
    assert r.status_code == 202, r.text
    return await service.settle(case_id)


async def _rows(service: Running, sql: str, *args: Any) -> list[dict[str, Any]]:
    async with service.services.pool.connection() as conn:
        cur = await conn.execute(sql, args)
        return [dict(r) for r in await cur.fetchall()]


async def test_quoted_history_and_signature_open_nothing(service: Running) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c)
                 and not c["etat_civil"]["birth_commune"].startswith("99"))
    mail = ("Bonjour,\n\nJe voudrais un extrait de mon acte de naissance.\n\nCordialement,\n"
            "Agent d'accueil – Office public de l'habitat\nVotre demande de logement social "
            "en ligne\n\nLe lun. 3 nov. 2026 à 10:12, CAF <noreply@caf.fr> a écrit :\n"
            "> Votre prime d'activité et votre RSA ont été recalculés.\n")
    case_id = await _submit(service, c["id"], mail, channel="email")
    state = await service.settle(case_id)
    assert state["status"] == "accepte"
    effects = await _rows(service, "select effect, args from effects where case_id = %s",
                          case_id)
    assert [e["effect"] for e in effects] == ["issue_document"]
    assert not await _rows(service, "select id from approvals where case_id = %s", case_id)
    # The message is kept whole; the log says what was set aside, not the text itself.
    body = await _rows(service, "select body from case_messages where case_id = %s and"
                                " author = 'citizen'", case_id)
    assert body[0]["body"] == mail.strip()
    read = await _rows(service, "select data from audit_events where case_id = %s and"
                                " kind = 'message.read'", case_id)
    assert set(read[0]["data"]["set_aside"]) >= {"quoted", "signature"}
    assert "CAF" not in str(read[0]["data"])


async def test_an_ambiguous_card_is_asked_about_once(service: Running) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and bool((c.get("ants") or {}).get("cni"))
                 and c["etat_civil"]["nationality"] == "FR")
    case_id = await _submit(service, c["id"], "bonjour je voudrais refaire ma carte, comment "
                                              "on fait ?")
    state = await service.settle(case_id)
    assert (state["status"], state["holder"]) == ("en_construction", "citizen")
    detail = (await service.client.get(f"/v1/cases/{case_id}",
                                       headers=service.auth("citizen", c["id"]))).json()
    asked = [m["body"] for m in detail["messages"] if m["author"] == "agent"]
    assert any("De quelle carte" in m for m in asked)
    assert not await _rows(service, "select id from effects where case_id = %s", case_id)
    state = await _answer(service, c["id"], case_id, "La carte d'identité, elle est périmée.")
    assert state["status"] == "accepte"
    effects = await _rows(service, "select effect, args from effects where case_id = %s"
                                   " order by id", case_id)
    assert [e["effect"] for e in effects] == ["register", "book_appointment"]
    assert effects[0]["args"]["motif"] == "renouvellement"


async def test_a_corrected_amount_is_shown_with_its_message(service: Running) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("caf") is None
                 and c.get("dgfip") is not None)
    case_id = await _submit(service, c["id"], "je bosse en interim et je gagne peu, je "
                                              "voudrais la prime d'activité")
    state = await service.settle(case_id)
    assert state["holder"] == "citizen"
    state = await _answer(service, c["id"], case_id,
                          "Je gagne 1 300 € par mois, pardon, je me suis trompé : 1 100 € nets.")
    assert (state["status"], state["holder"]) == ("en_instruction", "officer")
    pending = await _rows(service, "select id, authority, args from approvals where"
                                   " case_id = %s", case_id)
    r = await service.client.get(f"/v1/approvals/{pending[0]['id']}",
                                 headers=service.auth("officer", "agent-test",
                                                      pending[0]["authority"]))
    evidence = r.json()["evidence"]
    assert evidence["form"]["monthly_activity_income"] == 1100.0
    assert evidence["sources"]["monthly_activity_income"] == "réponse 1 de l'usager"
    assert evidence["sources"]["children"] == "valeur par défaut"


async def test_a_spanish_demand_is_resolved_and_answered_with_a_spanish_line(
        service: Running) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c)
                 and not c["etat_civil"]["birth_commune"].startswith("99"), skip=3)
    case_id = await _submit(service, c["id"], "Hola, necesito una partida de nacimiento, "
                                              "por favor.")
    state = await service.settle(case_id)
    assert state["status"] == "accepte"
    notices = await _rows(service, "select kind, body from notifications where case_id = %s"
                                   " order by id", case_id)
    final = notices[-1]["body"]
    assert final.startswith(languages.REPLY_LINES["es"])
    assert "acte de naissance" in final.lower()

"""What `guichet citizens` predicts is what the service does: a few personas, end to end."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from guichet.catalogue import default_catalogue
from guichet.personas import Kind, Outcome, Persona, personas
from tests import citizens as pop
from tests.support import TODAY, Running

DEMANDS = {
    "prime-activite": "Je travaille à mi-temps, ai-je droit à la prime d'activité ?",
    "inscription-listes-electorales": "Je voudrais m'inscrire sur les listes électorales",
    "signalement-voirie": "Il y a un nid de poule dangereux devant le 8 rue Victor Hugo, "
                          "69002 Lyon.",
    "changement-adresse": "Bonjour, je viens de déménager, il faut changer mon adresse partout",
    "carte-grise-adresse": "Je dois changer l'adresse sur ma carte grise",
    "reclamation-fiscale": "Je conteste le montant de mon impôt sur le revenu",
    "acte-naissance": "Je voudrais une copie intégrale de mon acte de naissance",
}


# What the citizen replies when asked, unless the persona assumed a reply (`Outcome.assumed`).
ANSWERS = {
    "new_address": "C'est 5 rue des Lilas, 69003 Lyon",
    "plate": "AB-123-CD",
    "monthly_activity_income": "1200 euros",
}


WHO: dict[str, Callable[[pop.Citizen], bool]] = {
    "adult": pop.alive_adult,
    "deceased": lambda c: c["etat_civil"]["death_date"] is not None,
}

# (procedure, predicted path, whom): a handful of distinct paths.
CASES: list[tuple[str, Kind, str]] = [
    ("prime-activite", "accepte_apres_agent", "adult"),
    ("prime-activite", "refuse_apres_agent", "adult"),
    ("prime-activite", "agent", "deceased"),
    ("inscription-listes-electorales", "refuse_apres_agent", "adult"),
    ("signalement-voirie", "accepte", "adult"),
    ("changement-adresse", "accepte", "adult"),
    # The address change reads no état civil: the service does not know this citizen died.
    ("changement-adresse", "accepte", "deceased"),
    ("carte-grise-adresse", "agent", "adult"),
    ("reclamation-fiscale", "accepte_apres_agent", "adult"),
    ("acte-naissance", "agent", "adult"),
]


def chosen(procedure: str, kind: Kind, whom: str) -> Persona:
    """The first persona `guichet citizens --procedure` lists on that path."""
    by_id = {c["id"]: c for c in pop.population()}
    hits = [p for p in personas(procedure=procedure, limit=600, today=TODAY.date())
            if p.outcomes[procedure].kind == kind and WHO[whom](by_id[p.id])]
    assert hits, f"no persona is predicted {kind} for {procedure}"
    return hits[0]


def _field_asked(procedure: str, question: str) -> str:
    form = default_catalogue().forms[default_catalogue().procedure(procedure).form or ""]
    return next(f.name for f in form.fields if f.question and question.startswith(f.question))


async def _rows(service: Running, sql: str, case_id: str) -> list[dict[str, Any]]:
    async with service.services.pool.connection() as conn:
        cur = await conn.execute(sql, (case_id,))
        return [dict(r) for r in await cur.fetchall()]


async def _play(service: Running, c: pop.Citizen, procedure: str,
                predicted: Outcome) -> tuple[dict[str, Any], str]:
    """Submit the demand, answer what is asked, approve what waits; the final state."""
    headers = service.auth("citizen", c["id"])
    r = await service.client.post("/v1/cases", json={"text": DEMANDS[procedure]}, headers=headers)
    assert r.status_code == 202, r.text
    case_id = str(r.json()["id"])
    state = await service.settle(case_id)
    for _ in range(6):
        if state["holder"] == "citizen":
            detail = (await service.client.get(f"/v1/cases/{case_id}", headers=headers)).json()
            question = [m["body"] for m in detail["messages"] if m["author"] == "agent"][-1]
            field = _field_asked(procedure, question)
            answer = (f"{predicted.assumed[field]} euros" if field == "claimed_amount"
                      else str(predicted.assumed.get(field) or ANSWERS[field]))
            r = await service.client.post(f"/v1/cases/{case_id}/messages", json={"text": answer},
                                          headers=headers)
            assert r.status_code == 202, r.text
        elif state["holder"] == "officer" and (pending := await _rows(
                service, "select id, authority from approvals where case_id = %s"
                " and status = 'pending'", case_id)):
            for row in pending:
                r = await service.client.post(
                    f"/v1/approvals/{row['id']}/decision", json={"decision": "approve"},
                    headers=service.auth("officer", "agent-test", row["authority"]))
                assert r.status_code == 200, r.text
        else:
            break
        state = await service.settle(case_id)
    return state, case_id


def _expected_state(o: Outcome) -> tuple[str, str]:
    return {"accepte": ("accepte", "agent"), "accepte_apres_agent": ("accepte", "agent"),
            "refuse_apres_agent": ("refuse", "agent"),
            "agent": ("en_instruction", "officer")}[o.kind]


@pytest.mark.parametrize(("procedure", "kind", "whom"), CASES,
                         ids=[f"{p}-{k}-{w}" for p, k, w in CASES])
async def test_predicted_path_is_what_the_service_does(
        service: Running, procedure: str, kind: Kind, whom: str) -> None:
    persona = chosen(procedure, kind, whom)
    predicted = persona.outcomes[procedure]
    citizen = next(c for c in pop.population() if c["id"] == persona.id)
    state, case_id = await _play(service, citizen, procedure, predicted)
    assert (state["status"], state["holder"]) == _expected_state(predicted), persona
    effects = await _rows(service, "select effect, args from effects where case_id = %s"
                                   " order by id", case_id)
    approvals = await _rows(service, "select effect from approvals where case_id = %s"
                                     " order by created_at", case_id)
    assert [e["effect"] for e in effects] == predicted.effects
    sensitive = [e for e in predicted.effects if default_catalogue().is_sensitive(e)]
    assert [a["effect"] for a in approvals] == sensitive
    for e in effects:  # the amount shown is the amount granted
        if e["effect"] == "grant_benefit":
            assert f"{e['args']['monthly_amount']:.2f}".replace(".", ",") in predicted.detail

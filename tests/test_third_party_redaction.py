"""Names and identifiers of third parties typed by the citizen never reach the model, and no
tool can put them back: their placeholders keep no value."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from agents.models import make_model
from tests import citizens as pop
from tests.openai_server import completion, openai_server, tool_call
from tests.support import make_settings, running_service

NEIGHBOUR = ("Claire", "LEGRAND")
NEIGHBOUR_PHONE = "06 98 76 54 32"
OTHER = "Dupuis-Marchand"


def _demand(c: pop.Citizen) -> str:
    return (f"Bonjour, je suis {c['etat_civil']['family_name']}. Ma voisine {NEIGHBOUR[0]} "
            f"{NEIGHBOUR[1]} (son portable : {NEIGHBOUR_PHONE}) et Mme {OTHER} ont vu comme "
            "moi un trou énorme rue de la République, devant le 12.")


def _results(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in body["messages"] if m["role"] == "tool"]


def _llm(body: dict[str, Any]) -> dict[str, Any]:
    """An LLM that follows the plan and tries to write the third parties back in its notice."""
    names = {t["function"]["name"] for t in body.get("tools", [])}
    if "select_procedures" in names:
        return completion(calls=[tool_call("select_procedures",
                                           {"procedures": ["signalement-voirie"]})])
    results = _results(body)
    if not results:
        return completion(calls=[tool_call("lookup_records", {"source": "contact"})])
    if len(results) == 1:
        return completion(calls=[tool_call("fill_form", {"values": {
            "category": "voirie", "location": "12 rue de la République, Lyon"}})])
    if len(results) == 2:
        return completion(calls=[tool_call("apply_rules", {})])
    if len(results) == 3:
        effect = json.loads(results[-1]["content"])["proposed_effects"][0]
        return completion(calls=[tool_call(effect["effect"], effect["args"])])
    if len(results) == 4:
        return completion(calls=[tool_call("notify", {
            "message": "Signalement transmis ; nous préviendrons [TIERS_1] au [TIERS_TEL_1]."})])
    return completion(content="Terminé.")


async def test_the_model_receives_no_third_party_and_tools_cannot_restore_them(
        tmp_path: Path, db_url: str) -> None:
    c = pop.pick(pop.alive_adult, skip=15)
    with openai_server(_llm) as (base_url, received):
        settings = make_settings(tmp_path, model="openai", openai_base_url=base_url,
                                 openai_model="scripted-llm", openai_api_key="sk-test")
        async with running_service(settings, db_url, model=make_model(settings)) as running:
            r = await running.client.post("/v1/cases", json={"text": _demand(c)},
                                          headers=running.auth("citizen", c["id"]))
            case_id = r.json()["id"]
            state = await running.settle(case_id)
            async with running.services.pool.connection() as conn:
                cur = await conn.execute(
                    "select body from notifications where case_id = %s and kind <> 'ack'",
                    (case_id,))
                notices = " ".join(r["body"] for r in await cur.fetchall())
                cur = await conn.execute(
                    "select placeholder, value from case_placeholders where case_id = %s",
                    (case_id,))
                kept = {r["placeholder"]: r["value"] for r in await cur.fetchall()}
                cur = await conn.execute(
                    "select data::text as d from audit_events where case_id = %s", (case_id,))
                audit_text = " ".join(r["d"] for r in await cur.fetchall())
    assert state["status"] == "accepte"
    sent = json.dumps([b["messages"] for b in received], ensure_ascii=False)
    digits = NEIGHBOUR_PHONE.replace(" ", "")
    for secret in (*NEIGHBOUR, OTHER, NEIGHBOUR_PHONE, digits, c["etat_civil"]["family_name"]):
        assert secret not in sent, f"{secret} reached the model"
        assert secret not in audit_text
    assert "Ma voisine [TIERS_1] (son portable : [TIERS_TEL_1]) et Mme [TIERS_2]" in sent
    assert "[NOM_1]" in sent  # the citizen's own name: a placeholder tools may restore
    # What the notify tool wrote: the third parties stay placeholders, nothing to restore.
    assert "[TIERS_1]" in notices and "[TIERS_TEL_1]" in notices
    assert not any(s in notices for s in (*NEIGHBOUR, NEIGHBOUR_PHONE))
    # Only their numbers are kept on the case, never their values.
    assert {k: v for k, v in kept.items() if k.startswith("[TIERS")} == {
        "[TIERS_1]": "", "[TIERS_2]": "", "[TIERS_TEL_1]": ""}


async def test_the_offline_model_still_understands_a_demand_with_third_parties(
        service: Any) -> None:
    c = pop.pick(pop.alive_adult, skip=16)
    text = (f"Ma voisine {NEIGHBOUR[0]} {NEIGHBOUR[1]} m'a dit de vous écrire : il y a un gros "
            "nid-de-poule devant le 45 boulevard Gambetta, 31000 Toulouse.")
    r = await service.client.post("/v1/cases", json={"text": text},
                                  headers=service.auth("citizen", c["id"]))
    case_id = r.json()["id"]
    state = await service.settle(case_id)
    async with service.services.pool.connection() as conn:
        cur = await conn.execute(
            "select effect from effects where case_id = %s", (case_id,))
        effects = [row["effect"] for row in await cur.fetchall()]
        cur = await conn.execute(
            "select data::text as d from audit_events where case_id = %s and kind = 'model.call'",
            (case_id,))
        prompts = " ".join(row["d"] for row in await cur.fetchall())
    assert state["status"] == "accepte" and effects == ["create_ticket"]
    assert prompts, "the model calls must be audited"
    assert NEIGHBOUR[1] not in prompts and "[TIERS_1]" in prompts

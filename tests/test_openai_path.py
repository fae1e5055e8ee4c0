"""The OpenAI-compatible path, over HTTP, against a local chat-completions server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from agents.models import make_model
from tests import citizens as pop
from tests.openai_server import completion, openai_server, tool_call
from tests.support import make_settings, running_service


def _tool_results(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in body["messages"] if m["role"] == "tool"]


def _road_report_llm(body: dict[str, Any]) -> dict[str, Any]:
    """An LLM that first sends a malformed call, then follows the plan."""
    names = {t["function"]["name"] for t in body.get("tools", [])}
    if "select_procedures" in names:
        return completion(calls=[tool_call("select_procedures",
                                           {"procedures": ["signalement-voirie"]})])
    results = _tool_results(body)
    if not results:
        return completion(calls=[tool_call("lookup_records", '{"source": "contact"')])
    last = json.loads(results[-1]["content"]) if results[-1]["content"].startswith("{") else {}
    if len(results) == 1:  # the malformed call was answered with an error: try again
        return completion(calls=[tool_call("lookup_records", {"source": "contact"})])
    if len(results) == 2:
        return completion(calls=[tool_call("fill_form", {"values": {
            "category": "voirie", "location": "12 rue de la République, Lyon"}})])
    if len(results) == 3:
        return completion(calls=[tool_call("apply_rules", {})])
    if len(results) == 4:
        effect = last["proposed_effects"][0]
        return completion(content="Je crée le signalement.",
                          calls=[tool_call(effect["effect"], effect["args"])])
    if len(results) == 5:
        return completion(calls=[tool_call("notify", {
            "message": "Votre signalement a été transmis aux services techniques."})])
    return completion(content="Terminé.")


async def test_openai_endpoint_resolves_a_case_with_a_retry_after_a_malformed_call(
    tmp_path: Path, db_url: str
) -> None:
    c = pop.pick(pop.alive_adult, skip=13)
    with openai_server(_road_report_llm) as (base_url, received):
        settings = make_settings(tmp_path, model="openai", openai_base_url=base_url,
                                 openai_model="scripted-llm", openai_api_key="sk-test")
        async with running_service(settings, db_url, model=make_model(settings)) as running:
            r = await running.client.post(
                "/v1/cases", json={"text": f"Bonjour, je suis {c['etat_civil']['family_name']}"
                                           ", il y a un trou énorme rue de la République"},
                headers=running.auth("citizen", c["id"]))
            case_id = r.json()["id"]
            state = await running.settle(case_id)
            async with running.services.pool.connection() as conn:
                cur = await conn.execute(
                    "select effect from effects where case_id = %s", (case_id,))
                effects = [r["effect"] for r in await cur.fetchall()]
    assert state["status"] == "accepte"
    assert effects == ["create_ticket"]
    assert all(b["temperature"] == 0 and "tool_choice" in b for b in received)
    errors = [m for b in received for m in _tool_results(b) if "mal formé" in m["content"]]
    assert errors, "the malformed call must be answered with a clear retry message"
    sent = json.dumps([b["messages"] for b in received], ensure_ascii=False)
    assert c["etat_civil"]["family_name"] not in sent  # names never reach the model
    assert "[NOM_1]" in sent


async def test_openai_endpoint_that_keeps_sending_garbage_is_handed_off(
    tmp_path: Path, db_url: str
) -> None:
    c = pop.pick(pop.alive_adult, skip=14)

    def garbage(body: dict[str, Any]) -> dict[str, Any]:
        names = {t["function"]["name"] for t in body.get("tools", [])}
        if "select_procedures" in names:
            return completion(calls=[tool_call("select_procedures",
                                               {"procedures": ["signalement-voirie"]})])
        return completion(calls=[tool_call("lookup_records", "{not json")])

    with openai_server(garbage) as (base_url, _):
        settings = make_settings(tmp_path, model="openai", openai_base_url=base_url,
                                 openai_model="scripted-llm")
        async with running_service(settings, db_url, model=make_model(settings)) as running:
            r = await running.client.post("/v1/cases", json={"text": "nid de poule"},
                                          headers=running.auth("citizen", c["id"]))
            state = await running.settle(r.json()["id"])
    assert (state["status"], state["holder"]) == ("en_instruction", "officer")

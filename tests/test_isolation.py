"""Tools act for the case's own citizen only, whatever identifiers the model passes."""

from __future__ import annotations

import json
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage

from tests import citizens as pop
from tests.scripted import ScriptedModel, call
from tests.support import running_service


async def test_model_passing_another_citizens_id_reads_and_writes_nothing_of_theirs(
    settings: Any, db_url: str
) -> None:
    me = pop.pick(lambda c: pop.alive_adult(c) and c.get("caf") is not None)
    other = pop.pick(lambda c: pop.alive_adult(c) and c["id"] != me["id"]
                     and c.get("caf") is not None, skip=4)

    def script(messages: list[BaseMessage], tools: set[str]) -> AIMessage | None:
        if "select_procedures" in tools:
            return AIMessage(content="", tool_calls=[call("select_procedures",
                                                          procedures=["changement-adresse"])])
        done = [m for m in messages if isinstance(m, ToolMessage)]
        if not done:
            return AIMessage(content="", tool_calls=[
                call("lookup_records", source="caf", citizen_id=other["id"]),
                call("lookup_records", source="contact"),
                call("update_contact", source="contact", citizen_id=other["id"],
                     address={"line": "1 rue du Vol", "postal_code": "75001",
                              "commune": "Paris"}),
            ])
        return AIMessage(content="", tool_calls=[call(
            "handoff", team="accueil", summary="essai terminé")]) if len(done) < 4 else (
            AIMessage(content="fin"))

    model = ScriptedModel(script=script, seen=[])
    async with running_service(settings, db_url, model=model) as running:
        r = await running.client.post("/v1/cases", json={"text": "changement d'adresse"},
                                      headers=running.auth("citizen", me["id"]))
        case_id = r.json()["id"]
        await running.settle(case_id)
        before = other["contact"]
        assert await running.services.records.get(other["id"], "contact") == before
        shown = json.dumps([[m.content for m in msgs] for msgs in model.seen],
                           ensure_ascii=False)
        assert other["caf"]["allocataire"] not in shown
        assert other["etat_civil"]["birth_date"] not in shown
        refused = [m for msgs in model.seen for m in msgs
                   if isinstance(m, ToolMessage) and m.status == "error"]
        assert len({m.tool_call_id for m in refused}) == 2
        async with running.services.pool.connection() as conn:
            cur = await conn.execute(
                "select data from audit_events where case_id = %s and kind = 'tool.call'"
                " and data->>'outcome' = 'refused'", (case_id,))
            rows = await cur.fetchall()
            cur = await conn.execute(
                "select count(*) as n from effects where case_id = %s and effect ="
                " 'update_contact'", (case_id,))
            writes = await cur.fetchone()
        assert {r["data"]["tool"] for r in rows} == {"lookup_records", "update_contact"}
        assert writes is not None and writes["n"] == 0


async def test_records_lookup_is_masked_and_redacted(settings: Any, db_url: str) -> None:
    me = pop.pick(lambda c: pop.alive_adult(c) and c.get("cpam") is not None)

    def script(messages: list[BaseMessage], tools: set[str]) -> AIMessage | None:
        if "select_procedures" in tools:
            return AIMessage(content="", tool_calls=[call(
                "select_procedures", procedures=["signalement-voirie"])])
        if not any(isinstance(m, ToolMessage) for m in messages):
            return AIMessage(content="", tool_calls=[call("lookup_records", source="cpam"),
                                                     call("lookup_records", source="contact")])
        return AIMessage(content="", tool_calls=[call("handoff", team="mairie",
                                                      summary="essai")]) if sum(
            isinstance(m, ToolMessage) for m in messages) < 3 else AIMessage(content="fin")

    model = ScriptedModel(script=script, seen=[])
    async with running_service(settings, db_url, model=model) as running:
        r = await running.client.post("/v1/cases", json={"text": "un trou dans la route"},
                                      headers=running.auth("citizen", me["id"]))
        await running.settle(r.json()["id"])
    results = {m.tool_call_id: m for msgs in model.seen for m in msgs
               if isinstance(m, ToolMessage)}
    texts = [m.content for m in results.values()]
    assert any("n'autorise pas la lecture de cpam" in str(t) for t in texts)
    contact = next(json.loads(str(t)) for t in texts if '"source": "contact"' in str(t))
    assert set(contact["fields"]) == {"address"}  # the procedure's field mask
    assert me["cpam"]["nir"] not in json.dumps(texts)

"""The fault suite's pure parts: its invariant checks on a hand-made database, its wire format."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from typing import Any

import httpx
import psycopg
from langchain_core.messages import AIMessage, ToolMessage
from psycopg.rows import dict_row

from evals.faults import checks, plan, wire, workload
from evals.faults.clients import StatusLog
from evals.faults.model_server import make_app
from evals.faults.report import bad_5xx
from guichet.catalogue import default_catalogue

CITIZEN = "C000001"


async def _case(conn: psycopg.AsyncConnection[Any], *, status: str = "en_instruction",
                holder: str = "agent", reason: str = "demande reçue", settled: bool = False,
                age_s: int = 0) -> str:
    cid = str(uuid.uuid4())
    await conn.execute(
        "insert into cases (id, citizen_id, channel, status, holder, holder_reason, updated_at,"
        " created_at, settled_at) values (%s, %s, 'api', %s, %s, %s,"
        " now() - make_interval(secs => %s), now() - make_interval(secs => %s),"
        " case when %s then now() end)",
        (cid, CITIZEN, status, holder, reason, age_s, age_s, settled))
    return cid


async def _message(conn: psycopg.AsyncConnection[Any], cid: str, author: str, age_s: int) -> None:
    await conn.execute(
        "insert into case_messages (case_id, author, channel, body, created_at)"
        " values (%s, %s, 'api', 'texte', now() - make_interval(secs => %s))",
        (cid, author, age_s))


async def _job(conn: psycopg.AsyncConnection[Any], cid: str) -> None:
    await conn.execute(
        "insert into procrastinate_jobs (queue_name, task_name, lock, queueing_lock, args)"
        " values ('cases', 'advance_case', %s, %s, %s)",
        (cid, cid, json.dumps({"case_id": cid})))


async def _effect(conn: psycopg.AsyncConnection[Any], cid: str, key: str, effect: str,
                  args: dict[str, Any]) -> None:
    await conn.execute(
        "insert into effects (case_id, idem_key, procedure, effect, args, result)"
        " values (%s, %s, 'prime-activite', %s, %s, '{}')",
        (cid, f"{cid}/{key}", effect, json.dumps(args)))


async def _notice(conn: psycopg.AsyncConnection[Any], cid: str, key: str, kind: str, body: str,
                  age_s: int) -> None:
    await conn.execute(
        "insert into notifications (case_id, idem_key, kind, channel, subject, body, created_at)"
        " values (%s, %s, %s, 'email', 'objet', %s, now() - make_interval(secs => %s))",
        (cid, f"{cid}/{key}", kind, body, age_s))


async def test_checks_count_every_kind_of_case_and_every_duplicate(db_url: str) -> None:
    async with await psycopg.AsyncConnection.connect(db_url, autocommit=True,
                                                     row_factory=dict_row) as conn:
        settled = await _case(conn, status="accepte", settled=True)
        approval = await _case(conn)
        await conn.execute(
            "insert into approvals (id, case_id, request_key, procedure, effect, authority, args,"
            " rationale, evidence) values (%s, %s, 'k1', 'prime-activite', 'grant_benefit',"
            " 'caf', '{}', 'r', '{}')", (str(uuid.uuid4()), approval))
        handed = await _case(conn, holder="officer", reason="incident technique : reprise",
                             age_s=600)
        asked = await _case(conn, status="en_construction", holder="citizen", age_s=600)
        await _message(conn, asked, "citizen", 700)
        await _message(conn, asked, "agent", 600)
        no_job = await _case(conn, age_s=300)
        await _message(conn, no_job, "citizen", 300)
        silent = await _case(conn, age_s=300)
        await _job(conn, silent)
        running = await _case(conn)
        await _job(conn, running)
        answered = await _case(conn, status="en_construction", holder="citizen", age_s=120)
        await _message(conn, answered, "citizen", 120)

        # Twice the same grant under two keys; two different registrations are two effects.
        await _effect(conn, settled, "grant_benefit/prime_activite", "grant_benefit",
                      {"benefit": "prime_activite", "monthly_amount": 10})
        await _effect(conn, settled, "grant_benefit/7", "grant_benefit",
                      {"benefit": "prime_activite", "monthly_amount": 10})
        await _effect(conn, settled, "register/a", "register", {"list": "a"})
        await _effect(conn, settled, "register/b", "register", {"list": "b"})
        # One outcome notice per procedure; a question asked twice with no answer between.
        await _notice(conn, settled, "ack", "ack", "reçu", 50)
        await _notice(conn, settled, "prime-activite/notify/0", "decision", "accordé", 40)
        await _notice(conn, settled, "prime-activite/notify/1", "decision", "accordé", 30)
        await _notice(conn, settled, "ask/call_1", "question", "Quelle adresse ?", 20)
        await _notice(conn, settled, "ask/call_2", "question", "Quelle adresse ?", 10)
        # The same question again after the citizen answered: a new turn, not a duplicate.
        await _notice(conn, asked, "ask/call_3", "question", "Quel enfant ?", 800)
        await _notice(conn, asked, "ask/call_4", "question", "Quel enfant ?", 650)

        lost = str(uuid.uuid4())
        found = await checks.collect(conn, [settled, approval, handed, asked, no_job, silent,
                                            running, answered, lost])

    assert found.acknowledged == 9 and found.cases_in_db == 8
    assert found.lost == [lost]
    assert found.verdicts == {"settled": 1, "officer": 2, "citizen": 1, "running": 1, "stuck": 3}
    assert found.officer_reasons == {"approval request pending": 1,
                                     "incident technique : reprise": 1}
    assert {s["id"] for s in found.stuck} == {no_job, silent, answered}
    assert [r["id"] for r in found.running] == [running]
    assert [d["count"] for d in found.duplicate_effects] == [2]
    assert found.duplicate_effects[0]["key"][2:] == ["grant_benefit", "prime_activite"]
    dup_kinds = sorted(d["key"][1] for d in found.duplicate_notices)
    assert dup_kinds == ["decision", "question"]
    assert found.effects == 4 and found.notices == 7


def test_classify_waits_on_a_job_before_calling_a_case_stuck() -> None:
    base = checks.CaseState(id="x", status="en_instruction", holder="agent",
                            holder_reason="demande reçue", settled=False, pending_approvals=0,
                            active_jobs=0, quiet_s=2.0, last_author="citizen")
    assert checks.classify(base)[0] == "running"  # between commit and enqueue
    assert checks.classify(replace(base, quiet_s=30.0))[0] == "stuck"
    busy = replace(base, active_jobs=1, quiet_s=59.0)
    assert checks.classify(busy)[0] == "running"
    assert checks.classify(busy, stuck_after_s=50.0)[0] == "stuck"
    blank = replace(base, holder="officer", holder_reason=" ", quiet_s=30.0)
    assert checks.classify(blank)[0] == "stuck"  # with an officer, but nobody can see why


def test_the_model_endpoint_speaks_openai_and_fails_on_cue() -> None:
    # A refused tool call comes back as plain text: the offline model must see an error.
    body = {"messages": [
        {"role": "user", "content": "bonjour"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "c1", "type": "function",
             "function": {"name": "lookup_records", "arguments": '{"source": "caf"}'}}]},
        {"role": "tool", "tool_call_id": "c1", "content": "Refusé : hors périmètre"},
        {"role": "tool", "tool_call_id": "c2", "content": '{"known": true}'}]}
    msgs = wire.request_messages(body)
    tools_ = [m for m in msgs if isinstance(m, ToolMessage)]
    assert [m.status for m in tools_] == ["error", "success"]
    out = wire.completion(AIMessage(content="", tool_calls=[
        {"name": "notify", "args": {"message": "é"}, "id": "c9", "type": "tool_call"}]), model="m")
    call = out["choices"][0]["message"]["tool_calls"][0]
    assert call["function"] == {"name": "notify", "arguments": '{"message": "é"}'}
    assert out["choices"][0]["finish_reason"] == "tool_calls"


async def test_the_model_endpoint_answers_with_the_offline_model_then_500() -> None:
    transport = httpx.ASGITransport(app=make_app(hang_s=0.01))
    triage = {"model": "m", "messages": [
        {"role": "system", "content": "Trie la demande."},
        {"role": "user", "content": "Le lampadaire devant le 8 rue Victor Hugo est en panne"}],
        "tools": [{"type": "function", "function": {"name": n, "description": n,
                                                    "parameters": {"type": "object"}}}
                  for n in ("select_procedures", "handoff")], "tool_choice": "auto"}
    async with httpx.AsyncClient(transport=transport, base_url="http://model") as client:
        r = await client.post("/v1/chat/completions", json=triage)
        assert r.status_code == 200
        call = r.json()["choices"][0]["message"]["tool_calls"][0]["function"]
        assert call["name"] == "select_procedures"
        assert json.loads(call["arguments"])["procedures"] == ["signalement-voirie"]
        for mode, status in (("error", 500), ("hang", 504)):
            assert (await client.post("/_faults", json={"mode": mode})).status_code == 200
            assert (await client.post("/v1/chat/completions", json=triage)).status_code == status
        await client.post("/_faults", json={"mode": "ok"})
        served = (await client.get("/_faults")).json()["served"]
    assert served == {"ok": 1, "error": 1, "hang": 1}


def test_plans_workload_and_status_histograms() -> None:
    assert plan.QUICK.kills >= 20 and [o.down_s for o in plan.QUICK.outages] == [15.0]
    assert plan.FULL.kills >= 100 and sorted(o.down_s for o in plan.FULL.outages) == [15.0, 45.0]
    assert plan.FULL.per_procedure >= 100
    assert {m.mode for m in plan.FULL.model_faults} == {"error", "hang"}
    for p in (plan.QUICK, plan.FULL):
        assert p.hang_s > p.openai_timeout_s
    demands = workload.demands(2)
    assert {d.procedure for d in demands} == set(default_catalogue().procedure_ids)
    assert any(d.answers for d in demands)
    log = StatusLog()
    for status in ("200", "503", "500", "timeout"):
        log.add("GET /x", status)
    hist = log.histogram()
    assert hist == {"200": 1, "500": 1, "503": 1, "timeout": 1} and bad_5xx(hist) == 1

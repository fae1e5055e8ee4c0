"""The trace of a case: steps from checkpoints and audit events, scope, read-only, pruning."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graphs.casedb import case_row
from graphs.replay import replay_in_service
from guichet import audit, audit_verify
from guichet.cli_audit import app as audit_cli
from guichet.retention import prune
from guichet.services import utc_now
from tests.support import Running
from tests.test_replay import run_demo


async def _trace(service: Running, case_id: str, **params: Any) -> Any:
    r = await service.client.get(f"/v1/cases/{case_id}/trace", params=params,
                                 headers=service.auth("auditor", "inspection"))
    assert r.status_code == 200, r.text
    return r.json() if params.get("format") != "jsonl" else r.text


async def _whole(service: Running, case_id: str) -> dict[str, Any]:
    return await _trace(service, case_id, limit=500)  # type: ignore[no-any-return]


async def test_trace_of_a_decided_case(service: Running) -> None:
    case_id = await run_demo(service, "rsa")
    trace = await _whole(service, case_id)
    steps = trace["steps"]
    assert trace["total"] == len(steps) and trace["status"] == "accepte"
    nodes = [s["node"] for s in steps if s["kind"] == "node"]
    # intake (triage, acknowledgement), one step per model turn, the officer's wait.
    assert nodes[0] == "intake" and nodes[-1] == "act"
    assert {"act", "await_decision"} == set(nodes[1:])
    # Ordered in time; each node step names the checkpoint it produced and its duration.
    starts = [s["started_at"] for s in steps]
    assert starts == sorted(starts)
    for s in steps:
        if s["kind"] == "node":
            assert s["checkpoint_id"] and s["parent_checkpoint_id"] and s["duration_ms"] >= 0
    # Every audit event of the case appears once, in a step.
    async with service.services.pool.connection() as conn:
        events = await audit.case_events(conn, case_id)
    shown = [e["id"] for s in steps for e in s["events"]]
    assert sorted(shown) == [e["id"] for e in events]
    # The model calls are in the agent/triage steps, with the input as sent and the output.
    agent = next(s for s in steps if s["node"] == "act")
    call = next(e for e in agent["events"] if e["kind"] == "model.call")
    assert call["data"]["input"][0]["type"] == "system" and "output" in call["data"]
    assert agent["output"]["messages"][0]["type"] == "ai"
    # The officer's decision: who, when, why, highlighted where it happened.
    decided = [s for s in steps if s["decision"]]
    assert len(decided) == 1
    ev = next(e for e in decided[0]["events"] if e["kind"] == "approval.decided")
    assert ev["actor"] == "officer:agent-test" and ev["data"]["decision"] == "approved"
    (approval,) = trace["approvals"]
    assert approval["effect"] == "grant_benefit" and approval["decided_by"] == "agent-test"
    assert approval["decided_at"] and approval["rationale"]
    effect_steps = [s["node"] for s in steps for e in s["events"] if e["kind"] == "effect"]
    assert effect_steps == ["await_decision"]  # carried out once the officer decided


async def test_pagination_and_jsonl_export(service: Running) -> None:
    case_id = await run_demo(service, "carte-identite")
    whole = await _whole(service, case_id)
    page1 = await _trace(service, case_id, limit=2)
    page2 = await _trace(service, case_id, limit=2, offset=2)
    assert page1["total"] == page2["total"] == whole["total"] > 4
    assert [s["index"] for s in page1["steps"]] == [0, 1]
    assert page1["steps"] + page2["steps"] == whole["steps"][:4]
    text = await _trace(service, case_id, format="jsonl")
    lines = [json.loads(line) for line in text.splitlines()]
    assert lines[0]["case"]["case_id"] == case_id
    assert [s["index"] for s in lines[1:]] == list(range(whole["total"]))
    for bad, field in (({"limit": 0}, "limit"), ({"offset": -1}, "offset"),
                       ({"format": "xml"}, "format")):
        r = await service.client.get(f"/v1/cases/{case_id}/trace", params=bad,
                                     headers=service.auth("auditor", "inspection"))
        assert r.status_code == 422 and r.json()["field"].endswith(field), r.text


async def test_auditor_scope_and_read_only(service: Running) -> None:
    case_id = await run_demo(service, "prime-activite")  # authority caf
    url = f"/v1/cases/{case_id}/trace"
    assert (await service.client.get(url, headers=service.auth("auditor", "a", "caf"))
            ).status_code == 200
    assert (await service.client.get(url, headers=service.auth("auditor", "a", "cpam"))
            ).status_code == 404
    assert (await service.client.get(url, headers=service.auth("citizen", "C000001"))
            ).status_code == 403
    listed = await service.client.get("/v1/audit/cases", headers=service.auth("auditor", "a", "caf"))
    assert [c["id"] for c in listed.json()] == [case_id]
    other = await service.client.get("/v1/audit/cases", headers=service.auth("auditor", "a", "cpam"))
    assert other.json() == []
    # An auditor changes nothing, whatever the route.
    auditor = service.auth("auditor", "inspection")
    async with service.services.pool.connection() as conn:
        cur = await conn.execute("select id from approvals where case_id = %s", (case_id,))
        row = await cur.fetchone()
    assert row is not None
    writes = [("POST", "/v1/cases", {"text": "Je veux le RSA"}),
              ("POST", f"/v1/cases/{case_id}/messages", {"text": "bonjour"}),
              ("POST", f"/v1/approvals/{row['id']}/decision", {"decision": "approve"}),
              ("POST", url, None), ("PUT", url, None), ("DELETE", url, None),
              ("DELETE", "/v1/audit/cases", None), ("POST", "/v1/audit/events", {})]
    for method, path, body in writes:
        r = await service.client.request(method, path, json=body, headers=auditor)
        assert r.status_code == 403, (method, path, r.status_code, r.text)


async def test_trace_after_prune_keeps_every_decision_and_effect(service: Running) -> None:
    granted = await run_demo(service, "css")
    refused = await run_demo(service, "prime-activite")
    before = {c: await _whole(service, c) for c in (granted, refused)}
    pool = service.services.pool
    async with pool.connection() as conn:
        dry = await prune(conn, older_than_days=0, now=utc_now() + timedelta(days=1), dry_run=True)
        cur = await conn.execute("select count(*) as n from checkpoints")
        row = await cur.fetchone()
        assert row is not None and row["n"] > 2 and dry.checkpoints == row["n"] - 2
        done = await prune(conn, older_than_days=0, now=utc_now() + timedelta(days=1))
        assert (done.cases, done.checkpoints) == (2, dry.checkpoints)
        assert done.writes == dry.writes and done.blobs == dry.blobs
        cur = await conn.execute("select count(*) as n from checkpoints")
        row = await cur.fetchone()
        assert row is not None and row["n"] == 2
        # A case closed later than the cutoff is left alone.
        again = await prune(conn, older_than_days=30, now=utc_now())
        assert again.cases == 0
    for case_id, old in before.items():
        new = await _whole(service, case_id)
        assert new["checkpoints"] == 1 and new["status"] == old["status"]
        old_events = [e for s in old["steps"] for e in s["events"]]
        new_events = [e for s in new["steps"] for e in s["events"]]
        assert new_events == old_events
        kinds = [e["kind"] for e in new_events]
        assert kinds.count("approval.decided") == 1 and "effect" in kinds
        assert new["approvals"] == old["approvals"]
        assert any(s["decision"] for s in new["steps"])
        # The final state is still there, and the case can still be replayed from the log.
        row2 = await case_row(pool, case_id)
        assert row2 is not None
        report = await replay_in_service(service.services, row2)
        assert report.reproduced, report.first_divergence
        assert all(s.original_node is None for s in report.steps)
    async with pool.connection() as conn:
        assert (await audit_verify.verify(conn)).ok


def test_prune_command(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("GUICHET_DATA_DIR", str(tmp_path))
    out = CliRunner().invoke(audit_cli, ["prune", "--older-than-days", "7", "--dry-run"])
    assert out.exit_code == 0, out.output
    assert "0 dossiers clos" in out.output and "à supprimer" in out.output
    bad = CliRunner().invoke(audit_cli, ["prune", "--older-than-days", "-1"])
    assert bad.exit_code == 2

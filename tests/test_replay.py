"""Replay: every procedure's demo case reproduces step for step, in a sandbox that writes nothing."""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graphs.casedb import case_row
from graphs.replay import ReplayReport, replay_in_service
from graphs.replay_model import RecordedModel
from guichet import audit
from guichet.cli_audit import app as audit_cli
from tests import citizens as pop
from tests.support import Running, make_settings, running_service
from tests.test_procedures import _run

Pick = Callable[[], dict[str, Any]]


def _first_not_born_abroad() -> dict[str, Any]:
    return pop.pick(lambda c: pop.alive_adult(c)
                    and not c["etat_civil"]["birth_commune"].startswith("99"))


def _non_eu() -> dict[str, Any]:
    eu = pop.params("inscription-listes-electorales")["eu_countries"]
    return pop.pick(lambda c: pop.alive_adult(c) and c["etat_civil"]["nationality"] not in eu)


def _css() -> dict[str, Any]:
    p = pop.params("css")
    return pop.pick(lambda c: pop.alive_adult(c) and c.get("cpam") and c.get("dgfip")
                    and c.get("caf") is None and pop.latest_rfr(c) < p["free_limit_one"])


# One demo case per procedure of the catalogue (the scenarios of test_procedures.py), with
# the citizen's answers and the officer's decision where the procedure needs them.
DEMOS: dict[str, tuple[Pick, str, tuple[str, ...], str | None, str | None]] = {
    "acte-naissance": (_first_not_born_abroad, "Il me faudrait une copie intégrale de mon acte "
                       "de naissance", (), None, None),
    "changement-adresse": (lambda: pop.pick(lambda c: pop.alive_adult(c) and c.get("caf") is None,
                                            skip=1),
                           "bonjour je viens de déménager, il faut changer mon adresse partout",
                           ("C'est 18 avenue Foch, 44000 Nantes",), None, None),
    "inscription-listes-electorales": (_non_eu, "je veux m'inscrire pour voter", (), "approve",
                                       None),
    "carte-identite": (lambda: pop.pick(lambda c: pop.alive_adult(c) and c.get("ants") is not None),
                       "Ma carte d'identité est périmée, je dois la renouveler", (), None, None),
    "prime-activite": (lambda: pop.pick(pop.prime_eligible, skip=1), "demande de prime d'activité",
                       (), "reject", "Revenus non justifiés."),
    "css": (_css, "Je voudrais la complémentaire santé solidaire", (), "approve", None),
    "rsa": (lambda: pop.pick(pop.rsa_eligible), "Je n'ai plus aucun revenu, je voudrais le RSA",
            (), "approve", None),
    "reclamation-fiscale": (lambda: pop.pick(lambda c: pop.alive_adult(c) and c.get("dgfip")
                                             and c["dgfip"]["tax_due"].get("2025", 0) > 200),
                            "Je conteste le montant de mon impôt 2025, je pense devoir 150 euros",
                            (), "approve", None),
    "attestation-droits-sante": (lambda: pop.pick(lambda c: pop.alive_adult(c) and c.get("cpam")),
                                 "Pouvez-vous m'envoyer mon attestation de droits maladie ?",
                                 (), None, None),
    "logement-social": (lambda: pop.pick(pop.alive_adult, skip=3),
                        "Je voudrais faire une demande de logement social pour ma famille",
                        (), None, None),
    "restauration-scolaire": (lambda: pop.pick(lambda c: pop.alive_adult(c) and c.get("caf")
                                               and len(c["caf"]["children"]) == 1),
                              "Je voudrais inscrire mon enfant à la cantine", (), None, None),
    "signalement-voirie": (lambda: pop.pick(pop.alive_adult, skip=5),
                           "Le lampadaire devant le 8 rue Victor Hugo ne marche plus", (), None,
                           None),
    "carte-grise-adresse": (lambda: pop.pick(lambda c: pop.alive_adult(c) and c.get("ants")
                                             and len(c["ants"]["vehicles"] or []) == 1),
                            "Je dois changer l'adresse sur ma carte grise : j'habite 3 place "
                            "Bellecour, 69002 Lyon", (), None, None),
    "renseignement": (lambda: pop.pick(pop.alive_adult, skip=7),
                      "Quels documents faut-il fournir pour une carte d'identité ?", (), None,
                      None),
    "reclamation-service": (lambda: pop.pick(pop.alive_adult, skip=9),
                            "Je veux me plaindre : personne ne répond jamais au téléphone, c'est "
                            "inadmissible", (), None, None),
}


async def run_demo(service: Running, procedure: str) -> str:
    pick, text, answers, approve, comment = DEMOS[procedure]
    case_id, _ = await _run(service, pick()["id"], text, answers, approve, comment)
    return case_id


async def _replay(service: Running, case_id: str, **kw: Any) -> ReplayReport:
    row = await case_row(service.services.pool, case_id)
    assert row is not None
    return await replay_in_service(service.services, row, **kw)


def test_every_procedure_has_a_demo() -> None:
    from guichet.catalogue import default_catalogue

    assert set(DEMOS) == set(default_catalogue().procedure_ids)


@pytest.mark.parametrize("procedure", sorted(DEMOS))
async def test_demo_case_replays_step_for_step(service: Running, procedure: str) -> None:
    case_id = await run_demo(service, procedure)
    row = await case_row(service.services.pool, case_id)
    assert row is not None and procedure in row["procedures"]
    report = await _replay(service, case_id)
    assert report.reproduced, report.first_divergence
    assert report.finished and report.stopped is None and report.missing == []
    assert all(s.same and s.node == s.original_node for s in report.steps)
    # Every recorded model call, tool call and officer-run effect was met by the replay.
    async with service.services.pool.connection() as conn:
        events = await audit.case_events(conn, case_id)
    kinds = [e.kind for s in report.steps for e in s.events]
    assert kinds.count("model.call") == sum(e["kind"] == "model.call" for e in events)
    assert kinds.count("tool.call") == sum(e["kind"] == "tool.call" for e in events)
    assert all(d.same for d in report.decisions)


_COUNTS = {
    "checkpoints": "select count(*) as n from checkpoints where thread_id = %(c)s",
    "checkpoint_writes": "select count(*) as n from checkpoint_writes where thread_id = %(c)s",
    "checkpoint_blobs": "select count(*) as n from checkpoint_blobs where thread_id = %(c)s",
    "all_checkpoints": "select count(*) as n from checkpoints",
    "notifications": "select count(*) as n from notifications",
    "effects": "select count(*) as n from effects",
    "approvals": "select count(*) as n from approvals",
    "audit_events": "select count(*) as n from audit_events",
    "case_messages": "select count(*) as n from case_messages",
    "case_placeholders": "select count(*) as n from case_placeholders",
    "jobs": "select count(*) as n from procrastinate_jobs",
    "records": "select md5(string_agg(data::text, ',' order by citizen_id, source)) as n"
               " from records",
    "case": "select md5(row(c.*)::text) as n from cases c where id = %(c)s::uuid",
}


async def _counts(service: Running, case_id: str) -> dict[str, Any]:
    out = {}
    async with service.services.pool.connection() as conn:
        for name, sql in _COUNTS.items():
            cur = await conn.execute(sql, {"c": case_id})
            row = await cur.fetchone()
            assert row is not None
            out[name] = row["n"]
    return out


@pytest.mark.parametrize("procedure", ["prime-activite", "changement-adresse",
                                       "reclamation-service"])
async def test_replay_writes_nothing(service: Running, procedure: str) -> None:
    case_id = await run_demo(service, procedure)
    before = await _counts(service, case_id)
    assert before["notifications"] > 0 and before["checkpoints"] > 0
    report = await _replay(service, case_id)
    live = await _replay(service, case_id, model=service.services.model)
    assert report.reproduced and live.reproduced, (report.first_divergence, live.first_divergence)
    assert live.mode == "current"
    # Notifications, effects, approvals, audit, checkpoints, records: not one row more or changed.
    assert await _counts(service, case_id) == before
    assert report.replay_thread != case_id and report.replay_thread.startswith(f"replay:{case_id}")


async def test_changed_model_output_diverges_at_that_step(service: Running) -> None:
    case_id = await run_demo(service, "rsa")
    async with service.services.pool.connection() as conn:
        events = await audit.case_events(conn, case_id)
    calls = [e["data"] for e in events if e["kind"] == "model.call"]
    k = next(i for i, d in enumerate(calls)
             if any(c["name"] == "grant_benefit" for c in d["output"].get("tool_calls") or []))
    changed = copy.deepcopy(calls)
    grant = next(c for c in changed[k]["output"]["tool_calls"] if c["name"] == "grant_benefit")
    grant["args"]["monthly_amount"] = round(grant["args"]["monthly_amount"] + 100, 2)
    report = await _replay(service, case_id, model=RecordedModel(outputs=changed))

    assert not report.reproduced
    div = report.first_divergence
    assert div is not None and div.node == "act"
    # The divergent step is the k-th model call: every step before it reproduced.
    agent_calls = [s.index for s in report.steps
                   if any(e.kind == "model.call" for e in s.events)]
    assert div.step == agent_calls[k]
    assert all(s.same for s in report.steps[:div.step])
    assert not report.steps[div.step].same
    assert div.replay["output"]["tool_calls"][0]["args"]["monthly_amount"] == grant["args"][
        "monthly_amount"]
    # The decision an officer would now be asked differs from the one they made.
    assert [d.same for d in report.decisions] == [False]


async def test_unfinished_case_is_refused(service: Running) -> None:
    from guichet.errors import Conflict

    c = pop.pick(pop.prime_eligible)
    case_id, state = await _run(service, c["id"], "demande de prime d'activité")
    assert state["holder"] == "officer"  # waiting for a decision
    with pytest.raises(Conflict):
        await _replay(service, case_id)


def test_replay_command(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def cases() -> list[str]:
        async with running_service(make_settings(tmp_path), db_url) as svc:
            done = [await run_demo(svc, "acte-naissance"), await run_demo(svc, "rsa")]
            waiting, _ = await _run(svc, pop.pick(pop.prime_eligible)["id"], "prime d'activité")
            return [*done, waiting]

    birth, rsa, waiting = asyncio.run(cases())
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("GUICHET_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()
    one = runner.invoke(audit_cli, ["replay", birth])
    assert one.exit_code == 0, one.output
    assert birth in one.output and "reproduit" in one.output and "1 dossiers" in one.output
    today = dt.datetime.now(dt.UTC).date()
    span = ["--since", today.isoformat(), "--until", (today + dt.timedelta(days=1)).isoformat()]
    every = runner.invoke(audit_cli, ["replay", *span, "--model", "current"])
    assert every.exit_code == 0, every.output
    assert every.output.count("reproduit") == 2 and rsa in every.output
    assert waiting in every.output and "ignoré" in every.output
    assert "0 divergent" in every.output
    assert runner.invoke(audit_cli, ["replay", birth, "--model", "other"]).exit_code == 2
    assert runner.invoke(audit_cli, ["replay"]).exit_code == 2


async def test_replay_over_http(service: Running) -> None:
    case_id = await run_demo(service, "reclamation-fiscale")  # authority dgfip
    url = f"/v1/cases/{case_id}/replay"
    auditor = service.auth("auditor", "inspection", "dgfip")
    r = await service.client.post(url, headers=auditor)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["reproduced"] is True and body["mode"] == "recorded"
    assert [d["same"] for d in body["decisions"]] == [True]
    assert body["decisions"][0]["original"]["effect"] == "adjust_tax"
    r = await service.client.post(url, params={"model": "current"}, headers=auditor)
    assert r.status_code == 200 and r.json()["reproduced"] is True and r.json()["mode"] == "current"
    r = await service.client.post(url, params={"model": "gpt"}, headers=auditor)
    assert r.status_code == 422 and r.json()["field"].endswith("model")
    assert (await service.client.post(url, headers=service.auth("auditor", "x", "caf"))
            ).status_code == 404
    assert (await service.client.post(url, headers=service.auth("officer", "o", "dgfip"))
            ).status_code == 403
    waiting, _ = await _run(service, pop.pick(pop.prime_eligible)["id"], "prime d'activité")
    r = await service.client.post(f"/v1/cases/{waiting}/replay", headers=auditor | service.auth(
        "auditor", "inspection"))
    assert r.status_code == 409 and "finished" in r.json()["detail"]


async def test_out_of_scope_demand_replays(service: Running) -> None:
    c = pop.pick(pop.alive_adult, skip=11)
    case_id, state = await _run(service, c["id"], "Quel temps fera-t-il demain à Marseille ?")
    assert state["holder"] == "officer"
    report = await _replay(service, case_id)
    assert report.reproduced, report.first_divergence
    # One step: triage, acknowledgement, then the handoff's notice and status.
    assert [s.node for s in report.steps][-1] == "intake"
    assert [e.kind for e in report.steps[-1].events][-2:] == ["notification", "status"]


async def test_replay_stops_where_the_record_has_no_answer(service: Running) -> None:
    case_id = await run_demo(service, "acte-naissance")
    async with service.services.pool.connection() as conn:
        calls = [e["data"] for e in await audit.case_events(conn, case_id)
                 if e["kind"] == "model.call"]
    k = next(i for i, d in enumerate(calls)
             if any(c["name"] == "lookup_records" for c in d["output"].get("tool_calls") or []))
    asks_more = copy.deepcopy(calls)
    asks_more[k]["output"]["tool_calls"][0]["args"] = {"source": "dgfip"}
    report = await _replay(service, case_id, model=RecordedModel(outputs=asks_more))
    assert not report.finished and report.stopped is not None
    assert "no recorded result for lookup_records" in report.stopped
    assert report.first_divergence is not None and report.first_divergence.node == "act"
    assert report.steps[-1].node == "act"  # the model's turn and its tool calls: one step

    fewer = await _replay(service, case_id, model=RecordedModel(outputs=calls[:k]))
    assert fewer.stopped is not None and f"only {k} model calls" in fewer.stopped
    assert all(s.same for s in fewer.steps[:-1])

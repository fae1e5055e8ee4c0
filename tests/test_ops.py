"""What an operator watches: health, readiness, metrics, and JSON log lines about each case."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from typing import Any

from prometheus_client.parser import text_string_to_metric_families

from guichet import logs
from tests import citizens as pop
from tests.support import Running, running_service

ROAD = "Il y a un nid de poule devant le 8 rue Victor Hugo, 69002 Lyon"


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def _value(samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str,
           **labels: str) -> float:
    return sum(v for (n, ls), v in samples.items()
               if n == name and all(dict(ls).get(k) == val for k, val in labels.items()))


async def _scrape(running: Running) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    r = await running.client.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    return _samples(r.text)


async def test_health_and_readiness(settings: Any, db_url: str) -> None:
    async with running_service(settings, db_url, workers=0) as running:
        assert (await running.client.get("/healthz")).json() == {"status": "ok"}
        r = await running.client.get("/readyz")
        assert r.status_code == 503  # nothing would run the cases
        assert r.json()["checks"]["workers"] == "no worker heartbeat seen recently"
        assert r.json()["checks"]["database"] == "ok"
    async with running_service(settings, db_url, workers=1) as running:
        for _ in range(50):
            r = await running.client.get("/readyz")
            if r.status_code == 200:
                break
            await asyncio.sleep(0.1)
        assert r.status_code == 200, r.text
        assert r.json()["checks"] == {"database": "ok", "migrations": "ok", "workers": "ok",
                                      "live_workers": 1}


async def test_metrics_move_when_a_case_runs(settings: Any, db_url: str) -> None:
    c = pop.pick(pop.alive_adult, skip=28)
    async with running_service(settings, db_url) as running:
        before = await _scrape(running)
        r = await running.client.post("/v1/cases", json={"text": ROAD},
                                      headers=running.auth("citizen", c["id"]))
        case_id = r.json()["id"]
        assert (await running.settle(case_id))["status"] == "accepte"
        after = await _scrape(running)

    def moved(name: str, **labels: str) -> float:
        return _value(after, name, **labels) - _value(before, name, **labels)

    assert moved("guichet_case_runs_total", outcome="moved") >= 1
    assert moved("guichet_model_calls_total", node="triage", outcome="ok") >= 1
    assert moved("guichet_model_call_seconds_count", node="agent") >= 1
    assert moved("guichet_effects_total", effect="create_ticket") == 1
    assert moved("guichet_notices_total", event="queued") >= 2  # acknowledgement, decision
    assert moved("guichet_cases", status="accepte", holder="agent") == 1
    assert _value(after, "guichet_queue_jobs", status="todo") == 0
    assert _value(after, "guichet_workers_alive") == 1


async def test_log_lines_of_a_case_carry_its_id_and_no_identifier(
    settings: Any, db_url: str
) -> None:
    c = pop.pick(pop.alive_adult, skip=27)
    civil, contact = c["etat_civil"], c["contact"]
    text = (f"Bonjour, je suis {civil['given_names'][0]} {civil['family_name']}, joignable au "
            f"{contact['phone']}. {ROAD}")
    sink = io.StringIO()
    handler = logging.StreamHandler(sink)
    handler.setFormatter(logs.JsonFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        async with running_service(settings, db_url) as running:
            r = await running.client.post("/v1/cases", json={"text": text},
                                          headers=running.auth("citizen", c["id"]))
            case_id = r.json()["id"]
            await running.settle(case_id)
            await running.client.get(f"/v1/cases/{case_id}",
                                     headers=running.auth("citizen", c["id"]))
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    # The test's own HTTP client logs too; only the service's lines are judged.
    lines = [ln for ln in map(json.loads, sink.getvalue().splitlines())
             if ln["logger"] != "httpx"]
    about = [ln for ln in lines if ln.get("job_id") or ln.get("node")
             or case_id in ln["msg"]]
    assert len(about) >= 3, lines
    for ln in about:
        assert ln.get("case_id") == case_id, ln
    assert any(ln.get("node") for ln in about) or any(ln.get("job_id") for ln in about)
    assert any(ln["logger"] == "guichet.access" and ln.get("case_id") == case_id
               for ln in lines)
    raw = "\n".join(json.dumps(ln, ensure_ascii=False) for ln in lines)
    for secret in (civil["family_name"], contact["phone"], contact["phone"][3:], c["id"],
                   "nid de poule"):
        assert secret not in raw, secret

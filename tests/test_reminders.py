"""A case waiting for its citizen, with the clock moved: one reminder that repeats the
question, then closed without decision after the procedure's delay; an answer ends the wait."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests import citizens as pop
from tests.support import Clock, Running, make_settings, running_service

MOVE = "Je viens de déménager, je voudrais déclarer mon changement d'adresse"


async def _sql(svc: Running, sql: str, *args: Any) -> list[dict[str, Any]]:
    async with svc.services.pool.connection() as conn:
        cur = await conn.execute(sql, args)
        return [dict(r) for r in await cur.fetchall()]


async def _asked(svc: Running, citizen: str) -> str:
    r = await svc.client.post("/v1/cases", json={"text": MOVE},
                              headers=svc.auth("citizen", citizen))
    assert r.status_code == 202, r.text
    case_id = str(r.json()["id"])
    assert (await svc.settle(case_id))["holder"] == "citizen"
    return case_id


async def test_a_reminder_then_a_lapse_and_an_answer_ends_the_wait(tmp_path: Path,
                                                                    db_url: str) -> None:
    clock = Clock()
    silent, answering = (pop.pick(pop.alive_adult, skip=n)["id"] for n in (11, 12))
    settings = make_settings(tmp_path, clocks_every_s=3600, citizen_reminder_days=7)
    async with running_service(settings, db_url, now=clock) as svc:
        quiet = await _asked(svc, silent)
        busy = await _asked(svc, answering)
        [row] = await _sql(svc, "select waiting_since from cases where id = %s", quiet)
        assert row["waiting_since"] == clock.at, "the wait is counted by the service's clock"
        delay = svc.services.catalogue.procedure("changement-adresse").delay_days

        clock.move(days=6)
        assert (await svc.services.apply_clocks()).waiting.reminded == []
        clock.move(days=2)
        first = (await svc.services.apply_clocks()).waiting
        assert sorted(first.reminded) == sorted([quiet, busy]) and first.lapsed == []
        assert (await svc.services.apply_clocks()).waiting.reminded == [], "one reminder"
        [question] = await _sql(svc, "select body from notifications where case_id = %s and"
                                     " kind = 'question'", quiet)
        [reminder] = await _sql(svc, "select body from notifications where case_id = %s and"
                                     " kind = 'reminder'", quiet)
        assert question["body"] in reminder["body"]

        # One citizen answers: the wait ends, nothing lapses for them.
        r = await svc.client.post(f"/v1/cases/{busy}/messages", headers=svc.auth(
            "citizen", answering), json={"text": "12 rue des Lilas, 69003 Lyon"})
        assert r.status_code == 202, r.text
        await svc.settle(busy)

        clock.move(days=delay)
        later = (await svc.services.apply_clocks()).waiting
        assert later.lapsed == [quiet] and later.reminded == []
        assert (await svc.services.apply_clocks()).waiting.lapsed == []
        [case] = await _sql(svc, "select status, settled_at, waiting_since from cases"
                                 " where id = %s", quiet)
        assert case["status"] == "sans_suite" and case["settled_at"] is not None
        assert case["waiting_since"] is None
        [notice] = await _sql(svc, "select subject, body from notifications where"
                                   " case_id = %s and kind = 'lapse'", quiet)
        assert "sans suite" in notice["subject"] and "nouvelle demande" in notice["body"]
        kinds = [e["kind"] for e in await _sql(svc, "select kind from audit_events where"
                                                    " case_id = %s and actor = 'clock' order by id",
                                                    quiet)]
        assert kinds == ["case.reminded", "notification", "case.lapsed", "status",
                         "notification"]
        r = await svc.client.post(f"/v1/cases/{quiet}/messages", headers=svc.auth(
            "citizen", silent), json={"text": "Pardon, voici mon adresse"})
        assert r.status_code == 409, "a lapsed case takes no more answers: a new demand does"
        [other] = await _sql(svc, "select status, settled_at from cases where id = %s", busy)
        assert other["status"] != "sans_suite"

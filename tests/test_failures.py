"""A failing model never loses a case: retried, then handed to a human, and still resumable."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage, BaseMessage

from tests import citizens as pop
from tests.scripted import ScriptedModel
from tests.support import running_service


class Outage:
    def __init__(self) -> None:
        self.down = True
        self.calls = 0

    def __call__(self, messages: list[BaseMessage], tools: set[str]) -> AIMessage | None:
        if "select_procedures" not in tools and self.down:
            self.calls += 1
            raise ConnectionError("model endpoint unreachable")
        return None  # the offline model's answer


async def test_model_outage_hands_the_case_to_a_human_then_resumes(
    settings: Any, db_url: str
) -> None:
    c = pop.pick(pop.alive_adult, skip=20)
    outage = Outage()
    settings = settings.model_copy(update={"job_attempts": 3})
    async with running_service(settings, db_url, model=ScriptedModel(script=outage)) as running:
        r = await running.client.post("/v1/cases", json={"text": "un nid de poule rue Foch"},
                                      headers=running.auth("citizen", c["id"]))
        case_id = r.json()["id"]
        state = await running.settle(case_id)
        assert state["holder"] == "officer"
        async with running.services.pool.connection() as conn:
            cur = await conn.execute("select holder_reason from cases where id = %s", (case_id,))
            reason = (await cur.fetchone() or {})["holder_reason"]
        assert "incident technique" in reason
        assert "Error" not in reason  # plain French, no exception names
        assert outage.calls == 3  # every attempt reached the model, none was dropped
        async with running.services.pool.connection() as conn:
            cur = await conn.execute(
                "select data from audit_events where case_id = %s and kind = 'model.failed'",
                (case_id,))
            failed = [r["data"] for r in await cur.fetchall()]
            cur = await conn.execute(
                "select subject, body from notifications where case_id = %s"
                " and kind = 'incident'", (case_id,))
            told = await cur.fetchall()
        assert [f["error"] for f in failed] == ["ConnectionError"] * 3
        assert len(told) == 1 and "un agent" in told[0]["body"]
        assert "Error" not in told[0]["body"]

        outage.down = False
        await running.services.enqueue(case_id)
        state = await running.settle(case_id)
        assert state["status"] == "accepte"

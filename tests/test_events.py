"""A case's live events over Server-Sent Events, served by two real API processes.

The case is a prime d'activité: the agent asks a CAF officer, the officer decides while the
citizen follows on one API process, the citizen drops the connection and comes back on the
other with `Last-Event-ID`; what they saw plus what they got back is the case's whole
stream, in order, none lost and none twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx

from evals.bench.processes import Proc, _spawn, _wait_for, free_port, service_env
from guichet import case_events
from tests import citizens as pop
from tests.support import SECRET, Running, make_settings, running_service, token

PRIME = "Je travaille à temps partiel, je voudrais la prime d'activité"
SETTLED = {"accepte", "refuse", "sans_suite"}


@contextlib.asynccontextmanager
async def api_process(db_url: str, workdir: Path, name: str) -> AsyncIterator[str]:
    """`guichet serve` with no worker, on the test's database; its base URL."""
    workdir.mkdir(parents=True, exist_ok=True)
    env = service_env(url=db_url, data_dir=workdir / "data", secret=SECRET, concurrency=1)
    env.update({"GUICHET_EVENTS_POLL_S": "0.1", "GUICHET_EVENTS_HEARTBEAT_S": "0.5"})
    port = free_port()
    proc: Proc = _spawn(name, ["serve", "--workers", "0", "--host", "127.0.0.1", "--port",
                               str(port)], env, workdir)
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base, timeout=2.0) as client:
            async def healthy() -> bool:
                with contextlib.suppress(httpx.HTTPError):
                    return (await client.get("/healthz")).status_code == 200
                return False

            await _wait_for(proc, healthy, "health check")
        yield base
    finally:
        proc.stop()


class Stream:
    """One SSE connection: events as dicts (id, event, data), comments counted."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.lines = response.aiter_lines()
        self.comments = 0

    async def next(self, timeout: float = 30.0) -> dict[str, Any]:
        event: dict[str, Any] = {}
        async with asyncio.timeout(timeout):
            async for line in self.lines:
                if line.startswith(":"):
                    self.comments += 1
                elif line.startswith("id: "):
                    event["id"] = int(line[4:])
                elif line.startswith("event: "):
                    event["event"] = line[7:]
                elif line.startswith("data: "):
                    event["data"] = json.loads(line[6:])
                elif line == "" and "id" in event:
                    return event
        raise AssertionError("the stream ended")

    async def quiet(self, seconds: float) -> int:
        """Read for `seconds`, expecting comments only; how many came."""
        before = self.comments
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                async for line in self.lines:
                    assert line.startswith(":") or line == "", f"an event on a quiet case: {line}"
                    self.comments += line.startswith(":")
        return self.comments - before

    async def until(self, done: Any, timeout: float = 60.0) -> list[dict[str, Any]]:
        got: list[dict[str, Any]] = []
        async with asyncio.timeout(timeout):
            while not got or not done(got[-1]):
                got.append(await self.next(timeout))
        return got


@contextlib.asynccontextmanager
async def follow(base: str, case_id: str, headers: dict[str, str]) -> AsyncIterator[Stream]:
    async with httpx.AsyncClient(base_url=base, timeout=httpx.Timeout(5.0, read=60.0)) as c, \
            c.stream("GET", f"/v1/cases/{case_id}/events", headers=headers) as r:
        assert r.status_code == 200, (await r.aread()).decode()
        assert r.headers["content-type"].startswith("text/event-stream")
        yield Stream(r)


def _asks_officer(e: dict[str, Any]) -> bool:
    return e["event"] == "status" and e["data"]["holder"] == "officer"


def _settled(e: dict[str, Any]) -> bool:
    return e["event"] == "status" and e["data"]["status"] in SETTLED


async def test_events_in_order_resumed_on_another_api_process(tmp_path: Path,
                                                              db_url: str) -> None:
    citizen = pop.pick(pop.prime_eligible, skip=3)["id"]
    me = {"Authorization": f"Bearer {token('citizen', citizen)}"}
    async with running_service(make_settings(tmp_path / "svc"), db_url) as svc, \
            api_process(db_url, tmp_path / "one", "api-one") as one, \
            api_process(db_url, tmp_path / "two", "api-two") as two:
        r = await svc.client.post("/v1/cases", json={"text": PRIME}, headers=me)
        assert r.status_code == 202, r.text
        case_id = r.json()["id"]

        async with follow(one, case_id, me) as first:
            seen = await first.until(_asks_officer)
            [approval] = await _approvals(svc, case_id)
            # Decided through the in-process API while the citizen follows on process one.
            d = await svc.client.post(f"/v1/approvals/{approval}/decision",
                                      json={"decision": "approve"},
                                      headers=svc.auth("officer", "agent-caf", "caf"))
            assert d.status_code == 200, d.text
            seen += await first.until(lambda e: e["event"] == "decision")
        # Disconnected: the worker applies the decision and writes to the citizen meanwhile.
        await svc.settle(case_id)
        resume = {**me, "Last-Event-ID": str(seen[-1]["id"])}
        async with follow(two, case_id, resume) as second:
            rest = await second.until(_settled)
            # Quiet now: the heartbeat (0.5 s here) keeps the connection alive.
            heartbeats = await second.quiet(1.6)
        async with follow(two, case_id, {**me, "Last-Event-ID": "0"}) as whole:
            everything = await whole.until(lambda e: e["id"] == rest[-1]["id"])

    ids = [e["id"] for e in seen + rest]
    assert ids == sorted(set(ids)), "ids increase, none twice"
    assert seen + rest == everything, "what was seen plus the resumption is the whole stream"
    kinds = [e["event"] for e in everything]
    assert kinds[0] == "received"
    assert kinds.index("decision") < kinds.index("status", kinds.index("decision"))
    notices = [e["data"] for e in everything if e["event"] == "notice"]
    assert notices and all(n["body"] for n in notices), "the citizen reads their letters"
    assert any(n["kind"] == "decision" for n in notices) or any(
        n["kind"] == "ack" for n in notices)
    assert not any(e["event"] in ("model.call", "tool.call") for e in everything)
    assert heartbeats >= 2


async def _approvals(svc: Running, case_id: str) -> list[str]:
    async with svc.services.pool.connection() as conn:
        cur = await conn.execute("select id::text from approvals where case_id = %s", (case_id,))
        return [r["id"] for r in await cur.fetchall()]


async def test_a_message_appears_on_the_stream_of_its_case_only(service: Running) -> None:
    """The citizen's answer is an event of its case with its text (for the citizen, not for
    auditors); refusals come before any byte of a stream: another citizen (404, as for any
    case not theirs), an officer of another authority (403), no token, a bad Last-Event-ID."""
    citizen = pop.pick(pop.prime_eligible, skip=4)["id"]
    other = pop.pick(pop.alive_adult, skip=9)["id"]
    me = service.auth("citizen", citizen)
    r = await service.client.post("/v1/cases", json={"text": PRIME}, headers=me)
    case_id = r.json()["id"]
    await service.settle(case_id)
    refused = [
        (service.auth("citizen", other), 404),
        (service.auth("officer", "agent-mairie", "mairie"), 403),
        ({}, 401),
        ({**me, "Last-Event-ID": "abc"}, 422),
    ]
    for headers, status in refused:
        r = await service.client.get(f"/v1/cases/{case_id}/events", headers=headers)
        assert r.status_code == status, (headers.keys(), r.status_code, r.text)
    assert (await service.client.post(f"/v1/cases/{case_id}/messages",
                                      json={"text": "Voici mon RIB"}, headers=me)
            ).status_code == 202
    async with service.services.pool.connection() as conn:
        cur = await conn.execute(
            "select id, data from audit_events where case_id = %s and kind ="
            " 'message.received'", (case_id,))
        [row] = await cur.fetchall()
    # The audit event says a message came, not what it says.
    assert row["data"]["channel"] == "api" and "RIB" not in json.dumps(row["data"])
    pool = service.services.pool
    [mine] = [e for e in await case_events.after(pool, case_id, 0, viewer="citizen")
              if e.event == "message"]
    assert mine.id == row["id"] and mine.data["body"] == "Voici mon RIB"
    assert mine.data["author"] == "citizen"
    # Auditors follow the redacted trace: the stream gives them no letter or message text.
    for e in await case_events.after(pool, case_id, 0, viewer="auditor"):
        assert "body" not in e.data, e
    # Resuming after the message's id gives only what came later.
    later = await case_events.after(pool, case_id, row["id"], viewer="citizen")
    assert all(e.id > row["id"] for e in later)

"""No case stuck or lost: each defect found by fault injection, reproduced and mended."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from guichet import queue, recovery
from tests import citizens as pop
from tests.support import Running, running_service

PRIME = "Je travaille à temps partiel, je voudrais la prime d'activité"
ROAD = "Il y a un nid de poule devant le 8 rue Victor Hugo, 69002 Lyon"


async def _one(running: Running, sql: str, *args: Any) -> dict[str, Any] | None:
    async with running.services.pool.connection() as conn:
        cur = await conn.execute(sql, args)
        row = await cur.fetchone()
    return dict(row) if row else None


async def _jobs(running: Running, case_id: str) -> list[str]:
    async with running.services.pool.connection() as conn:
        cur = await conn.execute(
            "select status::text as status from procrastinate_jobs where queueing_lock = %s"
            " order by id", (case_id,))
        return [r["status"] for r in await cur.fetchall()]


async def _submit(running: Running, citizen: str, text: str) -> str:
    r = await running.client.post("/v1/cases", json={"text": text},
                                  headers=running.auth("citizen", citizen))
    assert r.status_code == 202, r.text
    return str(r.json()["id"])


async def test_a_dead_job_does_not_wedge_its_case_when_a_newer_job_waits(
    settings: Any, db_url: str
) -> None:
    """The queueing-lock wedge: a run lost with its worker, and the decision's job waiting."""
    c = pop.pick(pop.prime_eligible, skip=4)
    async with running_service(settings, db_url, workers=0) as running:
        case_id = await _submit(running, c["id"], PRIME)
        await running.services.advance(case_id)  # up to the officer's request
        # A worker died holding a job of the case: 'doing', its case lock gone with it.
        async with running.services.pool.connection() as conn:
            await conn.execute("delete from procrastinate_jobs where queueing_lock = %s",
                               (case_id,))
            await queue.defer(conn, case_id)
            await conn.execute("update procrastinate_jobs set status = 'doing' where"
                               " queueing_lock = %s and status = 'todo'", (case_id,))
        request = await _one(running, "select id::text as id from approvals where case_id = %s",
                             case_id)
        assert request is not None
        r = await running.client.post(
            f"/v1/approvals/{request['id']}/decision", json={"decision": "approve"},
            headers=running.auth("officer", "agent-martin", "caf"))
        assert r.status_code == 200, r.text
        assert await _jobs(running, case_id) == ["doing", "todo"]
        worker = asyncio.create_task(running.services.run_worker(
            name="rescuer", concurrency=1, install_signal_handlers=False))
        try:
            state = await running.settle(case_id, timeout=60)
        finally:
            await queue.stop_worker(worker)
        assert state["status"] == "accepte"
        granted = await _one(running, "select count(*) as n from effects where case_id = %s"
                                      " and effect = 'grant_benefit'", case_id)
        assert granted == {"n": 1}
        assert await _jobs(running, case_id) == []  # the dead job was merged, not retried


async def test_take_back_requeues_a_lost_job_without_spending_an_attempt(
    settings: Any, db_url: str
) -> None:
    c = pop.pick(pop.alive_adult, skip=21)
    async with running_service(settings, db_url, workers=0) as running:
        case_id = await _submit(running, c["id"], ROAD)
        async with running.services.pool.connection() as conn:
            await conn.execute("update procrastinate_jobs set status = 'doing', attempts = 0"
                               " where queueing_lock = %s", (case_id,))
        # Within the grace period a job may be a run that has not taken its lock yet.
        early = await recovery.take_back(running.services.pool, grace_s=60)
        assert (early.requeued, early.merged) == (0, 0)
        # Held by a live run: never taken back, however old.
        async with recovery.case_lock(running.services.pool, case_id) as held:
            assert held
            busy = await recovery.take_back(running.services.pool, grace_s=0)
            assert (busy.requeued, busy.merged) == (0, 0)
        done = await recovery.take_back(running.services.pool, grace_s=0)
        assert (done.requeued, done.merged) == (1, 0)
        job = await _one(running, "select status::text as status, attempts from"
                                  " procrastinate_jobs where queueing_lock = %s", case_id)
        assert job == {"status": "todo", "attempts": 0}


async def test_a_kill_right_after_the_first_checkpoint_is_resumed(
    settings: Any, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = pop.pick(pop.alive_adult, skip=22)

    class Killed(BaseException):
        """What a SIGKILL looks like from inside: nothing after it runs."""

    async with running_service(settings, db_url, workers=0) as running:
        services = running.services
        case_id = await _submit(running, c["id"], ROAD)
        real_put = services.saver.aput

        async def put_then_die(*args: Any, **kwargs: Any) -> Any:
            out = await real_put(*args, **kwargs)
            raise Killed
            return out

        monkeypatch.setattr(services.saver, "aput", put_then_die)
        with pytest.raises(Killed):
            await services.advance(case_id)
        monkeypatch.setattr(services.saver, "aput", real_put)
        snapshot = await services.graph.aget_state({"configurable": {"thread_id": case_id}})
        assert snapshot.values and not snapshot.next  # the state the runner used to give up on

        await services.advance(case_id)
        row = await _one(running, "select status from cases where id = %s", case_id)
        assert row == {"status": "accepte"}
        notes = await _one(running, "select count(*) filter (where kind = 'ack') as ack"
                                    " from notifications where case_id = %s", case_id)
        assert notes == {"ack": 1}


@pytest.mark.parametrize("dies", ["in_the_node", "at_the_checkpoint"])
async def test_an_answer_read_by_a_run_killed_before_its_checkpoint_is_read_again(
    settings: Any, db_url: str, monkeypatch: pytest.MonkeyPatch, dies: str
) -> None:
    """The answer's row was marked consumed, the checkpoint never written: not lost."""
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("caf") is None, skip=3)

    class Killed(BaseException):
        pass

    async with running_service(settings, db_url, workers=0) as running:
        services = running.services
        case_id = await _submit(running, c["id"], "bonjour je viens de déménager, il faut "
                                                  "changer mon adresse partout")
        await services.advance(case_id)
        assert (await _one(running, "select holder from cases where id = %s", case_id)
                ) == {"holder": "citizen"}
        r = await running.client.post(f"/v1/cases/{case_id}/messages",
                                      json={"text": "C'est 18 avenue Foch, 44000 Nantes"},
                                      headers=running.auth("citizen", c["id"]))
        assert r.status_code == 202
        from graphs import gates

        async def die(*args: Any, **kwargs: Any) -> Any:
            raise Killed

        # Killed between marking the answer read and the node's end, or between the node's
        # end and its checkpoint.
        target: Any = gates if dies == "in_the_node" else services.saver
        name = "set_status" if dies == "in_the_node" else "aput"
        real = getattr(target, name)
        monkeypatch.setattr(target, name, die)
        with pytest.raises(Killed):
            await services.advance(case_id)
        monkeypatch.setattr(target, name, real)
        consumed = await _one(running, "select count(*) as n from case_messages where case_id"
                                       " = %s and consumed_at is not null", case_id)
        assert consumed == {"n": 2}  # the answer's row says read; the graph never took it in

        await services.advance(case_id)
        row = await _one(running, "select status from cases where id = %s", case_id)
        assert row == {"status": "accepte"}


async def test_a_run_that_finds_nothing_to_do_on_an_open_case_says_so(
    settings: Any, db_url: str
) -> None:
    c = pop.pick(pop.alive_adult, skip=23)
    async with running_service(settings, db_url) as running:
        case_id = await _submit(running, c["id"], ROAD)
        assert (await running.settle(case_id))["status"] == "accepte"
        # A bug reopens the case behind the graph's back: the thread has ended.
        async with running.services.pool.connection() as conn:
            await conn.execute("update cases set status = 'en_instruction', holder = 'agent',"
                               " settled_at = null where id = %s", (case_id,))
        await running.services.advance(case_id)
        row = await _one(running, "select holder, holder_reason from cases where id = %s",
                         case_id)
        assert row is not None and row["holder"] == "officer"
        assert "incident technique" in row["holder_reason"]
        told = await _one(running, "select body from notifications where case_id = %s and"
                                   " kind = 'incident'", case_id)
        assert told is not None and "agent" in told["body"]


async def test_the_sweeper_runs_a_case_left_without_a_job_then_hands_it_over(
    settings: Any, db_url: str
) -> None:
    c = pop.pick(pop.alive_adult, skip=24)
    quick = settings.model_copy(update={"sweep_after_s": 0.5, "max_sweeps": 2})
    async with running_service(quick, db_url, workers=0) as running:
        services = running.services
        case_id = await _submit(running, c["id"], ROAD)
        async with services.pool.connection() as conn:  # the job is lost, whatever the cause
            await conn.execute("delete from procrastinate_jobs where queueing_lock = %s",
                               (case_id,))
            await conn.execute("update cases set updated_at = now() - interval '1 hour'"
                               " where id = %s", (case_id,))
        await services.maintain()
        assert await _jobs(running, case_id) == ["todo"]
        await services.advance(case_id)
        assert (await _one(running, "select status from cases where id = %s", case_id)
                ) == {"status": "accepte"}

        # A case nobody can move: swept max_sweeps times, then an officer holds it.
        other = await _submit(running, pop.pick(pop.alive_adult, skip=25)["id"], ROAD)
        for _ in range(quick.max_sweeps + 1):
            async with services.pool.connection() as conn:
                await conn.execute("delete from procrastinate_jobs where queueing_lock = %s",
                                   (other,))
                # Idle since long before its last sweep: it did not move.
                await conn.execute("update cases set updated_at = now() - interval '2 hours',"
                                   " swept_at = swept_at - interval '1 hour' where id = %s",
                                   (other,))
            await services.maintain()
        row = await _one(running, "select holder, holder_reason from cases where id = %s",
                         other)
        assert row is not None and row["holder"] == "officer"
        assert "interrompu" in row["holder_reason"]


async def test_a_failed_job_insert_leaves_no_case_and_no_decision(
    settings: Any, db_url: str
) -> None:
    """Commit-then-enqueue: the job now goes in the transaction of what caused it."""
    c = pop.pick(pop.prime_eligible, skip=5)
    async with running_service(settings, db_url) as running:
        case_id = await _submit(running, c["id"], PRIME)
        assert (await running.settle(case_id))["holder"] == "officer"
        async with running.services.pool.connection() as conn:
            await conn.execute("alter table procrastinate_jobs add constraint no_new_jobs"
                               " check (false) not valid")
        before = await _one(running, "select count(*) as n from cases")
        r = await running.client.post("/v1/cases", json={"text": ROAD},
                                      headers=running.auth("citizen", c["id"]))
        assert r.status_code == 500
        assert r.headers["content-type"].startswith("application/problem+json")
        assert await _one(running, "select count(*) as n from cases") == before

        request = await _one(running, "select id::text as id from approvals where case_id = %s",
                             case_id)
        assert request is not None
        officer = running.auth("officer", "agent-martin", "caf")
        r = await running.client.post(f"/v1/approvals/{request['id']}/decision",
                                      json={"decision": "approve"}, headers=officer)
        assert r.status_code == 500
        assert (await _one(running, "select status from approvals where id = %s",
                           request["id"])) == {"status": "pending"}

        async with running.services.pool.connection() as conn:
            await conn.execute("alter table procrastinate_jobs drop constraint no_new_jobs")
        r = await running.client.post(f"/v1/approvals/{request['id']}/decision",
                                      json={"decision": "approve"}, headers=officer)
        assert r.status_code == 200, r.text
        assert (await running.settle(case_id))["status"] == "accepte"


@pytest.mark.slow
async def test_workers_and_api_outlive_a_database_outage(tmp_path: Any) -> None:
    from evals.faults.postgres import PrivatePostgres
    from tests import support

    pg = await asyncio.to_thread(PrivatePostgres.create, tmp_path / "outage")
    try:
        await support.build_template(pg.admin_url, "tpl_outage")
        url = support.fresh_database(pg.admin_url, "tpl_outage")
        settings = support.make_settings(tmp_path, db_wait_s=1.0, reconnect_max_s=1.0,
                                         stalled_after_s=3.0, heartbeat_s=1.0)
        c = pop.pick(pop.alive_adult, skip=26)
        async with running_service(settings, url) as running:
            first = await _submit(running, c["id"], ROAD)
            assert (await running.settle(first))["status"] == "accepte"

            await asyncio.to_thread(pg.stop)
            t0 = time.monotonic()
            r = await running.client.post("/v1/cases", json={"text": ROAD},
                                          headers=running.auth("citizen", c["id"]))
            assert r.status_code == 503, r.text
            assert time.monotonic() - t0 < 5  # told at once, not after 30 s
            assert r.headers["retry-after"] and r.json()["status"] == 503
            assert r.headers["content-type"].startswith("application/problem+json")
            assert (await running.client.get("/healthz")).status_code == 200
            ready = await running.client.get("/readyz")
            assert ready.status_code == 503 and ready.json()["checks"]["database"] != "ok"
            await asyncio.sleep(12)  # heartbeats fail; procrastinate's worker gives up
            assert not any(t.done() for t in running.workers), "a worker ended"
            await asyncio.to_thread(pg.start)

            back = time.monotonic()
            deadline = back + 30
            while True:
                r = await running.client.post("/v1/cases", json={"text": ROAD},
                                              headers=running.auth("citizen", c["id"]))
                if r.status_code == 202 or time.monotonic() > deadline:
                    break
                assert r.status_code == 503, r.text  # a stale pooled connection, never a 500
                await asyncio.sleep(0.5)
            assert r.status_code == 202, r.text
            # Taken again within seconds, not after the pool's doubling back-off.
            assert time.monotonic() - back < 8, time.monotonic() - back
            after = str(r.json()["id"])
            assert (await running.settle(after, timeout=60))["status"] == "accepte"
            while (await running.client.get("/readyz")).status_code != 200:
                assert time.monotonic() < deadline + 30, "never ready again"
                await asyncio.sleep(0.5)
    finally:
        await asyncio.to_thread(pg.close)


@pytest.mark.slow
def test_a_worker_stops_on_sigterm_instead_of_starting_again(
    db_url: str, tmp_path: Any
) -> None:
    import os
    import signal
    import subprocess
    import sys

    from tests.support import SECRET

    env = {**os.environ, "DATABASE_URL": db_url, "GUICHET_JWT_SECRET": SECRET,
           "GUICHET_DATA_DIR": str(tmp_path), "GUICHET_ENV": "test", "GUICHET_HEARTBEAT_S": "1"}
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "guichet.cli", "worker", "--name", "w"],
                                env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while b"Starting worker" not in log.read_bytes():
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0, log.read_text()
        assert b"starting again" not in log.read_bytes()
    finally:
        if proc.poll() is None:
            proc.kill()


async def test_a_run_whose_lock_session_is_lost_stops_before_its_case_is_taken_back(
    settings: Any, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Split brain after a network cut: the run must stop before anyone else may start."""
    monkeypatch.setattr(recovery, "LOCK_PING_S", 0.3)
    case_id = "00000000-0000-4000-8000-000000000001"
    async with running_service(settings, db_url, workers=0) as running:
        pool = running.services.pool
        ran_on = asyncio.Event()

        async def long_run() -> None:
            async with recovery.case_lock(pool, case_id) as held:
                assert held
                ran_on.set()
                await asyncio.sleep(30)

        task = asyncio.create_task(long_run())
        await asyncio.wait_for(ran_on.wait(), 5)
        # What the server does to a session whose host vanished.
        row = await _one(running, "select pg_terminate_backend(pid) as done from pg_locks"
                                  " where locktype = 'advisory' and classid = %s and granted"
                                  " and database = (select oid from pg_database where"
                                  " datname = current_database())", recovery.CASE_LOCK_CLASS)
        assert row == {"done": True}
        with pytest.raises(recovery.LockLost):
            await asyncio.wait_for(task, 10)
        async with recovery.case_lock(pool, case_id) as held:
            assert held  # and nothing of the lost run's session lingers

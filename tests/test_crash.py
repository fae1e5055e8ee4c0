"""A worker killed (SIGKILL) in the middle of a case: a new worker finishes it, once."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from typing import Any

from guichet import queue
from tests import citizens as pop
from tests.support import SECRET, running_service


async def test_sigkill_mid_effects_then_new_worker_finishes_exactly_once(
    settings: Any, db_url: str, tmp_path: Any
) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c)
                 and all(c.get(s) for s in ("caf", "dgfip", "cpam")), skip=2)
    env = {**os.environ, "DATABASE_URL": db_url, "GUICHET_JWT_SECRET": SECRET,
           "GUICHET_DATA_DIR": str(tmp_path), "GUICHET_HEARTBEAT_S": "1",
           "GUICHET_STALLED_AFTER_S": "3", "GUICHET_ENV": "test"}
    doomed = subprocess.Popen([sys.executable, "-m", "tests.crash_worker"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        async with running_service(settings, db_url, workers=0) as running:
            r = await running.client.post(
                "/v1/cases", json={"text": "Je déménage au 9 rue Nationale, 59000 Lille"},
                headers=running.auth("citizen", c["id"]))
            case_id = r.json()["id"]
            line = await asyncio.wait_for(asyncio.to_thread(doomed.stdout.readline),  # type: ignore[union-attr]
                                          timeout=60)
            assert line.strip() == "stalled"
            pool = running.services.pool
            async with pool.connection() as conn:
                cur = await conn.execute(
                    "select count(*) as n from effects where case_id = %s", (case_id,))
                row = await cur.fetchone()
            assert row is not None and row["n"] == 2  # two effects committed, the third open
            doomed.send_signal(signal.SIGKILL)
            doomed.wait(timeout=10)
            async with pool.connection() as conn:
                cur = await conn.execute(
                    "select status from procrastinate_jobs where args->>'case_id' = %s",
                    (case_id,))
                jobs = [r["status"] for r in await cur.fetchall()]
            assert jobs == ["doing"]  # the dead worker's job, still held

            rescuer = asyncio.create_task(running.services.run_worker(
                concurrency=1, name="rescuer", install_signal_handlers=False))
            try:
                state = await running.settle(case_id, timeout=60)
            finally:
                await queue.stop_worker(rescuer)
            assert state["status"] == "accepte"
            async with pool.connection() as conn:
                cur = await conn.execute(
                    "select args->>'source' as source, count(*) as n from effects"
                    " where case_id = %s group by 1", (case_id,))
                per_source = {r["source"]: r["n"] for r in await cur.fetchall()}
                cur = await conn.execute(
                    "select kind, count(*) as n from notifications where case_id = %s"
                    " group by 1", (case_id,))
                notes = {r["kind"]: r["n"] for r in await cur.fetchall()}
            expected = {"contact"} | {s for s in ("caf", "dgfip", "cpam", "france_travail")
                                      if c.get(s)}
            assert per_source == dict.fromkeys(expected, 1)
            assert notes == {"ack": 1, "decision": 1}
            for source in expected:
                rec = await running.services.records.get(c["id"], source)
                assert rec and rec["address"]["postal_code"] == "59000"
    finally:
        if doomed.poll() is None:
            doomed.kill()

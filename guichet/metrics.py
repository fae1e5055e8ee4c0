"""Prometheus metrics: what this process did (counters), and the service's state (gauges).

Counters and histograms are per process: each API process serves its own at `/metrics`, and
each `guichet worker` on `--metrics-port` (a port, not a push through the database: scraping
is Prometheus's own model, costs nothing between scrapes, and a dead worker shows as a
target down, which a push would hide). Gauges of the shared state (cases, queue, approvals,
audit) are read from the database when the API is scraped; every API replica reports the
same values, so aggregate them with max(), not sum().
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

from guichet.db import Conn

MODEL_CALLS = Counter("guichet_model_calls_total", "Model calls, by graph node and outcome",
                      ["node", "outcome"])
MODEL_SECONDS = Histogram("guichet_model_call_seconds", "Model call latency", ["node"],
                          buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
RUNS = Counter("guichet_case_runs_total", "Runs of a case by a queue job, by outcome",
               ["outcome"])
RUN_SECONDS = Histogram("guichet_case_run_seconds", "Duration of one run of a case",
                        buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300))
RECOVERY = Counter("guichet_recovery_total",
                   "Lost jobs taken back or merged, cases swept or handed over, and failures "
                   "of the recovery itself", ["action"])
AUDIT_SEALED = Counter("guichet_audit_sealed_total",
                       "Audit events linked into the signed global chain by the sealer")
EFFECTS = Counter("guichet_effects_total", "Effects carried out", ["effect"])
NOTICES = Counter("guichet_notices_total", "Notices to citizens: queued, sent, failed",
                  ["event"])

CASES = Gauge("guichet_cases", "Open and settled cases, by status and holder",
              ["status", "holder"])
QUEUE_JOBS = Gauge("guichet_queue_jobs", "Queue jobs by status", ["status"])
QUEUE_OLDEST = Gauge("guichet_queue_oldest_waiting_seconds",
                     "Age of the oldest job waiting to run (0 when none waits)")
APPROVALS_PENDING = Gauge("guichet_approvals_pending", "Requests waiting for an officer",
                          ["authority"])
APPROVALS_OVERDUE = Gauge("guichet_approvals_overdue", "Pending requests past their due date",
                          ["authority"])
WORKERS = Gauge("guichet_workers_alive", "Queue workers with a recent heartbeat")
STATE_READ_FAILURES = Counter("guichet_state_read_failures_total",
                              "Scrapes whose gauges could not be read from the database")


async def read_state(conn: Conn, *, stalled_after_s: float) -> None:
    """Set the gauges of the shared state from the database (at each scrape)."""
    cur = await conn.execute("select status, holder, count(*) as n from cases group by 1, 2")
    CASES.clear()
    for r in await cur.fetchall():
        CASES.labels(r["status"], r["holder"]).set(r["n"])
    cur = await conn.execute(
        "select status::text as status, count(*) as n from procrastinate_jobs"
        " where status in ('todo', 'doing') group by 1")
    counts = {r["status"]: r["n"] for r in await cur.fetchall()}
    for status in ("todo", "doing"):
        QUEUE_JOBS.labels(status).set(counts.get(status, 0))
    cur = await conn.execute(
        "select coalesce(extract(epoch from now() - min(e.at)), 0)::float as age"
        " from procrastinate_jobs j join procrastinate_events e on e.job_id = j.id"
        " and e.type = 'deferred' where j.status = 'todo'"
        " and (j.scheduled_at is null or j.scheduled_at <= now())")
    row = await cur.fetchone()
    QUEUE_OLDEST.set(row["age"] if row else 0)
    cur = await conn.execute(
        "select authority, count(*) as n, count(*) filter (where due_at < now()) as late"
        " from approvals where status = 'pending' group by 1")
    APPROVALS_PENDING.clear()
    APPROVALS_OVERDUE.clear()
    for r in await cur.fetchall():
        APPROVALS_PENDING.labels(r["authority"]).set(r["n"])
        APPROVALS_OVERDUE.labels(r["authority"]).set(r["late"])
    cur = await conn.execute(
        "select count(*) as n from procrastinate_workers"
        " where last_heartbeat > now() - make_interval(secs => %s)", (stalled_after_s,))
    row = await cur.fetchone()
    WORKERS.set(row["n"] if row else 0)

"""The rehearsal's figures as text, and as JSON for whoever wants to keep them."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from evals.scaleout.run import Result
from evals.scaleout.workload import OFFICER_KINDS


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def _s(value: float | None, unit: str = " s") -> str:
    return "–" if value is None else f"{value:.2f}{unit}"


@dataclass(frozen=True)
class Figures:
    """The headline numbers (also what the test reads)."""

    submitted_per_api: dict[str, int]
    acknowledged_per_api: dict[str, int]
    offered_per_s: float
    cases_per_s: float | None
    p50_settle_s: float | None
    p95_settle_s: float | None
    p95_settle_with_officer_s: float | None
    p95_post_s: float | None
    post_503_retried: int
    cut_jobs_held: int
    cut_cases_held: int
    cut_cases_finished_by_others: int
    settled: int | None
    waiting_on_officer: int | None
    waiting_on_citizen: int | None
    lost: int | None
    stuck: int | None
    duplicated_effects: int | None
    duplicated_notifications: int | None
    forked_threads: int | None
    written_after_settled: int | None
    killed_at_stop: list[str]


def figures(r: Result) -> Figures:
    """Throughput and settle times leave out the cases the cut worker held (they wait for
    the take-back by design; their times are in the cut's line) and those sent after a heal.
    """
    held = set(r.cut.held_cases)
    main = [s for s in r.submissions if s.demand.index < int(r.config["cases"])
            and s.acknowledged and s.case_id not in held]
    plain = [r.settle_s[str(s.case_id)] for s in main
             if s.case_id in r.settle_s and s.demand.kind not in OFFICER_KINDS]
    officer = [r.settle_s[str(s.case_id)] for s in main
               if s.case_id in r.settle_s and s.demand.kind in OFFICER_KINDS]
    settled = [s for s in main if s.case_id in r.settle_s]
    span = None
    if settled:
        span = (max(s.at + r.settle_s[str(s.case_id)] for s in settled)
                - min(s.at for s in main))
    acked = [s for s in r.submissions if s.acknowledged]
    f = r.final
    return Figures(
        submitted_per_api=dict(Counter(s.api for s in r.submissions)),
        acknowledged_per_api=dict(Counter(s.api for s in acked)),
        offered_per_s=float(r.config["rate"]),
        cases_per_s=round(len(settled) / span, 2) if span else None,
        p50_settle_s=pct(plain, 0.5), p95_settle_s=pct(plain, 0.95),
        p95_settle_with_officer_s=pct(officer, 0.95),
        p95_post_s=pct([s.latency_s for s in acked if s.latency_s is not None], 0.95),
        post_503_retried=sum(s.unavailable for s in r.submissions),
        cut_jobs_held=len(r.cut.jobs_held), cut_cases_held=len(r.cut.held_cases),
        cut_cases_finished_by_others=r.cut.finished_by_others,
        settled=f.verdicts["settled"] if f else None,
        waiting_on_officer=f.verdicts["officer"] if f else None,
        waiting_on_citizen=f.verdicts["citizen"] if f else None,
        lost=len(f.lost) if f else None, stuck=len(f.stuck) if f else None,
        duplicated_effects=len(f.duplicate_effects) if f else None,
        duplicated_notifications=len(f.duplicate_notices) if f else None,
        forked_threads=len(f.forked_threads) if f else None,
        written_after_settled=len(f.written_after_settled) if f else None,
        killed_at_stop=sorted(k for k, v in r.exit_codes.items() if v == -9),
    )


def text(r: Result) -> str:
    g = figures(r)
    cut = r.cut
    last = max(cut.finished_after_s.values(), default=None)
    lines = [
        f"scale-out rehearsal: {len(r.hosts)} hosts on {r.subnet} "
        f"({', '.join(f'{k} {v}' for k, v in r.hosts.items())}); set up in {r.started_s} s",
        f"cases submitted per API: {g.submitted_per_api} (acknowledged "
        f"{g.acknowledged_per_api}); POST p95 {_s(g.p95_post_s)}"
        f"; 503s retried {g.post_503_retried}",
        f"throughput: {g.cases_per_s} cases/s settled (offered {g.offered_per_s}/s; "
        "first submit → last settled)",
        f"submit → settled, no officer: p50 {_s(g.p50_settle_s)}, "
        f"p95 {_s(g.p95_settle_s)}; with an officer's decision: "
        f"p95 {_s(g.p95_settle_with_officer_s)}",
        f"officer (caf, through both APIs): {r.officer.approved} approved, "
        f"{r.officer.rejected} rejected, {r.officer.conflicts} conflicts, "
        f"{len(r.officer.errors)} errors",
        f"cut ({cut.mode}, "
        + (f"instant found after {cut.tries} looks" if cut.clean
           else "no such instant found: cut anyway") + f"): {cut.host} held "
        f"{len(cut.jobs_held)} jobs "
        f"({len(cut.held_cases)} cases) when cut; its server sessions then "
        f"{cut.sessions_at_cut}",
        f"  its case locks released by the server after {_s(cut.locks_released_after_s)}; "
        f"{cut.finished_by_others} of its {len(cut.held_cases)} cases recovered and finished "
        f"by the others (last {_s(last)} after the cut; taken back per their logs: "
        f"{len(cut.taken_back)})",
    ]
    if cut.sessions_at_cut.get("audit_lock") and not r.ok:
        lines.append(f"  {cut.host} was cut inside an audit append: its session holds the "
                     "audit chain lock of that case, and whoever appends to the same case "
                     "waits on it until the server drops that session")
    if cut.sessions_left.get("sessions"):
        lines.append(f"  sessions of {cut.host} the server still held at the end of the "
                     f"recovery: {cut.sessions_left}")
    if cut.healed_at is not None:
        lines.append(f"heal: {cut.host} reconnected; {cut.jobs_started_after_heal} jobs "
                     f"started after; {len(cut.stale_runs_ended)} of its "
                     f"{len(cut.jobs_held)} cut-off runs ended once back; alive at the end: "
                     f"{cut.alive_at_end}")
    f = r.final
    if f is not None:
        lines += [
            f"final: {f.acknowledged} cases: {g.settled} settled, {g.waiting_on_officer} "
            f"waiting on an officer {f.officer_reasons or ''}, {g.waiting_on_citizen} on "
            f"the citizen; statuses {f.statuses}",
            f"lost {g.lost}, stuck {g.stuck}, duplicated effects "
            f"{g.duplicated_effects}, duplicated notifications "
            f"{g.duplicated_notifications}, cases run twice at once "
            f"{g.forked_threads}, settled cases written again "
            f"{g.written_after_settled}, failed jobs {f.failed_jobs}",
            f"  {f.effects} effects, {f.notices} notifications; audit chain "
            f"{'OK' if f.audit_ok else 'BROKEN ' + f.audit_detail}",
        ]
        for c in f.stuck[:10]:
            lines.append(f"  stuck: {c}")
        for d in (f.duplicate_effects + f.duplicate_notices)[:10]:
            lines.append(f"  duplicate: {d}")
        for t in f.forked_threads[:10]:
            lines.append(f"  run twice at once: case {t}")
    if g.killed_at_stop:
        lines.append(f"note: SIGKILLed at the end, SIGTERM did not stop them: "
                     f"{', '.join(g.killed_at_stop)}")
    lines.append(f"elapsed {r.elapsed_s} s")
    for e in r.errors:
        lines.append(f"ERROR: {e}")
    for e in r.failures:
        lines.append(f"FAIL: {e}")
    lines.append("OK" if r.ok else f"NOT OK (logs and data kept in {r.workdir})")
    return "\n".join(lines)


def write_json(r: Result, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"figures": asdict(figures(r)), **r.as_dict()}
    path.write_text(json.dumps(body, indent=2, default=str, ensure_ascii=False))

"""Retention: a closed case's personal data is erased after its procedure's retention, in
place; its audit events stay and the chain still verifies."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graphs.casedb import case_row
from graphs.replay import replay_in_service
from guichet import audit_verify
from guichet.catalogue import default_catalogue
from guichet.cli_audit import app as audit_cli
from guichet.errors import NotFound
from guichet.retention import ERASED, purge_personal_data, retention_days
from guichet.store import attachments
from tests import citizens as pop
from tests.support import Running
from tests.test_replay import run_demo

DEFAULT_DAYS = 365
# Every table that holds something of one case, read as text, for the scan.
_CASE_TABLES = {
    "cases": "select summary::text as t from cases where id = %(c)s",
    "case_messages": "select body as t from case_messages where case_id = %(c)s order by id",
    "case_placeholders": "select value as t from case_placeholders where case_id = %(c)s"
                         " order by placeholder",
    "notifications": "select subject || ' ' || body as t from notifications"
                     " where case_id = %(c)s order by id",
    "case_procedures": "select form::text || ' ' || coalesce(rules::text, '') as t"
                       " from case_procedures where case_id = %(c)s order by procedure",
    "approvals": "select args::text || evidence::text || coalesce(final_args::text, '')"
                 " || coalesce(comment, '') as t from approvals where case_id = %(c)s order by id",
    "effects": "select args::text || result::text as t from effects where case_id = %(c)s"
               " order by id",
    "case_attachments": "select encode(coalesce(data, ''), 'escape') as t"
                        " from case_attachments where case_id = %(c)s order by id",
    "checkpoints": "select checkpoint::text as t from checkpoints where thread_id = %(c)s"
                   " order by checkpoint_id",
    "checkpoint_blobs": "select encode(blob, 'escape') as t from checkpoint_blobs"
                        " where thread_id = %(c)s order by channel, version",
    "audit_events": "select data::text as t from audit_events where case_id = %(c)s::uuid"
                    " order by id",
}


async def _texts(service: Running, case_id: str) -> dict[str, str]:
    out = {}
    async with service.services.pool.connection() as conn:
        for table, sql in _CASE_TABLES.items():
            cur = await conn.execute(sql, {"c": case_id})
            out[table] = " ".join(r["t"] or "" for r in await cur.fetchall())
    return out


async def _settled_at(service: Running, case_id: str) -> datetime:
    async with service.services.pool.connection() as conn:
        cur = await conn.execute("select settled_at from cases where id = %s", (case_id,))
        row = await cur.fetchone()
    assert row is not None and row["settled_at"] is not None, "the case must be closed"
    return row["settled_at"]  # type: ignore[no-any-return]


async def _purge(service: Running, now: datetime, *, dry_run: bool = False) -> Any:
    async with service.services.pool.connection() as conn:
        return await purge_personal_data(conn, catalogue=service.services.catalogue,
                                         default_days=DEFAULT_DAYS, now=now, dry_run=dry_run)


def test_retention_is_the_longest_of_the_case_procedures() -> None:
    catalogue = default_catalogue()
    assert retention_days(catalogue, ["signalement-voirie"], DEFAULT_DAYS) == 90
    assert retention_days(catalogue, ["signalement-voirie", "rsa"], DEFAULT_DAYS) == 730
    assert retention_days(catalogue, ["acte-naissance"], DEFAULT_DAYS) == DEFAULT_DAYS
    assert retention_days(catalogue, ["signalement-voirie", "acte-naissance"], 30) == 90
    assert retention_days(catalogue, [], DEFAULT_DAYS) == DEFAULT_DAYS
    assert retention_days(catalogue, ["a-retired-procedure"], 10) == 10


async def test_purge_erases_a_closed_case_after_its_retention_and_the_audit_verifies(
        service: Running) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and bool(c["contact"]["email"])
                 and bool(c["contact"]["phone"]) and len(c["etat_civil"]["family_name"]) >= 4,
                 skip=20)
    civil, contact = c["etat_civil"], c["contact"]
    text = (f"Bonjour, je suis {civil['given_names'][0]} {civil['family_name']}, joignable au "
            f"{contact['phone']} ou à {contact['email']}. Il y a un gros nid-de-poule devant le "
            "45 boulevard Gambetta, 31000 Toulouse.")
    r = await service.client.post("/v1/cases", json={"text": text},
                                  headers=service.auth("citizen", c["id"]))
    road = r.json()["id"]
    assert (await service.settle(road))["status"] == "accepte"
    benefit = await run_demo(service, "css")  # approved by an officer: approvals, evidence
    settled = max(await _settled_at(service, road), await _settled_at(service, benefit))
    identifiers = [civil["family_name"], contact["email"], contact["phone"]]
    async with service.services.pool.connection() as conn:
        # A file the citizen sent with the report: its bytes go with the rest.
        [kept_file] = await attachments.add(conn, case_id=road, message_id=None, files=[
            attachments.Checked("photo.pdf", "application/pdf",
                                b"%PDF-1.7 " + contact["email"].encode())])
    before = await _texts(service, road)
    assert all(any(i in t for t in before.values()) for i in identifiers), (
        "the scan must find the identifiers before the purge")
    assert not any(i in before["audit_events"] for i in identifiers)
    kept_benefit = await _texts(service, benefit)

    # Within every retention: nothing is due.
    assert (await _purge(service, settled + timedelta(days=89))).cases == 0
    # Past the road report's 90 days, within the CSS's 730: only the road report.
    later = settled + timedelta(days=91)
    dry = await _purge(service, later, dry_run=True)
    done = await _purge(service, later)
    assert (dry.cases, done.cases) == (1, 1) and not done.dry_run
    assert dry.model_dump(exclude={"dry_run"}) == done.model_dump(exclude={"dry_run"})
    assert done.messages >= 1 and done.placeholders >= 3 and done.checkpoints > 0
    assert done.notifications >= 1 and done.procedures == 1 and done.attachments == 1
    async with service.services.pool.connection() as conn:
        assert await attachments.content(conn, case_id=road, attachment_id=kept_file) is None
        [listed] = await attachments.listed(conn, road)
        assert listed["filename"] == "photo.pdf" and listed["purged"]
    after = await _texts(service, road)
    for table, text_ in after.items():
        for identifier in identifiers:
            assert identifier not in text_, f"{identifier} still in {table}"
    assert after["case_placeholders"] == "" and after["checkpoints"] == ""
    async with service.services.pool.connection() as conn:
        cur = await conn.execute("select body from case_messages where case_id = %s", (road,))
        bodies = [row["body"] for row in await cur.fetchall()]
    assert bodies and set(bodies) == {ERASED}  # the rows stay, the texts go
    # The audit log is whole, one event longer (the purge itself), and verifies.
    assert after["audit_events"].startswith(before["audit_events"])
    async with service.services.pool.connection() as conn:
        cur = await conn.execute(
            "select kind, data from audit_events where case_id = %s order by id desc limit 1",
            (road,))
        last = await cur.fetchone()
        assert last is not None and last["kind"] == "retention.purged"
        assert last["data"]["retention_days"] == 90 and last["data"]["erased"]["messages"] >= 1
        assert (await audit_verify.verify(conn)).ok
    # The other case is untouched; the trace of the purged one still reads from its events.
    assert await _texts(service, benefit) == kept_benefit
    trace = await service.client.get(f"/v1/cases/{road}/trace", params={"limit": 500},
                                     headers=service.auth("auditor", "inspection"))
    assert trace.status_code == 200 and trace.json()["checkpoints"] == 0
    assert any(e["kind"] == "effect" for s in trace.json()["steps"] for e in s["events"])
    # A replay compares with the final state, erased too: refused, and it says why.
    row = await case_row(service.services.pool, road)
    assert row is not None and row["personal_data_purged_at"] == later
    with pytest.raises(NotFound, match="erased at the end of its retention"):
        await replay_in_service(service.services, row)
    # Done once: a second run finds nothing; past the CSS's retention, it goes too.
    assert (await _purge(service, later)).cases == 0
    last_run = await _purge(service, settled + timedelta(days=731))
    assert last_run.cases == 1 and last_run.approvals == 1
    assert (await _texts(service, benefit))["case_placeholders"] == ""
    async with service.services.pool.connection() as conn:
        assert (await audit_verify.verify(conn)).ok


def test_prune_command_reports_the_purge(db_url: str, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("GUICHET_DATA_DIR", str(tmp_path))
    out = CliRunner().invoke(audit_cli, ["prune", "--dry-run"])
    assert out.exit_code == 0, out.output
    assert "0 dossiers au-delà de leur durée de conservation" in out.output
    assert "à effacer" in out.output
    kept = CliRunner().invoke(audit_cli, ["prune", "--dry-run", "--no-personal-data"])
    assert kept.exit_code == 0 and "conservation" not in kept.output

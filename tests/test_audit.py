"""The audit log: the database refuses changes, and verify finds a tampered event."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest
from typer.testing import CliRunner

from guichet import audit, audit_seal, audit_verify, db
from guichet.cli_audit import app as audit_cli
from tests.support import Running, make_settings


async def _append_case_events(url: str, n: int) -> tuple[str, list[int]]:
    """A case with `n` events, interleaved with events of another case and global ones."""
    case_id, other = str(uuid.uuid4()), str(uuid.uuid4())
    ids = []
    async with await psycopg.AsyncConnection.connect(url, **db.connection_kwargs()) as conn:
        for i in range(n):
            ids.append(await audit.append(conn, case_id=case_id, actor="agent", kind="status",
                                          data={"i": i, "amount": 12.5, "text": "é"}))
            await audit.append(conn, case_id=other, actor="agent", kind="status", data={"i": i})
            await audit.append(conn, case_id=None, actor="system", kind="ops", data={"i": i})
    return case_id, ids


def _superuser_tamper(url: str, sql: str, params: tuple[Any, ...]) -> None:
    # What only a superuser can do: switch the trigger off, change the table, switch it on.
    with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
        conn.execute("alter table audit_events disable trigger audit_events_no_update")
        conn.execute(sql, params)
        conn.execute("alter table audit_events enable trigger audit_events_no_update")


async def _verify(url: str, case_id: str | None = None,
                  public_key: str | None = None) -> audit_verify.Verification:
    async with await psycopg.AsyncConnection.connect(url, **db.connection_kwargs()) as conn:
        return await audit_verify.verify(conn, case_id=case_id, public_key=public_key)


@pytest.mark.parametrize("sql", [
    "update audit_events set data = '{}'::jsonb where id = %(id)s",
    "update audit_events set hash = repeat('0', 64) where id = %(id)s",
    "delete from audit_events where id = %(id)s",
    "truncate audit_events",
    "update audit_seals set hash = repeat('0', 64)",
    "delete from audit_heads",
    "truncate audit_seals",
])
async def test_database_refuses_changes(db_url: str, sql: str) -> None:
    _, ids = await _append_case_events(db_url, 2)
    await _seal(db_url)
    with psycopg.connect(db_url, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            conn.execute(sql, {"id": ids[0]})
        n = conn.execute("select count(*) from audit_events").fetchone()
    assert n == (6,)
    assert (await _verify(db_url)).ok


async def test_intact_log_verifies(db_url: str) -> None:
    case_id, _ = await _append_case_events(db_url, 4)
    whole, one = await _verify(db_url), await _verify(db_url, case_id)
    assert whole.ok and whole.checked == 12 and whole.first_broken is None
    assert one.ok and one.checked == 4 and one.scope == "case"
    with psycopg.connect(db_url) as conn:
        head = conn.execute("select hash from audit_events order by id desc limit 1").fetchone()
    assert head is not None and whole.head == head[0]


async def test_altered_row_is_found_at_that_event(db_url: str) -> None:
    case_id, ids = await _append_case_events(db_url, 5)
    target = ids[2]
    _superuser_tamper(db_url, "update audit_events set data = jsonb_set(data, '{amount}', '99')"
                              " where id = %s", (target,))
    whole, one = await _verify(db_url), await _verify(db_url, case_id)
    assert not whole.ok and whole.first_broken is not None
    assert whole.first_broken.id == target and "modifié" in whole.first_broken.reason
    assert not one.ok and one.first_broken is not None and one.first_broken.id == target
    # Everything before the altered event was checked and found good.
    assert whole.checked == 6 and one.checked == 2


async def test_altered_row_with_recomputed_hash_breaks_the_next_link(db_url: str) -> None:
    case_id, ids = await _append_case_events(db_url, 4)
    target = ids[1]
    # A forger who recomputes the row's own hash still breaks its successor's link.
    forged = await _forge(db_url, target, {"amount": 99})
    whole = await _verify(db_url)
    assert whole.first_broken is not None and whole.first_broken.id == ids[2]
    assert whole.first_broken.chain == "case" and "chaînage" in whole.first_broken.reason
    one = await _verify(db_url, case_id)
    assert one.first_broken is not None and one.first_broken.id == ids[2]
    assert forged != ids[1]


async def test_deleted_row_is_found_at_its_successor(db_url: str) -> None:
    case_id, ids = await _append_case_events(db_url, 4)
    _superuser_tamper(db_url, "delete from audit_events where id = %s", (ids[1],))
    whole = await _verify(db_url)
    assert whole.first_broken is not None and whole.first_broken.id == ids[2]
    one = await _verify(db_url, case_id)
    assert one.first_broken is not None and one.first_broken.id == ids[2]


async def _forge(url: str, event_id: int, change: dict[str, Any]) -> str:
    """Change an event and recompute its hash as `audit_append` would have: only the links
    of its successors (and the seal, once sealed) can tell."""
    with psycopg.connect(url, row_factory=psycopg.rows.dict_row) as conn:
        row = conn.execute("select * from audit_events where id = %s", (event_id,)).fetchone()
    assert row is not None
    data = {**row["data"], **change}
    forged = audit.link_hash(row["case_prev_hash"], audit.content_hash(
        case_id=row["case_id"], at=row["at"], actor=row["actor"], kind=row["kind"], data=data))
    _superuser_tamper(url, "update audit_events set data = %s::jsonb, hash = %s where id = %s",
                      (psycopg.types.json.Jsonb(data), forged, event_id))
    return forged


async def _seal(url: str, key: Any = None) -> audit_seal.Sealed | None:
    async with await psycopg.AsyncConnection.connect(url, **db.connection_kwargs()) as conn:
        return await audit_seal.seal(conn, key or SERVICE_KEY)


SERVICE_KEY = audit_seal.new_key()


async def test_sealer_links_every_event_once_and_signs_the_head(db_url: str) -> None:
    await _append_case_events(db_url, 3)
    first = await _seal(db_url)
    assert first is not None and first.events == 9 and first.position == 9
    assert await _seal(db_url) is None  # nothing new: no new head
    await _append_case_events(db_url, 1)
    second = await _seal(db_url)
    assert second is not None and second.events == 3 and second.position == 12
    result = await _verify(db_url, public_key=audit_seal.public_text(SERVICE_KEY))
    assert result.ok and result.sealed == 12 and result.checked == 12
    assert result.signed_head is not None and result.signed_head.position == 12
    assert result.signed_head.hash == second.hash


async def test_sealer_waits_for_open_transactions(db_url: str) -> None:
    # An event whose transaction is still open is not sealed, nor are later ones skipped.
    async with await psycopg.AsyncConnection.connect(db_url, **db.connection_kwargs()) as slow:
        async with slow.transaction():
            await audit.append(slow, case_id=str(uuid.uuid4()), actor="agent", kind="status",
                               data={"late": True})
            await _append_case_events(db_url, 1)
            assert await _seal(db_url) is None
        sealed = await _seal(db_url)
    assert sealed is not None and sealed.events == 4
    assert (await _verify(db_url)).ok


async def test_a_case_append_never_waits_for_another_case(db_url: str) -> None:
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    kwargs = db.connection_kwargs()
    async with await psycopg.AsyncConnection.connect(db_url, **kwargs) as holder, \
            await psycopg.AsyncConnection.connect(db_url, **kwargs) as other, holder.transaction():
        await audit.append(holder, case_id=a, actor="agent", kind="status", data={})
        await other.execute("set lock_timeout = '300ms'")
        # Another case: no wait at all (the old global lock made every append queue here).
        await audit.append(other, case_id=b, actor="agent", kind="status", data={})
        # The same case: its chain has one writer at a time.
        with pytest.raises(psycopg.errors.LockNotAvailable):
            await audit.append(other, case_id=a, actor="agent", kind="status", data={})
    assert (await _verify(db_url)).ok


async def test_a_forged_event_whose_case_chain_holds_is_found_by_the_seal(db_url: str) -> None:
    case_id, ids = await _append_case_events(db_url, 3)
    await _seal(db_url)
    # The case's last event: no successor in its case chain to notice the change.
    await _forge(db_url, ids[-1], {"amount": 1})
    assert (await _verify(db_url, case_id)).first_broken is not None
    whole = await _verify(db_url)
    assert whole.first_broken is not None and whole.first_broken.id == ids[-1]
    assert whole.first_broken.chain == "global" and "scellement" in whole.first_broken.reason


async def test_a_sealed_event_deleted_is_named(db_url: str) -> None:
    _case_id, ids = await _append_case_events(db_url, 3)
    await _seal(db_url)
    _superuser_tamper(db_url, "delete from audit_events where id = %s", (ids[-1],))
    whole = await _verify(db_url)
    assert whole.first_broken is not None and whole.first_broken.id == ids[-1]
    assert whole.first_broken.chain == "global" and "supprimé" in whole.first_broken.reason


async def test_an_event_slipped_in_behind_the_signed_head_is_named(db_url: str) -> None:
    case_id, ids = await _append_case_events(db_url, 2)
    await _seal(db_url)
    with psycopg.connect(db_url, row_factory=psycopg.rows.dict_row) as conn:
        last = conn.execute("select * from audit_events where id = %s", (ids[-1],)).fetchone()
    assert last is not None
    # A perfect forgery of the case chain, dated (by transaction) before the sealed horizon.
    at, data = last["at"], {"i": 9}
    digest = audit.link_hash(last["hash"], audit.content_hash(
        case_id=case_id, at=at, actor="agent", kind="status", data=data))
    with psycopg.connect(db_url, autocommit=True) as conn:
        row = conn.execute(
            "insert into audit_events (case_id, at, actor, kind, data, case_prev_hash, hash, v,"
            " xid) values (%s, %s, 'agent', 'status', %s::jsonb, %s, %s, 2, '3'::xid8)"
            " returning id", (case_id, at, psycopg.types.json.Jsonb(data), last["hash"], digest)
        ).fetchone()
    assert row is not None
    # Its case chain alone cannot tell: the seal's horizon does, for the case and for all.
    for result in (await _verify(db_url, case_id), await _verify(db_url)):
        assert result.checked == (7 if result.scope == "global" else 3)
        assert result.first_broken is not None and result.first_broken.id == row[0]
        assert "inséré" in result.first_broken.reason


async def test_a_head_altered_or_signed_by_another_key_is_named(db_url: str) -> None:
    await _append_case_events(db_url, 2)
    await _seal(db_url)
    service = audit_seal.public_text(SERVICE_KEY)
    assert (await _verify(db_url, public_key=service)).ok
    await _append_case_events(db_url, 1)
    await _seal(db_url, audit_seal.new_key())  # someone else's key
    wrong = await _verify(db_url, public_key=service)
    assert wrong.first_broken is not None and "clé" in wrong.first_broken.reason
    with psycopg.connect(db_url, autocommit=True) as conn, conn.transaction():
        conn.execute("alter table audit_heads disable trigger audit_heads_no_update")
        conn.execute("update audit_heads set position = position - 1 where id ="
                     " (select min(id) from audit_heads)")
        conn.execute("alter table audit_heads enable trigger audit_heads_no_update")
    bad = await _verify(db_url)
    assert bad.first_broken is not None and "signature" in bad.first_broken.reason


async def test_verify_over_http(service: Running) -> None:
    from tests.test_replay import run_demo

    case_id = await run_demo(service, "acte-naissance")
    async with service.services.pool.connection() as conn:
        ids = [e["id"] for e in await audit.case_events(conn, case_id)]
    url = service.services.pool.conninfo
    auditor = service.auth("auditor", "inspection")
    r = await service.client.get("/v1/audit/verify", headers=auditor)
    assert r.status_code == 200 and r.json()["ok"] is True and r.json()["checked"] == len(ids)
    r = await service.client.get("/v1/audit/verify", params={"case_id": case_id}, headers=auditor)
    assert r.json()["ok"] is True and r.json()["scope"] == "case"
    assert (await service.client.get("/v1/audit/verify",
                                     headers=service.auth("citizen", "C000001"))).status_code == 403
    assert (await service.client.get("/v1/audit/verify",
                                     headers=service.auth("officer", "o", "caf"))).status_code == 403
    r = await service.client.get("/v1/audit/verify", params={"case_id": "pas-un-uuid"},
                                 headers=auditor)
    assert r.status_code == 422 and r.json()["field"].endswith("case_id")
    r = await service.client.get("/v1/audit/verify", params={"case_id": str(uuid.uuid4())},
                                 headers=auditor)
    assert r.status_code == 404
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        r = await service.client.request(method, "/v1/audit/verify", headers=auditor)
        assert r.status_code == 403, (method, r.text)
    _superuser_tamper(url, "update audit_events set actor = 'quelqu''un' where id = %s",
                      (ids[3],))
    body = (await service.client.get("/v1/audit/verify", headers=auditor)).json()
    assert body["ok"] is False and body["first_broken"]["id"] == ids[3]
    one = (await service.client.get("/v1/audit/verify", params={"case_id": case_id},
                                    headers=auditor)).json()
    assert one["ok"] is False and one["first_broken"]["id"] == ids[3]


def test_verify_command(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case_id, ids = asyncio.run(_append_case_events(db_url, 3))
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("GUICHET_DATA_DIR", str(tmp_path))
    make_settings(tmp_path)  # the same settings shape the tests use elsewhere
    runner = CliRunner()
    ok = runner.invoke(audit_cli, ["verify"])
    assert ok.exit_code == 0, ok.output
    assert "9 événements vérifiés" in ok.output
    _superuser_tamper(db_url, "update audit_events set kind = 'x' where id = %s", (ids[2],))
    bad = runner.invoke(audit_cli, ["verify", "--case-id", case_id])
    assert bad.exit_code == 1
    assert f"événement {ids[2]} " in bad.output

"""Checkpoints at rest: encrypted, with no identifier of the case's citizen in clear anywhere."""

from __future__ import annotations

import operator
from typing import Annotated, Any, TypedDict

from langgraph.checkpoint.serde.encrypted import EncryptedSerializer
from langgraph.graph import END, START, StateGraph

from graphs.saver import CompactSaver, CompressedSerializer, stored_bytes
from guichet import db
from guichet.settings import Settings
from tests import citizens as pop
from tests.support import running_service

IBAN = "FR76 3000 6000 0112 3456 7890 189"


def _long_names(c: pop.Citizen) -> bool:
    # Short names could match ciphertext by chance (two letters: every few kilobytes).
    civil = c["etat_civil"]
    return len(civil["family_name"]) >= 5 and len(civil["given_names"][0]) >= 5


def _identifiers(c: pop.Citizen) -> dict[str, str]:
    civil, contact = c["etat_civil"], c["contact"]
    return {"family name": civil["family_name"], "given name": civil["given_names"][0],
            "NIR": c["cpam"]["nir"], "IBAN": IBAN, "IBAN, compact": IBAN.replace(" ", ""),
            "address": contact["address"]["line"], "email": contact["email"],
            "phone": contact["phone"], "phone, national": "0" + contact["phone"][3:]}


async def _checkpoint_rows(conn: Any, case_id: str) -> list[tuple[str, str, bytes]]:
    """(table, type, bytes as stored) of every value and bookkeeping row of the thread."""
    rows: list[tuple[str, str, bytes]] = []
    for table, column, kind in (
            ("checkpoint_blobs", "blob", "type"), ("checkpoint_writes", "blob", "type"),
            ("checkpoints", "checkpoint::text", "'jsonb'"),
            ("checkpoints", "metadata::text", "'jsonb'")):
        cur = await conn.execute(
            f"select {column} as b, {kind} as kind from {table} where thread_id = %s",
            (case_id,))
        for row in await cur.fetchall():
            value = row["b"] or b""
            rows.append((table, row["kind"], value if isinstance(value, bytes)
                         else value.encode()))
    return rows


async def test_no_identifier_of_the_citizen_in_the_checkpoint_tables(
        settings: Settings, db_url: str) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and bool(c.get("cpam")) and _long_names(c)
                 and bool(c["contact"]["email"]) and bool(c["contact"]["phone"])
                 and bool(c["contact"]["address"].get("line")))
    civil, contact = c["etat_civil"], c["contact"]
    text = (f"Bonjour, je suis {civil['given_names'][0]} {civil['family_name']}, "
            f"{contact['address']['line']}, numéro de sécurité sociale {c['cpam']['nir']}, "
            f"joignable au {contact['phone']} ou à {contact['email']}, mon IBAN est {IBAN}. "
            "Je voudrais mon attestation de droits à l'assurance maladie, envoyez-la moi.")
    async with running_service(settings, db_url) as running:
        r = await running.client.post("/v1/cases", json={"text": text},
                                      headers=running.auth("citizen", c["id"]))
        case_id = r.json()["id"]
        await running.settle(case_id)
        async with running.services.pool.connection() as conn:
            rows = await _checkpoint_rows(conn, case_id)
    key = settings.checkpoint_cipher_key()
    values = [(t, k, b) for t, k, b in rows if t != "checkpoints"]
    assert len(values) > 10, "the case must have left checkpoints"
    # Every value is encrypted: nothing but the bookkeeping rows is readable without the key.
    assert {k for _, k, _ in values if not k.endswith("+aesgcm")} <= {"empty"}
    for name, secret in _identifiers(c).items():
        for table, kind, stored in rows:
            haystack = stored.lower() if kind == "jsonb" else stored
            needle = secret.lower() if kind == "jsonb" else secret
            assert needle.encode() not in haystack, f"{name} in clear in {table}"
    # With the key, the values read back, redacted: the scan above looked at real content.
    plain = b" ".join(stored_bytes(k, b, key) for _, k, b in values)
    assert b"[NIR_1]" in plain and b"[EMAIL_1]" in plain and b"[IBAN_1]" in plain
    assert c["cpam"]["nir"].encode() not in plain and contact["email"].encode() not in plain


class _State(TypedDict, total=False):
    note: str
    items: Annotated[list[str], operator.add]


def _graph(saver: CompactSaver) -> Any:
    def step(state: _State) -> _State:
        out: _State = {"items": [f"item {len(state.get('items', []))}"]}
        if "note" not in state:
            out["note"] = "écrit avant le chiffrement"
        return out

    g = StateGraph(_State)
    g.add_node("step", step)
    g.add_edge(START, "step")
    g.add_edge("step", END)
    return g.compile(checkpointer=saver)


async def test_checkpoints_written_before_encryption_still_load(
        settings: Settings, db_url: str) -> None:
    config: Any = {"configurable": {"thread_id": "at-rest-upgrade"}}
    pool = db.make_pool(db_url, max_size=2)
    await pool.open(wait=True)
    try:
        await _graph(CompactSaver(pool)).ainvoke({}, config)  # no key: as before
        keyed = _graph(CompactSaver(pool, key=settings.checkpoint_cipher_key()))
        before = await keyed.aget_state(config)
        assert before.values == {"note": "écrit avant le chiffrement", "items": ["item 0"]}
        # A run with the key goes on from there; the string it did not change still loads.
        after = await keyed.ainvoke({}, config)
        assert after == {"note": "écrit avant le chiffrement", "items": ["item 0", "item 1"]}
        assert (await keyed.aget_state(config)).values == after
        async with pool.connection() as conn:
            cur = await conn.execute(
                "select channel, type from checkpoint_blobs where thread_id = %s",
                (config["configurable"]["thread_id"],))
            kinds = {(r["channel"], r["type"]) for r in await cur.fetchall()}
        assert ("items", "msgpack") in kinds, "the value written before stays as it was"
        assert {k for ch, k in kinds if ch == "note"} == {"msgpack+aesgcm"}
        # A saver with another key cannot read what this one wrote.
        other = _graph(CompactSaver(pool, key=b"k" * 32))
        try:
            await other.aget_state(config)
        except ValueError:
            pass
        else:
            raise AssertionError("a wrong key must not read the checkpoints")
    finally:
        await pool.close()


async def test_checkpoints_encrypted_with_aes_eax_still_load(settings: Settings,
                                                            db_url: str) -> None:
    """Values written with upstream's AES-EAX cipher (type "+aes") read with the GCM one."""
    config: Any = {"configurable": {"thread_id": "at-rest-eax"}}
    key = settings.checkpoint_cipher_key()
    pool = db.make_pool(db_url, max_size=2)
    await pool.open(wait=True)
    try:
        eax = EncryptedSerializer.from_pycryptodome_aes(CompressedSerializer(), key=key)
        await _graph(CompactSaver(pool, serde=eax)).ainvoke({}, config)
        keyed = _graph(CompactSaver(pool, key=key))
        assert (await keyed.aget_state(config)).values == {
            "note": "écrit avant le chiffrement", "items": ["item 0"]}
        after = await keyed.ainvoke({}, config)
        assert after["items"] == ["item 0", "item 1"]
        async with pool.connection() as conn:
            cur = await conn.execute(
                "select channel, type from checkpoint_blobs where thread_id = %s",
                (config["configurable"]["thread_id"],))
            kinds = {(r["channel"], r["type"]) for r in await cur.fetchall()}
        assert ("note", "msgpack+aes") in kinds and ("items", "msgpack+aesgcm") in kinds
    finally:
        await pool.close()

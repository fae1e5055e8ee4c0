"""Identifiers written by the citizen never reach the model, the checkpoints or the audit log."""

from __future__ import annotations

from typing import Any

from graphs.saver import stored_bytes
from tests import citizens as pop
from tests.scripted import ScriptedModel
from tests.support import running_service


async def test_identifiers_stay_out_of_prompts_state_and_audit(settings: Any, db_url: str) -> None:
    c = pop.pick(lambda c: pop.alive_adult(c) and c.get("cpam") and c["contact"]["email"]
                 and c["contact"]["phone"])
    civil, contact = c["etat_civil"], c["contact"]
    secrets = [civil["family_name"], c["cpam"]["nir"], contact["email"]]
    text = (f"Bonjour, je suis {civil['given_names'][0]} {civil['family_name']}, numéro de "
            f"sécurité sociale {c['cpam']['nir']}, joignable au {contact['phone']} ou à "
            f"{contact['email']}. Je voudrais mon attestation de droits à l'assurance maladie, "
            "envoyez-la moi.")
    model = ScriptedModel(script=lambda messages, tools: None, seen=[])
    async with running_service(settings, db_url, model=model) as running:
        r = await running.client.post("/v1/cases", json={"text": text},
                                      headers=running.auth("citizen", c["id"]))
        case_id = r.json()["id"]
        await running.settle(case_id)
        async with running.services.pool.connection() as conn:
            blobs: list[bytes] = []
            for table, column, kind in (
                    ("checkpoint_blobs", "blob", "type"), ("checkpoint_writes", "blob", "type"),
                    ("checkpoints", "checkpoint::text", "''"),
                    ("checkpoints", "metadata::text", "''")):
                cur = await conn.execute(
                    f"select {column} as b, {kind} as kind from {table} where thread_id = %s",
                    (case_id,))
                for row in await cur.fetchall():
                    value = row["b"]
                    if value is None:
                        continue
                    raw = value if isinstance(value, bytes) else value.encode()
                    # Encrypted and compressed values are searched as the serialised
                    # bytes they hold: redaction, not only encryption, keeps them out.
                    blobs.append(stored_bytes(row["kind"] or "", raw,
                                              settings.checkpoint_cipher_key()))
            cur = await conn.execute(
                "select data::text as d from audit_events where case_id = %s", (case_id,))
            audit_text = " ".join(r["d"] for r in await cur.fetchall())
            cur = await conn.execute(
                "select body from case_messages where case_id = %s and author = 'citizen'",
                (case_id,))
            stored = (await cur.fetchone() or {})["body"]
    prompts = " ".join(str(m.content) for msgs in model.seen for m in msgs)
    assert blobs, "the case must have left checkpoints"
    for secret in secrets:
        assert secret not in prompts
        assert all(secret.encode() not in b for b in blobs)
        assert secret not in audit_text
    assert "[NIR_1]" in prompts and "[EMAIL_1]" in prompts
    assert stored == text  # the case file keeps what the citizen wrote, as written

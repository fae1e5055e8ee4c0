"""The sealer: the global order and chain of audit events, built off the hot path, signed.

Appends only chain events per case. A periodic task (beside every worker, one at a time
through a try-lock) takes the events whose transactions have all finished, in transaction-id
order, links them into one global chain (`audit_seals`), and writes a head signed with
Ed25519 (`audit_heads`): a statement, checkable by anyone holding the public key, of what the
log held up to that position. An event inserted later behind the horizon, or an event
changed or removed after sealing, no longer matches the signed chain.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from guichet.audit import GENESIS, canonical, link_hash
from guichet.db import Conn

# pg_try_advisory_xact_lock(class, 0): at most one sealer at a time, never on the hot path.
SEAL_LOCK_CLASS = 1635083364
_BATCH = 5000


def new_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def key_from_text(text: str) -> Ed25519PrivateKey:
    """A private key from its 32 raw bytes in base64 (how settings and the key file hold it)."""
    raw = base64.b64decode(text.strip(), validate=True)
    if len(raw) != 32:
        raise ValueError("an Ed25519 private key is 32 bytes (base64)")
    return Ed25519PrivateKey.from_private_bytes(raw)


def key_to_text(key: Ed25519PrivateKey) -> str:
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    return base64.b64encode(raw).decode()


def public_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def dev_key(path: Path) -> Ed25519PrivateKey:
    """The development key: generated once and kept (0600) in the data folder."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(key_to_text(new_key()))
        path.chmod(0o600)
    return key_from_text(path.read_text())


def head_message(*, position: int, hash_: str, horizon: str, sealed_at: datetime) -> bytes:
    """The exact bytes a head's signature covers."""
    return canonical({"position": position, "hash": hash_, "horizon": horizon,
                      "sealed_at": sealed_at.astimezone(UTC).isoformat()}).encode()


def signature_ok(*, public_key: str, signature: str, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key)).verify(
            bytes.fromhex(signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class Sealed:
    events: int
    position: int
    hash: str


async def seal(conn: Conn, key: Ed25519PrivateKey) -> Sealed | None:
    """Seal what has finished since the last head; None when nothing new (or busy)."""
    async with conn.transaction():
        cur = await conn.execute(
            "select pg_try_advisory_xact_lock(%s, 0) as got,"
            " pg_snapshot_xmin(pg_current_snapshot())::text as horizon", (SEAL_LOCK_CLASS,))
        row = await cur.fetchone()
        assert row is not None
        if not row["got"]:
            return None  # another sealer is at work
        horizon: str = row["horizon"]
        cur = await conn.execute(
            "select h.horizon::text as horizon, s.position, s.hash from"
            " (select horizon from audit_heads order by id desc limit 1) h,"
            " lateral (select position, hash from audit_seals order by position desc limit 1) s")
        last = await cur.fetchone()
        low, position, prev = (last["horizon"], int(last["position"]), last["hash"]) if last \
            else ("0", 0, GENESIS)
        count = 0
        after = (low, 0)
        while True:
            # Every transaction below the horizon has finished: its events are all visible
            # now, and no event with a smaller transaction id can appear later.
            # Already sealed events are skipped whatever the horizons said: a sealer that
            # met one again (after a restore, a clock of xids not what it assumed) must not
            # stop sealing on a duplicate.
            cur = await conn.execute(
                "select e.id, e.hash, e.xid::text as xid from audit_events e"
                " where e.xid >= %s::xid8 and e.xid < %s::xid8"
                " and (e.xid, e.id) > (%s::xid8, %s)"
                " and not exists (select 1 from audit_seals s where s.event_id = e.id)"
                " order by e.xid, e.id limit %s",
                (low, horizon, after[0], after[1], _BATCH))
            rows = await cur.fetchall()
            if not rows:
                break
            links = []
            for r in rows:
                position += 1
                h = link_hash(prev, r["hash"])
                links.append((position, r["id"], r["hash"], prev, h))
                prev = h
            # COPY: a sealer catching up on a large backlog writes it at copy speed.
            async with conn.cursor() as c, c.copy(
                    "copy audit_seals (position, event_id, event_hash, prev_hash, hash)"
                    " from stdin") as copy:
                for link in links:
                    await copy.write_row(link)
            count += len(rows)
            after = (rows[-1]["xid"], int(rows[-1]["id"]))
        if count == 0:
            return None
        sealed_at = datetime.now(UTC)
        signature = key.sign(head_message(position=position, hash_=prev, horizon=horizon,
                                          sealed_at=sealed_at)).hex()
        await conn.execute(
            "insert into audit_heads (position, hash, horizon, sealed_at, public_key, signature)"
            " values (%s, %s, %s::xid8, %s, %s, %s)",
            (position, prev, horizon, sealed_at, public_text(key), signature))
    return Sealed(events=count, position=position, hash=prev)

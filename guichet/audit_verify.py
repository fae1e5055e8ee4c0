"""Verification of the audit log: the case chains, the sealed global chain, the signed heads.

A changed row breaks its own hash; a removed or inserted row breaks the link of the next
event of its case; a row changed with every later link of its case recomputed no longer
matches the hash the sealer recorded for it; a row slipped in behind a sealed horizon is not
in the global chain; a head whose signature or key is wrong is named too.
"""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel

from guichet import audit
from guichet.audit_seal import head_message, signature_ok
from guichet.db import Conn

Chain = Literal["global", "case"]
_BATCH = 1000


class BrokenEvent(BaseModel):
    """The first event whose stored hash or links disagree with what is recomputed."""

    id: int
    case_id: str | None
    kind: str
    chain: Chain
    reason: str


class SignedHead(BaseModel):
    position: int
    hash: str
    sealed_at: str
    public_key: str


class Verification(BaseModel):
    ok: bool
    scope: Literal["global", "case"]
    case_id: str | None = None
    checked: int
    head: str  # the last good hash: note it to detect a later truncation of the tail
    sealed: int = 0  # events checked against the sealed global chain
    signed_head: SignedHead | None = None  # the latest head whose signature holds
    first_broken: BrokenEvent | None = None


MODIFIED = "contenu modifié : le hash recalculé ne correspond pas au hash enregistré"
LINK = ("chaînage rompu : le hash précédent ne correspond pas à l'événement précédent "
        "(événement supprimé, inséré ou réordonné avant celui-ci)")
SEAL_CHANGED = ("modifié après scellement : l'événement ne correspond plus à la chaîne "
                "globale scellée")
SEAL_DELETED = "supprimé après scellement : la chaîne globale scellée le contient"
SEAL_LINK = "chaîne globale rompue : le scellement ne suit pas le précédent"
INSERTED = ("inséré après scellement : l'événement date d'avant la tête signée mais n'est "
            "pas dans la chaîne globale")
BAD_SIGNATURE = "tête signée invalide : la signature ne correspond pas à la chaîne"
WRONG_KEY = "tête signée par une clé qui n'est pas celle du service"


def _broken(row: dict[str, Any], chain: Chain, reason: str) -> BrokenEvent:
    return BrokenEvent(id=int(row["id"]), case_id=str(row["case_id"]) if row["case_id"] else None,
                       kind=row["kind"], chain=chain, reason=reason)


class _Walk:
    def __init__(self, scope: Literal["global", "case"], case_id: str | None) -> None:
        self.scope, self.case_id = scope, case_id
        self.checked, self.sealed, self.head = 0, 0, audit.GENESIS
        self.signed: SignedHead | None = None

    def result(self, broken: BrokenEvent | None = None) -> Verification:
        return Verification(ok=broken is None, scope=self.scope, case_id=self.case_id,
                            checked=self.checked, head=self.head, sealed=self.sealed,
                            signed_head=self.signed, first_broken=broken)


async def _events(conn: Conn, walk: _Walk, case_id: UUID | str | None) -> BrokenEvent | None:
    where, params = ("", ()) if case_id is None else ("case_id = %s and", (case_id,))
    last_legacy: str | None = None  # the global link of version 1 events
    last_case: dict[str | None, str] = {}
    after = 0
    while True:
        cur = await conn.execute(
            "select id, case_id, at, actor, kind, data, prev_hash, case_prev_hash, hash, v"
            f" from audit_events where {where} id > %s order by id limit {_BATCH}",
            (*params, after))
        rows = await cur.fetchall()
        if not rows:
            return None
        for row in rows:
            after = int(row["id"])
            if audit.stored_hash(row) != row["hash"]:
                return _broken(row, walk.scope, MODIFIED)
            cid = str(row["case_id"]) if row["case_id"] else None
            if row["v"] == 1 and walk.scope == "global":
                if row["prev_hash"] != (last_legacy or audit.GENESIS):
                    return _broken(row, "global", LINK)
                last_legacy = row["hash"]
            linked = cid is not None or row["v"] != 1
            if linked and row["case_prev_hash"] != last_case.get(cid, audit.GENESIS):
                return _broken(row, "case", LINK)
            last_case[cid] = row["hash"]
            walk.head = row["hash"]
            walk.checked += 1


async def _seals(conn: Conn, walk: _Walk, case_id: UUID | str | None) -> BrokenEvent | None:
    """The global chain, in position order, against the events it sealed."""
    prev, after = audit.GENESIS, 0
    only = "" if case_id is None else " and e.case_id = %s"
    while True:
        cur = await conn.execute(
            "select s.position, s.event_id, s.event_hash, s.prev_hash, s.hash,"
            " e.id, e.case_id, e.kind, e.hash as current from audit_seals s"
            " left join audit_events e on e.id = s.event_id"
            f" where s.position > %s{only}"
            f" order by s.position limit {_BATCH}",
            (after, case_id) if case_id is not None else (after,))
        rows = await cur.fetchall()
        if not rows:
            return None
        for r in rows:
            after = int(r["position"])
            gone = {"id": r["event_id"], "case_id": None, "kind": "?"}
            if case_id is None:
                # Links are checked only over the whole chain: a case's seals are not adjacent.
                if r["prev_hash"] != prev or audit.link_hash(r["prev_hash"],
                                                             r["event_hash"]) != r["hash"]:
                    return _broken(r if r["id"] is not None else gone, "global", SEAL_LINK)
                prev = r["hash"]
                if r["id"] is None:
                    return _broken(gone, "global", SEAL_DELETED)
            if r["current"] != r["event_hash"]:
                return _broken(r, "global", SEAL_CHANGED)
            walk.sealed += 1


async def _heads(conn: Conn, walk: _Walk, expected_key: str | None) -> BrokenEvent | None:
    cur = await conn.execute(
        "select h.id, h.position, h.hash, h.horizon::text as horizon, h.sealed_at,"
        " h.public_key, h.signature, s.hash as chained, s.event_id"
        " from audit_heads h left join audit_seals s on s.position = h.position order by h.id")
    for h in await cur.fetchall():
        event = {"id": h["event_id"] or 0, "case_id": None, "kind": "tête"}
        message = head_message(position=int(h["position"]), hash_=h["hash"],
                               horizon=h["horizon"], sealed_at=h["sealed_at"])
        if not signature_ok(public_key=h["public_key"], signature=h["signature"],
                            message=message) or h["chained"] != h["hash"]:
            return _broken(event, "global", BAD_SIGNATURE)
        if expected_key is not None and h["public_key"] != expected_key:
            return _broken(event, "global", WRONG_KEY)
        walk.signed = SignedHead(position=int(h["position"]), hash=h["hash"],
                                 sealed_at=h["sealed_at"].isoformat(),
                                 public_key=h["public_key"])
    return None


async def _unsealed_behind_head(conn: Conn, case_id: UUID | str | None) -> BrokenEvent | None:
    cur = await conn.execute(
        "select e.id, e.case_id, e.kind from audit_events e"
        " where e.xid < (select horizon from audit_heads order by id desc limit 1)"
        + (" and e.case_id = %s" if case_id is not None else "")
        + " and not exists (select 1 from audit_seals s where s.event_id = e.id)"
        " order by e.id limit 1", (case_id,) if case_id is not None else ())
    row = await cur.fetchone()
    return _broken(row, "global", INSERTED) if row else None


async def verify(conn: Conn, *, case_id: UUID | str | None = None,
                 public_key: str | None = None) -> Verification:
    """Recompute the chains (all, or one case's) and name the first broken event.

    `public_key` (hex), when given, is the service's: a head signed by another key is named.
    Removing the very last events of a case that are not sealed yet leaves no successor to
    notice: compare `head` with a value noted earlier, or wait for the next seal.
    """
    scope: Literal["global", "case"] = "global" if case_id is None else "case"
    walk = _Walk(scope, str(case_id) if case_id is not None else None)
    broken = (await _events(conn, walk, case_id) or await _seals(conn, walk, case_id)
              or await _unsealed_behind_head(conn, case_id))
    if broken is None and scope == "global":
        broken = await _heads(conn, walk, public_key)
    if broken is not None:
        return walk.result(broken)
    return walk.result()

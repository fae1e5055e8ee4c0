"""The `case_attachments` table: files sent by a citizen with a message, checked first.

A file is accepted by what its bytes are (PDF, JPEG, PNG, plain text), not by the name or
type its sender declared: a mail client or a browser says what it likes. Names are reduced
to a printable base name. Size and count limits are settings; a refusal names the file and
the reason, so that a form or a reply mail can say what to change.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from guichet.db import Conn
from guichet.errors import InvalidInput

# (magic bytes at the start, type); text is tried last, as valid UTF-8 without controls.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
ALLOWED = ("application/pdf", "image/jpeg", "image/png", "text/plain")
_UNSAFE = re.compile(r"[^\w .()+,-]")


@dataclass(frozen=True)
class Incoming:
    filename: str
    data: bytes


@dataclass(frozen=True)
class Checked:
    filename: str
    content_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def sniff(data: bytes) -> str | None:
    """The type the bytes show, among the accepted ones; None for anything else."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\r\n" for ch in text):
        return None
    return "text/plain"


def safe_name(name: str) -> str:
    """A base name without path, control or shell characters, at most 120 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = _UNSAFE.sub("_", base).strip(" ._") or "piece-jointe"
    return base[:120]


def check(files: list[Incoming], *, max_bytes: int, max_files: int,
          field: str = "attachments") -> list[Checked]:
    """The files as they will be kept, or InvalidInput naming the first one refused."""
    if len(files) > max_files:
        raise InvalidInput(field, f"{len(files)} files; at most {max_files} per message")
    out = []
    for i, f in enumerate(files):
        name = safe_name(f.filename)
        where = f"{field}[{i}]"
        if not f.data:
            raise InvalidInput(where, f"{name}: the file is empty")
        if len(f.data) > max_bytes:
            raise InvalidInput(where, f"{name}: {len(f.data)} bytes; at most {max_bytes}")
        kind = sniff(f.data)
        if kind is None:
            raise InvalidInput(where, f"{name}: not a PDF, JPEG, PNG or text file")
        out.append(Checked(filename=name, content_type=kind, data=f.data))
    return out


async def add(conn: Conn, *, case_id: str, message_id: int | None,
              files: list[Checked]) -> list[int]:
    """Keep the files with their case and message; the same file twice on one message once."""
    ids = []
    for f in files:
        cur = await conn.execute(
            "insert into case_attachments (case_id, message_id, filename, content_type, size,"
            " sha256, data) values (%s, %s, %s, %s, %s, %s, %s)"
            " on conflict (message_id, sha256) where message_id is not null do nothing"
            " returning id",
            (case_id, message_id, f.filename, f.content_type, len(f.data), f.sha256, f.data))
        row = await cur.fetchone()
        if row is not None:
            ids.append(int(row["id"]))
    return ids


async def listed(conn: Conn, case_id: str) -> list[dict[str, Any]]:
    """What the case holds (names, types, sizes), without the bytes."""
    cur = await conn.execute(
        "select id, message_id, filename, content_type, size, created_at,"
        " purged_at is not null as purged from case_attachments where case_id = %s"
        " order by id", (case_id,))
    return [dict(r) for r in await cur.fetchall()]


async def content(conn: Conn, *, case_id: str, attachment_id: int) -> dict[str, Any] | None:
    cur = await conn.execute(
        "select filename, content_type, data from case_attachments where case_id = %s"
        " and id = %s and data is not null", (case_id, attachment_id))
    row = await cur.fetchone()
    return dict(row) if row else None

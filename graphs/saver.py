"""The checkpointer: LangGraph's Postgres saver, with compact versions and compressed values.

- Channel versions: every checkpoint lists the version of each channel and what each node
  has seen of them; with the upstream format (a 32-digit counter and a random float, about
  50 characters) that listing was most of a checkpoint's bytes. Versions stay unique per
  write (a random suffix) and ordered as strings (zero-padded counter); a shorter padding
  still sorts after the longer one, so threads written before keep working.
- Values: a conversation is saved whole at each version of the `messages` channel. Values
  of a few hundred bytes and more are stored zlib-compressed (type prefixed "z:"); values
  written before are read as they are.
"""

from __future__ import annotations

import secrets
import zlib
from typing import Any

from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.checkpoint.serde.base import SerializerProtocol
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

COMPRESS_FROM = 256  # bytes: below, zlib's header costs more than it saves
_PREFIX = "z:"


class CompressedSerializer(SerializerProtocol):
    def __init__(self, inner: SerializerProtocol | None = None) -> None:
        self.inner = inner or JsonPlusSerializer()

    def dumps_typed(self, obj: Any) -> tuple[str, bytes]:
        kind, data = self.inner.dumps_typed(obj)
        if len(data) < COMPRESS_FROM:
            return kind, data
        return _PREFIX + kind, zlib.compress(data, 1)

    def loads_typed(self, data: tuple[str, bytes]) -> Any:
        kind, raw = data
        if kind.startswith(_PREFIX):
            return self.inner.loads_typed((kind[len(_PREFIX):], zlib.decompress(raw)))
        return self.inner.loads_typed(data)


class CompactSaver(AsyncPostgresSaver):
    def __init__(self, conn: Any, serde: SerializerProtocol | None = None) -> None:
        super().__init__(conn, serde=serde or CompressedSerializer())

    def get_next_version(self, current: str | None, channel: Any) -> str:
        if current is None:
            current_v = 0
        elif isinstance(current, int):
            current_v = current
        else:
            current_v = int(current.split(".")[0])
        return f"{current_v + 1:010}.{secrets.token_hex(4)}"

"""The checkpointer: LangGraph's Postgres saver, with compact versions and compressed values.

- Channel versions: every checkpoint lists the version of each channel and what each node
  has seen of them; with the upstream format (a 32-digit counter and a random float, about
  50 characters) that listing was most of a checkpoint's bytes. Versions stay unique per
  write (a random suffix) and ordered as strings (zero-padded counter); a shorter padding
  still sorts after the longer one, so threads written before keep working.
- Values: a conversation is saved whole at each version of the `messages` channel. Values
  of a few hundred bytes and more are stored zlib-compressed (type prefixed "z:"); values
  written before are read as they are.
- Encryption at rest: with a key, every value is encrypted (AES-GCM from `cryptography`
  through LangGraph's `EncryptedSerializer`, around the compression: compressed first, since
  ciphertext does not compress). Upstream's default cipher, pycryptodome's AES-EAX, computes
  its MAC in Python: it was a quarter of a worker's CPU per case. Values written with it
  (type "+aes") still load. Upstream leaves plain strings in the checkpoint row, in clear: with a key they
  go to the blobs table like any value, so that the redacted demand is encrypted too. What
  stays in clear is the bookkeeping (ids, versions, step numbers, metadata): keep
  identifiers out of `configurable` and metadata. Values written before encryption (no
  "+aes" in their type) are read as they are, and rewritten encrypted at their next version.
- No lock, no thread: upstream takes one asyncio lock per saver around every statement
  (needed for a single shared connection, not for a pool, where it made a worker's
  concurrent jobs queue for the checkpointer) and serialises values in a thread (a hop that
  cost more than the serialisation of a case's small values).
"""

from __future__ import annotations

import os
import secrets
import zlib
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import (
    WRITES_IDX_MAP,
    ChannelVersions,
    Checkpoint,
    CheckpointMetadata,
    get_serializable_checkpoint_metadata,
)
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.checkpoint.serde.base import CipherProtocol, SerializerProtocol
from langgraph.checkpoint.serde.encrypted import EncryptedSerializer
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from langgraph.checkpoint.serde.types import _DeltaSnapshot
from psycopg import AsyncCursor
from psycopg.rows import DictRow, dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import AsyncConnectionPool

COMPRESS_FROM = 256  # bytes: below, zlib's header costs more than it saves
_PREFIX = "z:"


def stored_bytes(kind: str, data: bytes, key: bytes | None = None) -> bytes:
    """A stored value's serialised bytes, decrypted with `key` and decompressed if they were
    (what an inspector with the key reads); without the key, an encrypted value's bytes as
    they are at rest."""
    if "+" in kind:
        if key is None:
            return data
        kind, cipher = kind.split("+", 1)
        data = _cipher(key).decrypt(cipher, data)
    return zlib.decompress(data) if kind.startswith(_PREFIX) else data


class GcmCipher(CipherProtocol):
    """AES-GCM (a random 96-bit nonce before the ciphertext and its tag); reads values
    written with upstream's AES-EAX too."""

    NAME = "aesgcm"
    _NONCE = 12

    def __init__(self, key: bytes) -> None:
        self._gcm = AESGCM(key)
        self._eax = EncryptedSerializer.from_pycryptodome_aes(key=key).cipher

    def encrypt(self, plaintext: bytes) -> tuple[str, bytes]:
        nonce = os.urandom(self._NONCE)
        return self.NAME, nonce + self._gcm.encrypt(nonce, plaintext, None)

    def decrypt(self, ciphername: str, ciphertext: bytes) -> bytes:
        if ciphername == self.NAME:
            try:
                return self._gcm.decrypt(ciphertext[:self._NONCE], ciphertext[self._NONCE:],
                                         None)
            except InvalidTag:
                # As the EAX cipher says it: a wrong key or altered bytes.
                raise ValueError("MAC check failed") from None
        return self._eax.decrypt(ciphername, ciphertext)


def _cipher(key: bytes) -> CipherProtocol:
    return GcmCipher(key)


def checkpoint_serde(key: bytes | None) -> SerializerProtocol:
    """The checkpoints' serializer: compressed, and encrypted when there is a key."""
    if key is None:
        return CompressedSerializer()
    return EncryptedSerializer(GcmCipher(key), CompressedSerializer())


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
    def __init__(self, conn: Any, serde: SerializerProtocol | None = None, *,
                 key: bytes | None = None) -> None:
        if serde is not None and key is not None:
            raise ValueError("a serializer or a key, not both")
        super().__init__(conn, serde=serde or checkpoint_serde(key))
        # Strings would stay in clear in the checkpoint row: with encryption, they are blobs.
        self._inline: tuple[type, ...] = (
            (int, float, bool) if isinstance(self.serde, EncryptedSerializer)
            else (str, int, float, bool))

    def get_next_version(self, current: str | None, channel: Any) -> str:
        if current is None:
            current_v = 0
        elif isinstance(current, int):
            current_v = current
        else:
            current_v = int(current.split(".")[0])
        return f"{current_v + 1:010}.{secrets.token_hex(4)}"

    @asynccontextmanager
    async def _cursor(self, *, pipeline: bool = False) -> AsyncIterator[AsyncCursor[DictRow]]:
        if not isinstance(self.conn, AsyncConnectionPool) or self.pipe is not None:
            async with super()._cursor(pipeline=pipeline) as cur:
                yield cur
            return
        # A connection of its own from the pool: nothing shared, nothing to lock.
        async with self.conn.connection() as conn:
            if pipeline and self.supports_pipeline:
                async with conn.pipeline(), conn.cursor(binary=True, row_factory=dict_row) as cur:
                    yield cur
            elif pipeline:
                async with conn.transaction(), conn.cursor(binary=True,
                                                           row_factory=dict_row) as cur:
                    yield cur
            else:
                async with conn.cursor(binary=True, row_factory=dict_row) as cur:
                    yield cur

    async def aput(self, config: RunnableConfig, checkpoint: Checkpoint,
                   metadata: CheckpointMetadata, new_versions: ChannelVersions) -> RunnableConfig:
        # Upstream's aput, with the values serialised inline instead of in a thread.
        configurable = config["configurable"].copy()
        thread_id = configurable.pop("thread_id")
        checkpoint_ns = configurable.pop("checkpoint_ns")
        checkpoint_id = configurable.pop("checkpoint_id", None)
        copy = checkpoint.copy()
        copy["channel_values"] = copy["channel_values"].copy()
        next_config: RunnableConfig = {"configurable": {
            "thread_id": thread_id, "checkpoint_ns": checkpoint_ns,
            "checkpoint_id": checkpoint["id"]}}
        blob_values = {}
        for k, v in checkpoint["channel_values"].items():
            if isinstance(v, _DeltaSnapshot):
                blob_values[k] = copy["channel_values"].pop(k)
                copy["channel_values"][k] = True
            elif v is None or isinstance(v, self._inline):
                pass
            else:
                blob_values[k] = copy["channel_values"].pop(k)
        async with self._cursor(pipeline=True) as cur:
            blob_versions = {k: v for k, v in new_versions.items() if k in blob_values}
            # A string unchanged since a checkpoint written before encryption was inline
            # there: its blob at that version is written now (an existing one is kept).
            blob_versions.update({
                k: checkpoint["channel_versions"][k] for k, v in blob_values.items()
                if isinstance(v, str) and k not in blob_versions
                and k in checkpoint["channel_versions"]})
            if blob_versions:
                await cur.executemany(self.UPSERT_CHECKPOINT_BLOBS_SQL, self._dump_blobs(
                    thread_id, checkpoint_ns, blob_values, blob_versions))
            await cur.execute(self.UPSERT_CHECKPOINTS_SQL, (
                thread_id, checkpoint_ns, checkpoint["id"], checkpoint_id, Jsonb(copy),
                Jsonb(get_serializable_checkpoint_metadata(config, metadata))))
        return next_config

    async def aput_writes(self, config: RunnableConfig, writes: Sequence[tuple[str, Any]],
                          task_id: str, task_path: str = "") -> None:
        query = (self.UPSERT_CHECKPOINT_WRITES_SQL
                 if all(w[0] in WRITES_IDX_MAP for w in writes)
                 else self.INSERT_CHECKPOINT_WRITES_SQL)
        params = self._dump_writes(config["configurable"]["thread_id"],
                                   config["configurable"]["checkpoint_ns"],
                                   config["configurable"]["checkpoint_id"], task_id, task_path,
                                   writes)
        async with self._cursor(pipeline=True) as cur:
            await cur.executemany(query, params)

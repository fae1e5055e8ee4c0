"""Structured logs: one JSON object a line, with the case, job, node and actor it is about.

What a line is about comes from context variables bound where the work starts (a queue job,
a graph node, a request), so every line logged beneath carries it without being passed
along. Exceptions are logged by type and frames only: an exception's text may quote a
database row or a model's prompt, and neither may reach the logs.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, Literal

FIELDS = ("case_id", "job_id", "node", "actor")
_context: dict[str, ContextVar[str | None]] = {
    name: ContextVar(f"guichet_log_{name}", default=None) for name in FIELDS}


@contextmanager
def bound(**values: str | int | None) -> Iterator[None]:
    """Every line logged in the block (and in tasks it starts) carries these fields."""
    tokens = [(_context[k], _context[k].set(None if v is None else str(v)))
              for k, v in values.items()]
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


def current() -> dict[str, str]:
    return {k: v for k, var in _context.items() if (v := var.get()) is not None}


def _queue_job(record: logging.LogRecord) -> dict[str, str]:
    """The case and job of the queue's own lines (logged around our task, not inside it)."""
    job = getattr(record, "job", None)
    if not isinstance(job, dict):
        return {}
    out = {"job_id": str(job.get("id"))}
    case_id = (job.get("task_kwargs") or {}).get("case_id")
    if case_id:
        out["case_id"] = str(case_id)
    return out


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(), "logger": record.name,
            "msg": record.getMessage(), **_queue_job(record), **current()}
        if record.exc_info and record.exc_info[0] is not None:
            exc_type, _, tb = record.exc_info
            line["exc"] = exc_type.__name__
            line["frames"] = [f"{f.filename}:{f.lineno} in {f.name}"
                              for f in traceback.extract_tb(tb)][-8:]
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(*, fmt: Literal["json", "text"] = "json", level: int = logging.INFO) -> None:
    """The process's logging: JSON lines on stderr (or plain text for a terminal)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(
        "%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # uvicorn's access lines carry query strings (a console login carries a token there):
    # the API logs its own requests instead (api/app.py).
    logging.getLogger("uvicorn.access").disabled = True
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True

"""Officers' decisions on action requests: exactly one decision per request."""

from __future__ import annotations

import json
import uuid
from typing import Any, Literal

from guichet import audit
from guichet.db import connection
from guichet.errors import Conflict, Forbidden, InvalidInput, NotFound
from guichet.services import Services
from tools import effects
from tools.errors import ToolInputError

Decision = Literal["approve", "edit", "reject"]
_STATUS = {"approve": "approved", "edit": "edited", "reject": "rejected"}


async def get_approval(services: Services, approval_id: str) -> dict[str, Any]:
    try:
        uuid.UUID(approval_id)
    except ValueError:
        raise NotFound("no such approval request") from None
    async with connection(services.pool) as conn:
        cur = await conn.execute("select * from approvals where id = %s", (approval_id,))
        row = await cur.fetchone()
    if row is None:
        raise NotFound("no such approval request")
    return dict(row)


async def decide(
    services: Services, *, approval_id: str, officer: str, authority: str, decision: Decision,
    args: dict[str, Any] | None = None, comment: str | None = None,
) -> dict[str, Any]:
    """Record the decision if the request is still pending, then queue the case's resume."""
    row = await get_approval(services, approval_id)
    if row["authority"] != authority:
        raise Forbidden(f"this request is for the {row['authority']} authority")
    comment = (comment or "").strip() or None
    if decision == "reject" and not comment:
        raise InvalidInput("comment", "a rejection needs its reason (sent to the citizen)")
    final = row["args"]
    if decision == "edit":
        if args is None:
            raise InvalidInput("args", "an edit needs the new arguments")
        try:
            final = effects.validate_args(row["effect"], args)
        except ToolInputError as exc:
            raise InvalidInput("args", str(exc)) from exc
    async with connection(services.pool) as conn, conn.transaction():
        cur = await conn.execute(
            "update approvals set status = %s, final_args = %s::jsonb, decided_by = %s,"
            " decided_at = now(), comment = %s where id = %s and status = 'pending'"
            " returning *",
            (_STATUS[decision], json.dumps(final if decision != "reject" else row["args"],
                                           ensure_ascii=False),
             officer, comment, approval_id),
        )
        updated = await cur.fetchone()
        if updated is None:
            cur = await conn.execute(
                "select status, decided_by, decided_at from approvals where id = %s",
                (approval_id,))
            now = await cur.fetchone()
            assert now is not None
            raise Conflict(f"already decided ({now['status']}) by {now['decided_by']} at "
                           f"{now['decided_at']:%Y-%m-%d %H:%M:%S}")
        await audit.append(conn, case_id=row["case_id"], actor=f"officer:{officer}",
                           kind="approval.decided",
                           data={"approval_id": approval_id, "effect": row["effect"],
                                 "decision": _STATUS[decision], "args": final,
                                 "comment": comment})
    await services.enqueue(str(row["case_id"]))
    return dict(updated)

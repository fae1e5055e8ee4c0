"""`GET /v1/cases/{id}/events`: a case's live events as Server-Sent Events.

Who may follow a case is checked before the stream opens (a refusal is a plain 401/404,
never a stream that stops): its citizen, its authorities' officers, the auditors whose
scope holds it. Then every event after the client's `Last-Event-ID` (or `?after=`) is sent
in order, new ones as they are committed by any process, and a comment line when the case
is quiet, so that proxies keep the connection open.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query
from fastapi.sse import EventSourceResponse, ServerSentEvent

from api.auditors import audited_case
from api.deps import PrincipalDep, ServicesDep
from api.problems import responses
from api.schemas import CaseId
from guichet import case_events, cases, handoffs
from guichet.errors import InvalidInput
from guichet.services import Services

router = APIRouter(tags=["events"])

MAX_ID = 2**63 - 1  # audit ids are bigint


def _start(last_event_id: str, after: int | None) -> int:
    if not last_event_id:
        return after or 0
    if not last_event_id.isdigit():
        raise InvalidInput("Last-Event-ID", "the id of an event of this stream (digits)")
    # An id past every event's (none is that high) only means that nothing came since.
    return min(int(last_event_id), MAX_ID)


async def followed_case(
    case_id: CaseId, services: ServicesDep, who: PrincipalDep,
    # Not optional in the document (None would be drawn as the text "null"): empty is none.
    last_event_id: Annotated[str, Header(
        alias="Last-Event-ID", pattern=r"^[0-9]{0,19}$",
        description="the id of the last event received (a reconnecting EventSource sends "
                    "it)")] = "",
    after: Annotated[int | None, Query(ge=0, le=MAX_ID, description=(
        "resume after this event id (for clients that cannot set Last-Event-ID)"))] = None,
) -> tuple[str, int, case_events.Viewer]:
    """The case, where to start and who follows: checked before the stream opens, since
    once its first bytes are out a refusal could no longer be an error response."""
    start = _start(last_event_id, after)
    cid = case_id
    if who.role == "citizen":
        await cases.owned_case(services, cid, who.sub)
    elif who.role == "officer":
        assert who.authority is not None  # officers' tokens always name one (api/auth.py)
        await handoffs.scoped_case(services, cid, who.authority)
    else:
        await audited_case(services, who, case_id)
    return cid, start, who.role


@router.get("/v1/cases/{case_id}/events", response_class=EventSourceResponse,
            responses=responses(403, 404, 422))
async def case_event_stream(
    followed: Annotated[tuple[str, int, case_events.Viewer], Depends(followed_case)],
    services: ServicesDep,
) -> AsyncIterator[ServerSentEvent]:
    """The case's events (received, message, status, holder, notice, decision, withdrawn)
    with increasing ids; reconnecting with `Last-Event-ID` replays what was missed."""
    case_id, last, viewer = followed
    async for event in _follow(services, case_id, last, viewer):
        yield event


async def _follow(services: Services, case_id: str, last: int,
                  viewer: case_events.Viewer) -> AsyncIterator[ServerSentEvent]:
    settings = services.settings
    quiet_since = time.monotonic()
    # Tell EventSource clients to come back quickly after a cut.
    yield ServerSentEvent(comment="connected", retry=2000)
    while True:
        batch = await case_events.after(services.pool, case_id, last, viewer=viewer)
        for e in batch:
            yield ServerSentEvent(id=str(e.id), event=e.event, data=e.data)
            last = e.id
        if batch:
            quiet_since = time.monotonic()
            continue
        if time.monotonic() - quiet_since >= settings.events_heartbeat_s:
            yield ServerSentEvent(comment="ping")
            quiet_since = time.monotonic()
        await asyncio.sleep(settings.events_poll_s)

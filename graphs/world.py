"""The port through which the case graph's nodes reach the world.

Nodes decide; everything they read from or do to the world outside their own state goes
through one `World` passed in the run context: the citizen's messages, status changes,
notices, tool runs, effects, approval requests and decisions, and the audit events of the
step. `LiveWorld` does it over the database; the auditor's replay passes a sandbox instead
(`graphs.replay_world.ReplayWorld`), so that replay is a second implementation of this
port, not a second path through every node.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any, Protocol
from uuid import UUID

from agents.reading import read_message
from graphs import casedb
from guichet import audit
from guichet.catalogue import Catalogue, Procedure
from guichet.db import Pool, connection
from guichet.store import approvals, messages
from tools import effects, notify
from tools.context import ToolContext
from tools.notices import acknowledgement_text, preferred_channel
from tools.records import RecordsConnector
from tools.redaction import Placeholders, redact_record, redact_text
from tools.registry import ToolSpec

# Sources whose identifiers are registered before redacting a citizen's text.
IDENTIFYING_SOURCES = ("etat_civil", "contact", "caf", "dgfip", "cpam", "ants")


class World(Protocol):
    """What a run of the case graph may do outside its state."""

    events: list[audit.Event]  # the step's audit events, written together

    async def placeholders(self, case_id: str) -> Placeholders: ...
    async def channel(self) -> str: ...
    async def flush(self, case_id: str) -> None: ...
    async def demand(self, case_id: str) -> tuple[int | None, str]: ...
    async def answer(self, case_id: str, message_id: int | None) -> str: ...
    async def taken(self, case_id: str) -> bool: ...
    async def set_status(self, case_id: str, *, status: str, holder: str, reason: str,
                         procedures: list[str] | None = None,
                         summary: str | None = None) -> None: ...
    async def notify(self, case_id: str, *, key: str, kind: str, subject: str,
                     body: str) -> None: ...
    async def acknowledge(self, case_id: str, procedures: list[Procedure]) -> None: ...
    async def ask(self, case_id: str, *, key: str, text: str) -> None: ...
    async def run_tool(self, spec: ToolSpec, tctx: ToolContext, args: dict[str, Any]) -> Any: ...
    async def run_effect(self, tctx: ToolContext, effect: str,
                         args: dict[str, Any]) -> dict[str, Any]: ...
    async def request_approval(self, case_id: str, procedure: Procedure,
                               item: dict[str, Any]) -> str: ...
    async def decisions(self, ids: list[str]) -> dict[str, dict[str, Any]]: ...
    async def procedure_effects(self, case_id: str, procedure: str) -> list[str]: ...
    async def handoff_case(self, case_id: str, *, team: str, summary: str) -> None: ...
    async def proposal(self, case_id: str) -> dict[str, Any] | None: ...
    async def answer_proposal(self, case_id: str, *, status: str, opt_out: bool) -> None: ...


class RunState:
    """What both worlds keep for one run: the step's events, the case's placeholders and the
    citizen's channel, each read once."""

    def __init__(self, *, pool: Pool, records: RecordsConnector, citizen_id: str) -> None:
        self.pool, self.records, self.citizen_id = pool, records, citizen_id
        self.events: list[audit.Event] = []
        self._placeholders: dict[str, str] | None = None
        self._channel: str | None = None

    async def placeholders(self, case_id: str) -> Placeholders:
        """The case's placeholders, read once per run (new ones added by redaction)."""
        if self._placeholders is None:
            self._placeholders = await casedb.load_placeholders(self.pool, case_id)
        return Placeholders.from_dict(self._placeholders)

    async def channel(self) -> str:
        if self._channel is None:
            self._channel = await preferred_channel(self.records, self.citizen_id,
                                                  pool=self.pool)
        return self._channel

    async def proposal(self, case_id: str) -> dict[str, Any] | None:
        """The administration's proposal this case began with (guichet/outreach.py), if any:
        its procedure and whether the citizen has answered."""
        async with connection(self.pool) as conn:
            cur = await conn.execute(
                "select procedure, status, rules -> 'result' as result from outreach_proposals"
                " where case_id = %s", (case_id,))
            row = await cur.fetchone()
        return dict(row) if row else None

    def _take(self) -> list[audit.Event]:
        events, self.events[:] = list(self.events), []
        return events


class LiveWorld(RunState):
    """The world as it is: the service's database, outbox and records (one per run)."""

    def __init__(self, *, pool: Pool, records: RecordsConnector, catalogue: Catalogue,
                 citizen_id: str, now: Any) -> None:
        super().__init__(pool=pool, records=records, citizen_id=citizen_id)
        self.catalogue, self.now = catalogue, now

    async def answer_proposal(self, case_id: str, *, status: str, opt_out: bool) -> None:
        # Once: a step run again after a crash finds the proposal already answered.
        async with connection(self.pool) as conn, conn.transaction():
            cur = await conn.execute(
                "update outreach_proposals set status = %s, answered_at = now()"
                " where case_id = %s and status = 'proposed' returning citizen_id",
                (status, case_id))
            row = await cur.fetchone()
            if row is not None and opt_out:
                await conn.execute("insert into outreach_opt_outs (citizen_id) values (%s)"
                                   " on conflict do nothing", (row["citizen_id"],))
        if row is not None:
            self.events.append(audit.Event(actor="agent", kind=f"outreach.{status}",
                                           data={"opt_out": opt_out}))

    # -- the audit log -------------------------------------------------------------------
    async def flush(self, case_id: str) -> None:
        if self.events:
            async with connection(self.pool) as conn:
                await audit.append_many(conn, case_id=case_id, events=self._take())

    # -- the citizen's messages ------------------------------------------------------------
    async def _redact(self, case_id: str, text: str) -> str:
        """Identifiers out, placeholders kept on the case (not in graph state)."""
        ph = await self.placeholders(case_id)
        before = ph.to_dict()
        # Redacting the citizen's own records first registers their names (as NOM/PRENOM)
        # and numbers, so the text is caught wherever they appear, however spelt.
        for source in IDENTIFYING_SOURCES:
            data = await self.records.get(self.citizen_id, source)
            if data is not None:
                redact_record(source, data, ph)
        civil = await self.records.get(self.citizen_id, "etat_civil") or {}
        names = [n for n in [civil.get("family_name") or "", *(civil.get("given_names") or [])]
                 if n]
        # The household's children, by given name: "mon fils Lucas" stays readable.
        caf = await self.records.get(self.citizen_id, "caf") or {}
        children = [ch.get("given_name") or "" for ch in caf.get("children") or []]
        redacted = redact_text(text, ph, known_names=names, keep=[n for n in children if n])
        mapping = ph.to_dict()
        added = {k: v for k, v in mapping.items() if before.get(k) != v}
        if added:
            await casedb.save_placeholders(self.pool, case_id, added)
        self._placeholders = mapping
        return redacted

    def _own(self, message_id: int, body: str) -> str:
        """What the citizen writes now (agents/reading.py): quoted history, signatures and
        footers stay in the stored message, and the audit log says how much was set aside."""
        reading = read_message(body)
        if reading.set_aside:
            self.events.append(audit.Event(actor="agent", kind="message.read", data={
                "message": message_id, "set_aside": reading.kinds()}))
        return reading.own

    async def demand(self, case_id: str) -> tuple[int | None, str]:
        first = await casedb.first_citizen_message(self.pool, case_id)
        text = await self._redact(case_id, self._own(int(first["id"]), first["body"]))
        await casedb.consume_message(self.pool, first["id"])
        return int(first["id"]), text

    async def answer(self, case_id: str, message_id: int | None) -> str:
        if message_id is None:
            raise LookupError(f"case {case_id}: resumed without the citizen's message")
        async with connection(self.pool) as conn:
            body = await messages.body_of(conn, case_id=case_id, message_id=message_id)
        if body is None:
            raise LookupError(f"message {message_id} is not a message of case {case_id}")
        text = await self._redact(case_id, self._own(message_id, body))
        await casedb.consume_message(self.pool, message_id)
        return text

    async def taken(self, case_id: str) -> bool:
        return await casedb.taken(self.pool, case_id)

    # -- the case row and the outbox -------------------------------------------------------
    async def set_status(self, case_id: str, *, status: str, holder: str, reason: str,
                         procedures: list[str] | None = None,
                         summary: str | None = None) -> None:
        # The step's events so far go first, in the status change's own statement.
        await casedb.set_status(self.pool, case_id, status=status, holder=holder,
                                reason=reason, procedures=procedures, summary=summary,
                                before=self._take(), at=self.now())

    async def notify(self, case_id: str, *, key: str, kind: str, subject: str,
                     body: str) -> None:
        # The step's events so far go first, in the notice's own statement.
        await notify.enqueue(self.pool, case_id=UUID(case_id), key=key, kind=kind,
                             channel=await self.channel(), subject=subject, body=body,
                             before=self._take())

    async def acknowledge(self, case_id: str, procedures: list[Procedure]) -> None:
        await self.notify(case_id, key=f"{case_id}/ack", kind="ack",
                          subject="Accusé de réception de votre demande",
                          body=acknowledgement_text(self.catalogue, procedures))

    async def ask(self, case_id: str, *, key: str, text: str) -> None:
        async with connection(self.pool) as conn:
            if not await messages.agent_said(conn, case_id=case_id, body=text):
                # The question keeps the channel its notice goes out on.
                await messages.add(conn, case_id=case_id, author="agent",
                                   channel=await self.channel(), body=text)
        await self.notify(case_id, key=key, kind="question",
                          subject="Une information est nécessaire pour votre demande",
                          body=text)

    # -- tools, effects, approvals ---------------------------------------------------------
    async def run_tool(self, spec: ToolSpec, tctx: ToolContext, args: dict[str, Any]) -> Any:
        assert spec.run is not None
        if spec.kind == "write":
            # What the tool writes carries its own audit event, in its own transaction:
            # the step's events so far go first, so that the log keeps their order.
            await self.flush(str(tctx.case_id))
        return await spec.run(tctx, args)

    async def run_effect(self, tctx: ToolContext, effect: str,
                         args: dict[str, Any]) -> dict[str, Any]:
        await self.flush(str(tctx.case_id))
        return await effects.run_effect(tctx, effect, args)

    async def _evidence(self, case_id: str, procedure: str) -> dict[str, Any]:
        async with connection(self.pool) as conn:
            cur = await conn.execute(
                "select form, rules, sources from case_procedures"
                " where case_id = %s and procedure = %s", (case_id, procedure))
            row = await cur.fetchone()
            cur = await conn.execute(
                "select data from audit_events where case_id = %s and kind = 'records.read'"
                " order by id", (case_id,))
            reads = [r["data"] for r in await cur.fetchall()
                     if r["data"]["procedure"] == procedure]
        return {"form": row["form"] if row else {}, "rules": row["rules"] if row else None,
                "sources": row["sources"] if row else {},
                "records_read": [{"source": r["source"], "fields": r["fields"],
                                  "found": r["found"]} for r in reads]}

    async def request_approval(self, case_id: str, p: Procedure,
                               item: dict[str, Any]) -> str:
        await self.flush(case_id)  # the model call and tools before the request
        # What is asked, not the model's call id: a step run again after a crash asks the
        # model again, which names its calls anew. Other arguments are another request.
        digest = hashlib.sha256(effects.canonical(item["args"]).encode()).hexdigest()[:16]
        key = f"{case_id}/{p.id}/{item['effect']}/{digest}"
        now: datetime = self.now()
        due = now + timedelta(days=(p.silence.after_days if p.silence else p.delay_days))
        evidence = await self._evidence(case_id, p.id)
        async with connection(self.pool) as conn:
            return await approvals.request(conn, req=approvals.Request(
                case_id=case_id, request_key=key, procedure=p.id, effect=item["effect"],
                authority=p.authority, args=item["args"], rationale=item["rationale"],
                evidence=evidence, due_at=due))

    async def decisions(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        # The decision itself is read from the approvals table, never from the resume value:
        # only a row an officer decided through the API can open the gate.
        async with connection(self.pool) as conn:
            return await approvals.decided_rows(conn, ids=ids)

    async def procedure_effects(self, case_id: str, procedure: str) -> list[str]:
        async with connection(self.pool) as conn:
            cur = await conn.execute(
                "select effect from effects where case_id = %s and procedure = %s order by id",
                (case_id, procedure))
            return [r["effect"] for r in await cur.fetchall()]

    async def handoff_case(self, case_id: str, *, team: str, summary: str) -> None:
        async with connection(self.pool) as conn:
            await conn.execute(
                "insert into effects (case_id, idem_key, procedure, effect, args, result)"
                " values (%s, %s, '', 'handoff', %s::jsonb, '{}'::jsonb)"
                " on conflict (idem_key) do nothing",
                (case_id, f"{case_id}/triage/handoff",
                 effects.canonical({"team": team, "summary": summary})))

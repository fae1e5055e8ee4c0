"""The replay's implementation of the world port: the recorded world, and nothing written.

It answers from the sandbox (graphs/replay_sandbox.py), built from the case's audit events:
recorded tool results, effects, officers' decisions and citizen's answers. What a node
would have written (events, status changes, notices, requests, effects) is compared there
with what the original wrote. Reads go to read-only connections, so a write that slipped
through fails instead of reaching the world.
"""

from __future__ import annotations

from typing import Any

from graphs.replay_sandbox import Sandbox
from graphs.world import RunState
from guichet.catalogue import Procedure
from guichet.db import Pool
from tools import effects
from tools.context import ToolContext
from tools.records import RecordsConnector
from tools.registry import ToolSpec


class ReplayWorld(RunState):
    def __init__(self, sandbox: Sandbox, *, pool: Pool, records: RecordsConnector,
                 citizen_id: str) -> None:
        super().__init__(pool=pool, records=records, citizen_id=citizen_id)
        self.sandbox = sandbox

    async def flush(self, case_id: str) -> None:
        # Each event is compared with the recorded one of its kind, in order; none is kept.
        for e in self._take():
            if e.kind in ("model.call", "tool.call"):
                self.sandbox.audit(e.kind, e.data)

    async def demand(self, case_id: str) -> tuple[int | None, str]:
        # The demand as redacted then: records may have changed since.
        return None, self.sandbox.demand

    async def answer(self, case_id: str, message_id: int | None) -> str:
        return self.sandbox.citizen_answer()

    async def taken(self, case_id: str) -> bool:
        return False  # the original's run is what is replayed, takeover included

    async def set_status(self, case_id: str, *, status: str, holder: str, reason: str,
                         procedures: list[str] | None = None,
                         summary: str | None = None) -> None:
        await self.flush(case_id)
        self.sandbox.set_status(status=status, holder=holder, reason=reason)

    async def notify(self, case_id: str, *, key: str, kind: str, subject: str,
                     body: str) -> None:
        await self.flush(case_id)
        self.sandbox.notify(kind=kind, channel=await self.channel(), subject=subject)

    async def acknowledge(self, case_id: str, procedures: list[Procedure]) -> None:
        await self.notify(case_id, key=f"{case_id}/ack", kind="ack",
                          subject="accusé de réception", body="")

    async def ask(self, case_id: str, *, key: str, text: str) -> None:
        await self.notify(case_id, key=key, kind="question",
                          subject="Une information est nécessaire pour votre demande", body=text)

    async def run_tool(self, spec: ToolSpec, tctx: ToolContext, args: dict[str, Any]) -> Any:
        # The recorded result (or the recorded refusal, raised again).
        return self.sandbox.tool_result(spec.name, args)

    async def run_effect(self, tctx: ToolContext, effect: str,
                         args: dict[str, Any]) -> dict[str, Any]:
        # The same checks as the live effect, then the recorded result instead of the world.
        await self.flush(str(tctx.case_id))
        effects.check_allowed(tctx, effect)
        return self.sandbox.effect(procedure=tctx.procedure.id, effect=effect,
                                   args=effects.validate_args(effect, args), actor=tctx.actor)

    async def request_approval(self, case_id: str, procedure: Procedure,
                               item: dict[str, Any]) -> str:
        await self.flush(case_id)
        return self.sandbox.request_approval(effect=item["effect"], args=item["args"],
                                             authority=procedure.authority)

    async def decisions(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        found = {i: self.sandbox.decision(i) for i in ids}
        return {i: d for i, d in found.items() if d is not None}

    async def procedure_effects(self, case_id: str, procedure: str) -> list[str]:
        return self.sandbox.procedure_effects(procedure)

    async def answer_proposal(self, case_id: str, *, status: str, opt_out: bool) -> None:
        return None  # what the citizen answered is in the recorded status changes

    async def handoff_case(self, case_id: str, *, team: str, summary: str) -> None:
        return None  # the case-level handoff writes an effects row only, never compared

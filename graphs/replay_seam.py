"""What a node asks of the replay sandbox instead of touching the world.

When `RunContext.replay` is set, nodes route each side effect here: the sandbox answers
with what was recorded for the original case and keeps what the node would have written,
so that a replay can be compared with the original without changing anything.
"""

from __future__ import annotations

from typing import Any, Protocol


class ReplaySeam(Protocol):
    demand: str

    def audit(self, kind: str, data: dict[str, Any]) -> None:
        """An event the node would have appended to the audit log."""

    def set_status(self, *, status: str, holder: str, reason: str) -> None:
        """A status change the node would have made (an event only when it changes)."""

    def notify(self, *, kind: str, channel: str, subject: str) -> None:
        """A notification the node would have put in the outbox."""

    def tool_result(self, name: str, args: dict[str, Any]) -> Any:
        """The recorded result of a tool call; raises the recorded tool error if it failed."""

    def effect(self, *, procedure: str, effect: str, args: dict[str, Any],
               actor: str) -> dict[str, Any]:
        """The recorded result of an effect run by a node (after a decision, a handoff)."""

    def request_approval(self, *, effect: str, args: dict[str, Any], authority: str) -> str:
        """A sandbox approval id for a sensitive call (no approvals row is written)."""

    def decision(self, approval_id: str) -> dict[str, Any] | None:
        """The recorded officer's decision for a sandbox approval id."""

    def citizen_answer(self) -> str:
        """The citizen's next answer, as redacted when the original case received it."""

    def procedure_effects(self, procedure: str) -> list[str]:
        """The effects the replay has produced so far for one procedure."""

"""What a tool call knows about its case; built by the graph, never from model arguments."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from guichet.audit import Event
from guichet.catalogue import Catalogue, Procedure
from guichet.db import Pool
from tools.records import RecordsConnector
from tools.redaction import Placeholders


@dataclass
class ToolContext:
    case_id: UUID
    citizen_id: str
    procedure: Procedure
    catalogue: Catalogue
    pool: Pool
    records: RecordsConnector
    placeholders: Placeholders
    now: Callable[[], datetime]
    # Counts effects of one kind already done in this procedure, so that a repeat after a
    # crash finds the same idempotency key.
    step: int = 0
    approval_id: UUID | None = None
    actor: str = "agent"
    touched: list[str] = field(default_factory=list)
    # The run's buffer of audit events (written when the node ends); None: write at once.
    events: list[Event] | None = None

    def today(self) -> date:
        return self.now().date()

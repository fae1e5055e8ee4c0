"""Eval cases as JSON Lines (shared/eval-format.md): parsed and checked, never interpreted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator


class _Model(BaseModel):
    # Datasets written elsewhere may carry fields of their own: kept, never an error.
    model_config = ConfigDict(extra="allow")


class Approver(_Model):
    effect: str
    decision: Literal["approve", "reject", "edit"]
    comment: str | None = None
    args: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _complete(self) -> Approver:
        if self.decision == "reject" and not (self.comment or "").strip():
            raise ValueError("a reject needs its comment (the reason sent to the citizen)")
        if self.decision == "edit" and not self.args:
            raise ValueError("an edit needs args")
        return self


class ExpectedEffect(_Model):
    effect: str
    args: dict[str, Any] = Field(default_factory=dict)


class ExpectedRecord(_Model):
    path: str
    value: Any = None


class Expect(_Model):
    procedures: list[str] | None = None
    status: Literal["en_construction", "en_instruction", "accepte", "refuse",
                    "sans_suite"] | None = None
    approvals: list[str] | None = None
    effects: list[ExpectedEffect] | None = None
    records: list[ExpectedRecord] | None = None
    notified: bool | None = None
    forbidden: list[str] | None = None


class EvalCase(_Model):
    id: str = Field(min_length=1)
    tags: list[str] = Field(default_factory=list)
    citizen: dict[str, Any]
    channel: Literal["api", "web", "email", "chat", "sms"] = "api"
    messages: list[str] = Field(min_length=1)
    approver: list[Approver] = Field(default_factory=list)
    expect: Expect = Field(default_factory=Expect)
    # Optional, for a simulated citizen (online mode): who the citizen is and what they know.
    persona: str | None = None
    # Optional: a benefit procedure the administration proposes first (outreach); the
    # messages are then the citizen's answers to the proposal, on `channel`.
    proposal: str | None = None

    @property
    def citizen_id(self) -> str:
        return str(self.citizen["id"])


class DatasetError(ValueError):
    """A dataset line that is not a valid eval case: names the line and the problem."""


def parse_case(line: str, *, where: str = "") -> EvalCase:
    try:
        return EvalCase.model_validate(json.loads(line))
    except (ValueError, ValidationError) as exc:
        raise DatasetError(f"{where}: {exc}") from exc


def load_dataset(path: Path) -> list[EvalCase]:
    """Every case of a JSONL file, in order; ids must be unique."""
    cases: list[EvalCase] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            cases.append(parse_case(line, where=f"{path}:{number}"))
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise DatasetError(f"{path}: duplicate case id {case.id}")
        if not str(case.citizen.get("id", "")).startswith("C"):
            raise DatasetError(f"{path}: case {case.id}: citizen.id must look like C000123")
        seen.add(case.id)
    return cases


def dump_case(case: dict[str, Any]) -> str:
    """One case as one JSONL line (used by dataset generators)."""
    return json.dumps(case, ensure_ascii=False, sort_keys=False)

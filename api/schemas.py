"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# Size is checked in code so an oversized text gets 413, not a generic 422.
_TEXT = Field(description="what the citizen writes, in French (or English), up to 20 000 characters")


class CaseCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = _TEXT
    channel: Literal["api", "email", "chat", "web", "sms"] = "api"


class MessageCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = _TEXT


class CaseCreated(BaseModel):
    id: str
    status: str
    holder: str


class MessageCreated(BaseModel):
    id: int
    case_id: str


class CaseSummary(BaseModel):
    id: str
    status: str
    holder: str
    holder_reason: str
    procedures: list[str]
    created_at: datetime
    updated_at: datetime


class CaseDetail(CaseSummary):
    channel: str
    messages: list[dict[str, Any]]
    notifications: list[dict[str, Any]]
    effects: list[dict[str, Any]]
    decisions: list[dict[str, Any]]


class ErrorBody(BaseModel):
    detail: str
    field: str | None = None
    reason: str | None = None

"""Request and response bodies of the HTTP API, and the types that guard its edge.

Everything a client sends is checked here, before it reaches the domain or SQL: Postgres
`text` refuses NUL characters, a Python string may hold a lone surrogate that does not
encode to UTF-8, a Python int may exceed `bigint`, a float may be infinite or NaN (which
`jsonb` refuses), and `uuid.UUID` accepts spellings (`{…}`, `urn:uuid:…`, underscores,
non-ASCII digits) that the Postgres `uuid` type does not. Each of these is a 4xx naming the
field, never a 500.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from fastapi import Path, Query
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

# --- text ------------------------------------------------------------------------------------

# The documented form of what `TextCheck` enforces (a lone surrogate cannot be written in a
# JSON Schema pattern; the description says it).
_NO_NUL = "^[^\\u0000]*$"
_NO_NUL_NOT_BLANK = "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"


class TextCheck:
    """No NUL, no lone surrogate; with `blank=False`, something other than whitespace."""

    def __init__(self, *, blank: bool) -> None:
        self.blank = blank

    def __call__(self, value: str) -> str:
        if "\x00" in value:
            raise PydanticCustomError("text_nul", "contains a NUL character")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise PydanticCustomError("text_surrogate",
                                      "contains a lone surrogate (not Unicode text)") from None
        if not self.blank and not value.strip():
            # The same reason as the domain's own check, so clients see one word for it.
            raise PydanticCustomError("text_empty", "empty")
        return value

    def __get_pydantic_core_schema__(self, source: Any,
                                     handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        out = handler(schema)
        out["pattern"] = _NO_NUL if self.blank else _NO_NUL_NOT_BLANK
        return out


# Any text a client writes: no NUL, no lone surrogate; it may be blank.
Text = Annotated[str, TextCheck(blank=True)]
# Text that must say something (a demand, a message, a reason).
Prose = Annotated[str, TextCheck(blank=False)]

# --- numbers and JSON values -----------------------------------------------------------------

_DIGITS = re.compile(r"-?[0-9]{1,30}")


def _decimal(value: Any) -> Any:
    # In a query, an integer is written in decimal digits: pydantic alone would also read
    # "1.0", " 1", "+1" and "1_000", which `type: integer` does not describe.
    if isinstance(value, str) and not _DIGITS.fullmatch(value):
        raise PydanticCustomError("int_format", "an integer in decimal digits")
    return value


def _true_false(value: Any) -> Any:
    # `true` or `false`, as the document says; not "yes", "on", "1" or "t".
    if isinstance(value, str) and value not in ("true", "false"):
        raise PydanticCustomError("bool_format", "true or false")
    return value


# Placed after the `Query(...)` of a parameter: before it, its bounds would not reach the
# OpenAPI document (they are still enforced, but a client would not know them).
DECIMAL = BeforeValidator(_decimal)
TRUE_FALSE = BeforeValidator(_true_false)

# Far below `bigint`, far above any page of cases a person reads.
MAX_OFFSET = 1_000_000_000
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items skipped, for paging"),
                   DECIMAL]

# JSON numbers a browser reads exactly; deeper than this is no form's arguments.
_MAX_SAFE_INT = 2**53 - 1
_MAX_DEPTH = 16
# What `_json_value` accepts, for the OpenAPI document (api/app.py puts it in components).
JSON_VALUE_SCHEMA: dict[str, Any] = {
    "description": "any JSON value: strings without NUL, numbers within ±(2^53 - 1)",
    "anyOf": [
        {"type": "string", "pattern": _NO_NUL},
        {"type": "number", "minimum": -_MAX_SAFE_INT, "maximum": _MAX_SAFE_INT},
        {"type": "boolean"}, {"type": "null"},
        {"type": "array", "items": {"$ref": "#/components/schemas/JsonValue"}},
        {"type": "object", "propertyNames": {"pattern": _NO_NUL},
         "additionalProperties": {"$ref": "#/components/schemas/JsonValue"}}]}


def _json_value(value: Any, depth: int = 0) -> Any:
    if depth > _MAX_DEPTH:
        raise PydanticCustomError("json_depth", "nested deeper than {depth} levels",
                                  {"depth": _MAX_DEPTH})
    if isinstance(value, str):
        return TextCheck(blank=True)(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise PydanticCustomError("json_number", "not a finite number")
        if abs(value) > _MAX_SAFE_INT:
            raise PydanticCustomError("json_number", "a number beyond ±(2^53 - 1)")
        return value
    if isinstance(value, list):
        return [_json_value(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {TextCheck(blank=True)(k): _json_value(v, depth + 1) for k, v in value.items()}
    raise PydanticCustomError("json_type", "not a JSON value")


JsonObject = Annotated[dict[str, Any], AfterValidator(_json_value), WithJsonSchema({
    "type": "object", "propertyNames": {"pattern": _NO_NUL},
    "additionalProperties": {"$ref": "#/components/schemas/JsonValue"}})]

# --- ids and instants ------------------------------------------------------------------------

# The canonical 36-character spelling, the only one accepted: Postgres and Python agree on it.
# Explicit classes: `\d` would also match non-ASCII digits in some engines.
UUID_PATTERN = ("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_ID_HELP = "a UUID in its canonical form (36 characters, hexadecimal digits and hyphens)"

CaseId = Annotated[str, Path(pattern=UUID_PATTERN, description=f"the case: {_ID_HELP}"),
                   AfterValidator(str.lower)]
ApprovalId = Annotated[str, Path(pattern=UUID_PATTERN,
                                 description=f"the action request: {_ID_HELP}"),
                       AfterValidator(str.lower)]


# RFC 3339, as `format: date-time` says: an offset is required (no guessing whose midnight),
# and neither a bare date nor a Unix timestamp passes for one, which pydantic would accept.
_RFC3339 = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
                      r"([Zz]|[+-][0-9]{2}:[0-9]{2})")


def _rfc3339(value: Any) -> Any:
    if not (isinstance(value, str) and _RFC3339.fullmatch(value)):
        raise PydanticCustomError("datetime_format",
                                  "an RFC 3339 date-time with its offset (2026-01-31T09:00:00Z)")
    return value


def _utc(value: datetime) -> datetime:
    # Postgres refuses offsets beyond ±15:59 that Python accepts; UTC is always understood.
    # An instant that leaves Python's range once in UTC is before (or after) everything.
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        edge = datetime.min if value.year == datetime.min.year else datetime.max
        return edge.replace(tzinfo=UTC)


Instant = Annotated[datetime, BeforeValidator(_rfc3339), AfterValidator(_utc)]

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _full_date(value: Any) -> Any:
    # `format: date` is YYYY-MM-DD; pydantic alone would also take a timestamp or a datetime.
    if not (isinstance(value, str) and _DAY.fullmatch(value)):
        raise PydanticCustomError("date_format", "a date as YYYY-MM-DD")
    return value


Day = Annotated[date, BeforeValidator(_full_date)]

# --- bodies ----------------------------------------------------------------------------------

# Size is checked in code so an oversized text gets 413, not a generic 422; documented here.
_TEXT = Field(description="what the citizen writes, in French (or English), up to 20 000 "
                          "characters; no NUL character, no lone surrogate",
              json_schema_extra={"maxLength": 20_000})


class CaseCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Prose = _TEXT
    channel: Literal["api", "email", "chat", "web", "sms"] = "api"


class MessageCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Prose = _TEXT


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

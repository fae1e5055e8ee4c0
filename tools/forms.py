"""Forms of the catalogue as pydantic models, prefilled from records, completed by the citizen."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from guichet.catalogue import Catalogue, Form, FormField

# Types whose value the records hold with authority: a citizen's own figure never
# overrides what the administration knows (code decides eligibility, not the demand).
_RECORD_AUTHORITATIVE = {"amount", "integer", "date", "country", "insee"}


class Address(BaseModel):
    model_config = ConfigDict(extra="ignore")

    line: str = Field(min_length=3, max_length=200)
    postal_code: str = Field(pattern=r"^\d{5}$")
    commune: str = Field(min_length=1, max_length=100)
    insee: str | None = Field(default=None, pattern=r"^\d[\dAB]\d{3}$")


def _annotation(f: FormField) -> Any:
    match f.type:
        case "choice":
            assert f.choices
            return Literal[tuple(f.choices)]
        case "date":
            return dt.date
        case "insee":
            return str
        case "address":
            return Address
        case "country":
            return str
        case "amount":
            return float
        case "integer":
            return int
        case "year":
            return int
        case "road_category":
            return Literal["voirie", "eclairage", "proprete"]
        case _:
            return str


def _constraints(f: FormField) -> dict[str, Any]:
    match f.type:
        case "insee":
            return {"pattern": r"^\d[\dAB]\d{3}$"}
        case "country":
            return {"pattern": r"^[A-Z]{2}$"}
        case "amount" | "integer":
            return {"ge": 0}
        case "year":
            return {"ge": 2000, "le": 2100}
        case "plate":
            return {"pattern": r"^[A-Z]{2}-\d{3}-[A-Z]{2}$"}
        case "location" | "child_name":
            return {"min_length": 2, "max_length": 200}
        case _:
            return {}


# Building a model is a few milliseconds: once per form and process, not per call.
_MODELS: dict[tuple[str, int], tuple[Form, type[BaseModel]]] = {}


def form_model(name: str, form: Form) -> type[BaseModel]:
    """The pydantic model of one catalogue form (every field optional until validated)."""
    hit = _MODELS.get((name, id(form)))
    if hit is not None and hit[0] is form:
        return hit[1]
    model = _build_model(name, form)
    _MODELS[(name, id(form))] = (form, model)  # the form kept: its id stays its own
    return model


def _build_model(name: str, form: Form) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for f in form.fields:
        ann = _annotation(f)
        default = f.default if not f.required or f.default is not None else ...
        fields[f.name] = (ann if f.required else ann | None, Field(default, **_constraints(f)))
    model: type[BaseModel] = create_model(
        "Form_" + name.replace("-", "_"), __config__=ConfigDict(extra="forbid"), **fields
    )
    return model


def _path(records: dict[str, Any], dotted: str) -> Any:
    value: Any = records
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def prefill_value(f: FormField, records: dict[str, Any]) -> Any:
    """What the records say for a field, shaped for its type (None when they do not say)."""
    if not f.prefill:
        return None
    raw = _path(records, f.prefill)
    if raw is None:
        return None
    if f.type == "integer" and isinstance(raw, list):
        return len(raw)
    if f.type == "amount" and isinstance(raw, dict):  # yearly figures: the latest year
        return raw[max(raw)] if raw else None
    if f.type == "year" and isinstance(raw, dict):
        return int(max(raw)) if raw else None
    if f.type == "child_name" and isinstance(raw, list):
        return raw[0].get("given_name") if len(raw) == 1 else None
    if f.type == "plate" and isinstance(raw, list):
        return raw[0].get("plate") if len(raw) == 1 else None
    return raw


class FormResult(BaseModel):
    form: str
    complete: bool
    values: dict[str, Any]
    missing: list[dict[str, str]]
    # Where each value comes from: the citizen's message, a record, or the form's default.
    sources: dict[str, str] = {}


def fill(
    catalogue: Catalogue, form_id: str, *, records: dict[str, Any], stored: dict[str, Any],
    given: dict[str, Any], given_from: dict[str, str] | None = None,
    stored_from: dict[str, str] | None = None,
) -> FormResult:
    """Merge records, what was stored before and what the citizen gave; validate."""
    form = catalogue.forms[form_id]
    known = {f.name: f for f in form.fields}
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    problems: dict[str, str] = {}
    for name in given:
        if name not in known:
            problems[name] = f"champ inconnu ; champs du formulaire : {sorted(known)}"
    for f in form.fields:
        from_records = prefill_value(f, records)
        record = f"dossier {f.prefill.split('.')[0]}" if f.prefill else "dossier"
        candidates = [(given.get(f.name), (given_from or {}).get(f.name, "usager")),
                      (stored.get(f.name), (stored_from or {}).get(f.name, "usager"))]
        if f.type in _RECORD_AUTHORITATIVE and from_records is not None:
            candidates = [(from_records, record)]
        candidates.append((from_records, record))
        value, source = next(((c, s) for c, s in candidates if c not in (None, "")),
                             (None, ""))
        if value is None and f.default is not None:
            value, source = f.default, "valeur par défaut"
        if value is not None:
            values[f.name] = value
            sources[f.name] = source
    model = form_model(form_id, form)
    try:
        validated = model.model_validate(values)
        values = validated.model_dump(mode="json")
    except ValidationError as exc:
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else "?"
            values.pop(field, None)
            problems.setdefault(field, err["msg"])
    missing = []
    for f in form.fields:
        if f.name in problems or (f.required and f.name not in values):
            reason = problems.get(f.name, "manquant")
            missing.append(
                {"field": f.name, "reason": reason, "question": f.question or ""}
            )
    for name, reason in problems.items():
        if name not in known:
            missing.append({"field": name, "reason": reason, "question": ""})
    sources = {k: v for k, v in sources.items() if k in values}
    return FormResult(form=form_id, complete=not missing, values=values, missing=missing,
                      sources=sources)

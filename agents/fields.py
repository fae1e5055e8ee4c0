"""Form values the offline model reads from the citizen's words, field type by field type."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from agents import extract as x
from guichet.catalogue import Catalogue, FormField, Procedure


def _children(records: dict[str, Any]) -> list[str]:
    caf = records.get("caf") or {}
    return [c.get("given_name", "") for c in caf.get("children") or [] if c.get("given_name")]


def _value(f: FormField, text: str, records: dict[str, Any]) -> Any:
    match f.type:
        case "address":
            a = x.extract_address(text)
            return asdict(a) if a else None
        case "amount":
            amounts = x.extract_amounts(text)
            return amounts[0] if amounts else None
        case "year":
            return x.extract_year(text)
        case "plate":
            return x.extract_plate(text)
        case "road_category":
            return x.extract_road_category(text)
        case "location":
            loc = x.extract_location(text)
            if loc:
                return loc
            a = x.extract_address(text)
            return f"{a.line}, {a.postal_code} {a.commune}" if a else None
        case "child_name":
            return x.extract_child_name(text, _children(records))
        case "date":
            d = x.extract_date(text)
            return d.isoformat() if d else None
        case "choice" if f.name == "kind":
            return x.extract_document_kind(text)
        case "choice" if f.name == "motif":
            return x.extract_cni_motif(text)
    return None


def field_asked(catalogue: Catalogue, p: Procedure, question: str) -> str | None:
    """Which form field a question put to the citizen was about."""
    if p.form is None:
        return None
    for f in catalogue.forms[p.form].fields:
        if f.question and question.startswith(f.question):
            return f.name
    return None


def extract_form_values(catalogue: Catalogue, p: Procedure, texts: list[tuple[str, str | None]],
                        *, records: dict[str, Any]) -> dict[str, Any]:
    """What the citizen said for each field; later messages (answers) win over the demand.

    `texts` pairs each message with the field it answered (None for the demand), so that a
    bare number answers the question asked and nothing else.
    """
    assert p.form is not None
    form = catalogue.forms[p.form]
    values: dict[str, Any] = {}
    for text, asked in texts:
        for f in form.fields:
            v = _value(f, text, records)
            if v is None and f.name == asked and f.type in ("amount", "integer", "year"):
                v = x.extract_integer_answer(text)
            if v is None and f.name == asked and f.type == "location":
                v = text.strip() or None
            if v is None and f.name == asked and f.type == "child_name" and not _children(
                    records):
                # No record lists the children (unknown to the CAF): the answer names one.
                v = x.extract_given_name(text)
            if v is not None:
                values[f.name] = v
    return values

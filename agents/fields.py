"""Form values the offline model reads from the citizen's words, field type by field type."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from agents import extract as x
from agents import slots
from agents.asking import asked_part
from agents.text import normalise, strip_placeholders
from guichet.catalogue import Catalogue, FormField, Procedure

# "Ma femme a déjà inscrit Moussa, il manque Khady": a child whose démarche is done.
_DONE_CLAUSE = re.compile(r"\b(?:deja|already|est (?:bien )?inscrite?|sont (?:bien )?inscrit)")


def _not_done(text: str, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The children found outside a clause saying their démarche is already done."""
    def clause(start: int, end: int) -> str:
        left = max((text.rfind(c, 0, start) for c in ",;.!?\n"), default=-1)
        rights = [i for i in (text.find(c, end) for c in ",;.!?\n") if i >= 0]
        return normalise(text[left + 1 : min(rights, default=len(text))])
    return [f for f in found if not _DONE_CLAUSE.search(clause(f[1], f[2]))]


def _children(records: dict[str, Any]) -> list[str]:
    caf = records.get("caf") or {}
    return [c.get("given_name", "") for c in caf.get("children") or [] if c.get("given_name")]


# "17 rue de la Roquette, Paris. The postcode is 75011, not 75001": the street and the
# commune in one place, the postal code said apart.
_LINE_AND_COMMUNE = re.compile(
    rf"\b(\d{{1,4}}(?: ?(?:bis|ter))? (?:{x.STREET_TYPES}) [^,.;:\n()\d]{{2,40}}?),\s*"
    r"([A-ZÀ-Ý][\w'’-]+(?:[ -][A-ZÀ-Ýa-zà-ý][\w'’-]+){0,3}?)(?=\s*[,.;:\n()]|\s*$)",
    re.IGNORECASE)
_POSTCODE_WORD = re.compile(r"\b(?:code postal|postcode|post code|zip(?: code)?|cp)\b",
                            re.IGNORECASE)


def _address_apart(clean: str) -> dict[str, Any] | None:
    line = _LINE_AND_COMMUNE.search(clean)
    if line is None or not _POSTCODE_WORD.search(clean):
        return None
    codes = [(m.group(), m.start(), m.end()) for m in x.POSTCODE.finditer(clean)]
    code = slots.choose(clean, codes)
    if code is None:
        return None
    return {"line": line.group(1).strip(), "postal_code": code[0], "commune": line.group(2)}


def _address(text: str) -> dict[str, Any] | None:
    """The address meant, with a postal code corrected after it ("… 69002 Lyon. Pardon,
    c'est 69003") applied."""
    clean = strip_placeholders(text)
    chosen = slots.choose(clean, x.extract_addresses(clean))
    if chosen is None:
        return _address_apart(clean)
    address, start, end = chosen
    rest = clean[end:]
    codes = [(m.group(), m.start(), m.end()) for m in x.POSTCODE.finditer(rest)]
    corrected = slots.choose(rest, codes) if codes and slots.corrects(rest) else None
    if corrected and corrected[0] == address.postal_code:
        # "31200 Toulouse, plutôt 31300 en fait, 31200 c'est l'autre côté": a code right
        # after the cue is the one meant, whatever is said of the first one after it.
        other = [c for c in slots.right_after_cue(rest, codes) if c[0] != address.postal_code]
        corrected = other[-1] if other else corrected
    value = asdict(address)
    if corrected and corrected[0] != address.postal_code:
        value["postal_code"] = corrected[0]
        commune = _commune_beside(rest, corrected[1], corrected[2])
        if commune and commune.casefold() != address.commune.casefold():
            # "… 35000 Rennes. Pardon : c'est à Cesson-Sévigné, 35510": the commune too.
            value["commune"] = commune
    elif slots.corrects(rest):
        # "… 92130 Paris. Non en fait, la commune c'est Issy-les-Moulineaux": the commune alone.
        named = _NAMED_COMMUNE.search(rest, slots.first_correction(rest) - 1)
        if named and normalise(named.group(1)).split()[0] not in _NOT_COMMUNES:
            value["commune"] = named.group(1)
    number = re.match(r"\d{1,4}(?: ?(?:bis|ter))?\b", address.line)
    after_number = clean[start + (number.end() if number else 0):]
    if number and slots.corrects(after_number):
        # "… c'est le 12, pas le 10", "au 14 avenue X — pardon, au 41 —": the number corrected.
        cue = slots.first_correction(after_number)
        numbers = [(m.group(1), m.start(1), m.end(1))
                   for m in _STREET_NUMBER.finditer(after_number)
                   if not x.POSTCODE.fullmatch(m.group(1)) and m.start() >= cue]
        fixed = slots.choose(after_number, numbers)
        if fixed and fixed[0] != number.group():
            value["line"] = fixed[0] + address.line[number.end():]
    return value


# "les" before "le": "Issy-les-Moulineaux" is not cut at "Issy-le".
_COMMUNE_WORDS = (r"[A-ZÀ-Ý][\wÀ-ÿ'’]*(?:[ -](?:(?:sur|sous|en|les|le|la|de|du|des)\b|d['’]|"
                  r"[A-ZÀ-Ý][\wÀ-ÿ'’]*))*")
_COMMUNE_AFTER = re.compile(rf"\A[ ,]*({_COMMUNE_WORDS})")
_COMMUNE_BEFORE = re.compile(rf"\b(?:à|a|sur|in)\s+({_COMMUNE_WORDS})[ ,]*\Z")


def _commune_beside(text: str, start: int, end: int) -> str | None:
    """The commune written next to a corrected postal code, after it or just before it."""
    after = _COMMUNE_AFTER.match(text[end:])
    before = _COMMUNE_BEFORE.search(text[max(0, start - 60):start])
    for found in (after, before):
        if found and normalise(found.group(1)).split()[0] not in _NOT_COMMUNES:
            return found.group(1)
    return None


_NAMED_COMMUNE = re.compile(
    rf"\b(?:la |ma )?(?:commune|ville|localit[ée])\s*(?:c['’ ]?est|est|:)?\s*(?:bien\s+)?"
    rf"(?:à\s+|a\s+)?({_COMMUNE_WORDS})")
_NOT_COMMUNES = frozenset({"merci", "et", "mais", "cordialement", "bonne", "bien", "pas",
                           "je", "c", "ce", "svp", "thanks", "and", "sorry", "pardon"})


_STREET_NUMBER = re.compile(r"\b(?:c(?:['’]| )est|au|le|num[ée]ro|n°)\s+(?:le\s+|au\s+)?"
                            r"(\d{1,4}(?: ?(?:bis|ter))?)\b"
                            r"(?!\s*(?:€|euros?|ans|%|\d|er\b|janv|f[ée]v|mars|avr|mai|juin|juil|"
                            r"ao[uû]t|sept|oct|nov|d[ée]c))")


# Words before the year a tax claim is about ("mon impôt sur le revenu 2025").
_TAX_YEAR_WORDS = (r"impots?|revenus?|avis|imposition|declaration|taxe|tax|income|"
                   r"annee fiscale")


def _value(f: FormField, text: str, records: dict[str, Any], *, asked: bool = False) -> Any:
    clean = strip_placeholders(text)
    match f.type:
        case "address":
            return _address(text)
        case "amount":
            return slots.choose_amount(f.name, clean, x.extract_amounts_at(clean), asked=asked)
        case "year":
            years = x.extract_years_at(clean)
            year = slots.choose(clean, slots.named(clean, years, _TAX_YEAR_WORDS) or years)
            return year[0] if year else None
        case "plate":
            plate = slots.choose(clean, x.extract_plates(clean))
            return plate[0] if plate else None
        case "road_category":
            return x.extract_road_category(text)
        case "location":
            loc = x.extract_location(text)
            if loc:
                return loc
            a = x.extract_address(text)
            return f"{a.line}, {a.postal_code} {a.commune}" if a else None
        case "child_name":
            found = x.extract_child_names(clean, _children(records))
            child = slots.choose(clean, _not_done(clean, found) or found)
            return child[0] if child else None
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
                        *, records: dict[str, Any]) -> tuple[dict[str, Any], dict[str, int]]:
    """What the citizen said for each field, and which message (0 for the demand, then the
    answers in order) each value came from; later messages win over earlier ones.

    `texts` pairs each message with the field it answered (None for the demand), so that a
    bare number answers the question asked and nothing else, and an answer about one field
    changes another only if that one had no value yet.
    """
    assert p.form is not None
    form = catalogue.forms[p.form]
    values: dict[str, Any] = {}
    origin: dict[str, int] = {}
    for index, (text, asked) in enumerate(texts):
        asked_text = asked_part(text, corrections=False)
        asked_text = asked_text if asked_text != text and asked_text.strip() else ""
        for f in form.fields:
            if asked is not None and f.name != asked and f.name in values:
                continue
            # What the citizen asks first: a child or an amount only mentioned in passing
            # ("pour Juliette c'est déjà fait") is not the one meant.
            v = _value(f, asked_text, records, asked=f.name == asked) if asked_text else None
            if v is None:
                v = _value(f, text, records, asked=f.name == asked)
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
                origin[f.name] = index
    return values, origin

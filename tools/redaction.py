"""Per-case placeholders for personal identifiers, so that no model ever reads one."""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from typing import Any, NamedTuple

KINDS = ("NIR", "SPI", "IBAN", "EMAIL", "TEL", "ALLOCATAIRE", "PIECE", "NOM", "PRENOM")
_NAME_KINDS = ("NOM", "PRENOM")
_TOKEN = re.compile(r"\[(" + "|".join(KINDS) + r")_([1-9][0-9]*)\]")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
# Groups of four, upper case only: a lower-case word after an IBAN must not be swallowed.
_IBAN = re.compile(r"\b(?i:[A-Z]{2})\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
_PHONE_FR = re.compile(r"(?<![\w+])(?:\+|00) ?33 ?(?:\(0\) ?)?[1-9](?:[ .\-]?\d){8}(?!\d)")
_PHONE_OTHER = re.compile(r"(?<![\w+])\+(?!33)[1-9]\d{0,2}(?:[ .\-]?\d){6,12}(?!\d)")
# Born in Corsica: the department is 2A or 2B, so the NIR is not all digits.
_NIR_CORSICA = re.compile(
    r"(?<!\w)[1-478][ .]?\d{2}[ .]?\d{2}[ .]?2[ABab][ .]?\d{3}[ .]?\d{3}(?:[ .]?\d{2})?(?!\w)"
)
# New identity cards and passports: 9 upper-case characters mixing letters and digits.
_PIECE = re.compile(r"\b[A-Z0-9]{9}\b")
# Any run of digits, possibly grouped by spaces, dots or hyphens; classified by length and
# context afterwards. Plates (AA-123-AA) and INSEE codes (2A004) never form a long run.
_DIGITS = re.compile(r"(?<![\w+])\d(?:[ .\-]?\d)*(?!\w)")
_CURRENCY = re.compile(r"\s?(?:€|k€|eur\b|euros?\b)")
_NIR_CONTEXT = re.compile(r"secu|securite sociale|\bnir\b|vitale|\binsee\b|ameli|maladie")
_ALLOCATAIRE_CONTEXT = re.compile(r"allocataire|\bcaf\b|\balloc\b")
_PIECE_CONTEXT = re.compile(r"identite|\bcni\b|passeport|\bpiece\b")
_CONTEXT_CHARS = 60

_NAME_SEPARATORS = re.compile(r"[\s\-']+")
# Alone, these are words of the language, not names: "LE GALL" is redacted whole, never "le".
_PARTICLES = frozenset({
    "de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "di", "da", "del",
    "della", "dos", "das", "el", "al", "ben", "bin", "ibn", "mac", "mc", "st", "saint", "sainte",
})  # fmt: skip
# "rue Saint-Martin" or "Saint-Flour" is a place, even when the citizen is called Martin.
_NOT_AFTER_SAINT = r"(?<!saint-)(?<!sainte-)(?<!saint )(?<!sainte )(?<!st-)"
# Taken only when written with a capital: names of one or two letters ("Ly", "Li", "Ba")
# and names that are also everyday words ("un petit souci", "un jean", "vin blanc").
_SHORT_NAME = 2
_COMMON_WORDS = frozenset({
    "petit", "blanc", "roux", "brun", "noir", "rose", "pierre", "bon", "fort", "marin",
    "leger", "jean", "france", "mai", "avril", "olive", "prune", "claire", "constant",
    "clement", "lion", "loup", "bois", "chene", "fontaine", "page", "salle",
})  # fmt: skip
_FOLD_EXTRA = {"’": "'", "‘": "'", "‐": "-", "‑": "-"}


def _fold(text: str) -> str:
    # Character for character, so that offsets in the folded text are offsets in `text`.
    out = []
    for char in text:
        if char in _FOLD_EXTRA:
            out.append(_FOLD_EXTRA[char])
            continue
        stripped = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        ).lower()
        out.append(stripped if len(stripped) == 1 else char)
    return "".join(out)


def _phone_key(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    international = value.lstrip().startswith("+") or digits.startswith("00")
    if digits.startswith("00"):
        digits = digits[2:]
    if international:
        # "+33 (0)6 ..." carries a national 0 that the number itself does not have.
        return "+" + ("33" + digits[3:] if digits.startswith("330") else digits)
    if len(digits) == 10 and digits.startswith("0"):
        return "+33" + digits[1:]
    return digits


def _normalise(kind: str, value: str) -> str:
    """The form under which two spellings of one identifier are the same identifier."""
    if kind in _NAME_KINDS:
        return " ".join(w for w in _NAME_SEPARATORS.split(_fold(value)) if w)
    if kind == "EMAIL":
        return value.strip().lower()
    if kind == "TEL":
        return _phone_key(value)
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


class Placeholders:
    """One case's two-way mapping between placeholders such as `[NIR_1]` and values."""

    def __init__(self) -> None:
        self._values: dict[str, str] = {}
        self._tokens: dict[tuple[str, str], str] = {}
        self._counts: dict[str, int] = {}

    def placeholder_for(self, kind: str, value: str) -> str:
        """The placeholder of `value`, created on first sight; the same value, the same one."""
        if kind not in KINDS:
            raise ValueError(f"unknown identifier kind {kind!r}")
        key = (kind, _normalise(kind, value))
        if (token := self._tokens.get(key)) is None:
            self._counts[kind] = self._counts.get(kind, 0) + 1
            token = f"[{kind}_{self._counts[kind]}]"
            self._values[token] = value
            self._tokens[key] = token
        return token

    def find(self, kind: str, value: str) -> str | None:
        """The placeholder already given to `value`, if any."""
        return self._tokens.get((kind, _normalise(kind, value)))

    def value_of(self, placeholder: str) -> str | None:
        return self._values.get(placeholder)

    def items(self) -> Iterator[tuple[str, str, str]]:
        """(placeholder, kind, value) in order of creation."""
        for token, value in self._values.items():
            yield token, token[1 : token.rindex("_")], value

    def to_dict(self) -> dict[str, str]:
        return dict(self._values)

    @classmethod
    def from_dict(cls, mapping: Mapping[str, str]) -> Placeholders:
        placeholders = cls()
        for token, value in mapping.items():
            match = _TOKEN.fullmatch(token)
            if match is None or not isinstance(value, str):
                raise ValueError(f"not a placeholder entry: {token!r}")
            kind = match.group(1)
            placeholders._values[token] = value
            placeholders._tokens.setdefault((kind, _normalise(kind, value)), token)
            # New placeholders must never reuse a number already handed out.
            placeholders._counts[kind] = max(placeholders._counts.get(kind, 0), int(match[2]))
        return placeholders

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        # Never the values: this object ends up in logs and tracebacks.
        return f"Placeholders({len(self._values)} values)"


class _Found(NamedTuple):
    start: int
    end: int
    kind: str  # "" for a placeholder already in the text, kept as it is
    value: str  # what the placeholder will stand for


def _classify_digits(digits: str, raw: str, before: str, placeholders: Placeholders) -> str | None:
    for kind in ("NIR", "SPI", "ALLOCATAIRE", "PIECE", "TEL"):
        if placeholders.find(kind, raw) is not None:
            return kind
    size = len(digits)
    if size == 15:
        return "NIR"
    if size == 13:
        # A NIR without its key has the length of a fiscal number: only context tells.
        return "NIR" if _NIR_CONTEXT.search(before) else "SPI"
    if size == 10 and digits[0] == "0" and digits[1] != "0":
        return "TEL"
    if size in (7, 8) and _ALLOCATAIRE_CONTEXT.search(before):
        return "ALLOCATAIRE"
    if size == 12 and _PIECE_CONTEXT.search(before):
        return "PIECE"  # old identity cards: 12 digits
    return None


def _name_entries(
    placeholders: Placeholders, known_names: Iterable[str]
) -> dict[str, tuple[str, str]]:
    """Folded name -> (kind, value): the case's names, then the parts of compound ones."""
    entries: dict[str, tuple[str, str]] = {}
    for _, kind, value in placeholders.items():
        if kind in _NAME_KINDS:
            entries.setdefault(_normalise(kind, value), (kind, value))
    for name in known_names:
        if name and name.strip():
            registered = next(
                (k for k in _NAME_KINDS if placeholders.find(k, name) is not None), "NOM"
            )
            entries.setdefault(_normalise("NOM", name), (registered, name.strip()))
    for key, (kind, value) in list(entries.items()):
        words, raw = key.split(), [w for w in _NAME_SEPARATORS.split(value) if w]
        if len(words) > 1 and len(raw) == len(words):
            for word, spelled in zip(words, raw, strict=True):
                # Parts of three letters or fewer are too ambiguous to stand alone.
                if len(word) > 3 and word not in _PARTICLES:
                    entries.setdefault(word, (kind, spelled))
    return {k: v for k, v in entries.items() if not set(k.split()) <= _PARTICLES}


def _candidates(
    text: str, placeholders: Placeholders, known_names: Iterable[str]
) -> Iterator[_Found]:
    """Every possible identifier, most certain detectors first."""
    folded = _fold(text)
    for kind, pattern in (
        ("", _TOKEN), ("EMAIL", _EMAIL), ("IBAN", _IBAN), ("TEL", _PHONE_FR),
        ("TEL", _PHONE_OTHER), ("NIR", _NIR_CORSICA),
    ):  # fmt: skip
        for m in pattern.finditer(text):
            yield _Found(m.start(), m.end(), kind, m.group())
    for m in _PIECE.finditer(text):
        if sum(c.isalpha() for c in m.group()) >= 2 and any(c.isdigit() for c in m.group()):
            yield _Found(m.start(), m.end(), "PIECE", m.group())
    for _, kind, value in placeholders.items():
        if kind in ("PIECE", "IBAN"):
            spaced = r"\s?".join(re.escape(c) for c in _normalise(kind, value))
            for m in re.finditer(rf"(?i)\b{spaced}\b", text):
                yield _Found(m.start(), m.end(), kind, m.group())
    for m in _DIGITS.finditer(text):
        if _CURRENCY.match(folded, m.end()):
            continue  # an amount
        digits = re.sub(r"\D", "", m.group())
        before = folded[max(0, m.start() - _CONTEXT_CHARS) : m.start()]
        if kind_ := _classify_digits(digits, m.group(), before, placeholders):
            yield _Found(m.start(), m.end(), kind_, m.group())
    entries = _name_entries(placeholders, known_names)
    for key in sorted(entries, key=len, reverse=True):
        kind, value = entries[key]
        body = r"[\s\-']*".join(re.escape(w) for w in key.split())
        for m in re.finditer(rf"(?<!\w){_NOT_AFTER_SAINT}{body}(?!\w)", folded):
            needs_capital = len(key) <= _SHORT_NAME or key in _COMMON_WORDS
            if needs_capital and not text[m.start()].isupper():
                continue
            yield _Found(m.start(), m.end(), kind, value)


def _detect(text: str, placeholders: Placeholders, known_names: Iterable[str]) -> list[_Found]:
    kept: list[_Found] = []
    for found in _candidates(text, placeholders, known_names):
        if all(found.end <= k.start or found.start >= k.end for k in kept):
            kept.append(found)
    return sorted(kept)


def redact_text(text: str, placeholders: Placeholders, *, known_names: Iterable[str] = ()) -> str:
    """`text` with every identifier, and every name of the case's citizen, replaced."""
    # Composed form, so that "é" typed as e + accent folds like any other "é".
    text = unicodedata.normalize("NFC", text)
    out, position = [], 0
    for found in _detect(text, placeholders, list(known_names)):
        out.append(text[position : found.start])
        if found.kind:
            out.append(placeholders.placeholder_for(found.kind, found.value))
        else:
            out.append(found.value)
        position = found.end
    out.append(text[position:])
    return "".join(out)


def find_identifiers(text: str, *, known_names: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(kind, text as written) of each identifier in `text`: empty once it is redacted."""
    text = unicodedata.normalize("NFC", text)
    found = _detect(text, Placeholders(), list(known_names))
    return [(f.kind, text[f.start : f.end]) for f in found if f.kind]


# Identifier fields of each source (catalogue.md, Record fields), as paths into the record.
_RECORD_FIELDS: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "etat_civil": ((("family_name",), "NOM"), (("given_names",), "PRENOM")),
    "contact": ((("email",), "EMAIL"), (("phone",), "TEL")),
    # Children's given names stay: the canteen registration needs them, and without the
    # family name and the parent's identifiers they do not identify anyone.
    "caf": ((("allocataire",), "ALLOCATAIRE"),),
    "dgfip": ((("spi",), "SPI"),),
    "cpam": ((("nir",), "NIR"),),
    "ants": ((("cni", "number"), "PIECE"), (("passport", "number"), "PIECE")),
    "electoral": (),
    "france_travail": (),
}


def _replace(value: Any, swap: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return swap(value)
    if isinstance(value, list):
        return [_replace(item, swap) for item in value]
    return value


def _redact_parents(parents: Any, placeholders: Placeholders) -> Any:
    # The shape of `parents` is not fixed by the catalogue: a list or a mapping of people,
    # each with the same name fields as the citizen, or a plain full name.
    if isinstance(parents, str):
        return placeholders.placeholder_for("NOM", parents)
    if isinstance(parents, list):
        return [_redact_parents(parent, placeholders) for parent in parents]
    if isinstance(parents, dict):
        if "family_name" in parents or "given_names" in parents:
            return redact_record("etat_civil", parents, placeholders)
        return {key: _redact_parents(value, placeholders) for key, value in parents.items()}
    return parents


def redact_record(source: str, data: dict[str, Any], placeholders: Placeholders) -> dict[str, Any]:
    """A copy of one source's record with its identifier fields replaced by placeholders."""
    if source not in _RECORD_FIELDS:
        # A new source may hold new identifiers: refuse rather than pass it through.
        raise ValueError(f"unknown records source {source!r}")
    record = copy.deepcopy(data)
    for path, kind in _RECORD_FIELDS[source]:
        holder: Any = record
        for step in path[:-1]:
            holder = holder.get(step) if isinstance(holder, dict) else None
        if isinstance(holder, dict) and path[-1] in holder:
            swap = partial(placeholders.placeholder_for, kind)
            holder[path[-1]] = _replace(holder[path[-1]], swap)
    if source == "etat_civil" and "parents" in record:
        record["parents"] = _redact_parents(record["parents"], placeholders)
    return record


def restore_text(text: str, placeholders: Placeholders) -> str:
    """`text` with the placeholders of this case put back; unknown ones are left as written."""
    return _TOKEN.sub(lambda m: placeholders.value_of(m.group()) or m.group(), text)


def restore_value(obj: Any, placeholders: Placeholders) -> Any:
    """`restore_text` through strings, lists, tuples and dict keys and values."""
    if isinstance(obj, str):
        return restore_text(obj, placeholders)
    if isinstance(obj, dict):
        return {
            restore_value(key, placeholders): restore_value(value, placeholders)
            for key, value in obj.items()
        }
    if isinstance(obj, list):
        return [restore_value(item, placeholders) for item in obj]
    if isinstance(obj, tuple):
        return tuple(restore_value(item, placeholders) for item in obj)
    return obj

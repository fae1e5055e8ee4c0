"""Per-case placeholders for personal identifiers, so that no model ever reads one."""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from typing import Any, NamedTuple

# Third parties' identifiers typed by the citizen (a neighbour's name, a son's phone) are
# nobody's input: their placeholders keep no value, so no tool can ever restore them.
THIRD_PARTY = "TIERS"
_THIRD_PARTY_IDS = ("NIR", "SPI", "IBAN", "EMAIL", "TEL")
KINDS = ("NIR", "SPI", "IBAN", "EMAIL", "TEL", "ALLOCATAIRE", "PIECE", "NOM", "PRENOM",
         THIRD_PARTY, *(f"{THIRD_PARTY}_{k}" for k in _THIRD_PARTY_IDS))
_NAME_KINDS = ("NOM", "PRENOM")
# Longest first: "TIERS_TEL" must not be read as "TIERS" followed by "_TEL".
_TOKEN = re.compile(
    r"\[(" + "|".join(sorted(KINDS, key=len, reverse=True)) + r")_([1-9][0-9]*)\]")


def is_third_party(kind: str) -> bool:
    return kind == THIRD_PARTY or kind.startswith(THIRD_PARTY + "_")

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
    if kind.startswith(THIRD_PARTY + "_"):
        return _normalise(kind[len(THIRD_PARTY) + 1:], value)
    if kind in _NAME_KINDS or kind == THIRD_PARTY:
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
            # A third party's value is not kept: what is saved (and purged) is the number.
            self._values[token] = "" if is_third_party(kind) else value
            self._tokens[key] = token
        return token

    def find(self, kind: str, value: str) -> str | None:
        """The placeholder already given to `value`, if any."""
        return self._tokens.get((kind, _normalise(kind, value)))

    def value_of(self, placeholder: str) -> str | None:
        return self._values.get(placeholder) or None

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
            if value:  # a third party's number only reserves its number
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


# -- third parties ------------------------------------------------------------------------
# Names are told by their shape and their neighbours, never from a list of names: a capital
# and lower case word followed by an upper-case one ("Claire LEGRAND"), anything capitalised
# after a title ("Mme Dupont", "M. Jean Petit"), two capitalised words after a relative or a
# neighbour ("ma voisine Claire Legrand"). A given name alone identifies nobody and stays
# ("mon fils Lucas"): the canteen registration needs children's given names.
_UP = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"
_LOW = "a-zàâäçéèêëîïôöùûüÿœæ"
_CAP_WORD = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
_UPPER_WORD = rf"[{_UP}]{{2,}}(?:[-'][{_UP}]{{2,}})*"
_PARTICLE = r"(?:(?:de|du|des|le|la|van|von|di|da|ben|el)\s)?"
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![\w\[])", r"(?![\w\]])"
_FULL_NAME = re.compile(
    rf"{_EDGE_BEFORE}({_CAP_WORD})\s+{_PARTICLE}{_UPPER_WORD}(?:\s+{_UPPER_WORD})?{_EDGE_AFTER}")
_TITLE = re.compile(
    r"(?<!\w)(?:M\.|Mr\.?|Mrs\.?|Ms\.?|Mme\.?|Mlle\.?|[Mm]adame|[Mm]onsieur|[Mm]ademoiselle|"
    r"[Mm]a[îi]tre|Me|Dr\.?|[Dd]octeur)\s+"
    rf"((?:{_CAP_WORD}|{_UPPER_WORD})(?:\s+{_PARTICLE}(?:{_CAP_WORD}|{_UPPER_WORD}))?){_EDGE_AFTER}")
_RELATIVE = re.compile(
    # Case-blind for the words before the name ("Ma mère, Meriem Benali"), not for the name.
    r"(?<!\w)(?i:(?:(?:mon|ma|mes|son|sa|ses|leur|leurs|notre|nos|my|his|her|their)\s+(?:"
    r"(?:petit|petite|grand|grande|beau|belle|ex|demi)[- ])?(?:"
    r"fils|fille|filles|m[èe]re|p[èe]re|fr[èe]re|s(?:oe|œ)ur|mari|[ée]poux|[ée]pouse|femme|"
    r"conjointe?|compagnon|compagne|concubine?|enfants?|neveu|ni[èe]ce|oncle|tante|cousine?|"
    r"voisine?s?|amie?s?|colocataires?|colocs?|copine?|coll[èe]gue|locataire|propri[ée]taire|"
    r"bailleur|tuteur|tutrice|flatmate|roommate|housemate|colleague|"
    r"gendre|bru|parents?|son|daughter|mother|father|brother|sister|husband|wife|partner|"
    r"neighbou?r|friend|landlord|tenant)(?:[- ]in[- ]law)?"
    # "ma voisine âgée, Khadija Belkacem".
    r"(?:\s+(?:[âa]g[ée]e?s?|a[îi]n[ée]e?|cadette?|handicap[ée]e?|malade|d[ée]c[ée]d[ée]e?|"
    r"vieille|vieux|ch[èe]re?|elderly|old|de palier|du dessus|du dessous|d['’]en face|"
    r"d['’][àa] c[ôo]t[ée]|next door|upstairs|downstairs))?|"
    # "her name is Anne Martin", "elle s'appelle Anne Martin".
    r"(?:her|his|their) name is|(?:elle|il) s['’]appelle))"
    r"\s*[,:]?\s+"
    rf"((?:{_CAP_WORD}\s+{_PARTICLE}(?:{_CAP_WORD}|{_UPPER_WORD}))|{_UPPER_WORD}){_EDGE_AFTER}")
# Words that take a capital at the start of a sentence or in an institution's name.
def _words(text: str) -> frozenset[str]:
    return frozenset(_fold(w) if w.islower() else w for w in text.split())


_NOT_GIVEN_NAMES = _words("""
    bonjour bonsoir merci madame monsieur mademoiselle cordialement salut hello dear objet re
    je il elle nous vous ils elles on le la les mon ma mes ton ta son sa ses notre votre leur
    un une des du de et ou mais donc car pour par en au aux ce cet cette ces qui que quand
    si depuis suite apres avant avec sans sur sous chez vers carte prime allocation aide
    attestation demande dossier numero caisse centre mairie service direction agence
    prefecture tribunal rue avenue boulevard place chemin quai route ecole lycee college
    hopital clinique banque france paris lyon marseille cher chere urgent important
    """)  # fmt: skip
# Upper-case words that are not family names: acronyms and shouted words.
_NOT_FAMILY_NAMES = _words("""
    CAF CPAM RSA APL ALS ALF AAH CSS CMU CNI ANTS DGFIP URSSAF IBAN RIB NIR SPI INSEE FT
    PE SMS PDF EDF GDF SNCF RATP HLM OPH SVP URGENT MERCI TVA TTC HT SAMU SOS BIC FR EU UE
    VITALE AME PMI MDPH ASS RFR SIRET SIREN CERFA RDV SMIC PAJE CESU ID OK TEL MAIL EMAIL
    ASAP KO NB PS PJ CV RH DRH PACS JO AH OH CEDEX BP CS ZA ZI ZAC RN RD DOM TOM
    """)  # fmt: skip
_PLACE_BEFORE = re.compile(
    r"(?:rue|avenue|av|bd|boulevard|place|allee|impasse|chemin|quai|cours|square|route|"
    r"lycee|college|ecole|hopital|clinique|centre|stade|residence|parc|pont|cite|groupe "
    r"scolaire|saint|sainte|st)\.?\s+(?:(?:de|du|des|d'|la|le)\s*)?$")
# Who an identifier belongs to: the nearest person named before it in the same sentence,
# unless the citizen speaks of themselves in between ("mon fils ... , mon numéro : 06...").
_SENTENCE_END = re.compile(r"[.!?;\n]\s")
_FIRST_PERSON = re.compile(r"(?<!\w)(?:mon|ma|mes|je|j'|moi|me|m'|my|me|i)(?!\w)")
_ATTRIBUTION_CHARS = 80


def _name_ok(name: str, keep: frozenset[str]) -> bool:
    words = [w for w in re.split(r"[\s\-']+", name) if w]
    if not words or _fold(words[0]) in _NOT_GIVEN_NAMES:
        return False
    if any(w in _NOT_FAMILY_NAMES for w in words):
        return False
    # A known child's given name with the family's name is the citizen's household.
    return not (len(words) == 1 and _fold(words[0]) in keep)


def _third_party_names(text: str, folded: str, keep: frozenset[str]) -> Iterator[_Found]:
    for pattern in (_TITLE, _RELATIVE, _FULL_NAME):
        for m in pattern.finditer(text):
            start, end = m.span(1) if pattern is not _FULL_NAME else m.span()
            name = text[start:end]
            if pattern is _RELATIVE and not re.search(f"[{_LOW}]", text[m.start():end]):
                continue  # "MON FILS EST INSCRIT": shouted words, no name
            if pattern is _FULL_NAME and _PLACE_BEFORE.search(folded[max(0, start - 30):start]):
                continue  # "rue Jean MOULIN", "école Marie CURIE": places
            given = m.group(1)
            if pattern is _FULL_NAME and _fold(given) in keep:
                # "Lucas DUPONT", a child of the household: only the family name goes.
                start += len(given)
                while start < end and text[start].isspace():
                    start += 1
                name = text[start:end]
            if _name_ok(name, keep):
                yield _Found(start, end, THIRD_PARTY, name)


def _attributed(text: str, folded: str, found: _Found, people: list[_Found]) -> bool:
    """Whether an identifier is said to be a third party's ("le portable de ma fille : 06...")."""
    window_start = max(0, found.start - _ATTRIBUTION_CHARS)
    before = folded[window_start:found.start]
    if (end := list(_SENTENCE_END.finditer(before))):
        window_start += end[-1].end()
        before = folded[window_start:found.start]
    anchors = [p.end for p in people if window_start <= p.start < found.start]
    anchors += [window_start + m.end() for m in _RELATIVE_WORD.finditer(before)]
    if not anchors:
        return False
    return _FIRST_PERSON.search(folded[max(anchors):found.start]) is None


_RELATIVE_WORD = re.compile(
    r"(?<!\w)(?:son|sa|ses|leur|de mon|de ma|de mes|du|de la|his|her|their|my)\s+(?:"
    r"(?:petit|petite|grand|grande|beau|belle|ex|demi)[- ])?(?:"
    r"fils|fille|mere|pere|frere|soeur|mari|epoux|epouse|femme|conjointe?|compagnon|compagne|"
    r"enfants?|neveu|niece|oncle|tante|cousine?|voisine?|amie?|colocataire|coloc|gendre|bru|"
    r"son|daughter|mother|father|brother|sister|husband|wife|neighbou?r|friend)(?!\w)")


def _detect(text: str, placeholders: Placeholders, known_names: Iterable[str],
            keep: Iterable[str] = ()) -> list[_Found]:
    kept: list[_Found] = []
    folded = _fold(text)
    keep_set = frozenset(_fold(k) for k in keep)
    # The citizen's own identifiers and names first: a name both theirs and a third
    # party's shape ("Léa MARTIN") is theirs.
    for found in (*_candidates(text, placeholders, known_names),
                  *_third_party_names(text, folded, keep_set)):
        if all(found.end <= k.start or found.start >= k.end for k in kept):
            kept.append(found)
    people = [k for k in kept if k.kind == THIRD_PARTY]
    out = []
    for found in kept:
        if (found.kind in _THIRD_PARTY_IDS and placeholders.find(found.kind, found.value) is None
                and _attributed(text, folded, found, people)):
            found = found._replace(kind=f"{THIRD_PARTY}_{found.kind}")
        out.append(found)
    return sorted(out)


def redact_text(text: str, placeholders: Placeholders, *, known_names: Iterable[str] = (),
                keep: Iterable[str] = ()) -> str:
    """`text` with every identifier, every name of the case's citizen and every name of a
    third party replaced; `keep`: given names of the household that stay when alone."""
    # Composed form, so that "é" typed as e + accent folds like any other "é".
    text = unicodedata.normalize("NFC", text)
    out, position = [], 0
    for found in _detect(text, placeholders, list(known_names), list(keep)):
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
    """`text` with the placeholders of this case put back; unknown ones, and third parties'
    (whose values are not kept), are left as written."""
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

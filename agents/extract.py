"""What the offline model reads out of a citizen's French text: addresses, amounts, dates, ids."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from agents.text import (
    edit_distance,
    fold,
    normalise,
    split_words,
    strip_placeholders,
    words,
)

STREET_TYPES = (
    r"rue|avenue|av|bd|boulevard|place|impasse|all[ée]e|chemin|route|rte|quai|cours|square|"
    r"passage|voie|sentier|r[ée]sidence|lotissement|cit[ée]|hameau|faubourg|fbg|rond[- ]point|"
    r"esplanade|promenade|villa|parvis|mont[ée]e|traverse|chauss[ée]e|domaine|lieu-dit|"
    r"clos|ruelle|venelle"
)
# Places a road problem can be at without being a postal address.
_PLACE_TYPES = STREET_TYPES + r"|parc|jardin|parking|pont|carrefour|giratoire|gare|marché"
_NUMBER = r"\d{1,4}(?:\s?(?:bis|ter|quater|[abcABC])\b)?"
_STREET_START = re.compile(
    rf"(?:\b(?P<num>{_NUMBER})\s*,?\s+)?\b(?P<type>{STREET_TYPES})\b\.?", re.IGNORECASE
)
_PLACE_START = re.compile(
    rf"(?:\b(?P<num>{_NUMBER})\s*,?\s+)?\b(?P<type>{_PLACE_TYPES})\b\.?", re.IGNORECASE
)
POSTCODE = re.compile(r"(?<![\d.,])\b(?:0[1-9]|[1-8]\d|9[0-8])\d{3}\b(?![.,]?\d)")
_PARTICLES = frozenset(split_words("de du des la le les l d en sur sous lès"))
# Words that end a street or commune name typed in lowercase ("rue victor hugo depuis hier").
_NAME_STOP = frozenset(
    split_words(
        """
    a à au aux avec ce c ça ca cela ceci est sont était etait depuis devant derrière derriere
    près pres proche entre il elle ils elles y on qui que qu ne n pas plus toujours encore
    dans par pour je j me m mon ma mes nous vous et ou mais donc car hier demain aujourd
    jusqu merci svp bonjour cordialement quand où lorsque c'est il y maintenant désormais
    desormais actuellement now
    """
    )
)
# A capitalised street word after an article is part of a name ("rue de la Place"); in
# these phrases the street word is an ordinary noun.
_ARTICLE_BEFORE = re.compile(r"\b(?:le|la|les|l|de|du|des|d)\W*$", re.IGNORECASE)
_IDIOMS = re.compile(
    r"\b(?:(?:au|en) cours|voie publique|(?:au|en) passage|(?:sur|en) place|en route)\b",
    re.IGNORECASE,
)
_LETTERS = r"A-Za-zÀ-ÖØ-öø-ÿ\u0621-\u064a\u0671-\u06d3"
_WORD = re.compile(rf"[{_LETTERS}]+(?:['’-][{_LETTERS}]+)*")


@dataclass(frozen=True)
class Address:
    """A French postal address as the records hold it."""

    line: str
    postal_code: str
    commune: str


def _capitalise_name(name: str, *, first_upper: bool = True) -> str:
    """'SAINT-ÉTIENNE' -> 'Saint-Étienne', 'villeneuve d'ascq' -> "Villeneuve d'Ascq"."""
    out: list[str] = []
    for i, token in enumerate(re.split(r"([\s\-]+)", name.strip())):
        if not token or token.isspace() or token == "-":
            out.append(token)
            continue
        lower = token.lower()
        elided = re.match(r"^([dl])['’](.+)$", lower)
        if elided:
            out.append(f"{elided.group(1)}'{elided.group(2)[:1].upper()}{elided.group(2)[1:]}")
        elif lower in _PARTICLES and (i > 0 or not first_upper):
            out.append(lower)
        else:
            out.append(lower[:1].upper() + lower[1:])
    return "".join(out)


def _name_span(text: str, *, limit: int, strict: bool = False) -> tuple[str, int]:
    """The leading words of text that can belong to a proper name, and where they end.

    Once the name has a capital (or always, with `strict`), a particle only continues it
    before a capitalised word: "Tête d'Or des poubelles" stops at Or, "Lyon le mois
    dernier" at Lyon, while "Aix en Provence" and an all-lowercase "rue de la paix" go on.
    """
    taken: list[re.Match[str]] = []
    position = 0
    matches = list(_WORD.finditer(text))
    for index, match in enumerate(matches):
        if text[position : match.start()].strip(" -'’"):
            break
        word = match.group()
        lower = word.lower()
        if word.islower() and lower in _NAME_STOP and lower not in _PARTICLES:
            break
        capitalised = strict or any(m.group()[:1].isupper() for m in taken)
        if taken and capitalised and lower in _PARTICLES:
            following = next(
                (m.group() for m in matches[index + 1 :] if m.group().lower() not in _PARTICLES),
                "",
            )
            if not following[:1].isupper():
                break
        taken.append(match)
        position = match.end()
        if len(taken) >= limit:
            break
    while taken and taken[-1].group().lower() in _PARTICLES:
        taken.pop()
    return " ".join(m.group() for m in taken), (taken[-1].end() if taken else 0)


def _name_words(text: str, *, limit: int, strict: bool = False) -> str:
    return _name_span(text, limit=limit, strict=strict)[0]


def _street_starts(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Street-type words that start a street rather than sit inside a name or an idiom."""
    idioms = [m.span() for m in _IDIOMS.finditer(text)]
    return [
        m for m in pattern.finditer(text)
        if m.group("num") or not (
            any(start <= m.start("type") < end for start, end in idioms)
            or (m.group("type")[:1].isupper() and _ARTICLE_BEFORE.search(text[: m.start()]))
        )
    ]


def _street_line(number: str | None, kind: str, name: str) -> str:
    kind = {"av": "avenue", "bd": "boulevard", "rte": "route", "fbg": "faubourg"}.get(
        kind.lower(), kind.lower()
    )
    number = re.sub(r"\s+", " ", number).lower() if number else None
    name = _capitalise_name(name, first_upper=False)
    return " ".join(part for part in (number, kind, name) if part)


# Glued to the word, only digits ("apt12"): "rue Battant" is no building T.
_COMPLEMENT = re.compile(
    r"\b(?:b[âa]t(?:iment)?|app?t|appart(?:ement)?|esc(?:alier)?|[ée]tage|"
    r"porte|bo[iî]te|bal|lot|entr[ée]e)(?:\.?\s*(?:n[°o]\s*)?\d{1,4}\b|"
    r"(?:\.\s*|\s+)(?:n[°o]\s*)?[A-Z0-9]{1,4}\b),?",
    re.IGNORECASE,
)


def _street_after(clean: str, code: re.Match[str]) -> tuple[Address, int, int] | None:
    """"Villeurbanne (69100), 15 cours Émile Zola": the commune and code, then the street."""
    rest = clean[code.end() :]
    skipped = len(rest) - len(rest.lstrip(" ),;-–"))
    street = _STREET_START.match(rest, skipped)
    if not street or not street.group("num"):
        return None
    name, name_end = _name_span(rest[street.end() :].lstrip(), limit=8)
    lead = clean[: code.start()].rstrip(" (")
    commune = re.search(r"([A-ZÀ-Ý][\w'’-]*(?:[ -](?:[a-z]{1,3}[ -])?[A-ZÀ-Ý][\w'’-]*){0,3})$", lead)
    if not name or not commune:
        return None
    end = code.end() + street.end() + (len(rest[street.end() :]) -
                                       len(rest[street.end() :].lstrip())) + name_end
    return (Address(line=_street_line(street.group("num"), street.group("type"), name),
                    postal_code=code.group(), commune=_capitalise_name(commune.group(1))),
            commune.start(1), end)


def extract_address(text: str) -> Address | None:
    """The first full postal address (street, postal code, commune) in the text."""
    found = extract_addresses(text)
    return found[0][0] if found else None


def extract_addresses(text: str) -> list[tuple[Address, int, int]]:
    """Every full postal address in the text, with where it starts and ends there.

    Accepts the commune after the postal code ("12 rue de la Paix, 75002 Paris") or before
    it ("12 rue des Lilas à Nantes 44000"). Positions are in the text without placeholders.
    """
    written = strip_placeholders(text)
    # "bât. B, apt 12" between the street and the postal code: read past it, keep it.
    complements = [m.span() for m in _COMPLEMENT.finditer(written)]
    clean = _mask(written, complements)
    found: list[tuple[Address, int, int]] = []
    for code in POSTCODE.finditer(clean):
        window = max(0, code.start() - 120)
        before = clean[window : code.start()]
        offset = window + (len(before) - len(re.split(r"[.;:!?\n]\s", before)[-1]))
        before = re.split(r"[.;:!?\n]\s", before)[-1]
        streets = _street_starts(before, _STREET_START)
        if not streets:
            after = _street_after(clean, code)
            if after:
                found.append(after)
            continue
        numbered = [m for m in streets if m.group("num")]
        street = (numbered or streets)[-1]
        segment = before[street.end() :].strip(" ,")
        commune, commune_end = _name_span(clean[code.end() :].lstrip(" ,"), limit=6, strict=True)
        if not commune:
            split = re.split(r"\s*,\s*|\s+(?:à|a)\s+", segment)
            if len(split) < 2:
                continue
            segment, commune = " ".join(split[:-1]), split[-1]
        name = _name_words(segment, limit=8)
        if not name:
            continue
        start = offset + street.start()
        extra = ", ".join(" ".join(written[a:b].split()).rstrip(",") for a, b in complements
                          if start < a < code.start())
        line = _street_line(street.group("num"), street.group("type"), name)
        found.append((Address(
            line=f"{line}, {extra}" if extra else line,
            postal_code=code.group(),
            commune=_capitalise_name(commune),
        ), start, code.end() + commune_end))
    return found


_ROAD_NUMBER = re.compile(r"\b(?:R[DN]|[DNA]|RD|RN|M)\s?\d{1,4}\b(?!\s*(?:€|euros?|%|h\b|ans))")


# Streets named after a date: "place du 8 Mai", "rue du 4 Septembre", "avenue du 14 Juillet".
_DATED_NAME = re.compile(
    r"(?:du|de l['’]|des)\s+\d{1,2}(?:er)?\s+(?:[Jj]anvier|[Ff][ée]vrier|[Mm]ars|[Aa]vril|[Mm]ai|"
    r"[Jj]uin|[Jj]uillet|[Aa]o[ûu]t|[Ss]eptembre|[Oo]ctobre|[Nn]ovembre|[Dd][ée]cembre)"
    r"(?:\s+\d{4})?\b")


def _place_name(text: str) -> str:
    dated = _DATED_NAME.match(text)
    return dated.group() if dated else _name_words(text, limit=6)


def extract_location(text: str) -> str | None:
    """Where a problem on the public road is: a street or place, with its number if given.

    "à l'angle de la rue X et de l'avenue Y" gives both streets; a full address gives its
    line, postal code and commune; "ma rue" alone names no place and gives None.
    """
    address = extract_address(text)
    if address:
        return f"{address.line}, {address.postal_code} {address.commune}"
    clean = strip_placeholders(text)
    named = [
        (m, name)
        for m in _street_starts(clean, _PLACE_START)
        for name in [_place_name(clean[m.end() :].lstrip())]
        if name
    ]
    if not named:
        # "sur la D12 en sortant du rond-point": a numbered road, and what says where on it.
        road = _ROAD_NUMBER.search(clean)
        if road:
            return " ".join(clean[road.start() : road.start() + 90].split(",")[0].split())
        gps = _GPS.search(clean)
        if gps:
            return f"GPS {gps['lat'].replace(',', '.')}, {gps['lon'].replace(',', '.')}"
        landmark = _LANDMARK.search(clean)
        if landmark:
            # "à l'arrêt de bus Mairie", "devant l'école maternelle des Cerisiers".
            return " ".join(landmark.group().split())
        return None
    (first, name), others = named[0], named[1:]
    line = _street_line(first.group("num"), first.group("type"), name)
    if others and re.search(r"\b(?:angle|coin|croisement|intersection)\b",
                            fold(clean[: first.start()])):
        second, other = others[0]
        return f"angle {line} et {_street_line(second.group('num'), second.group('type'), other)}"
    return line


_GPS = re.compile(r"(?P<lat>-?\d{1,2}[.,]\d{3,})\s*[,;/ ]\s*(?P<lon>-?\d{1,3}[.,]\d{3,})")
# Places a road problem is reported at that are no street: a stop, a school, a public building.
_LANDMARK = re.compile(
    r"\b(?:arr[êe]t (?:de |du )?(?:bus|tram)|abribus|[ée]cole|coll[èe]ge|lyc[ée]e|mairie|"
    r"stade|gymnase|piscine|m[ée]diath[èe]que|biblioth[èe]que|[ée]glise|cimeti[èe]re|"
    r"station|bus stop|primary school)\b[^,.;!?\n]{0,40}",
    re.IGNORECASE,
)


def mask_places(text: str) -> str:
    """The text with street numbers, street and place names, postal codes and communes
    blanked out, keeping the street words ("rue"): names say nothing about the démarche.
    """
    chars = list(text)

    def blank(start: int, end: int) -> None:
        chars[start:end] = " " * (end - start)

    for m in _street_starts(text, _PLACE_START):
        if m.group("num"):
            blank(m.start("num"), m.end("num"))
        _, end = _name_span(text[m.end() :], limit=6)
        blank(m.end(), m.end() + end)
    for code in POSTCODE.finditer(text):
        rest = text[code.end() :]
        offset = len(rest) - len(rest.lstrip(" ,"))
        _, end = _name_span(rest[offset:], limit=6, strict=True)
        blank(code.start(), code.end() + offset + end)
    return "".join(chars)


_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "janv": 1, "fev": 2,
    "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WORD_DATE = re.compile(
    r"\b(\d{1,2})(?:er)?\s+(" + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\.?\s+(\d{4})\b"
)


def _dates(text: str) -> list[tuple[tuple[int, int], date]]:
    """Every valid full date in the text, with its span; text is already folded."""
    found: list[tuple[tuple[int, int], date]] = []
    for m in _ISO_DATE.finditer(text):
        found.extend(_checked(m.span(), int(m[1]), int(m[2]), int(m[3])))
    for m in _NUMERIC_DATE.finditer(text):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        found.extend(_checked(m.span(), year, int(m[2]), int(m[1])))
    for m in _WORD_DATE.finditer(text):
        found.extend(_checked(m.span(), int(m[3]), _MONTHS[m[2]], int(m[1])))
    return sorted(found, key=lambda item: item[0])


def _checked(span: tuple[int, int], year: int, month: int, day: int
             ) -> list[tuple[tuple[int, int], date]]:
    try:
        return [(span, date(year, month, day))]
    except ValueError:
        return []


def extract_date(text: str) -> date | None:
    """The first full date: "le 3 mars 2026", "03/03/2026", "2026-03-03"."""
    found = _dates(fold(strip_placeholders(text)))
    return found[0][1] if found else None


_TAX_YEAR = re.compile(r"(?<![\d.,])\b(20\d{2})\b(?![.,]?\d)")


def extract_year(text: str) -> int | None:
    """A tax year (2000-2099) named in the text, not one inside a date or an amount."""
    found = extract_years_at(text)
    return found[0][0] if found else None


def extract_years_at(text: str) -> list[tuple[int, int, int]]:
    """Every tax year named, with its span in the text without placeholders."""
    folded = fold(strip_placeholders(text))
    masked = _mask(folded, [span for span, _ in _dates(folded)])
    found: list[tuple[int, int, int]] = []
    for m in _TAX_YEAR.finditer(masked):
        if re.match(r"\s*(?:€|eur|euros?\b|e\b)", masked[m.end() :]):
            continue
        found.append((int(m.group(1)), m.start(), m.end()))
    return found


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_AMOUNT = re.compile(
    r"(?<![\w.,/])(?P<int>\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+|\d+)(?:[.,](?P<dec>\d{1,2}))?"
    r"(?![\d/])(?P<after>\s*(?:€|euros?\b|eur\b|e\b|EUR\b)?)",
    re.IGNORECASE,
)
_UNITS = re.compile(
    r"\s*(?:ans?\b|mois\b|jours?\b|semaines?\b|heures?\b|h\b|min|enfants?\b|personnes?\b|"
    r"adultes?\b|parts?\b|%|fois\b|km\b|m2\b|m²|pi[eè]ces?\b|[ée]tages?\b|bis\b|ter\b|"
    r"(?:" + STREET_TYPES + r"|janv\w*|f[ée]v\w*|mars|avr\w*|mai|juin|juil\w*|ao[uû]t|"
    r"sept\w*|oct\w*|nov\w*|d[ée]c\w*)\b"
    r"|years?\b|months?\b|kids?\b|children\b|er\b|[èe]me\b|e\b(?!\w))",
    re.IGNORECASE,
)
_AMOUNT_CONTEXT = re.compile(
    r"(?:gagne|gagnons|salaire|revenus?|rfr|montant|touche|per[çc]ois|paie|paye|payer|"
    r"imp[ôo]ts?|ressources|loyer|somme|re[çc]ois|allocations?|pension|earn|income|"
    r"salary|wage|est de|sont de|s'[ée]l[èe]ve [àa]|environ)\s*(?:de|d'|à|a|:)?\s*$",
    re.IGNORECASE,
)
_AMOUNT_AFTER = re.compile(r"\s*(?:par mois|/\s*mois|nets?\b|bruts?\b|mensuels?\b|par an\b|"
                           r"(?:a|per) month\b|/\s*month\b|monthly\b|after tax\b)")


def extract_amounts(text: str) -> list[float]:
    """Amounts in euros, in order (see `extract_amounts_at`)."""
    return [value for value, _, _ in extract_amounts_at(text)]


def extract_amounts_at(text: str) -> list[tuple[float, int, int]]:
    """Amounts in euros, in order, with their span in the text without placeholders:
    "1 100 euros", "1100€", "1.100,50 €", "850 eur".

    A number without a currency counts only after words like "je gagne" or "salaire", or
    when it is the whole answer; years, postal codes, street numbers, dates, ages and
    counts are never amounts.
    """
    clean = strip_placeholders(text)
    clean = _mask(clean, [span for span, _ in _dates(fold(clean))])
    # Phone numbers the redaction missed are digits, not money.
    clean = re.sub(
        r"(?<![\d+])(?:\+33|0)\s?[1-9](?:[\s.]?\d{2}){4}(?!\d)",
        lambda m: " " * len(m.group()),
        clean,
    )
    alone = bool(re.fullmatch(r"\s*[\d\s.,\u00a0\u202f]+\s*(?:€|euros?|eur)?\s*[.!]?\s*", clean))
    amounts: list[tuple[float, int, int]] = []
    for m in _AMOUNT.finditer(clean):
        digits = re.sub(r"[ \u00a0\u202f.,]", "", m["int"])
        value = float(f"{digits}.{m['dec']}") if m["dec"] else float(digits)
        # "€1,180", "EUR 950": the sign written before, as in English.
        marked = bool(m["after"].strip()) or bool(
            re.search(r"(?:€|\bEUR)\s?$", clean[max(0, m.start() - 4) : m.start()]))
        rest = clean[m.end() :]
        if not marked:
            if _UNITS.match(rest) or _looks_like_postcode(digits, rest):
                continue
            if len(digits) == 4 and 1900 <= value <= 2099 and not _AMOUNT_AFTER.match(rest):
                continue
            before = clean[max(0, m.start() - 40) : m.start()]
            if not (alone or _AMOUNT_CONTEXT.search(before) or _AMOUNT_AFTER.match(rest)):
                continue
        amounts.append((value, m.start(), m.end()))
    return amounts


def _looks_like_postcode(digits: str, rest: str) -> bool:
    return len(digits) == 5 and bool(re.match(r"\s*,?\s*[A-ZÀ-Ýa-zà-ý]{2,}", rest)) and not (
        re.match(r"\s*(?:par|net|brut|de|d')\b", rest, re.IGNORECASE)
    )


_PLATE = re.compile(r"\b([A-Za-z]{2})([\s-]?)(\d{3})([\s-]?)([A-Za-z]{2})\b")
# Two-letter words that, around a three-digit number, are French rather than a plate.
_NOT_PLATE = frozenset(
    split_words(
    "au le la de du en un et ou il on ma sa ta se ce ne je tu bd av ai as es si me te nu "
    "vu lu eu mi ni va vi"
    )
)


def extract_plate(text: str) -> str | None:
    """A registration plate in the SIV format, normalised to AA-123-AA."""
    found = extract_plates(text)
    return found[0][0] if found else None


def extract_plates(text: str) -> list[tuple[str, int, int]]:
    """Every registration plate, normalised, with its span in the text without placeholders."""
    found: list[tuple[str, int, int]] = []
    for m in _PLATE.finditer(strip_placeholders(text)):
        left, right = m[1], m[5]
        spaced = " " in (m[2] + m[4])
        if spaced and (left.lower() in _NOT_PLATE or right.lower() in _NOT_PLATE):
            continue
        found.append((f"{left.upper()}-{m[3]}-{right.upper()}", m.start(), m.end()))
    return found


_ROAD_CATEGORIES: list[tuple[str, re.Pattern[str]]] = [
    ("eclairage", re.compile(
        r"\b(?:lampadaires?|eclairages?|lumieres?|reverberes?|ampoules?|eteints?|candelabres?|"
        r"ne s allume\w* plus|clignot\w*|"
        r"street ?lights?|lamp(?:post)?s?|lights?)\b")),
    ("proprete", re.compile(
        r"\b(?:dechets?|poubelles?|ordures?|depots? sauvages?|encombrants?|detritus|"
        r"immondices|tags?|graffitis?|salete|crottes?|dejections|rubbish|litter|trash|"
        r"garbage|waste|dumped|fly ?tipping|matelas|gravats|frigos?|refrigerateurs?|"
        r"electromenager|sacs? poubelles?|conteneurs?|containers?|colonnes? a verre|"
        r"bacs? a verre|verre casse|debordent|deborde|overflowing|broken glass)\b")),
    ("voirie", re.compile(
        r"\b(?:nids? de poul\w*|trous?|chaussees?|trottoirs?|routes?|bitume|goudron|fissures?|"
        r"affaissements?|defonce\w*|abime\w*|degrade\w*|potholes?|pavements?|sidewalks?|"
        r"roads?|plaques? d egout|bouches? d egout|panneaux?|signalisation|cracks?|"
        r"feux? (?:tricolores?|rouges?)|traffic lights?)\b")),
]


# The same categories' key words, for misspelt demands ("poubel", "trotoir", "lampadère").
_ROAD_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("eclairage", ("lampadaire", "eclairage", "lumiere", "reverbere", "ampoule")),
    ("proprete", ("dechet", "poubelle", "ordure", "encombrant", "detritus", "immondice",
                  "graffiti", "salete", "crotte")),
    ("voirie", ("chaussee", "trottoir", "bitume", "goudron", "fissure", "affaissement",
                "pothole", "pavement", "signalisation")),
]


def _misspelt(word: str, key: str) -> bool:
    if len(word) < 5:
        return False
    if key.startswith(word) and len(word) >= len(key) - 3:  # cut short: "poubel"
        return True
    limit = 2 if len(key) >= 9 else 1
    return len(key) >= 6 and min(edit_distance(word, key, limit=limit),
                                 edit_distance(word, key + "s", limit=limit)) <= limit


def extract_road_category(text: str) -> str | None:
    """`voirie`, `eclairage` or `proprete`; a lamp on a pavement is a lighting problem."""
    norm = normalise(text)
    for category, pattern in _ROAD_CATEGORIES:
        if pattern.search(norm):
            return category
    tokens = words(norm)
    for category, keys in _ROAD_WORDS:
        if any(_misspelt(w, k) for w in tokens for k in keys):
            return category
    return None


def extract_child_names(text: str, candidates: list[str]) -> list[tuple[str, int, int]]:
    """Each mention of a known child's given name, with its span in the text without
    placeholders (accents and case ignored; one typo allowed in long names)."""
    clean = strip_placeholders(text)
    folded = fold(clean)
    found: list[tuple[str, int, int]] = []
    for name in candidates:
        parts = words(name)
        if not parts:
            continue
        pattern = r"\b" + r"[\W_]+".join(re.escape(p) for p in parts) + r"\b"
        found.extend((name, m.start(), m.end()) for m in re.finditer(pattern, folded))
        if not any(n == name for n, _, _ in found) and len(parts) == 1 and len(parts[0]) >= 5:
            for m in re.finditer(r"[^\W\d_]+", folded):
                if edit_distance(m.group(), parts[0], limit=1) <= 1:
                    found.append((name, m.start(), m.end()))
    return sorted(found, key=lambda item: item[1])


def extract_child_name(text: str, candidates: list[str]) -> str | None:
    """Which known child's given name the text mentions (accents and case ignored)."""
    tokens = words(strip_placeholders(text))
    best: tuple[int, str] | None = None
    for name in candidates:
        parts = words(name)
        if not parts:
            continue
        for i in range(len(tokens) - len(parts) + 1):
            window = tokens[i : i + len(parts)]
            exact = window == parts
            close = len(parts) == 1 and len(parts[0]) >= 5 and edit_distance(
                window[0], parts[0], limit=1) <= 1
            if (exact or close) and (best is None or i < best[0]):
                best = (i, name)
                break
    return best[1] if best else None


_GIVEN_NAME = r"([A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?)"
_NAMED_CHILD = re.compile(
    r"(?:s['’ ]appelle|pr[ée]nom(?:\s+est|\s*:)?|c['’]est pour|pour|"
    r"(?:mon|ma|notre)\s+(?:fils|fille|enfant|gar[çc]on)|name is|named|called)\s+"
    + _GIVEN_NAME)


_NOT_NAMES = frozenset(split_words("oui non yes no merci bonjour ok okay aucun aucune personne"))


def extract_given_name(text: str) -> str | None:
    """A child's given name in an answer ("Il s'appelle Lucas", "Léa"), when no record lists
    the children to choose from; capitals tell the name from other words."""
    hit = _NAMED_CHILD.search(text)
    if hit:
        return hit.group(1)
    bare = text.strip().strip(".!")
    if normalise(bare) in _NOT_NAMES:
        return None
    return bare if re.fullmatch(_GIVEN_NAME, bare) else None


def extract_document_kind(text: str) -> str | None:
    """`acte-naissance-copie-integrale` or `acte-naissance-extrait`, when the text says."""
    norm = normalise(text)
    if re.search(r"\b(?:copies? (?:integrale|complete|entiere)s?|integral\w*|"
                 r"full (?:copy|certificate)|complete copy|long form)\b", norm):
        return "acte-naissance-copie-integrale"
    if re.search(r"\b(?:extraits?|extract|abstract|short form)\b", norm):
        return "acte-naissance-extrait"
    return None


def extract_cni_motif(text: str) -> str | None:
    """Why an identity card is asked for: `vol`, `perte`, `premiere-demande`, `renouvellement`."""
    norm = normalise(text)
    if re.search(r"\b(?:vol|volee?s?|derobee?s?|stolen|stole|theft|robbed|pickpocket\w*|"
                 r"cambriol\w*|arrache\w*)\b", norm):
        return "vol"
    if re.search(r"\b(?:perdu\w*|perte|egaree?|lost|lose)\b", norm):
        return "perte"
    if re.search(r"\b(?:premiere?|1ere|jamais eu|first|never had)\b", norm):
        return "premiere-demande"
    if re.search(r"\b(?:perimee?|expiree?|expire|renouvel\w*|plus valable|abimee?|"
                 r"illisible|cassee?|expired|renew\w*|damaged|refaire)\b", norm):
        return "renouvellement"
    return None


_RECIPIENTS = re.compile(
    r"\b(?:(?P<prep>a|aupres de|pour|chez|to|for|destination de)\s+"
    r"(?P<article>mon|ma|mes|l|le|la|my|the)\s+|au\s+)"
    r"(?P<who>employeur|nouvel employeur|patron|mutuelle|banque|proprietaire|bailleur|agence|"
    r"hopital|clinique|medecin|avocate?|notaire|assurance(?! maladie)|ecole|universite|comptable|"
    r"employer|bank|landlord|insurer|insurance|lawyer|doctor|hospital)\b"
)
_OWN_EMAIL = re.compile(
    r"\b(?:mon|ma|my|moi|me)\s+(?:adresse\s+)?(?:e\s?mail|mail|courriel|adresse|email)?\s*"
    r"(?:habituelle?|personnelle?|perso|principale?|usuelle?|actuelle?|usual|own)?\s*"
    r"(?:est|a|at|is|sur)?\s*$"
)
_TO_ME = re.compile(
    r"\b(?:envoye[rz]|transmett(?:re|ez)|adresse[rz]|ecrive[zr]|repondez|contactez)\s+"
    r"(?:la |le |les |l )?moi\b|"
    r"\bm (?:envoyer|transmettre|adresser)\b|\bme l (?:envoyer|transmettre)\b|\bsend me\b|"
    r"\bme (?:la |le |les |l )?(?:faire parvenir|envoyer|transmettre|adresser|faire suivre)\b"
)
# "… à x@… (c'est bien mon adresse)": the address said to be the citizen's own after it.
_OWN_AFTER = re.compile(r"^\W*(?:\w+ ){0,7}(?:mon adresse|mon (?:e )?mail|mon courriel|"
                        r"ma (?:propre )?adresse|my (?:own )?(?:address|email))\b")
# "pour mon entrée à l'hôpital": where the citizen goes, not where to send the document.
_GOING = re.compile(r"\b(?:entree|admission|sejour|hospitalisation|rendez vous|rdv|"
                    r"consultation|operation|intervention|inscription|aller|vais|going|"
                    r"admitted|appointment|stay)\s+(?:\w+\s+){0,2}$")
_FOR_MYSELF = re.compile(
    r"\b(?:je peux avoir|puis je avoir|pourrais je avoir|je voudrais (?:avoir|recevoir)|"
    r"pouvez vous m|pourriez vous m|envoyez moi|par (?:mail|e mail|courriel)|"
    r"can i (?:get|have)|send me)\b"
)
_PURPOSE = re.compile(r"\b(?:pour|besoin|for|need)\b[^.?!]*$")
_ENGLISH_RECIPIENT = {
    "employer": "employeur", "bank": "banque", "landlord": "propriétaire",
    "insurer": "assurance", "insurance": "assurance", "lawyer": "avocat", "doctor": "médecin",
    "hospital": "hôpital", "proprietaire": "propriétaire", "hopital": "hôpital",
    "medecin": "médecin", "ecole": "école", "universite": "université",
}
_FEMININE = frozenset(split_words("mutuelle banque agence clinique assurance avocate"))


def extract_recipient(text: str) -> str | None:
    """A third party a document should be sent to: an [EMAIL_n], or "mon employeur"...

    None when the citizen wants the document for themselves, their own email included.
    """
    for email in re.finditer(r"\[(?:TIERS_)?EMAIL_\d+\]", text):
        if email.group().startswith("[TIERS_"):
            # Redaction already read it as someone else's address ("à l'attention de Mme X,
            # x@…", "à ma compagne, y@…").
            return email.group()
        before = normalise(text[max(0, email.start() - 40) : email.start()])
        after = normalise(text[email.end() : email.end() + 60])
        if not (_OWN_EMAIL.search(before) or _TO_ME.search(before)
                or _OWN_AFTER.search(after)):
            return email.group()
    norm = normalise(strip_placeholders(text))
    named = _RECIPIENTS.search(norm)
    if not named:
        return None
    sent_there = re.search(r"\b(?:envoy|transmet|adress|parven|send|forward)\w*\s+(?:\w+\s+){0,3}"
                           + re.escape(named.group()), norm)
    if re.search(r"\b(?:moi meme|myself|je (?:la |le |les |l )?(?:remettrai|donnerai|"
                 r"transmettrai|apporterai|ferai suivre|deposerai))\b", norm) and not sent_there:
        # "… une attestation, que je remettrai moi-même à mon nouvel employeur".
        return None
    if not sent_there and _GOING.search(norm[: named.start()]):
        return None
    if named["prep"] in ("pour", "for") and named["article"] in ("la", "le", "l", "the") and (
            not sent_there):
        # "une attestation pour la mutuelle de mon travail": what it is for; a recipient
        # is sent to ("envoyez-la à la mutuelle") or is the citizen's own ("pour mon
        # employeur").
        return None
    if named["prep"] in ("pour", "for") and not sent_there:
        # "C'est pour mon employeur qui la demande", "il me faut une attestation pour mon
        # nouvel employeur": what it is for, handed over by the citizen; a recipient is sent
        # to ("envoyez-la à mon employeur").
        return None
    if _TO_ME.search(norm) and not sent_there:
        # "Je dois entrer à la clinique… pourriez-vous me la faire parvenir ?": the clinic is
        # where the citizen goes; the document is sent to them.
        return None
    if named["prep"] in ("pour", "for") and _TO_ME.search(norm):
        # "envoyez-moi mon attestation, c'est pour l'hôpital": sent to the citizen, who
        # hands it over; only "à l'hôpital" or "pour mon employeur" alone name a recipient.
        return None
    if _FOR_MYSELF.search(norm) and _PURPOSE.search(norm[: named.start()]):
        # "Je peux avoir mon attestation ? J'en ai besoin pour l'inscription à la mutuelle":
        # the mutuelle is what it is for, not where to send it.
        return None
    who = _ENGLISH_RECIPIENT.get(named["who"], named["who"])
    vowel = who[0] in "aeéiouhyô"
    if named["article"] in ("mon", "ma", "mes", "my"):
        return f"{'mon' if vowel or who not in _FEMININE else 'ma'} {who}"
    return f"l'{who}" if vowel else f"{'la' if who in _FEMININE else 'le'} {who}"


_NUMBER_WORDS = {
    "zero": 0, "aucun": 0, "aucune": 0, "none": 0, "pas": 0, "un": 1, "une": 1, "seul": 1,
    "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3, "quatre": 4, "four": 4,
    "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8, "eight": 8,
    "neuf": 9, "nine": 9, "dix": 10, "ten": 10, "onze": 11, "douze": 12,
}


def extract_integer_answer(text: str) -> int | None:
    """The whole number a short answer gives: "2", "deux enfants", "aucun", "1 250"."""
    clean = strip_placeholders(text)
    m = re.search(r"(?<![\d.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?![\d]|[.,]\d)", clean)
    if m:
        return int(re.sub(r"\D", "", m.group(1)))
    for word in words(clean):
        if word in _NUMBER_WORDS:
            if word == "pas" and not re.search(r"\bpas (?:d|de)\b", normalise(clean)):
                continue
            return _NUMBER_WORDS[word]
    return None


_NO_PHRASE = re.compile(
    r"\b(?:pas d accord|non merci|no thanks|surtout pas|pas du tout|absolument pas|"
    r"certainement pas|que non|je refuse|je ne (?:veux|souhaite) pas|annule\w*|"
    r"pas question|negatif)\b"
)
_YES_PHRASE = re.compile(
    r"\b(?:d accord|bien sur|tout a fait|c est ca|c est bien ca|c est exact|je confirme|"
    r"allez y|vas y|ca marche|ca me va|of course|go ahead|je valide)\b"
)
_YES_WORDS = frozenset(
    split_words(
    "oui ouais ouai yes yep yeah ok okay oki dac exactement volontiers affirmatif absolument "
    "parfait confirme correct sure entendu exact valide"
    )
)
_NO_WORDS = frozenset(split_words("non nan no nope jamais"))


def is_affirmative(text: str) -> bool | None:
    """True for yes, False for no, None when the answer is neither."""
    norm = normalise(text)
    tokens = norm.split()
    if not tokens:
        return None
    if _NO_PHRASE.search(norm):
        return False
    if tokens[0] in _NO_WORDS:
        return False
    if tokens[0] in _YES_WORDS or _YES_PHRASE.search(norm):
        return True
    yes = any(t in _YES_WORDS for t in tokens)
    no = any(t in _NO_WORDS for t in tokens)
    if yes != no:
        return yes
    return None

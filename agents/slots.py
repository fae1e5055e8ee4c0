"""Which of several values in one message the citizen means: corrections and context.

"69002… pardon, c'est 69003", "la CB-113-SD, pas la HN-194-SE", "je gagne 1 500 € brut,
enfin non, en net 1 150 €", "mon loyer est de 640 €, mon salaire 1 320 €": the first value
seen is often not the one meant. A value the citizen negates ("pas 69002", "au lieu de
…") is out; after a correction ("pardon", "je me suis trompée", "en fait") the first value
that follows wins; for amounts, the words around each one say what it is (a rent is no
income). Across messages, the latest message wins (agents/fields.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from agents.text import fold

T = TypeVar("T")

_CORRECTION = re.compile(
    r"\b(?:pardon|je me suis tromp\w*|je me trompe|erreur de ma part|(?:c est|c etait) une "
    r"erreur|oups|en fait|enfin non|non non|correction|je corrige|rectif\w*|je rectifie|plutot|"
    r"(?:le|la|les) (?:bon|bonne|bons|bonnes|vrai|vraie)|le correct|la correcte|"
    r"(?:je voulais|j ai voulu|je veux) (?:dire|ecrire)|j ai mal (?:lu|ecrit|tape)|mauvaise ligne|"
    r"sorry|i mean|actually|my mistake|correction|perdon|me equivoque|el correcto|la correcta|"
    r"desculp\w*|enganei|o correto|a correta|je confonds|jconfonds|erreur de frappe|"
    r"(?:j ai |je l ai )?(?:lu|ecrit|tape) trop vite|excusez moi)\b|"
    r"(?:\.\.\.|…|,|^|\n)\s*(?:ah |euh |oh |mdr |lol |hum )?non\b,?|"
    # "… 9 200 €. Ah non, sur le dernier avis c'est 12 100 €": an interjection and "non".
    r"\b(?:ah|euh|oh|bah|ben|ah ben|hum) non\b,?|"
    r"(?:\.|…|^|\n)\s*(?:ah |euh |oh )?enfin\b|\berratum\b|"
    # "… 1620 €, enfin 1530 €", "C'est donc 190 € qu'il faut retenir".
    r"\benfin(?= \d)|\bc est donc\b|\b(?:il faut|a) retenir\b|\bretenez\b|"
    # "*33800" on a line of its own: a text message's correction of what it sent.
    r"(?:^|\n)\s*\*(?=\s*\w)"
)
# Just before a value: the citizen says it is not that one.
_NEGATED_BEFORE = re.compile(
    r"\b(?:pas|non pas|not|nao|et non|instead of|au lieu d[eu]?|plutot que|ni)"
    r"(?:\s+(?:le|la|les|l|du|de|des|d|pour|au|aux|a|the|en|sur|par|celle|celui|ce))*"
    r"\s*[:,]?\s*$"
)
_LOOKBACK = 40
_CLAUSE_END = r"[.;:!?\n,]|\bmais\b|\bbut\b|\bpero\b"
_LOOKAHEAD = 16

# What the words around an amount say it is, by form field.
_INCOME = (r"gagn\w*|salaire|revenus?|touch\w*|per[cç]\w*|ressources|pay[ée]e?s?|paie|net|"
           r"smic|income|earn\w*|salary|wage|en tout|au total|maintenant|desormais|"
           r"actuellement|aujourd hui|now")
_PREFER: dict[str, str] = {
    "monthly_activity_income": _INCOME,
    "monthly_resources": _INCOME + r"|allocations?|pension|chomage",
    "rfr": r"revenu fiscal|rfr|reference|avis d imposition|revenu imposable",
    "quotient_familial": r"quotient|qf",
    "claimed_amount": (r"bon montant|montant (?:correct|juste|exact|reel)|devrai\w*|ramen\w*|"
                       r"(?:impot|montant|somme) due?|"
                       r"correspond\w*|en realite|au plus|seulement|reduit\w*|devoir|dois|doit|"
                       r"serait|would be|should (?:owe|pay|be)|owe|"
                       r"(?:payer|paye|doit etre|dois) (?:que|seulement)|c est"),
}
_AVOID: dict[str, str] = {
    "monthly_activity_income": (r"loyer|charges|facture|credit|dette|apl|aides? au logement|"
                                r"allocation logement|brut|l an dernier|ancien|epargne|"
                                r"gagnais|touchais|avais|douze derniers mois|sur l annee|"
                                r"sur un an|gross"),
    "monthly_resources": (r"loyer|charges|facture|credit|dette|brut|l an dernier|ancien|epargne|"
                          r"gagnais|touchais|avais|avant|auparavant|douze derniers mois|"
                          r"sur l annee|sur un an|par an"),
    "rfr": r"loyer|charges|par mois|mensuel\w*",
    "claimed_amount": (r"indiqu\w*|a payer|reclam\w*|l an dernier|l annee derniere|avais|"
                       r"au lieu d\w*|loyer|pension|verse\w*|charged|etonne\w*|"
                       r"avis (?:d impot|d imposition) "
                       r"(?:de|du|indique)"),
}
_AVOID_AFTER: dict[str, str] = {
    "monthly_activity_income": (r"bruts?|gross|de loyer|d apl|avant|auparavant|before|"
                                r"par an|per year|a year|"
                                r"(?:de|par|a) l heure|(?:de |par )?heure|/ ?h\b|"
                                r"(?:an|per) hour|hourly|par jour|par semaine"),
    "monthly_resources": (r"bruts?|gross|de loyer|avant|auparavant|before|(?:de|par|a) l heure|"
                          r"par an|per year|a year|de chomage|"
                          r"/ ?h\b|(?:an|per) hour|hourly|par jour|par semaine"),
    "rfr": r"par mois|/ ?mois",
    "claimed_amount": r"a payer|l an dernier|par mois|(?:€ |euros? )?(?:preleve\w*|chaque mois)",
}
_MONTHLY = frozenset({"monthly_activity_income", "monthly_resources"})
_PER_MONTH = re.compile(r"\s*(?:€|euros?|eur)?\s*(?:nets?\s+)?(?:par mois|/ ?mois|mensuel\w*|"
                        r"a month|per month|monthly)\b")
# Fields whose value must be named in the text: a stray amount is not a quotient familial.
_NAMED_ONLY = frozenset({"quotient_familial"})


def _folded(text: str) -> str:
    """Lowercase and accent-free with apostrophes as spaces, one character for one."""
    return re.sub(r"['’]", " ", fold(text))


def correction_span(text: str) -> tuple[int, int] | None:
    """Where the last correction cue of the text is, if it has one."""
    found = list(_CORRECTION.finditer(_folded(text)))
    return found[-1].span() if found else None


def first_correction(text: str) -> int:
    """Where the first correction cue of the text ends (its length when there is none)."""
    m = _CORRECTION.search(_folded(text))
    return m.end() if m else len(text)


def corrects(text: str) -> bool:
    """Whether the text says that something said before was wrong."""
    return bool(_CORRECTION.search(_folded(text)))


def named(text: str, found: Sequence[tuple[T, int, int]], words: str,
          window: int = _LOOKBACK) -> list[tuple[T, int, int]]:
    """The values the words just before them (same sentence) say are of the kind sought:
    "mon impôt sur le revenu 2025" rather than "retraité depuis 2019"."""
    folded = _folded(text)
    pattern = re.compile(rf"\b(?:{words})\b")
    return [c for c in found
            if pattern.search(re.split(r"[.;!?\n]", folded[max(0, c[1] - window) : c[1]])[-1])]


def right_after_cue(text: str, found: Sequence[tuple[T, int, int]],
                    gap: int = 3) -> list[tuple[T, int, int]]:
    """The values written right after a correction cue ("plutôt 31300")."""
    ends = [m.end() for m in _CORRECTION.finditer(_folded(text))]
    return [c for c in found if any(0 <= c[1] - e <= gap for e in ends)]


def choose(text: str, found: Sequence[tuple[T, int, int]]) -> tuple[T, int, int] | None:
    """The value the citizen means among those found in `text` (spans as found there)."""
    if not found:
        return None
    folded = _folded(text)
    alive = [c for c in found
             if not _NEGATED_BEFORE.search(folded[max(0, c[1] - _LOOKBACK) : c[1]])]
    if not alive:
        return None
    if len(alive) > 1:
        cues = [m.end() for m in _CORRECTION.finditer(folded)]
        for cue in reversed(cues):
            after = [c for c in alive if c[1] >= cue]
            if after:
                return after[0]
    return alive[0]


def choose_amount(field: str, text: str, found: Sequence[tuple[float, int, int]], *,
                  asked: bool) -> float | None:
    """The amount meant for `field`: corrections first, then what the words around say."""
    folded = _folded(text)
    prefer, avoid, avoid_after = (_PREFER.get(field), _AVOID.get(field),
                                  _AVOID_AFTER.get(field))

    ends = {c[1]: max([e for _, s, e in found if e <= c[1]], default=0) for c in found}

    def before(c: tuple[float, int, int], cut: str = r"[.;!?\n]") -> str:
        # Only the words of the same sentence (or clause), since the amount before, speak
        # for the amount: "je gagnais 1 500 avant, maintenant 1 100".
        start = max(ends.get(c[1], 0), c[1] - _LOOKBACK)
        window = folded[start : c[1]]
        if start and start == ends.get(c[1]):
            # "2 050 € brut et 1 590 € net": the word right after the amount before is that
            # amount's, not this one's.
            window = re.sub(r"^\s*(?:€|euros?|eur)?\s*\w+", "", window)
            # "380 € de loyer et je touche 150 €": what the amount before is said to be
            # ends at the next "et" or comma.
            parts = re.split(r"\bet\b|,|\bmais\b|\bpuis\b", window, maxsplit=1)
            window = parts[-1]
        return re.split(cut, window)[-1]

    def after(c: tuple[float, int, int]) -> str:
        return folded[c[2] : c[2] + _LOOKAHEAD]

    if avoid or avoid_after:
        found = [c for c in found
                 if not (avoid and re.search(rf"\b(?:{avoid})\b", before(c, _CLAUSE_END)))
                 and not (avoid_after and re.match(rf"\s*(?:{avoid_after})\b", after(c)))]
    if field in _MONTHLY and not _CORRECTION.search(folded):
        # "1 800 € sur douze mois, soit 150 € par mois": the amount said to be monthly.
        monthly = [c for c in found if _PER_MONTH.match(after(c))]
        if monthly and len(monthly) < len(found):
            found = monthly
    chosen = choose(text, found)
    if chosen is None:
        return None
    corrected = len(found) > 1 and any(m.end() <= chosen[1]
                                       for m in _CORRECTION.finditer(folded))
    if prefer and not corrected:
        named = [c for c in found if re.search(rf"\b(?:{prefer})\b", before(c))]
        if named:
            chosen = choose(text, named) or chosen
        elif field in _NAMED_ONLY and not asked:
            return None
    return chosen[0]

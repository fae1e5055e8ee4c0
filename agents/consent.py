"""Yes or no to a proposal, read from a free-text answer (for the offline model).

The answer to "we prepared this demand for you, do you want it?" is short and everyday:
"oui", "d'accord, merci", "non merci, ça ne m'intéresse pas", "STOP", "je ne veux plus de
ces messages". A refusal wins over a polite word that looks like a yes ("non merci, c'est
gentil"); "pas de souci" and "pourquoi pas" are yeses; a wish to get no more proposals is a
refusal with an opt-out. When both or neither are there, nobody guesses: the agent asks.
"""

from __future__ import annotations

import re
from typing import Literal

from agents import languages
from agents.text import normalise

Consent = Literal["accept", "decline", "opt_out", "unclear"]

# Matched on the normalised text (lower case, no accents, punctuation as single spaces).
_OPT_OUT = re.compile(
    r"\b(stop|ne ((veux|souhaite|desire) )?(plus|pas) (me |m )?(recevoir|envoyer|ecrire|"
    r"contacter|etre contacte|etre contactee|solliciter)|plus de (propositions?|"
    r"messages?|sollicitations?)|ne m ecrivez plus|desinscri\w*|laissez moi tranquille)\b")
_YES_DESPITE_NEGATION = re.compile(
    r"\b(pas de (souci|soucis|probleme|problemes)|pourquoi pas|sans (souci|probleme)|"
    r"ne refuse pas|ne dis pas non)\b")
_NO = re.compile(
    r"\b(non|no|nan|refuse|refus|decline|pas (interesse|interessee|besoin|la peine|pour moi)|"
    r"ne (veux|souhaite|desire) pas|je n en veux pas|ca ne m interesse pas|sans facon|"
    r"inutile|je passe)\b")
_YES = re.compile(
    r"\b(oui|ouais|yes|ok|okay|d accord|dac|j accepte|accepte|volontiers|je veux bien|"
    r"allez y|avec plaisir|bien sur|ca m interesse|interesse|interessee|je suis partant|"
    r"partante|go|parfait|super|tres bien|entendu|c est bon|faites|je confirme|confirme)\b")


def read_consent(text: str) -> Consent:
    french = languages.read(text).french
    folded = normalise(french)
    if _OPT_OUT.search(folded):
        return "opt_out"
    yes_anyway = bool(_YES_DESPITE_NEGATION.search(folded))
    cleaned = _YES_DESPITE_NEGATION.sub(" ", folded)
    no, yes = bool(_NO.search(cleaned)), bool(_YES.search(cleaned)) or yes_anyway
    if no and not yes:
        return "decline"
    if yes and not no:
        return "accept"
    if no and yes and re.match(r"\s*(non|no|nan)\b", cleaned):
        return "decline"  # "non merci, c'est gentil, d'accord pour une autre fois"
    return "unclear"

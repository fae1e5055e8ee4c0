"""French text helpers for the offline model: normalisation, stopwords, stemming, typo repair."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable


def split_words(text: str) -> tuple[str, ...]:
    """A word list written as one whitespace-separated string, in order."""
    return tuple(text.split())


_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z0-9]*_\d+\]")
_NON_WORD = re.compile(r"[^a-z0-9]+")

# Function words only: question words (quel, comment, combien) and negations stay, because
# they separate a question about a procedure from a demand to run it.
STOPWORDS: frozenset[str] = frozenset(
    split_words(
        """
    a au aux avec ce ces cet cette c d de des du en et il ils elle elles j je l la le les leur
    leurs lui m ma me mes moi mon n ne nos notre nous on ou par pour qu que qui s sa se ses si
    son sur t ta te tes toi ton tu un une vos votre vous y est sont suis es etre ai as avons
    avez ont avoir fait faire cela ca ici dans chez plus tres bien bonjour bonsoir merci svp
    stp madame monsieur mme mr m mlle cordialement salut hello hi please thanks the an of to
    for my me i is are am be it this that in on at and or do does can could would will with
    your you we our us from have has had was were been so just bjr slt mrc would like want
    need get got know think im ive dont can cant ll ve re
    va vais vas vont aller allez peut peux pouvez pourriez pourrais puis dois doit devez
    veux voudrais voudrait voulez souhaite souhaiterais aimerais viens vient venez mais
    faut faudrait faudra fallait
    """
    )
)

# Longest first, so "ements" is tried before "es"; a suffix is removed only when the stem
# left is long enough to stay meaningful.
_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        split_words(
            """
        issements issement ements ement ations ation itions ition ions ion ateurs ateur
        orales orale oral atrices atrice ances ance ences ence ables able ibles ible istes
        iste ismes isme euses euse eurs eur ives ive ifs iques ique ees ee es er ez ir re e
        """
        ),
        key=len,
        reverse=True,
    )
)
_MIN_STEM = 3
_STEM_LENGTH = 6


def strip_placeholders(text: str) -> str:
    """Text without redaction placeholders such as [NOM_1] or [EMAIL_2]."""
    return _PLACEHOLDER.sub(" ", text)


def normalise(text: str) -> str:
    """Lowercase, accent-free text with punctuation turned into single spaces."""
    lowered = text.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", lowered)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", bare).split())


def fold(text: str) -> str:
    """Lowercase and accent-free, character for character, so match positions still hold."""
    out: list[str] = []
    for ch in text.lower():
        base = unicodedata.normalize("NFKD", ch)
        out.append(base[0] if len(base) > 1 and unicodedata.combining(base[1]) else ch)
    return "".join(out)


def words(text: str) -> list[str]:
    """The normalised words of a text, in order."""
    return normalise(text).split()


def content_words(text: str) -> list[str]:
    """Normalised words that carry meaning: no stopwords, no numbers, no single letters."""
    return [w for w in words(text) if len(w) > 1 and not w.isdigit() and w not in STOPWORDS]


def stem(word: str) -> str:
    """A light French stem: plural and common derivational suffixes off, then truncated.

    Truncation conflates inflections a suffix list misses (inscrire, inscription, inscrit).
    """
    w = word
    if len(w) > 4 and w.endswith("aux"):
        w = w[:-3] + "al"
    elif len(w) > 3 and w[-1] in "sx" and not w.endswith("ss"):
        w = w[:-1]
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= _MIN_STEM:
            w = w[: -len(suffix)]
            break
    return w[:_STEM_LENGTH]


def edit_distance(a: str, b: str, *, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count once), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous: list[int] | None = None
    current = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                before is not None
                and i > 1
                and j > 1
                and a[i - 1] == b[j - 2]
                and a[i - 2] == b[j - 1]
            ):
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
    return current[-1]


class Vocabulary:
    """Known words, used to repair misspellings of words long enough to be recognisable."""

    def __init__(self, known: Iterable[str]) -> None:
        self._counts = Counter(known)
        self._stems = {stem(w) for w in self._counts}
        self._by_length: dict[int, list[str]] = {}
        for w in sorted(self._counts):
            self._by_length.setdefault(len(w), []).append(w)
        self._cache: dict[str, str] = {}

    def __contains__(self, word: object) -> bool:
        return word in self._counts

    def correct(self, word: str) -> str:
        """The word itself when known (or its stem is); else the closest known word.

        Words under five letters are left alone: one edit turns them into other real words.
        Longer words allow one edit, words of eight letters or more two.
        """
        if word in self._counts or len(word) < 5 or word.isdigit() or stem(word) in self._stems:
            return word
        if word in self._cache:
            return self._cache[word]
        limit = 1 if len(word) < 8 else 2
        best, best_key = word, (limit + 1, 0, "")
        for length in range(len(word) - limit, len(word) + limit + 1):
            for candidate in self._by_length.get(length, ()):
                if candidate[0] != word[0] and len(word) < 8:
                    # Typos rarely hit the first letter; this keeps short words from drifting.
                    continue
                distance = edit_distance(word, candidate, limit=limit)
                key = (distance, -self._counts[candidate], candidate)
                if distance <= limit and key < best_key:
                    best, best_key = candidate, key
        self._cache[word] = best
        return best

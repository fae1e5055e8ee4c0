"""Demands in other languages, for the offline model: which language, and its French reading.

An LLM reads Spanish or Arabic natively; the offline model reads French (and the English of
the catalogue's examples). A demand in another language is read through a glossary of the
words a demand to a French administration uses (agents/glossary.yaml), put into French in
place, so that addresses, amounts and names keep their spelling and position. The language
is identified by py3langid (a Naive Bayes model over byte n-grams, a few milliseconds a
message), restricted to the languages guichet answers in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

GLOSSARY = Path(__file__).with_name("glossary.yaml")
FRENCH, ENGLISH = "fr", "en"
# Below this probability the text is read as French: short or mixed messages ("bjr cc")
# are most often French typed fast.
_CONFIDENT = 0.9
# Scripts that say the language by themselves, whatever the model thinks of a short text.
_SCRIPTS = (("ar", re.compile(r"[\u0600-\u06ff]")), ("ru", re.compile(r"[\u0400-\u04ff]")),
            ("zh", re.compile(r"[\u4e00-\u9fff]")))
_SHORT_KEY = 3

# One line in the citizen's language, above the French answer (the legal text is French).
REPLY_LINES: dict[str, str] = {
    "en": "Your request has been handled: the details follow in French.",
    "es": "Su solicitud ha sido tramitada: el detalle figura a continuación en francés.",
    "pt": "O seu pedido foi tratado: os pormenores seguem em francês.",
    "ar": "تمت معالجة طلبكم: التفاصيل أدناه باللغة الفرنسية.",
    "it": "La sua richiesta è stata trattata: i dettagli seguono in francese.",
    "ro": "Cererea dumneavoastră a fost procesată: detaliile urmează în limba franceză.",
    "tr": "Talebiniz işleme alındı: ayrıntılar aşağıda Fransızca olarak verilmiştir.",
    "de": "Ihr Antrag wurde bearbeitet: die Einzelheiten folgen auf Französisch.",
    "ru": "Ваш запрос обработан: подробности ниже на французском языке.",
    "zh": "您的申请已处理：详细内容见下方法文。",
}
QUESTION_LINES: dict[str, str] = {
    "en": "We need one more piece of information (you may answer in your language):",
    "es": "Necesitamos una información más (puede responder en su idioma):",
    "pt": "Precisamos de mais uma informação (pode responder na sua língua):",
    "ar": "نحتاج إلى معلومة إضافية (يمكنكم الرد بلغتكم):",
    "it": "Ci serve ancora un'informazione (può rispondere nella sua lingua):",
    "ro": "Avem nevoie de încă o informație (puteți răspunde în limba dumneavoastră):",
    "tr": "Bir bilgiye daha ihtiyacımız var (kendi dilinizde yanıtlayabilirsiniz):",
    "de": "Wir brauchen noch eine Angabe (Sie können in Ihrer Sprache antworten):",
    "ru": "Нам нужна ещё одна информация (можно ответить на вашем языке):",
    "zh": "我们还需要一项信息（您可以用您的语言回答）：",
}


# Letters Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "s"}


_SUFFIXING = frozenset({"tr"})
_COMPOUNDING = frozenset({"de"})
_COMPOUND_KEY = 6


def _fold(text: str) -> str:
    """Lowercase and accent-free, one character for one, so spans map back to the text."""
    out: list[str] = []
    for ch in text.lower():
        if ch in _UNDECOMPOSED:
            out.append(_UNDECOMPOSED[ch])
            continue
        base = unicodedata.normalize("NFKD", ch)
        out.append(base[0] if len(base) > 1 and unicodedata.combining(base[1]) else ch)
    return "".join(out).replace("’", "'").replace("'", " ").replace("-", " ")


@dataclass(frozen=True)
class _Language:
    code: str
    pattern: re.Pattern[str]
    french: dict[str, str]


def _compile(code: str, entries: dict[str, Any]) -> _Language:
    french = {_fold(str(k)): str(v) for k, v in entries.items()}
    keys = sorted(french, key=len, reverse=True)
    spaced = code not in ("zh",)
    # Turkish adds its cases to the word ("yemekhane" → "yemekhanesine"): a key matches a
    # word's beginning, suffixes included.
    ending = r"\w*" if code in _SUFFIXING else r"(?!\w)"
    alternatives = [
        # German makes one word of several ("Schulkantine", "Kommunalwahlen"): a long key
        # is found at the end of a compound too.
        rf"{re.escape(k)}\w*" if code in _COMPOUNDING and len(k) >= _COMPOUND_KEY
        else rf"(?<!\w){re.escape(k)}{ending}" if spaced and (code not in ("ar", "ru")
                                                            or len(k) <= _SHORT_KEY)
        else re.escape(k) for k in keys]
    return _Language(code, re.compile("|".join(alternatives)), french)


@lru_cache(maxsize=1)
def _glossary() -> dict[str, _Language]:
    data = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    return {code: _compile(code, entries) for code, entries in data.items()}


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(dict.fromkeys([FRENCH, ENGLISH, *_glossary()])))
    return ident


def detect(text: str) -> str:
    """The text's language code; French when unsure."""
    for code, script in _SCRIPTS:
        if len(script.findall(text)) >= max(3, len(text.strip()) // 4):
            return code
    letters = re.sub(r"[\W\d_]+", " ", text).strip()
    if len(letters) < 12:
        return FRENCH
    code, probability = _identifier().classify(letters)
    return str(code) if probability >= _CONFIDENT else FRENCH


_BESIDE_DIGITS = re.compile(r"\d ?$|^ ?\d")
_PLATE_LETTERS = re.compile(r"[a-z]{2}")


def to_french(text: str, language: str) -> str:
    """The text with the glossary's words of its language put into French, in place."""
    lang = _glossary().get(language)
    if lang is None:
        return text
    folded = _fold(text)
    out: list[str] = []
    position = 0
    for m in lang.pattern.finditer(folded):
        if _PLATE_LETTERS.fullmatch(m.group()) and (
                _BESIDE_DIGITS.search(folded[max(0, m.start() - 2) : m.start()])
                or _BESIDE_DIGITS.match(folded[m.end() : m.end() + 2])):
            # "VJ-790-DS": letters of a plate or a reference, not a word ("ds", "dans").
            continue
        out.append(text[position : m.start()])
        out.append(f" {lang.french[_key(lang, m.group())]} ")
        position = m.end()
    out.append(text[position:])
    return re.sub(r"[ \t]{2,}", " ", "".join(out)).strip()


def _key(lang: _Language, found: str) -> str:
    """The glossary key a match stands for (with its suffix, for suffixing languages)."""
    if found in lang.french:
        return found
    return max((k for k in lang.french if found.startswith(k)), key=len)


@dataclass(frozen=True)
class Read:
    """A citizen's text as the offline model reads it: its language and its French."""

    language: str
    french: str


def read(text: str) -> Read:
    language = detect(text)
    return Read(language, to_french(text, language))


def reply_line(language: str) -> str | None:
    return REPLY_LINES.get(language) if language != FRENCH else None


def question_line(language: str) -> str | None:
    return QUESTION_LINES.get(language) if language != FRENCH else None

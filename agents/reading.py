"""Read a message as a person would: the citizen's own new text apart from what is not.

A mail carries quoted history (a previous message, possibly about another démarche), a
signature (a job title, a company, "Envoyé de mon iPhone"), a legal footer and formulas of
politeness. None of that is what the citizen asks now, and words in it ("logement", "CAF")
would open procedures nobody asked for. The model is given `Reading.own`; the other parts
stay with the message in the case's record (the stored body is never changed).

Reply headers are found by mail-parser-reply (Gmail, Outlook, Apple Mail and Thunderbird
headers in a dozen languages); what it does not know (Portuguese and Arabic headers, a
header wrapped over two lines, "Message d'origine" separators, confidentiality footers,
phone signatures) is added here. The same reading applies to every channel: a chat or an
SMS rarely has quoted history, but often has a greeting or a signature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

from mailparser_reply import EmailReplyParser

from agents import slots

_LIBRARY_LANGUAGES = ("fr", "en", "es", "de", "it", "nl", "pl")

# "Le lun. 3 nov. 2026 à 10:12, Mairie <\ncontact@...> a écrit :", wrapped or not, and the
# same in the languages the library lacks.
_WROTE = re.compile(
    r"^[> ]*(?:le|on|el|em|am|il|op|dnia|في)\b[^\n]{0,200}(?:\n[^\n]{0,160})?"
    r"(?:a [ée]crit|wrote|escribi[óo]|escreveu|schrieb|ha scritto|schreef|napisa[łl]|كتب)"
    r"\s*:?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_SEPARATOR = re.compile(
    r"^[> ]*(?:-{2,}\s*(?:(?:original|forwarded) message|message d['’]origine|"
    r"message (?:original|transf[ée]r[ée])|mensaje (?:original|reenviado)|"
    r"mensagem (?:original|encaminhada)|urspr[üu]ngliche nachricht|messaggio originale|"
    # A copied exchange: "----- échange précédent -----", "--- Historique ---".
    r"(?:[ée]change|message|messages|conversation|discussion) (?:pr[ée]c[ée]dente?s?|"
    r"ant[ée]rieure?s?)|historique(?: des [ée]changes)?|previous (?:message|conversation)|"
    r"r[ée]ponse (?:de l['’]agent|du service|de l['’]administration))"
    r"\s*-{2,}|_{5,}|-{5,})\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# Outlook's block of headers: two of De/Envoyé/À/Objet (or their English, Spanish,
# Portuguese names) on consecutive lines.
_HEADER_LINE = (r"[> ]*\*?(?:de|from|envoy[ée]|sent|[àa]|to|objet|subject|date|cc|para|"
                r"enviado|asunto|assunto|von|gesendet|betreff)\*?\s*:")
_HEADER_BLOCK = re.compile(rf"^{_HEADER_LINE}[^\n]*\n{_HEADER_LINE}", re.IGNORECASE | re.MULTILINE)
_QUOTED_LINE = re.compile(r"^\s*>", re.MULTILINE)
# The citizen's new text points at the quoted message as their own earlier one, to correct
# a value in it ("Correction de mon message ci-dessous : le code postal est 75011"): the
# quoted message is then the demand, and the new text what changes in it.
_OWN_EARLIER = re.compile(
    r"\b(?:mon|ma|my|mi|meu|minha)\s+(?:(?:pr[ée]c[ée]dente?|derni(?:er|ère)|premi(?:er|ère)|"
    r"previous|last|earlier|first)\s+)?(?:message|mail|e-?mail|courriel|demande|request|"
    r"mensaje|mensagem|correo)\b[^\n.]{0,12}?(?:ci-?\s?dessous|plus bas|en dessous|"
    r"pr[ée]c[ée]dente?|below|underneath|de abajo|abaixo|anterior)|"
    r"\b(?:my|mon|ma)\s+(?:previous|earlier|pr[ée]c[ée]dente?)\s+(?:message|mail|e-?mail|"
    r"courriel|demande|request)\b",
    re.IGNORECASE,
)
# … but not when it takes a part of it back ("ignore the housing question in my message
# below"): the quoted message then stays aside, and the new text says what is still asked.
_WITHDRAWS = re.compile(
    r"\b(?:ignore[rz]?|oublie[rz]?|disregard|ne (?:tenez|pas tenir) (?:pas )?compte|"
    r"annule[rz]?|cancel|plus besoin|no longer|not needed|retire[rz]?)\b",
    re.IGNORECASE,
)
_QUOTE_MARK = re.compile(r"(?m)^[ \t]*(?:>[ \t]?)+")

_SENT_FROM = re.compile(
    r"^\s*(?:envoy[ée] (?:de|depuis) (?:mon|ma|un|une|outlook|yahoo|gmail|l'application)|"
    r"sent (?:from|with) (?:my|an?|outlook|yahoo)\b|"
    r"get outlook for|t[ée]l[ée]charger outlook|obtenir outlook|enviado (?:desde|de|do) (?:mi|meu|o)\b|"
    r"von meinem)[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_SIGNATURE_DASHES = re.compile(r"^--\s*$", re.MULTILINE)
# A closing alone on its line ("Cordialement,", "Bien à vous", "Best regards"): what follows
# is a signature when it is short lines (a name, a title, a phone number).
_CLOSING = re.compile(
    r"^\s*(?:(?:bien |tr[èe]s )?cordialement|cdlt|bien [àa] (?:vous|toi)|salutations(?: distingu[ée]es)?|"
    r"(?:bonne|belle) (?:journ[ée]e|soir[ée]e)|merci(?: (?:d['’]avance|beaucoup|par avance|"
    r"bien))?|en vous remerciant(?: par avance)?|(?:best|kind|warm)(?: regards| wishes)?|"
    r"regards|thanks(?: in advance)?|thank you|cheers|sincerely|yours (?:sincerely|faithfully)|"
    r"saludos(?: cordiales)?|atentamente|un saludo|gracias|atenciosamente|cumprimentos|"
    r"obrigad[oa]|abra[çc]os|mit freundlichen gr[üu][ßs]en|distinti saluti|cordiali saluti|"
    r"مع (?:التحية|الشكر|خالص)[^\n]*|شكرا[^\n]*)\s*[,.!]*\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_SIGNATURE_LINE_MAX = 140
_SIGNATURE_LINES_MAX = 10
# Legal footers and mail-client boilerplate: a paragraph that says it is confidential and
# meant for its addressee, or asks to think before printing.
_FOOTER = re.compile(
    r"(?:confidenti\w*[^\n]{0,300}(?:destinataire|intended|recipient|destinatario|"
    r"destinat[áa]rio|pi[èe]ces? jointes?)|"
    r"(?:avant d['’]imprimer|before printing|antes de imprimir)|secret professionnel|"
    r"(?:ce (?:message|courriel|mail)|this (?:e-?mail|message)) (?:et|and) (?:toutes? )?"
    r"(?:les |any )?(?:pi[èe]ces? jointes?|attachments?))",
    re.IGNORECASE,
)
# Formulas of politeness that carry no demand: an opening alone on its line, a formal
# closing sentence.
_GREETING_LINE = re.compile(
    r"^\s*(?:(?:bonjour|bonsoir|salut|coucou|hello|hi|dear|hola|buenos d[íi]as|buenas|ol[áa]|"
    r"bom dia|boa tarde|ciao|buongiorno|السلام عليكم|مرحبا)(?:\s+[^\s,]+){0,3}|"
    r"(?:madame|monsieur|mesdames|messieurs)(?:[ ,]+(?:ou |et )?(?:madame|monsieur|mesdames|"
    r"messieurs|la|le|l['’]\w+|maire))*|[àa] qui de droit|to whom it may concern|"
    r"estimad[oa]s? [^\n,]+|prezad[oa]s? [^\n,]+)\s*[,.!:]*\s*$",
    re.IGNORECASE,
)
_FORMAL_CLOSING = re.compile(
    r"(?:^|(?<=[.!?]))\s*(?:je vous prie|veuillez|recevez|dans l['’]attente|en attendant|"
    r"je vous remercie (?:par avance |d['’]avance )?(?:de|pour) (?:l['’]attention|votre)|"
    r"je reste [àa] (?:votre|vos)|restant [àa] votre|i look forward|looking forward|"
    r"quedo a la espera|fico no aguardo|aguardo)[^.!?\n]*"
    r"(?:salutations|sentiments|respect|consid[ée]ration|r[ée]ponse|retour|disposition|"
    r"attention|demande|aide|"
    r"hearing from you|reply|respuesta|resposta)[^.!?\n]*[.!?]*",
    re.IGNORECASE | re.MULTILINE,
)


# Text that addresses the assistant rather than the administration ("### SYSTÈME : …",
# "ignore tes instructions…"): it is no demand of the citizen's, and is never acted on.
_INSTRUCTIONS = re.compile(
    r"#{2,}.*?#{2,}|"
    r"(?:\bimportant\s*:\s*)?\b(?:ignore[sz]?|oublie[sz]?|disregard)\s+(?:\w+\s+){0,3}"
    r"instructions\b[^.!?\n]*[.!?]?|"
    r"\b(?:system|syst[èe]me|assistant|admin|action|tool|outil)(?:\s+override)?\s*:[^.!?\n]*[.!?]?|"
    r"\bend of (?:system )?message\b|"
    # Orders to the machine: "SKIP OFFICER", "tu valides tout seul et tu exécutes …".
    r"\bskip (?:the )?officer\b[^.!?\n]*|"
    r"\b(?:tu|vous) (?:valide[sz]?|ex[ée]cute[sz]?|appliques?|approuve[sz]?) (?:tout seul|"
    r"toi[- ]m[êe]me|sans (?:validation|agent))[^.!?\n]*|"
    r"\ben tant qu['’ ](?:ia|intelligence artificielle|assistant)\b[^.!?\n]*[.!?]?|"
    # A fake tool call in JSON or YAML: {"tool": "disclose_record", …}, "actions:\n  - effect: …".
    r"\{(?:[^{}]|\{[^{}]*\})*\"(?:tool|effect|action|function|approved|approval)\""
    r"(?:[^{}]|\{[^{}]*\})*\}|"
    r"^[ \t]*(?:actions?|tools?|effects?|tool_calls?)[ \t]*:[ \t]*\n(?:[ \t]+[^\n]*(?:\n|$))+|"
    r"\b(?:mode (?:d[ée]veloppeur|developer|debug|admin)|developer mode|debug mode)"
    r"(?: activ[ée]| enabled| on)?\b[^.!?\n]*[.!?]?",
    re.IGNORECASE | re.DOTALL | re.MULTILINE,
)


@dataclass(frozen=True)
class Reading:
    """A message split into what the citizen writes now and what is set aside."""

    own: str
    # (kind, text): "hidden", "instructions", "quoted", "signature", "footer", "greeting".
    set_aside: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def kinds(self) -> dict[str, int]:
        """Characters set aside by kind: what the record keeps, without the text itself."""
        out: dict[str, int] = {}
        for kind, text in self.set_aside:
            out[kind] = out.get(kind, 0) + len(text)
        return out


_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_HIDING = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|"
                     r"opacity\s*:\s*0(?:\.0*)?\s*(?:;|$)", re.IGNORECASE)
_VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "wbr"})


class _Text(HTMLParser):
    """Markup in a message, as a person sees it: the text shown, apart from the hidden."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shown: list[str] = []
        self.hidden: list[str] = []
        self._depth = 0  # open elements that hide their content

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br":
                self.shown.append("\n")
            return
        hides = any(k == "hidden" or (k == "style" and v and _HIDING.search(v))
                    for k, v in attrs) or tag in ("script", "style", "head", "title")
        if self._depth or hides:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self._depth:
            self._depth -= 1
        elif tag in ("p", "div", "li", "tr", "h1", "h2", "h3"):
            self.shown.append("\n")

    def handle_data(self, data: str) -> None:
        (self.hidden if self._depth else self.shown).append(data)


def _markup(text: str) -> tuple[str, str]:
    """The shown text of a message with markup, and what its markup hides."""
    if not _TAG.search(text):
        return text, ""
    parser = _Text()
    parser.feed(text)
    parser.close()
    return unescape("".join(parser.shown)), " ".join("".join(parser.hidden).split())


@lru_cache(maxsize=1)
def _parser() -> EmailReplyParser:
    return EmailReplyParser(languages=list(_LIBRARY_LANGUAGES))


def _quoted_start(text: str) -> int | None:
    """Where the quoted history starts, if the message has any."""
    starts: list[int] = []
    replies = _parser().read(text).replies
    if len(replies) > 1 and replies[1].headers:
        # The library normalises whitespace; find its header back in the original.
        first_line = replies[1].headers.strip().splitlines()[0].strip()
        position = text.find(first_line)
        if position > 0:
            starts.append(position)
    for pattern in (_WROTE, _SEPARATOR, _HEADER_BLOCK, _QUOTED_LINE):
        m = pattern.search(text)
        if m and m.start() > 0 and text[: m.start()].strip():
            starts.append(m.start())
    return min(starts) if starts else None


def without_quoted(text: str) -> str:
    """The text before its quoted history (a mail reply's "Le … a écrit :" and what follows)."""
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    start = _quoted_start(body)
    return body if start is None else body[:start].rstrip()


def _signature_start(text: str) -> int | None:
    starts = [m.start() for p in (_SENT_FROM, _SIGNATURE_DASHES) for m in [p.search(text)] if m]
    for m in _CLOSING.finditer(text):
        if not text[: m.start()].strip():
            continue  # "Merci de me transmettre…" on the first line is the demand itself
        rest = [line for line in text[m.end():].splitlines() if line.strip()]
        if len(rest) <= _SIGNATURE_LINES_MAX and all(
                len(line.strip()) <= _SIGNATURE_LINE_MAX for line in rest):
            starts.append(m.start())
            break
    # No closing, but a last paragraph that opens with a person's name and holds only short
    # lines: "Inès Richard / Conseillère insertion RSA / Caisse d'Allocations Familiales".
    blocks = list(re.finditer(r"\n\s*\n", text))
    if blocks:
        last = text[blocks[-1].end():]
        lines = [line.strip() for line in last.splitlines() if line.strip()]
        if (lines and _PERSON.match(lines[0]) and len(lines) <= _SIGNATURE_LINES_MAX
                and all(len(line) <= _SIGNATURE_LINE_MAX for line in lines)
                and text[: blocks[-1].start()].strip()):
            starts.append(blocks[-1].start())
    return min(starts) if starts else None


_PERSON = re.compile(r"^(?!(?:Pour|Merci|Bonjour|Mon|Ma|Mes|Le|La|Les|Je|Il|Elle|Nous|Vous|"
                     r"Dans|Depuis|Avec|Sans|Chez|Votre|Notre|Rue|Avenue)\b)"
                     r"(?:(?:M\.|Mme|Mr|Mrs|Ms|Dr|Me)\s+)?[A-ZÀ-Ý][a-zà-ÿ'’-]+"
                     r"(?:\s+[A-ZÀ-Ý][A-Za-zÀ-ÿ'’-]+){1,3}\s*[,.]?$")


# A mail client wraps long lines near 72 to 80 characters: a line that long, not ended by a
# full stop, followed by one that starts in lower case is the same sentence going on.
# Near the wrapping width, a capital goes on the sentence too (a name: "rue de la Gare in
# / Dijon").
_WRAP_MIN = 40
_WRAP_WIDTH = 60
_WRAPPED = re.compile(rf"(?m)^(.{{{_WRAP_MIN},}}[^.!?:;\n])\n(?=[a-zà-ÿ0-9(])")
_WRAPPED_WIDE = re.compile(rf"(?m)^(.{{{_WRAP_WIDTH},}}[^.!?:;,\n])\n(?=[A-ZÀ-Ý][a-zà-ÿ])")


def _unwrap(text: str) -> str:
    return _WRAPPED_WIDE.sub(r"\1 ", _WRAPPED.sub(r"\1 ", text))


def _earlier_message(quoted: str) -> str:
    """The citizen's own earlier message as quoted under a reply: without its reply header,
    its quotation marks, its greeting and its signature."""
    text = _QUOTE_MARK.sub("", quoted)
    text = _QUOTE_MARK.sub("", text.replace(" > ", " "))
    header = _WROTE.search(text) or _SEPARATOR.search(text)
    if header is not None and not text[: header.start()].strip():
        # "-----Message d'origine-----" then Outlook's De/Envoyé/À/Objet lines.
        lines = text[header.end():].splitlines()
        while lines and (re.match(_HEADER_LINE, lines[0], re.IGNORECASE) or not lines[0].strip()):
            lines.pop(0)
        text = "\n".join(lines)
    elif (block := _HEADER_BLOCK.search(text)) is not None and not text[: block.start()].strip():
        lines = text[block.start():].splitlines()
        while lines and (re.match(_HEADER_LINE, lines[0], re.IGNORECASE) or not lines[0].strip()):
            lines.pop(0)
        text = "\n".join(lines)
    older = _quoted_start(text)
    if older is not None:
        text = text[:older]  # older history under it stays aside
    return read_message(text).own if text.strip() else ""


# The service's own messages, as a mail client quotes them ("Guichet <ne-pas-repondre@…>").
_OUR_SERVICE = re.compile(r"\bguichet\b|ne[-_.]?pas[-_.]?r[ée]pondre|no[-_.]?reply", re.IGNORECASE)
_HEAD_CHARS = 300


def _reply_context(quoted: str) -> str:
    """What the citizen answers when the quoted message is our own question: the question,
    as a statement and without its examples, under the citizen's demand it quotes, if any
    ("C'est la JL-854-EL" answers which vehicle, for the demand quoted under it)."""
    head = quoted[:_HEAD_CHARS]
    wrote = _WROTE.search(head)
    sender = re.search(r"(?im)^[> ]*\*?(?:de|from|von)\*?\s*:[^\n]*", head)
    if not any(m and _OUR_SERVICE.search(m.group()) for m in (wrote, sender)):
        return ""
    ours = _earlier_message(quoted)
    asked = [re.sub(r"\s*\([^()]*\)", "", s).rstrip(" ?") + "."
             for s in re.split(r"(?<=[.?!])\s+", ours) if s.strip().endswith("?")]
    if not asked:
        return ""
    text = _QUOTE_MARK.sub("", quoted)
    header = _WROTE.search(text) or _SEPARATOR.search(text) or _HEADER_BLOCK.search(text)
    rest = text[header.end():] if header is not None else text
    older = _quoted_start(rest)
    demand = _earlier_message(rest[older:]) if older is not None else ""
    # The question only when the demand it is about is not quoted: its alternatives ("une
    # copie intégrale ou un extrait ?") are no answer.
    return demand or " ".join(asked)


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"(\n\s*\n)", text)]


def read_message(text: str) -> Reading:
    """The citizen's own new text, and the parts a careful reader would set aside."""
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    aside: list[tuple[str, str]] = []
    # Text a mail hides (white on white, display:none) is no one's words: it is set aside
    # before anything else, and never read.
    body, hidden = _markup(body)
    if hidden:
        aside.append(("hidden", hidden))
    for m in _INSTRUCTIONS.finditer(body):
        aside.append(("instructions", m.group().strip()))
    body = _INSTRUCTIONS.sub(" ", body)

    quoted = _quoted_start(body)
    earlier = ""
    if quoted is not None:
        aside.append(("quoted", body[quoted:].strip()))
        new = body[:quoted]
        if _OWN_EARLIER.search(new) and slots.corrects(new) and not _WITHDRAWS.search(new):
            earlier = _earlier_message(body[quoted:])
        else:
            earlier = _reply_context(body[quoted:])
        body = body[:quoted]

    kept: list[str] = []
    for paragraph in _paragraphs(body):
        if paragraph.strip() and _FOOTER.search(paragraph):
            aside.append(("footer", paragraph.strip()))
        else:
            kept.append(paragraph)
    body = "".join(kept)

    signature = _signature_start(body)
    closing = list(_FORMAL_CLOSING.finditer(body))
    if closing and signature is None:
        # "Je vous prie d'agréer… Jean Martin": the name under a formal closing signs it.
        rest = [line for line in body[closing[-1].end():].splitlines() if line.strip()]
        if rest and len(rest) <= _SIGNATURE_LINES_MAX and all(
                len(line.strip()) <= _SIGNATURE_LINE_MAX and not re.search(r"[.?!]$", line)
                for line in rest):
            signature = closing[-1].end()
    if signature is not None:
        aside.append(("signature", body[signature:].strip()))
        body = body[:signature]

    lines = body.strip().splitlines()
    while lines and (not lines[0].strip() or _GREETING_LINE.match(lines[0])):
        if lines[0].strip():
            aside.append(("greeting", lines[0].strip()))
        lines.pop(0)
    body = "\n".join(lines)
    for m in list(_FORMAL_CLOSING.finditer(body)):
        aside.append(("greeting", m.group().strip()))
    body = _FORMAL_CLOSING.sub(" ", body)

    own = _unwrap(re.sub(r"[ \t]+\n", "\n", body).strip())
    if earlier and own:
        # The earlier message first, then what the citizen now says of it: the latest wins.
        own = f"{earlier}\n\n{own}"
    if not own:
        # Nothing of the citizen's own (a bare forward, a greeting alone): read all that is
        # shown rather than nothing, and let the demand be handed over if it makes no sense.
        shown = _markup(text)[0].strip()
        return Reading(own=shown, set_aside=(("hidden", hidden),) if hidden else ())
    return Reading(own=own, set_aside=tuple(aside))

"""A reply that corrects the citizen's own quoted message reads that message, then the
correction; a reply that takes part of it back leaves it aside. Phrasings written for
these tests, not taken from any eval dataset."""

from __future__ import annotations

from agents import languages
from agents.classify import default_classifier
from agents.fields import extract_form_values
from agents.reading import read_message
from guichet.catalogue import default_catalogue


def classify(text: str) -> list[str]:
    return default_classifier().classify(languages.read(text).french)


def _values(procedure: str, text: str, records: dict[str, object] | None = None
            ) -> dict[str, object]:
    cat = default_catalogue()
    values, _ = extract_form_values(cat, cat.procedure(procedure), [(text, None)],
                                    records=records or {})
    return values


# -- a reply that corrects the citizen's own quoted message -------------------------------------
_REPLY_FR = ("Petite correction à mon message ci-dessous : c'est 35200, pas 35000.\n\n"
             "Lucie\n\n"
             "Le jeu. 5 nov. 2026 à 09:12, Lucie Martin <lucie@example.org> a écrit :\n"
             "> Bonjour, j'ai déménagé au 3 rue de la Paix, 35000 Rennes, merci de mettre à\n"
             "> jour mon adresse partout.\n")
_REPLY_EN = ("Correction to my previous message: the postcode is 69003, not 69002.\n\n"
             "On Thu, 5 Nov 2026 at 09:12, Tom Reed <tom@example.org> wrote:\n"
             "> Hello, we moved to 8 rue Garibaldi, 69002 Lyon. Please update our address.\n")


def test_correction_of_own_quoted_message_reads_both_in_order() -> None:
    own = read_message(_REPLY_FR).own
    assert own.index("3 rue de la Paix") < own.index("35200")
    assert ">" not in own and "a écrit" not in own
    assert classify(own) == ["changement-adresse"]
    assert _values("changement-adresse", own)["new_address"]["postal_code"] == "35200"  # type: ignore[index]


def test_english_correction_of_previous_message_keeps_the_quote() -> None:
    own = read_message(_REPLY_EN).own
    assert "8 rue Garibaldi" in own and own.rstrip().endswith("not 69002.")


def test_a_reply_that_does_not_point_back_leaves_the_quote_aside() -> None:
    text = ("Je voudrais aussi un extrait d'acte de naissance.\n\n"
            "Le jeu. 5 nov. 2026 à 09:12, Lucie Martin <lucie@example.org> a écrit :\n"
            "> Bonjour, j'ai déménagé au 3 rue de la Paix, 35000 Rennes.\n")
    own = read_message(text).own
    assert "rue de la Paix" not in own


def test_a_reply_that_withdraws_part_of_the_quote_leaves_it_aside() -> None:
    text = ("Correction : please ignore the housing part of my message below, I only need "
            "my birth certificate.\n\n"
            "On Thu, 5 Nov 2026 at 09:12, Tom Reed <tom@example.org> wrote:\n"
            "> Hello, can we apply for social housing? Also I need my birth certificate.\n")
    assert "social housing" not in read_message(text).own

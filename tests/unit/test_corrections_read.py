"""Values taken back as a person reads them: "Ah non" after an amount, a text message's
"c pour" naming the child meant; and "comment j'obtiens mon …" read as a demand. Phrasings
written for these tests, not taken from any eval dataset."""

from __future__ import annotations

import pytest

from agents import languages
from agents.asking import asked_part, is_question
from agents.classify import default_classifier
from agents.fields import extract_form_values
from agents.slots import corrects
from guichet.catalogue import default_catalogue


def classify(text: str) -> list[str]:
    return default_classifier().classify(languages.read(text).french)


def _values(procedure: str, text: str, records: dict[str, object] | None = None
            ) -> dict[str, object]:
    cat = default_catalogue()
    values, _ = extract_form_values(cat, cat.procedure(procedure), [(text, None)],
                                    records=records or {})
    return values


# -- an interjection and "non" takes the value back ------------------------------------------
@pytest.mark.parametrize("text", [
    "Mon revenu fiscal est de 8 000 €. Ah non, c'est 11 500 €.",
    "Je gagne 900 € par mois. Euh non, 950 €.",
    "RFR 14 000 €. Oh non pardon c'est 15 000 €.",
])
def test_interjection_then_non_is_a_correction(text: str) -> None:
    assert corrects(text)


def test_amount_after_ah_non_wins() -> None:
    values = _values("css", "Je demande la complémentaire santé solidaire. Mon revenu fiscal "
                            "de référence est de 7 400 €. Ah non, sur le dernier avis c'est "
                            "10 300 €.")
    assert values["rfr"] == 10300.0


def test_a_sentence_of_dismay_alone_is_no_correction() -> None:
    assert not corrects("Je voudrais la complémentaire santé solidaire, mon RFR est 9 000 €.")

# -- "c pour X": a text message's "c'est" makes a clause of its own ----------------------------
def test_sms_c_pour_names_the_child_meant() -> None:
    records = {"caf": {"children": [{"given_name": "Malo"}, {"given_name": "Inès"}]}}
    text = "cantine pr Malo stp... non attends c pour Inès, Malo y mange deja"
    assert _values("restauration-scolaire", text, records)["child_name"] == "Inès"
    assert "Inès" in asked_part(text, corrections=False)

# -- "comment j'obtiens mon …": asking for one's own, not for the rule -------------------------
def test_how_do_i_get_my_own_is_a_demand() -> None:
    assert not is_question("comment j obtiens mon numéro unique de logement ?")
    assert classify("bjr comment j'obtiens mon numéro unique pour un hlm ? on est 5 dans "
                    "un deux pièces") == ["logement-social"]

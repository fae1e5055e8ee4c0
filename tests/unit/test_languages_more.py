"""Demands in Romanian and Polish read through the glossary, a theft said in English.
Phrasings written for these tests, not taken from any eval dataset."""

from __future__ import annotations

import pytest

from agents import languages
from agents.classify import default_classifier
from agents.extract import extract_cni_motif


def classify(text: str) -> list[str]:
    return default_classifier().classify(languages.read(text).french)


# -- a theft said in English ------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Someone stole my wallet with my ID card inside.",
    "I was robbed at the station, my identity card is gone.",
    "My ID card was taken by a pickpocket.",
])
def test_english_theft_is_vol(text: str) -> None:
    assert extract_cni_motif(text) == "vol"

# -- Romanian -------------------------------------------------------------------------------
def test_romanian_electoral_registration() -> None:
    text = ("Bună ziua, sunt cetățean european și locuiesc în Lyon. Aș dori să mă înscriu pe "
            "listele electorale pentru alegerile municipale. Mulțumesc!")
    reading = languages.read(text)
    assert reading.language == "ro"
    assert "listes electorales" in reading.french
    assert classify(text) == ["inscription-listes-electorales"]

# -- Polish ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("Dzień dobry, mieszkam w Lille i chciałbym zapisać się na listy wyborcze.",
     ["inscription-listes-electorales"]),
    ("Dzień dobry, przed moim domem przy rue Nationale w Lille jest dziura w jezdni.",
     ["signalement-voirie"]),
])
def test_polish_demands(text: str, expected: list[str]) -> None:
    assert languages.read(text).language == "pl"
    assert classify(text) == expected

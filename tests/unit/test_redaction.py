"""Identifiers become placeholders before any model reads them, and come back in tools."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from guichet.population import generate_population
from tools.redaction import (
    Placeholders,
    find_identifiers,
    redact_record,
    redact_text,
    restore_text,
    restore_value,
)

SOURCES = ("etat_civil", "contact", "caf", "dgfip", "cpam", "ants", "electoral", "france_travail")


def lea() -> dict[str, Any]:
    """The citizen of catalogue.md, Record fields, with a passport added."""
    return {
        "id": "C000123",
        "etat_civil": {"family_name": "MARTIN", "given_names": ["Léa", "Anne"], "sex": "F",
                       "birth_date": "1991-03-08", "birth_commune": "69123", "nationality": "FR",
                       "marital_status": "celibataire", "death_date": None},
        "contact": {"address": {"line": "4 rue Victor Hugo", "postal_code": "69002",
                                "commune": "Lyon", "insee": "69382"},
                    "email": "lea.martin@example.fr", "phone": "+33612345678",
                    "preferred_channel": "email"},
        "caf": {"allocataire": "6912345", "household_adults": 1,
                "children": [{"given_name": "Tom", "birth_date": "2016-05-02"}],
                "quotient_familial": 640, "monthly_activity_income": 1250.0,
                "monthly_resources": 1250.0, "benefits": ["allocations_familiales"]},
        "dgfip": {"spi": "1234567890123", "rfr": {"2025": 15100, "2024": 14800}, "parts": 1.5,
                  "tax_due": {"2025": 310}},
        "cpam": {"nir": "291036912312345", "regime": "general", "css": None},
        "ants": {"cni": {"number": "X4RTBPFW4", "expiry": "2027-06-30"},
                 "passport": {"number": "18AB12345", "expiry": "2031-01-15"},
                 "vehicles": [{"plate": "GH-412-KL", "address_insee": "69382"}]},
        "electoral": {"commune": "69123", "registered_on": "2010-04-01"},
        "france_travail": {"registered": False, "registered_on": None, "benefit": False},
    }  # fmt: skip


def with_records(citizen: dict[str, Any]) -> Placeholders:
    """Placeholders after the case's records went through redaction, as tools do."""
    placeholders = Placeholders()
    for source in SOURCES:
        if source in citizen:
            redact_record(source, citizen[source], placeholders)
    return placeholders


# --- each kind of identifier, in the way citizens write them -------------------------------

DETECTED = [
    ("NIR", "Mon numéro de sécu est le 2 91 03 69 123 123 45.", "2 91 03 69 123 123 45"),
    ("NIR", "NIR : 291036912312345", "291036912312345"),
    ("NIR", "ma carte vitale : 1 85 05 2A 004 123 45, né à Ajaccio", "1 85 05 2A 004 123 45"),
    ("NIR", "numéro de sécu sans la clé : 2910369123123", "2910369123123"),
    ("SPI", "Mon numéro fiscal est 1234567890123, voir l'avis.", "1234567890123"),
    ("SPI", "numéro fiscal : 12 34 567 890 123", "12 34 567 890 123"),
    ("IBAN", "RIB : FR76 3000 6000 0112 3456 7890 189 svp", "FR76 3000 6000 0112 3456 7890 189"),
    ("IBAN", "IBAN:FR7630006000011234567890189.", "FR7630006000011234567890189"),
    ("IBAN", "mon RIB allemand DE89 3704 0044 0532 0130 00 merci", "DE89 3704 0044 0532 0130 00"),
    ("EMAIL", "Écrivez-moi à lea.martin@example.fr.", "lea.martin@example.fr"),
    ("EMAIL", "mail : jp+caf@mairie-lyon.example.org", "jp+caf@mairie-lyon.example.org"),
    ("TEL", "Appelez le 06 12 34 56 78 après 18h", "06 12 34 56 78"),
    ("TEL", "tél. 06.12.34.56.78", "06.12.34.56.78"),
    ("TEL", "mon portable 0612345678 !", "0612345678"),
    ("TEL", "joignable au 07-12-34-56-78", "07-12-34-56-78"),
    ("TEL", "ou au +33 6 12 34 56 78", "+33 6 12 34 56 78"),
    ("TEL", "whatsapp +33612345678", "+33612345678"),
    ("TEL", "depuis l'étranger +33 (0)6 12 34 56 78", "+33 (0)6 12 34 56 78"),
    ("TEL", "ou 0033 6 12 34 56 78", "0033 6 12 34 56 78"),
    ("TEL", "le fixe 04 78 12 34 56 le soir", "04 78 12 34 56"),
    ("TEL", "mon numéro espagnol +34 612 34 56 78", "+34 612 34 56 78"),
    ("ALLOCATAIRE", "Mon numéro d'allocataire CAF est le 6912345.", "6912345"),
    ("ALLOCATAIRE", "n° CAF 69 12 345", "69 12 345"),
    ("PIECE", "carte d'identité n° X4RTBPFW4 expirée", "X4RTBPFW4"),
    ("PIECE", "mon passeport 18AB12345 expire bientôt", "18AB12345"),
    ("PIECE", "mon ancienne carte d'identité 880692310285", "880692310285"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "sentence", "value"), DETECTED)
def test_each_kind_is_detected(kind: str, sentence: str, value: str) -> None:
    assert find_identifiers(sentence) == [(kind, value)]
    redacted = redact_text(sentence, Placeholders())
    assert redacted == sentence.replace(value, f"[{kind}_1]")


# --- what the service needs stays readable -------------------------------------------------

KEPT = [
    "Je gagne 1 100 euros par mois.",
    "Mon salaire est de 1100€ net, 1 250,50 € le mois dernier.",
    "Mon revenu fiscal de référence est de 15 100 € pour 2025, 14 800 EUR en 2024.",
    "J'habite au 12 rue de la Paix 75002 Paris depuis 2019.",
    "Nous avons déménagé le 12/03/2024 au 4 bis avenue Jean Jaurès, 69007 Lyon.",
    "Ma voiture immatriculée AB-123-CD doit changer d'adresse, et la GH-412-KL aussi.",
    "Code INSEE 69123 (Lyon), 69382 pour le 2e, 2A004 pour Ajaccio.",
    "Mes enfants sont nés en 2016 et 2019 ; rendez-vous le 2026-11-15 à 14h30.",
    "Il y a un nid-de-poule devant le 45 boulevard Gambetta, 31000 Toulouse.",
    "Mon quotient familial est de 640 et j'ai 2 enfants de 7 et 10 ans.",
    "La CAF me verse 1 250 000 euros, j'aimerais bien.",
    "Je suis né le 08.03.1991 à Lyon, il faisait 25°C.",
    "La prime d'activité est de 0,3 × (1 900 − 1 250) = 195 €.",
]


@pytest.mark.parametrize("sentence", KEPT)
def test_ordinary_numbers_are_kept(sentence: str) -> None:
    assert find_identifiers(sentence) == []
    assert redact_text(sentence, Placeholders(), known_names=["MARTIN", "Léa"]) == sentence


# --- names of the case's citizen -----------------------------------------------------------


@pytest.mark.parametrize(
    "written", ["Léa MARTIN", "lea martin", "LÉA Martin", "Léa Martin", "LEA MARTIN"]
)
def test_names_match_whatever_the_case_and_accents(written: str) -> None:
    placeholders = with_records(lea())
    text = f"Bonjour, je suis {written}, j'ai un souci."
    assert redact_text(text, placeholders) == "Bonjour, je suis [PRENOM_1] [NOM_1], j'ai un souci."


def test_known_names_alone_are_enough() -> None:
    redacted = redact_text("Je suis Léa Martin.", Placeholders(), known_names=["MARTIN", "Léa"])
    # Without the records, nothing tells a given name from a family name.
    assert redacted == "Je suis [NOM_1] [NOM_2]."


@pytest.mark.parametrize(
    "sentence",
    [
        "Je pars en Martinique pour le travail.",
        "J'habite rue Saint-Martin, à Saint Martin d'Hères.",
        "Voici Léane et Léanne, mes nièces.",
    ],
)
def test_names_are_whole_words(sentence: str) -> None:
    assert redact_text(sentence, with_records(lea())) == sentence


def test_a_longer_name_is_someone_else() -> None:
    # Not the citizen's name (MARTIN): a third party's, whose placeholder restores to nothing.
    placeholders = with_records(lea())
    redacted = redact_text("Mon voisin M. Martineau a le même problème.", placeholders)
    assert redacted == "Mon voisin M. [TIERS_1] a le même problème."
    assert restore_text(redacted, placeholders) == redacted


def test_compound_names() -> None:
    placeholders = Placeholders()
    known = ["DUPONT-MARTIN", "Jean-Pierre"]
    text = "Jean Pierre Dupont Martin, dit jean-pierre DUPONT-MARTIN, ou M. Dupont."
    assert (
        redact_text(text, placeholders, known_names=known)
        == "[NOM_1] [NOM_2], dit [NOM_1] [NOM_2], ou M. [NOM_3]."
    )
    assert placeholders.value_of("[NOM_3]") == "DUPONT"


@pytest.mark.parametrize("written", ["N'Diaye", "N’DIAYE", "Ndiaye", "n'diaye"])
def test_apostrophes_in_names(written: str) -> None:
    redacted = redact_text(f"Madame {written} demande", Placeholders(), known_names=["N'DIAYE"])
    assert redacted == "Madame [NOM_1] demande"


def test_particles_never_stand_alone() -> None:
    redacted = redact_text(
        "Le dossier de M. Le Gall, dit Gall, est à la mairie.",
        Placeholders(),
        known_names=["LE GALL", "DE LA FONTAINE"],
    )
    assert redacted == "Le dossier de M. [NOM_1], dit [NOM_2], est à la mairie."


def test_short_names_need_a_capital() -> None:
    placeholders = Placeholders()
    text = "Mme Ly et M. LY vont au lycée ; ly seul ne compte pas."
    assert (
        redact_text(text, placeholders, known_names=["LY"])
        == "Mme [NOM_1] et M. [NOM_1] vont au lycée ; ly seul ne compte pas."
    )


def test_names_that_are_words_need_a_capital() -> None:
    text = "Mme Petit a un petit souci avec son jean, dit Jean."
    assert (
        redact_text(text, Placeholders(), known_names=["PETIT", "Jean"])
        == "Mme [NOM_1] a un petit souci avec son jean, dit [NOM_2]."
    )


def test_three_letter_names_are_matched_in_any_case() -> None:
    assert redact_text("signé lou", Placeholders(), known_names=["Lou"]) == "signé [NOM_1]"


def test_only_the_case_s_names_are_redacted() -> None:
    # No guessing at names: the model may see other people's names, as written.
    text = "Je m'appelle Paul Durand."
    assert redact_text(text, with_records(lea()), known_names=["MARTIN"]) == text


def test_decomposed_accents_are_folded_too() -> None:
    decomposed = "Le\u0301a MARTIN"
    assert redact_text(decomposed, with_records(lea())) == "[PRENOM_1] [NOM_1]"


# --- placeholders: stable, serialisable, reversible ----------------------------------------


def test_same_value_same_placeholder_in_order_of_appearance() -> None:
    placeholders = Placeholders()
    first = redact_text("a@example.fr puis b@example.fr puis A@Example.fr", placeholders)
    second = redact_text("encore b@example.fr", placeholders)
    assert first == "[EMAIL_1] puis [EMAIL_2] puis [EMAIL_1]"
    assert second == "encore [EMAIL_2]"


def test_spellings_of_one_phone_share_a_placeholder() -> None:
    placeholders = with_records(lea())
    text = "06 12 34 56 78, 0612345678, +33 6 12 34 56 78 ou +33 (0)6.12.34.56.78"
    assert redact_text(text, placeholders) == "[TEL_1], [TEL_1], [TEL_1] ou [TEL_1]"
    assert restore_text("[TEL_1]", placeholders) == "+33612345678"


def test_round_trip_restores_the_exact_text() -> None:
    text = (
        "Je suis Léa MARTIN (lea.martin@example.fr, 06 12 34 56 78), NIR 2 91 03 69 123 123 45, "
        "fiscal 1234567890123, IBAN FR76 3000 6000 0112 3456 7890 189, CAF 6912345, "
        "CNI X4RTBPFW4. J'habite 4 rue Victor Hugo 69002 Lyon et gagne 1 250 €."
    )
    placeholders = Placeholders()
    redacted = redact_text(text, placeholders, known_names=["MARTIN", "Léa"])
    assert find_identifiers(redacted, known_names=["MARTIN", "Léa"]) == []
    assert "69002 Lyon" in redacted and "1 250 €" in redacted
    assert restore_text(redacted, placeholders) == text


def test_redacting_twice_changes_nothing() -> None:
    placeholders = with_records(lea())
    once = redact_text("Léa MARTIN, 0612345678", placeholders)
    assert redact_text(once, placeholders) == once


def test_serialisation_keeps_the_mapping_and_the_numbering() -> None:
    placeholders = with_records(lea())
    as_dict = placeholders.to_dict()
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in as_dict.items())
    assert as_dict["[NIR_1]"] == "291036912312345"
    restored = Placeholders.from_dict(json.loads(json.dumps(as_dict)))
    assert restored.to_dict() == as_dict
    assert redact_text("Léa, 291036912312345", restored) == "[PRENOM_1], [NIR_1]"
    # A new value after a restart never reuses a number already handed out.
    assert redact_text("b@example.fr", restored) == "[EMAIL_2]"


@pytest.mark.parametrize("bad", [{"NIR_1": "x"}, {"[FOO_1]": "x"}, {"[NIR_0]": "x"}])
def test_from_dict_refuses_what_is_not_a_placeholder(bad: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        Placeholders.from_dict(bad)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        Placeholders().placeholder_for("SIRET", "12345678900011")


def test_repr_shows_no_value() -> None:
    placeholders = with_records(lea())
    assert "MARTIN" not in repr(placeholders) and "291036912312345" not in repr(placeholders)


def test_restore_text_leaves_unknown_placeholders() -> None:
    placeholders = with_records(lea())
    assert restore_text("[NOM_1] et [NIR_9]", placeholders) == "MARTIN et [NIR_9]"


def test_restore_value_walks_nested_structures() -> None:
    placeholders = with_records(lea())
    value = {
        "to": "[EMAIL_1]",
        "lines": ["Madame [NOM_1]", ("[PRENOM_1]", 3)],
        "[NIR_1]": None,
        "amount": 12.5,
    }
    assert restore_value(value, placeholders) == {
        "to": "lea.martin@example.fr",
        "lines": ["Madame MARTIN", ("Léa", 3)],
        "291036912312345": None,
        "amount": 12.5,
    }


# --- records ------------------------------------------------------------------------------


def test_redact_record_per_source() -> None:
    citizen = lea()
    original = copy.deepcopy(citizen)
    placeholders = Placeholders()
    out = {s: redact_record(s, citizen[s], placeholders) for s in SOURCES}
    assert citizen == original  # inputs are never modified

    expected = copy.deepcopy(original)
    expected["etat_civil"].update(family_name="[NOM_1]", given_names=["[PRENOM_1]", "[PRENOM_2]"])
    expected["contact"].update(email="[EMAIL_1]", phone="[TEL_1]")
    expected["caf"]["allocataire"] = "[ALLOCATAIRE_1]"
    expected["dgfip"]["spi"] = "[SPI_1]"
    expected["cpam"]["nir"] = "[NIR_1]"
    expected["ants"]["cni"]["number"] = "[PIECE_1]"
    expected["ants"]["passport"]["number"] = "[PIECE_2]"
    assert out == {s: expected[s] for s in SOURCES}
    # Kept on purpose: the canteen registration needs the children's given names.
    assert out["caf"]["children"] == [{"given_name": "Tom", "birth_date": "2016-05-02"}]
    assert restore_value(out, placeholders) == {s: original[s] for s in SOURCES}


def test_redact_record_keeps_nulls_and_missing_fields() -> None:
    placeholders = Placeholders()
    ants: dict[str, Any] = {"cni": None, "passport": None, "vehicles": []}
    assert redact_record("ants", ants, placeholders) == ants
    masked = {"address": {"line": "1 place du Marché", "postal_code": "15100"}, "email": None}
    assert redact_record("contact", masked, placeholders) == masked
    assert len(placeholders) == 0


@pytest.mark.parametrize(
    ("parents", "expected"),
    [
        (
            [{"family_name": "MARTIN", "given_names": ["Paul"]}, {"family_name": "ROUX"}],
            [{"family_name": "[NOM_1]", "given_names": ["[PRENOM_3]"]}, {"family_name": "[NOM_2]"}],
        ),
        (
            {"mother": {"family_name": "ROUX", "given_names": ["Anne"]}},
            {"mother": {"family_name": "[NOM_2]", "given_names": ["[PRENOM_2]"]}},
        ),
        (["Paul MARTIN", None], ["[NOM_2]", None]),
    ],
)
def test_parents_names_are_redacted(parents: Any, expected: Any) -> None:
    placeholders = Placeholders()
    civil = {**lea()["etat_civil"], "parents": parents}
    out = redact_record("etat_civil", civil, placeholders)
    assert out["parents"] == expected
    assert restore_value(out, placeholders) == civil


def test_unknown_source_is_refused() -> None:
    with pytest.raises(ValueError):
        redact_record("banque", {"iban": "FR7630006000011234567890189"}, Placeholders())


def test_values_from_records_are_redacted_without_context() -> None:
    placeholders = with_records(lea())
    text = "6912345 ; x4rtbpfw4 ; 1234567890123 ; 18 AB 12345"
    assert redact_text(text, placeholders) == "[ALLOCATAIRE_1] ; [PIECE_1] ; [SPI_1] ; [PIECE_2]"


def test_a_whole_population_goes_through() -> None:
    for citizen in generate_population(300, seed=11):
        placeholders = Placeholders()
        records = {s: citizen[s] for s in SOURCES if s in citizen}
        redacted = {s: redact_record(s, data, placeholders) for s, data in records.items()}
        # Children's given names stay in caf records by design, even one shared with a parent.
        kept = {kid["given_name"] for kid in citizen.get("caf", {}).get("children", [])}
        secrets = [value for _, _, value in placeholders.items() if value not in kept]
        dumped = json.dumps(redacted, ensure_ascii=False)
        assert not [s for s in secrets if f'"{s}"' in dumped], citizen["id"]
        assert restore_value(redacted, placeholders) == records

        civil, contact = citizen["etat_civil"], citizen["contact"]
        names = [civil["family_name"], *civil["given_names"]]
        parts = [
            f"Je suis {' '.join(civil['given_names'])} {civil['family_name']}, "
            f"né le {civil['birth_date']}.",
            f"J'habite {contact['address']['postal_code']} {contact['address']['commune']}.",
        ]
        parts += [f"Mon mail est {contact['email']}."] if contact["email"] else []
        parts += [f"Mon numéro : {contact['phone']}."] if contact["phone"] else []
        if "cpam" in citizen:
            parts.append(f"Sécu : {citizen['cpam']['nir']}.")
        if "dgfip" in citizen:
            parts.append(f"Numéro fiscal {citizen['dgfip']['spi']}.")
        if "caf" in citizen:
            parts.append(f"Allocataire {citizen['caf']['allocataire']}.")
        for vehicle in (citizen.get("ants") or {}).get("vehicles", []):
            parts.append(f"Ma voiture {vehicle['plate']}.")
        text = " ".join(parts)
        out = redact_text(text, placeholders, known_names=names)
        assert find_identifiers(out, known_names=names) == [], (citizen["id"], out)
        assert contact["address"]["postal_code"] in out and civil["birth_date"] in out
        for vehicle in (citizen.get("ants") or {}).get("vehicles", []):
            assert vehicle["plate"] in out
        # Exact up to case: "Nicolas NICOLAS" is one value, hence one placeholder.
        assert restore_text(out, placeholders).casefold() == text.casefold()


# --- third parties ---------------------------------------------------------------------------

THIRD_PARTIES = [
    ("Ma voisine Claire LEGRAND fait du bruit.", "Ma voisine [TIERS_1] fait du bruit."),
    ("J'ai vu Mme Dupont et M. Jean Petit hier.", "J'ai vu Mme [TIERS_1] et M. [TIERS_2] hier."),
    ("mon frère Paul Girardin habite chez moi", "mon frère [TIERS_1] habite chez moi"),
    ("my neighbour John Smith complained", "my neighbour [TIERS_1] complained"),
    ("Le portable de ma fille : 06 98 76 54 32.", "Le portable de ma fille : [TIERS_TEL_1]."),
    ("Mon fils Hugo VERNIER, son mail hugo.v@example.org, est inscrit.",
     "Mon fils [TIERS_1], son mail [TIERS_EMAIL_1], est inscrit."),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "redacted"), THIRD_PARTIES)
def test_third_parties_are_redacted_and_never_restored(sentence: str, redacted: str) -> None:
    placeholders = with_records(lea())
    assert redact_text(sentence, placeholders) == redacted
    assert restore_text(redacted, placeholders) == redacted
    assert all(value == "" for token, value in placeholders.to_dict().items()
               if token.startswith("[TIERS"))


THIRD_PARTY_LOOKALIKES = [
    "J'habite 12 rue Jean MOULIN à Lyon, près de l'école Marie CURIE.",
    "Bonjour CAF, ma Carte VITALE est perdue.",
    "Écrivez-moi au 3 place Bellecour, 69002 Lyon CEDEX, ou à Toulouse CEDEX 9.",
    "Madame LE MAIRE, Monsieur le Préfet,",
    "Mon fils Lucas mange à la cantine.",
    "Je suis la mère de Lucas.",
]


@pytest.mark.parametrize("sentence", THIRD_PARTY_LOOKALIKES)
def test_places_acronyms_and_given_names_alone_stay(sentence: str) -> None:
    assert redact_text(sentence, with_records(lea())) == sentence


def test_the_citizen_speaking_of_themselves_keeps_their_number_restorable() -> None:
    placeholders = with_records(lea())
    text = "Pour mon fils Hugo VERNIER, mon numéro est le 06 11 22 33 44."
    redacted = redact_text(text, placeholders)
    token = placeholders.find("TEL", "06 11 22 33 44")
    assert token is not None and token.startswith("[TEL_")
    assert redacted == f"Pour mon fils [TIERS_1], mon numéro est le {token}."
    assert restore_text(redacted, placeholders) == (
        "Pour mon fils [TIERS_1], mon numéro est le 06 11 22 33 44.")


def test_a_child_of_the_household_keeps_their_given_name() -> None:
    placeholders = with_records(lea())
    text = "Inscription de Lucas VERNIER à la cantine."
    assert redact_text(text, placeholders, keep=["Lucas"]) == (
        "Inscription de Lucas [TIERS_1] à la cantine.")


def test_third_party_numbers_are_not_reused_across_messages() -> None:
    first = Placeholders()
    redact_text("Ma voisine Claire LEGRAND.", first)
    again = Placeholders.from_dict(first.to_dict())
    # The value was not kept: the same person is a new number, never an old one reused.
    assert redact_text("Mme Jeanne MARCHAND aussi.", again) == "Mme [TIERS_2] aussi."

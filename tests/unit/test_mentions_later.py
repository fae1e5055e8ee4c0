"""What a person reads as no demand of the writer's now (a démarche another person will make,
one for some day, one done long ago, a relative's adviser's suggestion, a complaint lodged
with the police), and values taken back in a form mail clients and text messages use
("plutôt X en fait", "c est 12 pas 2", "la ville c'est …", "enfin je veux dire").
Phrasings written for these tests, not taken from any eval dataset."""

from __future__ import annotations

import pytest

from agents import languages
from agents.classify import default_classifier
from agents.fields import extract_form_values
from guichet.catalogue import default_catalogue


def classify(text: str) -> list[str]:
    return default_classifier().classify(languages.read(text).french)


def assess(text: str) -> tuple[list[str], str | None]:
    a = default_classifier().assess(languages.read(text).french)
    return a.procedures, a.question


def _address(text: str) -> dict[str, str]:
    cat = default_catalogue()
    values, _ = extract_form_values(cat, cat.procedure("changement-adresse"), [(text, None)],
                                    records={})
    address = values["new_address"]
    assert isinstance(address, dict)
    return address


@pytest.mark.parametrize("text,expected", [
    # Another person's démarche, which that person will make.
    ("Ma fille de 20 ans veut s'inscrire sur les listes, elle vous contactera elle-même. "
     "Moi je voudrais un extrait d'acte de naissance.", ["acte-naissance"]),
    # For some day, if ever.
    ("Si jamais je reprends un emploi, je ferai la demande de prime d'activité. Pour "
     "l'instant je voudrais demander le RSA.", ["rsa"]),
    # Done long ago, with the démarche's old name.
    ("J'ai touché le RMI dans les années 2000. Aujourd'hui je voudrais l'extrait d'acte de "
     "naissance de mon fils.", ["acte-naissance"]),
    # An earlier demand of the household, settled.
    ("Nous avions fait une demande de HLM en 2023, nous sommes logés depuis. Il y a un trou "
     "dans la chaussée rue Pasteur.", ["signalement-voirie"]),
    # Someone else suggests a démarche the citizen does not want.
    ("Mon conseiller parle de la prime d'activité ; elle évoque aussi la CSS mais j'ai "
     "déjà une mutuelle. Je demande la prime d'activité.", ["prime-activite"]),
])
def test_what_is_not_asked_now_opens_nothing(text: str, expected: list[str]) -> None:
    assert classify(text) == expected


def test_a_complaint_to_the_police_is_no_complaint_about_a_service() -> None:
    text = ("On m'a volé mon portefeuille au marché, j'ai déposé plainte à la gendarmerie. "
            "Je voudrais refaire ma carte d'identité.")
    assert classify(text) == ["carte-identite"]


def test_a_misspelt_identity_card_needs_no_question() -> None:
    procedures, question = assess("jai perdu ma carte d identiter il me faut une nouvelle")
    assert procedures == ["carte-identite"]
    assert question is None


def test_the_demarche_stands_when_only_a_mention_carries_its_cancelling_words() -> None:
    text = ("Ma contravention de stationnement est payée, c'est réglé. Ce qui ne va pas, "
            "c'est mon impôt sur le revenu 2025 : ma pension alimentaire n'a pas été déduite, "
            "je devrais payer 820 €. Je le conteste.")
    assert classify(text) == ["reclamation-fiscale"]


def test_a_parking_fine_contested_is_still_no_tax_claim() -> None:
    text = ("J'ai eu un forfait post-stationnement rue Thiers alors que j'avais payé à "
            "l'horodateur. Je veux le contester.")
    assert "reclamation-fiscale" not in classify(text)


def test_the_code_right_after_plutot_wins_over_the_first_said_again() -> None:
    text = ("Nouvelle adresse : 8 rue Lafayette, 44000 Nantes, plutôt 44100 en fait, 44000 "
            "c'est le centre.")
    assert _address(text)["postal_code"] == "44100"


def test_a_code_said_to_be_wrong_before_the_right_one_loses() -> None:
    text = ("Mon adresse : 3 rue Voltaire, 44100 Nantes. Au guichet j'avais écrit 44000, "
            "c'était une erreur : c'est bien 44100.")
    assert _address(text)["postal_code"] == "44100"


def test_a_corrected_commune_alone() -> None:
    text = ("Mettez à jour mon adresse partout : 2 allée des Tilleuls, 94200 Paris. Non en "
            "fait, la ville c'est Ivry-sur-Seine, le code est bon.")
    address = _address(text)
    assert address["commune"] == "Ivry-sur-Seine"
    assert address["postal_code"] == "94200"


def test_a_street_number_corrected_in_a_text_message() -> None:
    text = "nouvelle adresse 4 rue victor hugo 37000 tours partout. correction c est 14 pas 4"
    assert _address(text)["line"] == "14 rue Victor Hugo"


def test_enfin_je_veux_dire_names_the_child_meant() -> None:
    cat = default_catalogue()
    records = {"caf": {"children": [{"given_name": "Nina"}, {"given_name": "Hugo"}]}}
    values, _ = extract_form_values(
        cat, cat.procedure("restauration-scolaire"),
        [("Je voudrais inscrire Hugo à la cantine, enfin je veux dire Nina.", None)],
        records=records)
    assert values["child_name"] == "Nina"


def test_a_document_needed_for_an_employer_is_the_citizens_own() -> None:
    from agents.extract import extract_recipient

    assert extract_recipient("Il me faut une attestation de droits pour mon employeur.") is None
    # Sent there, it is a disclosure.
    assert extract_recipient("Il me faut une attestation de droits, envoyez-la à mon "
                             "employeur.") == "mon employeur"


@pytest.mark.parametrize("text,expected", [
    ("Changez mon adresse partout, sauf pour la carte grise : la voiture reste chez ma "
     "sœur.", ["changement-adresse"]),
    ("Je ne veux surtout pas du RSA, je demande la complémentaire santé solidaire.", ["css"]),
])
def test_negations_with_sauf_and_surtout(text: str, expected: list[str]) -> None:
    assert classify(text) == expected


@pytest.mark.parametrize("footer", ["Envoyé depuis Outlook pour Android",
                                    "Sent from Outlook for iOS"])
def test_a_mobile_mail_footer_is_set_aside(footer: str) -> None:
    from agents.reading import read_message

    reading = read_message(f"Je voudrais un extrait d'acte de naissance.\n\n{footer}")
    assert reading.own == "Je voudrais un extrait d'acte de naissance."


@pytest.mark.parametrize("text,expected", [
    # Anger at a landlord is no complaint about a public service.
    ("J'en ai assez, c'est une honte : le propriétaire ne répare rien. Je veux déposer une "
     "demande de logement social.", ["logement-social"]),
    # A move told as the reason, every request about the vehicle's card.
    ("J'ai déménagé le mois dernier, nouvelle adresse : 5 rue Nationale, 37000 Tours. "
     "Pouvez-vous mettre à jour la carte grise de ma voiture ?", ["carte-grise-adresse"]),
    # Confirming a demand, after "suite à votre message".
    ("Suite à votre message, je vous confirme ma demande de complémentaire santé solidaire. "
     "Mon revenu fiscal de référence est de 8 900 €.", ["css"]),
    # Data given after "suite à votre message".
    ("Suite à votre message, voici ma nouvelle adresse : 8 rue de Brest, 35000 Rennes. Le "
     "déménagement a eu lieu le 2 novembre.", ["changement-adresse"]),
    # A topic whose only predicate is negated, in a list.
    ("Voici ce qu'il me faut :\n- déclarer ma nouvelle adresse aux organismes : 3 rue Nationale, "
     "59000 Lille\n- pour le logement social, rien à faire : je ne demande rien",
     ["changement-adresse"]),
    # Received already, in a list.
    ("- pour l'acte de naissance j'ai bien eu votre envoi, merci\n- par contre le trottoir est "
     "défoncé devant le 4 rue Jean Jaurès", ["signalement-voirie"]),
    # A demand filed, and a question about its delay.
    ("- je dépose ma demande de logement social\n- combien de temps pour une réponse ?",
     ["logement-social"]),
])
def test_kinds_of_mention_and_request(text: str, expected: list[str]) -> None:
    assert classify(text) == expected


def test_a_copied_exchange_below_is_set_aside() -> None:
    from agents.reading import read_message

    text = ("Je souhaite inscrire mon fils à la cantine.\n\n----- échange précédent -----\n"
            "Moi : et pour le RSA ?\nGuichet : le RSA se demande en ligne.")
    assert read_message(text).own == "Je souhaite inscrire mon fils à la cantine."


@pytest.mark.parametrize("text", [
    "hola, cuánto tiempo tarda la inscripción en las listas electorales? solo es una pregunta",
    "olá, quanto tempo demora a inscrição nas listas eleitorais? é só uma pergunta",
])
def test_a_question_in_another_language_is_a_question(text: str) -> None:
    assert classify(text) == ["renseignement"]


def test_the_tax_year_is_the_one_the_tax_words_name() -> None:
    cat = default_catalogue()
    values, _ = extract_form_values(
        cat, cat.procedure("reclamation-fiscale"),
        [("Retraitée depuis 2018, je conteste mon impôt sur le revenu 2025 : je pense devoir "
          "610 €, pas 980 €.", None)], records={})
    assert values["year"] == 2025
    assert values["claimed_amount"] == 610.0


def test_a_monthly_instalment_is_not_the_claimed_tax() -> None:
    cat = default_catalogue()
    values, _ = extract_form_values(
        cat, cat.procedure("reclamation-fiscale"),
        [("Je paie 90 € prélevés chaque mois pour l'impôt sur le revenu 2025. L'impôt dû est "
          "de 620 € en réalité, je demande la correction.", None)], records={})
    assert values["claimed_amount"] == 620.0
